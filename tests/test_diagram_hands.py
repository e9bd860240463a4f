"""Layer drawings in every hand people draw boxes in convert to the Mermaid of the grid they show.

- the seed note and the fixture page convert exactly as before the readers were split (pinned output);
- an input -> expected-Mermaid table: three drawings (Latin, Japanese with titles and holes, spans of
  width 1 to 4 with a two-line label) in each of the 14 hands of ``tests.support.hands``, kept as
  files in tests/fixtures/diagram_hands/, and hand-written drawings from the issue and beyond;
- a hypothesis property: random grids drawn in every hand convert to the Mermaid of the grid (rows may
  differ in width, as long as the boxes show every column: ``tests.support.hands.lines_up``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studysite.diagrams.detect import looks_like_diagram
from studysite.diagrams.grid import DiagramError, char_width
from studysite.diagrams.layers import convert_layer_diagrams
from studysite.diagrams.mermaid import to_mermaid
from studysite.diagrams.readers import read
from tests.support.diagram_checks import assert_text, convert, mermaid
from tests.support.hands import HANDS, Hand, Sketch, draw, lines_up

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HAND_FILES = FIXTURES / "diagram_hands"


TITLES = ("  classDef layerTitle fill:none,stroke:none",)


@pytest.mark.parametrize(
    ("source", "pinned"),
    [("docker-1.md", "docker-1.converted.md"), ("diagrams/docker-1/good.md", "good.converted.md")],
)
def test_pages_convert_exactly_as_before(source: str, pinned: str) -> None:
    """The pinned files were written by the converter before the split into readers and writer."""
    errors: list[tuple[int, str]] = []
    page = (FIXTURES / source).read_text(encoding="utf-8")
    out = convert_layer_diagrams(page, on_error=lambda *error: errors.append(error))
    assert not errors
    assert_text(out, (FIXTURES / "diagram_pins" / pinned).read_text(encoding="utf-8"))


EXPECTED = {
    "latin": mermaid("  columns 2", '  b1["app"] b2["app"]', '  b3["runtime"]:2'),
    "japanese": mermaid(
        "  columns 3",
        '  t1["仮想1"] t2["仮想2"] t3["仮想3"]',
        '  b1["アプリ"] b2["アプリ"] b3["アプリ"]',
        '  b4["ライブラリ"] space b5["ライブラリ"]',
        '  b6["ゲストOS"]:2 b7["ゲスト"]',
        '  b8["ハイパーバイザ"]:3',
        *TITLES,
        "  class t1,t2,t3 layerTitle",
    ),
    "spans": mermaid(
        "  columns 4",
        '  space t1["node"] space:2',
        '  b1["web"] b2["api"] b3["db"] b4["mq"]',
        '  b5["Docker<br>Engine"]:2 space b6["cache"]',
        '  b7["Linux kernel"]:3 b8["fw"]',
        '  b9["Hard Ware"]:4',
        *TITLES,
        "  class t1 layerTitle",
    ),
}
FILES = sorted(HAND_FILES.glob("*.txt"))


def test_every_hand_has_its_drawings() -> None:
    hands = {path.name.split("-")[0] for path in FILES}
    assert len(hands) == len(HANDS) and len(FILES) == len(HANDS) * len(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_hand_drawn_files_convert(path: Path) -> None:
    assert_text(convert(path.read_text(encoding="utf-8")), EXPECTED[path.stem.split(".")[-1]])


WRITTEN = {
    "issue, hand 1: a rule with gaps that is also the top of a wider box": (
        "------ ------\n|app | |app |\n------ ------\n|runtime    |\n-------------\n",
        EXPECTED["latin"],
    ),
    "issue, hand 1 with '+' corners": (
        "+----+ +----+\n|app | |app |\n+----+ +----+\n|runtime    |\n+-----------+\n",
        EXPECTED["latin"],
    ),
    "a wider box above a gapped rule": (
        "-------------\n|platform   |\n------ ------\n|app | |db  |\n------ ------\n",
        mermaid("  columns 2", '  b1["platform"]:2', '  b2["app"] b3["db"]'),
    ),
    "stacked boxes with a hole, titles": (
        """\
  VM1      VM2
+------+ +------+
| app  | | app  |
+------+ +------+
         +------+
         | lib  |
         +------+
