"""Where a note's raw HTML and link destinations are, by source line (for the sanitizer's warnings).

The page's HTML no longer knows which line of the note each element came from, so a removal is found
again in the note: CommonMark tokens (markdown-it-py) give the line ranges of raw HTML blocks, of
paragraphs holding inline HTML and of links and images; the first of those lines holding the removal's
text is the one a warning names. Code blocks and spans are never searched (their text is text).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Deep enough for any note below the nesting limit (studysite.notes.limits); markdown-it stops there.
_PARSER = MarkdownIt("commonmark", {"maxNesting": 256}).enable("table")
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]  # javascript: links are wanted


def html_lines(markdown: str) -> list[tuple[int, int]]:
    """0-based [first, last) line ranges of raw HTML, links and images, in source order."""
    spans: list[tuple[int, int]] = []
    for token in _PARSER.parse(markdown):
        if token.map is None:
            continue
        if token.type == "html_block":
            spans.append((token.map[0], token.map[1]))
        elif token.type == "inline" and _has_markup(token.children or []):
            spans.append((token.map[0], token.map[1]))
    return spans


def _has_markup(children: Iterable[Token]) -> bool:
    return any(child.type in ("html_inline", "link_open", "image") for child in children)


def locate(
    needles: Sequence[Sequence[str]], lines: Sequence[str], spans: Sequence[tuple[int, int]], count: int = 1
) -> list[int]:
    """Up to ``count`` 0-based lines holding the first of ``needles`` found (each a group of strings that
    must all be on the line; case-insensitive, entities decoded, whitespace and controls ignored), in
    source order: for each needle, lines within ``spans`` first, then anywhere; [] when none is found."""
    groups = [[_fold(part) for part in needle] for needle in needles]
    span_lines = sorted({n for first, last in spans for n in range(first, min(last, len(lines)))})
    folded: dict[int, str] = {}
    for group in groups:
        if not all(group):
            continue
        for candidates in (span_lines, range(len(lines))):
            found = []
            for number in candidates:
                if number not in folded:
                    folded[number] = _fold(lines[number])
                if all(part in folded[number] for part in group):
                    found.append(number)
            if found:
                return found[:count]
    return []


_CONTROLS = re.compile(r"[\x00-\x20\x7f]+")


def _fold(line: str) -> str:
    """A line as a browser reads its attribute values, for matching: entities decoded, case folded, and
    without whitespace and control characters (HTML parsers and URL readers differ on those)."""
    return _CONTROLS.sub("", html.unescape(line).casefold())
