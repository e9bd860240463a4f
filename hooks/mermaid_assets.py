"""Serve the pinned npm ``mermaid`` package from our own site (never from a CDN).

The files are added to the build from ``node_modules/`` as generated files: nothing is copied into
``docs/`` and ``mkdocs serve`` serves them too. Which pages load them is decided by the theme
(``overrides/partials/diagrams.html``: pages with a diagram only), with the settings this hook checks
(``extra.diagrams`` in mkdocs.yml).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from studysite.diagrams.assets import diagram_settings_problems, exclude_diagrams_from_search, mermaid_assets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> None:
    if problems := diagram_settings_problems(config.extra):
        raise PluginError("mkdocs.yml: " + "; ".join(problems))


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
    return exclude_diagrams_from_search(html)
