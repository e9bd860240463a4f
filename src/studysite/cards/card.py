"""The cards: a question, an answer of points, where it came from, and an id that only its source moves."""

from __future__ import annotations

from dataclasses import dataclass

#: Card kinds, in the order the build log and the page list them.
KINDS = ("term", "definition", "pair", "timeline")
KIND_NAMES = {"term": "用語", "definition": "「とは」", "pair": "ラベルと説明", "timeline": "年表"}


@dataclass(frozen=True)
class Text:
    """Inline text of a note, inert: ``plain`` for text files, ``html`` escaped (code spans in ``<code>``)."""

    plain: str
    html: str


@dataclass(frozen=True)
class Point:
    """One line of an answer, with the lines written under it."""

    text: Text
    children: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Card:
    id: str  # stable: page, heading id, kind and the question's own words; never a line number
    kind: str  # one of KINDS
    question: Text
    answer: tuple[Point, ...]
    page: str  # the source file below docs/, e.g. "docker-1/what-is-a-container.md"
    anchor: str  # the heading or event id the card links back to ("" = the page's top)
    context: str = ""  # what the question is about (the bullet or heading above it), plain text
    line: int = 0  # 1-based line in the source file, for messages
    extra: str = ""  # a note shown after the answer (a timeline event's label), plain text
    section: str = ""  # the title of the heading (or timeline) the link goes to, plain text


def answer_plain(points: tuple[Point, ...], depth: int = 0) -> list[str]:
    """The answer as indented plain lines."""
    lines: list[str] = []
    for point in points:
        lines.append("  " * depth + point.text.plain)
        lines += answer_plain(point.children, depth + 1)
    return lines
