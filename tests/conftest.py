"""Shared fixtures: build the real site once per session, and copy the project for tests that change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite.testing.browser import chromium, serve
from studysite.testing.project import ROOT, SUB_PATH, build_site, copy_project


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strict once per session, for a server under the sub-path /study/."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out, site_url=f"http://127.0.0.1:8000{SUB_PATH}")
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
    """The real site served on 127.0.0.1 under the sub-path /study/."""
    with serve(site_dir, SUB_PATH) as url:
        yield url
