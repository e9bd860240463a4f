"""A note as its CommonMark preview reads it, rewritten in Python-Markdown's dialect; text in, text out.

The block structure comes from :mod:`studysite.notes.blocks` (markdown-it-py). Each line is then written
again with Python-Markdown's indentation: every list level is 4 columns (CommonMark nests at the item's
content column: 2 spaces under ``*``, 3 under ``1.``, a tab…), ``1)`` markers become ``1.``, lazy lines
are indented into their item, fences and indented code inside items move with them (code bytes, tabs
included, as CommonMark reads them), a fence left open is closed where CommonMark ends it, and a blank line
is put between two blocks that CommonMark tells apart without one (a list glued to a paragraph, a bullet
right after a fence) unless they sit in one tight list item, where Python-Markdown reads them right and a
blank line would loosen the list. Lines inside paragraphs that Python-Markdown alone would read as block
syntax (``#tag``, ``2. `` continuing a sentence) are escaped, a trailing ``\\`` line break becomes two
spaces, and bare URLs become links (:mod:`studysite.notes.autolink`).

The result keeps, for each of its lines, the note's line it came from: messages of later passes point into
the file as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studysite.notes.autolink import autolink
from studysite.notes.blocks import OPAQUE, Block, read, walk
from studysite.notes.problem import Problem

TAB = 4
_ORDERED = re.compile(r"(\d{1,9})([.)])")
#: Paragraph text that Python-Markdown, unlike CommonMark, would read as a heading or a list item.
_PM_BLOCK = re.compile(r"#|\d{1,9}[.)](?:[ \t]|$)|[*+-](?:[ \t]|$)")


@dataclass
class Translation:
    text: str
    source_line: list[int]  # for each line of ``text``: the 0-based line of the note it comes from
    problems: list[Problem] = field(default_factory=list)  # 1-based lines of the note

    def line_of(self, line: int) -> int:
        """The note's 1-based line for 1-based ``line`` of the translated text."""
        if not self.source_line:
            return line
        return self.source_line[min(max(line, 1), len(self.source_line)) - 1] + 1