+---------------+
| Hyper Visor   |
+---------------+
""",
        mermaid(
            "  columns 2",
            '  t1["VM1"] t2["VM2"]',
            '  b1["app"] b2["app"]',
            '  space b3["lib"]',
            '  b4["Hyper Visor"]:2',
            *TITLES,
            "  class t1,t2 layerTitle",
        ),
    ),
    "Unicode touching boxes with a gapped span below, rounded corners": (
        """\
╭─────┬─────╮ ╭─────╮
│ web │ api │ │ db  │
╰─────┴─────╯ ╰─────╯
│ Kubernetes        │
╰───────────────────╯
""",
        mermaid("  columns 3", '  b1["web"] b2["api"] b3["db"]', '  b4["Kubernetes"]:3'),
    ),
    "Unicode two columns wide, Japanese labels": (
        "┌───┬───┐\n│アプリ│アプリ│\n├───┴───┤\n│カーネル      │\n└───────┘\n",
        mermaid("  columns 2", '  b1["アプリ"] b2["アプリ"]', '  b3["カーネル"]:2'),
    ),
    "ASCII frame, an arrow in a label drawn two columns wide": (
        "+----------+\n| Web→DB   |\n+----------+\n| OS       |\n+----------+\n".replace("→DB   ", "→DB  "),
        mermaid("  columns 1", '  b1["Web→DB"]', '  b2["OS"]'),
    ),
    "ambiguous labels line up both ways to the same grid": (
        "┌──┐\n│αβ│\n├──┤\n│○○│\n└──┘\n",
        mermaid("  columns 1", '  b1["αβ"]', '  b2["○○"]'),
    ),
    "one column, a padded box below a one-line box (not a table)": (
        "+---------+\n| app     |\n+---------+\n|         |\n| kernel  |\n|         |\n+---------+\n",
        mermaid("  columns 1", '  b1["app"]', '  b2["kernel"]'),
    ),
    "'=' rules with '+' corners, a label on two lines": (
        """\
