"""Project copies and strict builds, for the test suite and the benchmarks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The repository: this file is src/studysite/testing/project.py.
ROOT = Path(__file__).resolve().parents[3]
#: Everything a build reads; node_modules is linked, not copied.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "data")
SUB_PATH = "/study/"


def build_site(project: Path, out: Path, *, site_url: str = "http://127.0.0.1:8000/", extra_env=None):
    """Run ``mkdocs build --strict`` on a project; return the CompletedProcess (never raises)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, **(extra_env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
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
    # drawn diagrams are shared with the repository's cache (.cache/diagrams): copies draw only what is new
    (ROOT / ".cache").mkdir(exist_ok=True)
    (dest / ".cache").symlink_to(ROOT / ".cache")
    return dest
