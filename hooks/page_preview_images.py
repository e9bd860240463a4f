"""A link-preview card per page (studysite.site.preview_images): ``assets/cards/<page>.png``, for og:image.

Each Markdown page of docs/ gets a 1200×630 PNG with its title and chapter; the template
(``overrides/main.html``) points ``og:image`` and ``twitter:image`` at it through the ``card`` context
value, and falls back to the site's one card for pages without one (the 404 and print pages). Cards are
drawn once per content and kept in ``.cache/cards/``. The offline bundle (no ``site_url``: nothing can
unfurl a file on disk) gets none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from studysite.infra.html_text import html_text
from studysite.site.offline import offline_build
from studysite.site.preview_images import CardFontMissing, PreviewCard, cache_dir, cached_card, find_fonts

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
FOLDER = "assets/cards"


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    drawn: int = 0
    cached: int = 0


_state = _State()


def _enabled(config: MkDocsConfig) -> bool:
    return bool(config.site_url) and not offline_build(config.plugins)


def card_uri(page: Page) -> str:
    """Where a page's card goes in the site: its source path with .png (``docker-1/history.md`` →
    ``assets/cards/docker-1/history.png``)."""
    return str(PurePosixPath(FOLDER) / PurePosixPath(page.file.src_uri).with_suffix(".png"))


def _text(value: object) -> str:
    return html_text(value) if value else ""


def on_config(config: MkDocsConfig) -> None:
    _state.drawn = _state.cached = 0
    if _enabled(config):
        try:
            find_fonts()
        except CardFontMissing as error:
            raise PluginError(str(error)) from None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not _enabled(config) or page.file.generated_by is not None or not page.file.src_uri.endswith(".md"):
        return context
    site = _text(config.site_name)
    title = site if page.is_homepage else _text(page.title) or site
    chapter = _text(page.parent.title) if page.parent is not None else ""
    card = PreviewCard(title, chapter, site)
    data, cached = cached_card(card, find_fonts(), cache_dir(Path(config.config_file_path).parent))
    if cached:
        _state.cached += 1
    else:
        _state.drawn += 1
    uri = card_uri(page)
    target = Path(config.site_dir) / uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    alt = f"{title}（{chapter}）— {site}" if chapter else f"{title} — {site}" if title != site else site
    context["card"] = {"url": f"{config.site_url}{uri}", "alt": alt, "width": 1200, "height": 630}
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if _enabled(config):
        log.info(f"preview images: {_state.drawn} drawn, {_state.cached} from the cache")
