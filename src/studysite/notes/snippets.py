"""Snippet lines (``--8<--``, pymdownx.snippets) judged before the extension runs: one that would read
outside ``includes/``, or nothing, is shown as text with a located warning (pymdownx would end the build
in a traceback); one inside an included file stops the build with that file's line."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown as python_markdown
from pymdownx.snippets import SnippetPreprocessor  # type: ignore[import-untyped]

from studysite.infra.problem import Problem
from studysite.notes.limits import outside

#: mkdocs.yml: pymdownx.snippets' base_path, relative to the project.
SNIPPETS = Path("includes")


class NestedSnippetError(Exception):
    """A bad snippet inside an included file: ``problem`` names that file and its line, ``line`` the line of
    the note's Markdown (1-based) that includes it."""

    def __init__(self, problem: Problem, line: int) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class Snippet:
    line: int  # 0-based
    path: str


def snippet_lines(markdown: str, marker: re.Pattern[str]) -> list[Snippet]:
    """Every snippet path of the page (``marker`` is pymdownx's RE_ALL_SNIPPETS): inline
    ``--8<-- "path"`` lines and the path lines of ``--8<--`` blocks. Escaped (``;``) ones are skipped."""
    found = []
    block = False
    for number, line in enumerate(markdown.split("\n")):
        match = marker.match(line)
        if match:
            if match.group("escape"):
                continue
            if match.group("inline_marker"):
                if not block:
                    found.append(Snippet(number, match.group("snippet")[1:-1].strip()))
                continue
            block = not block
            continue
        if block:
            path = line.strip()
            if path and not path.startswith(";"):
                found.append(Snippet(number, path))
    return found


def snippet_problem(path: str, base: Path, target: Callable[[str], str | None]) -> str | None:
    """Why the snippet ``path`` would not be read from inside ``base`` (resolved), or None.

    ``target`` parses pymdownx's path syntax (``file.md:2:5``, ``file.md:section``) into the file part.
    """
    name = target(path)
    if not name:
        return f"snippet {path!r} names no file"
    candidate = Path(os.path.abspath(base / name))
    if not candidate.is_relative_to(base) or outside(candidate, base) is not None:
        return f"snippet {path!r} is outside includes/: snippets are read from includes/ only"
    if not candidate.is_file():
        return f"snippet {path!r} is not a file in includes/"
    return None


def snippet_file(path: str, base: Path, target: Callable[[str], str | None]) -> Path | None:
    """The file a snippet ``path`` reads (after :func:`snippet_problem` found none), or None."""
    name = target(path)
    return Path(os.path.abspath(base / name)) if name else None


def nested_problem(
    file: Path,
    base: Path,
    target: Callable[[str], str | None],
    marker: re.Pattern[str],
    seen: frozenset[Path] = frozenset(),
) -> tuple[Path, int, str] | None:
    """The first snippet inside the included ``file`` (or deeper) that would read outside ``base`` or
    nothing: (its file, 0-based line, why); pymdownx would end the build in a traceback on it. A file
    already being included is skipped, as pymdownx skips it."""
    if file in seen:
        return None
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # pymdownx reports what it cannot read
    if "8<-" not in text:
        return None
    for snippet in snippet_lines(text, marker):
        problem = snippet_problem(snippet.path, base, target)
        if problem is not None:
            return file, snippet.line, problem
        inner = snippet_file(snippet.path, base, target)
        if inner is not None and (found := nested_problem(inner, base, target, marker, seen | {file})):
            return found
    return None


@cache
def _reader() -> SnippetPreprocessor:
    return python_markdown.Markdown(extensions=["pymdownx.snippets"]).preprocessors["snippet"]


def snippet_target(path: str) -> str | None:
    """pymdownx's own reading of a snippet path (``file.md:2:5``, ``file.md:section``) -> the file part."""
    parsed = _reader().parse_snippet_target(path)
    return None if parsed is None else str(parsed["path"])


def guard_snippets(markdown: str, project: Path) -> tuple[str, list[Problem]]:
    """``markdown`` with each snippet line that would read outside ``includes/`` (or nothing) escaped, so
    pymdownx shows it as text, and one problem (1-based line of ``markdown``) per such line. A bad snippet
    inside an included file raises :class:`NestedSnippetError`."""
    if "8<-" not in markdown:
        return markdown, []
    base = (project / SNIPPETS).resolve()
    marker = SnippetPreprocessor.RE_ALL_SNIPPETS
    lines = markdown.split("\n")
    problems = []
    for snippet in snippet_lines(markdown, marker):
        problem = snippet_problem(snippet.path, base, snippet_target)
        if problem is None:
            included = snippet_file(snippet.path, base, snippet_target)
            if included is not None and (found := nested_problem(included, base, snippet_target, marker)):
                inner, line, why = found
                nested = Problem(line + 1, why, str(SNIPPETS / inner.relative_to(base)))
                raise NestedSnippetError(nested, snippet.line + 1)
            continue
        problems.append(Problem(snippet.line + 1, f"{problem}; the line is shown as text"))
        # escaped (';'), pymdownx shows an inline snippet line as text and skips a block's path line
        lines[snippet.line] = re.sub(r"^([ \t]*)", r"\1;", lines[snippet.line], count=1)
    return "\n".join(lines), problems
