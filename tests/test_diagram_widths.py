"""Layer drawings whose rows differ in width read as drawn: the columns come from the box sides of all rows.

- hand-written drawings: two boxes over a wider base (in the seed's hand, with ``+`` corners, Unicode
  box drawing and ``=`` rules), the reverse (a wider top), the seed's VM drawing with two VMs on the
  three-VM base, a narrower base under wider rows, a row that starts right of the base, Japanese labels:
  the uncovered width beside a row is a hole (``space``), the wider box spans every column;
- the same shapes drawn in each of the 14 hands of ``tests.support.hands`` (files in
  tests/fixtures/diagram_widths/), each with its exact Mermaid;
- drawings that really are misaligned still fail with the row and column (a side a few cells off
  another, a box that crosses a box of another row), and the page pass warns about them;
- a hypothesis property: random grids whose rows cover random stretches of the columns, in every hand.
"""

from __future__ import annotations

import html as html_text
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from studysite.diagrams.detect import looks_like_diagram
from studysite.diagrams.grid import DiagramError, char_width
from studysite.diagrams.layers import convert_layer_diagrams
from studysite.diagrams.mermaid import to_mermaid
from studysite.diagrams.readers import read
from tests.support.diagram_checks import assert_text, convert, mermaid
from tests.support.hands import HANDS, Sketch, draw, lines_up
from tests.support.project import build_site

WIDTH_FILES = sorted((Path(__file__).resolve().parent / "fixtures" / "diagram_widths").glob("*.txt"))


def titled(*names: str) -> tuple[str, str]:
    return ("  classDef layerTitle fill:none,stroke:none", f"  class {','.join(names)} layerTitle")


TWO_OVER_THREE = mermaid("  columns 3", '  b1["app"] b2["app"] space', '  b3["Host OS"]:3')

WRITTEN = {
    "the reviewer's drawing: two boxes over a wider base, seed hand": (
        """\
---------- ----------
|app     | |app     |
--------------------------------
|Host OS                       |
--------------------------------
""",
        TWO_OVER_THREE,
    ),
    "'+' corners, the base's top rule drawn whole": (
        """\
+--------+ +--------+
|app     | |app     |
+------------------------------+
|Host OS                       |
+------------------------------+
""",
        TWO_OVER_THREE,
    ),
    "'+' corners, junctions where the boxes above end": (
        """\
+--------+ +--------+
|app     | |app     |
+--------+-+--------+----------+
|Host OS                       |
+------------------------------+
""",
        TWO_OVER_THREE,
    ),
    "Unicode box drawing": (
        """\
┌────────┐ ┌────────┐
│app     │ │app     │
├────────┴─┴────────┴──────────┐
│Host OS                       │
└──────────────────────────────┘
""",
        TWO_OVER_THREE,
    ),
    "Unicode box drawing, touching boxes": (
        """\
┌────────┬────────┐
│app     │app     │
├────────┴────────┴──────────┐
│Host OS                     │
└────────────────────────────┘
""",
        TWO_OVER_THREE,
    ),
    "'=' rules": (
        """\
========== ==========
|app     | |app     |
================================
|Host OS                       |
================================
""",
        TWO_OVER_THREE,
    ),
    "the reverse: a wider top over two boxes": (
        """\
--------------------------------
|Host OS                       |
--------------------------------
|app     | |app     |
---------- ----------
""",
        mermaid("  columns 3", '  b1["Host OS"]:3', '  b2["app"] b3["app"] space'),
    ),
    "the seed's VM drawing with two VMs on the three-VM base": (
        """\
 VM1        VM2
---------- ----------
|app     | |app     |
---------- ----------
|lib     | |lib     |
---------- ----------
|Guest OS| |Guest OS|
--------------------------------
|Hyper Visor                   |
--------------------------------
|Host OS                       |
--------------------------------
|Hard Ware                     |
--------------------------------
""",
        mermaid(
            "  columns 3",
            '  t1["VM1"] t2["VM2"] space',
            '  b1["app"] b2["app"] space',
            '  b3["lib"] b4["lib"] space',
            '  b5["Guest OS"] b6["Guest OS"] space',
            '  b7["Hyper Visor"]:3',
            '  b8["Host OS"]:3',
            '  b9["Hard Ware"]:3',
            *titled("t1", "t2"),
        ),
    ),
    "a narrower base under wider rows: a hole below": (
        """\
---------- ---------- ----------
|app     | |app     | |app     |
--------------------------------
|Host OS            |
---------------------
""",
        mermaid("  columns 3", '  b1["app"] b2["app"] b3["app"]', '  b4["Host OS"]:2 space'),
    ),
    "a base narrower than the one wide box above it": (
        """\
--------------------------------
|Container Engine              |
--------------------------------
|Host OS       |
----------------
""",
        mermaid("  columns 2", '  b1["Container Engine"]:2', '  b2["Host OS"] space'),
    ),
    "a row that starts right of the base, with its title": (
        """\
            VM2
           ----------
           |app     |
--------------------------------
|Host OS                       |
--------------------------------
""",
        mermaid(
            "  columns 3",
            '  space t1["VM2"] space',
            '  space b1["app"] space',
            '  b2["Host OS"]:3',
            *titled("t1"),
        ),
    ),
    "rows offset on both sides, '+' corners": (
        """\
         +--------+
         | app    |
    +-------------------+
    | runtime           |
+-------------------------------+
| Host OS                       |
+-------------------------------+
""",
        mermaid(
            "  columns 5",
            '  space:2 b1["app"] space:2',
            '  space b2["runtime"]:3 space',
            '  b3["Host OS"]:5',
        ),
    ),
    "a column between two boxes left empty, the base under all three": (
        """\
----------            ----------
|app     |            |db      |
--------------------------------
|Host OS                       |
--------------------------------
""",
        mermaid("  columns 3", '  b1["app"] space b2["db"]', '  b3["Host OS"]:3'),
    ),
    "Japanese labels, a narrower top": (
        """\
 仮想1
----------
|アプリ  |
---------------------
|ホストOS           |
---------------------
""",
        mermaid(
            "  columns 2", '  t1["仮想1"] space', '  b1["アプリ"] space', '  b2["ホストOS"]:2', *titled("t1")
        ),
    ),
}


