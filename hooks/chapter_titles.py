"""A chapter folder without a title of its own is named after its ``index.md`` (studysite.notes.chapters).

mkdocs-awesome-nav names a folder that its ``.nav.yml`` does not title after the folder itself; a raw
note dropped in as a chapter (``docs/docker-net/index.md``) then shows as "Docker net" in the nav and the
PDF. Here such a section takes the title its index page gives itself. Titles set in ``.nav.yml`` stay.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils import dirname_to_title

from studysite.notes.chapters import note_title
from studysite.site.escape import as_html

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation


def _sections(items: list) -> list[Section]:
    found: list[Section] = []
    for item in items:
        if isinstance(item, Section):
            found += [item, *_sections(item.children)]
    return found


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    for section in _sections(nav.items):
        index = section.children[0] if section.children else None
        if not (isinstance(index, Page) and index.file.name == "index"):
            continue
        folder = PurePosixPath(index.file.src_uri).parent.name
        if section.title != dirname_to_title(folder):
            continue  # titled by .nav.yml
        try:
            title = note_title(index.file.content_string)
        except (OSError, UnicodeDecodeError):
            continue  # the page's own read reports it
        if title:
            section.title = as_html(title)
    return nav
