"""HTML in notes is untrusted, as GitHub treats HTML in a README (``studysite.site.sanitize``).

Each note's HTML is cleaned as soon as Python-Markdown has made it, before any pass adds trusted markup
to it (the diagrams' SVG, priority 10; the glossary's ``abbr``; print-site keeps the page's HTML after
this too, and the search index reads it later). Every removal is a warning naming ``file:line`` and what
went, so the strict build tells the writer; the line is found again in the note
(``studysite.notes.untrusted``). A page with nothing to remove keeps its bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority, get_plugin_logger

from studysite.notes.untrusted import html_lines, locate
from studysite.site.sanitize import Removal, sanitize

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


@event_priority(50)  # before hooks/draw_diagrams.py (10) adds SVG and print-site (0) keeps the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by is not None:
        return html  # a page the build makes (the review page): our own markup, not a note's
    result = sanitize(html)
    if result.removals:
        _warn(result.removals, page)
    return result.html


def _warn(removals: list[Removal], page: Page) -> None:
    try:
        source = page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        source = ""
    lines = source.split("\n")
    spans = html_lines(source)
    for removal in removals:
        found = locate(removal.needles, lines, spans, removal.count) or [0]
        for k, number in enumerate(found):
            more = removal.count - len(found) + 1 if k == len(found) - 1 else 1
            times = f" ({more} times)" if more > 1 else ""
            log.warning(f"{page.file.src_uri}:{number + 1}: {removal.message}{times}: {removal.reason}")
