"""Fences as the block reader finds them (``note_fences``) and the layer-diagram pass over whole pages.

The pass runs on a note already translated to Python-Markdown's dialect: raw notes go through
``prepare_note`` (translate, then the passes), pages in that dialect straight through
``convert_layer_diagrams``. Where a fence is, and whether it is one, is what a CommonMark/GFM preview shows.
"""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studysite.diagrams.labels import escape_markdown
from studysite.diagrams.layers import DEFAULT_TITLE, KEEP_AS_CODE, Fence, convert_layer_diagrams, note_fences
from studysite.notes.translate import CODE_TAB, translate
from studysite.pipeline import prepare_note
from tests.support.preview import preview_tree

DIAGRAM = """\
 VM1        VM2
---------- ----------
|app     | |app     |
---------------------
|Host OS            |
---------------------"""

MERMAID = """\
block-beta
  columns 2
  t1["VM1"] t2["VM2"]
  b1["app"] b2["app"]
  b3["Host OS"]:2
  classDef layerTitle fill:none,stroke:none
  class t1,t2 layerTitle"""

DESCRIPTION = "列&#58; VM1 &#124; VM2。上から順に&#58; app &#124; app &#47; Host OS"
#: The same description as the diagram's accessible description (an attribute, so not Markdown-escaped).
ACC_DESCR = "列: VM1 | VM2。上から順に: app | app / Host OS"


def indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else "" for line in text.split("\n"))


def fenced(prefix: str = "", body: str = DIAGRAM) -> str:
    """DIAGRAM in an unlabeled fence, indented by ``prefix``."""
    return indent(f"```\n{body}\n```", prefix)


def converted(title: str, marker: str = "```", prefix: str = "") -> str:
    """What the pass makes of DIAGRAM in a fence, re-indented by ``prefix``."""
    block = (
        f'{marker}{{.mermaid data-acc-title="{title}" data-acc-descr="{ACC_DESCR}"}}\n{MERMAID}\n{marker}\n\n'
        f'??? note "テキスト版"\n\n    {title}。{DESCRIPTION}\n\n'
        f"    {marker}{{.text .layer-source}}\n{indent(DIAGRAM, '    ')}\n    {marker}"
    )
    return indent(block, prefix)


def prepared(page: str) -> tuple[str, list[tuple[int, str]]]:
    """A raw note through the site's whole note pass: its Markdown and its problems (line, message)."""
    text, problems = prepare_note(page)
    return text, [(p.line, p.message) for p in problems]


def assert_text(actual: str, expected: str) -> None:
    lines = difflib.unified_diff(expected.split("\n"), actual.split("\n"), "expected", "actual", lineterm="")
    diff = "\n".join(lines)
    assert actual == expected, f"output differs:\n{diff}"


def test_seed_style_fence_becomes_mermaid_and_a_text_version() -> None:
    page = f"# VMとコンテナ\n\n単一のホスト上で動作している2つのVM\n```\n{DIAGRAM}\n```\n次の段落。\n"
    expected = (
        "# VMとコンテナ\n\n単一のホスト上で動作している2つのVM\n\n"
        + converted("単一のホスト上で動作している2つのVM")
        + "\n\n次の段落。\n"
    )
    assert_text(prepared(page)[0], expected)
    assert prepared(page)[1] == []


