"""Mermaid diagrams become inline SVG at build time (``studysite.diagrams.render.build``): pages carry no
Mermaid.

Every ``<div class="mermaid">`` superfences writes (hand-written ```` ```mermaid ```` fences, converted
layer diagrams, the timeline) is replaced by ``partials/diagram.html``: the SVG and the source. Drawn
SVG is cached in ``.cache/diagrams/`` by source, Mermaid version and settings; Chromium starts only for a
diagram not in the cache, and stays up across ``mkdocs serve`` rebuilds until shutdown. A diagram Mermaid
cannot draw is a warning with the page, the fence's line and Mermaid's message (``--strict`` fails).
The font subset for the SVG text is written into the built site after the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studysite.diagrams.render.build import DiagramBuild, DrawingUnavailable
from studysite.diagrams.render.driver import close_all
from studysite.notes.frontmatter import lines_before_body
from studysite.site.templates import TemplateMissing, partial

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
TEMPLATE = "partials/diagram.html"


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    build: DiagramBuild | None = None

    def current(self) -> DiagramBuild:
        if self.build is None:
            raise PluginError("draw_diagrams: on_pre_build has not run")
        return self.build


_state = _State()


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        template = partial(config.theme.dirs, TEMPLATE)
        _state.build = DiagramBuild.start(Path(config.config_file_path).parent, template)
    except (TemplateMissing, DrawingUnavailable) as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Note where the page's own Mermaid fences are, before other hooks add fences of their own."""
    if "mermaid" not in markdown:
        return  # (no need to read the file for its front matter's lines)
    try:
        offset = lines_before_body(page.file.content_string, markdown)
    except (OSError, UnicodeDecodeError, TypeError):
        offset = 0
    _state.current().note_fences(page.file.src_uri, markdown, first_line=1 + offset)


@event_priority(10)  # before print-site keeps each page's HTML for the print page, and the glossary
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        html, warnings = _state.current().draw_page(html, page.file.src_uri)
    except DrawingUnavailable as error:
        raise PluginError(str(error)) from None
    for warning in warnings:
        log.warning(warning)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    log.info(_state.current().finish(Path(config.site_dir)))


def on_shutdown() -> None:
    close_all()
