#!/usr/bin/env python3
"""Commit subjects of at most 72 characters, details in the body (README "Contributing").

    python tools/commit_subjects.py            (make lint: every commit since the rule was made)
    python tools/commit_subjects.py FILE       (pre-commit's commit-msg stage: the message being written)

Commits before ``SINCE`` predate the rule and are not checked; in a shallow clone without it, only the
commits present are.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LIMIT = 72
#: The first commit made under the rule (#24: "Lock import-linter, pre-commit and pytest-xdist ...").
SINCE = "4cc89b0"


def too_long(subjects: list[str]) -> list[str]:
    """The subjects over the limit."""
    return [subject for subject in subjects if len(subject) > LIMIT]


def history() -> list[str]:
    """The subjects of the commits after ``SINCE`` (or of every commit, when it is not in this clone);
    none outside a git checkout (an unpacked download)."""
    if subprocess.run(["git", "rev-parse", "--git-dir"], capture_output=True).returncode != 0:
        return []
    known = (
        subprocess.run(["git", "cat-file", "-e", f"{SINCE}^{{commit}}"], capture_output=True).returncode == 0
    )
    span = [f"{SINCE}..HEAD"] if known else ["HEAD"]
    out = subprocess.run(["git", "log", "--format=%s", *span], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def main(argv: list[str]) -> int:
    if argv:
        lines = Path(argv[0]).read_text(encoding="utf-8").splitlines()
        subjects = [next((line for line in lines if line.strip() and not line.startswith("#")), "")]
    else:
        subjects = history()
    bad = too_long(subjects)
    for subject in bad:
        print(f"commit subject over {LIMIT} characters ({len(subject)}): {subject}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
