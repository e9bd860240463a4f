"""Page descriptions for link previews, chosen from the page's rendered HTML; plain text out.

The description is the first sentence of the page's first prose: a paragraph or a list item's own text,
in reading order. Never a diagram caption (a paragraph right above code or a diagram), code, a heading,
an admonition's title, a table, footnotes or the text version of a diagram. A short list item that only
labels a nested list ("コンテナとは") is joined with its first sub-item's text. Front matter, when it
has a ``description``, wins over all of this (``hooks/page_meta.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

LIMIT = 120
LABEL = 20  # a list item this short with a nested list is a label: its first sub-item tells more
#: Elements whose text is never a description, and whose inside is not looked at.
_SKIP_TAGS = {"pre", "script", "style", "sup", "table", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}
_SKIP_CLASSES = {"headerlink", "admonition-title", "footnote", "mermaid", "layer-source", "md-typeset__table"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "track"}
_CODE_NEXT = {"pre", "code"}
_DIAGRAM_CLASSES = frozenset({"mermaid", "highlight", "layer-diagram", "diagram"})
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)\s")


@dataclass
class _Block:
    tag: str  # "p" or "li"
    parts: list[str] = field(default_factory=list)
    nested: bool = False  # a list item with a list inside
    next_tag: str | None = None  # the first element after it ends
    next_classes: frozenset[str] = frozenset()
    children: list[_Block] = field(default_factory=list)
    parent: _Block | None = None  # the list item a paragraph is in
    holds_code: bool = False  # a paragraph glued to a fence holds the code block

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class _Blocks(HTMLParser):
    """Paragraphs and list items in reading order, with what follows each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, skipped)
        self.open: list[_Block] = []  # open paragraphs and list items
        self.blocks: list[_Block] = []
        self.waiting: list[_Block] = []  # closed blocks that wait for the next element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = frozenset((dict(attrs).get("class") or "").split())
        for block in self.waiting:
            block.next_tag, block.next_classes = tag, classes
        self.waiting = []
        if tag in _VOID:
            return
        if tag == "pre" or classes & _DIAGRAM_CLASSES:
            for block in self.open:
                block.holds_code = block.holds_code or block.tag == "p"
        skipped = self.skipping or tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)
        if tag == "details" and not skipped:
            skipped = True
        self.stack.append((tag, skipped))
        if skipped:
            return
        if tag in ("ul", "ol") and self.open and self.open[-1].tag == "li":
            self.open[-1].nested = True
        if tag in ("p", "li"):
            block = _Block(tag)
            if self.open and self.open[-1].tag == "li":
                self.open[-1].children.append(block)
                block.parent = self.open[-1]
            self.open.append(block)
            self.blocks.append(block)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if not skipped and open_tag in ("p", "li") and self.open:
                self.waiting.append(self.open.pop())
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping or not self.open:
            return
        if self.stack and self.stack[-1][0] in ("ul", "ol"):
            return
        self.open[-1].parts.append(data)

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]


def first_sentence(text: str, limit: int = LIMIT) -> str:
    """The text up to its first sentence end (。！？!? or ". "), cut at ``limit`` characters."""
    parts = _SENTENCE_END.split(text, maxsplit=1)
    sentence = parts[0].strip() if parts and parts[0].strip() else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def page_description(html: str, limit: int = LIMIT) -> str | None:
    """The description of a page from its content HTML (see the module doc), None when it has no prose."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    for block in parser.blocks:
        text = block.text
        if not text or _is_caption(block):
            continue
        item = block if block.tag == "li" else block.parent
        if item is not None and item.nested and len(text) <= LABEL:  # a label over a nested list
            sub = next((_own_text(c) for c in item.children if c.tag == "li" and _own_text(c)), "")
            if sub:
                return first_sentence(f"{text.rstrip(':：')}: {sub}", limit)
        return first_sentence(text, limit)
    return None


def outline_description(
    title: str | None, sections: list[str], chapter: str | None, limit: int = LIMIT
) -> str | None:
    """The description of a page with no prose (headings, diagrams and code only), from what it has: its
    title and section headings ("Docker 2: インストール、ボリューム"), else its title and chapter."""
    names = [" ".join(s.split()) for s in sections if s.strip()]
    head = " ".join((title or "").split())
    if names:
        text = f"{head}: {'、'.join(names)}" if head else "、".join(names)
    elif head and chapter and chapter.strip() and chapter.strip() != head:
        text = f"{' '.join(chapter.split())}: {head}"
    else:
        text = head
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rstrip("、: ") + "…"


def after_title(html: str) -> str:
    """The page's HTML after its first ``<h1>`` (all of it when there is none): what stands above the
    title, a date line say, is not what the page is about."""
    end = html.find("</h1>")
    return html[end + len("</h1>") :] if end >= 0 else html


def _own_text(item: _Block) -> str:
    """A list item's text: its own, else its first paragraph's."""
    return item.text or next((c.text for c in item.children if c.tag == "p" and c.text), "")


def _is_caption(block: _Block) -> bool:
    """A paragraph right above code or a diagram names it: not a description."""
    if block.tag != "p":
        return False
    return block.holds_code or block.next_tag in _CODE_NEXT or bool(block.next_classes & _DIAGRAM_CLASSES)
