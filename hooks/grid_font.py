"""The code font (``studysite.site.code_font``): code lines up in Japanese, on screen and on paper.

Each page's code characters (text inside ``pre``, ``code``, ``kbd``) are collected; after the build the
font "Study Code" holding exactly those characters is cut (or taken from the cache next to the diagram
cache) and written with its licence to ``assets/fonts/``, where site.css and print.css find it. A
character neither source font has is a warning naming the page and the line it is on: code shows it in
a fallback font, off the grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studysite.diagrams.render.cache import DiagramCache, cache_dir
from studysite.infra.fonts import FontMissing
from studysite.pdf.glyphs import describe
from studysite.site.code_font import (
    FONT_URI,
    LICENSE_URI,
    cache_name,
    code_chars,
    compose,
    find_fonts,
    license_text,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


@dataclass
class _Build:
    cache: DiagramCache
    fonts: tuple[tuple[Path, int], tuple[Path, int]]
    where: dict[str, str] = field(default_factory=dict)  # character -> "page:line" of its first use


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    build: _Build | None = None

    def current(self) -> _Build:
        if self.build is None:
            raise PluginError("grid_font: on_pre_build has not run")
        return self.build


_state = _State()


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        fonts = find_fonts()
    except FontMissing as error:
        raise PluginError(str(error)) from None
    _state.build = _Build(DiagramCache(cache_dir(Path(config.config_file_path).parent)), fonts)


@event_priority(-90)  # late: after every hook that adds code to the page (diagram sources, テキスト版)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _state.current()
    new = code_chars(html) - build.where.keys()
    if new:
        try:
            source = page.file.content_string
        except (OSError, UnicodeDecodeError, TypeError):
            source = ""
        for char in new:
            at = source.find(char)
            line = f":{source.count(chr(10), 0, at) + 1}" if at >= 0 else ""
            build.where[char] = f"{page.file.src_uri}{line}"
    return html


def on_post_build(config: MkDocsConfig) -> None:
    build = _state.current()
    chars = "".join(sorted(build.where))
    name = cache_name(*build.fonts, chars)
    data = build.cache.get_bytes(name)
    missing: list[str] = []
    if data is None:
        data, missing = compose(chars, *build.fonts)
        if not missing:  # a font with holes is cut again next time, so that the warning is repeated
            build.cache.put_bytes(name, data)
    for char in missing:
        log.warning(
            f"{build.where[char]}: {describe(char)} in code has no glyph in the code font (BIZ UDGothic, "
            "DejaVu Sans Mono): it is drawn in another font and the columns after it do not line up"
        )
    site = Path(config.site_dir)
    for uri, content in ((FONT_URI, data), (LICENSE_URI, license_text().encode("utf-8"))):
        target = site / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    log.info(f"code font: {len(chars)} characters, {len(data):,} bytes")
