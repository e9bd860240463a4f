"""The columns of a layer drawing, from the box sides of all its rows together.

Every left side opens a column and every right side closes one. Where a right side is followed by a
left side (the same ``|``, or two across a gap), the column edge between them is drawn. Rows of
different widths leave sides without such a partner, and the edge beside them is implied::

    ---------- ----------             no left side follows the right side of the second app: the
    |app     | |app     |             width from there to the right side of Host OS is a third
    --------------------------------  column (a hole in the top row); a left side that follows a
    |Host OS                       |  left side (a row that starts right of the base) likewise ends
    --------------------------------  the column it splits

A side without a partner stands inside a box of some other row; it must nest with every such box (lie
within it, or hold it), and leave room for the column it implies. A side that crosses a box of another
row (its box starts before that box and ends inside it, or the reverse), or that stands a few cells off
another side of the same kind, does not line up: the drawing is misaligned. A gap as wide as a box
under or over a box that spans it is a column of its own, a hole in every row but the spanning ones.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from studysite.diagrams.grid import DiagramError

#: Least distance between two sides of the same kind that imply a column between them (closer: a typo).
MIN_SPLIT = 4
#: Least distance between a right side and the next left side that makes the gap between them a column
#: of its own where a box of another row spans it: nine blank cells, wider than a tab (a gap between
#: columns is one cell, three when drawn with box drawing two columns wide, or a few blanks by hand).
WIDE_GAP = 10
#: Cells beside an implied edge where the rules may be cut, as in a gap between columns (one gap cell
#: drawn with box drawing two columns wide, after the blank half of a corner, is three cells).
ZONE = 3

_Side = tuple[int, str]  # (display column, "L" or "R")
_User = tuple[int, int, int, int]  # (row number, left side, right side, first text line) of a box


@dataclass(frozen=True)
class Columns:
    edges: tuple[tuple[int, int], ...]  # per column: (first display column, last display column)
    zones: tuple[tuple[int, int], ...]  # (first, last) cells beside implied edges, to treat as gaps
    sides: frozenset[int]  # where the side of a hole (an empty region closed by sides) may stand


def find_columns(rows: Sequence[Sequence[tuple[int, int, int]]]) -> Columns:
    """Columns of the boxes ``rows[r]`` = [(left side, right side, first text line)] of row ``r + 1``."""
    users: dict[_Side, list[_User]] = {}
    for number, boxes in enumerate(rows, 1):
        for left, right, line in boxes:
            users.setdefault((left, "L"), []).append((number, left, right, line))
            users.setdefault((right, "R"), []).append((number, left, right, line))
    if not users:
        raise DiagramError(1, "no box with text in the diagram")
    starts = [[left for left, _, _ in boxes] for boxes in rows]  # per row, for bisection
    edges: list[tuple[int, int]] = []
    zones: list[tuple[int, int]] = []
    sides: set[int] = set()
    opened = last_right = -1
    for x, kind in sorted(users, key=lambda side: (side[0], side[1] == "L")):  # a right side closes first
        sides.add(x)
        if kind == "L":
            if opened >= 0:  # a second left side: the open column ends before it
                _check_split(users, (opened, "L"), (x, "L"))
                _check_nested((x, "L"), users[x, "L"], rows, starts)
                edges.append((opened, x - 1))
                zones.append((max(opened + 1, x - ZONE), x - 1))
            elif last_right >= 0 and x - last_right >= WIDE_GAP and _spanned(rows, starts, last_right, x):
                _check_nested((last_right, "R"), users[last_right, "R"], rows, starts)
                _check_nested((x, "L"), users[x, "L"], rows, starts)
                edges.append((last_right + 1, x - 1))  # a column no box of its own covers: a hole
                zones += [(last_right + 1, last_right + ZONE), (x - ZONE, x - 1)]
            opened = x
            continue
        if opened >= 0:
            edges.append((opened, x))
        else:  # a second right side: a column starts after the last one
            _check_split(users, (last_right, "R"), (x, "R"))
            _check_nested((last_right, "R"), users[last_right, "R"], rows, starts)
            edges.append((last_right + 1, x))
            zones.append((last_right + 1, min(x - 1, last_right + ZONE)))
        opened, last_right = -1, x
    for first, last in zones:
        sides.update(range(first, last + 1))
    return Columns(tuple(edges), tuple(zones), frozenset(sides))


def _check_split(users: dict[_Side, list[_User]], near: _Side, far: _Side) -> None:
    """Two sides of the same kind far enough apart for a column between them; else the one fewer boxes
    use does not line up (on a tie, the lower one: upper rows set the columns)."""
    if far[0] - near[0] >= MIN_SPLIT:
        return
    bad = min((far, near), key=lambda side: (len(users[side]), -users[side][0][0]))
    _misaligned(users[bad][0], bad[0])


def _spanned(
    rows: Sequence[Sequence[tuple[int, int, int]]], starts: list[list[int]], left: int, right: int
) -> bool:
    """Whether a box of some row reaches over both ``left`` and ``right`` (a gap between them)."""
    for boxes, lefts in zip(rows, starts, strict=True):
        k = bisect_left(lefts, left) - 1  # the last box starting before ``left``
        if k >= 0 and boxes[k][1] > right:
            return True
    return False


def _check_nested(
    side: _Side, owners: list[_User], rows: Sequence[Sequence[tuple[int, int, int]]], starts: list[list[int]]
) -> None:
    """A side without a partner: its box nests with each box of another row that the side splits."""
    x, kind = side
    for number, left, right, line in owners:
        for other, boxes in enumerate(rows, 1):
            k = bisect_left(starts[other - 1], x) - 1  # the last box of that row starting before x
            if other == number or k < 0 or boxes[k][1] <= x:
                continue  # the side splits no box of that row
            b_left, b_right, _ = boxes[k]
            if not (b_left <= left if kind == "R" else right <= b_right):
                _misaligned((number, left, right, line), x)


def _misaligned(user: _User, x: int) -> None:
    number, _, _, line = user
    raise DiagramError(
        line, f"row {number}: box side at column {x + 1} does not line up with any column edge"
    )
