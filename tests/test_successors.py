"""Successor insurance: ProperDocs (the maintained fork of MkDocs 1.6) builds the fixture site strictly
with our hooks unchanged, and its pages are the MkDocs build's, byte for byte, but for the differences
listed in EXPECTED_DIFFERENCES.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import SESSION_ENV, SESSION_SITE_URL, build_site, fixture_project

pytestmark = pytest.mark.slow

#: Lines that may differ between the two builds, with why: (pattern of the MkDocs line, of ProperDocs').
EXPECTED_DIFFERENCES = [
    # Material writes the builder's name and version into every page's generator tag.
    (
        r'<meta name="generator" content="mkdocs-1\.6\.\d+, mkdocs-material-[\d.]+">',
        r'<meta name="generator" content="mkdocs-ProperDocs 1\.6\.\d+, mkdocs-material-[\d.]+">',
    ),
]


def explained(ours: str, theirs: str) -> bool:
    return any(
        re.fullmatch(a, ours.strip()) and re.fullmatch(b, theirs.strip()) for a, b in EXPECTED_DIFFERENCES
    )


def differences(mkdocs_site: Path, properdocs_site: Path) -> list[str]:
    """Every difference between the two trees that EXPECTED_DIFFERENCES does not explain."""
    out: list[str] = []
    ours = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(properdocs_site).as_posix() for p in properdocs_site.rglob("*") if p.is_file()}
    out += [f"only in the MkDocs build: {name}" for name in sorted(ours - theirs)]
    out += [f"only in the ProperDocs build: {name}" for name in sorted(theirs - ours)]
    for name in sorted(ours & theirs):
        a, b = (mkdocs_site / name).read_bytes(), (properdocs_site / name).read_bytes()
        if a == b:
            continue
        a_lines, b_lines = (
            a.decode("utf-8", "replace").splitlines(),
            b.decode("utf-8", "replace").splitlines(),
        )
        matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                pairs = zip(a_lines[i1:i2], b_lines[j1:j2], strict=True)
                out += [f"{name}: MkDocs {x!r} vs ProperDocs {y!r}" for x, y in pairs if not explained(x, y)]
            else:
                out.append(f"{name}: MkDocs {a_lines[i1:i2][:2]} vs ProperDocs {b_lines[j1:j2][:2]}")
    return out


def test_properdocs_is_installed_from_the_lock():
    done = subprocess.run([sys.executable, "-m", "properdocs", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "version 1.6." in done.stdout, done.stdout + done.stderr


def test_properdocs_builds_the_site_strictly_and_its_pages_match_the_mkdocs_build(
    site_dir: Path, tmp_path: Path
):
    """The session's site is the MkDocs build; ProperDocs builds the same fixture with the same settings."""
    project = fixture_project(tmp_path / "project")
    out = tmp_path / "properdocs"
    result = build_site(project, out, site_url=SESSION_SITE_URL, extra_env=SESSION_ENV, tool="properdocs")
    assert result.returncode == 0, result.stderr
    assert (out / "docker-1" / "vm-vs-container" / "index.html").exists()
    found = differences(site_dir, out)
    assert not found, "differences not explained in EXPECTED_DIFFERENCES:\n" + "\n".join(found)


def test_the_comparison_sees_an_unexplained_difference(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    for root, generator, body in ((a, "mkdocs-1.6.1", "x"), (b, "mkdocs-ProperDocs 1.6.7", "y")):
        root.mkdir()
        (root / "index.html").write_text(
            f'<meta name="generator" content="{generator}, mkdocs-material-9.8.1">\n<p>{body}</p>\n', "utf-8"
        )
    (b / "extra.txt").write_text("", "utf-8")
    assert differences(a, b) == [
        "only in the ProperDocs build: extra.txt",
        "index.html: MkDocs '<p>x</p>' vs ProperDocs '<p>y</p>'",
    ]
    (b / "index.html").write_text((b / "index.html").read_text("utf-8").replace("y", "x"), "utf-8")
    (b / "extra.txt").unlink()
    assert differences(a, b) == [], "the generator tag alone is explained"
