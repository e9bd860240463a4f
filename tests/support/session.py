"""The suite's expensive preparations made once per run (tests/conftest.py's session fixtures): under
pytest-xdist by the first worker that asks, in the directory every worker sees; the others wait on its lock
and read the result it left there."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from filelock import FileLock

from tests.support.crawl import Crawl, crawl
from tests.support.project import (
    ROOT,
    SESSION_ENV,
    SESSION_SITE_URL,
    build_site,
    fixture_project,
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
T = TypeVar("T")


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """``make(work)`` run once per test run, ``work`` a fresh directory that outlives every worker's tests;
    its result (pickled) is what every later call gets, in this process or another worker's."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    done = root / f"{name}.pickle"
    with FileLock(str(root / f"{name}.lock")):
        if done.exists():
            return pickle.loads(done.read_bytes())
        value = make(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=root)))
        done.write_bytes(pickle.dumps(value))
        return value


def build_session_site(work: Path) -> tuple[Path, Path]:
    """The project with the frozen notes of tests/fixtures/site/, and its strict build for a server under
    the sub-path /study/ with a fixed build date (SESSION_ENV)."""
    project = fixture_project(work / "project")
    out = work / "site"
    result = build_site(project, out, site_url=SESSION_SITE_URL, extra_env=SESSION_ENV)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return project, out


def crawl_session_site(browser: Any, site: Path, url: str) -> Crawl:
    """Every page of the session's site, served at ``url``, visited once per palette (recording, diagrams,
    weight, axe-core) and every link checked."""
    return crawl(browser, site, url, SESSION_SITE_URL, axe=AXE)
