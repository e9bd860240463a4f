"""Layer diagrams from text to Mermaid ``block-beta``: the entry points in one place.

The work is split by job: :mod:`.detect` says which blocks hold a drawing, :mod:`.readers` reads a
drawing in any hand into the one model of :mod:`.grid`, and :mod:`.mermaid` writes it.
"""

from __future__ import annotations

from studysite.diagrams.detect import looks_like_diagram, looks_like_table
from studysite.diagrams.grid import Box, DiagramError, Grid, char_width
from studysite.diagrams.labels import escape_label
from studysite.diagrams.mermaid import describe, to_mermaid
from studysite.diagrams.readers import read

__all__ = [
    "Box",
    "DiagramError",
    "Grid",
    "char_width",
    "convert",
    "describe",
    "escape_label",
    "looks_like_diagram",
    "looks_like_table",
    "parse",
    "read",
    "to_mermaid",
]

parse = read


def convert(text: str) -> str:
    """Diagram text in, Mermaid text out (or DiagramError)."""
    return to_mermaid(read(text))
