"""Bad input and faults: every failure is one line naming file, line and what is wrong, never a traceback,
and nothing in the data can make the build hang.

The build cases run `mkdocs build --strict` on a project copy with one fault planted, in a subprocess with
a time limit (a hanging build fails the test instead of hanging the suite).
"""

from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from studysite.infra.textfile import TextFileError, decode_utf8, read_text
from studysite.timeline.load import MAX_BYTES, load_schema, load_yaml
from studysite.timeline.model import TimelineError
from studysite.timeline.render import repeated_ids
from tests.support.project import build_site, fixture_project

#: The "billion laughs" of YAML: 342 bytes whose aliases expand into 9^9 strings.
ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

# -- build cases: what the writer sees ---------------------------------------------------------------------


def _bomb(project: Path) -> None:
    (project / "data" / "timeline.yml").write_text(ALIAS_BOMB, encoding="utf-8")


def _anchor(project: Path) -> None:
    data = project / "data" / "timeline.yml"
    text = data.read_text(encoding="utf-8").replace(
        "title: コンテナ技術の歴史", "title: &t コンテナ技術の歴史", 1
    )
    data.write_text(text, encoding="utf-8")


def _too_large(project: Path) -> None:
    with open(project / "data" / "timeline.yml", "a", encoding="utf-8") as data:
        data.write(("# " + "x" * 98 + "\n") * (MAX_BYTES // 100 + 1))


def _latin1_timeline(project: Path) -> None:
    data = project / "data" / "timeline.yml"
    lines = data.read_bytes().split(b"\n")
    lines[4] = "title: Caf\u00e9".encode("latin-1")  # line 5
    data.write_bytes(b"\n".join(lines))


def _latin1_glossary(project: Path) -> None:
    glossary = project / "includes" / "abbreviations.md"
    glossary.write_bytes(glossary.read_bytes() + "*[caf\u00e9]: a caf\u00e9\n".encode("latin-1"))


def _broken_schema(project: Path) -> None:
    schema = project / "data" / "timeline.schema.json"
    schema.write_text('{\n  "type": "object",\n  "required": ["title"\n}\n', encoding="utf-8")


def _mib(path: Path) -> str:
    return f"{path.stat().st_size / (1 << 20):.2f}"


def _bad_byte(path: Path) -> int:
    """The offset of the planted Latin-1 "é" (other 0xe9 bytes are parts of Japanese characters)."""
    return path.read_bytes().lower().index("caf\u00e9".encode("latin-1")) + 3


def _line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n")


BUILD_CASES: list[tuple[str, Callable[[Path], None], Callable[[Path], str]]] = [
    (
        "alias bomb",
        _bomb,
        lambda p: (
            "data/timeline.yml:1: YAML anchors and aliases are not allowed (&a): write the value out in full"
        ),
    ),
    (
        "anchor",
        _anchor,
        lambda p: (
            "data/timeline.yml:5: YAML anchors and aliases are not allowed (&t): write the value out in full"
        ),
    ),
    (
        "too large",
        _too_large,
        lambda p: (
            f"data/timeline.yml:1: the file is {_mib(p / 'data' / 'timeline.yml')} MiB "
            f"({(p / 'data' / 'timeline.yml').stat().st_size:,} bytes), "
            "over the limit of 1 MiB (1,048,576 bytes)"
        ),
    ),
    (
        "timeline not UTF-8",
        _latin1_timeline,
        lambda p: (
            "data/timeline.yml:5: not UTF-8 text: byte 0xe9 at byte offset "
            f"{_bad_byte(p / 'data' / 'timeline.yml')} (line 5, column 11) "
            "cannot be decoded; save the file as UTF-8"
        ),
    ),
    (
        "glossary not UTF-8",
        _latin1_glossary,
        lambda p: (
            f"includes/abbreviations.md:{_line_count(p / 'includes' / 'abbreviations.md')}: "
            "not UTF-8 text: byte 0xe9 at byte offset "
            f"{_bad_byte(p / 'includes' / 'abbreviations.md')} (line "
            f"{_line_count(p / 'includes' / 'abbreviations.md')}, column 6) cannot be decoded; "
            "save the file as UTF-8"
        ),
    ),
    (
        "schema not JSON",
        _broken_schema,
        lambda p: "data/timeline.schema.json:4: not valid JSON: Expecting ',' delimiter (column 1)",
    ),
]


@pytest.mark.parametrize(
    ("plant", "expected"), [case[1:] for case in BUILD_CASES], ids=[c[0] for c in BUILD_CASES]
)
def test_a_bad_file_stops_the_build_with_one_located_line(
    tmp_path: Path, plant: Callable[[Path], None], expected: Callable[[Path], str]
):
    project = fixture_project(tmp_path / "project")
    plant(project)
    try:
        result = build_site(project, tmp_path / "site", timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the build did not finish within 60 s")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    message = errors[0].split("-  ", 1)[1]
    assert message.startswith(expected(project)), f"\n{message}\n{expected(project)}"


# -- the loaders, directly ---------------------------------------------------------------------------------


def _problem(text: str) -> str:
    with pytest.raises(TimelineError) as caught:
        load_yaml(text, "t.yml")
    return str(caught.value)


LOAD_CASES = [
    (ALIAS_BOMB, "t.yml:1: YAML anchors and aliases are not allowed (&a): write the value out in full"),
    (
        "a: &x 1\nb: 2\n",
        "t.yml:1: YAML anchors and aliases are not allowed (&x): write the value out in full",
    ),
    (
        "a: 1\nb:\n  - c\n  - &y d\n",
        "t.yml:4: YAML anchors and aliases are not allowed (&y): write the value out in full",
    ),
    ("a: 1\nb: *z\n", "t.yml:2: YAML anchors and aliases are not allowed (*z): write the value out in full"),
    ("a: [1\nb: 2\n", "t.yml:2: YAML syntax error: did not find expected ',' or ']'"),
]


@pytest.mark.parametrize(("text", "expected"), LOAD_CASES)
def test_yaml_without_anchors(text: str, expected: str):
    assert _problem(text) == expected


def test_yaml_lines_are_still_found():
    data, lines, problems = load_yaml("title: x\nevents:\n  - id: a\n    id: b\n", "t.yml")
    assert data == {"title": "x", "events": [{"id": "b"}]}
    assert lines[("events", 0, "id")] == 4 and lines[("events",)] == 2
    assert [str(p) for p in problems] == ["t.yml:4: event 'b': field 'id' appears twice"]


DECODE_CASES = [
    (b"plain", "plain"),
    ("\ufeffwith BOM".encode(), "with BOM"),
    ("コンテナ\n".encode(), "コンテナ\n"),
    (b"a\nb\nc\xffd", "f:3: not UTF-8 text: byte 0xff at byte offset 5 (line 3, column 2) cannot be decoded"),
    (b"\xe3\x81", "f:1: not UTF-8 text: byte 0xe3 at byte offset 0 (line 1, column 1) cannot be decoded"),
    (
        b"ok\n" + "caf\u00e9".encode("latin-1"),
        "f:2: not UTF-8 text: byte 0xe9 at byte offset 6 (line 2, column 4)",
    ),
]


@pytest.mark.parametrize(("data", "expected"), DECODE_CASES)
def test_decode_utf8(data: bytes, expected: str):
    try:
        assert decode_utf8(data, "f") == expected
    except TextFileError as error:
        assert str(error).startswith(expected), str(error)
        assert str(error).endswith("; save the file as UTF-8")


def test_the_size_limit_says_what_it_is(tmp_path: Path):
    big = tmp_path / "big.yml"
    big.write_text("x" * 3000, encoding="utf-8")
    with pytest.raises(TextFileError) as caught:
        read_text(big, "data/big.yml", max_bytes=2048)
    assert str(caught.value) == (
        "data/big.yml:1: the file is 2.93 KiB (3,000 bytes), over the limit of 2 KiB (2,048 bytes)"
    )
    assert read_text(big, "data/big.yml", max_bytes=3000) == "x" * 3000


def test_a_schema_that_is_not_json(tmp_path: Path):
    schema = tmp_path / "s.json"
    schema.write_text('{"type": "object",}', encoding="utf-8")
    with pytest.raises(TimelineError) as caught:
        load_schema(schema, "data/s.json")
    assert str(caught.value) == (
        "data/s.json:1: not valid JSON: Expecting property name enclosed in double quotes (column 19)"
    )


def test_repeated_ids_counts_each_id():
    html = '<h2 id="a">x</h2><li id="a"></li><li id="b"></li><p id="c"></p><p id="c"></p><i id="z"></i>'
    assert repeated_ids(html, {"a", "b", "c"}) == ["a", "c"]
    assert repeated_ids(html, set()) == []


# -- Chromium that fails to start or hangs -----------------------------------------------------------------


def _script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)
    return str(path)


HINT = (
    "; check that the Debian packages 'chromium' and 'fonts-noto-cjk' are installed "
    "(apt-get install chromium fonts-noto-cjk, or `make setup` as root)"
)


def _in_own_thread(work):
    """Run ``work`` in a thread of its own and return or raise what it did: Playwright's sync API refuses
    to start in a thread where another test's session browser already runs its event loop."""
    import threading

    outcome: dict[str, object] = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed back to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    return outcome.get("value")


def test_chromium_that_fails_to_start_is_one_line(tmp_path: Path):
    from playwright.sync_api import sync_playwright

    from studysite.infra.chromium import BrowserError, launch

    broken = _script(
        tmp_path, "chromium", 'echo "error while loading shared libraries: libnss3.so" >&2\nexit 127\n'
    )

    def start():
        with sync_playwright() as playwright:
            launch(playwright, "printing the PDF", executable=broken, timeout=20)

    with pytest.raises(BrowserError) as caught:
        _in_own_thread(start)
    assert str(caught.value) == (
        f"Chromium ({broken}) failed to start while printing the PDF: it said "
        "'error while loading shared libraries: libnss3.so' (exit code 127)" + HINT
    )


def test_chromium_that_hangs_times_out_with_what_it_was_doing(tmp_path: Path):
    from playwright.sync_api import sync_playwright

    from studysite.infra.chromium import BrowserError, launch

    hanging = _script(tmp_path, "chromium", "exec sleep 60\n")

    def start():
        with sync_playwright() as playwright:
            launch(playwright, "running the browser tests", executable=hanging, timeout=2)

    with pytest.raises(BrowserError) as caught:
        _in_own_thread(start)
    assert str(caught.value) == (
        f"Chromium ({hanging}) did not start within 2 s while running the browser tests" + HINT
    )


def test_the_test_harness_starts_chromium_through_the_helper(tmp_path: Path):
    import studysite.infra.chromium as site_browser
    from tests.support.browser import chromium

    broken = _script(tmp_path, "chromium", "exit 1\n")

    def start():  # given the executable, not by patching the module every browser starts from
        with chromium(executable=broken):
            pass

    with pytest.raises(site_browser.BrowserError) as caught:
        _in_own_thread(start)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(
        f"Chromium ({broken}) failed to start while running the browser tests: "
    )


def test_no_traceback_escapes_the_glossary_hook_on_a_missing_file(tmp_path: Path):
    project = fixture_project(tmp_path / "project")
    (project / "includes" / "abbreviations.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "includes/abbreviations.md:1: cannot read the file: No such file or directory" in result.stderr
