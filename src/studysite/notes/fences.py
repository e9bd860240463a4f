"""Find the fenced code blocks of a Markdown page, and rewrite chosen ones; pure text in, text out.

Fences are found the way ``pymdownx.superfences`` finds them: an opener of 3+ backticks or tildes at any
indentation, content lines indented at least as far as the opener (else the fence is abandoned), and a
closer of exactly the same marker at exactly the opener's indentation. Fences inside other fences, in
a block that begins as 4-space indented code (superfences puts those back as text, up to the next blank
line) and inside block quotes are not reported. Lists, admonitions/details, footnotes and definitions
are followed just far enough to tell their content from indented code and to know the block level of
each fence, with Python-Markdown's rules: 4-column indentation, lists start blocks and take "lazy"
lines, headings and rules end blocks.

Lines are split on "\\n" only; every line outside a rewritten fence is kept byte for byte.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import replace as replace_field

from studysite.diagrams.escape import ONE_LINE

TAB_LENGTH = 4  # Python-Markdown's


@dataclass(frozen=True)
class Fence:
    start: int  # index of the opening line (0-based)
    end: int  # index of the closing line
    indent: int  # columns of indentation of the opener
    base: int  # indentation of the block the fence is in: 0, or its list item's / admonition's content
    marker: str  # the fence itself: "```", "~~~~"…
    info: str  # what follows the marker, stripped
    body: tuple[str, ...]  # content lines, without the fence's indentation and without "\r"
    #: the line right below goes on with the paragraph around the fence, so a blank line inserted there
    #: would change how it reads: indented like code, a lazy list line, or a list marker (not an item here)
    lazy_after: bool = False


#: Replacement lines (unindented, no line ends) for a fence, or None to keep it; gets all the page's lines.
Replace = Callable[[Fence, Sequence[str]], "list[str] | None"]


def scan_fences(lines: Sequence[str]) -> Iterator[Fence]:
    """The fences of a page given as lines (as from ``text.split("\\n")``), top to bottom."""
    containers: list[tuple[int, bool]] = []  # open list items, admonitions…: (content indent, is a list item)
    block_start = True  # after a blank line: where an indented code block or a list may start
    list_block = False  # the current block began with a list item, so further items may follow
    pushed: tuple[int, bool] | None = None  # the container the previous line opened
    item_ahead = [False] * (len(lines) + 1)  # a list item line follows before the next blank line
    for k in range(len(lines) - 1, -1, -1):
        stripped = lines[k].lstrip(" \t")
        item_ahead[k] = bool(stripped.strip()) and (item_ahead[k + 1] or _is_item(stripped))
    code = -1  # while >= 0: inside an indented code block indented this far
    reverted = False  # in a block that began as indented code: superfences puts its fences back as text
    i = 0
    while i < len(lines):
        line = lines[i].removesuffix("\r")
        if not line.strip():
            block_start, reverted, i = True, False, i + 1
            continue
        indent, stripped = _indent_of(line), line.lstrip(" \t")
        if code >= 0:
            if indent >= code:
                reverted, block_start, i = reverted or block_start, False, i + 1  # each block of code
                continue
            code, block_start = -1, True
        # a less indented line ends a container; a list item also takes "lazy" lines until a blank line
        while containers and indent < containers[-1][0] and (block_start or not containers[-1][1]):
            _, is_list = containers.pop()
            block_start = block_start or not is_list  # what follows an admonition is a new block
        base = containers[-1][0] if containers else 0
        marker = _container_marker(stripped)
        is_list_item = _is_item(stripped)
        if block_start:
            if indent >= base + TAB_LENGTH:
                code, block_start, reverted, i = base + TAB_LENGTH, False, True, i + 1
                continue
            block_start, list_block = False, is_list_item
            if _splits_block(stripped, indent - base, at_start=True):
                block_start, pushed, i = True, None, i + 1
                continue
        else:
            split = _splits_block(stripped, indent - base, at_start=False)
            if split:  # a heading or rule ends the block here (a list item above an underline is a heading)
                if split == "setext" and pushed and pushed[1] and containers and containers[-1] is pushed:
                    containers.pop()
                while containers and indent < containers[-1][0]:
                    containers.pop()
                block_start, pushed, i = True, None, i + 1
                continue
        pushed = None
        opener = None if reverted else _opener(line)  # (put back as text, a fence's lines are Markdown)
        if opener is not None:
            fence, i = _read_fence(lines, i, base, *opener)
            if fence is not None:
                after = lines[i].removesuffix("\r") if i < len(lines) else ""
                # a blank line after the fence would also start a new block with ``after``: list items
                # further down that block would then be plain text
                new_block_differs = list_block and not _is_item(after.lstrip(" \t")) and item_ahead[i]
                lazy = _lazy(after, containers, list_block) or (bool(after.strip()) and new_block_differs)
                yield replace_field(fence, lazy_after=lazy)
            continue
        if marker is not None and (list_block or not is_list_item):  # a list starts only a block
            while containers and indent < containers[-1][0]:
                containers.pop()
            pushed = ((indent // TAB_LENGTH + 1) * TAB_LENGTH, is_list_item)
            containers.append(pushed)
        i += 1


def rewrite_fences(text: str, replace: Replace, fences: Sequence[Fence] | None = None) -> str:
    """Text with each fence for which ``replace`` returns lines swapped for them, indented to the fence's
    block level (``base``): block constructs such as admonitions are only recognised there. ``fences``:
    the result of :func:`scan_fences` on the same text, when the caller has it already."""
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    for fence in scan_fences(lines) if fences is None else fences:
        new = replace(fence, lines)
        if new is None:
            continue
        cr = "\r" if lines[fence.start].endswith("\r") else ""
        out += lines[done : fence.start]
        out += [(" " * fence.base + line if line.strip() else "") + cr for line in new]
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


#: ASCII punctuation → numeric entity, and the text kept on one line (see diagrams.escape.ONE_LINE).
_ESCAPES = {**ONE_LINE, **{ord(ch): f"&#{ord(ch)};" for ch in string.punctuation}}


def escape_markdown(text: str) -> str:
    """Plain text as one line of inline Markdown that shows verbatim: ASCII punctuation as numeric
    HTML entities, control characters as U+FFFD and line/paragraph separators as spaces."""
    return text.translate(_ESCAPES)


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


def unclosed_fence(lines: Sequence[str]) -> int | None:
    """The 0-based line of a code fence that nothing closes, if any: Python-Markdown then reads it, and
    everything after it, as ordinary text (a ``` shown in a paragraph). A fence is closed by a line of
    exactly its marker, as superfences reads it (indentation is not checked: when in doubt, no warning)."""
    open_at, marker = -1, ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if open_at < 0:
            found = _opener(line)
            if found:
                open_at, marker = i, found[1]
        elif stripped == marker:
            open_at = -1
    return open_at if open_at >= 0 else None


def _opener(line: str) -> tuple[int, str, str] | None:
    stripped = line.lstrip(" \t")
    char = stripped[:1]
    if char not in ("`", "~"):
        return None
    marker = stripped[: len(stripped) - len(stripped.lstrip(char))]
    info = stripped[len(marker) :].strip()
    if len(marker) < 3 or (char == "`" and "`" in info):
        return None
    return _indent_of(line), marker, info


def _read_fence(
    lines: Sequence[str], start: int, base: int, indent: int, marker: str, info: str
) -> tuple[Fence | None, int]:
    """The fence opened at ``start`` and the index after it; (None, where to go on) when it is abandoned."""
    body: list[str] = []
    for j in range(start + 1, len(lines)):
        content = _dedent(lines[j].removesuffix("\r"), indent)
        if content is None:
            return None, j + 1  # like superfences: the offending line is not looked at again
        if content.startswith(marker) and not content[len(marker) :].strip(" \t"):
            return Fence(start, j, indent, base, marker, info, tuple(body)), j + 1
        body.append(content)
    return None, len(lines)  # never closed: not a fence


def _splits_block(stripped: str, indent: int, at_start: bool) -> str | None:
    """ "setext" (an underline), "hr" (a thematic break) or "atx" (a heading) when Python-Markdown ends the
    current block after this line; ``indent`` is relative to the enclosing container."""
    text = stripped.rstrip()
    if not at_start and indent == 0 and text and (not text.strip("-") or not text.strip("=")):
        return "setext"
    squeezed = text.replace(" ", "")
    if indent < TAB_LENGTH and len(squeezed) >= 3 and squeezed[0] in "-*_":
        return None if squeezed.strip(squeezed[0]) else "hr"
    return "atx" if indent == 0 and text.startswith("#") else None


def _lazy(line: str, containers: Sequence[tuple[int, bool]], list_block: bool) -> bool:
    """Whether a line right below a fence goes on with the paragraph around it (see Fence.lazy_after)."""
    indent, stripped = _indent_of(line), line.lstrip(" \t")
    if not stripped.strip():
        return False
    base = containers[-1][0] if containers else 0
    is_item = _is_item(stripped)
    left = [is_list for level, is_list in containers if indent < level]
    if left:  # a list item keeps even a heading or "!!!" line in its block; an admonition ends there
        return not (is_item and list_block and all(left)) and any(is_list for _, is_list in containers)
    return indent >= base + TAB_LENGTH or (is_item and not list_block)  # code-like, or not a list here


def _is_item(stripped: str) -> bool:
    return _container_marker(stripped) is not None and stripped[0] not in "!?[:"


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