class _Cursor:
    """What is left of one line as containers take their columns (tabs stop every 4 columns)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.col = 0

    def spaces(self) -> int:
        col = self.col
        for ch in self.text:
            if ch == " ":
                col += 1
            elif ch == "\t":
                col += TAB - col % TAB
            else:
                break
        return col - self.col

    def take(self, width: int) -> None:
        """Remove ``width`` columns of leading whitespace (a tab only partly taken leaves spaces)."""
        target = self.col + width
        i = 0
        while self.col < target and i < len(self.text) and self.text[i] in " \t":
            step = 1 if self.text[i] == " " else TAB - self.col % TAB
            if self.col + step > target:  # part of a tab: the rest of it stays, as spaces
                self.text = " " * (self.col + step - target) + self.text[i + 1 :]
                self.col = target
                return
            self.col += step
            i += 1
        self.text = self.text[i:]

    def take_all(self) -> None:
        self.take(self.spaces())

    def blank(self) -> bool:
        return not self.text.strip()


def translate(markdown: str) -> Translation:
    """``markdown`` (a note's text after its front matter) in Python-Markdown's dialect; see module doc."""
    lines = markdown.split("\n")
    root = read(markdown)
    chain: list[list[Block]] = [[] for _ in lines]
    leaf: list[Block | None] = [None] * len(lines)
    starts: dict[int, list[Block]] = {}
    for block in walk(root):
        if block.kind == "document" or any(b.kind in OPAQUE for b in _ancestors(block)):
            continue  # (a definition list or footnote is kept as written, with what is inside it)
        starts.setdefault(block.start, []).append(block)
        span = range(block.start, min(block.end, len(lines)))
        if block.kind in ("list", "item", "quote", "admonition"):
            for i in span:
                chain[i] = [*_ancestors(block), block]
        else:
            for i in span:
                leaf[i] = block
    out: list[str] = []
    where: list[int] = []
    problems: list[Problem] = []
    offsets: dict[int, int] = {}  # id(item) → columns from its container's content to its own
    fence_indent: dict[int, int] = {}
    for i, line in enumerate(lines):
        cursor = _Cursor(line.removesuffix("\r"))
        own = leaf[i]
        containers = chain[i] if own is None else _ancestors(own)
        pieces, quotes, lazy, opener = _containers(cursor, containers, i, offsets)
        if i in starts and i and lines[i - 1].strip() and _needs_blank(starts[i], i):
            out.append(_quote_prefix(quotes, _outermost(starts[i])))
            where.append(i)
        prefix = "".join(pieces)
        if opener is not None:  # an admonition's own line
            out.append(prefix + opener)
        elif own is None or (cursor.blank() and own.kind not in ("fence", "code")):
            out.append(prefix + cursor.text if not cursor.blank() else "".join(quotes).rstrip())
        else:
            for text in _leaf_lines(own, cursor, i, lines, lazy, fence_indent, problems):
                out.append((prefix + text) if text.strip() else "".join(quotes).rstrip())
                where.append(i)
            continue
        where.append(i)
    return Translation("\n".join(out), where, problems)


def _ancestors(block: Block) -> list[Block]:
    found = []
    parent = block.parent
    while parent is not None and parent.kind != "document":
        found.append(parent)
        parent = parent.parent
    return found[::-1]


def _containers(
    cursor: _Cursor, containers: list[Block], i: int, offsets: dict[int, int]
) -> tuple[list[str], list[str], bool, str | None]:
    """Take each container's columns off ``cursor``: the pieces of the new prefix, the quote markers among
    them, whether the line is lazy (less indented than its container), and an admonition line's text."""
    pieces: list[str] = []
    quotes: list[str] = []
    lazy = False
    for block in containers:
        if block.kind == "quote":
            if not lazy and cursor.spaces() < TAB and cursor.text.lstrip(" \t").startswith(">"):
                cursor.take(cursor.spaces())
                cursor.text, cursor.col = cursor.text[1:], cursor.col + 1
                if cursor.text[:1] in (" ", "\t"):
                    cursor.take(1)
            else:
                lazy = True
            pieces.append("> ")
            quotes.append("> ")
        elif block.kind == "item":
            if i == block.start and not lazy:
                pieces.append(_marker(cursor, block, offsets))
            else:
                width = offsets.get(id(block), 2)
                if lazy or cursor.spaces() < width:
                    lazy = lazy or not cursor.blank()
                    cursor.take_all()
                else:
                    cursor.take(width)
                pieces.append(" " * TAB)
                quotes.append("")
        elif block.kind == "admonition":
            if i == block.start:
                cursor.take_all()
                return pieces, quotes, lazy, cursor.text
            if lazy or cursor.spaces() < TAB:
                lazy = lazy or not cursor.blank()
                cursor.take_all()
            else:
                cursor.take(TAB)
            pieces.append(" " * TAB)
            quotes.append("")
    return pieces, quotes, lazy, None


def _marker(cursor: _Cursor, item: Block, offsets: dict[int, int]) -> str:
    """Take a list item's marker off its first line; its Python-Markdown marker, with the space after."""
    start = cursor.col
    cursor.take(cursor.spaces())
    text = cursor.text
    ordered = _ORDERED.match(text)
    marker = ordered.group(0) if ordered else text[:1]
    cursor.text, cursor.col = text[len(marker) :], cursor.col + len(marker)
    gap = cursor.spaces()
    if cursor.blank():
        offsets[id(item)] = cursor.col - start + 1
        cursor.take_all()
    elif gap > TAB:  # the item starts with indented code: one space belongs to the marker
        offsets[id(item)] = cursor.col - start + 1
        cursor.take(1)
    else:
        offsets[id(item)] = cursor.col - start + gap
        cursor.take(gap)
    return (f"{ordered.group(1)}. " if ordered else f"{marker} ").ljust(2)


def _needs_blank(starting: list[Block], i: int) -> bool:
    """Whether a blank line must come before line ``i``, where ``starting`` blocks begin, glued to the
    block above: always, except between items of a tight list and inside a tight list's item."""
    block = _outermost(starting)
    parent = block.parent
    if parent is None:
        return False
    siblings = parent.children
    index = siblings.index(block)
    if index == 0 or siblings[index - 1].end != block.start:
        return False
    if parent.kind == "list":
        return not parent.tight
    if parent.kind == "item" and parent.parent is not None and parent.parent.tight:
        return False
    return True


def _outermost(starting: list[Block]) -> Block:
    return min(starting, key=lambda block: len(_ancestors(block)))


def _quote_prefix(quotes: list[str], block: Block) -> str:
    depth = sum(1 for b in _ancestors(block) if b.kind == "quote")
    return ">" * depth if depth else ""


def _leaf_lines(
    block: Block,
    cursor: _Cursor,
    i: int,
    lines: list[str],
    lazy: bool,
    fence_indent: dict[int, int],
    problems: list[Problem],
) -> list[str]:
    """The new text of line ``i`` (inside ``block``, containers taken off); several lines when a line is
    added (a fence's missing end), none when a line merges into another (a setext heading's lines)."""
    kind = block.kind
    if kind == "fence":
        if i == block.start:
            fence_indent[id(block)] = cursor.spaces()
            cursor.take_all()
            opener = cursor.text
            char = opener[0]
            block.markup = opener[: len(opener) - len(opener.lstrip(char))]
            if not block.closed and block.end - 1 == i:
                return [opener, block.markup]
            return [opener]
        body = block.content.split("\n")
        k = i - block.start - 1
        if block.closed and i == block.end - 1:
            return [block.markup]
        text = body[k] if k < len(body) else ""
        if not block.closed and i == block.end - 1:
            problems.append(
                Problem(
                    block.start + 1,
                    "this code fence is never closed, so it runs to the end of its block: end it with a line "
                    f"of {block.markup}",
                )
            )
            return [text, block.markup]
        return [text]
    if kind == "code":
        body = block.content.split("\n")
        k = i - block.start
        return [("    " + body[k]) if k < len(body) and body[k].strip() else ""]
    if kind == "heading" and block.markup in ("=", "-"):  # setext: one ATX line, as Python-Markdown reads it
        return ["#" * block.level + " " + " ".join(block.inline.split("\n"))] if i == block.start else []
    if kind in OPAQUE or kind == "html":
        return [cursor.text]
    cursor.take_all()
    text = cursor.text
    if kind == "paragraph":
        if _PM_BLOCK.match(text):
            text = _escape_block_start(text)
        if i < block.end - 1 and _hard_break(text):
            text = text[:-1].rstrip(" ") + "  "
        return [autolink(text)]
    if kind in ("heading", "table"):
        return [autolink(text)]
    return [text]


def _escape_block_start(text: str) -> str:
    """``#tag`` → ``\\#tag``, ``2. 続き`` → ``2\\. 続き``, ``- `` → ``\\- ``: text, not a heading or item."""
    ordered = _ORDERED.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{text[len(ordered.group(1)) :]}"
    return "\\" + text


def _hard_break(text: str) -> bool:
    """A line ending in an odd number of backslashes: CommonMark's hard line break."""
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1
