"""Check parsed history timeline data: the JSON Schema, and the rules beyond it.

Data and the line of every key in, problems out: no MkDocs, no I/O (``studysite.timeline.load`` reads).
Every problem names file, line, event id and field, e.g.
``data/timeline.yml:42: event 'lxc': date '2008-13' is not a valid date``, and all are reported at once.
"""

from __future__ import annotations

import datetime
from typing import Any

import jsonschema

from studysite.infra.problem import Problem
from studysite.timeline.model import DATE_RE, EventDate, Path_, parse_date


def _field(path: Path_) -> str:
    """``('sources', 0, 'url')`` -> ``sources[0].url``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def where(data: Any, path: Path_) -> str:
    """Prefix naming the event a path is inside, e.g. ``event 'lxc': ``."""
    if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int):
        try:
            event_id = data["events"][path[1]]["id"]
        except (KeyError, IndexError, TypeError):
            event_id = None
        return f"event {event_id!r}: " if isinstance(event_id, str) else f"event #{path[1] + 1}: "
    return ""


def _relative(path: Path_) -> Path_:
    return path[2:] if len(path) >= 2 and path[0] == "events" else path


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


TYPE_WORDS = {"string": "a string", "integer": "a whole number", "array": "a list", "object": "a mapping"}


def _message(error: jsonschema.ValidationError) -> tuple[Path_, str]:
    """A path (to pick the line) and a readable message for one schema error."""
    path: Path_ = tuple(error.absolute_path)
    field = _field(_relative(path))
    # jsonschema types these loosely (they may be "unset"); for an error of a given validator they are set
    value: Any = error.instance
    schema: Any = error.schema
    rule: Any = error.validator_value
    if isinstance(schema, dict) and "x-error" in schema and error.validator != "type":
        return path, schema["x-error"].format(field=field, value=repr(value))
    if error.validator == "required":
        missing = [name for name in rule if name not in value]
        return path, f"missing required field {missing[0]!r}"
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(str(k) for k in value if k not in allowed)
        inside = f" in {field}" if _relative(path) else ""
        return path + (extra[0],), f"unknown field {extra[0]!r}{inside} (allowed: {', '.join(allowed)})"
    if error.validator == "type":
        expected = TYPE_WORDS.get(rule, rule)
        text = f"{field} must be {expected}, not {type(value).__name__} {value!r}"
        if rule == "string" and not isinstance(value, (dict, list, type(None))):
            shown = value.isoformat() if isinstance(value, datetime.date) else value
            text += f"; put it in quotes: {path[-1]}: '{shown}'"
        return path, text
    if error.validator == "oneOf" and all("const" in s for s in rule):
        choices = ", ".join(s["const"] for s in rule)
        return path, f"{field} {value!r} is not one of: {choices}"
    if error.validator == "enum":
        return path, f"{field} {value!r} is not one of: {', '.join(rule)}"
    if error.validator == "minItems":
        return path, f"{field} must list at least {rule} item(s)"
    return path, f"{field}: {error.message}"


def _semantic(data: dict[str, Any], lines: dict[Path_, int], filename: str) -> list[Problem]:
    """Checks beyond the schema: real dates, unique ids, chronological order, source order, periods."""
    problems: list[Problem] = []

    def report(path: Path_, message: str) -> None:
        problems.append(Problem(line_of(lines, path), where(data, path) + message, filename))

    first_line: dict[str, int] = {}
    previous: tuple[str, EventDate] | None = None
    for index, event in enumerate(data.get("events") or []):
        if not isinstance(event, dict):
            continue
        here: Path_ = ("events", index)
        event_id, date_text = event.get("id"), event.get("date")
        if isinstance(event_id, str):
            if event_id in first_line:
                report(
                    here + ("id",),
                    f"id {event_id!r} is already used by the event on line {first_line[event_id]}",
                )
            else:
                first_line[event_id] = line_of(lines, here)
        date = parse_date(date_text) if isinstance(date_text, str) else None
        if isinstance(date_text, str) and DATE_RE.match(date_text) and date is None:
            report(here + ("date",), f"date {date_text!r} is not a valid date (no such month or day)")
        if date is not None:
            if previous is not None and date.key < previous[1].key:
                report(
                    here + ("date",),
                    f"date {date_text!r} is earlier than the previous event {previous[0]!r} "
                    f"({previous[1].text}): events must be in chronological order",
                )
            previous = (event_id if isinstance(event_id, str) else f"#{index}", date)
        sources = event.get("sources")
        kinds = [s.get("kind") for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
        if "secondary" in kinds and "primary" in kinds[kinds.index("secondary") :]:
            position = kinds.index("primary", kinds.index("secondary"))
            report(
                here + ("sources", position),
                f"sources[{position}] is primary but comes after a secondary "
                "source: list primary sources first",
            )
    periods = data.get("periods") or []
    starts: list[int] = [p["from"] for p in periods if isinstance(p, dict) and isinstance(p.get("from"), int)]
    for position in range(1, len(starts)):
        if starts[position] <= starts[position - 1]:
            report(
                ("periods", position, "from"),
                f"periods[{position}].from {starts[position]} must be after {starts[position - 1]}",
            )
    if starts and previous is not None:
        first = next(
            parse_date(e["date"])
            for e in data["events"]
            if isinstance(e, dict) and isinstance(e.get("date"), str) and parse_date(e["date"])
        )
        if first and first.year < starts[0]:
            report(
                ("periods", 0, "from"), f"periods[0].from {starts[0]} is after the first event ({first.text})"
            )
    return problems


def check(data: Any, lines: dict[Path_, int], schema: dict[str, Any], filename: str) -> list[Problem]:
    """Every problem of parsed data: schema errors, then the rules beyond the schema."""
    problems = []
    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        path, message = _message(error)
        problems.append(Problem(line_of(lines, path), where(data, path) + message, filename))
    if isinstance(data, dict):
        problems += _semantic(data, lines, filename)
    return problems
