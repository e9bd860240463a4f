"""A note's inline Markdown as inert card text, read by the block reader's own markdown-it parser.

Emphasis marks go, code spans stay as code, a link keeps its text, raw HTML stays as the characters the
writer typed (never markup), HTML comments vanish as they do in a preview. The ``no-card`` marker is an
HTML comment, so it is found here too.
"""

from __future__ import annotations

import html
import re

from studysite.cards.card import Text
from studysite.notes.blocks import parser

#: The exclusion marker: an HTML comment ``<!-- no-card -->`` (invisible in a preview and on the site).
MARKER = re.compile(r"<!--\s*no-?cards?\s*-->", re.I)
_SPACE = re.compile(r"[ \t]+")


def segments(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) runs of inline Markdown: kind "text", "code" or "link" (text inside a link)."""
    out: list[tuple[str, str]] = []
    for token in parser().parseInline(markdown):
        in_link = 0
        for child in token.children or []:
            kind = "link" if in_link else "text"
            if child.type == "link_open":
                in_link += 1
            elif child.type == "link_close":
                in_link = max(0, in_link - 1)
            elif child.type in ("text", "text_special"):
                out.append((kind, child.content))
            elif child.type == "code_inline":
                out.append(("code", child.content))
            elif child.type in ("softbreak", "hardbreak"):
                out.append((kind, "\n"))
            elif child.type == "html_inline":
                if not child.content.startswith("<!--"):
                    out.append((kind, child.content))
            elif child.type == "image":
                out.append((kind, child.content))
    return _join(out)


def _join(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent runs of one kind merged; a line break becomes a space between ASCII, nothing in Japanese."""
    merged: list[tuple[str, str]] = []
    for kind, text in runs:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    result = []
    for kind, text in merged:
        if kind != "code":
            text = re.sub(r"(?<=[\x00-\x7f])\n(?=[\x00-\x7f])", " ", text).replace("\n", "")
            text = _SPACE.sub(" ", text)
        result.append((kind, text))
    return result


def to_text(runs: list[tuple[str, str]]) -> Text:
    """Card text of runs, stripped at both ends."""
    while runs and runs[0][0] != "code" and not runs[0][1].strip():
        runs = runs[1:]
    while runs and runs[-1][0] != "code" and not runs[-1][1].strip():
        runs = runs[:-1]
    if runs:
        if runs[0][0] != "code":
            runs = [(runs[0][0], runs[0][1].lstrip())] + runs[1:]
        if runs[-1][0] != "code":
            runs = runs[:-1] + [(runs[-1][0], runs[-1][1].rstrip())]
    plain = "".join(text for _, text in runs)
    markup = "".join(
        f"<code>{html.escape(text)}</code>" if kind == "code" else html.escape(text) for kind, text in runs
    )
    return Text(plain, markup)


def inline_text(markdown: str) -> Text:
    return to_text(segments(markdown))


def only_link(runs: list[tuple[str, str]]) -> bool:
    """Whether the text is links and nothing else (a bare URL counts: the reader's linkify makes it one)."""
    kinds = {kind for kind, text in runs if text.strip()}
    return kinds == {"link"}


def has_marker(markdown: str) -> bool:
    """Whether inline Markdown holds the ``<!-- no-card -->`` marker (as HTML, not inside a code span)."""
    if not MARKER.search(markdown):
        return False
    return any(
        child.type == "html_inline" and MARKER.fullmatch(child.content.strip())
        for token in parser().parseInline(markdown)
        for child in token.children or []
    )
