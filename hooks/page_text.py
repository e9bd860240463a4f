"""Text is text: titles, descriptions and the site's settings reach every template escaped exactly once.

MkDocs renders themes without autoescaping, and Material (and mkdocs-print-site-plugin) print a page's
title and description as they are. So the plain-text values are turned into escaped ``Markup`` here
(``studysite.site.escape.as_html``), before any page is rendered; templates that add ``| e`` leave them as
they are. Titles taken from a page's first heading are HTML already and are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studysite.site.escape import as_html

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

#: Plain-text settings that themes print into pages and ``<head>``.
SETTINGS = ("site_name", "site_description", "site_author")
#: Plain-text front-matter fields that themes print.
META = ("title", "description", "author", "subtitle")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for name in SETTINGS:
        if config.get(name) is not None:
            config[name] = as_html(config[name])
    return config


def _escape_meta(page: Page) -> None:
    for name in META:
        value = page.meta.get(name)
        if value is not None and not isinstance(value, (dict, list)):
            page.meta[name] = as_html(value)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # before any page is rendered: every page's nav, header and footer print the other pages' titles
    _escape_meta(page)
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    # the description may have been filled in from the page's first paragraph since
    _escape_meta(page)
    return context
