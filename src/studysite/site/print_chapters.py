"""A chapter's intro page in mkdocs-print-site-plugin's combined page: printed under the chapter's title.

With ``navigation.indexes`` a chapter (a nav section) has an index page, usually titled as the chapter.
print-site prints the chapter's title ("2 Docker 1"), then the index page as the chapter's first page
under the same title ("2.1 Docker 1"), and lists both in the contents. :func:`merge_chapter_intros` makes
such a page the chapter's intro: its entry leaves the contents, its title is marked to be hidden in print
(``print-page--chapter-intro``, see print.css; the element and its id stay, so links still land), its
headings lose their numbers, and the chapter's other pages move up one number (2.2 → 2.1), in the
contents, in the heading numbers and in ``heading-number``.

print-site writes this markup itself, so the patterns below match its templates, not page content (in
which ``<`` of code is escaped). Nothing here imports MkDocs; ``hooks/print_page_ids.py`` adapts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from studysite.infra.html_text import html_text

_CHAPTER = re.compile(
    r"<section class='print-page md-section' id='(?P<cid>[^']+)' heading-number='(?P<num>[\d.]+)'>\s*"
    r"<h1>(?P<title>.*?)<a class='headerlink'[^>]*></a>\s*</h1>\s*"
    r'(?P<intro><section class="print-page" id="(?P<pid>[^"]+)" heading-number="(?P<pnum>[\d.]+)">)'
    r'<h1 id="[^"]*">(?P<ptitle>.*?)<a class="headerlink"',
    re.S,
)
_HEADING_NUMBER = re.compile(r"""heading-number=(["'])(\d+(?:\.\d+)*)\1""")
_TOC_NUMBER = re.compile(r'(<span class="md-ellipsis">\s*)(\d+(?:\.\d+)*)(\s)')
_STYLE = re.compile(r"<style>\.print-site-enumerate-headings.*?</style>", re.S)
_CONTENT = re.compile(r"content: (?P<value>'(?P<num>\d+(?:\.\d+)*)(?P<rest>[. ][^}]*?))\s*\}")
_TOC_START = 'class="md-nav md-nav--secondary"'


def renumber(number: str, chapter: str) -> str | None:
    """A heading number after the chapter's first page became its intro: ``None`` for that page and its
    headings (``2.1``, ``2.1.3``), one less for the pages after it (``2.3.1`` → ``2.2.1``), others as they
    are."""
    parts, head = number.split("."), chapter.split(".")
    if parts[: len(head)] != head or len(parts) == len(head):
        return number
    page = int(parts[len(head)])
    if page == 1:
        return None
    return ".".join([*head, str(page - 1), *parts[len(head) + 1 :]])


def _toc_span(text: str) -> tuple[int, int]:
    """Where the page's table of contents (Material's secondary nav, copied by print-site) is."""
    start = text.find(_TOC_START)
    if start < 0:
        return 0, 0
    end = text.find('<div class="md-content"', start)
    return start, end if end > 0 else len(text)


def _in_span(text: str, span: tuple[int, int], edit: Callable[[str], str]) -> str:
    return text[: span[0]] + edit(text[span[0] : span[1]]) + text[span[1] :]


def _merge(text: str, chapter: str, intro_id: str) -> str:
    def number_attr(m: re.Match[str]) -> str:
        new = renumber(m.group(2), chapter)
        return f"heading-number={m.group(1)}{new or chapter}{m.group(1)}"

    def toc_number(m: re.Match[str]) -> str:
        return m.group(1) + (renumber(m.group(2), chapter) or m.group(2)) + m.group(3)

    def style_rule(m: re.Match[str]) -> str:
        new = renumber(m.group("num"), chapter)
        return "content: none }" if new is None else f"content: '{new}{m.group('rest')} }}"

    def toc(part: str) -> str:
        entry = re.compile(
            r'<li class="md-nav__item">\s*<a href="#' + re.escape(intro_id) + r'" class="md-nav__link">'
            r"(?:(?!<li\b|<nav\b).)*?</li>\s*",
            re.S,
        )
        return _TOC_NUMBER.sub(toc_number, entry.sub("", part, count=1))

    text = _in_span(text, _toc_span(text), toc)
    text = _STYLE.sub(lambda m: _CONTENT.sub(style_rule, m.group(0)), text)
    return _HEADING_NUMBER.sub(number_attr, text)


def merge_chapter_intros(text: str) -> str:
    """The combined page with each chapter's like-titled first page made the chapter's intro (see above).

    A page is merged only when it comes right after its chapter's title, is numbered as the chapter's
    first page, and has the chapter's title; any other page is left byte for byte.
    """
    while True:
        found = next(
            (
                m
                for m in _CHAPTER.finditer(text)
                if html_text(m.group("title")) == html_text(m.group("ptitle"))
                and m.group("pnum") == m.group("num") + ".1"
                and "print-page--chapter-intro" not in m.group("intro")
            ),
            None,
        )
        if found is None:
            return text
        intro = found.group("intro").replace(
            'class="print-page"', 'class="print-page print-page--chapter-intro"'
        )
        text = text[: found.start("intro")] + intro + text[found.end("intro") :]
        text = _merge(text, found.group("num"), found.group("pid"))
