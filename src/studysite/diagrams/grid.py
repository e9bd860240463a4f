"""The model every layer-diagram reader produces and the Mermaid writer consumes: a grid of boxes.

A drawing, in whatever hand, is read into a :class:`Grid`: ``columns`` equal columns, optional titles
above them, and rows of boxes from top to bottom. A box covers one or more neighbouring columns; a
column no box covers in a row is a hole (drawn as Mermaid ``space``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache


class DiagramError(ValueError):
    """The text looks like a layer diagram but cannot be read; ``line`` is 1-based within the diagram."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class NotLayers(DiagramError):
    """The text is a drawing of boxes, but not of layers (text or arrows between the boxes): it stays code
    without a warning."""


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
def char_width(ch: str, ambiguous: int = 1) -> int:
    """Display cells of one character (never ``len()``): East Asian wide and full-width take 2, combining
    marks and format characters 0, East Asian *ambiguous* ones (box drawing, ``→``, ``※``…) ``ambiguous``.
    """
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    kind = unicodedata.east_asian_width(ch)
    return 2 if kind in ("W", "F") else ambiguous if kind == "A" else 1


@lru_cache(maxsize=4096)
def is_ambiguous(ch: str) -> bool:
    """Whether editors disagree on the width of ``ch`` (one column in most, two in many Japanese ones)."""
    return char_width(ch, 1) != char_width(ch, 2)
