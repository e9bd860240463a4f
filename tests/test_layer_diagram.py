"""The ASCII layer diagram converter: expected Mermaid for each drawing feature, precise errors, and
hypothesis properties (random grids survive drawing + parsing; arbitrary text never crashes)."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from studysite.diagrams.detect import looks_like_diagram
from studysite.diagrams.grid import DiagramError, char_width
from studysite.diagrams.labels import escape_label
from studysite.diagrams.mermaid import describe, to_mermaid
from studysite.diagrams.readers import read as parse


def convert(text: str) -> str:
    """A drawing read in any hand and written as Mermaid, as the layer pass does."""
    return to_mermaid(parse(text))


def assert_text(actual: str, expected: str) -> None:
    lines = difflib.unified_diff(expected.split("\n"), actual.split("\n"), "expected", "actual", lineterm="")
    diff = "\n".join(lines)
    assert actual == expected, f"output differs:\n{diff}"


def mermaid(*body: str) -> str:
    return "\n".join(("block-beta", *body)) + "\n"


TITLE_CLASS = "  classDef layerTitle fill:none,stroke:none"

SEED_VM = """\
 VM1        VM2        VM3
---------- ---------- ----------
|app     | |app     | |app     |
---------- ---------- ----------
|lib     | |lib     | |lib     |
---------- ---------- ----------
|Guest OS| |Guest OS| |Guest OS|
--------------------------------
|Hyper Visor                   |
--------------------------------
|Host OS                       |
--------------------------------
|Hard Ware                     |
--------------------------------
"""

SEED_CONTAINERS = """\
 Co1        Co2        Co3
---------- ---------- ----------
|app     | |app     | |app     |
---------- ---------- ----------
|lib     | |lib     | |lib     |
--------------------------------
|Container Engine              |
--------------------------------
|Host OS                       |
--------------------------------
|Hard Ware                     |
--------------------------------
"""

SEED_VM_MERMAID = mermaid(
    "  columns 3",
    '  t1["VM1"] t2["VM2"] t3["VM3"]',
    '  b1["app"] b2["app"] b3["app"]',
    '  b4["lib"] b5["lib"] b6["lib"]',
    '  b7["Guest OS"] b8["Guest OS"] b9["Guest OS"]',
    '  b10["Hyper Visor"]:3',
    '  b11["Host OS"]:3',
    '  b12["Hard Ware"]:3',
    TITLE_CLASS,
    "  class t1,t2,t3 layerTitle",
)

SEED_LINES = SEED_VM.split("\n")


def seed_with(line_number: int, line: str) -> str:
    return "\n".join(SEED_LINES[: line_number - 1] + [line] + SEED_LINES[line_number:])


#: The same drawing as JAPANESE_TWIN_OF, with Japanese text aligned as a monospace editor shows it.
ASCII_TWIN = """\
 VM1        VM2
---------- ----------
|app     | |app     |
---------------------
|Host OS            |
---------------------
"""
JAPANESE_TWIN = """\
 仮想1      仮想2
---------- ----------
|アプリ  | |アプリ  |
---------------------
|ホストOS           |
---------------------
"""

CASES = {
    "seed: three VMs": (SEED_VM, SEED_VM_MERMAID),
    "seed: three containers": (
        SEED_CONTAINERS,
        mermaid(
            "  columns 3",
            '  t1["Co1"] t2["Co2"] t3["Co3"]',
            '  b1["app"] b2["app"] b3["app"]',
            '  b4["lib"] b5["lib"] b6["lib"]',
            '  b7["Container Engine"]:3',
            '  b8["Host OS"]:3',
            '  b9["Hard Ware"]:3',
            TITLE_CLASS,
            "  class t1,t2,t3 layerTitle",
        ),
    ),
    "four columns, a box spanning 2 of 4, empty cells": (
        """\
 A          B          C          D
---------- ---------- ---------- ----------
|a1      | |b1      | |c1      | |d1      |
--------------------- ---------- ----------
|wide               | |c2      |
--------------------- ---------- ----------
           |b3      |            |d3      |
           ----------            ----------
""",
        mermaid(
            "  columns 4",
            '  t1["A"] t2["B"] t3["C"] t4["D"]',
            '  b1["a1"] b2["b1"] b3["c1"] b4["d1"]',
            '  b5["wide"]:2 b6["c2"] space',
            '  space b7["b3"] space b8["d3"]',
            TITLE_CLASS,
            "  class t1,t2,t3,t4 layerTitle",
        ),
    ),
    "empty cells merge into space:N; titles only where given": (
        """\
  left                 right