#: Raw note → what the site renders. Each is also the translated text's conversion, and idempotent.
CONVERSIONS = {
    "unlabeled, no prose above: default title": (
        f"```\n{DIAGRAM}\n```\n",
        converted(DEFAULT_TITLE) + "\n",
    ),
    "text fence": (
        f"図:\n\n```text\n{DIAGRAM}\n```\n",
        "図:\n\n" + converted("図") + "\n",
    ),
    "tilde fence, longer marker": (
        f"~~~~\n{DIAGRAM}\n~~~~\n",
        converted(DEFAULT_TITLE, "~~~~") + "\n",
    ),
    "closed by a longer fence (CommonMark)": (
        f"```\n{DIAGRAM}\n````\n",
        converted(DEFAULT_TITLE) + "\n",
    ),
    "in a list item": (
        f"- 仮想マシンの構成\n\n{fenced('    ')}\n\n- 次\n",
        "- 仮想マシンの構成\n\n" + converted("仮想マシンの構成", prefix="    ") + "\n\n- 次\n",
    ),
    "in an admonition": (
        f'!!! note "構成"\n\n    VMの構成\n\n{fenced("    ")}\n',
        '!!! note "構成"\n\n    VMの構成\n\n' + converted("VMの構成", prefix="    ") + "\n",
    ),
    "nested list, 8 spaces": (
        f"1. a\n    - b\n\n{fenced('        ')}\n",
        "1. a\n    - b\n\n" + converted("b", prefix="        ") + "\n",
    ),
    # the cases: a fence glued under an item, at the item's content column, is in the item
    "glued to a 2-space item": (
        f"* 2-space list\n{fenced('  ')}\n* next\n",
        "* 2-space list\n\n" + converted("2-space list", prefix="    ") + "\n\n* next\n",
    ),
    "glued to a numbered step": (
        f"1. 構成\n{fenced('   ')}\n2. 次\n",
        "1. 構成\n\n" + converted("構成", prefix="    ") + "\n\n2. 次\n",
    ),
    "glued to an item, 4 spaces": (
        f"* item\n{fenced('    ')}\n* next\n",
        "* item\n\n" + converted("item", prefix="    ") + "\n\n* next\n",
    ),
    "at the item's column after a blank line": (
        f"* item\n\n{fenced('  ')}\n\n* next\n",
        "* item\n\n" + converted("item", prefix="    ") + "\n\n* next\n",
    ),
    # a fence cannot be a lazy line: at column 0 it ends the list
    "at column 0 under an item": (
        f"- item\n{fenced()}\n",
        "- item\n\n" + converted("item") + "\n",
    ),
    "off the block level by 2": (
        f"{fenced('  ')}\n",
        converted(DEFAULT_TITLE) + "\n",
    ),
}


@pytest.mark.parametrize(("page", "expected"), CONVERSIONS.values(), ids=CONVERSIONS.keys())
def test_conversions(page: str, expected: str) -> None:
    out, problems = prepared(page)
    assert_text(out, expected)
    assert problems == []
    assert_text(convert_layer_diagrams(translate(page).text), expected)
    assert convert_layer_diagrams(expected) == expected  # idempotent


def test_an_unclosed_fence_is_drawn_where_commonmark_ends_it_and_reported() -> None:
    out, problems = prepared(f"```\n{DIAGRAM}\n")
    assert_text(out, converted(DEFAULT_TITLE) + "\n")
    assert [line for line, _ in problems] == [1]
    assert problems[0][1].startswith("this code fence is never closed")


@pytest.mark.parametrize("prefix", ["", "    "])
def test_indented_code_after_a_diagram_stays_out_of_the_text_version(prefix: str) -> None:
    code = indent("```\nnot a diagram, but code\n```", prefix + "    ")
    page = ("- item\n\n" if prefix else "") + indent(f"```\n{DIAGRAM}\n```", prefix) + f"\n\n{code}\n"
    out = convert_layer_diagrams(page)
    assert out.endswith(f"\n{prefix}<!-- end of テキスト版 -->\n\n{code}\n")
    assert convert_layer_diagrams(out) == out
    # the raw note: the translation writes indented code as a fence, which nothing can take into the
    # テキスト版 above it (no end marker needed)
    raw = prepared(page)[0]
    code_fence = (
        "````\n```\nnot a diagram, but code\n```\n````"
        if not prefix
        else ("    ```\n      ```\n      not a diagram, but code\n      ```\n    ```")
    )
    assert "```{.mermaid" in raw and raw.endswith(f"    ```\n\n{code_fence}\n")
    assert convert_layer_diagrams(raw) == raw


def test_a_fence_indented_as_code_inside_an_item_stays_code() -> None:
    # 4 columns past the item's content column: indented code holding a fence, as the preview shows
    page = "- item\n\n      ```\n" + indent(DIAGRAM, "      ") + "\n      ```\n"
    out, problems = prepared(page)
    assert "mermaid" not in out and problems == []
    assert preview_tree(page)[-1].startswith("  code: '```\\n VM1")


