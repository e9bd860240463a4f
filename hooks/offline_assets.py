"""Offline bundle only (mkdocs.offline.yml): serve what works from file://, and nothing from a CDN.

Adds Mermaid's UMD build and the iframe-worker shim from ``node_modules/`` (nothing copied into ``docs/``),
drops the ES-module diagram files that cannot load from file://, and stops the build when something would
still be fetched from the network or the diagram loader is the ES module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from studysite.offline import SHIM_URI, offline_assets, online_only, remote_urls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Hooks run after the plugins, so Material's offline plugin has already turned directory URLs off and
    # added its CDN shim if no local one was configured.
    if config.use_directory_urls:
        raise PluginError("hooks/offline_assets.py is for the offline build: enable the 'offline' plugin")
    polyfills = [str(script) for script in config.extra.get("polyfills", [])]
    if remote := remote_urls(polyfills):
        raise PluginError(f"the offline bundle would load {remote}; serve them from the site ({SHIM_URI})")
    if SHIM_URI not in polyfills:
        raise PluginError(f"set extra.polyfills to [{SHIM_URI}] so that search works from file://")
    mermaid2 = config.plugins.get("mermaid2")
    javascript = str(mermaid2.config.get("javascript") or "") if mermaid2 else ""
    if javascript.endswith(".mjs") or "://" in javascript:
        raise PluginError(f"mermaid2 javascript {javascript!r} cannot load from file://; use a classic script")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in [f for f in files if online_only(f.dest_uri)]:
        files.remove(file)
    try:
        assets = offline_assets(Path(config.config_file_path).parent / "node_modules")
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    for asset in assets:
        files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
    return files
