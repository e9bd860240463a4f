"""The code font (``studysite.site.code_font_build``): code lines up in Japanese, on screen and on paper.

Each page's code characters (text inside ``pre``, ``code``, ``kbd``) are collected; after the build the
font "Study Code" holding exactly those characters is cut (or taken from the cache next to the diagram
cache) and written with its licence to ``assets/fonts/``, where site.css and print.css find it. A
character neither source font has is a warning naming the page and the line it is on: code shows it in
a fallback font, off the grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studysite.infra.fonts import FontMissing
from studysite.site.code_font_build import CodeFontBuild

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    build: CodeFontBuild | None = None

    def current(self) -> CodeFontBuild:
        if self.build is None:
            raise PluginError("grid_font: on_pre_build has not run")
        return self.build


_state = _State()


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        _state.build = CodeFontBuild.start(Path(config.config_file_path).parent)
    except FontMissing as error:
        raise PluginError(str(error)) from None


@event_priority(-90)  # late: after every hook that adds code to the page (diagram sources, テキスト版)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    def source() -> str:
        try:
            return page.file.content_string
        except (OSError, UnicodeDecodeError, TypeError):
            return ""

    _state.current().note_page(html, page.file.src_uri, source)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    summary, warnings = _state.current().finish(Path(config.site_dir))
    for warning in warnings:
        log.warning(warning)
    log.info(summary)
