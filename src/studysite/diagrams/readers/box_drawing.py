"""Unicode box drawing (``┌─┬─┐ │ ├─┼─┤ └─┴─┘``, heavy ``━┃┏``, double ``═║╔``, rounded ``╭``) as ASCII.

Every character of the block U+2500–U+257F with arms becomes the ASCII mark of the hand every reader
reads: ``-`` for a horizontal line, ``|`` for a vertical one, ``+`` for a corner or a junction. Box
drawing is East Asian *ambiguous* width: a character drawn two columns wide becomes two ASCII cells, the
second a ``-`` when the character has an arm to the right (so a top edge stays unbroken) and a blank
otherwise (so a right side ends where it is drawn).
"""

from __future__ import annotations

import unicodedata


def _marks(ch: str) -> tuple[str, str] | None:
    """(mark of the first cell, mark of a second cell) of one box-drawing character, or None."""
    words = set(unicodedata.name(ch, "").split())
    vertical = "VERTICAL" in words
    horizontal = "HORIZONTAL" in words
    up_down = vertical or bool(words & {"UP", "DOWN"})
    left = horizontal or "LEFT" in words
    right = horizontal or "RIGHT" in words
    if up_down and (left or right):
        mark = "+"
    elif left or right:
        mark = "-"
    elif up_down:
        mark = "|"
    else:
        return None  # diagonals
    return mark, "-" if right else " "


#: box-drawing character -> (first cell, second cell)
MARKS: dict[str, tuple[str, str]] = {
    chr(code): marks for code in range(0x2500, 0x2580) if (marks := _marks(chr(code))) is not None
}
#: ``str.translate`` table: each box-drawing character to its one-cell ASCII mark.
TO_ASCII = {ord(ch): marks[0] for ch, marks in MARKS.items()}
#: Horizontal lines that mark a table's header rule when the other rules are drawn lighter.
STRONG_LINES = "=═━"
