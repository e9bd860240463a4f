"""Nested lists come out at the depth the writer indented them: 2 spaces, 4 spaces or tabs.

Each case is rendered by Python-Markdown with the site's block extensions after ``translate`` (the note in
Python-Markdown's dialect); the list tree of the HTML must be the expected one, which is also the list tree
a CommonMark/GFM preview shows (``raw_tree``), and code must come out byte for byte.
"""

from __future__ import annotations

import difflib

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studysite.notes.blocks import code_lines
from studysite.notes.translate import CODE_TAB, restore_tabs, translate
from tests.support import preview
from tests.support.lists import html_tree, raw_tree

EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "pymdownx.details"]
EXTENSIONS += ["pymdownx.superfences"]


def render(text: str) -> str:
    body = restore_tabs(markdown.markdown(translate(text).text, extensions=EXTENSIONS))  # as hooks/raw_notes
    return f"<article>{body}</article>"


def tree(text: str) -> list[tuple[int, str]]:
    return html_tree(render(text))


A_B_C = [(0, "a"), (1, "b"), (2, "c"), (0, "d")]

CASES = [
    ("2 spaces", "* a\n  * b\n    * c\n* d\n", A_B_C),
    ("4 spaces", "* a\n    * b\n        * c\n* d\n", A_B_C),
    ("tabs", "* a\n\t* b\n\t\t* c\n* d\n", A_B_C),
    ("3 spaces under 1.", "1. a\n   1. b\n      1. c\n2. d\n", A_B_C),
    ("2 spaces, dashes", "- a\n  - b\n    - c\n- d\n", A_B_C),
    ("2 spaces, loose", "* a\n  * b\n    * c\n\n* d\n", A_B_C),
    ("3 spaces, ul in ol", "1. a\n   * b\n     * c\n2. d\n", A_B_C),
    # CommonMark: 2 spaces is less than "1. "'s content column, so "* b" starts a list of its own
    ("2 spaces, ul under ol", "1. a\n  * b\n    * c\n2. d\n", [(0, "a"), (0, "b"), (1, "c"), (0, "d")]),
    ("back two levels", "* a\n  * b\n    * c\n* d\n  * e\n", [*A_B_C, (1, "e")]),
    ("in an admonition", "!!! note\n    * a\n      * b\n        * c\n    * d\n", A_B_C),
    ("in details", '??? note "x"\n    * a\n      * b\n        * c\n    * d\n', A_B_C),
    ("in a block quote", "> * a\n>   * b\n>     * c\n> * d\n", A_B_C),
    ("in a nested quote", "> > * a\n> >   * b\n> >     * c\n> > * d\n", A_B_C),
    ("lazy line", "* a\n  * b\n  more of b\n* d\n", [(0, "a"), (1, "b more of b"), (0, "d")]),
    ("aligned continuation", "* a\n  * b\n    more of b\n* d\n", [(0, "a"), (1, "b more of b"), (0, "d")]),
    # CommonMark: a bullet list may interrupt a paragraph (Python-Markdown alone reads it as text)
    ("after a paragraph", "para\n* a\n  * b\n", [(0, "a"), (1, "b")]),
    ("after a fence", "```\nx\n```\n* a\n  * b\n", [(0, "a"), (1, "b")]),
    ("1) markers", "1) a\n   1) b\n2) d\n", [(0, "a"), (1, "b"), (0, "d")]),
    ("after a heading", "## H\n* a\n  * b\n", [(0, "a"), (1, "b")]),
    ("flat list", "* a\n* b\n", [(0, "a"), (0, "b")]),
    ("paragraph in the item", "* a\n  * b\n\n  para of a\n\n* d\n", [(0, "a para of a"), (1, "b"), (0, "d")]),
    ("paragraph in the sub-item", "* a\n  * b\n\n      para of b\n", [(0, "a"), (1, "b para of b")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_list_tree(name: str, text: str, expected: list[tuple[int, str]]) -> None:
    assert raw_tree(text) == expected, f"{name}: the preview reads it otherwise"
    assert tree(text) == expected, f"{name}: {render(text)}"


CODE_CASES = [
    ("indented code in a nested item", "* a\n  * b\n\n        code  x\n\n* d\n", "code  x\n", (1, "b")),
    ("indented code in a 2-space item", "* a\n  * b\n* c\n\n      code  x\n", "code  x\n", (0, "c")),
    (
        "fence in a 2-space item",
        "* a\n  * b\n\n  ```\n  * not an item\n    x\n  ```\n",
        "* not an item\n  x\n",
        (0, "a"),
    ),
    ("fence in a nested item", "* a\n  * b\n\n    ```\n    y\n      z\n    ```\n", "y\n  z\n", (1, "b")),
    ("4-space item, code", "* a\n    * b\n\n            code\n", "code\n", (1, "b")),
    # glued to the item's text at its content column, as the writer's preview shows it
    (
        "fence glued to a 2-space item",
        "* a\n  ```\n  * not an item\n  ```\n* b\n",
        "* not an item\n",
        (0, "a"),
    ),
    ("fence glued to a numbered step", "1. step\n   ```\n   $ ls\n   ```\n   * sub\n", "$ ls\n", (0, "step")),
    ("fence in a tab-indented item", "* a\n\t* b\n\n\t  ```\n\t  x\n\t  ```\n", "x\n", (1, "b")),
]


@pytest.mark.parametrize(("name", "text", "code", "holder"), CODE_CASES, ids=[c[0] for c in CODE_CASES])
def test_code_inside_items_stays_code_in_its_item(name: str, text: str, code: str, holder: tuple) -> None:
    html = render(text)
    assert f"<code>{code}</code>" in html or f"{code}</code>" in html, html
    # the code is inside the expected item: that item's <li> is still open where the code is
    start = html.index(code.split("\n")[0])
    assert html[:start].count("<li>") - html[:start].count("</li>") == holder[0] + 1, html


@pytest.mark.parametrize("text", ["```make\nall:\n\techo hi\n```\n", "* a\n\n  ```\n  \tx\n  ```\n"])
def test_tabs_in_code_stay_tabs(text: str) -> None:
    # Python-Markdown expands tabs: the translation keeps each as CODE_TAB, restore_tabs puts it back
    assert CODE_TAB in translate(text).text
    code = [block for block in preview.html_tree(render(text)) if "code: " in block]
    assert code == [block for block in preview.preview_tree(text) if "code: " in block]


UNTOUCHED = [
    ("top-level fence", "```\n* a\n  * b\n```\n"),
    ("4-space list", "* a\n    * b\n\n        code\n"),
]


@pytest.mark.parametrize(("name", "text"), UNTOUCHED, ids=[c[0] for c in UNTOUCHED])
def test_left_byte_for_byte(name: str, text: str) -> None:
    assert translate(text).text == text


REWRITTEN = [
    ("list after a paragraph", "para\n* a\n  * b\n", "para\n\n* a\n    * b\n"),
    ("tab list", "* a\n\t* b\n", "* a\n    * b\n"),
    ("flat list with a 2-space paragraph", "* a\n\n  para\n", "* a\n\n    para\n"),
    # CommonMark: "* * *" is a rule, and "  * b" a list of its own after it
    ("rule, then a list", "* * *\n  * b\n", "***\n\n* b\n"),
    # indented code is written as a fence (Python-Markdown would take it into a list above it)
    ("indented code", "    * a\n      * b\n", "```\n* a\n  * b\n```\n"),
    ("indented code after a paragraph", "para\n\n    * a\n      * b\n", "para\n\n```\n* a\n  * b\n```\n"),
    # line endings: Python-Markdown reads LF and CRLF alike; the translation writes LF, line for line
    ("CRLF 4-space list", "* a\r\n    * b\r\n", "* a\n    * b\n"),
    ("CRLF 2-space list", "* a\r\n  * b\r\n    * c\r\n", "* a\n    * b\n        * c\n"),
]


@pytest.mark.parametrize(("name", "text", "expected"), REWRITTEN, ids=[c[0] for c in REWRITTEN])
def test_rewritten_for_python_markdown(name: str, text: str, expected: str) -> None:
    out = translate(text).text
    diff = "\n".join(
        difflib.unified_diff(expected.split("\n"), out.split("\n"), "expected", "actual", lineterm="")
    )
    assert out == expected, diff


def test_code_lines() -> None:
    text = "para\n\n    code\n\n```\nfenced\n```\n* a\n"
    assert code_lines(text) == [False, False, True, False, True, True, True, False, False]


# --- hypothesis: a random bullet tree, drawn with 2- or 4-space indents, renders as drawn --------------

_WORDS = st.text(alphabet="abcdefgコンテナ仮想化", min_size=1, max_size=6)


@st.composite
def bullet_trees(draw: st.DrawFn) -> list[tuple[int, str]]:
    items: list[tuple[int, str]] = []
    depth = 0
    for _ in range(draw(st.integers(1, 14))):
        depth = draw(st.integers(0, depth + 1)) if items else 0
        items.append((depth, draw(_WORDS)))
    return items


def draw_list(items: list[tuple[int, str]], indent: str, marker: str, loose: bool) -> str:
    lines = []
    for depth, text in items:
        if loose and depth == 0 and lines:
            lines.append("")
        lines.append(f"{indent * depth}{marker} {text}")
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None)
@given(
    bullet_trees(),
    st.sampled_from(["  ", "    ", "\t"]),
    st.sampled_from(["*", "-", "+"]),
    st.booleans(),
)
def test_random_trees_render_as_drawn(items, indent, marker, loose) -> None:
    text = draw_list(items, indent, marker, loose)
    assert raw_tree(text) == items
    assert tree(text) == items, text


@settings(max_examples=60, deadline=None)
@given(bullet_trees(), st.booleans())
def test_two_and_four_space_drawings_render_the_same(items, loose) -> None:
    two, four = draw_list(items, "  ", "*", loose), draw_list(items, "    ", "*", loose)
    assert render(two) == render(four)


def test_layer_diagram_inside_a_two_space_item_is_drawn_in_that_item() -> None:
    from studysite.diagrams.layers import convert_layer_diagrams

    drawing = ["```", "----------", "|app     |", "----------", "|Host OS |", "----------", "```"]
    text = "* a\n  * b\n\n" + "".join(f"    {line}\n" for line in drawing)
    problems: list[tuple[int, str]] = []
    out = convert_layer_diagrams(
        translate(text).text, on_error=lambda line, msg: problems.append((line, msg))
    )
    assert problems == []
    html = markdown.markdown(
        out,
        extensions=EXTENSIONS,
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [{"name": "mermaid", "class": "mermaid", "format": _fence_div_format()}]
            }
        },
    )
    start = html.index('<div class="mermaid"')
    assert html[:start].count("<li>") - html[:start].count("</li>") == 2, html  # inside b, inside a


def _fence_div_format():
    from pymdownx.superfences import fence_div_format

    return fence_div_format
