"""Raw notes as careless writers keep them: a line above the title, unclosed front matter or fence, a
chapter folder with no .nav.yml. Pure tables, then strict builds of a fixture project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studysite.notes.chapters import note_title
from studysite.notes.frontmatter import front_matter_error
from studysite.notes.meta import after_title
from studysite.notes.translate import translate
from tests.support.preview import compare, html_tree, preview_tree
from tests.support.project import build_site, fixture_project


@pytest.mark.parametrize(
    ("source", "title"),
    [
        ("# Docker 1\n\n本文\n", "Docker 1"),
        ("2018/10/24 勉強会メモ\n\n# Dockerネットワーク入門 {#net}\n", "Dockerネットワーク入門"),
        ("---\ntitle: 前書きの題\n---\n# 見出し\n", "前書きの題"),
        ("---\ndescription: x\n---\n# 見出し #\n", "見出し"),
        ("```\n# コメント\n```\n\n# 本当の題\n", "本当の題"),
        ("~~~sh\n# comment\n~~~\n", None),
        ("## 二段目だけ\n", None),
        ("#ハッシュタグ\n", None),
    ],
)
def test_note_title(source: str, title: str | None) -> None:
    assert note_title(source) == title


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("---\ntitle: 入門\ndescription: 基本\n\n# 本文\n", 1),
        ("---\ntitle: 入門\n---\n# 本文\n", None),
        ("---\n\n# 罫線で始まるノート\n", None),
        ("---\nただの文\n", None),
        ("# 題\n---\ntitle: x\n", None),
    ],
)
def test_unclosed_front_matter(source: str, line: int | None) -> None:
    error = front_matter_error(source)
    assert (error[0] if error else None) == line, error


NEVER_CLOSED = "this code fence is never closed, so it runs to the end of its block: end it with a line of "


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a\n```\nx\n```\nb", None),
        ("a\n```\nmysql> select 1;\n", 2),
        ("````\n```\n````", None),
        ("~~~\n```\n~~~", None),
        # CommonMark: a closing fence may be longer than its opener (the old reader wanted it exact)
        ("```\nx\n`````", None),
        ("  ```sh\n  x\n  ```", None),
        ("inline ```code``` here", None),
        # a fence in a list item ends with its item: the next item closes it, as the preview shows
        ("- a\n  ```\n  x\n- b\n", 2),
        ("> ```\n> x\nout", 1),
    ],
)
def test_unclosed_fence(text: str, line: int | None) -> None:
    """The 1-based line of a fence nothing closes, reported by the translation (which closes it where
    CommonMark ends it)."""
    problems = [(p.line, p.message) for p in translate(text).problems]
    assert problems == ([] if line is None else [(line, NEVER_CLOSED + "```")])


def test_an_unclosed_fence_on_the_last_line_is_reported() -> None:
    problems = [(p.line, p.message) for p in translate("```\n```\n```").problems]
    assert problems == [(3, NEVER_CLOSED + "```")]


@pytest.mark.parametrize(
    ("text", "expected"), [("```\nx", "```\nx\n```"), ("a\n```\nx\ny", "a\n\n```\nx\ny\n```")]
)
def test_an_unclosed_fence_at_the_end_without_a_newline_keeps_its_code(text: str, expected: str) -> None:
    translation = translate(text)
    assert translation.text == expected
    assert [p.line for p in translation.problems] == [text.split("\n").index("```") + 1]


def test_after_title_skips_what_stands_above_the_h1() -> None:
    assert after_title("<p>2018/10/24</p><h1>題</h1><p>本文</p>") == "<p>本文</p>"
    assert after_title("<p>本文</p>") == "<p>本文</p>"


DATED = (
    "2018/10/24 勉強会メモ\n\n# Dockerネットワーク入門\n\n"
    "ネットワークの基本をまとめる。\n\n* 項目\n  * 下位\n"
)
#: The fence now reads as code (CommonMark ends it with the note), so the line above it is its caption, not
#: the page's description: a sentence of prose comes first.
UNCLOSED_FENCE = "# フェンス\n\n説明の文。\n\n図の前の文。\n\n```\nmysql> select 1;\n\n続き\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("edges")
    project = fixture_project(root / "project")
    chapter = project / "docs" / "zz-test-dated-chapter"
    chapter.mkdir()
    (chapter / "index.md").write_text(DATED, encoding="utf-8")
    (chapter / "fence.md").write_text(UNCLOSED_FENCE, encoding="utf-8")
    out = root / "site"
    return build_site(project, out), out


def test_a_line_above_the_title_does_not_take_the_title(built) -> None:
    result, out = built
    page = (out / "zz-test-dated-chapter" / "index.html").read_text(encoding="utf-8")
    assert "<title>Dockerネットワーク入門 - " in page
    assert '<meta name="description" content="ネットワークの基本をまとめる。"' in page
    assert 'content="Index' not in page and "<title>Index" not in page


def test_a_chapter_folder_without_nav_title_is_named_by_its_note(built) -> None:
    _, out = built
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Zz test dated chapter" not in home
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', home)
    assert any("Dockerネットワーク入門" in label for label in nav), nav


def test_an_unclosed_fence_is_a_located_warning(built) -> None:
    result, _ = built
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, result.stderr
    assert "zz-test-dated-chapter/fence.md:7: this code fence is never closed" in warnings[0]
    # and the page shows the rest of the note as the code the preview shows, not as text
    _, out = built
    page = (out / "zz-test-dated-chapter" / "fence" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert not (diff := compare(preview_tree(UNCLOSED_FENCE), html_tree(article))), diff
    assert "code: 'mysql> select 1;\\n\\n続き'" in html_tree(article)


def test_unclosed_front_matter_stops_the_build_with_its_line(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    (project / "docs" / "zz-test-open.md").write_text(
        "---\ntitle: 入門\ndescription: 基本\n\n# 本文\n\n文。\n", encoding="utf-8"
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "zz-test-open.md:1: front matter is never closed: end it with a '---' line" in result.stderr
    assert "Traceback" not in result.stderr
