"""Every page's title and description for link previews, as plain text (the templates escape them).

Title: front matter ``title``, else the note's first ``# `` heading, also when a line (a date, say) stands
above it (MkDocs only reads an h1 that comes first, and would fall back to the file name). Description:
front matter ``description``, else the first sentence of the page's first prose after its title
(``studysite.notes.meta``), else, for a page of headings, diagrams and code only, its title and section
headings (or its chapter). A page with no title is a warning that says what to add.
"""

from __future__ import annotations

from html import unescape
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger

from studysite.notes.meta import after_title, outline_description, page_description

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

log = get_plugin_logger(__name__)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _is_note(page):
        return html
    heading = next((t for t in page.toc if t.level == 1), None)
    if "title" not in page.meta and heading is not None and not html.lstrip().startswith("<h1"):
        page.meta["title"] = Markup(heading.title)  # the toc's title is HTML already (escaped text)
    description = page.meta.get("description")
    if not (isinstance(description, str) and description.strip()):
        found = page_description(after_title(html)) or page_description(html) or _outline(page, heading)
        if found:
            page.meta["description"] = found
    if not page.meta.get("title") and heading is None:
        log.warning(f"{page.file.src_uri}:1: the page has no title: start it with a '# ' heading")
    return html


def _outline(page: Page, heading: AnchorLink | None) -> str | None:
    """A page without prose is described by its headings, or its chapter (no warning: see meta)."""
    title = unescape(heading.title) if heading is not None else page.title
    below = heading.children if heading is not None else page.toc.items
    sections = [unescape(child.title) for child in below]
    chapter = page.parent.title if page.parent is not None else None
    return outline_description(title, sections, chapter)


def _is_note(page: Page) -> bool:
    """A Markdown page of docs/ (not a page a plugin made, such as the print page)."""
    return page.file.generated_by is None and bool(page.file.src_dir) and page.file.src_uri.endswith(".md")
