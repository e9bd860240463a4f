"""Whole-project builds of the frozen fixture site (tests/fixtures/site/ in a copy of the project): strict,
reproducible, the diagram loader on any page, and bad diagram settings stop the build.

That a new note needs nothing but its Markdown file is tests/test_added_notes.py."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from tests.support.project import SESSION_ENV, SESSION_SITE_URL, build_site, fixture_project

pytestmark = pytest.mark.slow


def test_strict_build_has_the_chapter_and_no_mermaid_library(site_dir: Path):
    assert (site_dir / "index.html").exists()
    assert (site_dir / "docker-1" / "vm-vs-container" / "index.html").exists()
    assert not (site_dir / "assets" / "mermaid").exists(), "diagrams are SVG: Mermaid is not served"
    assert (site_dir / "sitemap.xml").read_text(encoding="utf-8").count(
        "<loc>http://127.0.0.1:8000/study/"
    ) >= 3


def _differences(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    out = [f"only in one tree: {name}" for name in cmp.left_only + cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    out += [str(a / name) for name in mismatch + errors]
    for sub in cmp.common_dirs:
        out += _differences(a / sub, b / sub)
    return out


def test_builds_are_byte_identical_with_source_date_epoch(site_dir: Path, tmp_path: Path):
    """A second build, of another copy of the fixture in another folder, gives the session's bytes."""
    project = fixture_project(tmp_path / "project")
    out = tmp_path / "again"
    result = build_site(project, out, site_url=SESSION_SITE_URL, extra_env=SESSION_ENV)
    assert result.returncode == 0, result.stderr
    assert _differences(site_dir, out) == []


def test_a_diagram_on_the_home_page_is_drawn_as_svg(tmp_path: Path):
    project = fixture_project(tmp_path / "project")
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + '\n```mermaid\nblock-beta\n  a["HOME_LABEL"]\n```\n',
        encoding="utf-8",
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    start = home.index('<div class="mermaid')
    svg = home[start : home.index("</svg>", start)]
    assert "<svg " in svg and "HOME_LABEL</" in svg
    assert "import mermaid" not in home
