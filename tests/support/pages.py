"""Reading built pages as a reader sees them: the article's text and headings, the head's title and
description, and a note's Markdown lines outside front matter and code."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.utils.meta import get_data


def normalize(text: str) -> str:
    """Compare text as a reader sees it: NFKC (full-width ASCII, ：) and no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# --- reading built pages ----------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "div",
    "pre",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "summary",
    "details",
}
BLOCK_BREAK = "\x00"  # survives `normalize`, so a statement cannot match across two blocks


def _skipped(tag: str, attrs: dict[str, str | None]) -> bool:
    """Elements that are not the note's words: permalinks, footnote numbers and back-links."""
    classes = (attrs.get("class") or "").split()
    return (
        ("headerlink" in classes or "footnote-backref" in classes)
        or (tag == "sup" and (attrs.get("id") or "").startswith("fnref"))
        or tag in {"script", "style", "template"}
    )


class ArticleText(HTMLParser):
    """The text of a page's content (Material's `<article>`), and its headings with their ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[tuple[str, str | None]] = []
        self._stack: list[str] = []
        self._article_depth: int | None = None
        self._skip_depth: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in VOID:
            return
        self._stack.append(tag)
        depth = len(self._stack)
        if tag == "article" and self._article_depth is None:
            self._article_depth = depth
        if self._article_depth is None:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((tag, attributes.get("id")))
        if self._skip_depth is None and _skipped(tag, attributes):
            self._skip_depth = depth
        if tag in BLOCKS:
            self.parts.append(BLOCK_BREAK)

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self._stack:
            return
        while self._stack:
            depth = len(self._stack)
            closed = self._stack.pop()
            if self._skip_depth == depth:
                self._skip_depth = None
            if self._article_depth == depth:
                self._article_depth = -1  # done: only the first article counts
            if closed == tag:
                break
        if tag in BLOCKS:
            self.parts.append(BLOCK_BREAK)

    def handle_data(self, data):
        if self._article_depth not in (None, -1) and self._skip_depth is None:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class HeadMeta(HTMLParser):
    """The `<title>` and `<meta name="description">` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.description: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def article(html: str) -> ArticleText:
    parser = ArticleText()
    parser.feed(html)
    parser.close()
    return parser


def doc_pages(docs: Path) -> list[Path]:
    """Every Markdown page of a docs/ folder (not the snippets in includes/)."""
    return sorted(docs.rglob("*.md"))


def built_page(site_dir: Path, docs: Path, source: Path) -> Path:
    """Where MkDocs (use_directory_urls) writes the page ``source`` of ``docs``."""
    rel = source.relative_to(docs).with_suffix("")
    if rel.name in ("index", "README"):
        return site_dir / rel.parent / "index.html"
    return site_dir / rel / "index.html"


def markdown_lines(source: Path) -> list[str]:
    """A page's Markdown lines outside front matter and fenced code."""
    body, _ = get_data(source.read_text(encoding="utf-8"))
    lines, in_fence = [], False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if not in_fence:
            lines.append(line)
    return lines
