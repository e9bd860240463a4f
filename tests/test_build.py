"""Whole-project builds: strict, reproducible, and a new note needs nothing but its Markdown file."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from studysite.testing.browser import nav_pages
from studysite.testing.project import build_site, copy_project

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


def test_builds_are_byte_identical_with_source_date_epoch(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        result = build_site(project, out, extra_env=env)
        assert result.returncode == 0, result.stderr
    assert _differences(first, second) == []


NOTE = """---
description: 追加テスト用のノート。
---
# 追加されたノート ADDED_NOTE_SENTINEL {#added-note}

本文。
"""

CHAPTER = """---
description: 新しい章。
---
# Docker 2 NEW_CHAPTER_SENTINEL {#docker-2}

新しい章の概要。
"""


def test_a_new_note_and_a_new_chapter_appear_in_the_nav_without_config(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config_before = (project / "mkdocs.yml").read_bytes()
    (project / "docs" / "docker-1" / "zz-added-note.md").write_text(NOTE, encoding="utf-8")
    (project / "docs" / "docker-2").mkdir()
    (project / "docs" / "docker-2" / "index.md").write_text(CHAPTER, encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    assert (project / "mkdocs.yml").read_bytes() == config_before
    links = [path for path, _ in nav_pages(out)]
    assert "docker-1/zz-added-note/" in links, links
    assert "docker-2/" in links, links
    note = (out / "docker-1" / "zz-added-note" / "index.html").read_text(encoding="utf-8")
    assert "ADDED_NOTE_SENTINEL" in note


def test_a_diagram_on_the_home_page_is_drawn_as_svg(tmp_path: Path):
    project = copy_project(tmp_path / "project")
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
