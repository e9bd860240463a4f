"""ASCII layer diagrams (stacks of boxes) to Mermaid ``block-beta``.

The drawing convention, as in the notes::

     VM1        VM2            <- optional title row(s), above the first rule
    ---------- ----------      <- rule line: runs of '-' (corners '-' or '+'), several per line
    |app     | |app     |      <- box sides '|'; a box may hold several text lines
    ---------------------      <- a rule is shared by the rows above and below it
    |Host OS            |      <- a wide box spans columns *and* the gaps between them
    ---------------------

Columns are measured in display cells (East Asian wide/full-width = 2, combining marks = 0, tabs to 8),
so a Japanese diagram aligned in a monospace editor parses like its ASCII twin. A blank area between
boxes is an empty cell (``space``); a box needs at least one character of text. The text lines of a
box are joined with ``<br>`` (Mermaid's line break). Everything runs in time linear in the text.

Mermaid 11.17's block grammar rejects ``accTitle``/``accDescr`` (its parser has no rule for them), so
the accessible description is returned separately by :func:`describe` for the page to show as text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from studysite.diagrams.escape import escape_label

TAB_SIZE = 8
LINE_BREAK = "<br>"
TITLE_CLASS = "layerTitle"


class DiagramError(ValueError):
    """The text looks like a layer diagram but cannot be read; ``line`` is 1-based within the diagram."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Box:
    text: tuple[str, ...]  # the box's non-blank text lines, stripped
    column: int  # first column, 0-based
    span: int  # number of columns covered
    line: int  # 1-based diagram line of the box's first text line


@dataclass(frozen=True)
class Grid:
    columns: int
    titles: tuple[tuple[str, ...], ...]  # per column (text lines, maybe none); () without a title row
    rows: tuple[tuple[Box, ...], ...]  # top to bottom, boxes left to right


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Display cells of one character (never ``len()``)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Line:
    """One diagram line: its characters with their display columns."""

    def __init__(self, number: int, raw: str) -> None:
        self.number = number
        self.chars: list[str] = []  # tabs expanded
        self.cols: list[int] = []  # display column of each character
        col = 0
        raw = raw.removesuffix("\r")
        if raw.isascii() and raw.isprintable():  # the common case: one column per character, no tabs
            self.chars, self.cols, col, self.text = list(raw), list(range(len(raw))), len(raw), raw
        else:
            for tab_or_char in raw:
                for ch in " " * (TAB_SIZE - col % TAB_SIZE) if tab_or_char == "\t" else tab_or_char:
                    self.chars.append(ch)
                    self.cols.append(col)
                    col += char_width(ch)
            self.text = "".join(self.chars)
        self.blank = not self.text.strip()
        self.rule = _is_rule(self.text.strip())
        self.mask = bytearray(col + 1)  # of a rule line: 1 in each column that holds '-' or '+'
        if self.rule:
            for c, ch in zip(self.cols, self.chars, strict=False):
                self.mask[c] = ch in "-+"


def _is_rule(stripped: str) -> bool:
    return "-" in stripped and not stripped.strip("-+ \t")