+------+------+------+------+
| a    | b    | c    | d    |
+------+------+------+------+
| e    |             | f    |
+------+             +------+
""",
        mermaid(
            "  columns 4",
            '  t1["left"] space:2 t2["right"]',
            '  b1["a"] b2["b"] b3["c"] b4["d"]',
            '  b5["e"] space:2 b6["f"]',
            TITLE_CLASS,
            "  class t1,t2 layerTitle",
        ),
    ),
    "+ corners and shared walls, no title row": (
        """\
+------+------+------+
| web  | api  | db   |
+------+------+------+
| k8s  | storage     |
+------+-------------+
""",
        mermaid(
            "  columns 3",
            '  b1["web"] b2["api"] b3["db"]',
            '  b4["k8s"] b5["storage"]:2',
        ),
    ),
    "ragged trailing spaces, tabs (to 8), CRLF": (
        "\r\n".join(
            [
                "--------\t--------   ",
                "|app   |\t|lib   |",
                "------------------------ \t",
                "|Host OS               |      ",
                "------------------------",
                "",
            ]
        ),
        mermaid("  columns 2", '  b1["app"] b2["lib"]', '  b3["Host OS"]:2'),
    ),
    "labels are escaped with Mermaid entity codes": (
        """\
---------------------------- --------------
|<script>alert(1)</script> | |"q" & 'a' ; |
-------------------------------------------
|a#b c`d` 100% \\o/ %%{init: {}}%% [x](y)  |
-------------------------------------------
""",
        mermaid(
            "  columns 2",
            '  b1["#lt;script#gt;alert(1)#lt;/script#gt;"] b2["#quot;q#quot; #amp; \'a\' #59;"]',
            '  b3["a#35;b c#96;d#96; 100#37; #92;o/ #37;#37;#123;init#58; #123;#125;#125;#37;#37; [x](y)"]:2',
        ),
    ),
    "a box with two text lines (joined with <br>), blank lines around the drawing": (
        """

 engines
-------------- ----------------
|Docker      | |Podman        |
|Engine      | |(daemonless)  |
-------------------------------
|Linux kernel                 |
-------------------------------

""",
        mermaid(
            "  columns 2",
            '  t1["engines"] space',
            '  b1["Docker<br>Engine"] b2["Podman<br>(daemonless)"]',
            '  b3["Linux kernel"]:2',
            TITLE_CLASS,
            "  class t1 layerTitle",
        ),
    ),
    "two title lines": (
        """\
 guest      guest
 VM 1       VM 2
---------- ----------
|app     | |app     |
---------------------
""",
        mermaid(
            "  columns 2",
            '  t1["guest<br>VM 1"] t2["guest<br>VM 2"]',
            '  b1["app"] b2["app"]',
            TITLE_CLASS,
            "  class t1,t2 layerTitle",
        ),
    ),
    "Japanese labels use display width": (
        JAPANESE_TWIN,
        mermaid(
            "  columns 2",
            '  t1["仮想1"] t2["仮想2"]',
            '  b1["アプリ"] b2["アプリ"]',
            '  b3["ホストOS"]:2',
            TITLE_CLASS,
            "  class t1,t2 layerTitle",
        ),
    ),
    "combining marks take no column; full-width spaces pad": (
        """\
------------ ------------
|cafe\u0301      | |ｺﾝﾃﾅ　　　|
-------------------------
|Ｈｏｓｔ　ＯＳ         |
-------------------------
""",
        mermaid(
            "  columns 2",
            '  b1["cafe\u0301"] b2["ｺﾝﾃﾅ"]',
            '  b3["Ｈｏｓｔ　ＯＳ"]:2',
        ),
    ),
    "a closed empty box is a hole": (
        seed_with(3, "|app     | |        | |app     |"),
        mermaid(
            "  columns 3",
            '  t1["VM1"] t2["VM2"] t3["VM3"]',
            '  b1["app"] space b2["app"]',
            '  b3["lib"] b4["lib"] b5["lib"]',
            '  b6["Guest OS"] b7["Guest OS"] b8["Guest OS"]',
            '  b9["Hyper Visor"]:3',
            '  b10["Host OS"]:3',
            '  b11["Hard Ware"]:3',
            TITLE_CLASS,
            "  class t1,t2,t3 layerTitle",
        ),
    ),
    "indented drawing, one column": (
        """\
    ----------
    |only    |
    ----------
