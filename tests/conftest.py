"""Shared fixtures: the frozen fixture site built once per run, one crawl of it, and project copies.

The session's site is built from tests/fixtures/site/ (the notes, glossary and timeline data as they were
when the tests were written) inside a copy of the project's generator, never from today's docs/: a note
added to docs/ changes nothing a test sees. The suite runs under pytest-xdist (pyproject.toml's addopts);
what the workers share is made once (tests.support.session.once).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.support.browser import chromium, serve
from tests.support.crawl import Crawl
from tests.support.project import SUB_PATH, copy_project
from tests.support.session import build_session_site, crawl_session_site, once

# Property tests check behaviour, never speed (bench/ measures that): no deadline and no too-slow check, since
# the builds share the machine's two cores with them.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Modules with slow or browser tests first: xdist hands out whole modules in this order, and the long
    ones started first end together (the quick modules fill in beside them). Every worker sorts alike."""
    heavy = {
        item.module.__name__
        for item in items
        if isinstance(item, pytest.Function) and any(item.iter_markers(name) for name in ("slow", "browser"))
    }
    rank = {
        name: (name not in heavy, name)
        for name in {i.module.__name__ for i in items if isinstance(i, pytest.Function)}
    }
    items.sort(
        key=lambda item: rank[item.module.__name__] if isinstance(item, pytest.Function) else (False, "")
    )


@pytest.fixture(scope="session")
def session_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project with the frozen notes and its strict build (tests.support.session.build_session_site)."""
    return once(tmp_path_factory, "session-site", build_session_site)


@pytest.fixture(scope="session")
def fixture_site(session_site: tuple[Path, Path]) -> Path:
    """The project with the frozen notes of tests/fixtures/site/; tests read its sources, never edit it."""
    return session_site[0]


@pytest.fixture(scope="session")
def site_dir(session_site: tuple[Path, Path]) -> Path:
    """The fixture site, built strict once per run, for a server under the sub-path /study/, with a fixed
    build date (SESSION_ENV). Tests read it and never write into it: others compare its bytes."""
    return session_site[1]


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
def site_crawl(tmp_path_factory: pytest.TempPathFactory, browser, site_dir: Path, site_url: str) -> Crawl:
    """The one crawl of the session's site that the browser, accessibility and link tests read."""
    return once(tmp_path_factory, "site-crawl", lambda work: crawl_session_site(browser, site_dir, site_url))
