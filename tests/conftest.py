"""Shared fixtures: build the real site once per session, and copy the project for tests that change it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Everything a build reads; node_modules is linked, not copied.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "data")
SUB_PATH = "/study/"


def build_site(project: Path, out: Path, *, site_url: str = "http://127.0.0.1:8000/", extra_env=None):
    """Run ``mkdocs build --strict`` on a project; return the CompletedProcess (never raises)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"),
         "-d", str(out)],
        capture_output=True, text=True, env=env, cwd=project,
    )


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project that a test may edit."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


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
    from tests.harness import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """The real site served on 127.0.0.1 under the sub-path /study/."""
    from tests.harness import serve

    with serve(site_dir, SUB_PATH) as url:
        yield url
