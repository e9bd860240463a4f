"""The box reader: one tolerant reading of a drawing in ``-``/``=``/``+`` rules and ``|`` sides.

Every hand arrives here in the same marks (see :mod:`.canvas`)::

     VM1        VM2            <- optional title line(s), above the first rule
    ---------- ----------      <- a rule: runs of '-' or '=' (corners '-' or '+'), several per line
    |app     | |app     |      <- box sides '|'; a box may hold several text lines (one label)
    ------ --------------      <- a rule is shared by the rows above and below; its gaps between
    |Host OS            |         columns are fine, also where it is the top of a wider box
    ---------------------
    +-------------------+      <- two rules may meet: stacked closed boxes
    |Hard Ware          |
    +-------------------+

Rows are the bands of text lines between rules; in a row, a box is the text between two sides. A
region with no text (open, or closed by sides) is a hole; text with no edge above or below it is not in
a box (an arrow between boxes: not a layer drawing, see NotLayers). Columns are found from the sides of
all the boxes together (:mod:`.columns`), so a box spans the columns (and the gaps between them) it
covers, and rows may differ in width: the uncovered width beside a row is a hole. Time is about linear
in the text (the sides are sorted once).
"""

from __future__ import annotations

from collections.abc import Sequence

from studysite.diagrams.grid import Box, DiagramError, Grid, NotLayers
from studysite.diagrams.readers.canvas import Line, is_rule
from studysite.diagrams.readers.columns import find_columns
from studysite.diagrams.readers.titles import read_titles

GAP = -1  # column_at value between two columns
OUTSIDE = -2  # column_at value left of the first column

_Raw = tuple[int, int, tuple[str, ...], int]  # left side, right side, text lines, first text line


class _Row:
    """The boxes of one band of text lines, and every region between two of its sides."""

    def __init__(self, number: int, band: list[Line]) -> None:
        self.number = number
        self.band = band
        self.boxes: list[_Raw] = []
        self.regions: list[tuple[int, int]] = []


def read_boxes(lines: Sequence[Line]) -> Grid:
    """Read the grid of a layer diagram; raise DiagramError saying what is wrong and where."""
    first = next((i for i, line in enumerate(lines) if line.rule), None)
    if first is None:
        raise DiagramError(lines[0].number if lines else 1, "no rule line (a run of '-') in the diagram")
    title_lines = [line for line in lines[:first] if not line.blank]
    for line in title_lines:
        if "|" in line.text:
            raise DiagramError(line.number, "box side '|' above the top rule line")
    rules, bands = _split_rows(lines[first:])
    rows = [_read_row(r, band) for r, band in enumerate(bands, 1)]
    for r, row in enumerate(rows):
        _check_boxed(row, rules[r][-1], rules[r + 1][0])
    if not any(row.boxes for row in rows):
        raise DiagramError(rows[0].band[0].number, "no box with text in the diagram")
    columns = find_columns([[(left, right, line) for left, right, _, line in row.boxes] for row in rows])
    edges = columns.edges
    column_at = [OUTSIDE] * edges[0][0] + [GAP] * (edges[-1][1] + 1 - edges[0][0])
    for i, (left, right) in enumerate(edges):
        column_at[left : right + 1] = [i] * (right + 1 - left)
    for row in rows:
        _check_sides(row, columns.sides)
    cut = bytearray(column == GAP for column in column_at)  # where a rule may be cut: between two
    for first, last in columns.zones:  # columns, and beside an implied column edge
        cut[first : last + 1] = b"\x01" * (last + 1 - first)
    gaps = bytes(cut)
    for r, rule in enumerate(rules):
        above, below = rows[r - 1] if r else None, rows[r] if r < len(rows) else None
        _check_edges(rule, above, below, gaps)
        _check_rule(rule, above, below, gaps)
    start = {left: i for i, (left, _) in enumerate(edges)}
    end = {right: i for i, (_, right) in enumerate(edges)}
    grid_rows = tuple(
        tuple(Box(text, start[left], end[right] - start[left] + 1, n) for left, right, text, n in row.boxes)
        for row in rows
    )
    return Grid(len(edges), read_titles(title_lines, column_at, len(edges)), grid_rows)


def _split_rows(lines: Sequence[Line]) -> tuple[list[list[Line]], list[list[Line]]]:
    """The rules between rows (one rule line, or two where stacked boxes meet) and the rows' text lines."""
    rules: list[list[Line]] = []
    bands: list[list[Line]] = []
    band: list[Line] = []
    for line in lines:
        if line.blank:
            raise DiagramError(line.number, "blank line inside the diagram")
        if not line.rule:
            band.append(line)
            continue
        if band or not rules:
            if band:
                bands.append(band)
                band = []
            rules.append([line])
        elif len(rules[-1]) == 2:
            raise DiagramError(line.number, "three rule lines in a row (two may meet: stacked boxes)")
        else:
            rules[-1].append(line)
    if band:
        raise DiagramError(band[-1].number, f"row {len(bands) + 1}: no rule line below this row")
    if not bands:
        raise DiagramError(lines[0].number, "no row of boxes between rule lines")
    return rules, bands


