"""Tell the writer when a box drawing kept as code does not line up by display width
(``studysite.diagrams.ragged``): one warning per ragged line, with the note's file and line.

Fences are read from the note as written, as the layer-diagram pass finds them
(``studysite.diagrams.layers.note_fences``, over the block reader ``studysite.notes.blocks``), so lines
are the file's own. A fence the layer-diagram pass
converts, or reports as unreadable, is left to it (``kept_as_code``): no double report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from studysite.diagrams.layers import note_fences
from studysite.diagrams.ragged import kept_as_code, ragged_edges

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    if "```" not in markdown and "~~~" not in markdown:
        return
    try:
        source = page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        return
    for fence in note_fences(source):
        if not kept_as_code(fence.info, fence.body):
            continue
        for offset, message in ragged_edges(fence.body):
            log.warning(f"{page.file.src_uri}:{fence.start + 2 + offset}: {message}")
