"""Serve the pinned npm ``mermaid`` package from our own site (never from a CDN).

The files are added to the build from ``node_modules/`` as generated files: nothing is copied into
``docs/`` and ``mkdocs serve`` serves them too.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from studysite.assets import exclude_diagrams_from_search, mermaid_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_files(files: Files, config: MkDocsConfig) -> Files:
    package = Path(config.config_file_path).parent / "node_modules" / "mermaid"
    try:
        assets = mermaid_assets(package)
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    for asset in assets:
        files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # mkdocs-mermaid2 1.2.3 computes the loader's path with os.path.relpath(js, dirname(page.url)),
    # which fails for pages at the site root (the home page, 404.html). Say so, instead of a traceback.
    if 'class="mermaid"' in html and not posixpath.dirname(page.url):
        raise PluginError(
            f"{page.file.src_uri}: Mermaid diagrams on a page at the site root are not supported "
            "(mkdocs-mermaid2 cannot compute the script path there); move the diagram to a chapter page"
        )
    return exclude_diagrams_from_search(html)
