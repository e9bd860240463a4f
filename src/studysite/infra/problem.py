"""The one located message of the package: ``file:line: message``, for the build to report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """What is wrong where. A pass over text alone leaves ``file`` empty (the hook that reports the problem
    knows the file and the lines before the text); a loader of a named file fills it in."""

    line: int  # 1-based
    message: str  # what is wrong and what to do
    file: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.file else f"{self.line}: {self.message}"