@pytest.mark.parametrize(
    "after", ["lazy text", "        indented like code", "```sh", "!!! note", "# h", "- x"]
)
def test_what_follows_a_closed_fence_in_an_item_is_its_own_block(after: str) -> None:
    # CommonMark: nothing continues a closed fence; the line at column 0 ends the list (the old reader
    # took it for a lazy line of a paragraph around the fence and refused to convert)
    page = "* item\n\n" + indent(f"```\n{DIAGRAM}\n```", "    ") + f"\n{after}\n\n```\n```\n"
    out, problems = prepared(page)
    assert out.startswith("* item\n\n" + converted("item", prefix="    ") + "\n\n")
    if after.startswith("```"):  # it opens a fence, which the first of the last two lines closes
        assert [line for line, _ in problems] == [page.split("\n").index("```", 13) + 1]
        assert ["never closed" in message for _, message in problems] == [True]
    else:
        assert problems == []
        assert out.endswith("\n```\n```\n")


def test_crlf_note_is_drawn() -> None:
    # the pass reads translated text, which the translation writes with LF (Python-Markdown reads CRLF and
    # LF alike), so a CRLF note comes out LF; the old pass kept CRLF on pages fed to it directly
    page = f"図\r\n\r\n```\r\n{DIAGRAM}\r\n```\r\n".replace("\n", "\r\n").replace("\r\r", "\r")
    assert_text(prepared(page)[0], converted("図").join(["図\n\n", "\n"]))


#: Translated (Python-Markdown dialect) pages the pass leaves byte for byte.
UNCHANGED = {
    "no fences": "# Title\n\nJust text | with a pipe.\n\n---\n",
    "shell session": "```console\n$ docker ps | grep web\n$ echo '---'\n```\n",
    "shell language, diagram inside": f"```sh\n{DIAGRAM}\n```\n",
    "program output": (
        "```\nCONTAINER ID   IMAGE     STATUS\n-------------  --------  ------\n"
        "3f2a           nginx     Up\n```\n"
    ),
    "psql output": "```\n id | name\n----+------\n  1 | web\n(1 row)\n```\n",
    "pipe table in a text fence": "```text\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n",
    "mermaid fence": '```mermaid\nblock-beta\n  columns 1\n  a["x"]\n```\n',
    "python with a diagram in a string": f'```python\nDIAGRAM = """\n{DIAGRAM}\n"""\n```\n',
    "attribute fence (the kept source)": f"```{{.text .layer-source}}\n{DIAGRAM}\n```\n",
    "text fence with options": f'```text title="図"\n{DIAGRAM}\n```\n',
    "fence inside a longer fence": f"````markdown\n```\n{DIAGRAM}\n```\n````\n",
    "fence inside a tilde fence": f"~~~\n```\n{DIAGRAM}\n```\n~~~\n",
    "indented code block holding a fence": f"Paragraph.\n\n{fenced('    ')}\n",
    "indented code after a list ended": f"- item\n\npara\n\n{fenced('    ')}\n",
    "code block inside a list item": f"- item\n\n{fenced('        ')}\n",
    "block quote": indent(f"```\n{DIAGRAM}\n```", "> ") + "\n",
    "malformed diagram": "```\n----------\n|app      |\n----------\n```\n",
    "CRLF, shell fence": "```sh\r\n$ ls | wc -l\r\n```\r\n",
    "trailing spaces and odd bytes kept": "```\t \nplain text  \n\u2028x\x0c\n```  \n\n  \n",
    "lone CR inside a diagram": "```\n" + DIAGRAM.replace("app     |", "app\r     |", 1) + "\n```\n",
}


@pytest.mark.parametrize("page", UNCHANGED.values(), ids=UNCHANGED.keys())
def test_other_blocks_stay_byte_for_byte(page: str) -> None:
    assert convert_layer_diagrams(page, on_error=lambda line, message: None) == page
    # and the raw note draws nothing either
    assert "{.mermaid" not in prepared(page)[0]


def test_a_drawing_in_indented_code_stays_code() -> None:
    out, problems = prepared("Paragraph.\n\n" + indent(DIAGRAM, "    ") + "\n")
    assert "{.mermaid" not in out and problems == []


#: Raw notes whose drawing is not in a fence as the preview reads them: nothing is drawn.
NOT_FENCED = {
    "inline triple backticks": f"```x```\n{DIAGRAM}\n",
    "diagram-like text outside fences": f"{DIAGRAM}\n",
    # the fence ends with its item at the first line less indented than the item's content
    "a drawing less indented than its fence's item": f"- a\n\n    ```\n{DIAGRAM}\n    ```\n",
}


@pytest.mark.parametrize("page", NOT_FENCED.values(), ids=NOT_FENCED.keys())
def test_drawings_outside_fences_are_not_drawn(page: str) -> None:
    out, problems = prepared(page)
    assert "{.mermaid" not in out
    assert not [message for _, message in problems if "layer diagram" in message]


