"""History timeline: the data checks (schema, dates, file:line messages) and the real data file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from studysite.timeline.load import load_timeline, parse_timeline
from studysite.timeline.model import TimelineError, parse_date
from tests.support.timeline_cases import BASE, edited

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "timeline"
DATA = ROOT / "data" / "timeline.yml"
SCHEMA_FILE = ROOT / "data" / "timeline.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

# -- schema and validation ---------------------------------------------------------------------------------

BAD_DATA = [
    (
        "month 13",
        {16: '    date: "2008-13"'},
        "timeline.yml:16: event 'lxc': date '2008-13' is not a valid date",
    ),
    (
        "no 30 February",
        {16: '    date: "2008-02-30"'},
        "timeline.yml:16: event 'lxc': date '2008-02-30' is not a valid date",
    ),
    (
        "slashes",
        {16: '    date: "2008/08"'},
        "timeline.yml:16: event 'lxc': date '2008/08' is not a valid date",
    ),
    (
        "unquoted year",
        {16: "    date: 2008"},
        "timeline.yml:16: event 'lxc': date must be a string, not int 2008; put it in quotes: date: '2008'",
    ),
    (
        "unquoted day",
        {16: "    date: 2008-08-06"},
        (
            "timeline.yml:16: event 'lxc': date must be a string, not date datetime.date(2008, 8, 6); "
            "put it in quotes: date: '2008-08-06'"
        ),
    ),
    (
        "unknown field",
        {17: "    title: LXC\n    colour: red"},
        "timeline.yml:18: event 'lxc': unknown field 'colour'",
    ),
    ("unknown top-level field", {1: "title: T\nauthor: me"}, "timeline.yml:2: unknown field 'author'"),
    (
        "unknown source field",
        {23: "        kind: primary\n        lang: en"},
        "timeline.yml:24: event 'lxc': unknown field 'lang' in sources[0]",
    ),
    ("missing title", {17: None}, "timeline.yml:15: event 'lxc': missing required field 'title'"),
    (
        "missing sources",
        {20: None, 21: None, 22: None, 23: None},
        "timeline.yml:15: event 'lxc': missing required field 'sources'",
    ),
    (
        "empty sources",
        {20: "    sources: []", 21: None, 22: None, 23: None},
        "timeline.yml:20: event 'lxc': sources must list at least 1 item(s)",
    ),
    (
        "missing id",
        {15: '  - date: "2008-08"', 16: None},
        "timeline.yml:15: event #2: missing required field 'id'",
    ),
    (
        "duplicate id",
        {15: "  - id: first"},
        "timeline.yml:15: event 'first': id 'first' is already used by the event on line 6",
    ),
    (
        "id not a slug",
        {15: "  - id: LXC_1"},
        "timeline.yml:15: event 'LXC_1': id 'LXC_1' is not a lowercase ASCII slug",
    ),
    (
        "out of order",
        {16: '    date: "1999"'},
        "timeline.yml:16: event 'lxc': date '1999' is earlier than the previous event 'first' (2001)",
    ),
    (
        "ftp URL",
        {22: "        url: ftp://example.com/b"},
        "timeline.yml:22: event 'lxc': sources[0].url 'ftp://example.com/b' is not an http(s) URL",
    ),
    (
        "relative URL",
        {22: "        url: example.com/b"},
        "timeline.yml:22: event 'lxc': sources[0].url 'example.com/b' is not an http(s) URL",
    ),
    (
        "URL with a space",
        {22: "        url: https://exa mple.com/b"},
        "timeline.yml:22: event 'lxc': sources[0].url 'https://exa mple.com/b' is not an http(s) URL",
    ),
    (
        "unknown category",
        {19: "    category: vm"},
        (
            "timeline.yml:19: event 'lxc': category 'vm' is not one of: "
            "isolation, docker, orchestration, runtime, standards"
        ),
    ),
    ("empty title", {17: '    title: ""'}, "timeline.yml:17: event 'lxc': title must not be empty"),
    ("blank title", {17: '    title: "   "'}, "timeline.yml:17: event 'lxc': title must not be empty"),
    (
        "null description",
        {18: "    description:"},
        "timeline.yml:18: event 'lxc': description must be a string, not NoneType None",
    ),
    (
        "unknown source kind",
        {23: "        kind: blog"},
        "timeline.yml:23: event 'lxc': sources[0].kind 'blog' is not one of: primary, secondary",
    ),
    (
        "secondary before primary",
        {
            23: "        kind: secondary\n      - title: T\n"
            "        url: https://example.com/c\n        kind: primary"
        },
        "timeline.yml:24: event 'lxc': sources[1] is primary but comes after a secondary source",
    ),
    (
        "duplicate key",
        {16: '    date: "2008-08"\n    date: "2008-09"'},
        "timeline.yml:17: event 'lxc': field 'date' appears twice",
    ),
    (
        "note item without text",
        {17: "    title: LXC\n    note:\n      - points: [a]"},
        "timeline.yml:19: event 'lxc': missing required field 'text'",
    ),
    (
        "note point not text",
        {17: "    title: LXC\n    note:\n      - text: a\n        points: [1]"},
        "timeline.yml:20: event 'lxc': note[0].points[0] must be a non-empty string or a mapping with 'text'",
    ),
    (
        "correction without source",
        {17: "    title: LXC\n    correction:\n      note_said: a\n      sources_say: b"},
        "timeline.yml:18: event 'lxc': missing required field 'source'",
    ),
    (
        "periods out of order",
        {4: "    from: 2000\n  - title: Q\n    from: 1990"},
        "timeline.yml:6: periods[1].from 1990 must be after 2000",
    ),
    (
        "first period after the first event",
        {4: "    from: 2005"},
        "timeline.yml:4: periods[0].from 2005 is after the first event (2001)",
    ),
    ("YAML syntax error", {17: "    title: [LXC"}, "timeline.yml:18: YAML syntax error"),
    (
        "not a mapping",
        {1: "- just a list", **{n: None for n in range(2, 24)}},
        "timeline.yml:1: the file must be a mapping",
    ),
]


def test_base_document_is_valid() -> None:
    timeline = parse_timeline(BASE, SCHEMA)
    assert [event.id for event in timeline.events] == ["first", "lxc"]


@pytest.mark.parametrize(
    ("changes", "expected"), [case[1:] for case in BAD_DATA], ids=[case[0] for case in BAD_DATA]
)
def test_bad_data_is_rejected_with_file_line_event_and_field(
    changes: dict[int, str | None], expected: str
) -> None:
    with pytest.raises(TimelineError) as caught:
        parse_timeline(edited(changes), SCHEMA, "timeline.yml")
    assert expected in str(caught.value), str(caught.value)


def test_all_problems_are_reported_at_once_in_line_order() -> None:
    text = edited({7: '    date: "2001-00"', 22: "        url: mailto:x@example.com"})
    with pytest.raises(TimelineError) as caught:
        parse_timeline(text, SCHEMA, "timeline.yml")
    lines = str(caught.value).splitlines()
    assert [line.split(":")[1] for line in lines] == ["7", "22"], lines


@pytest.mark.parametrize(
    ("text", "key"), [("1979", (1979, 0, 0)), ("2000-03", (2000, 3, 0)), ("2024-02-29", (2024, 2, 29))]
)
def test_valid_dates(text: str, key: tuple[int, int, int]) -> None:
    date = parse_date(text)
    assert date is not None and date.key == key


@pytest.mark.parametrize(
    "text", ["2008-13", "2023-02-29", "2008-00", "08", "2008-1", "2008-01-01T00:00", " 2008"]
)
def test_invalid_dates(text: str) -> None:
    assert parse_date(text) is None


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


# -- the real data -------------------------------------------------------------------------------------------

REQUIRED_EVENTS = [
    "chroot",
    "freebsd-jail",
    "linux-mount-namespace",
    "virtuozzo",
    "openvz",
    "solaris-zones",
    "cgroups",
    "lxc",
    "docker",
    "kubernetes",
    "docker-1-0",
    "docker-hub",
    "docker-swarm",
    "docker-machine",
    "kitematic",
    "oci",
    "kubernetes-1-0",
    "cncf",
    "docker-toolbox",
    "swarm-mode",
    "containerd-cncf",
    "podman-1-0",
    "classic-swarm-archived",
    "docker-toolbox-deprecated",
    "kitematic-deprecated",
    "docker-machine-deprecated",
    "dockershim-removed",
]


@pytest.fixture(scope="module")
def real_timeline():
    return load_timeline(DATA, SCHEMA_FILE)


def test_real_data_is_valid_and_has_the_milestones(real_timeline) -> None:
    ids = [event.id for event in real_timeline.events]
    assert not set(REQUIRED_EVENTS) - set(ids)
    jsonschema.Draft202012Validator(SCHEMA).validate(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def test_every_event_cites_a_primary_source_first(real_timeline) -> None:
    assert all(event.sources[0].kind == "primary" for event in real_timeline.events)


def _bullets(markdown: str) -> set[tuple[str, ...]]:
    """Each bullet of a Markdown list as the path of its text and its parents' texts."""
    found, stack = set(), []
    for line in markdown.splitlines():
        match = re.match(r"^( *)\* (.+)$", line)
        if match:
            depth = len(match.group(1)) // 2
            stack = stack[:depth] + [match.group(2).strip()]
            found.add(tuple(stack))
    return found


def _note_paths(items, parents=()) -> set[tuple[str, ...]]:
    paths = set()
    for item in items:
        paths.add(parents + (item.text,))
        paths |= _note_paths(item.points, parents + (item.text,))
    return paths


#: The byte-exact copy of the shared seed note (tests/test_content_fidelity.py compares it with the original).
SHARED_SEED = ROOT / "tests" / "fixtures" / "docker-1.md"


def test_the_fixture_copy_of_the_seed_section_is_current() -> None:
    seed = SHARED_SEED.read_text(encoding="utf-8")
    copy = (FIXTURES / "seed-docker-and-containers.md").read_text(encoding="utf-8")
    assert copy.rstrip("\n") in seed


def test_the_page_carries_every_statement_of_the_seed_note(real_timeline) -> None:
    """Every bullet of the note's history section (copied verbatim to the fixtures) is in an event's note."""
    seed = _bullets((FIXTURES / "seed-docker-and-containers.md").read_text(encoding="utf-8"))
    carried = set().union(*(_note_paths(event.note) for event in real_timeline.events))
    assert len(seed) == 38 and not seed - carried, sorted(seed - carried)