@pytest.mark.parametrize(("drawing", "expected"), WRITTEN.values(), ids=WRITTEN.keys())
def test_rows_of_different_widths_convert(drawing: str, expected: str) -> None:
    assert_text(convert(drawing), expected)


def test_the_page_pass_converts_them_without_a_warning() -> None:
    errors: list[tuple[int, str]] = []
    page = "".join(f"## {name}\n\n```\n{drawing}```\n\n" for name, (drawing, _) in WRITTEN.items())
    out = convert_layer_diagrams(page, on_error=lambda *error: errors.append(error))
    assert errors == []
    assert out.count("```{.mermaid") == len(WRITTEN)
    for _, expected in WRITTEN.values():
        assert f"\n{expected}```\n" in out


SHAPES = {
    "narrower-top": mermaid("  columns 3", '  b1["app"] b2["app"] space', '  b3["Host OS"]:3'),
    "wider-top": mermaid("  columns 3", '  b1["Host OS"]:3', '  b2["app"] b3["app"] space'),
    "left-offset": mermaid(
        "  columns 3",
        '  space t1["VM1"] t2["VM2"]',
        '  space b1["app"] b2["app"]',
        '  b3["Host OS"]:3',
        *titled("t1", "t2"),
    ),
    "narrow-base": mermaid("  columns 3", '  b1["web"] b2["api"] b3["db"]', '  b4["ホストOS"]:2 space'),
}


def test_every_hand_has_each_shape() -> None:
    assert len(WIDTH_FILES) == len(HANDS) * len(SHAPES)
    assert {path.stem.split(".")[-1] for path in WIDTH_FILES} == set(SHAPES)


@pytest.mark.parametrize("path", WIDTH_FILES, ids=[path.stem for path in WIDTH_FILES])
def test_each_hand_draws_rows_of_different_widths(path: Path) -> None:
    assert_text(convert(path.read_text(encoding="utf-8")), SHAPES[path.stem.split(".")[-1]])


MISALIGNED = {
    "a base one column short of the box above": (
        "---------- ----------\n|app     | |app     |\n---------------------\n|Host OS           |\n"
        "--------------------\n",
        4,
        "row 2: box side at column 20 does not line up with any column edge",
    ),
    "a base three columns too wide": (
        "---------- ----------\n|app     | |app     |\n------------------------\n|Host OS               |\n"
        "------------------------\n",
        4,
        "row 2: box side at column 24 does not line up with any column edge",
    ),
    "a row one column right of the box below": (
        " ---------\n |app    |\n----------\n|Host OS |\n----------\n",
        4,
        "row 2: box side at column 1 does not line up with any column edge",
    ),
    "a box that starts inside a box above and ends past it (brickwork)": (
        """\
--------------------
|app               |
------------------------------
          |lib               |
          --------------------
""",
        4,
        "row 2: box side at column 11 does not line up with any column edge",
    ),
    "a narrower row whose side crosses a box of another row": (
        """\
---------------------
|platform           |
---------------------
|app     | |db      |
-------------------------------
     |Host OS                 |
     --------------------------
""",
        6,
        "row 3: box side at column 6 does not line up with any column edge",
    ),
}


