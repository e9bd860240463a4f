"""Titles above the columns of a layer diagram: the text lines above its first rule."""

from __future__ import annotations

from collections.abc import Sequence

from studysite.diagrams.grid import DiagramError
from studysite.diagrams.readers.canvas import Line


def read_titles(lines: Sequence[Line], column_at: Sequence[int], columns: int) -> tuple[tuple[str, ...], ...]:
    """Words of the title lines (split at 2+ blank cells), each above the column it overlaps most.

    ``column_at[x]`` is the column at display column ``x`` (negative outside every column).
    """
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


def _words(line: Line) -> list[tuple[int, int, str]]:
    """(start column, end column, text) of each run of text; one blank cell stays inside a word."""
    words: list[tuple[int, int, str]] = []
    first = last = -1  # character indexes of the current word
    end = 0
    for i, (col, ch) in enumerate(zip(line.cols, line.chars, strict=True)):
        if ch.isspace():
            continue
        if first >= 0 and col - end >= 2:
            words.append((line.cols[first], end, line.text[first : last + 1]))
            first = -1
        if first < 0:
            first = i
        last, end = i, line.end(i)
    if first >= 0:
        words.append((line.cols[first], end, line.text[first : last + 1]))
    return words