def looks_like_diagram(text: str) -> bool:
    """Cheap test: rules of ``-``/``+`` framing rows of ``|``-sided boxes, an optional short title.

    False for shell sessions, program output and pipe tables (no rule lines). When in doubt: False.
    """
    lines = [line.strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    rules = boxes = titles = 0
    for s in lines:
        if _is_rule(s) and "--" in s:
            rules += 1
        elif not rules:
            if s and ("|" in s or s[0] in "$#>%" or "$ " in s or "# " in s or s.endswith(("$", "#"))):
                return False
            titles += bool(s)
        elif "|" not in s:
            return False
        else:
            boxes += s.startswith("|") and s.endswith("|")
    return rules >= 2 and boxes >= 1 and titles <= 3 and _is_rule(lines[-1])


def parse(text: str) -> Grid:
    """Read the grid of a layer diagram; raise DiagramError saying what is wrong and where."""
    lines = [_Line(n, raw) for n, raw in enumerate(text.split("\n"), 1)]
    while lines and lines[-1].blank:
        lines.pop()
    first = next((i for i, line in enumerate(lines) if line.rule), None)
    if first is None:
        raise DiagramError(lines[0].number if lines else 1, "no rule line (a run of '-') in the diagram")
    title_lines = [line for line in lines[:first] if not line.blank]
    for line in title_lines:
        if "|" in line.text:
            raise DiagramError(line.number, "box side '|' above the top rule line")
    rules, bands = _split_rows(lines[first:])
    rows = [_read_row(r, band, rules[r - 1], rules[r]) for r, band in enumerate(bands, 1)]
    edges = _columns(rows)
    column_at = [-2] * edges[0][0] + [-1] * (edges[-1][1] + 1 - edges[0][0])  # -1: gap between columns
    for i, (left, right) in enumerate(edges):
        column_at[left : right + 1] = [i] * (right + 1 - left)
    for r, rule in enumerate(rules):
        _check_rule(rule, rows[r - 1] if r else [], rows[r] if r < len(rows) else [], column_at)
    start = {left: i for i, (left, _) in enumerate(edges)}
    end = {right: i for i, (_, right) in enumerate(edges)}
    grid_rows = tuple(
        tuple(Box(text, start[left], end[right] - start[left] + 1, line) for left, right, text, line in row)
        for row in rows
    )
    return Grid(len(edges), _titles(title_lines, column_at, len(edges)), grid_rows)


_Raw = tuple[int, int, tuple[str, ...], int]  # left side, right side, text lines, first text line


def _split_rows(lines: list[_Line]) -> tuple[list[_Line], list[list[_Line]]]:
    """Rule lines, and the bands of text lines between them (the rows)."""
    rules: list[_Line] = []
    bands: list[list[_Line]] = []  # the text lines of each row
    band: list[_Line] = []
    for line in lines:
        if line.blank:
            raise DiagramError(line.number, "blank line inside the diagram")
        if not line.rule:
            band.append(line)
            continue
        if rules and not band:
            raise DiagramError(line.number, "rule line directly below another rule line")
        if band:
            bands.append(band)
            band = []
        rules.append(line)
    if band:
        raise DiagramError(band[-1].number, f"row {len(bands) + 1}: no rule line below this row")
    if not bands:
        raise DiagramError(lines[0].number, "no row of boxes between rule lines")
    return rules, bands


def _read_row(row: int, band: list[_Line], top: _Line, bottom: _Line) -> list[_Raw]:
    """The boxes of one row: text between '|' sides, with unbroken rules above and below."""
    sides = [c for c, ch in zip(band[0].cols, band[0].chars, strict=False) if ch == "|"]
    if not sides:
        raise DiagramError(band[0].number, f"row {row}: no box side '|' on this line")
    texts: list[list[str]] = [[] for _ in sides]  # texts[k]: per line, the text left of sides[k]
    for line in band:
        dashes = line.text.find("---")
        if dashes >= 0 and _is_rule(line.text[dashes:].split("|")[0].strip()):
            raise DiagramError(
                line.number,
                f"row {row}: a rule runs through this row at column "
                f"{line.cols[dashes] + 1} (boxes spanning several rows are not supported)",
            )
        bars = [i for i, ch in enumerate(line.chars) if ch == "|"]
        here = [line.cols[i] for i in bars]
        if here != sides:
            odd = min(set(here) ^ set(sides))
            what = "does not line up with the row's first line" if odd in here else "is missing"
            raise DiagramError(line.number, f"row {row}: box side at column {odd + 1} {what}")
        outside = ((0, bars[0], "before the first"), (bars[-1] + 1, len(line.chars), "after the last"))
        for start, end, where in outside:
            text = line.text[start:end]
            if text.strip():
                col = line.cols[start + len(text) - len(text.lstrip())]
                raise DiagramError(line.number, f"row {row}: text at column {col + 1} is {where} box side")
        for k in range(1, len(bars)):
            texts[k].append(line.text[bars[k - 1] + 1 : bars[k]].strip())
    boxes: list[_Raw] = []
    for k in range(1, len(sides)):
        text = tuple(t for t in texts[k] if t)
        if not text:
            continue  # blank: an empty cell, or the gap between two boxes
        left, right = sides[k - 1], sides[k]
        for edge, name in ((top, "top"), (bottom, "bottom")):
            drawn = edge.mask[left : right + 1].ljust(right + 1 - left, b"\0")  # 1 where '-' or '+'
            if 0 in drawn:
                raise DiagramError(
                    edge.number,
                    f"row {row}: {name} edge of box '{text[0]}' is broken "
                    f"at column {left + drawn.index(0) + 1}",
                )
        first_line = next(line.number for line, t in zip(band, texts[k], strict=False) if t)
        boxes.append((left, right, text, first_line))
    used = {side for left, right, _, _ in boxes for side in (left, right)}
    stray = next((side for side in sides if side not in used), None)
    if stray is not None:
        raise DiagramError(
            band[0].number,
            f"row {row}: box side at column {stray + 1} belongs to no box "
            "with text (leave an empty cell open, without sides)",
        )
    return boxes


def _columns(rows: list[list[_Raw]]) -> list[tuple[int, int]]:
    """Column extents (left side, right side). Box sides must alternate left, right, left, right…

    A side that breaks the alternation does not line up with the other rows; of the two clashing
    positions, the one fewer boxes use is reported (on a tie, the lower one: upper rows set the columns).
    """
    users: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for r, row in enumerate(rows, 1):
        for left, right, _, line in row:
            users.setdefault((left, "L"), []).append((r, line))
            users.setdefault((right, "R"), []).append((r, line))
    edges: list[tuple[int, int]] = []
    opened, last_right = -1, -1
    for x in range(max(x for x, _ in users) + 1):  # linear; a right side closes before a left opens
        for kind in ("R", "L"):
            if (x, kind) not in users:
                continue
            if kind == "L" and opened < 0:
                opened = x
            elif kind == "R" and opened >= 0:
                edges.append((opened, x))
                opened, last_right = -1, x
            else:
                other = (opened, "L") if kind == "L" else (last_right, "R")
                bad = min(((x, kind), other), key=lambda key: (len(users[key]), -users[key][0][0]))
                row, line = users[bad][0]
                raise DiagramError(
                    line, f"row {row}: box side at column {bad[0] + 1} does not line up with any column edge"
                )
    return edges


def _check_rule(rule: _Line, above: list[_Raw], below: list[_Raw], column_at: list[int]) -> None:
    """Every '-' of a rule line belongs to a box above or below it, or bridges a gap between columns."""
    covered = bytearray(len(rule.mask))
    for left, right, _, _ in (*above, *below):
        covered[left : right + 1] = b"\x01" * len(covered[left : right + 1])
    for x, drawn in enumerate(rule.mask):
        if drawn and not covered[x] and not (x < len(column_at) and column_at[x] == -1):
            raise DiagramError(
                rule.number, f"rule at column {x + 1} does not line up with any box above or below it"
            )


def _titles(lines: list[_Line], column_at: list[int], columns: int) -> tuple[tuple[str, ...], ...]:
    """Words of the title lines (split at 2+ blank cells), each above the column it overlaps most."""
    if not lines:
        return ()
    titles: list[list[str]] = [[] for _ in range(columns)]
    for line in lines:
        words: dict[int, list[str]] = {}
        for start, end, word in _words(line):
            overlap: dict[int, int] = {}
            for x in range(start, min(end, len(column_at))):
                if column_at[x] >= 0:
                    overlap[column_at[x]] = overlap.get(column_at[x], 0) + 1
            if not overlap:
                raise DiagramError(
                    line.number, f"title '{word}' at column {start + 1} is not above any column"
                )
            words.setdefault(max(overlap, key=overlap.__getitem__), []).append(word)
        for column, here in words.items():
            titles[column].append(" ".join(here))
    return tuple(tuple(title) for title in titles)


def _words(line: _Line) -> list[tuple[int, int, str]]:
    """(start column, end column, text) of each run of text; one blank cell stays inside a word."""
    words: list[tuple[int, int, str]] = []
    first = last = -1  # character indexes of the current word
    end = 0
    for i, (col, ch) in enumerate(zip(line.cols, line.chars, strict=False)):
        if ch.isspace():
            continue
        if first >= 0 and col - end >= 2:
            words.append((line.cols[first], end, line.text[first : last + 1]))
            first = -1
        if first < 0:
            first = i
        last, end = i, col + char_width(ch)
    if first >= 0:
        words.append((line.cols[first], end, line.text[first : last + 1]))
    return words


def _cells(row: tuple[Box, ...], columns: int) -> list[tuple[int, Box | None]]:
    """(span, box) left to right, with ``None`` for each run of columns no box covers."""
    cells: list[tuple[int, Box | None]] = []
    column = 0
    for box in row:
        if box.column > column:
            cells.append((box.column - column, None))
        cells.append((box.span, box))
        column = box.column + box.span
    return cells + ([(columns - column, None)] if column < columns else [])


def to_mermaid(grid: Grid) -> str:
    """Mermaid ``block-beta`` source: one source line per row, the titles as borderless blocks."""
    out = ["block-beta", f"  columns {grid.columns}"]
    title_row = tuple(Box(t, i, 1, 0) for i, t in enumerate(grid.titles) if t)
    counters = {"t": 0, "b": 0}
    for prefix, row in [("t", title_row)] * bool(title_row) + [("b", row) for row in grid.rows]:
        blocks = []
        for span, box in _cells(row, grid.columns):
            if box:
                counters[prefix] += 1
            label = LINE_BREAK.join(escape_label(line) for line in box.text) or " " if box else ""
            blocks.append(f'{prefix}{counters[prefix]}["{label}"]' if box else "space")
            blocks[-1] += f":{span}" if span > 1 else ""
        out.append("  " + " ".join(blocks))
    titled = [f"t{n}" for n in range(1, counters["t"] + 1)]
    if titled:
        out.append(f"  classDef {TITLE_CLASS} fill:none,stroke:none")
        out.append(f"  class {','.join(titled)} {TITLE_CLASS}")
    return "\n".join(out) + "\n"


def describe(grid: Grid) -> str:
    """One line of plain text for readers who cannot see the diagram (what ``accDescr`` would say)."""
    rows = (
        " | ".join(" ".join(box.text) if box else "（空き）" for _, box in _cells(row, grid.columns))
        for row in grid.rows
    )
    layers = "上から順に: " + " / ".join(rows)
    if not grid.titles:
        return layers
    return "列: " + " | ".join(" ".join(t) or "（なし）" for t in grid.titles) + "。" + layers


def convert(text: str) -> str:
    """Diagram text in, Mermaid text out (or DiagramError)."""
    return to_mermaid(parse(text))
