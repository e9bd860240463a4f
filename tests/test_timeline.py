"""History timeline (issue 5): data checks, rendering, escaping, and strict builds of a fixture project.

The fixture project lives in tests/fixtures/timeline/ and is copied to tmp_path for each build; nothing is
written into docs/. Set UPDATE_TIMELINE_GOLDEN=1 to rewrite the expected rendering (small.mermaid.txt,
small.html) after an intended change, then review the diff.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml

from studysite.timeline.load import load_timeline, parse_timeline
from studysite.timeline.model import TimelineError, parse_date
from studysite.timeline.render import insert_timeline, mermaid_text, render_html, render_mermaid, repeated_ids

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "timeline"
DATA = ROOT / "data" / "timeline.yml"
SCHEMA_FILE = ROOT / "data" / "timeline.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
TEMPLATE = (ROOT / "overrides" / "partials" / "timeline.html").read_text(encoding="utf-8")

# -- schema and validation ---------------------------------------------------------------------------------

BASE = """\
title: T
periods:
  - title: P
    from: 2000
events:
  - id: first
    date: "2001"
    title: First
    description: D
    category: isolation
    sources:
      - title: S
        url: https://example.com/a
        kind: primary
  - id: lxc
    date: "2008-08"
    title: LXC
    description: D
    category: isolation
    sources:
      - title: S
        url: https://example.com/b
        kind: primary
"""


def edited(changes: dict[int, str | None]) -> str:
    """BASE with line N (1-based) replaced by a string (which may hold several lines) or deleted (None)."""
    lines = BASE.splitlines()
    for number in sorted(changes, reverse=True):
        if changes[number] is None:
            del lines[number - 1]
        else:
            lines[number - 1] = changes[number]  # type: ignore[assignment]
    return "\n".join(lines) + "\n"


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


SHARED_SEED = ROOT.parent / "shared" / "seed" / "docker-1.md"


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="no shared/ beside the repository")
def test_the_fixture_copy_of_the_seed_section_is_current() -> None:
    seed = SHARED_SEED.read_text(encoding="utf-8")
    copy = (FIXTURES / "seed-docker-and-containers.md").read_text(encoding="utf-8")
    assert copy.rstrip("\n") in seed


def test_the_page_carries_every_statement_of_the_seed_note(real_timeline) -> None:
    """Every bullet of the note's history section (copied verbatim to the fixtures) is in an event's note."""
    seed = _bullets((FIXTURES / "seed-docker-and-containers.md").read_text(encoding="utf-8"))
    carried = set().union(*(_note_paths(event.note) for event in real_timeline.events))
    assert len(seed) == 38 and not seed - carried, sorted(seed - carried)


# -- rendering -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    return load_timeline(FIXTURES / "small.yml", SCHEMA_FILE)


@pytest.mark.parametrize(
    ("name", "render"),
    [("small.mermaid.txt", lambda t: render_mermaid(t)), ("small.html", lambda t: render_html(t, TEMPLATE))],
)
def test_rendering_matches_the_expected_output(small, name: str, render) -> None:
    actual = render(small) + "\n"
    expected_file = FIXTURES / name
    if os.environ.get("UPDATE_TIMELINE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), name, "actual"))
    assert actual == expected, f"rendering changed:\n{diff}"


@pytest.mark.parametrize(
    ("fragment", "why"),
    [
        (
            '<section class="timeline__event timeline__event--docker" aria-labelledby="docker">',
            "region named by its heading",
        ),
        ('<h3 class="timeline__title" id="docker">', "one anchor per event, on its heading"),
        ('<time class="timeline__date" datetime="2013-03">2013年3月</time>', "machine-readable date"),
        ('<time class="timeline__date" datetime="2015-06-22">2015年6月22日</time>', "day precision"),
        (
            '<p class="timeline__description">ファイルシステムの見え方を隔離する。</p>',
            "folded Japanese joined",
        ),
        ('<span class="timeline__category">Docker プラットフォーム</span>', "category display name"),
        ("<li>Swarm<ul>\n<li>クラスタマネージャ</li>", "nested note bullets"),
        ('<div class="admonition warning timeline__correction">', "correction as a visible admonition"),
        ("<strong>ノート:</strong> 「Docker(2012年)」", "what the note said"),
        (
            '<a href="https://example.com/changelog?a=1&amp;b=&lt;2&gt;">CHANGELOG</a>',
            "correction source, escaped",
        ),
        ("Docker: 1.0 &amp; &#34;Hub&#34; #1; 100%", "title escaped in HTML, not Mermaid-escaped"),
        ("&lt;b&gt;not bold&lt;/b&gt;", "markup in a description is text"),
        ('<span class="timeline__kind">(二次資料)</span>', "secondary sources are marked"),
    ],
)
def test_html_fragments(small, fragment: str, why: str) -> None:
    assert fragment in render_html(small, TEMPLATE), why


def test_script_in_data_is_shown_as_text(small) -> None:
    html = render_html(small, TEMPLATE)
    assert "<script" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "\n\n" not in html, "a blank line would end the raw HTML block"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Docker: 1.0", "Docker#58; 1.0"),
        ("C# ; x", "C#35; #59; x"),
        ('say "hi"', "say #quot;hi#quot;"),
        ("<script>alert(1)</script>", "#lt;script#gt;alert(1)#lt;/script#gt;"),
        ("R&D 100%", "R#amp;D 100#37;"),
        ("#58;", "#35;58#59;"),
        ("two\n  lines", "two lines"),
        ("日本語のまま", "日本語のまま"),
    ],
)
def test_mermaid_escaping(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


LATER_DESCR = "2013: ＜script＞alert(1)＜/script＞ / 2015: OCI"  # escaped for the attribute


def test_mermaid_diagrams_one_per_period_one_slot_per_year(small) -> None:
    diagrams = render_mermaid(small).split("\n\n")
    assert [d.splitlines()[:3] for d in diagrams] == [
        [
            '```{.mermaid data-acc-title="年表: 初期" data-acc-descr="1979: chroot(2)"}',
            "timeline TD",
            "    section 初期",
        ],
        [
            f'```{{.mermaid data-acc-title="年表: {small.periods[1].title}" data-acc-descr="{LATER_DESCR}"}}',
            "timeline TD",
            "    section Later#59; 2013 onward",
        ],
    ]
    slots = [line for d in diagrams for line in d.splitlines() if line.startswith("        ")]
    assert [slot.split(" : ")[0].strip() for slot in slots] == ["1979", "2013", "2015"]
    assert all(":" not in part for slot in slots for part in slot.split(" : ")), (
        "only the separators are colons"
    )


@pytest.mark.parametrize(
    ("markdown", "count"),
    [
        ("a\n\n<!-- timeline -->\n\nb", 1),
        ("<!--timeline-->", 1),
        ("   <!-- timeline -->  ", 1),
        ("    <!-- timeline -->", 0),  # indented code
        ("```\n<!-- timeline -->\n```", 0),
        ("~~~~md\n<!-- timeline -->\n~~~\nstill code\n~~~~\n<!-- timeline -->", 1),
        ("text <!-- timeline --> inline", 0),
        ("<!-- timeline -->\n<!-- timeline -->", 2),
    ],
)
def test_marker(markdown: str, count: int) -> None:
    text, found = insert_timeline(markdown, "BLOCK")
    assert found == count and text.count("BLOCK") == count


def test_repeated_ids() -> None:
    assert repeated_ids(
        '<h2 id="docker">x</h2><section id="docker"></section><p id="oci">', {"docker", "oci"}
    ) == ["docker"]


# -- the hook ------------------------------------------------------------------------------------------------


def _load_hook():
    spec = importlib.util.spec_from_file_location("timeline_hook_under_test", ROOT / "hooks" / "timeline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hook_reads_the_data_again_on_every_build(tmp_path: Path) -> None:
    """What `mkdocs serve` relies on: a rebuild after data/ changed renders the new data."""
    (tmp_path / "data").mkdir()
    shutil.copy(SCHEMA_FILE, tmp_path / "data" / "timeline.schema.json")
    data = tmp_path / "data" / "timeline.yml"
    data.write_text(BASE, encoding="utf-8")
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), theme=SimpleNamespace(dirs=[str(ROOT / "overrides")])
    )
    page = SimpleNamespace(file=SimpleNamespace(src_uri="history.md"))
    hook = _load_hook()
    hook.on_pre_build(config)
    assert "LXC" in hook.on_page_markdown("<!-- timeline -->", page, config, None)
    data.write_text(BASE.replace("title: LXC", "title: Linux Containers"), encoding="utf-8")
    hook.on_pre_build(config)
    assert "Linux Containers" in hook.on_page_markdown("<!-- timeline -->", page, config, None)
    assert hook.on_page_markdown("no marker here", page, config, None) is None
    data.write_text(BASE.replace('"2008-08"', '"2008-13"'), encoding="utf-8")
    with pytest.raises(
        Exception, match=r"data/timeline.yml:16: event 'lxc': date '2008-13' is not a valid date"
    ):
        hook.on_pre_build(config)


# -- strict builds of a fixture project ---------------------------------------------------------------------

MKDOCS_YML = """\
site_name: Timeline fixture
strict: true
theme:
  name: material
  custom_dir: {overrides}
  language: ja
  font: false
