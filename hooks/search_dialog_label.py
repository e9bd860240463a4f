"""Accessibility fixes to Material's chrome (see studysite.site.a11y); warns when the template changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from studysite.site.a11y import label_search_dialog

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if 'data-md-component="search"' not in output:
        return output
    output, found = label_search_dialog(output, "サイト内検索")
    if not found:
        log.warning(
            f"{page.file.src_uri}: Material's search dialog markup changed; update src/studysite/site/a11y.py"
        )
    return output
