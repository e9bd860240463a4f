"""Notes read as the writer's CommonMark/GFM preview shows them (markdown-it-py is the reference).

The differential oracle (``tests.support.preview``) compares the preview's blocks of a note with the
site's rendering: every list item at its depth with its text, every paragraph, heading and table cell,
every code block byte for byte. It runs on the raw seed, every fixture note, notes written by Hypothesis
from the writer's constructs, and the CommonMark spec's own examples.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from studysite.notes.frontmatter import FRONT_MATTER
from studysite.notes.translate import CODE_TAB, restore_tabs, translate
from tests.support.preview import compare, html_tree, preview_tree, site_html
from tests.support.project import ROOT

SEED = ROOT.parent / "shared" / "seed" / "docker-1.md"
FIXTURES = ROOT / "tests" / "fixtures"
#: Fixture notes: every Markdown note under tests/fixtures (outputs of the diagram pass are not notes).
NOTES = sorted(
    path
    for path in FIXTURES.rglob("*.md")
    if "diagram_pins" not in path.parts and path.name != "abbreviations.md"
)


def body(note: str) -> str:
    """The note after its front matter, as MkDocs hands it to the hooks."""
    return note[m.end() :] if (m := FRONT_MATTER.match(note)) else note


def assert_reads_as_previewed(note: str) -> None:
    diff = compare(preview_tree(note), html_tree(site_html(body(note))))
    assert not diff, f"the site reads the note differently from its preview:\n{diff}\n--- note ---\n{note}"


# --- the translation, input → expected ------------------------------------------------------------------

TRANSLATIONS = [
    (
        "a list glued to a paragraph",
        "データを残すにはボリュームを使う\n- named volume\n  - `docker volume create`\n- bind mount\n",
        "データを残すにはボリュームを使う\n\n- named volume\n    - `docker volume create`\n- bind mount\n",
    ),
    (
        "a bullet right after a closing fence",
        "```\n$ docker ps\n```\n* 一覧が出る\n",
        "```\n$ docker ps\n```\n\n* 一覧が出る\n",
    ),
    (
        "a fence at the item's content column",
        "* 起動する\n  ```sh\n  docker run hello-world\n  ```\n* 止める\n",
        "* 起動する\n    ```sh\n    docker run hello-world\n    ```\n* 止める\n",
    ),
    (
        "numbered steps with bullets under them",
        "1. 入れる\n   * apt\n2. 動かす\n",
        "1. 入れる\n    * apt\n2. 動かす\n",
    ),
    ("tab indents", "* a\n\t* b\n\t\t* c\n", "* a\n    * b\n        * c\n"),
    ("1) markers", "1) 一つ目\n2) 二つ目\n", "1. 一つ目\n2. 二つ目\n"),
    ("a lazy line goes into its item", "* 一行目\n続きの行\n", "* 一行目\n    続きの行\n"),
    (
        "text Python-Markdown alone would read as a heading or a list item",
        "#タグ の行\n続き\n2. は文の続き\n",
        "\\#タグ の行\n続き\n2\\. は文の続き\n",
    ),
    (
        "a bare URL, its utm_ dropped, Japanese punctuation left out",
        "手順 https://docs.docker.com/engine/install/?utm_source=news&x=1。\n",
        "手順 <https://docs.docker.com/engine/install/?x=1>。\n",
    ),
    ("a setext heading", "題\n===\n", "# 題\n"),
    (
        "indented code becomes a fence, tabs kept",
        "本文\n\n    all:\n    \tgcc a.c\n",
        f"本文\n\n```\nall:\n{CODE_TAB}gcc a.c\n```\n",
    ),
    ("an unclosed fence is closed", "* a\n  ```\n  x\n", "* a\n    ```\n    x\n    ```\n"),
    ("two lists side by side", "- a\n+ b\n", "- a\n\n<!-- -->\n\n+ b\n"),
    (
        "a fence opening an item",
        "- ```\n  code\n  ```\n",
        "- <!-- -->\n    ```\n    code\n    ```\n",
    ),
    ("an info string superfences would refuse", "~~~ ruby $%@#\nx\n~~~\n", "~~~ruby\nx\n~~~\n"),
]


@pytest.mark.parametrize(("name", "note", "expected"), TRANSLATIONS, ids=[t[0] for t in TRANSLATIONS])
def test_translate(name: str, note: str, expected: str) -> None:
    assert translate(note).text == expected
    assert_reads_as_previewed(note)


def test_an_ordered_list_starts_at_the_writers_number() -> None:
    assert '<ol start="3">' in site_html("1. 一つ目\n```\nx\n```\n3. 三つ目\n")


def test_lines_map_back_to_the_note() -> None:
    note = "# 題\n本文\n- a\n- b\n  ```\n  x\n"
    translation = translate(note)
    lines = translation.text.split("\n")
    for k, line in enumerate(lines, start=1):
        if line.strip() and line.strip() not in ("```",):
            source = note.split("\n")[translation.line_of(k) - 1]
            assert line.strip().lstrip("-* ") in source, (k, line, source)
    assert [(p.line, "never closed" in p.message) for p in translation.problems] == [(5, True)]


def test_tabs_in_code_survive_python_markdown() -> None:
    html = site_html("```make\nall:\n\tgcc -o a a.c\n```\n\n    run:\n    \t./a\n")
    text = re.sub(r"<[^>]+>", "", html)
    assert "all:\n\tgcc -o a a.c" in text and "run:\n\t./a" in text
    assert CODE_TAB not in html
    assert restore_tabs("x") == "x"


def test_a_noncharacter_in_the_note_cannot_pose_as_a_tab() -> None:
    assert CODE_TAB not in translate(f"```\na{CODE_TAB}b\n```\n").text.replace(CODE_TAB + "b", "")


# --- the oracle on real notes -----------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not beside the checkout")
def test_the_raw_seed_reads_as_previewed() -> None:
    assert_reads_as_previewed(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", NOTES, ids=[str(p.relative_to(FIXTURES)) for p in NOTES])
def test_every_fixture_note_reads_as_previewed(path: Path) -> None:
    assert_reads_as_previewed(path.read_text(encoding="utf-8"))


# --- notes Hypothesis writes from the writer's constructs ------------------------------------------------

WORDS = st.sampled_from(
    ["コンテナ", "イメージを作る", "Docker Hub", "`docker ps`", "ホストOS", "cgroups", "VM", "*強調*"]
)
URLS = st.sampled_from(
    ["https://docs.docker.com/?utm_source=x", "www.docker.com/blog", "https://example.com/a_(b)"]
)
TAILS = st.sampled_from(["", "。", "（※1）", "、", ")", " です"])
INDENTS = st.sampled_from(["  ", "    ", "\t"])
MARKERS = st.sampled_from(["*", "-", "+", "1.", "1)"])
DRAWING = "```\n----------\n|app     |\n----------\n|Host OS |\n----------\n```"


@st.composite
def sentences(draw: st.DrawFn) -> str:
    parts = draw(st.lists(WORDS, min_size=1, max_size=3))
    if draw(st.booleans()):
        parts.append(draw(URLS) + draw(TAILS))
    return " ".join(parts) + draw(TAILS)


@st.composite
def lists(draw: st.DrawFn) -> str:
    indent, marker = draw(INDENTS), draw(MARKERS)
    lines: list[str] = []
    depth = 0
    for _ in range(draw(st.integers(1, 5))):
        depth = draw(st.integers(0, min(depth + 1, 2)))
        m = marker if depth == 0 else draw(st.sampled_from(["*", "-"]))
        pad = indent * depth if m in "*-+" or depth == 0 else indent * depth
        if depth and marker[0].isdigit() and indent == "  ":
            pad = "   " * depth  # under "1. ", the content column is 3
        lines.append(f"{pad}{m} {draw(sentences())}")
        if draw(st.integers(0, 5)) == 0:  # a fence at the item's content column
            column = " " * (len(pad.expandtabs(4)) + len(m) + 1)
            lines += [column + line for line in "```\n$ docker run hello-world\n```".split("\n")]
    return "\n".join(lines)


BLOCKS = st.one_of(
    sentences(),
    lists(),
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(2, 3), sentences()),
    st.just("```\n$ docker ps\nCONTAINER ID   IMAGE\n```"),
    st.just(DRAWING),
    st.just("| 項目 | 説明 |\n| --- | --- |\n| VM | 重い |"),
    st.just("項目 | 説明\n--- | ---\nコンテナ | 軽い"),
)


@st.composite
def notes(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(BLOCKS, min_size=1, max_size=6))
    glue = [draw(st.sampled_from(["\n", "\n\n"])) for _ in blocks]
    text = "# ノート\n\n" + "".join(block + sep for block, sep in zip(blocks, glue, strict=True))
    if "※1" in text:
        text += "\n※1 注記\n"
    return text


@settings(max_examples=300, derandomize=True)
@given(notes())
@example("# ノート\n\n本文\n* a\n  ```\n  x\n  ```\n* b\nhttps://example.com/?utm_source=a。\n")
@example("# ノート\n\nコンテナ\n\t* コンテナ\n      ```\n      $ docker run hello-world\n      ```\n")
@example("# ノート\n\n項目 | 説明\n--- | ---\nコンテナ | 軽い\n| 項目 | 説明 |\n| --- | --- |\n| VM | 重い |")
def test_generated_notes_read_as_previewed(note: str) -> None:
    assert_reads_as_previewed(note)


# --- the CommonMark spec's own examples ---------------------------------------------------------------

SPEC = json.loads((FIXTURES / "commonmark" / "spec-examples.json").read_text(encoding="utf-8"))
#: The examples that read differently, each with its reason.
DEVIATIONS = {
    127: "the highlighter drops a code block's leading blank lines (Pygments' stripnl)",
    129: "the highlighter drops a code block's leading and trailing blank lines (Pygments' stripnl)",
    320: "the highlighter drops a code block's trailing blank lines (Pygments' stripnl)",
    294: "a block quote opened on a list marker's line inside a block quote: Python-Markdown cannot nest it",
    295: "a block quote opened on a list marker's line inside a block quote: Python-Markdown cannot nest it",
}


def test_the_commonmark_spec_examples_read_as_the_spec_says() -> None:
    examples = SPEC["examples"]
    differ = {}
    for case in examples:
        diff = compare(html_tree(case["html"]), html_tree(site_html(case["markdown"])))
        if diff:
            differ[case["example"]] = diff
    unexpected = {n: d for n, d in differ.items() if n not in DEVIATIONS}
    assert not unexpected, "\n\n".join(f"example {n}:\n{d}" for n, d in unexpected.items())
    assert set(differ) == set(DEVIATIONS), f"now read as the spec says: {set(DEVIATIONS) - set(differ)}"
    assert len(examples) == 122 and (len(examples) - len(differ)) / len(examples) >= 0.95
