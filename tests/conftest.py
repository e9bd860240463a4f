"""Shared fixtures: the frozen fixture site built once per session, one crawl of it, and project copies;
and the early start of the suite's slow preparations (tests.support.early).

The session's site is built from tests/fixtures/site/ (the notes, glossary and timeline data as they were
when the tests were written) inside a copy of the project's generator, never from today's docs/: a note
added to docs/ changes nothing a test sees.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.support import early
from tests.support.browser import chromium, serve
from tests.support.crawl import Crawl
from tests.support.project import SUB_PATH, copy_project
from tests.support.session import session_crawl, session_site

# Property tests check behaviour, never speed (bench/ measures that): no deadline and no too-slow check, since
# the slow preparations share the machine's two cores with them.
_STARTED = pytest.StashKey[float]()

settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start the slow preparations the chosen tests wait for, and run the modules that wait for one last."""
    if hasattr(config, "workerinput"):  # under pytest-xdist: fixtures as they come (early.ACROSS)
        return
    tests = [item for item in items if isinstance(item, pytest.Function)]
    jobs, modules = early.plan([(test.module.__name__, test.fixturenames) for test in tests])
    rank = {module: i for i, module in enumerate(modules)}
    items.sort(key=lambda item: rank[item.module.__name__] if isinstance(item, pytest.Function) else -1)
    if not config.option.collectonly:
        early.start(jobs)


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.monotonic()


def pytest_sessionfinish(session: pytest.Session) -> None:
    early.finish()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """When the early jobs ran, to see what the suite's time waits on (not with -q)."""
    if config.option.verbose >= 0 and (lines := early.summary(early.JOBS, config.stash[_STARTED])):
        terminalreporter.write_sep("-", "early jobs")
        terminalreporter.write_line(lines)


@pytest.fixture(scope="session", autouse=True)
def _across_workers(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Under pytest-xdist, the directory every worker sees, where the shared jobs keep their result."""
    if hasattr(request.config, "workerinput"):
        early.ACROSS[:] = [tmp_path_factory.getbasetemp().parent]


@pytest.fixture(scope="session")
def fixture_site() -> Path:
    """The project with the frozen notes of tests/fixtures/site/; tests read its sources, never edit it."""
    return session_site.result()[0]


@pytest.fixture(scope="session")
def site_dir(fixture_site: Path) -> Path:
    """The fixture site, built strict once per session, for a server under the sub-path /study/, with a
    fixed build date (SESSION_ENV). Tests read it and never write into it: others compare its bytes."""
    return session_site.result()[1]


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
def site_crawl(site_dir: Path) -> Crawl:
    """The one crawl of the session's site that the browser, accessibility and link tests read."""
    return session_crawl.result()
