"""Draw a layer grid as text in each of the hands people draw boxes in (for tests and benchmarks).

A :class:`Sketch` says what to draw (columns, titles, rows of boxes with their label lines) and where
(the inner width of each column, label offsets); :func:`draw` draws it in one :class:`Hand`. Every
hand is computed from the same picture: which cells of a rule line carry a line going up, down, left
or right, rendered as ASCII (``-`` or ``=`` rules, ``-`` or ``+`` corners) or as Unicode box drawing
(light, heavy, double), one or two columns per box-drawing character.
"""

from __future__ import annotations

from dataclasses import dataclass

from studysite.diagrams.grid import Box, Grid, char_width

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8

_UNICODE = {  # arms -> character, per weight
    weight: dict(
        zip(
            (
                LEFT | RIGHT,
                UP | DOWN,
                DOWN | RIGHT,
                DOWN | LEFT,
                UP | RIGHT,
                UP | LEFT,
                UP | DOWN | RIGHT,
                UP | DOWN | LEFT,
                DOWN | LEFT | RIGHT,
                UP | LEFT | RIGHT,
                UP | DOWN | LEFT | RIGHT,
            ),
            chars,
            strict=True,
        )
    )
    for weight, chars in (("light", "─│┌┐└┘├┤┬┴┼"), ("heavy", "━┃┏┓┗┛┣┫┳┻╋"), ("double", "═║╔╗╚╝╠╣╦╩╬"))
}


@dataclass(frozen=True)
class Hand:
    name: str
    lines: str = "-"  # ASCII horizontal mark ("-" or "="), or a Unicode weight: "light", "heavy", "double"
    corner: str = "+"  # ASCII corner and junction mark ("+", or the horizontal mark itself)
    gap: int = 1  # blank cells between two columns (0: boxes share their sides)
    rules: str = "shared"  # "shared": one rule between rows; "gapped": it keeps its gaps under separate
    #  boxes even where a wide box below or above spans them; "stacked": every row its own closed boxes
    width: int = 1  # display columns of one box-drawing character (East Asian ambiguous: 1 or 2)


HANDS = (
    Hand("seed: '-' corners, gaps", corner="-"),
    Hand("gapped rule, '-' corners", corner="-", rules="gapped"),
    Hand("gapped rule, '+' corners", rules="gapped"),
    Hand("stacked closed boxes", rules="stacked"),
    Hand("stacked, shared sides", gap=0, rules="stacked"),
    Hand("shared sides", gap=0),
    Hand("'=' rules, '+' corners", lines="=", gap=0),
    Hand("'=' rules and corners, gaps", lines="=", corner="="),
    Hand("light box drawing, touching", lines="light", gap=0),
    Hand("heavy box drawing, separate", lines="heavy"),
    Hand("double box drawing, 2 columns wide", lines="double", gap=0, width=2),
    Hand("light, 2 columns wide, gapped rule", lines="light", rules="gapped", width=2),
    Hand("light, stacked", lines="light", rules="stacked"),
    Hand("heavy, 2 columns wide, stacked", lines="heavy", gap=0, rules="stacked", width=2),
)


@dataclass(frozen=True)
class Sketch:
    columns: int
    titles: tuple[str | None, ...]  # per column, or () for no title line
    rows: tuple[tuple[tuple[int, int, tuple[str, ...]], ...], ...]  # (column, span, label lines)
    inner: tuple[int, ...]  # inner width of each column, in box-drawing cells
    offsets: tuple[tuple[int, ...], ...] = ()  # per row and box, blank cells before the label (else 1)
    margin: int = 0  # blank cells before the drawing

    def grid(self) -> Grid:
        titles = tuple((t,) if t else () for t in self.titles) if any(self.titles) else ()
        rows = tuple(tuple(Box(text, column, span, 0) for column, span, text in row) for row in self.rows)
        return Grid(self.columns, titles, rows)


def lines_up(columns: int, rows: tuple[tuple[tuple[int, int, tuple[str, ...]], ...], ...]) -> bool:
    """Whether the boxes of ``rows`` alone show all ``columns`` (as the reader finds them): every column
    is under some box, every edge between two columns is a side of some box, and where rows differ in
    width (an edge where boxes only start, or only end), each such box nests with every box of another
    row that spans the edge (lies within it or holds it) rather than crossing it."""
    boxes = [(r, column, column + span - 1) for r, row in enumerate(rows) for column, span, _ in row]
    covered = {c for _, first, last in boxes for c in range(first, last + 1)}
    if len(covered) < columns:
        return False
    for edge in range(1, columns):
        starting = [box for box in boxes if box[1] == edge]
        ending = [box for box in boxes if box[2] == edge - 1]
        if not starting and not ending:
            return False
        if starting and ending:
            continue
        for r, first, last in starting + ending:
            for other, o_first, o_last in boxes:
                spans = o_first < edge <= o_last
                if other != r and spans and not (last <= o_last if first == edge else o_first <= first):
                    return False
    return True


