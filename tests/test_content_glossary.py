"""The glossary page and the hover definitions, on the frozen fixture site (tests/fixtures/site/): they list
the same terms with the same definitions, the key terms are there with ASCII anchors, and every page of
the built site carries hover definitions in running text only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.pages import article, built_page, doc_pages, markdown_lines
from tests.support.project import FIXTURE_SITE

DOCS = FIXTURE_SITE / "docs"
GLOSSARY = DOCS / "glossary.md"
ABBREVIATIONS = FIXTURE_SITE / "includes" / "abbreviations.md"

#: Terms the glossary must explain (at least one spelling each).
REQUIRED_TERMS = [
    "コンテナ",
    "VM",
    "仮想マシン",
    "ハイパーバイザ",
    "ハイパーバイザー",
    "カーネル",
    "ホストOS",
    "ゲストOS",
    "chroot",
    "jail",
    "Solaris Zones",
    "Virtuozzo",
    "OpenVZ",
    "cgroups",
    "namespaces",
    "カーネルネームスペース",
    "LXC",
    "Docker",
    "Docker Engine",
    "Docker Hub",
    "OCI",
    "Swarm",
    "Kitematic",
    "Docker Machine",
    "イメージ",
    "オーケストレーション",
    "ポータビリティ",
]

#: Common words that must not become hover definitions (abbr underlines every whole-word match).
NEVER_ABBREVIATED = ["OS", "アプリケーション", "Linux", "CPU", "GUI", "CLI"]


def glossary_entries() -> list[tuple[list[str], str, str]]:
    """(spellings, anchor id, first paragraph of the definition) for each term of docs/glossary.md.

    A term is a definition-list term: `コンテナイメージ / イメージ {#image}` followed by `:   definition`.
    """
    lines = markdown_lines(GLOSSARY)
    entries = []
    for i, line in enumerate(lines[:-1]):
        if not lines[i + 1].startswith(":") or not line.strip() or line[0] in " :#-*":
            continue
        term = re.fullmatch(r"(.+?)\s*\{\s*#([^}\s]+)\s*\}", line.strip())
        assert term, f"glossary term without an {{#id}}: {line!r}"
        paragraph = [lines[i + 1][1:].strip()]
        for following in lines[i + 2 :]:
            if not following.strip():
                break
            paragraph.append(following.strip())
        entries.append(([s.strip() for s in term.group(1).split(" / ")], term.group(2), "".join(paragraph)))
    return entries


def abbreviations() -> dict[str, str]:
    found = {}
    for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        match = re.fullmatch(r"\*\[([^\]]+)\]:\s*(.+)", line)
        assert match, f"not an abbreviation line: {line!r}"
        assert match.group(1) not in found, f"defined twice: {match.group(1)}"
        found[match.group(1)] = match.group(2).strip()
    return found


def test_glossary_and_hover_definitions_agree():
    entries = glossary_entries()
    hover = abbreviations()
    glossary = {spelling: definition for spellings, _, definition in entries for spelling in spellings}
    assert len(entries) >= 20, "the glossary was not read"
    only_glossary = sorted(set(glossary) - set(hover))
    only_hover = sorted(set(hover) - set(glossary))
    assert not only_glossary, f"glossary terms without a line in includes/abbreviations.md: {only_glossary}"
    assert not only_hover, f"abbreviations without a glossary entry in docs/glossary.md: {only_hover}"
    differ = [
        f"  {term}:\n    glossary: {glossary[term]}\n    hover:    {hover[term]}"
        for term in glossary
        if glossary[term] != hover[term]
    ]
    assert not differ, "the hover text must be the glossary's first paragraph:\n" + "\n".join(differ)


def test_glossary_covers_the_key_terms_with_ascii_anchors():
    entries = glossary_entries()
    spellings = {s for names, _, _ in entries for s in names}
    assert not [t for t in REQUIRED_TERMS if t not in spellings], "missing glossary terms"
    ids = [anchor for _, anchor, _ in entries]
    assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in ids), ids
    assert len(ids) == len(set(ids)), "duplicate glossary anchors"


def test_common_words_are_not_hover_terms():
    assert not set(NEVER_ABBREVIATED) & set(abbreviations())


@pytest.mark.slow
def test_hover_definitions_reach_every_page_and_stay_out_of_code(site_dir: Path):
    glossary_html = (site_dir / "glossary" / "index.html").read_text("utf-8")
    for term in abbreviations():
        assert f">{term}</abbr>" in glossary_html, f"no hover definition for {term!r} on the glossary page"
    for source in doc_pages(DOCS):
        html = built_page(site_dir, DOCS, source).read_text("utf-8")
        assert not re.search(r"<(code|pre)\b[^>]*>(?:(?!</\1>).)*<abbr", html, re.S), source
        assert "*[" not in article(html).text, f"an abbreviation line shows as text on {source}"
