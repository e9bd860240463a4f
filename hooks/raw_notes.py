"""Raw notes read as their writer's CommonMark preview shows them, with ※ footnotes, checked ids, diagrams.

Runs right after hooks/note_limits.py (which removes control characters and refuses what is too deep),
before every other pass that changes a page's Markdown. The work
is ``studysite.pipeline.prepare_note``; nothing is written back to the note. Problems are warnings
with the note's ``file:line`` (so ``mkdocs build --strict`` fails); front matter that MkDocs would
silently drop stops the build.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from studysite.notes.anchors import Anchors
from studysite.notes.frontmatter import FRONT_MATTER, front_matter_error, lines_before_body
from studysite.notes.links import drop_tracking
from studysite.notes.translate import restore_tabs
from studysite.pipeline import note_anchors, prepare_note

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = _source(page)
    if source is not None and (error := front_matter_error(source)):
        raise PluginError(f"{page.file.src_uri}:{error[0]}: {error[1]}")
    offset = lines_before_body(source, markdown) if source is not None else 0
    text, problems = prepare_note(markdown, offset + 1, lambda path: _state.anchors(page, files, path))
    for problem in problems:
        log.warning(f"{page.file.src_uri}:{problem.line}: {problem.message}")
    return text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return drop_tracking(restore_tabs(html))


class _Notes:
    """The heading anchors of the notes other pages link to, read once per build."""

    def __init__(self) -> None:
        self.cache: dict[str, Anchors | None] = {}

    def anchors(self, page: Page, files: Files, link: str) -> Anchors | None:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), unquote(link)))
        if target not in self.cache:
            file = files.get_file_from_path(target)
            text = None
            if file is not None and file.is_documentation_page():
                try:
                    text = file.content_string
                except (OSError, UnicodeDecodeError):
                    text = None
            body = text[m.end() :] if text is not None and (m := FRONT_MATTER.match(text)) else text
            self.cache[target] = None if body is None else note_anchors(body)
        return self.cache[target]


_state = _Notes()


def on_pre_build(config: MkDocsConfig) -> None:
    _state.cache.clear()  # (mkdocs serve: notes change between builds)


def _source(page: Page) -> str | None:
    try:
        return page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        return None
