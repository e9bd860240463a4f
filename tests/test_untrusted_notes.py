"""Hostile notes built strictly and opened in Chromium: nothing pasted into a note runs, nothing outside
the project is published, and each problem is one located line (hooks/untrusted_html.py,
hooks/note_limits.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from studysite.notes.limits import MAX_DEPTH, MAX_NOTE_BYTES
from tests.support.browser import serve
from tests.support.csp_report import csp_violations
from tests.support.project import ROOT, SESSION_ENV, SESSION_SITE_URL, build_site, fixture_project
from tests.support.vectors import VECTORS, live_parts, vector_lines

SMALL = ROOT / "tests" / "fixtures" / "small"
SECRET = "SECRET_OUTSIDE_7c1e"
HEAD = "---\ndescription: 試験用のページ。\n---\n# {title}\n\n本文。\n\n"  # 7 lines before the body


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build_hostile(work: Path) -> tuple[subprocess.CompletedProcess[str], Path, dict[int, range]]:
    """One strict build of a project holding every hostile input that still builds to pages."""
    project = fixture_project(work / "project", SMALL)
    docs = project / "docs"
    outside = work / "outside"
    _write(outside / "secret.md", f"# Secret\n\n{SECRET} text.\n")
    _write(outside / "folder" / "inner.md", f"# Inner\n\n{SECRET} folder.\n")
    _write(outside / "host.txt", f"{SECRET} host\n")

    body, lines = vector_lines(first_line=8)
    _write(docs / "vectors.md", HEAD.format(title="Vectors") + body)
    _write(
        docs / "controls.md", HEAD.format(title="Controls") + "NUL \x00 here.\n\nbell \x07 and tab\tkept.\n"
    )
    _write(project / "includes" / "ok-snippet.md", "SNIPPET_INSIDE_OK\n")
    (project / "includes" / "leak.md").symlink_to(outside / "secret.md")
    snippets = [
        '--8<-- "ok-snippet.md"',  # 8: fine
        '--8<-- "../mkdocs.yml"',  # 10
        '--8<-- "/etc/hostname"',  # 12
        '--8<-- "../../../../../../etc/hostname"',  # 14
        '--8<-- "sub/../../mkdocs.yml"',  # 16
        '--8<-- "missing.md"',  # 18
        '--8<-- "leak.md"',  # 20: a symlink in includes/ leading out
        "--8<--\nok-snippet.md\n../mkdocs.yml\n--8<--",  # 22..25: a block, its second path bad (24)
    ]
    _write(docs / "snippets.md", HEAD.format(title="Snippets") + "\n\n".join(snippets) + "\n")
    _write(
        docs / "deep.md",
        HEAD.format(title="Deep") + "".join("  " * i + f"- item{i}\n" for i in range(MAX_DEPTH)),
    )
    (docs / "out.md").symlink_to(outside / "secret.md")
    (docs / "host.txt").symlink_to(outside / "host.txt")
    (docs / "chain2.md").symlink_to(outside / "secret.md")
    (docs / "chain1.md").symlink_to(docs / "chain2.md")
    _write(docs / "plain.md", HEAD.format(title="Plain"))
    (docs / "inside.md").symlink_to(docs / "plain.md")  # a symlink that stays inside is fine

    site = work / "site"
    result = build_site(project, site)
    return result, site, lines


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path, dict[int, range]]:
    return build_hostile(tmp_path_factory.mktemp("hostile"))


def build_refusals(work: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """Projects the build refuses: nesting past the limit, a note over the size limit, folder links out of
    the project or into a loop. Each build stops early."""
    results = {}
    for name in ("deep", "big", "folders", "nested"):
        project = fixture_project(work / name / "project", SMALL)
        docs = project / "docs"
        if name == "deep":
            deep = HEAD.format(title="Deep") + "".join("  " * i + "- x\n" for i in range(4 * MAX_DEPTH))
            _write(docs / "deep.md", deep)
        elif name == "big":
            with open(docs / "big.md", "wb") as note:
                note.write(b"# Big\n\n")
                note.truncate(MAX_NOTE_BYTES + 1)  # sparse: the build must refuse it by its size alone
        elif name == "nested":  # a snippet file of includes/ whose own snippet climbs out
            _write(project / "includes" / "outer.md", 'outer\n--8<-- "inner.md"\n')
            _write(project / "includes" / "inner.md", 'inner\n\n--8<-- "../mkdocs.yml"\n')
            _write(docs / "page.md", HEAD.format(title="Page") + '--8<-- "outer.md"\n')
        else:
            _write(work / name / "outside" / "inner.md", f"# Inner\n\n{SECRET}\n")
            (docs / "linked").symlink_to(work / name / "outside")
            (docs / "loop").symlink_to(docs)
            (docs / "sub").mkdir()
            (docs / "sub" / "back").symlink_to(project)  # the project holds docs/, which holds this link
            (docs / "fine").symlink_to(project / "includes")  # inside, no loop: walked as usual
        results[name] = build_site(project, work / name / "site", timeout=120)
    return results


@pytest.fixture(scope="module")
def refusals(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    return build_refusals(tmp_path_factory.mktemp("refusals"))


def build_unsanitized(work: Path) -> Path:
    """The fixture site built as the session's is, but without hooks/untrusted_html.py."""
    project = fixture_project(work / "project")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "hooks/untrusted_html.py" not in line), "utf-8")
    out = work / "site"
    result = build_site(project, out, site_url=SESSION_SITE_URL, extra_env=SESSION_ENV)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def unsanitized_site(tmp_path_factory) -> Path:
    return build_unsanitized(tmp_path_factory.mktemp("unsanitized"))


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]


