"""The Markdown fence scanner/rewriter and the layer-diagram pass over whole pages."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studysite.diagrams.layers import DEFAULT_TITLE, KEEP_AS_CODE, convert_layer_diagrams
from studysite.notes.fences import (
    Fence,
    escape_markdown,
    preceding_prose,
    rewrite_fences,
    scan_fences,
)

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
    assert_text(convert_layer_diagrams(page), expected)


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
}


@pytest.mark.parametrize(("page", "expected"), CONVERSIONS.values(), ids=CONVERSIONS.keys())
def test_conversions(page: str, expected: str) -> None:
    assert_text(convert_layer_diagrams(page), expected)
    assert convert_layer_diagrams(expected) == expected  # idempotent


@pytest.mark.parametrize("prefix", ["", "    "])
def test_indented_code_after_a_diagram_stays_out_of_the_text_version(prefix: str) -> None:
    code = indent("```\nnot a diagram, but code\n```", prefix + "    ")
    page = ("- item\n\n" if prefix else "") + indent(f"```\n{DIAGRAM}\n```", prefix) + f"\n\n{code}\n"
    out = convert_layer_diagrams(page)
    assert out.endswith(f"\n{prefix}<!-- end of テキスト版 -->\n\n{code}\n")
    assert convert_layer_diagrams(out) == out


@pytest.mark.parametrize(
    "page",
    [
        "  ```\n" + indent(DIAGRAM, "  ") + "\n  ```\n",
        "- item\n\n      ```\n" + indent(DIAGRAM, "      ") + "\n      ```\n",
    ],
)
def test_fences_indented_off_the_block_level_convert_at_the_block_level(page: str) -> None:
    out = convert_layer_diagrams(page)
    assert out.startswith(("```{.mermaid", "- item\n\n    ```{.mermaid"))
    assert "\n??? note" in out or "\n    ??? note" in out
    assert convert_layer_diagrams(out) == out


@pytest.mark.parametrize(
    "page",
    [
        "* 2-space list\n  ```\n" + indent(DIAGRAM, "  ") + "\n  ```\n* next\n",
        "- item\n```\n" + DIAGRAM + "\n```\n",
    ],
)
def test_a_fence_that_is_a_lazy_list_line_is_reported_not_converted(page: str) -> None:
    errors: list[tuple[int, str]] = []
    assert convert_layer_diagrams(page, on_error=lambda *error: errors.append(error)) == page
    indented = 2 if page.startswith("*") else 0
    assert errors == [
        (
            2,
            f"the fence continues the list item above but is indented {indented} spaces, "
            "not 4: indent it by 4 or put a blank line before it",
        )
    ]


@pytest.mark.parametrize(
    "after", ["lazy text", "        indented like code", "```sh", "!!! note", "# h", "- x"]
)
def test_a_line_that_continues_the_paragraph_around_a_diagram_is_reported(after: str) -> None:
    page = "* item\n\n" + indent(f"```\n{DIAGRAM}\n```", "    ") + f"\n{after}\n```\n"
    errors: list[tuple[int, str]] = []
    assert convert_layer_diagrams(page, on_error=lambda *error: errors.append(error)) == page
    message = "this line continues the paragraph around the fence above: put a blank line before it"
    assert errors == [(11, message)]


def test_the_next_list_item_right_after_a_diagram_stays_in_the_list() -> None:
    page = "* item\n" + indent(f"```\n{DIAGRAM}\n```", "    ") + "\n* next\n"
    out = convert_layer_diagrams(page)
    assert out.startswith("* item\n\n    ```{.mermaid ") and out.endswith("        ```\n\n* next\n")
    assert convert_layer_diagrams(out) == out
    # after a blank line, the same "* next" is only lazy text of the item's paragraph
    errors: list[int] = []
    page = page.replace("* item\n", "* item\n\n")
    assert convert_layer_diagrams(page, on_error=lambda line, message: errors.append(line)) == page
    assert errors == [11]


def test_crlf_page_keeps_crlf() -> None:
    page = f"図\r\n\r\n```\r\n{DIAGRAM}\r\n```\r\n".replace("\n", "\r\n").replace("\r\r", "\r")
    out = convert_layer_diagrams(page)
    assert out == (converted("図").join(["図\n\n", "\n"])).replace("\n", "\r\n")


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
    "fences in the rest of a block that began as indented code": (
        f"    code\n- item\n```\n{DIAGRAM}\n```\n    ```\n{indent(DIAGRAM, '    ')}\n    ```\n"
    ),
    "code block inside a list item": f"- item\n\n{fenced('        ')}\n",
    "block quote": indent(f"```\n{DIAGRAM}\n```", "> ") + "\n",
    "never closed": f"```\n{DIAGRAM}\n",
    "closed by a longer fence only": f"```\n{DIAGRAM}\n````\n",
    "abandoned: a line less indented than the opener": f"- a\n\n    ```\n{DIAGRAM}\n    ```\n",
    "inline triple backticks": f"```x```\n{DIAGRAM}\n",
    "diagram-like text outside fences": f"{DIAGRAM}\n",
    "malformed diagram": "```\n----------\n|app      |\n----------\n```\n",
    "CRLF, shell fence": "```sh\r\n$ ls | wc -l\r\n```\r\n",
    "trailing spaces and odd bytes kept": "```\t \nplain text  \n\u2028x\x0c\n```  \n\n  \n",
    "lone CR inside a diagram": "```\n" + DIAGRAM.replace("app     |", "app\r     |", 1) + "\n```\n",
}


@pytest.mark.parametrize("page", UNCHANGED.values(), ids=UNCHANGED.keys())
def test_other_blocks_stay_byte_for_byte(page: str) -> None:
    assert convert_layer_diagrams(page, on_error=lambda line, message: None) == page


def test_malformed_diagram_reports_the_markdown_line() -> None:
    errors: list[tuple[int, str]] = []
    page = "# t\n\n- item\n\n" + fenced("    ", "----------\n|app     |\n|lib      \n----------")
    assert convert_layer_diagrams(page, on_error=lambda *e: errors.append(e)) == page
    assert errors == [(8, f"row 1: box side at column 10 is missing; {KEEP_AS_CODE}")]


def test_every_malformed_diagram_is_reported_and_good_ones_still_convert() -> None:
    errors: list[int] = []
    bad = "```\n----------\n|app      |\n----------\n```"
    page = f"{bad}\n\n```\n{DIAGRAM}\n```\n\n{bad}\n"
    out = convert_layer_diagrams(page, on_error=lambda line, message: errors.append(line))
    assert errors == [2, 17]  # the top rules: "top edge of box 'app' is broken at column 11"
    assert out.count("```{.mermaid") == 1 and out.count(bad) == 2


def test_scan_reports_fences_with_their_lines() -> None:
    lines = ["text", "  ~~~ python  ", "  x = 1", "", "   y", "  ~~~", "```", "````", "```"]
    assert list(scan_fences(lines)) == [
        Fence(1, 5, 2, 0, "~~~", "python", ("x = 1", "", " y")),
        Fence(6, 8, 0, 0, "```", "", ("````",)),
    ]


def test_rewrite_indents_to_the_block_level_and_keeps_the_rest() -> None:
    page = "a\n\n   ```x\n   1\n   ```\nb\n\n- item\n\n      ```\n      2\n      ```\n"
    new = rewrite_fences(page, lambda fence, lines: ["new", "", *fence.body])
    assert new == "a\n\nnew\n\n1\nb\n\n- item\n\n    new\n\n    2\n"
    assert rewrite_fences(page, lambda fence, lines: None) is page


@pytest.mark.parametrize(
    ("page", "bases"),
    [
        ("* a\n  ```\n  x\n  ```\n", [4]),  # a 2-space "lazy" line still belongs to the list item
        ("* a\n\n  ```\n  x\n  ```\n", [0]),  # after a blank line it does not
        ("!!! note\n    text\n```\nx\n```\n", [0]),  # an admonition takes no lazy lines
        ("!!! note\n\n      ```\n      x\n      ```\n", [4]),
        ("1. a\n    - b\n\n        ```\n        x\n        ```\n", [8]),
        ("- item\n---\n```\nx\n```\n", [0]),  # "- item" is a setext heading, not a list
        ("para\n- not a list\n    ```\n    x\n    ```\n", [0]),  # a list only starts a block
        ("- a\n- b\n    ```\n    x\n    ```\n", [4]),  # …but a list block goes on with more items
        ("# h\n    ```\n    x\n    ```\n", []),  # a heading ends its block: indented code follows
        ("* * *\n    ```\n    x\n    ```\n", []),  # so does a rule
        ("    code\n```\nx\n```\n\n```\ny\n```\n", [0]),  # put back as text up to the blank line
        ("    code\n\n    more code\n```\nx\n```\n", []),  # every block of code counts
    ],
)
def test_block_level_of_fences(page: str, bases: list[int]) -> None:
    assert [fence.base for fence in scan_fences(page.split("\n"))] == bases


@pytest.mark.parametrize(
    ("above", "title"),
    [
        ("単一のホスト上で動作している3つのVM", "単一のホスト上で動作している3つのVM"),
        ("**太字の図**:", "**太字の図**"),
        ("* リスト項目の図", "リスト項目の図"),
        ("12. 番号つきの図", "番号つきの図"),
        ("# 見出し", None),
        ("> 引用", None),
        ("| a | b |", None),
        ("---", None),
        ("```", None),
        ('!!! note "x"', None),
        ("<div>", None),
        ("あ" * 81, None),
    ],
)
def test_preceding_prose(above: str, title: str | None) -> None:
    assert preceding_prose([above, "", "```"], 2) == title
    assert preceding_prose(["```"], 0) is None


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


@settings(max_examples=300)
@given(st.lists(BLOCKS, max_size=12).map("\n\n".join))
def test_pages_convert_idempotently(page: str) -> None:
    once = convert_layer_diagrams(page, on_error=lambda line, message: None)
    assert convert_layer_diagrams(once, on_error=lambda line, message: None) == once
    assert once.count("```{.text .layer-source}") == once.count("```{.mermaid")


@settings(max_examples=300)
@given(st.lists(BLOCKS, max_size=12).map("\n".join))
def test_glued_pages_convert_idempotently_unless_a_warning_says_why_not(page: str) -> None:
    # Blocks without blank lines between them make lazy continuation lines; where a conversion would
    # change how they read, the pass warns (which fails a strict build) instead.
    warnings: list[tuple[int, str]] = []
    once = convert_layer_diagrams(page, on_error=lambda *warning: warnings.append(warning))
    if not warnings:
        assert convert_layer_diagrams(once, on_error=lambda line, message: None) == once


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from("`~ \t\n\r>-*+|!?.1a日\u2028"), max_size=300) | st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    list(scan_fences(text.split("\n")))
    convert_layer_diagrams(text, on_error=lambda line, message: None)
    convert_layer_diagrams(text)
