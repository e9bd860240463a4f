"""Where a note's raw HTML and link destinations are, by source line (for the sanitizer's warnings).

The page's HTML no longer knows which line of the note each element came from, so a removal is found
again in the note: CommonMark tokens (markdown-it-py) give the line ranges of raw HTML blocks, of
paragraphs holding inline HTML and of links and images; the first of those lines holding the removal's
text is the one a warning names. Code blocks and spans are never searched (their text is text).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Deep enough for any note below the nesting limit (studysite.notes.limits); markdown-it stops there.
_PARSER = MarkdownIt("commonmark", {"maxNesting": 256}).enable("table")


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


def locate(needles: Sequence[str], lines: Sequence[str], spans: Sequence[tuple[int, int]]) -> int | None:
    """The 0-based line holding one of ``needles`` (case-insensitive, entities decoded): first within
    ``spans``, then anywhere; None when no line does."""
    folded = [needle.casefold() for needle in needles if needle]
    for needle in folded:
        for first, last in spans:
            for number in range(first, min(last, len(lines))):
                if needle in _fold(lines[number]):
                    return number
    for needle in folded:
        for number, line in enumerate(lines):
            if needle in _fold(line):
                return number
    return None


def _fold(line: str) -> str:
    return html.unescape(line).casefold()
