"""Readers of layer drawings: text in any of the hands people draw boxes in, one :class:`Grid` out.

:func:`read` normalises the text to display cells (:mod:`.canvas`, with :mod:`.box_drawing` for
Unicode boxes) and reads the boxes (:mod:`.boxes`; their columns: :mod:`.columns`). East Asian
*ambiguous* characters (box drawing, ``→``, ``※``…) take one column in most editors and two in many
Japanese ones, so a drawing that holds any is read both ways, and the reading in which the boxes line
up is taken.
"""

from __future__ import annotations

from studysite.diagrams.grid import DiagramError, Grid, NotLayers, is_ambiguous
from studysite.diagrams.readers.boxes import read_boxes
from studysite.diagrams.readers.canvas import lines_of

__all__ = ["read"]


def read(text: str) -> Grid:
    """The grid of a layer drawing; DiagramError (with the line and what is wrong) if it has none."""
    ambiguous = None if text.isascii() else next((ch for ch in text if is_ambiguous(ch)), None)
    if ambiguous is None:
        return read_boxes(lines_of(text))
    grids: dict[int, Grid] = {}
    errors: dict[int, DiagramError] = {}
    for width in (1, 2):
        try:
            grids[width] = read_boxes(lines_of(text, width))
        except DiagramError as error:
            errors[width] = error
    if len(grids) == 1:
        return next(iter(grids.values()))
    chars = f"characters such as '{ambiguous}'"
    if not grids:
        one, two = errors[1], errors[2]
        boxes_not_layers = next((e for e in (one, two) if isinstance(e, NotLayers)), None)
        if boxes_not_layers is not None:
            raise boxes_not_layers
        raise DiagramError(
            one.line,
            f"{one.message} (reading {chars} one column wide; two columns wide: line {two.line}: "
            f"{two.message})",
        )
    if grids[1] != grids[2]:
        line = next(n for n, raw in enumerate(text.split("\n"), 1) if ambiguous in raw)
        raise DiagramError(
            line,
            f"the boxes line up both with {chars} one column wide and two columns wide, and the two "
            "readings differ: align the drawing for one of them",
        )
    return grids[1]
