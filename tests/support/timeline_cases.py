"""A small valid timeline document and line edits of it, for the timeline checks and build tests."""

from __future__ import annotations

BASE = """\
title: T
periods:
  - title: P
    from: 2000
events:
  - id: first
    date: "2001"
    title: First
    description: D
    category: isolation
    sources:
      - title: S
        url: https://example.com/a
        kind: primary
  - id: lxc
    date: "2008-08"
    title: LXC
    description: D
    category: isolation
    sources:
      - title: S
        url: https://example.com/b
        kind: primary
"""


def edited(changes: dict[int, str | None]) -> str:
    """BASE with line N (1-based) replaced by a string (which may hold several lines) or deleted (None)."""
    lines = BASE.splitlines()
    for number in sorted(changes, reverse=True):
        if changes[number] is None:
            del lines[number - 1]
        else:
            lines[number - 1] = changes[number]  # type: ignore[assignment]
    return "\n".join(lines) + "\n"