def test_malformed_diagram_reports_the_note_line() -> None:
    page = "# t\n\n- item\n\n" + fenced("    ", "----------\n|app     |\n|lib      \n----------")
    out, problems = prepared(page)
    assert out == page
    assert problems == [
        (8, f"layer diagram not converted: row 1: box side at column 10 is missing; {KEEP_AS_CODE}")
    ]


def test_malformed_diagram_in_a_2_space_item_reports_the_note_line_not_the_translated_one() -> None:
    # the translation adds a blank line and re-indents: the message still names the note's line
    page = "# t\n* item\n" + fenced("  ", "----------\n|app     |\n|lib      \n----------")
    problems = prepared(page)[1]
    assert [line for line, _ in problems] == [6], problems


def test_every_malformed_diagram_is_reported_and_good_ones_still_convert() -> None:
    errors: list[int] = []
    bad = "```\n----------\n|app      |\n----------\n```"
    page = f"{bad}\n\n```\n{DIAGRAM}\n```\n\n{bad}\n"
    out = convert_layer_diagrams(page, on_error=lambda line, message: errors.append(line))
    assert errors == [2, 17]  # the top rules: "top edge of box 'app' is broken at column 11"
    assert out.count("```{.mermaid") == 1 and out.count(bad) == 2
    assert [line for line, _ in prepared(page)[1]] == [2, 17]


def test_note_fences_with_their_lines() -> None:
    lines = ["text", "", "~~~ python  ", "x = 1", "", " y", "~~~", "", "````", "```", "````"]
    assert note_fences("\n".join(lines)) == [
        Fence(2, 6, 0, "~~~", "python", ("x = 1", "", " y"), "text"),
        Fence(8, 10, 0, "````", "", ("```",), None),
    ]
    # in a list item, the base is the item's level in Python-Markdown's dialect
    assert note_fences("- a\n\n    ```sh\n    $ ls\n    ```\n") == [
        Fence(2, 4, 4, "```", "sh", ("$ ls",), "a")
    ]


def test_note_fences_leave_out_unclosed_and_quoted_fences() -> None:
    assert note_fences("> ```\n> x\n> ```\n") == []
    assert note_fences("```\nx\n") == []


#: Raw note → how its fences are re-indented for Python-Markdown (the old rewrite_fences put fences at
#: their block's level; the translation does it for every line).
REINDENTED = [
    (
        "fence 3 spaces in, then a paragraph glued to it",
        "a\n\n   ```x\n   1\n   ```\nb\n",
        "a\n\n```x\n1\n```\n\nb\n",
    ),
    (
        "fence 6 spaces in under an item",
        "- item\n\n   ```\n   2\n   ```\n",
        "- item\n\n    ```\n    2\n    ```\n",
    ),
    (
        "code keeps its own indentation (a tab stands as CODE_TAB until restore_tabs)",
        "- a\n  ```\n    x\n  \ty\n  ```\n",
        f"- a\n    ```\n      x\n    {CODE_TAB}y\n    ```\n",
    ),
]


@pytest.mark.parametrize(("name", "page", "expected"), REINDENTED, ids=[c[0] for c in REINDENTED])
def test_fences_move_to_their_block_level(name: str, page: str, expected: str) -> None:
    assert_text(translate(page).text, expected)


@pytest.mark.parametrize(
    ("page", "bases"),
    [
        ("* a\n  ```\n  x\n  ```\n", [4]),  # the item's content column
        ("* a\n\n  ```\n  x\n  ```\n", [4]),  # also after a blank line (CommonMark)
        ("!!! note\n    text\n```\nx\n```\n", [0]),  # an admonition takes no lazy lines
        ("!!! note\n\n      ```\n      x\n      ```\n", [4]),
        ("1. a\n    - b\n\n        ```\n        x\n        ```\n", [8]),
        ("1. a\n   * b\n\n     ```\n     x\n     ```\n", [8]),
        ("* a\n\t* b\n\n\t  ```\n\t  x\n\t  ```\n", [8]),
        ("- item\n---\n```\nx\n```\n", [0]),  # "- item" then a rule: the fence is at the top
        ("para\n- a list\n    ```\n    x\n    ```\n", [4]),  # a list may interrupt a paragraph (CommonMark)
        ("- a\n- b\n    ```\n    x\n    ```\n", [4]),
        # indented code is written as a fence holding the code (Python-Markdown would take indented code
        # into a list above it): a heading ends its block, indented code follows
        ("# h\n    ```\n    x\n    ```\n", [0]),
        ("* * *\n    ```\n    x\n    ```\n", [0]),  # so does a rule
        ("    code\n```\nx\n```\n\n```\ny\n```\n", [0, 0, 0]),  # a fence ends indented code
        ("    code\n\n    more code\n```\nx\n```\n", [0, 0]),
        ("> * a\n>   ```\n>   x\n>   ```\n", []),  # quoted: left as it is
    ],
)
def test_block_level_of_fences(page: str, bases: list[int]) -> None:
    assert [fence.base for fence in note_fences(translate(page).text)] == bases