def width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def draw(sketch: Sketch, hand: Hand, newline: str = "\n") -> str:
    """The sketch drawn in ``hand``, each line ended by ``newline``."""
    unit = hand.width
    lefts = [sketch.margin]
    for inner in sketch.inner[:-1]:
        lefts.append(lefts[-1] + inner + 1 + (hand.gap if hand.gap else -1) + 1)
    rights = [left + inner + 1 for left, inner in zip(lefts, sketch.inner, strict=True)]
    extents = [[(lefts[c], rights[c + s - 1]) for c, s, _ in row] for row in sketch.rows]
    lines: list[str] = []
    if any(sketch.titles):
        segments = [((lefts[i] + 1) * unit, t) for i, t in enumerate(sketch.titles) if t]
        lines.append(_render(segments, unit))
    for r, row in enumerate(sketch.rows):
        if hand.rules == "stacked":
            lines.append(_rule(hand, [], extents[r]))
        elif r == 0:
            lines.append(_rule(hand, [], extents[0]))
        height = max(len(text) for _, _, text in row)
        for k in range(height):
            pieces: dict[int, str] = {}  # display column -> text (a side shared by two boxes once)
            for b, ((left, right), (_, _, text)) in enumerate(zip(extents[r], row, strict=True)):
                pieces[left * unit] = pieces[right * unit] = _mark(hand, UP | DOWN)
                if k < len(text):
                    offset = sketch.offsets[r][b] if sketch.offsets else 1
                    pieces[(left + 1) * unit + offset] = text[k]
            lines.append(_render(list(pieces.items()), unit))
        if hand.rules == "stacked":
            lines.append(_rule(hand, extents[r], []))
        else:
            below = extents[r + 1] if r + 1 < len(extents) else []
            lines.append(_rule(hand, extents[r], below))
    return "".join(line + newline for line in lines)


def _rule(hand: Hand, above: list[tuple[int, int]], below: list[tuple[int, int]]) -> str:
    """One rule line: the bottom edges of the boxes ``above`` and the top edges of those ``below``."""
    size = max((right for _, right in (*above, *below)), default=0) + 1
    arms = [0] * size
    for edges, vertical in ((above, UP), (below, DOWN)):
        for left, right in edges:
            arms[left] |= vertical | RIGHT
            arms[right] |= vertical | LEFT
            for x in range(left + 1, right):
                arms[x] |= LEFT | RIGHT
    if hand.rules == "gapped":  # cut the rule in each gap beside which a box above or below ends or starts
        rights = {right for _, right in (*above, *below)}
        lefts = {left for left, _ in (*above, *below)}
        for x in range(size):
            if arms[x] == LEFT | RIGHT and (x - 1 in rights or x + 1 in lefts):
                arms[x] = 0
    for x in range(size):  # a corner whose neighbour was cut loses its arm towards it
        if arms[x] & RIGHT and (x + 1 >= size or not arms[x + 1]):
            arms[x] &= ~RIGHT
        if arms[x] & LEFT and (x == 0 or not arms[x - 1]):
            arms[x] &= ~LEFT
    return _render([(x * hand.width, _mark(hand, a)) for x, a in enumerate(arms) if a], hand.width)


def _mark(hand: Hand, arms: int) -> str:
    if arms in (LEFT, RIGHT):  # a line end: drawn as a whole line (half lines are not ambiguous width)
        arms = LEFT | RIGHT
    elif arms in (UP, DOWN):
        arms = UP | DOWN
    if hand.lines in _UNICODE:
        return _UNICODE[hand.lines][arms]
    if arms == UP | DOWN:
        return "|"
    return hand.lines if arms in (LEFT | RIGHT,) or not arms & (UP | DOWN) else hand.corner


def _render(segments: list[tuple[int, str]], unit: int) -> str:
    """A line from (display column, text) pieces; box-drawing marks are ``unit`` columns wide."""
    out: list[str] = []
    col = 0
    for x, text in sorted(segments):
        out.append(" " * (x - col) + text)
        col = x + (unit if len(text) == 1 and "\u2500" <= text <= "\u257f" else width(text))
    return "".join(out)
