"""A note as its CommonMark preview reads it, rewritten in Python-Markdown's dialect; text in, text out.

The block structure comes from :mod:`studysite.notes.blocks` (markdown-it-py). Each line is then written
again for Python-Markdown:

- every list level is 4 columns (CommonMark nests at the item's content column: 2 spaces under ``*``, 3
  under ``1.``, a tab…), ``1)`` markers become ``1.``, lazy lines are indented into their item;
- code moves with its item, byte for byte as CommonMark reads it; indented code becomes a fence (Python-
  Markdown would take it into a list above it), a fence left open is closed where CommonMark ends it, an
  info string superfences would refuse keeps its language only, and a tab inside code is kept through
  Python-Markdown (which expands tabs) as :data:`CODE_TAB`, made a tab again by :func:`restore_tabs`;
- a blank line goes between two blocks that CommonMark tells apart without one (a list glued to a
  paragraph, a bullet right after a fence), except where Python-Markdown reads them right inside a tight
  list item (a blank line would loosen the list); two lists side by side are kept apart by an HTML comment;
- an item whose first line holds no paragraph (a fence, code, nothing) gets an empty ``<!-- -->`` there;
- text inside paragraphs that Python-Markdown alone would read as block syntax (``#tag``, ``2. `` going on
  with a sentence) is escaped, a trailing ``\\`` line break becomes two spaces, and bare URLs become
  links (:mod:`studysite.notes.autolink`).

The result keeps, for each of its lines, the note's line it came from: messages of later passes point into
the file as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from studysite.infra.problem import Problem
from studysite.notes.autolink import autolink
from studysite.notes.blocks import OPAQUE, Block, code_body, read, walk

TAB = 4
#: Stands for a tab inside code until the page is rendered (a Unicode noncharacter: never in text).
CODE_TAB = "\ufdd0"
EMPTY = "<!-- -->"  # what an item's first line holds when its content starts below it
_ORDERED = re.compile(r"(\d{1,9})([.)])")
#: Paragraph text that Python-Markdown, unlike CommonMark, would read as a heading or a list item.
_PM_BLOCK = re.compile(r"#|>|\d+[.)](?:[ \t]|$)|[*+-](?:[ \t]|$)|!!!|\?\?\?")
#: A paragraph line superfences would take for a fence (in CommonMark, text: a code span's backticks…).
_FENCE_LIKE = re.compile(r"`{3,}|~{3,}")
#: A paragraph line Python-Markdown would take for a setext underline or a rule (CommonMark: text, when it
#: was indented 4 columns, so it could not be either).
_RULE_LIKE = re.compile(r"(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*")
#: What superfences accepts after a fence's language: {attrs} and key=value options.
_OPTIONS = re.compile(r"(?:\s*(?:\{[^{}]*\}|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s\"']+)))+\s*")
_LANGUAGE = re.compile(r"[\w#+.-]+")
#: An HTML block's opening tag of an element that may hold Markdown (md_in_html's block elements).
_OPENS = re.compile(r"[ ]{0,3}<(details|div|section|article|aside|figure|blockquote)(?=[\s>])[^>]*>", re.I)
#: Blocks Python-Markdown reads right when glued together inside a tight list item.
_GLUE_IN_ITEM = {("paragraph", "list"), ("paragraph", "fence"), ("fence", "paragraph"), ("fence", "list")}


@dataclass
class Translation:
    text: str
    source_line: list[int]  # for each line of ``text``: the 0-based line of the note it comes from
    problems: list[Problem] = field(default_factory=list)  # 1-based lines of the note
    indented_code: set[int] = field(default_factory=set)  # 0-based lines of ``text``: fences made of it

    def line_of(self, line: int) -> int:
        """The note's 1-based line for 1-based ``line`` of the translated text."""
        if not self.source_line:
            return line
        return self.source_line[min(max(line, 1), len(self.source_line)) - 1] + 1


def restore_tabs(html: str) -> str:
    """The rendered page with the tabs of its code back (see :data:`CODE_TAB`)."""
    return html.replace(CODE_TAB, "\t") if CODE_TAB in html else html


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


@dataclass
class _Piece:
    block: Block  # the container
    first: str  # its part of the line's new prefix (a list marker on an item's first line)
    rest: str  # its part on the lines after (4 spaces, "> ")


class _Join(str):
    """Text that goes at the end of the line written before it (see _FENCE_LIKE)."""


class _Opener(str):
    """The opening line of a fence made from indented code (see Translation.indented_code)."""


class _State:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.where: list[int] = []
        self.problems: list[Problem] = []
        self.offsets: dict[int, int] = {}  # id(item) → columns from its container's content to its own
        self.markers: dict[int, str] = {}  # id(fence) → its marker
        self.indented_code: set[int] = set()
        self.first: dict[int, int] = {}  # note line → index of the first line written for it
        #: id(paragraph) → (line → columns of lone backticks, lines that begin inside a code span)
        self.lone: dict[int, tuple[dict[int, list[int]], set[int]]] = {}

    def emit(self, text: str, source: int, separation: bool = False) -> None:
        if not separation:
            self.first.setdefault(source, len(self.out))
        self.out.append(text)
        self.where.append(source)


def translate(markdown: str) -> Translation:
    """``markdown`` (a note's text after its front matter) in Python-Markdown's dialect; see module doc."""
    markdown = markdown.replace(CODE_TAB, "\ufffd")
    if "\r" in markdown:  # line ends as CommonMark reads them: CRLF, LF or a lone CR
        markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
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
            inside = [*block.ancestors, block]
            for i in span:
                chain[i] = inside
        else:
            for i in span:
                leaf[i] = block
    state = _State()
    for i, line in enumerate(lines):
        cursor = _Cursor(line.removesuffix("\r"))
        own = leaf[i]
        pieces, opener = _containers(cursor, chain[i] if own is None else _ancestors(own), i, state.offsets)
        if i in starts and i:
            block = min(starts[i], key=lambda b: len(_ancestors(b)))
            for extra in _separation(block, state, glued=bool(lines[i - 1].strip())):
                state.emit(_prefix(pieces, block, blank=not extra) + extra, i, separation=True)
        prefix = "".join(p.first for p in pieces)
        if opener is not None:  # an admonition's own line
            state.emit(prefix + opener, i)
            continue
        if any(p.block.kind == "item" and p.block.start == i for p in pieces) and (
            cursor.blank() or own is None or own.kind not in ("paragraph", "heading")
        ):
            state.emit(prefix + EMPTY, i)  # the item's content starts below its marker
            prefix = "".join(p.rest for p in pieces)
            if cursor.blank():
                continue
        if own is None or (cursor.blank() and own.kind not in ("fence", "code")):
            state.emit(prefix + cursor.text if not cursor.blank() else _blank(pieces), i)
            continue
        for text in _leaf_lines(own, cursor, i, state):
            if isinstance(text, _Join) and state.out:
                state.out[-1] += " " + text
                continue
            state.emit((prefix + text) if text.strip() else _blank(pieces), i)
            if isinstance(text, _Opener):
                state.indented_code.add(len(state.out) - 1)
    return Translation("\n".join(state.out), state.where, state.problems, state.indented_code)


def _ancestors(block: Block) -> list[Block]:
    return block.ancestors


def _containers(
    cursor: _Cursor, containers: list[Block], i: int, offsets: dict[int, int]
) -> tuple[list[_Piece], str | None]:
    """Take each container's columns off ``cursor`` (all the whitespace of a lazy line, less indented than
    its container): the pieces of the new prefix, and an admonition line's own text."""
    pieces: list[_Piece] = []
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
            pieces.append(_Piece(block, "> ", "> "))
        elif block.kind == "item":
            if i == block.start and not lazy:
                pieces.append(_Piece(block, _marker(cursor, block, offsets), " " * TAB))
                continue
            lazy = _take_content(cursor, offsets.get(id(block), 2), lazy)
            pieces.append(_Piece(block, " " * TAB, " " * TAB))
        elif block.kind == "admonition":
            if i == block.start:
                cursor.take_all()
                return pieces, cursor.text
            lazy = _take_content(cursor, TAB, lazy)
            pieces.append(_Piece(block, " " * TAB, " " * TAB))
    return pieces, None


def _take_content(cursor: _Cursor, width: int, lazy: bool) -> bool:
    """Take a container's ``width`` columns off a line inside it; a line indented less (or inside a lazy
    line already) loses all its indentation and is lazy. Returns whether the line is lazy."""
    if lazy or cursor.spaces() < width:
        cursor.take_all()
        return lazy or not cursor.blank()
    cursor.take(width)
    return False


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
    return f"{ordered.group(1)}. " if ordered else f"{marker} "


def _blank(pieces: list[_Piece]) -> str:
    """A blank line at this depth: the prefix up to the innermost quote marker, if any."""
    quotes = [k for k, p in enumerate(pieces) if p.block.kind == "quote"]
    return "".join(p.rest for p in pieces[: quotes[-1] + 1]).rstrip() if quotes else ""


def _prefix(pieces: list[_Piece], block: Block, blank: bool) -> str:
    """The prefix of a line put before ``block``: its containers' continuation."""
    outer = {id(b) for b in _ancestors(block)}
    kept = [p for p in pieces if id(p.block) in outer]
    return _blank(kept) if blank else "".join(p.rest for p in kept)


def _separation(block: Block, state: _State, glued: bool) -> list[str]:
    """Lines to put before ``block``: between two lists side by side (a new bullet character or list type,
    which CommonMark reads as a new list and Python-Markdown would join to the one above) an HTML comment;
    else, when it is glued to the block above, a blank line or (where Python-Markdown reads them right)
    nothing."""
    parent = block.parent
    if parent is None:
        return []
    siblings = parent.children
    index = siblings.index(block)
    above = siblings[index - 1] if index else None
    if above is not None and above.kind == "list" and block.kind == "list":
        return ["", EMPTY, ""] if glued else [EMPTY, ""]
    if above is None or not glued or above.end != block.start:
        return []
    if parent.kind == "list":  # an item below an item: glued is fine unless a blank line opened a block
        first = state.first.get(above.start, len(state.out))
        blank_inside = any(not line.strip(" >") for line in state.out[first:])
        return [""] if not parent.tight or blank_inside else []
    in_tight_item = parent.kind == "item" and parent.parent is not None and parent.parent.tight
    if in_tight_item and (_kind(above), _kind(block)) in _GLUE_IN_ITEM:
        return []
    return [""]


def _kind(block: Block) -> str:
    return "fence" if block.kind == "code" else block.kind


def _leaf_lines(block: Block, cursor: _Cursor, i: int, state: _State) -> list[str]:
    """The new text of line ``i`` (inside ``block``, containers taken off); several lines when a line is
    added (a fence's ends), none when a line merges into another (a setext heading's lines)."""
    kind = block.kind
    if kind in ("fence", "code"):
        return _code_lines(block, cursor, i, state)
    if kind == "heading" and block.markup in ("=", "-"):  # setext: one ATX line, as Python-Markdown reads it
        return ["#" * block.level + " " + " ".join(block.inline.split("\n"))] if i == block.start else []
    if kind == "html" and i == block.start:
        return [_markdown_inside(cursor.text, block.content)]
    if kind == "html" and _reads_markdown(block.content):
        # text of the HTML block, not a fence, list or heading md_in_html would open
        if _FENCE_LIKE.match(cursor.text):  # (Python-Markdown has no backslash escape for ~: an entity)
            return [f"&#{ord(cursor.text[0])};{cursor.text[1:]}"]
        if _PM_BLOCK.match(cursor.text):
            return [_escape_block_start(cursor.text)]
    if kind in OPAQUE or kind == "html":
        return [cursor.text]
    cursor.take_all()
    text = cursor.text
    if kind == "paragraph":
        text = _escape_lone_backticks(block, i, text, state)
        in_code = "`" in block.inline and (i - block.start) in state.lone[id(block)][1]
        if i > block.start and (in_code or _FENCE_LIKE.match(text) or _RULE_LIKE.fullmatch(text)):
            return [_Join(autolink(text))]  # on the line above: a soft break reads as a space either way
        if _PM_BLOCK.match(text):
            text = _escape_block_start(text)
        if i < block.end - 1 and _hard_break(text):
            text = text[:-1].rstrip(" ") + "  "
        return [autolink(text)]
    if kind == "table":  # every row with outer pipes: Python-Markdown counts cells from the header's style
        text = text if text.startswith("|") else "| " + text
        text = text if text.endswith("|") and not text.endswith("\\|") else text + " |"
        return [autolink(text)]
    if kind == "heading":
        return [autolink(text)]
    if kind == "hr":
        return ["***"]  # (Python-Markdown's rule takes no tabs: "*\t*\t*")
    return [text]


def _code_lines(block: Block, cursor: _Cursor, i: int, state: _State) -> list[str]:
    """A line of a fence or of indented code (which becomes a fence), code as CommonMark reads it."""
    body = code_body(block.content)
    if not block.info.startswith("mermaid"):
        body = [line.replace("\t", CODE_TAB) for line in body]
    out: list[str] = []
    if block.kind == "code":
        marker = "`" * max(3, 1 + max((len(line) - len(line.lstrip("`")) for line in body), default=0))
        k = i - block.start
        if k == 0:
            out.append(_Opener(marker))
        out.append(body[k] if k < len(body) else "")
        if i == block.end - 1:
            out.append(marker)
        return out
    if i == block.start:
        cursor.take_all()
        opener = cursor.text
        marker = opener[: len(opener) - len(opener.lstrip(opener[0]))]
        state.markers[id(block)] = marker
        out.append(marker + _fence_info(block.info))
    else:
        marker = state.markers[id(block)]
        if block.closed and i == block.end - 1:
            return [marker]
        k = i - block.start - 1
        out.append(body[k] if k < len(body) else "")
    if not block.closed and i == block.end - 1:
        state.problems.append(
            Problem(
                block.start + 1,
                "this code fence is never closed, so it runs to the end of its block: end it with a line "
                f"of {marker}",
            )
        )
        out.append(marker)
    return out


def _fence_info(info: str) -> str:
    """A fence's info string as superfences takes it: {attrs}, or a language with options; anything else
    after the language is left out (CommonMark only reads the language)."""
    if not info or info.startswith("{"):
        return info
    language, _, rest = info.partition(" ")
    if not _LANGUAGE.fullmatch(language):
        return ""
    rest = rest.strip()
    return f"{language} {rest}" if rest and _OPTIONS.fullmatch(rest) else language


def _escape_lone_backticks(block: Block, i: int, text: str, state: _State) -> str:
    """``text`` (line ``i`` of a paragraph) with the backticks that open no code span in CommonMark
    escaped: Python-Markdown would try a shorter run of them and could close a span CommonMark never
    opened (``a ``` `<b>` `` shows the code span `<b>` in the preview)."""
    if "`" not in block.inline:
        return text
    if id(block) not in state.lone:
        state.lone[id(block)] = _lone_backticks(block.inline)
    columns = state.lone[id(block)][0].get(i - block.start)
    lines = block.inline.split("\n")
    k = i - block.start
    if not columns or k >= len(lines) or lines[k].lstrip(" \t") != text:
        return text
    shift = len(lines[k]) - len(text)  # markdown-it keeps a lazy line's indentation
    out, done = [], 0
    for col in (c - shift for c in columns):
        out += [text[done:col], "\\`"]
        done = col + 1
    return "".join(out) + text[done:]


def _lone_backticks(inline: str) -> tuple[dict[int, list[int]], set[int]]:
    """Line → columns of the backticks in runs that CommonMark leaves as text (a run opens a code span
    only when a later run of exactly its length closes it; backslash escapes count outside spans), and
    the lines that begin inside a code span."""
    runs = []  # (start, length) of each backtick run that is not escaped
    i = 0
    while i < len(inline):
        if inline[i] == "\\":
            i += 2
            continue
        if inline[i] == "`":
            j = i
            while j < len(inline) and inline[j] == "`":
                j += 1
            runs.append((i, j - i))
            i = j
            continue
        i += 1
    by_length: dict[int, list[int]] = {}
    for index, (_, n) in enumerate(runs):
        by_length.setdefault(n, []).append(index)
    lone: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, n = runs[index]
        later = [k for k in by_length[n][bisect_right(by_length[n], index) :][:1]]
        if later:
            spans.append((start, runs[later[0]][0]))
            index = later[0] + 1  # a code span: what is inside is code, not runs
            continue
        lone.append((start, n))
        index += 1
    found: dict[int, list[int]] = {}
    starts = [0]
    for line in inline.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for start, n in lone:
        k = bisect_right(starts, start) - 1
        found.setdefault(k, []).extend(range(start - starts[k], start - starts[k] + n))
    inside: set[int] = set()
    j = 0
    for k, at in enumerate(starts):  # (spans come in order and do not overlap)
        while j < len(spans) and spans[j][1] < at:
            j += 1
        if j < len(spans) and spans[j][0] < at <= spans[j][1]:
            inside.add(k)
    return found, inside


def _markdown_inside(line: str, html: str) -> str:
    """An HTML block opening an element it does not close (GitHub's ``<details>`` idiom: the Markdown
    below, after a blank line, is Markdown in CommonMark) gets md_in_html's ``markdown`` attribute, so
    Python-Markdown reads that Markdown too instead of taking it all for raw HTML."""
    opened = _OPENS.match(line)
    if not opened or f"</{opened.group(1).lower()}" in html.lower() or "markdown" in opened.group(0):
        return line
    return line[: opened.end(1)] + " markdown" + line[opened.end(1) :]


def _reads_markdown(html: str) -> bool:
    """Whether md_in_html reads the lines of this HTML block as Markdown (its element has, or is given,
    the ``markdown`` attribute); in CommonMark they are the block's raw text."""
    first = html.split("\n", 1)[0]
    opened = _OPENS.match(_markdown_inside(first, html))
    return bool(opened and "markdown" in opened.group(0))


def _escape_block_start(text: str) -> str:
    """``#tag`` → ``\\#tag``, ``2. 続き`` → ``2\\. 続き``, ``- `` → ``\\- ``: text, not a heading, item,
    quote or admonition."""
    digits = re.match(r"\d+", text)
    if digits:
        return f"{digits.group(0)}\\{text[digits.end() :]}"
    return "\\" + text


def _hard_break(text: str) -> bool:
    """A line ending in an odd number of backslashes: CommonMark's hard line break."""
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1
