"""Find the fenced code blocks of a Markdown page, and rewrite chosen ones; pure text in, text out.

Fences are found the way ``pymdownx.superfences`` finds them: an opener of 3+ backticks or tildes at any
indentation, content lines indented at least as far as the opener (else the fence is abandoned), and a
closer of exactly the same marker at exactly the opener's indentation. Fences inside other fences,
inside 4-space indented code blocks (superfences puts those back as code) and inside block quotes are
not reported. Lists, admonitions/details, footnotes and definitions are followed just far enough to
tell their indented content from indented code, using Python-Markdown's 4-column indentation.

Lines are split on "\\n" only; every line outside a rewritten fence is kept byte for byte.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from studysite.layer_diagram import DiagramError, describe, looks_like_diagram, parse, to_mermaid

TAB_LENGTH = 4  # Python-Markdown's


@dataclass(frozen=True)
class Fence:
    start: int  # index of the opening line (0-based)
    end: int  # index of the closing line
    indent: int  # columns of indentation of the opener
    marker: str  # the fence itself: "```", "~~~~"…
    info: str  # what follows the marker, stripped
    body: tuple[str, ...]  # content lines, without the fence's indentation and without "\r"


#: Replacement lines (unindented, no line ends) for a fence, or None to keep it; gets all the page's lines.
Replace = Callable[[Fence, Sequence[str]], "list[str] | None"]


def scan_fences(lines: Sequence[str]) -> Iterator[Fence]:
    """The fences of a page given as lines (as from ``text.split("\\n")``), top to bottom."""
    containers: list[int] = []  # content indentation of the open list items, admonitions…
    block_start = True  # after a blank line: where an indented code block may start
    code = -1  # while >= 0: inside an indented code block indented this far
    i = 0
    while i < len(lines):
        line = lines[i].removesuffix("\r")
        if not line.strip():
            block_start, i = True, i + 1
            continue
        indent = _indent_of(line)
        if code >= 0:
            if indent >= code:
                i += 1
                continue
            code, block_start = -1, True
        if block_start:
            while containers and indent < containers[-1]:
                containers.pop()
            base = containers[-1] if containers else 0
            if indent >= base + TAB_LENGTH:
                code, block_start, i = base + TAB_LENGTH, False, i + 1
                continue
        block_start = False
        opener = _opener(line)
        if opener is not None:
            fence, i = _read_fence(lines, i, *opener)
            if fence is not None:
                yield fence
            continue
        if _container_marker(line.lstrip(" \t")) is not None:
            while containers and indent < containers[-1]:
                containers.pop()
            containers.append((indent // TAB_LENGTH + 1) * TAB_LENGTH)
        i += 1


def rewrite_fences(text: str, replace: Replace) -> str:
    """Text with each fence for which ``replace`` returns lines swapped for them, re-indented like it."""
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    for fence in scan_fences(lines):
        new = replace(fence, lines)
        if new is None:
            continue
        cr = "\r" if lines[fence.start].endswith("\r") else ""
        out += lines[done:fence.start]
        out += [(" " * fence.indent + line if line.strip() else "") + cr for line in new]
        done = fence.end + 1
    return "\n".join(out + lines[done:]) if done else text


def preceding_prose(lines: Sequence[str], index: int, limit: int = 80) -> str | None:
    """The nearest non-blank line above ``lines[index]`` when it is one short line of prose (or list item)."""
    j = index - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0:
        return None
    text = lines[j].strip()
    marker = _container_marker(text)
    if marker is not None and text[0] not in "!?[:":  # a list item: its text
        text = text[marker:].strip()
    elif marker is not None or text[0] in "#>|<`~" or text.endswith("|") or not text.strip("-*_= "):
        return None  # heading, quote, table, HTML, fence, rule, admonition…
    text = text.rstrip("\\ :：。.")
    return text if 0 < len(text) <= limit else None


def escape_markdown(text: str) -> str:
    """Plain text as one line of inline Markdown that shows verbatim: ASCII punctuation as numeric
    HTML entities, control characters as U+FFFD and line/paragraph separators as spaces."""
    return "".join(
        f"&#{ord(ch)};" if ch in string.punctuation
        else "\ufffd" if unicodedata.category(ch) == "Cc"
        else " " if unicodedata.category(ch) in ("Zl", "Zp") else ch
        for ch in text
    )


def _indent_of(line: str) -> int:
    col = 0
    for ch in line:
        if ch not in " \t":
            break
        col += 1 if ch == " " else TAB_LENGTH - col % TAB_LENGTH
    return col


def _dedent(line: str, width: int) -> str | None:
    """``line`` without ``width`` columns of indentation; None when a non-blank line has less."""
    col = i = 0
    while col < width and i < len(line) and line[i] in " \t":
        col += 1 if line[i] == " " else TAB_LENGTH - col % TAB_LENGTH
        i += 1
    if col < width and line[i:].strip():
        return None
    return " " * max(0, col - width) + line[i:]


def _opener(line: str) -> tuple[int, str, str] | None:
    stripped = line.lstrip(" \t")
    char = stripped[:1]
    if char not in ("`", "~"):
        return None
    marker = stripped[:len(stripped) - len(stripped.lstrip(char))]
    info = stripped[len(marker):].strip()
    if len(marker) < 3 or (char == "`" and "`" in info):
        return None
    return _indent_of(line), marker, info


def _read_fence(lines: Sequence[str], start: int, indent: int, marker: str, info: str) -> tuple[Fence | None, int]:
    """The fence opened at ``start`` and the index after it; (None, where to go on) when it is abandoned."""
    body: list[str] = []
    for j in range(start + 1, len(lines)):
        content = _dedent(lines[j].removesuffix("\r"), indent)
        if content is None:
            return None, j + 1  # like superfences: the offending line is not looked at again
        if content.startswith(marker) and not content[len(marker):].strip(" \t"):
            return Fence(start, j, indent, marker, info, tuple(body)), j + 1
        body.append(content)
    return None, len(lines)  # never closed: not a fence


def _container_marker(stripped: str) -> int | None:
    """Length of the marker when a line opens indented content (list item, admonition…), else None."""
    head, _, _ = stripped.partition(" ")
    if head in ("*", "-", "+", ":", "!!!", "???", "???+") or (
        head[:-1].isdigit() and head[-1:] in (".", ")") and len(head) <= 10
    ):
        return len(head) + 1 if stripped != head else None
    if head.startswith("[^") and head.endswith("]:"):
        return len(head) + 1
    return None


# The layer-diagram pass -------------------------------------------------------------------------------

TEXT_VERSION = "テキスト版"
DEFAULT_TITLE = "レイヤー図"
#: Info string of the fence that keeps the original drawing: not "" or "text", so never converted again.
SOURCE_INFO = "{.text .layer-source}"


def convert_layer_diagrams(markdown: str, on_error: Callable[[int, str], None] | None = None) -> str:
    """Each unlabeled or ``text`` fence holding a layer diagram becomes a ``mermaid`` fence followed by a
    collapsed "テキスト版" block with a one-line description and the original drawing.

    A diagram that does not parse stays as it is and ``on_error(line, message)`` is called with the
    1-based line of ``markdown`` at fault. Running the pass again changes nothing.
    """

    def replace(fence: Fence, lines: Sequence[str]) -> list[str] | None:
        source = "\n".join(fence.body)
        if fence.info.lower() not in ("", "text") or "\r" in source or not looks_like_diagram(source):
            return None  # (a lone "\r" would end a line for Python-Markdown but not for us)
        try:
            grid = parse(source)
        except DiagramError as error:
            if on_error is not None:
                on_error(fence.start + 1 + error.line, error.message)
            return None
        title = preceding_prose(lines, fence.start) or DEFAULT_TITLE
        out = [""] if fence.start and lines[fence.start - 1].strip() else []
        out += [fence.marker + "mermaid", *to_mermaid(grid).rstrip("\n").split("\n"), fence.marker, ""]
        out += [f'??? note "{TEXT_VERSION}"', "", f"    {title}。{escape_markdown(describe(grid))}", ""]
        out += [f"    {fence.marker}{SOURCE_INFO}", *(f"    {line}" for line in fence.body), f"    {fence.marker}"]
        if fence.end + 1 < len(lines) and lines[fence.end + 1].strip():
            out.append("")
        return out

    return rewrite_fences(markdown, replace)
