"""Read the history timeline (``data/timeline.yml``) into a checked ``Timeline``.

Text in, typed data out: no MkDocs here. The YAML is loaded safely, with a line for every key and item,
and nothing in it can make loading slow: the file has a size limit, and anchors and aliases (``&a``,
``*a``, which the data never needs and which let a few hundred bytes expand into millions of nodes) are
refused. Every problem, from a byte that is not UTF-8 to a field the schema forbids, is one line with
file and line, and all of a file's problems are reported at once (``TimelineError``).
"""

from __future__ import annotations

import bisect
import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from studysite.infra.problem import Problem
from studysite.infra.textfile import TextFileError, read_text
from studysite.timeline.checks import check, line_of, where
from studysite.timeline.model import (
    Correction,
    Event,
    NoteItem,
    Path_,
    Period,
    Source,
    Timeline,
    TimelineError,
    parse_date,
)

#: The largest data file we read (the real one is about 35 KiB): a build and `mkdocs serve` stay quick.
MAX_BYTES = 1 << 20

#: libyaml's parser when PyYAML has it (about 10x faster); the same safe constructors and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _syntax_error(error: yaml.MarkedYAMLError, filename: str) -> TimelineError:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    return TimelineError([Problem(line, f"YAML syntax error: {error.problem or error}", filename)])


def _refuse_anchors(text: str, filename: str) -> None:
    """Raise at the first anchor or alias: the event stream is linear in the text, whatever they expand to."""
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                raise TimelineError(
                    [
                        Problem(
                            event.start_mark.line + 1,
                            f"YAML anchors and aliases are not allowed ({sign}{anchor}): "
                            "write the value out in full",
                            filename,
                        )
                    ]
                )
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, filename) from None
    finally:
        loader.dispose()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a file is loaded and checked: the data holds no cycles, and the
    collector's passes over the growing tree made a 10x larger file take 13-25x as long to compose
    (bench/bench_timeline.py); with it paused, the time grows with the file."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _node_lines(node: yaml.Node, lines: dict[Path_, int], dups: list[tuple[Path_, int]]) -> None:
    """The line of every key and item, and the keys given twice; each node is visited once."""
    stack: list[tuple[yaml.Node, Path_]] = [(node, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    dups.append((path + (key,), key_node.start_mark.line + 1))
                seen.add(key)
                lines[path + (key,)] = key_node.start_mark.line + 1
                stack.append((value_node, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (index,)) for index, item in enumerate(node.value))


def load_yaml(text: str, filename: str) -> tuple[Any, dict[Path_, int], list[Problem]]:
    """Parse YAML safely; return the data, the line of every key and item, and duplicate-key problems.

    Anchors and aliases are refused (``TimelineError``), so every node is visited once.
    """
    _refuse_anchors(text, filename)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, filename) from None
    except RecursionError:
        raise TimelineError([Problem(1, "the YAML is nested too deeply", filename)]) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    dups: list[tuple[Path_, int]] = []
    if node is not None:
        _node_lines(node, lines, dups)
    problems = [
        Problem(line, f"{where(data, path[:-1])}field {path[-1]!r} appears twice", filename)
        for path, line in dups
    ]
    return data, lines, problems


def category_names(schema: dict[str, Any]) -> dict[str, str]:
    """The fixed categories and their display names, from the schema's ``$defs.category.oneOf``."""
    return {choice["const"]: choice["title"] for choice in schema["$defs"]["category"]["oneOf"]}


def parse_timeline(text: str, schema: dict[str, Any], filename: str = "timeline.yml") -> Timeline:
    """Parse and check timeline YAML; raise ``TimelineError`` listing every problem."""
    with _collector_paused():
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
                date=parse_date(raw["date"]),  # type: ignore[arg-type]
                title=_tidy(raw["title"]),
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
    # each event into the last period that starts in or before its year (the starts are increasing)
    starts = [raw["from"] for raw in data["periods"]]
    members: list[list[Event]] = [[] for _ in starts]
    for event in events:
        position = bisect.bisect_right(starts, event.date.year) - 1
        if position >= 0:
            members[position].append(event)
    periods = tuple(
        Period(raw["title"], raw["from"], tuple(group))
        for raw, group in zip(data["periods"], members, strict=True)
        if group
    )
    return Timeline(data["title"], names, periods, tuple(events))


def _read(path: Path, name: str, max_bytes: int | None) -> str:
    try:
        return read_text(path, name, max_bytes)
    except TextFileError as error:
        raise TimelineError([error.problem]) from None


def load_schema(schema_file: Path, display_name: str | None = None) -> dict[str, Any]:
    """The JSON Schema of the data; a file that is not JSON is one located problem."""
    name = display_name or schema_file.name
    try:
        schema = json.loads(_read(schema_file, name, MAX_BYTES))
    except json.JSONDecodeError as error:
        raise TimelineError(
            [Problem(error.lineno, f"not valid JSON: {error.msg} (column {error.colno})", name)]
        ) from None
    if not isinstance(schema, dict):
        raise TimelineError([Problem(1, "the schema must be a JSON object", name)])
    return schema


def load_timeline(
    data_file: Path,
    schema_file: Path,
    display_name: str | None = None,
    schema_display_name: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Timeline:
    """Read both files (fresh on every call: ``mkdocs serve`` rebuilds with new data)."""
    schema = load_schema(schema_file, schema_display_name)
    text = _read(data_file, display_name or data_file.name, max_bytes)
    return parse_timeline(text, schema, display_name or data_file.name)
