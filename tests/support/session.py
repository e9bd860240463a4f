"""The session's site and its crawl, as early jobs (tests.support.early) for tests/conftest.py's
fixtures, and for the modules' own jobs that start from the built site (the PDF export)."""

from __future__ import annotations

from pathlib import Path

from tests.support.browser import chromium, serve
from tests.support.crawl import Crawl, crawl
from tests.support.early import early
from tests.support.project import (
    ROOT,
    SESSION_ENV,
    SESSION_SITE_URL,
    SUB_PATH,
    build_site,
    fixture_project,
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@early("fixture_site", shared=True)
def session_site(work: Path) -> tuple[Path, Path]:
    """The project with the frozen notes of tests/fixtures/site/, and its strict build for a server under
    the sub-path /study/ with a fixed build date (SESSION_ENV)."""
    project = fixture_project(work / "project")
    out = work / "site"
    result = build_site(project, out, site_url=SESSION_SITE_URL, extra_env=SESSION_ENV)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return project, out


@early("site_crawl", shared=True)
def session_crawl(work: Path) -> Crawl:
    """Every page of the session's site visited once per palette (recording, diagrams, weight, axe-core)
    and every link checked, in a Chromium and a server of its own."""
    _, site = session_site.result()
    with chromium() as instance, serve(site, SUB_PATH) as url:
        return crawl(instance, site, url, SESSION_SITE_URL, axe=AXE)
