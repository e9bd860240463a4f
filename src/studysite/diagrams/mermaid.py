"""The one Mermaid writer for layer diagrams: a :class:`Grid` to ``block-beta`` source, and its text.

Mermaid 11.17's block grammar rejects ``accTitle``/``accDescr`` (its parser has no rule for them), so
the accessible description is returned separately by :func:`describe` for the page to show as text.
"""

from __future__ import annotations

from studysite.diagrams.grid import Box, Grid
from studysite.diagrams.labels import escape_label

LINE_BREAK = "<br>"
TITLE_CLASS = "layerTitle"


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
    """Mermaid ``block-beta`` source: one source line per row, the titles as borderless blocks, holes as
    ``space``; a box's text lines are joined with ``<br>`` (Mermaid's line break)."""
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
