"""When each note last changed, from git history: one ``git log`` for the whole docs folder per build.

A folder outside a git checkout (an unpacked download), a machine without git, or a file git does not
track has no date: the caller shows none and says nothing. Nothing here reaches the network.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from studysite.pdf import document

_RECORD = "\x01"


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def parse_log(text: str) -> dict[str, str]:
    """``git log -z --format=<RECORD>%cI --name-only`` output → {path from the repository root: the
    committer date (ISO 8601) of the newest commit that touched it}. Commits come newest first."""
    dates: dict[str, str] = {}
    for record in text.split(_RECORD):
        if not record.strip("\0\n"):
            continue
        head, _, names = record.partition("\n")
        date = head.strip("\0\n ")
        for name in names.split("\0"):
            name = name.strip("\n")
            if name and name not in dates:
                dates[name] = date
    return dates


def last_changed(folder: Path) -> dict[str, str]:
    """{path below ``folder`` (POSIX): ISO 8601 date of the last commit that changed it}; empty when the
    folder is not in a git checkout."""
    root = _git(folder, "rev-parse", "--show-toplevel")
    if not root:
        return {}
    top = Path(root.strip()).resolve()
    log = _git(
        folder,
        "-c",
        "core.quotepath=off",
        "log",
        "-z",
        "--no-renames",
        f"--format={_RECORD}%cI",
        "--name-only",
        "--",
        ".",
    )
    if not log:
        return {}
    try:
        prefix = folder.resolve().relative_to(top).as_posix()
    except ValueError:  # the folder is a link into another tree: git answered for that one
        return {}
    prefix = "" if prefix == "." else prefix + "/"
    return {name[len(prefix) :]: date for name, date in parse_log(log).items() if name.startswith(prefix)}


def clamp(iso: str, source_date_epoch: str | None) -> str:
    """A date no later than ``SOURCE_DATE_EPOCH`` (reproducible builds' rule for timestamps)."""
    if not source_date_epoch:
        return iso
    try:
        limit = datetime.fromtimestamp(int(source_date_epoch), tz=UTC)
    except ValueError:
        return iso
    when = datetime.fromisoformat(iso)
    return limit.isoformat() if when > limit else iso


def japanese_date(iso: str) -> str:
    """``2026-12-07T10:00:00+09:00`` → ``2026年12月7日`` (the date where the commit was made), in the
    format the PDF's cover uses."""
    return document.japanese_date(datetime.fromisoformat(iso))


def day(iso: str) -> str:
    """The calendar date of an ISO 8601 time, as in the sitemap's ``lastmod``: ``2026-12-07``."""
    return datetime.fromisoformat(iso).date().isoformat()