def test_the_strict_build_fails_with_located_lines_and_no_traceback(hostile):
    result, _, _ = hostile
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    ours = [line for line in _warnings(result.stderr) if "hooks/" in line]
    assert ours
    for line in ours:  # one line each, naming the file (and the line, for a note's content)
        assert re.search(r"hooks/\w+: (\S+\.md:\d+|\S+\.md|\S+\.txt|linked): ", line), line


def test_every_vector_that_makes_markup_is_named_on_its_line(hostile):
    result, _, lines = hostile
    warned = {int(m) for m in re.findall(r"untrusted_html: vectors\.md:(\d+): ", result.stderr)}
    missing = [
        (n, vector.text) for n, vector in enumerate(VECTORS) if vector.warns and not warned & set(lines[n])
    ]
    assert not missing, f"no warning on the vector's line: {missing}\n{result.stderr}"


def test_symlinks_leading_out_are_refused_and_nothing_of_them_is_published(hostile):
    result, site, _ = hostile
    for name in ("out.md", "host.txt", "chain1.md", "chain2.md"):
        assert re.search(
            rf"note_limits: {re.escape(name)}: a symlink to .*outside the project", result.stderr
        )
    assert "inside.md: a symlink" not in result.stderr
    assert (site / "inside" / "index.html").is_file()
    leaked = [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert not leaked, f"outside text published in {leaked}"
    assert not (site / "host.txt").exists()


def test_snippets_outside_includes_are_one_line_each_and_shown_as_text(hostile):
    result, site, _ = hostile
    warned = {int(m) for m in re.findall(r"note_limits: snippets\.md:(\d+): snippet", result.stderr)}
    assert warned == {10, 12, 14, 16, 18, 20, 24}
    page = (site / "snippets" / "index.html").read_text(encoding="utf-8")
    assert page.count("SNIPPET_INSIDE_OK") == 2
    assert "--8&lt;-- &quot;../mkdocs.yml&quot;" in page or '--8&lt;-- "../mkdocs.yml"' in page
    assert "markdown_extensions" not in page and SECRET not in page


def test_control_characters_are_removed_with_their_line(hostile):
    result, site, _ = hostile
    assert "controls.md:8: control character(s) U+0000 removed" in result.stderr
    assert "controls.md:10: control character(s) U+0007 removed" in result.stderr
    page = (site / "controls" / "index.html").read_text(encoding="utf-8")
    assert "\x00" not in page and "\x07" not in page
    assert re.search(r"NUL\s+here\.", page) and re.search(r"tab\s+kept", page)


def test_nesting_up_to_the_limit_builds(hostile):
    result, site, _ = hostile
    assert "deep.md" not in result.stderr
    page = (site / "deep" / "index.html").read_text(encoding="utf-8")
    assert all(re.search(rf"item{i}\b", page) for i in range(MAX_DEPTH))
    assert page.count("<ul>") > MAX_DEPTH // 2  # nested, as the note's reader nests it


@pytest.mark.browser
def test_no_vector_runs_in_chromium(browser, hostile):
    _, site, _ = hostile
    with serve(site, "/") as url:
        dialogs: list[str] = []

        def act(page) -> None:
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            # every handler a payload could hang on, fired on every element of the content
            page.evaluate(
                """() => document.querySelectorAll('article *').forEach(e => ['mouseover', 'pointerenter',
                   'focus', 'toggle', 'load', 'error', 'animationstart'].forEach(t => e.dispatchEvent(
                   new Event(t))))"""
            )
            state["ran"] = page.evaluate("Object.keys(window).filter(k => k.startsWith('__xss'))")
            state["live"] = live_parts(page.inner_html("article"))
            state["dead links"] = page.eval_on_selector_all(
                "article a:not([href]):not([id]):not([name])", "els => els.map(e => e.outerHTML)"
            )

        state: dict[str, list[str]] = {}
        violations = csp_violations(browser, url + "vectors/", act)
    assert state["ran"] == [], f"payloads ran: {state['ran']}"
    assert not dialogs
    assert state["live"] == [], state["live"]
    assert state["dead links"] == [], "a link whose URL was removed must read as text"
    assert violations == [], violations


def test_folder_links_out_of_the_project_or_into_a_loop_stop_the_build_before_the_walk(refusals):
    result = refusals["folders"]
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = [
        line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if "a symlink to" in line
    ]
    assert len(lines) == 3, result.stderr
    assert re.fullmatch(r"linked: a symlink to \S+outside, outside the project: .*", lines[0])
    assert re.fullmatch(r"loop: a symlink to \S+docs, a folder that contains it: .*", lines[1])
    assert re.fullmatch(r"sub/back: a symlink to \S+project, a folder that contains it: .*", lines[2])


def test_a_bad_snippet_inside_an_included_file_stops_the_build_with_its_own_line(refusals):
    result = refusals["nested"]
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "includes/inner.md:3: snippet '../mkdocs.yml' is outside includes/: snippets are read from "
        "includes/ only (included from page.md:8)" in result.stderr
    ), result.stderr


def test_nesting_past_the_limit_stops_the_build_with_its_line(refusals):
    result = refusals["deep"]
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"deep.md:{8 + MAX_DEPTH}: nested {MAX_DEPTH + 1} levels deep" in result.stderr


def test_a_note_over_the_size_limit_is_refused_before_it_is_read(refusals):
    result = refusals["big"]
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(r"big\.md:1: the note is [\d.]+ MiB, over the limit of \d+ MiB", result.stderr)


def test_the_frozen_notes_build_to_the_same_bytes_without_the_sanitizer(
    site_dir: Path, unsanitized_site: Path
):
    """The sanitizer changes no page of the fixture site (the notes as written): the session's build, with
    it, and a build without it, with the same settings, are the same files byte for byte."""
    out = unsanitized_site
    ours = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert ours == theirs
    differ = [str(p) for p in ours if (site_dir / p).read_bytes() != (out / p).read_bytes()]
    assert differ == [], differ