""",
        mermaid("  columns 1", '  b1["only"]'),
    ),
}


@pytest.mark.parametrize(("drawing", "expected"), CASES.values(), ids=CASES.keys())
def test_converts(drawing: str, expected: str) -> None:
    assert looks_like_diagram(drawing)
    assert_text(convert(drawing), expected)


def test_japanese_twin_has_the_ascii_structure() -> None:
    ascii_grid, japanese_grid = parse(ASCII_TWIN), parse(JAPANESE_TWIN)
    assert japanese_grid.columns == ascii_grid.columns == 2
    shape = [[(box.column, box.span, box.line) for box in row] for row in ascii_grid.rows]
    assert [[(box.column, box.span, box.line) for box in row] for row in japanese_grid.rows] == shape


def test_describe_lists_the_layers_top_down() -> None:
    assert describe(parse(SEED_VM)) == (
        "列: VM1 | VM2 | VM3。上から順に: app | app | app / lib | lib | lib / "
        "Guest OS | Guest OS | Guest OS / Hyper Visor / Host OS / Hard Ware"
    )
    assert describe(parse(CASES["four columns, a box spanning 2 of 4, empty cells"][0])).endswith(
        "/ wide | c2 | （空き） / （空き） | b3 | （空き） | d3"
    )
    assert describe(parse(CASES["+ corners and shared walls, no title row"][0])) == (
        "上から順に: web | api | db / k8s | storage"
    )


def test_no_accessibility_lines_in_the_mermaid() -> None:
    # Mermaid 11.17's block grammar has no accTitle/accDescr: emitting them breaks the diagram.
    assert "acc" not in convert(SEED_VM)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ('"]:3 x["', "#quot;]#58;3 x[#quot;"),
        ("<img src=x onerror=alert(1)>", "#lt;img src=x onerror=alert(1)#gt;"),
        ("&amp; #quot;", "#amp;amp#59; #35;quot#59;"),
        ("`md`", "#96;md#96;"),
        ("%%{init: {'theme':'dark'}}%%", "#37;#37;#123;init#58; #123;'theme'#58;'dark'#125;#125;#37;#37;"),
        ("a\x00b\x1fc\u2028d", "a\ufffdb\ufffdc d"),
        # Mermaid's own entity markers
        ("\ufb02\u00b0x\u00b6\u00df", "\ufb02\u2060\u00b0x\u00b6\u2060\u00df"),
        ("日本語 OK", "日本語 OK"),
    ],
)
def test_escape_label(text: str, escaped: str) -> None:
    assert escape_label(text) == escaped


ERRORS = {
    "a side one column off": (
        seed_with(9, "|Hyper Visor                  |"),
        9,
        "row 4: box side at column 31 does not line up with any column edge",
    ),
    "a box crossing a column edge": (
        """\
---------- ---------- ----------
|a       | |b       | |c       |
--------------------------------
|crosses       |
----------------
""",
        4,
        "row 2: box side at column 16 does not line up with any column edge",
    ),
    "a left side in the gap": (
        seed_with(9, "|Hyper   ||" + "Visor".ljust(20) + "|"),
        9,
        "row 4: box side at column 11 does not line up with any column edge",
    ),
    "a missing side on the second line of a row": (
        """\
----------
|app     |
|lib
----------
""",
        3,
        "row 1: box side at column 10 is missing",
    ),
    "an extra side on the second line of a row": (
        """\
----------
|app     |
|lib |   |
----------
""",
        3,
        "row 1: box side at column 6 does not line up with the row's first line",
    ),
    "a rule one column too long": (
        seed_with(14, "---------------------------------"),
        14,
        "rule at column 33 does not line up with any box above or below it",
    ),
    "a rule one column too short": (
        seed_with(14, "-------------------------------"),
        14,
        "row 6: bottom edge of box 'Hard Ware' is broken at column 32",
    ),
    "a gap in a rule": (
        seed_with(2, "---------- ------ -- ----------"),
        2,
        "row 1: top edge of box 'app' is broken at column 18",
    ),
    "text outside the boxes": (
        seed_with(3, "|app     | |app     | |app     | x"),
        3,
        "row 1: text at column 34 is after the last box side",
    ),
    "a closed empty box off the column edges": (
        seed_with(3, "|app     | |      |   |app     |"),
        3,
        "row 1: box side at column 19 does not line up with any column edge",
    ),
    "a blank line inside": (seed_with(4, ""), 4, "blank line inside the diagram"),
    "three rules in a row": (
        seed_with(3, "--------------------------------"),
        4,
        "three rule lines in a row (two may meet: stacked boxes)",
    ),
    "a box spanning two rows": (
        """\
