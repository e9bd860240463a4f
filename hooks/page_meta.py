"""Give every page a description for link previews: front matter, else its first paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studysite.notes.meta import first_paragraph

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.meta.get("description"):
        description = first_paragraph(html)
        if description:
            page.meta["description"] = description
    return html
