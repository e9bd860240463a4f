"""Bytes, limits and the content boundary of a note (helpers for hooks/note_limits.py; the boundary
checks look at the file system: symlinks, snippet files).

- control characters: NUL and the other C0 controls (tab, line feed and carriage return aside) are found
  by line and removed;
- nesting: lists and block quotes deeper than :data:`MAX_DEPTH` are refused (Python-Markdown recurses per
  level and ends in a RecursionError past a few hundred);
- size: a note over :data:`MAX_NOTE_BYTES` is refused before it is read;
- the boundary: a path in ``docs/`` that resolves outside the project, and a snippet (``--8<--``) that
  does not resolve to a file inside ``includes/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from markdown_it import MarkdownIt

from studysite.infra.problem import Problem

#: The deepest nesting of lists and block quotes a note may have (README "Limits").
MAX_DEPTH = 100
#: The largest note, in bytes (README "Limits"): bench/big_note.py measures 1 MB and 5 MB notes.
MAX_NOTE_BYTES = 8 * 1024 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: A line that might open the MAX_DEPTH-th level: its leading indentation, quote marks and list markers are
#: long enough (a level takes at least two columns of indentation or one '>', and a tab is up to four
#: columns, so at least half the depth in characters). Rules and box drawings do not count.
_DEEP_PREFIX = re.compile(
    rf"^(?:[ \t>]|[-*+](?=[ \t])|[0-9]{{1,9}}[.)](?=[ \t])){{{MAX_DEPTH // 2},}}", re.MULTILINE
)
#: markdown-it stops reading deeper than this (two token levels per list level), so it never recurses far.
_PARSER = MarkdownIt("commonmark", {"maxNesting": 2 * MAX_DEPTH + 8})


def strip_controls(text: str) -> tuple[str, list[Problem]]:
    """``text`` without C0 control characters (tab and newlines kept), and one problem per line with any."""
    if not _CONTROL.search(text):
        return text, []
    problems = []
    for number, line in enumerate(text.split("\n")):
        found = sorted(set(_CONTROL.findall(line)))
        if found:
            names = ", ".join(f"U+{ord(char):04X}" for char in found)
            problems.append(Problem(number + 1, f"control character(s) {names} removed"))
    return _CONTROL.sub("", text), problems


#: Emphasis markers in a row past this many nest that deep in Python-Markdown's inline reading, which
#: recurses per level (3,000 end in a RecursionError); a rule of them on a line of its own is no emphasis.
_MARKER_RUN = re.compile(rf"[*_]{{{2 * MAX_DEPTH},}}")
_CODE_SPAN = re.compile(r"(`+).*?\1", re.S)


def too_deep(markdown: str) -> Problem | None:
    """The first line nested deeper than MAX_DEPTH lists and block quotes, or with a longer run of emphasis
    markers in its text (code aside) than twice that; None when there is none."""
    deep_blocks = _DEEP_PREFIX.search(markdown) is not None
    long_runs = _MARKER_RUN.search(markdown) is not None
    if not (deep_blocks or long_runs):
        return None  # no line has enough indentation, markers or emphasis to be that deep: no parse needed
    depth = 0
    for token in _PARSER.parse(markdown):
        if long_runs and token.type == "inline" and token.map is not None:
            text = _CODE_SPAN.sub(lambda span: "\n" * span.group().count("\n"), token.content)
            if run := _MARKER_RUN.search(text):
                return Problem(
                    token.map[0] + 1 + text[: run.start()].count("\n"),
                    f"{len(run.group())} emphasis markers in a row: the limit is {2 * MAX_DEPTH}",
                )
        if token.type in ("list_item_open", "blockquote_open"):
            depth += 1
            if depth > MAX_DEPTH and token.map is not None:
                return Problem(
                    token.map[0] + 1,
                    f"nested {depth} levels deep (lists and quotes): the limit is {MAX_DEPTH}",
                )
        elif token.type in ("list_item_close", "blockquote_close"):
            depth -= 1
    return None


def oversized(size: int) -> str | None:
    if size <= MAX_NOTE_BYTES:
        return None
    return (
        f"the note is {size / 1_048_576:.1f} MiB, over the limit of {MAX_NOTE_BYTES / 1_048_576:.0f} MiB "
        "for one note: split it into several notes"
    )


def outside(path: Path, root: Path) -> Path | None:
    """Where ``path`` really is when that is outside ``root`` (a resolved directory), else None."""
    real = Path(os.path.realpath(path))
    return None if real == root or real.is_relative_to(root) else real


def escaping_link(docs_dir: Path, relative: str, root: Path) -> tuple[str, Path] | None:
    """The first component of ``relative`` (below ``docs_dir``) that is a symlink resolving outside
    ``root``, and where it leads; None when the path stays inside."""
    current = docs_dir
    parts = Path(relative).parts
    for index, part in enumerate(parts):
        current = current / part
        if current.is_symlink() and (real := outside(current, root)) is not None:
            return "/".join(parts[: index + 1]), real
    return None


def folder_links(docs_dir: Path, root: Path) -> list[tuple[str, Path, str]]:
    """Symlinked folders below ``docs_dir`` that MkDocs must not walk (it follows every link): those that
    lead outside ``root``, and those that lead back to a folder containing them (the walk never ends).
    Each as (path below docs_dir, where it leads, "outside" or "loop")."""
    found: list[tuple[str, Path, str]] = []

    def walk(real: Path, shown: str, ancestors: frozenset[Path]) -> None:
        try:
            entries = sorted(os.scandir(real), key=lambda entry: entry.name)
        except OSError:
            return  # MkDocs reports what it cannot read
        for entry in entries:
            if not entry.is_dir(follow_symlinks=True):
                continue
            target = Path(os.path.realpath(entry.path))
            name = f"{shown}/{entry.name}" if shown else entry.name
            if entry.is_symlink():
                if outside(target, root) is not None:
                    found.append((name, target, "outside"))
                    continue
                if any(folder.is_relative_to(target) for folder in ancestors):
                    found.append((name, target, "loop"))  # a folder holding the link: never ends
                    continue
            walk(target, name, ancestors | {target})

    start = Path(os.path.realpath(docs_dir))
    walk(start, "", frozenset({start}))
    return found
