"""A problem found in a note, for the build to report as ``file:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based, in the Markdown given to the pass
    message: str  # what is wrong and what to do
