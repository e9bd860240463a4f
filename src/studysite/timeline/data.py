"""Load the history timeline (``data/timeline.yml``) into typed data, checked against its JSON Schema.

Text in, typed data out: no MkDocs here. The checks are in ``studysite.timeline.checks``; a file with problems
raises ``TimelineError`` listing all of them with file, line, event id and field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studysite.timeline.checks import (
    EventDate,
    Path_,
    Problem,
    TimelineError,
    check,
    line_of,
    load_yaml,
    parse_date,
)

__all__ = [
    "Correction",
    "Event",
    "EventDate",
    "NoteItem",
    "Period",
    "Problem",
    "Source",
    "Timeline",
    "TimelineError",
    "category_names",
    "load_timeline",
    "parse_date",
    "parse_timeline",
]


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


def category_names(schema: dict[str, Any]) -> dict[str, str]:
    """The fixed categories and their display names, from the schema's ``$defs.category.oneOf``."""
    return {choice["const"]: choice["title"] for choice in schema["$defs"]["category"]["oneOf"]}


def parse_timeline(text: str, schema: dict[str, Any], filename: str = "timeline.yml") -> Timeline:
    """Parse and check timeline YAML; raise ``TimelineError`` listing every problem."""
    data, lines, problems = load_yaml(text, filename)
    problems += check(data, lines, schema, filename)
    if problems:
        raise TimelineError(problems)
    return _build(data, lines, category_names(schema))


#: Spaces that YAML's folded scalars (``>-``) leave at line breaks inside Japanese text: after Japanese
#: punctuation, or between two Japanese characters.
_JA = "\u3040-\u30ff\u3400-\u9fff"
FOLD_SPACE_RE = re.compile(f"(?<=[\u3000-\u303f\uff01-\uff60]) |(?<=[{_JA}]) (?=[{_JA}\u3000-\u303f])")


def _tidy(text: str) -> str:
    """Drop the spaces that line folding puts between Japanese characters (notes are kept verbatim)."""
    return FOLD_SPACE_RE.sub("", text)


def _note(item: Any) -> NoteItem:
    if isinstance(item, str):
        return NoteItem(item)
    return NoteItem(item["text"], tuple(_note(point) for point in item.get("points", [])))


def _source(raw: dict[str, str]) -> Source:
    return Source(raw["title"], raw["url"], raw["kind"])


def _build(data: dict[str, Any], lines: dict[Path_, int], names: dict[str, str]) -> Timeline:
    events = []
    for index, raw in enumerate(data["events"]):
        correction = raw.get("correction")
        events.append(
            Event(
                id=raw["id"],
                date=parse_date(raw["date"]),
                title=_tidy(raw["title"]),  # type: ignore[arg-type]
                label=_tidy(raw.get("label", raw["title"])),
                description=_tidy(raw["description"]),
                category=raw["category"],
                category_name=names[raw["category"]],
                sources=tuple(_source(s) for s in raw["sources"]),
                note=tuple(_note(n) for n in raw.get("note", [])),
                correction=Correction(
                    correction["note_said"], _tidy(correction["sources_say"]), _source(correction["source"])
                )
                if correction
                else None,
                line=line_of(lines, ("events", index)),
            )
        )
    raw_periods = data["periods"]
    periods = []
    for position, raw in enumerate(raw_periods):
        end = raw_periods[position + 1]["from"] if position + 1 < len(raw_periods) else None
        members = tuple(
            e for e in events if e.date.year >= raw["from"] and (end is None or e.date.year < end)
        )
        if members:
            periods.append(Period(raw["title"], raw["from"], members))
    return Timeline(data["title"], names, tuple(periods), tuple(events))


def load_timeline(data_file: Path, schema_file: Path, display_name: str | None = None) -> Timeline:
    """Read both files (fresh on every call: ``mkdocs serve`` rebuilds with new data)."""
    name = display_name or data_file.name
    try:
        text = data_file.read_text(encoding="utf-8")
    except OSError as error:
        raise TimelineError([Problem(name, 1, f"cannot read the timeline data: {error.strerror}")]) from None
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return parse_timeline(text, schema, name)
