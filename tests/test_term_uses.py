"""Where glossary terms are used (studysite.notes.glossary.term_uses, studysite.notes.term_uses) and the
last-changed dates from git (studysite.site.dates): pure functions, tables."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from studysite.notes.glossary import annotate, compile_glossary, term_uses
from studysite.notes.term_uses import Entry, PageTerms, add_uses, entry_uses, glossary_entries, spellings
from studysite.site.dates import clamp, day, japanese_date, last_changed, parse_log

GLOSSARY = compile_glossary(
    {
        "コンテナ": "c",
        "コンテナイメージ": "ci",
        "カーネル": "k",
        "カーネルネームスペース": "kn",
        "OCI": "o",
        "R&D": "r",
    }
)

USES = [
    # (page HTML, {term: sections in order}) — every occurrence, the section it is under
    ("<p>コンテナとカーネル</p>", {"コンテナ": [""], "カーネル": [""]}),
    (
        '<p>コンテナ</p><h2 id="a">A</h2><p>カーネル</p><h3 id="b">B</h3><p>カーネルとコンテナ</p>',
        {"コンテナ": ["", "b"], "カーネル": ["a", "b"]},
    ),
    # the longer term wins, as in the marking: no カーネル inside カーネルネームスペース
    (
        "<p>カーネルネームスペースとコンテナイメージ</p>",
        {"カーネルネームスペース": [""], "コンテナイメージ": [""]},
    ),
    # not in code, links, headings or diagrams; ASCII terms whole words only; entities whole
    (
        '<h2 id="x">コンテナ</h2><p><code>コンテナ</code><a href="#">カーネル</a> OCIs R&amp;D</p>'
        '<div class="mermaid">コンテナ</div>',
        {"R&D": ["x"]},
    ),
    # under a heading without an id (nothing to link to) or after an h1, a use is at the page's top
    ('<h2 id="s">S</h2><p>OCI</p><h3>T</h3><p>OCI</p><h1 id="t">T</h1><p>OCI</p>', {"OCI": ["s", ""]}),
    ("<p>nothing here</p>", {}),
]


@pytest.mark.parametrize(("html", "expected"), USES)
def test_term_uses(html: str, expected: dict[str, list[str]]):
    assert term_uses(html, GLOSSARY) == expected


@pytest.mark.parametrize(("html", "expected"), USES)
def test_uses_are_where_the_marking_marks(html: str, expected: dict[str, list[str]]):
    """Every term the marking wraps on a page is a term found used there, and the reverse."""
    marked = annotate(html, GLOSSARY)
    found = {term for term in GLOSSARY.terms if f">{GLOSSARY_HTML[term]}</abbr>" in marked}
    assert found == set(expected)


GLOSSARY_HTML = {term: term.replace("&", "&amp;") for term in GLOSSARY.terms}

PAGES = [
    PageTerms("../a/", "ページA", {"x": "節X", "y": "節Y"}, {"カーネル": ["y", "", "x"], "OCI": ["x"]}),
    PageTerms("../b/", "ページB", {}, {"カーネルネームスペース": [""]}),
]


def test_entry_uses_groups_an_entry_s_spellings_in_page_and_heading_order():
    uses = entry_uses(["カーネル", "OCI"], PAGES)
    assert [use.page.url for use in uses] == ["../a/"]
    assert [(s.url, s.title) for s in uses[0].sections] == [("../a/#x", "節X"), ("../a/#y", "節Y")]
    assert entry_uses(["カーネルネームスペース", "namespaces"], PAGES)[0].sections == []
    assert entry_uses(["jail"], PAGES) == []


def test_add_uses_puts_the_list_at_the_end_of_each_used_entry():
    html = (
        '<dl>\n<dt id="kernel"><abbr title="k">カーネル</abbr></dt>\n<dd>OSの核。<p>関連</p></dd>\n'
        '<dt id="jail">jail</dt>\n<dd>FreeBSD</dd>\n<dt>OCI</dt>\n<dd>標準</dd>\n</dl>'
    )
    out = add_uses(html, PAGES, lambda uses: f"[{len(uses)}]")
    assert "<dd>OSの核。<p>関連</p>[1]</dd>" in out
    assert "<dd>FreeBSD</dd>" in out  # no page uses jail: no list
    assert "<dd>標準[1]</dd>" in out  # an entry without an id gets its list too


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        ("VM / 仮想マシン", ["VM", "仮想マシン"]),
        (
            '<abbr title="x">cgroups</abbr> / CGroups / Control Groups',
            ["cgroups", "CGroups", "Control Groups"],
        ),
        ("R&amp;D", ["R&D"]),
        ("TCP/IP", ["TCP/IP"]),  # a slash inside a term is not a separator
    ],
)
def test_spellings(dt: str, expected: list[str]):
    assert spellings(dt) == expected


def test_glossary_entries_as_plain_text():
    html = (
        '<dt id="vm">VM / 仮想マシン</dt>\n'
        '<dd><p>Virtual <abbr title="x">Machine</abbr>の略。</p><p>関連</p></dd>'
    )
    assert glossary_entries(html) == [Entry("vm", "VM / 仮想マシン", "Virtual Machineの略。 関連")]
    assert glossary_entries("<dt>OCI</dt><dd>標準</dd>") == [], "no id, no search result address"


# -- dates ---------------------------------------------------------------------------------------------------

LOG = (
    "\x012026-03-06T01:30:00+09:00\x00\ndocs/b.md\x00"
    "\x012026-02-01T00:00:00+00:00\x00"  # a merge: no files
    "\x012026-01-10T10:00:00+09:00\x00\ndocs/a.md\x00docs/b.md\x00docs/名前 空白.md\x00"
)


def test_parse_log_keeps_each_file_s_newest_commit():
    assert parse_log(LOG) == {
        "docs/b.md": "2026-03-06T01:30:00+09:00",
        "docs/a.md": "2026-01-10T10:00:00+09:00",
        "docs/名前 空白.md": "2026-01-10T10:00:00+09:00",
    }


@pytest.mark.parametrize(
    ("iso", "japanese", "calendar"),
    [
        ("2026-03-06T01:30:00+09:00", "2026年3月6日", "2026-03-06"),  # the commit's own day, not UTC's
        ("2026-12-31T23:59:59-05:00", "2026年12月31日", "2026-12-31"),
        ("2027-01-01T00:00:00+00:00", "2027年1月1日", "2027-01-01"),
    ],
)
def test_dates_in_japanese_and_for_the_sitemap(iso: str, japanese: str, calendar: str):
    assert japanese_date(iso) == japanese and day(iso) == calendar


def test_source_date_epoch_caps_a_later_date():
    assert clamp("2026-03-06T01:30:00+09:00", None) == "2026-03-06T01:30:00+09:00"
    assert clamp("2026-03-06T01:30:00+09:00", "1700000000") == "2023-11-14T22:13:20+00:00"
    assert clamp("2020-01-01T00:00:00+00:00", "1700000000") == "2020-01-01T00:00:00+00:00"
    assert clamp("2020-01-01T00:00:00+00:00", "not a number") == "2020-01-01T00:00:00+00:00"


def test_a_folder_outside_git_has_no_dates(tmp_path: Path):
    (tmp_path / "a.md").write_text("# a\n", encoding="utf-8")
    assert last_changed(tmp_path) == {}
    assert last_changed(tmp_path / "missing") == {}


def test_dates_of_a_subfolder_of_a_checkout(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a b.md").write_text("# a\n", encoding="utf-8")
    (tmp_path / "other.md").write_text("# o\n", encoding="utf-8")
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_DATE": "2026-01-10T10:00:00+09:00"}
    env |= {"GIT_COMMITTER_DATE": "2026-01-10T10:00:00+09:00", "PATH": "/usr/bin:/bin"}
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    (docs / "new.md").write_text("# n\n", encoding="utf-8")  # not committed: no date
    assert last_changed(docs) == {"a b.md": "2026-01-10T10:00:00+09:00"}