@pytest.mark.parametrize(
    ("above", "title"),
    [
        ("単一のホスト上で動作している3つのVM", "単一のホスト上で動作している3つのVM"),
        ("**太字の図**:", "**太字の図**"),
        ("図：", "図"),
        ("* リスト項目の図", "リスト項目の図"),
        ("12. 番号つきの図", "番号つきの図"),
        ("| a | b |", None),  # no delimiter row: a paragraph in GFM, but it reads as a table row
        ("# 見出し", None),
        ("---", None),
        ('!!! note "x"', None),
        ("<div>\n", None),
        ("two\nlines", None),
        ("あ" * 81, None),
        ("> 引用", None),  # a quotation is someone else's words
    ],
)
@pytest.mark.parametrize("glue", ["\n\n", "\n"])
def test_fence_title(above: str, title: str | None, glue: str) -> None:
    """A one-line paragraph right above a fence (blank lines between allowed) is the diagram's title."""
    fences = note_fences(translate(f"{above}{glue}```\nx\n```\n").text)
    assert [fence.title for fence in fences] == [title]
    assert [fence.title for fence in note_fences("```\nx\n```\n")] == [None]


def test_escape_markdown_shows_text_verbatim() -> None:
    assert escape_markdown("<b>*x*</b> [a](b) &amp; 日本") == (
        "&#60;b&#62;&#42;x&#42;&#60;&#47;b&#62; &#91;a&#93;&#40;b&#41; &#38;amp&#59; 日本"
    )
    assert escape_markdown("a\rb\u2028c") == "a\ufffdb c"


# Properties -------------------------------------------------------------------------------------------

BLOCKS = st.sampled_from(
    [
        f"```\n{DIAGRAM}\n```",
        f"```text\n{DIAGRAM}\n```",
        f"    ```\n{indent(DIAGRAM, '    ')}\n    ```",
        f"  ```\n{indent(DIAGRAM, '  ')}\n  ```",
        f"        ```\n{indent(DIAGRAM, '        ')}\n        ```",
        "```\n----------\n|bad      |\n----------\n```",
        "```sh\n$ ls | wc\n```",
        "- item",
        "  - sub",
        "    - sub",
        "1. one",
        "!!! note",
        '??? note "x"',
        "> quote",
        "text line",
        "",
        "````\n```\n```\n````",
        "~~~",
        "```",
        "    code",
        "単一のホストの図",
        "---",
        "# h",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(BLOCKS, max_size=12).map("\n\n".join))
def test_pages_convert_idempotently(page: str) -> None:
    once, _ = prepare_note(page)
    assert convert_layer_diagrams(once, on_error=lambda line, message: None) == once
    assert once.count("```{.text .layer-source}") == once.count("```{.mermaid")


@settings(max_examples=200, deadline=None)
@given(st.lists(BLOCKS, max_size=12).map("\n".join))
def test_glued_pages_convert_idempotently(page: str) -> None:
    # blocks glued without blank lines: the translation separates them where CommonMark does, so the pass
    # converts each fence the preview shows, and a second pass finds nothing more to do
    once, problems = prepare_note(page)
    assert convert_layer_diagrams(once, on_error=lambda line, message: None) == once
    assert all(1 <= line <= page.count("\n") + 1 for line, _ in ((p.line, p.message) for p in problems))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("`~ \t\n\r>-*+|!?.1a日\u2028"), max_size=300) | st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    note_fences(text)
    note_fences(translate(text).text)
    prepare_note(text)
    convert_layer_diagrams(text, on_error=lambda line, message: None)
    convert_layer_diagrams(text)
