"""The history timeline's model: dates, events, periods, and the located problems of a data file.

Plain frozen dataclasses, no I/O: ``studysite.timeline.load`` reads and checks a file into a ``Timeline``,
``studysite.timeline.checks`` finds its problems, ``studysite.timeline.render`` draws it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from studysite.infra.problem import Problem

#: Where a value sits in the parsed data: keys and list indexes, e.g. ``("events", 3, "date")``.
Path_ = tuple[str | int, ...]


class TimelineError(ValueError):
    """The data file is not valid; ``str()`` lists every problem, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class EventDate:
    text: str  # as written: YYYY, YYYY-MM or YYYY-MM-DD
    year: int
    month: int | None
    day: int | None

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: a year alone comes before the months of that year, a month before its days."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def label(self) -> str:
        parts = (
            [f"{self.year}年"]
            + ([f"{self.month}月"] if self.month else [])
            + ([f"{self.day}日"] if self.day else [])
        )
        return "".join(parts)


DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text: str) -> EventDate | None:
    """``EventDate`` for YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date, else None."""
    match = DATE_RE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        datetime.date(year, 1 if month is None else month, 1 if day is None else day)  # type: ignore
    except ValueError:
        return None
    return EventDate(text, year, month, day)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    kind: str  # "primary" | "secondary"


@dataclass(frozen=True)
class NoteItem:
    text: str
    points: tuple[NoteItem, ...] = ()


@dataclass(frozen=True)
class Correction:
    note_said: str
    sources_say: str
    source: Source


@dataclass(frozen=True)
class Event:
    id: str
    date: EventDate
    title: str
    label: str
    description: str
    category: str
    category_name: str
    sources: tuple[Source, ...]
    note: tuple[NoteItem, ...]
    correction: Correction | None
    line: int


@dataclass(frozen=True)
class Period:
    title: str
    start: int
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Timeline:
    title: str
    categories: dict[str, str]  # key -> display name, in schema order
    periods: tuple[Period, ...]  # periods without events are left out
    events: tuple[Event, ...]
