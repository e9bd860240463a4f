"""Project copies and strict builds, for the test suite and the benchmarks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The repository: this file is tests/support/project.py.
ROOT = Path(__file__).resolve().parents[2]
#: Everything a build reads; node_modules is linked, not copied.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "includes", "data")
SUB_PATH = "/study/"
#: How the session's site (tests/conftest.py) is built: for a server under SUB_PATH, with a fixed build date
#: (sitemap.xml's), so any other build with the same settings must give the same bytes.
SESSION_SITE_URL = f"http://127.0.0.1:8000{SUB_PATH}"
SESSION_ENV = {"SOURCE_DATE_EPOCH": "1700000000"}
#: The frozen content the suite builds: a copy of the notes (docs/ without docs/assets/), the glossary
#: snippets and the timeline data, so a note added to docs/ never changes what a test sees.
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
#: The part of docs/ that belongs to the generator, not to the notes: it is taken from the project.
GENERATOR_DOCS = ("assets",)
#: The parts of a fixture site that are content.
CONTENT_PARTS = ("docs", "includes", "data")
#: The chapter of the fixture site in nav order (its .nav.yml), as page paths below the site root.
FIXTURE_CHAPTER_ORDER = [
    "docker-1/",
    "docker-1/what-is-a-container/",
    "docker-1/vm-vs-container/",
    "docker-1/history/",
    "docker-1/docker-platform/",
    "docker-1/portability/",
]


def build_site(
    project: Path,
    out: Path,
    *,
    site_url: str = "http://127.0.0.1:8000/",
    extra_env: dict[str, str] | None = None,
    tool: str = "mkdocs",
    timeout: float | None = None,
    python: str = sys.executable,
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` on a project; return the CompletedProcess (raises only when it takes
    longer than ``timeout`` seconds: ``subprocess.TimeoutExpired``).

    ``tool`` names the builder's module: ``"properdocs"`` builds with ProperDocs, the fork of MkDocs 1.6.
    ``python`` is the interpreter that runs it (another venv's, to build with another copy of the code).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, **(extra_env or {})}
    return subprocess.run(
        [
            python,
            "-m",
            tool,
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
        timeout=timeout,
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


def clear_notes(project: Path) -> Path:
    """Remove every note of ``project``'s docs/, keeping the generator's part (GENERATOR_DOCS)."""
    for entry in list((project / "docs").iterdir()):
        if entry.name in GENERATOR_DOCS:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return project


def fixture_project(dest: Path, content: Path = FIXTURE_SITE) -> Path:
    """A copy of the project (generator, config, templates) with the frozen notes of ``content``.

    Every note of the project's docs/ is replaced by the fixture's (docs/assets/ stays: it is code);
    files of the fixture's includes/ and data/ replace the project's.
    """
    clear_notes(copy_project(dest))
    for source in sorted(path for part in CONTENT_PARTS for path in (content / part).rglob("*")):
        if source.is_file():
            target = dest / source.relative_to(content)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest
