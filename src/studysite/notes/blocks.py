"""The block structure of a note, as a CommonMark/GFM preview reads it: the one block reader of the package.

``markdown-it-py`` (the Python port of markdown-it, the parser behind VS Code's Markdown preview) parses
the note with GFM tables and strikethrough, plus the MkDocs constructs our pages use (admonitions and
details, definition lists, footnotes). :func:`read` turns its token stream into a tree of :class:`Block`
with 0-based line ranges; every pass over a note's blocks (the translation for Python-Markdown, ※
footnotes, heading checks, layer diagrams, titles) asks this module instead of reading Markdown itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

#: Token types (without _open) and the block kinds they make.
_KINDS = {
    "paragraph": "paragraph",
    "heading": "heading",
    "fence": "fence",
    "code_block": "code",
    "html_block": "html",
    "table": "table",
    "hr": "hr",
    "bullet_list": "list",
    "ordered_list": "list",
    "list_item": "item",
    "blockquote": "quote",
    "admonition": "admonition",
    "dl": "deflist",
    "footnote_reference": "footnote",
}
#: Kinds kept line for line as written (their own extensions read them the same in both dialects).
OPAQUE = frozenset({"deflist", "footnote"})


@dataclass(eq=False)  # compared by identity: a block is a place in one document
class Block:
    kind: str  # paragraph, heading, fence, code, html, table, hr, list, item, quote, admonition, …
    start: int  # first line, 0-based
    end: int  # line after the last (trailing blank lines may be included for list items)
    markup: str = ""  # list marker ("*", "-", ".", ")"), fence marker ("```"), heading "#"/"="/"-"
    info: str = ""  # fence info string; ordered item number
    level: int = 0  # heading level
    tight: bool = True  # lists: no blank line between items or their blocks (CommonMark's "tight")
    children: list[Block] = field(default_factory=list)
    inline: str = ""  # paragraphs and headings: their inline content, as markdown-it read it
    content: str = ""  # fences and indented code: the code, container indentation removed; HTML: its text
    closed: bool = True  # fences: whether a closing fence ends it (else it runs to its container's end)
    parent: Block | None = field(default=None, repr=False)
    ancestors: list[Block] = field(default_factory=list, repr=False)  # outermost first, document left out


@cache
def parser() -> MarkdownIt:
    """CommonMark with GFM tables, strikethrough and autolinks, and the MkDocs block extensions we use."""
    md = MarkdownIt("commonmark", {"linkify": True})
    md.enable(["table", "strikethrough", "linkify"])
    return md.use(admon_plugin).use(deflist_plugin).use(footnote_plugin)


@cache
def _block_parser() -> MarkdownIt:
    """The same parser stopping after the block stage: the structure, not the inline markup."""
    md = MarkdownIt("commonmark").enable(["table"]).use(admon_plugin).use(deflist_plugin).use(footnote_plugin)
    md.core.ruler.enableOnly(["normalize", "block"])
    return md


def tokens(text: str) -> list[Token]:
    """markdown-it's block tokens of ``text`` (inline tokens hold their text unparsed; footnote definitions,
    which markdown-it keeps only when the inline stage finds a reference, are left out)."""
    return _block_parser().parse(text)


def read(text: str) -> Block:
    """The document's block tree (kind "document", covering every line of ``text``)."""
    lines = text.split("\n")
    root = Block("document", 0, len(lines))
    stack = [root]
    for token in tokens(text):
        name = token.type.removesuffix("_open")
        if token.nesting == -1:
            if token.type.removesuffix("_close") in _KINDS:
                stack.pop()
            continue
        kind = _KINDS.get(name)
        if kind is None:
            if token.type == "inline" and stack[-1].kind in ("paragraph", "heading"):
                stack[-1].inline = token.content
            continue
        if token.map is None:
            continue
        start, end = token.map
        parent = stack[-1]
        block = Block(kind, start, max(end, start + 1), token.markup, token.info.strip(), parent=parent)
        block.ancestors = [*parent.ancestors, parent] if parent is not root else []
        if kind == "heading":
            block.level = int(token.tag[1])
        if kind == "html":
            block.content = token.content
        if kind in ("fence", "code"):
            block.content = token.content
            # closed: a closing line after the body (an open fence runs to its container's end)
            block.closed = kind == "code" or end - start == len(code_body(token.content)) + 2
        if kind == "paragraph" and not token.hidden and stack[-1].kind == "item":
            stack[-1].parent.tight = False  # type: ignore[union-attr]  # (an item's parent is its list)
        stack[-1].children.append(block)
        if token.nesting == 1:
            stack.append(block)
    root.children.sort(key=lambda block: block.start)  # footnotes come last in markdown-it's stream
    return root


def code_body(content: str) -> list[str]:
    """The lines of a fence's or code block's content (the last one may lack its line end)."""
    lines = content.split("\n")
    return lines[:-1] if content.endswith("\n") or not content else lines


def walk(block: Block) -> Iterator[Block]:
    """``block`` and all blocks inside it, in document order."""
    yield block
    for child in block.children:
        yield from walk(child)


def fences(root: Block) -> list[Block]:
    """The fenced code blocks of the document, top to bottom."""
    return [block for block in walk(root) if block.kind == "fence"]


def code_lines(text: str, root: Block | None = None) -> list[bool]:
    """For each line of ``text``: whether it belongs to fenced or indented code."""
    root = read(text) if root is None else root
    code = [False] * len(text.split("\n"))
    for block in walk(root):
        if block.kind in ("fence", "code"):
            code[block.start : block.end] = [True] * (block.end - block.start)
    return code
