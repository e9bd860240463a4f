"""The differential oracle: a note's blocks as a CommonMark/GFM preview shows them, against our rendering.

:func:`preview_tree` renders the note with markdown-it-py (the parser behind VS Code's preview) and
:func:`html_tree` reads any HTML (that rendering, Python-Markdown's, or a built page's article) into the
same flat list of blocks: each list item with its depth and own text, each paragraph, heading, table cell
and code block (code byte for byte). Tight and loose lists read alike (``<p>`` inside ``<li>`` is not a
block of its own), and our enrichments are mapped back to what the note wrote: a drawn diagram reads as
the drawing kept in its "テキスト版", footnote references and the footnote list are left out (the preview
side leaves out the ※ markers and ※ lines), permalinks and glossary markup are not text.
"""

from __future__ import annotations

import difflib
import html
import re
from functools import cache
from html.parser import HTMLParser

import markdown
from mkdocs.config import load_config

from studysite.notes.blocks import parser
from studysite.notes.frontmatter import FRONT_MATTER
from studysite.notes.links import clean_url
from studysite.notes.translate import restore_tabs
from studysite.pipeline import prepare_note
from tests.support.project import ROOT

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\u3000-\u303f\uff01-\uff0f]+")
_BREAKS = {"pre", "ul", "ol", "table", "blockquote", "hr", "dl", "div", "details"}
_TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "li"}
_MARK = re.compile(r"[(（]※\d+[)）]|※\d+")
_ATTRS = re.compile(r"^(\s*\w+: .*?)\s*\{[^{}]*\}$")


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.texts: list[list[str]] = []  # open text blocks' collected text
        self.depth = 0  # list nesting
        self.skip = 0  # inside elements that are not the note's blocks
        self.pre: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag in _VOID:
            return
        skipping = (
            self.skip
            or "headerlink" in classes
            or "footnote" in classes
            or "footnote-backref" in classes
            or (tag == "sup" and a.get("id", "").startswith("fnref"))
            or "footnote-ref" in classes
            or "footnotes" in classes
            or "footnotes-sep" in classes
            or "diagram" in classes  # the drawn diagram: its テキスト版 holds the note's drawing
            or (tag == "summary")
            or "diagram-source" in classes  # the Mermaid source under a drawn diagram
            or tag in ("script", "style", "svg")
            or (tag == "p" and bool(self.stack) and self.stack[-1][0] == "details")  # a diagram's description
        )
        self.stack.append((tag, a))
        if skipping:
            self.skip += 1
            return
        if tag in _BREAKS:
            self._flush_parent()  # an item's text before its nested list, code, quote…
        if tag in ("ul", "ol"):
            self.blocks.append(f"{'  ' * self.depth}{tag}:")  # where each list starts, and its kind
            self.depth += 1
        if tag == "pre":
            self.pre = []
        elif tag in _TEXT_BLOCKS and self.pre is None:
            if tag == "p" and self.texts and self._open_li():
                return  # a paragraph of a list item is the item's text (tight and loose lists read alike)
            self._flush_parent()
            self.texts.append([])

    def _open_li(self, own: bool = True) -> bool:
        """Whether the innermost text block around the element (on top of the stack when ``own``) is a
        list item or definition."""
        for tag, _ in reversed(self.stack[:-1] if own else self.stack):
            if tag in _TEXT_BLOCKS:
                return tag in ("li", "dd")
        return False

    def _flush_parent(self) -> None:
        """A block starting inside a text block: the parent's text so far is one block (an item's own
        text before its nested list)."""
        if self.texts and any(t.strip() for t in self.texts[-1]):
            self._emit(self._parent_tag(), self.texts[-1])
            self.texts[-1] = []

    def _parent_tag(self) -> str:
        """The innermost text block open, a paragraph inside a list item or definition counting as it."""
        tags = [tag for tag, _ in self.stack if tag in _TEXT_BLOCKS]
        while len(tags) > 1 and tags[-1] == "p" and tags[-2] in ("li", "dd"):
            tags.pop()
        return tags[-1] if tags else "p"

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.stack:
            return
        while self.stack and self.stack[-1][0] != tag:
            self.stack.pop()  # unclosed inline elements
        if not self.stack:
            return
        self.stack.pop()
        if self.skip:
            self.skip -= 1
            return
        if tag in ("ul", "ol"):
            self.depth -= 1
        if tag == "pre" and self.pre is not None:
            self.blocks.append(f"{'  ' * self.depth}code: {''.join(self.pre).removesuffix(chr(10))!r}")
            self.pre = None
        elif tag in _TEXT_BLOCKS and self.pre is None and self.texts:
            if tag == "p" and self._open_li(own=False):
                return
            self._emit(tag, self.texts.pop())

    def _emit(self, tag: str, parts: list[str]) -> None:
        text = " ".join("".join(parts).split())
        if text:
            kind = "item" if tag == "li" else "p" if tag == "dd" else tag
            self.blocks.append(f"{'  ' * self.depth}{kind}: {text}")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre is not None:
            self.pre.append(data)
        elif self.texts:
            self.texts[-1].append(data)


@cache
def _site_markdown() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions and their settings of the project's mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def site_html(note: str) -> str:
    """A note as the site renders its article: our note pipeline, then Python-Markdown with the site's
    extensions (the HTML-stage hooks, glossary and diagram drawing, are left out)."""
    extensions, configs = _site_markdown()
    text, _ = prepare_note(note)
    return restore_tabs(markdown.markdown(text, extensions=extensions, extension_configs=configs))


def html_tree(page_html: str) -> list[str]:
    """The blocks of ``page_html`` as lines ``"<indent>kind: text"`` (see module doc)."""
    reader = _Blocks()
    reader.feed(page_html)
    reader.close()
    return [line for line in reader.blocks if not _is_footnote_line(line)]


def preview_html(note: str) -> str:
    """The note as a CommonMark/GFM preview renders it (markdown-it-py), ※ markers left out."""
    return parser().render(note)


def preview_tree(note: str) -> list[str]:
    """The preview's blocks of a note (front matter, which MkDocs reads as data, left out); a heading's
    ``{#id}`` is not its text."""
    body = note[m.end() :] if (m := FRONT_MATTER.match(note)) else note
    return [_ATTRS.sub(r"\1", _MARK.sub("", line)).rstrip() for line in html_tree(preview_html(body))]


def _is_footnote_line(line: str) -> bool:
    """A ``※1 text`` paragraph: the preview's footnote, which the site shows in its footnote list."""
    return bool(re.match(r"\s*p: ※\d+", line))


def _same(line: str) -> str:
    """A block line as compared: ※ markers out, URLs without their ``utm_*`` (the site drops them)."""
    line = _MARK.sub("", html.unescape(line)).rstrip()
    return _URL.sub(lambda m: clean_url(m.group(0)), line) if "utm_" in line else line


def compare(expected: list[str], actual: list[str]) -> str:
    """A unified diff of two block lists, empty when they agree."""
    norm_e = [_same(x) for x in expected]
    norm_a = [_same(x) for x in actual]
    if norm_e == norm_a:
        return ""
    return "\n".join(difflib.unified_diff(norm_e, norm_a, "preview", "site", lineterm=""))
