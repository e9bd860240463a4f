"""One line of a drawing as display cells: the view of the text that the box reader works on.

Columns are display cells (East Asian wide/full-width = 2, combining marks = 0, tabs to 8, East Asian
ambiguous characters as wide as the reading says), so a Japanese drawing aligned in a monospace editor
reads like its ASCII twin. Box-drawing characters are replaced by their ASCII marks cell by cell
(:mod:`.box_drawing`), and rules of ``=`` count as rules of ``-``: after this every hand uses ``-``,
``+`` and ``|`` only.
"""

from __future__ import annotations

from studysite.diagrams.grid import char_width
from studysite.diagrams.readers.box_drawing import MARKS

TAB_SIZE = 8
#: The marks a rule line is drawn with (``=`` as well as ``-``; ``+`` for corners).
RULE_MARKS = "-=+"


#: ``bytes.translate`` table: 1 for a rule mark, 0 for anything else.
_MASK = bytes(1 if chr(code) in RULE_MARKS else 0 for code in range(256))
#: Per reading (ambiguous width 1 or 2), what each character seen so far becomes: (marks, display width).
_CELLS: dict[int, dict[str, tuple[str, int]]] = {1: {}, 2: {}}


def _cells(ch: str, ambiguous: int) -> tuple[str, int]:
    """The text one character becomes (a box-drawing one its ASCII marks, one per column) and its width."""
    width = char_width(ch, ambiguous)
    if ch in MARKS:
        return "".join(MARKS[ch][:width]), width
    return ch, width


def is_rule(stripped: str) -> bool:
    """A rule line: only ``-``, ``=``, ``+`` and blanks, with at least one ``-`` or ``=``."""
    return ("-" in stripped or "=" in stripped) and not stripped.strip("-=+ \t")


class Line:
    """One diagram line: its characters (box drawing as ASCII) with the display column of each."""

    __slots__ = ("number", "chars", "cols", "width", "text", "blank", "rule", "mask")

    def __init__(self, number: int, raw: str, ambiguous: int = 1) -> None:
        self.number = number
        raw = raw.removesuffix("\r")
        if raw.isascii() and raw.isprintable():  # the common case: one column per character, no tabs
            self.chars, self.cols, self.width, self.text = list(raw), list(range(len(raw))), len(raw), raw
        else:
            self._measure(raw, ambiguous)
        self.blank = not self.text.strip()
        self.rule = is_rule(self.text.strip())
        self.mask = bytearray(self.width + 1)  # of a rule line: 1 in each column that holds a rule mark
        if self.rule and self.text.isascii():  # one column per character
            self.mask[: len(self.text)] = self.text.encode("ascii").translate(_MASK)
        elif self.rule:
            for c, ch in zip(self.cols, self.chars, strict=True):
                self.mask[c] = ch in RULE_MARKS

    def _measure(self, raw: str, ambiguous: int) -> None:
        chars: list[str] = []
        cols: list[int] = []
        col = 0
        known = _CELLS[ambiguous]
        for ch in raw:
            if ch == "\t":
                for _ in range(TAB_SIZE - col % TAB_SIZE):
                    chars.append(" ")
                    cols.append(col)
                    col += 1
                continue
            cells = known.get(ch)
            if cells is None:
                cells = known[ch] = _cells(ch, ambiguous)
            marks, width = cells
            if len(marks) == 1:
                chars.append(marks)
                cols.append(col)
                col += width
            else:  # a box-drawing character two columns wide: one ASCII mark per column
                chars.extend(marks)
                cols.extend((col, col + 1))
                col += 2
        self.chars, self.cols, self.width, self.text = chars, cols, col, "".join(chars)

    def end(self, i: int) -> int:
        """The display column right after character ``i``."""
        return self.cols[i + 1] if i + 1 < len(self.cols) else self.width


def lines_of(text: str, ambiguous: int = 1) -> list[Line]:
    """The lines of a drawing (split on ``\\n``, a ``\\r`` before it dropped), blank lines at the end cut."""
    lines = [Line(n, raw, ambiguous) for n, raw in enumerate(text.split("\n"), 1)]
    while lines and lines[-1].blank:
        lines.pop()
    return lines