+=======+=======+
| app   | app   |
| (Go)  |       |
+=======+=======+
| Linux         |
+===============+
""",
        mermaid("  columns 2", '  b1["app<br>(Go)"] b2["app"]', '  b3["Linux"]:2'),
    ),
    "a header rule of '=' over '-' rules, with a span": (
        "+-----+-----+\n| a   | b   |\n+=====+=====+\n| base      |\n+-----------+\n",
        mermaid("  columns 2", '  b1["a"] b2["b"]', '  b3["base"]:2'),
    ),
    "double lines, separate boxes, tabs and CRLF": (
        "╔═══╗\t╔═══╗\r\n║ a ║\t║ b ║\r\n╚═══╝\t╚═══╝\r\n",
        mermaid("  columns 2", '  b1["a"] b2["b"]'),
    ),
}


@pytest.mark.parametrize(("drawing", "expected"), WRITTEN.values(), ids=WRITTEN.keys())
def test_hand_written_drawings_convert(drawing: str, expected: str) -> None:
    assert_text(convert(drawing), expected)


def test_a_drawing_that_lines_up_neither_way_says_so() -> None:
    with pytest.raises(DiagramError) as caught:
        read("┌───┬───┐\n│ab│cd│\n└───┴───┘\n")
    assert (caught.value.line, caught.value.message) == (
        1,
        "rule at column 8 does not line up with any box above or below it (reading characters such as "
        "'┌' one column wide; two columns wide: line 1: rule at column 10 does not line up with any box "
        "above or below it)",
    )


def test_a_drawing_that_lines_up_both_ways_differently_says_so() -> None:
    # Labels of ambiguous characters only line up both ways; the title then stands over another column.
    with pytest.raises(DiagramError) as caught:
        read("    T\n┌──┐┌──┐\n│αβ││γδ│\n└──┘└──┘\n")
    assert (caught.value.line, caught.value.message) == (
        2,
        "the boxes line up both with characters such as '┌' one column wide and two columns wide, and the "
        "two readings differ: align the drawing for one of them",
    )


# Property: random grids, every hand ---------------------------------------------------------------

ASCII_TEXT = "abcxyzABCXYZ0189()<>&\"';#%`\\/.:_=!?@"
JAPANESE_TEXT = "あいうアイウ日本語漢字ホストＯＳ、。"


def width(text: str) -> int:
    return sum(char_width(c) for c in text)


def words(alphabet: str, most: int) -> st.SearchStrategy[str]:
    return (
        st.lists(st.text(alphabet, min_size=1, max_size=4), min_size=1, max_size=2)
        .map(" ".join)
        .filter(lambda w: width(w) <= most and "==" not in w and w.strip("=+-") != "")  # no rule line
    )


@st.composite
def sketches(draw_: st.DrawFn) -> Sketch:
    """A random layer grid: columns, spans, holes, labels of one to three lines, titles, a margin."""
    columns = draw_(st.integers(1, 4))
    label = words(draw_(st.sampled_from([ASCII_TEXT, JAPANESE_TEXT, ASCII_TEXT + JAPANESE_TEXT])), 8)
    inner = tuple(draw_(st.integers(9, 11)) for _ in range(columns))
    rows: list[tuple[tuple[int, int, tuple[str, ...]], ...]] = []
    for _ in range(draw_(st.integers(1, 4))):
        row: list[tuple[int, int, tuple[str, ...]]] = []
        column = 0
        while column < columns:
            span = draw_(st.integers(1, columns - column))
            if draw_(st.integers(0, 3)) or not row and column + span == columns:  # mostly boxes
                row.append((column, span, tuple(draw_(st.lists(label, min_size=1, max_size=3)))))
            column += span
        rows.append(tuple(row))
    if not lines_up(columns, tuple(rows)):  # rows may differ in width, but the boxes must show each column
        rows.insert(draw_(st.integers(0, len(rows))), tuple((c, 1, (f"c{c}",)) for c in range(columns)))
    offsets = []
    for boxes in rows:  # room inside the box in the narrowest hand (shared sides, one column per mark)
        room = [sum(inner[c : c + s]) + s - 1 - max(width(t) for t in text) for c, s, text in boxes]
        offsets.append(tuple(draw_(st.integers(0, r)) for r in room))
    titles: tuple[str | None, ...] = ()
    if draw_(st.booleans()):
        title_text = ASCII_TEXT.translate(str.maketrans("", "", "#%>;$")) + JAPANESE_TEXT
        titles = tuple(draw_(st.none() | words(title_text, 6)) for _ in range(columns))
    return Sketch(columns, titles, tuple(rows), inner, tuple(offsets), draw_(st.integers(0, 2)))


def table_shaped(sketch: Sketch, hand: Hand) -> bool:
    """One header line over a block of data lines, every row the same cells: read as a table."""
    rows = sketch.rows
    return (
        hand.rules != "stacked"
        and not any(sketch.titles)
        and len(rows) == 2
        and all(len(row) == sketch.columns for row in rows)
        and max(len(text) for _, _, text in rows[0]) == 1
        and max(len(text) for _, _, text in rows[1]) >= 2
    )


def tabify(line: str) -> str:
    """Runs of spaces that end on a tab stop (every 8 columns) become tabs."""
    out, col, spaces = [], 0, 0
    for ch in line:
        if ch == " ":
            spaces, col = spaces + 1, col + 1
            if col % 8 == 0:
                out.append("\t" if spaces > 1 else " " * spaces)
                spaces = 0
            continue
        out.append(" " * spaces + ch)
        spaces, col = 0, col + char_width(ch)
    return "".join(out) + " " * spaces


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sketches(), st.sampled_from(["\n", "\r\n"]), st.booleans(), st.booleans())
def test_random_grids_in_every_hand_convert_to_the_grid(
    sketch: Sketch, newline: str, tabs: bool, trailing: bool
) -> None:
    expected = to_mermaid(sketch.grid())
    for hand in HANDS:
        lines = draw(sketch, hand).split("\n")[:-1]
        if tabs and hand.width == 1:
            lines = [tabify(line) for line in lines]
        if trailing:
            lines = [line + " " * (n % 3) for n, line in enumerate(lines)]
        text = "".join(line + newline for line in lines)
        if table_shaped(sketch, hand):
            assert not looks_like_diagram(text), f"{hand.name}:\n{text}"
            continue
        assert looks_like_diagram(text), f"{hand.name}:\n{text}"
        try:
            actual = to_mermaid(read(text))
        except DiagramError as error:
            raise AssertionError(f"{hand.name}: {error}\n{text}") from error
        assert actual == expected, f"{hand.name}:\n{text}\n{actual}"