@pytest.mark.parametrize(("drawing", "line", "message"), MISALIGNED.values(), ids=MISALIGNED.keys())
def test_misaligned_rows_still_say_where(drawing: str, line: int, message: str) -> None:
    assert looks_like_diagram(drawing)
    with pytest.raises(DiagramError) as caught:
        read(drawing)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_the_page_pass_warns_about_a_misaligned_row() -> None:
    errors: list[tuple[int, str]] = []
    drawing = MISALIGNED["a base one column short of the box above"][0]
    page = f"# t\n\n```\n{drawing}```\n"
    assert convert_layer_diagrams(page, on_error=lambda *error: errors.append(error)) == page
    assert [line for line, _ in errors] == [4 + 3]
    assert errors[0][1].startswith("row 2: box side at column 20 does not line up")


def test_a_strict_build_converts_them(tmp_path: Path) -> None:
    """The note pass in MkDocs: a page holding every drawing above builds with ``--strict``, no warning."""
    root = Path(__file__).resolve().parent.parent
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    start = lines.index("markdown_extensions:")
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1].strip() and lines[i][0] != "#"), None)
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "includes").mkdir()
    (project / "includes" / "abbreviations.md").write_text("", encoding="utf-8")  # snippets' auto_append
    hook = (root / "hooks" / "raw_notes.py").as_posix()  # the note pass, layer diagrams included
    extensions = "\n".join(lines[start:end])
    (project / "mkdocs.yml").write_text(
        f"site_name: widths\nhooks:\n  - {hook}\n{extensions}\n", encoding="utf-8"
    )
    page = "".join(f"## {name}\n\n```\n{drawing}```\n\n" for name, (drawing, _) in WRITTEN.items())
    (project / "docs" / "index.md").write_text("# 幅の違う段\n\n" + page, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="mermaid"') == len(WRITTEN)
    assert html_text.escape('b1["app"] b2["app"] space', quote=False) in html


# Property: rows that cover random stretches of the columns, every hand -------------------------------

LABELS = "abcxyzABC019()<>&'#%/.:_!?あいうアイウ日本語"


def width(text: str) -> int:
    return sum(char_width(c) for c in text)


@st.composite
def ragged_sketches(draw_: st.DrawFn) -> Sketch:
    """Two to five rows, each covering its own stretch of two to five columns (holes at either edge and
    inside), of boxes that nest or share their edges with the other rows' (see ``lines_up``)."""
    columns = draw_(st.integers(2, 5))
    label = st.text(LABELS, min_size=1, max_size=6).filter(lambda w: width(w) <= 7 and w.strip() == w)
    rows: list[tuple[tuple[int, int, tuple[str, ...]], ...]] = []
    for _ in range(draw_(st.integers(2, 5))):
        first = draw_(st.integers(0, columns - 1))
        last = draw_(st.integers(first, columns - 1))
        row: list[tuple[int, int, tuple[str, ...]]] = []
        column = first
        while column <= last:
            span = draw_(st.integers(1, last + 1 - column))
            if draw_(st.integers(0, 4)) or not row and column + span > last:  # mostly boxes
                row.append((column, span, tuple(draw_(st.lists(label, min_size=1, max_size=2)))))
            column += span
        rows.append(tuple(row))
    assume(lines_up(columns, tuple(rows)))
    inner = tuple(draw_(st.integers(9, 10)) for _ in range(columns))
    titles: tuple[str | None, ...] = ()
    if draw_(st.booleans()):
        titles = tuple(draw_(st.none() | st.sampled_from(["VM1", "仮想2", "node"])) for _ in range(columns))
    return Sketch(columns, titles, tuple(rows), inner, margin=draw_(st.integers(0, 2)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(ragged_sketches())
def test_random_ragged_grids_in_every_hand_convert_to_the_grid(sketch: Sketch) -> None:
    expected = to_mermaid(sketch.grid())
    for hand in HANDS:
        text = draw(sketch, hand)
        if not looks_like_diagram(text):  # one header line over data lines, every row alike: a table
            assert all(len(row) == sketch.columns for row in sketch.rows), f"{hand.name}:\n{text}"
            continue
        try:
            actual = to_mermaid(read(text))
        except DiagramError as error:
            raise AssertionError(f"{hand.name}: {error}\n{text}") from error
        assert actual == expected, f"{hand.name}:\n{text}\n{actual}"