def _read_row(number: int, band: list[Line]) -> _Row:
    """The boxes of one row: the text between '|' sides, the same sides on every line."""
    row = _Row(number, band)
    sides = [c for c, ch in zip(band[0].cols, band[0].chars, strict=True) if ch == "|"]
    if not sides:
        raise DiagramError(band[0].number, f"row {number}: no box side '|' on this line")
    texts: list[list[str]] = [[] for _ in sides]  # texts[k]: per line, the text left of sides[k]
    for line in band:
        for mark in ("---", "==="):
            at = line.text.find(mark)
            if at >= 0 and is_rule(line.text[at:].split("|")[0].strip()):
                raise DiagramError(
                    line.number,
                    f"row {number}: a rule runs through this row at column "
                    f"{line.cols[at] + 1} (boxes spanning several rows are not supported)",
                )
        bars = [i for i, ch in enumerate(line.chars) if ch == "|"]
        here = [line.cols[i] for i in bars]
        if here != sides:
            odd = min(set(here) ^ set(sides))
            what = "does not line up with the row's first line" if odd in here else "is missing"
            raise DiagramError(line.number, f"row {number}: box side at column {odd + 1} {what}")
        outside = ((0, bars[0], "before the first"), (bars[-1] + 1, len(line.chars), "after the last"))
        for start, stop, where in outside:
            text = line.text[start:stop]
            if text.strip():
                col = line.cols[start + len(text) - len(text.lstrip())]
                raise DiagramError(line.number, f"row {number}: text at column {col + 1} is {where} box side")
        for k in range(1, len(bars)):
            texts[k].append(line.text[bars[k - 1] + 1 : bars[k]].strip())
    for k in range(1, len(sides)):
        row.regions.append((sides[k - 1], sides[k]))
        label = tuple(t for t in texts[k] if t)
        if label:  # else a hole, or the gap between two boxes
            first_line = next(line.number for line, t in zip(band, texts[k], strict=True) if t)
            row.boxes.append((sides[k - 1], sides[k], label, first_line))
    return row


def _check_boxed(row: _Row, top: Line, bottom: Line) -> None:
    """Text with neither a top nor a bottom edge over it is not in a box: an arrow or a note between
    boxes, so the drawing is not a stack of layers."""
    for left, right, text, line in row.boxes:
        if (
            right - left > 1
            and not any(top.mask[left + 1 : right])
            and not any(bottom.mask[left + 1 : right])
        ):
            raise NotLayers(
                line, f"row {row.number}: '{text[0]}' at column {left + 2} is between boxes, not in one"
            )


def _check_sides(row: _Row, sides: frozenset[int]) -> None:
    """The sides of holes closed like boxes must stand on column edges too."""
    for left, right in row.regions:
        for side in (left, right):
            if side not in sides:
                raise DiagramError(
                    row.band[0].number,
                    f"row {row.number}: box side at column {side + 1} does not line up with any column edge",
                )


def _check_edges(rule: list[Line], above: _Row | None, below: _Row | None, gaps: bytes) -> None:
    """The bottom edges of the boxes above and the top edges of those below are drawn (the rule lines
    together), except between columns: a rule with gaps may be the top of a box that spans them."""
    mask = rule[0].mask if len(rule) == 1 else bytes(a | b for a, b in zip(*_padded(rule), strict=True))
    for row, name, line in ((above, "bottom", rule[0]), (below, "top", rule[-1])):
        if row is None:
            continue
        for left, right, text, _ in row.boxes:
            drawn = mask[left : right + 1]
            if len(drawn) == right + 1 - left and 0 not in drawn:
                continue  # the common case: drawn all along
            for x in range(left, right + 1):
                if (x >= len(mask) or not mask[x]) and not gaps[x]:
                    raise DiagramError(
                        line.number,
                        f"row {row.number}: {name} edge of box '{text[0]}' is broken at column {x + 1}",
                    )


def _padded(rule: list[Line]) -> tuple[bytes, bytes]:
    size = max(len(line.mask) for line in rule)
    return bytes(rule[0].mask.ljust(size, b"\0")), bytes(rule[1].mask.ljust(size, b"\0"))


def _check_rule(rule: list[Line], above: _Row | None, below: _Row | None, gaps: bytes) -> None:
    """Every mark of a rule line belongs to a box or hole above or below it, or bridges a gap."""
    size = max(len(line.mask) for line in rule)
    allowed = bytearray(gaps[:size].ljust(size, b"\0"))  # 1 where a mark may stand
    for left, right in (*(above.regions if above else ()), *(below.regions if below else ())):
        allowed[left : right + 1] = b"\x01" * len(allowed[left : right + 1])
    free = int.from_bytes(allowed, "little") ^ int.from_bytes(b"\x01" * size, "little")
    for line in rule:  # the masks hold bytes 0 and 1, so the bitwise AND of the integers is per column
        stray = int.from_bytes(line.mask, "little") & free
        if stray:
            x = ((stray & -stray).bit_length() - 1) // 8
            raise DiagramError(
                line.number, f"rule at column {x + 1} does not line up with any box above or below it"
            )