---------- ----------
|tall    | |top     |
|        | ----------
|        | |bottom  |
---------- ----------
""",
        3,
        "row 1: a rule runs through this row at column 12",
    ),
    "a rule inside a box": (
        """\
---------- ----------
|tall    | |top     |
|        | |--------|
|        | |bottom  |
---------- ----------
""",
        3,
        "row 1: a rule runs through this row at column 13",
    ),
    "no rule below the last row": ("----------\n|app     |\n", 2, "row 1: no rule line below this row"),
    "a side above the top rule": (
        " VM1 | VM2\n----------\n|app     |\n----------\n",
        1,
        "box side '|' above the top rule line",
    ),
    "a title over no column": (
        "              far\n----------\n|app     |\n----------\n",
        1,
        "title 'far' at column 15 is not above any column",
    ),
    "no rule at all": ("|app|\n", 1, "no rule line"),
}


@pytest.mark.parametrize(("drawing", "line", "message"), ERRORS.values(), ids=ERRORS.keys())
def test_malformed_diagrams_say_where_and_what(drawing: str, line: int, message: str) -> None:
    with pytest.raises(DiagramError) as caught:
        convert(drawing)
    assert (caught.value.line, caught.value.message[: len(message)]) == (line, message)
    assert str(caught.value).startswith(f"line {line}: ")
    assert isinstance(caught.value, ValueError)


LOOKS_LIKE = {
    "seed VM": (SEED_VM, True),
    "plus style": (CASES["+ corners and shared walls, no title row"][0], True),
    "malformed but box-shaped": (ERRORS["a side one column off"][0], True),
    "shell session": ("$ docker ps | grep web\n$ echo '---'\n", False),
    "prompt above a table": ("$ mysql -e 'select 1'\n+---+\n| 1 |\n+---+\n", False),
    "psql output": (" id | name\n----+------\n  1 | web\n(1 row)\n", False),
    "pipe table": ("| a | b |\n|---|---|\n| 1 | 2 |\n", False),
    "docker ps output": ("CONTAINER ID   IMAGE\n-------------  -----\nabc123         nginx\n", False),
    "yaml document": ("---\nkey: value\n---\n", False),
    "diff": ("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a | b\n+a | c\n", False),
    "text after the bottom rule": ("----------\n|app     |\n----------\nnote\n", False),
    "no box sides": ("----------\n   app\n----------\n", False),
    "blank line inside": ("----------\n|app     |\n\n----------\n", False),
    "empty": ("", False),
    "unicode box drawing": ("┌───┐\n│ a │\n└───┘\n", True),
    "mysql result table": (
        "+----+------+\n| id | name |\n+----+------+\n|  1 | web  |\n|  2 | db   |\n+----+------+\n",
        False,
    ),
}


@pytest.mark.parametrize(("text", "expected"), LOOKS_LIKE.values(), ids=LOOKS_LIKE.keys())
def test_looks_like_diagram(text: str, expected: bool) -> None:
    assert looks_like_diagram(text) is expected


def test_char_width() -> None:
    assert [char_width(c) for c in "aアｱ\u3000\u0301\u200d"] == [1, 2, 1, 2, 0, 0]


# Property tests ---------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("-+| \t\n\r ab日\u0301\u3000"), max_size=200) | st.text(max_size=200))
def test_arbitrary_text_raises_only_diagram_error(text: str) -> None:
    looks_like_diagram(text)
    try:
        grid = parse(text)
    except DiagramError as error:
        assert error.line >= 1 and error.message
        return
    source = to_mermaid(grid)
    assume(source)
    for line in source.split("\n")[2:]:
        assert '"' not in line.replace('["', "").replace('"]', "") or line.startswith("  class")


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            [
                "----------",
                "---------- ----------",
                "+--------+",
                "|app     |",
                "|app     | |lib     |",
                " VM1",
                "|a | b|",
                "",
                "-----",
                "|        |",
                "  |x|",
                "\t|y     |",
            ]
        ),
        max_size=12,
    ).map("\n".join)
)
def test_diagram_shaped_text_raises_only_diagram_error(text: str) -> None:
    try:
        convert(text)
    except DiagramError as error:
        assert 1 <= error.line <= text.count("\n") + 1