hooks:
  - {hook}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_div_format
validation:
  links:
    not_found: warn
    anchors: warn
"""


def make_project(tmp_path: Path, data_text: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.format(overrides=ROOT / "overrides", hook=ROOT / "hooks" / "timeline.py"), encoding="utf-8"
    )
    (project / "data").mkdir()
    shutil.copy(SCHEMA_FILE, project / "data" / "timeline.schema.json")
    (project / "data" / "timeline.yml").write_text(data_text, encoding="utf-8")
    return project


def build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(project / "site"),
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )


@pytest.mark.slow
def test_strict_build_shows_the_timeline_with_one_anchor_per_event(tmp_path: Path) -> None:
    project = make_project(tmp_path, (FIXTURES / "small.yml").read_text(encoding="utf-8"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    for event_id in ("chroot", "docker", "oci"):
        assert len(re.findall(rf'\sid="{event_id}"', html)) == 1, event_id
    assert (
        len(re.findall(r'<div class="mermaid" [^>]*data-acc-title="年表: ', html)) == 2
        and "timeline TD\n    section Later#59; 2013 onward" in html
    )
    assert '<div class="admonition warning timeline__correction">' in html
    assert "<script>alert" not in html
    assert "&lt;!-- timeline --&gt;" in html, "the marker in a code block stays as code"
    assert "WARNING" not in result.stderr, "links.md's anchors into the timeline must resolve"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {16: '    date: "2008-13"'},
            "data/timeline.yml:16: event 'lxc': date '2008-13' is not a valid date",
        ),
        ({17: "    title: [LXC"}, "data/timeline.yml:18: YAML syntax error"),
    ],
)
def test_bad_data_fails_the_build_with_file_line_and_no_traceback(
    tmp_path: Path, changes, expected: str
) -> None:
    result = build(make_project(tmp_path, edited(changes)))
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "project" / "site" / "index.html").exists(), "no partial page"


@pytest.mark.slow
def test_a_heading_with_an_event_id_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, (FIXTURES / "small.yml").read_text(encoding="utf-8"))
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n## Docker の話 {#docker}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "index.md uses the id 'docker' twice" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
