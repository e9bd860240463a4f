"""The offline bundle's error page and print page get the bundle's relative base (see
studysite.site.offline_pages).

Only when Material's offline plugin is on (``make offline``, OFFLINE=true); otherwise nothing changes.
mkdocs-print-site-plugin keeps the very context object of ``404.html`` for the print page, so setting its
base here serves both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studysite.site.offline import offline_build
from studysite.site.offline_pages import root_page_base

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    base = root_page_base(template_name, offline_build(config.plugins))
    if base is not None:
        context["base_url"] = base
    return context
