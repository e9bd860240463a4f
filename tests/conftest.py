"""Shared fixtures: the frozen fixture site built once per session, one crawl of it, and project copies.

The session's site is built from tests/fixtures/site/ (the notes, glossary and timeline data as they were
when the tests were written) inside a copy of the project's generator, never from today's docs/: a note
added to docs/ changes nothing a test sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite.testing.browser import chromium, serve
from studysite.testing.crawl import Crawl, crawl
from studysite.testing.project import (
    ROOT,
    SESSION_ENV,
    SESSION_SITE_URL,
    SUB_PATH,
    build_site,
    copy_project,
    fixture_project,
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the frozen notes of tests/fixtures/site/; tests read its sources, never edit it."""
    return fixture_project(tmp_path_factory.mktemp("fixture") / "project")


@pytest.fixture(scope="session")
def site_dir(fixture_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built strict once per session, for a server under the sub-path /study/, with a
    fixed build date (SESSION_ENV). Tests read it and never write into it: others compare its bytes."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(fixture_site, out, site_url=SESSION_SITE_URL, extra_env=SESSION_ENV)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return out


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, launched once per session with the closed-network flags."""
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """The session's site served on 127.0.0.1 under the sub-path /study/."""
    with serve(site_dir, SUB_PATH) as url:
        yield url


@pytest.fixture(scope="session")
def site_crawl(browser, site_dir: Path, site_url: str) -> Crawl:
    """Every page visited once per palette (recording, diagrams, weight, axe-core) and every link checked:
    the one crawl that the browser, accessibility and link tests read."""
    return crawl(browser, site_dir, site_url, SESSION_SITE_URL, axe=AXE)
