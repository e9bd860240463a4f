"""Page metadata on the frozen fixture site (tests/fixtures/site/): every page has a <title>, a
<meta name="description"> from its front matter, one `# ` title and explicit ASCII heading ids.

The house rules for the fixture's sources are checked by ``source_problems``, which says in one line per
page what is missing and how to fix it; the build-side checks are ``tests.support.site_checks``, which
hold for any notes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from tests.support.pages import HeadMeta, article, built_page, doc_pages
from tests.support.project import FIXTURE_SITE
from tests.support.site_checks import page_problems

DOCS = FIXTURE_SITE / "docs"
EXPLICIT_ID = re.compile(r"\{\s*#[a-z0-9-]+\s*\}\s*$")


def source_problems(text: str) -> list[str]:
    """What a note's Markdown lacks under the house rules: a front-matter description, exactly one `# `
    title, and an explicit ASCII ``{#id}`` on every heading."""
    problems = []
    _, meta = get_data(text)
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append("front matter needs a `description:` (one sentence, used for link previews)")
    body, _ = get_data(text)
    lines = markdown_lines_of(body)
    titles = sum(1 for line in lines if line.startswith("# "))
    if titles != 1:
        problems.append(f"a page has exactly one `# ` title, this one has {titles}")
    bare = [line for line in lines if re.match(r"#{1,6} ", line) and not EXPLICIT_ID.search(line)]
    if bare:
        problems.append(f"headings need an explicit ASCII id, e.g. `## 見出し {{#heading-id}}`: {bare}")
    return problems


def markdown_lines_of(body: str) -> list[str]:
    lines, in_fence = [], False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence:
            lines.append(line)
    return lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ndescription: 説明。\n---\n# 題 {#t}\n\n## 節 {#s}\n", []),
        ("# 題 {#t}\n", ["front matter needs a `description:`"]),
        ("---\ndescription: ''\n---\n# 題 {#t}\n", ["front matter needs a `description:`"]),
        (
            "---\ndescription: 説明。\n---\n# 題 {#t}\n# 二つ目 {#u}\n",
            ["exactly one `# ` title, this one has 2"],
        ),
        ("---\ndescription: 説明。\n---\n## 節 {#s}\n", ["exactly one `# ` title, this one has 0"]),
        (
            "---\ndescription: 説明。\n---\n# 題 {#t}\n## VMとコンテナ\n",
            ["explicit ASCII id", "VMとコンテナ"],
        ),
        ("---\ndescription: 説明。\n---\n# 題 {#t}\n## 節 {#節}\n", ["explicit ASCII id"]),
        ("---\ndescription: 説明。\n---\n# 題 {#t}\n```\n# a shell comment\n```\n", []),
    ],
)
def test_source_rules_say_what_is_missing(text: str, expected: list[str]):
    problems = source_problems(text)
    assert len(problems) == (1 if expected else 0), problems
    for part in expected:
        assert part in problems[0], problems


@pytest.mark.parametrize("source", doc_pages(DOCS), ids=lambda p: str(p.relative_to(DOCS)))
def test_page_source_has_description_title_and_heading_ids(source: Path):
    problems = source_problems(source.read_text(encoding="utf-8"))
    assert not problems, f"{source.relative_to(DOCS)}:\n  " + "\n  ".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("source", doc_pages(DOCS), ids=lambda p: str(p.relative_to(DOCS)))
def test_built_page_has_title_description_and_ascii_heading_ids(site_dir: Path, source: Path):
    html = built_page(site_dir, DOCS, source).read_text(encoding="utf-8")
    head = HeadMeta()
    head.feed(html)
    _, meta = get_data(source.read_text(encoding="utf-8"))
    assert head.title.strip(), "empty <title>"
    assert "description" in meta, f"{source.relative_to(DOCS)}: front matter has no `description:`"
    assert head.description == meta["description"], "<meta name=description> is not the front matter's"
    headings = article(html).headings
    assert headings and headings[0][0] == "h1"
    bad = [
        (tag, heading_id)
        for tag, heading_id in headings
        if not heading_id or not re.fullmatch(r"[a-z0-9-]+", heading_id)
    ]
    assert not bad, f"headings without a pure ASCII id: {bad}"
    assert "&lt;abbr" not in html, "a hover definition leaked into text as markup"


@pytest.mark.slow
def test_every_page_passes_the_generator_checks(site_dir: Path):
    problems = page_problems(site_dir, DOCS)
    assert not problems, "\n".join(problems)


def test_generator_checks_name_the_page_and_what_is_wrong(tmp_path: Path):
    """page_problems on a hand-made site: each fault is reported once, with the note's path."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    notes = {
        "good.md": "---\ndescription: D\n---\n# T\n",
        "untitled.md": "# T\n",
        "wrong.md": "---\ndescription: D\n---\n# T\n",
        "missing.md": "# T\n",
    }
    pages = {
        "good": '<title>T</title><meta name="description" content="D"><article><h1 id="t">T</h1></article>',
        "untitled": '<title> </title><meta name="description" content="X"><article><h1 id="t">T</h1>'
        '<h2 id="_1">a</h2><h2 id="_1">b</h2><h3 id="">c</h3><h3 id="節">d</h3></article>',
        "wrong": '<title>T</title><meta name="description" content="E"><article><h2 id="t">T</h2>'
        "<pre><code><abbr>OCI</abbr></code></pre><p>*[OCI]: x &lt;abbr</p></article>",
    }
    docs.mkdir()
    for name, text in notes.items():
        (docs / name).write_text(text, encoding="utf-8")
    for name, html in pages.items():
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(html, encoding="utf-8")
    problems = page_problems(site, docs)
    assert problems == [
        "missing.md: not built (missing/index.html is missing)",
        "untitled.md: empty <title>",
        "untitled.md: heading ids that are empty or not ASCII: ['', '節']",
        "untitled.md: heading ids used twice on the page: ['_1']",
        "wrong.md: description 'E' is not the front matter's 'D'",
        "wrong.md: the first heading is not an h1: [('h2', 't')]",
        "wrong.md: a hover definition leaked into the text as markup",
        "wrong.md: a hover definition inside code",
        "wrong.md: an abbreviation line shows as text",
    ], "\n".join(problems)
