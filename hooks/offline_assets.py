"""The offline bundle (`make offline`, i.e. OFFLINE=true): serve what works from file://, nothing from a CDN.

mkdocs.yml enables Material's offline plugin when OFFLINE=true; otherwise this hook does nothing. When it
is on, this hook points the diagram pages at the classic-script loader (browsers load no ES modules from
file://), gives Material's search its iframe-worker shim from the site instead of a CDN, drops canonical
URLs (no server answers the bundle's .html URLs), and swaps the ES-module diagram files for Mermaid's UMD
build, all from ``node_modules/`` (nothing copied into ``docs/``). The build stops if anything would still
be fetched from the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.site.offline import OFFLINE_LOADER_URI, SHIM_URI, offline_assets, online_only, remote_urls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)  # before Material's offline plugin, which adds its CDN shim unless one is configured
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not _offline(config):
        return config
    polyfills = [str(script) for script in config.extra.get("polyfills", [])]
    config.extra["polyfills"] = [*polyfills, SHIM_URI] if SHIM_URI not in polyfills else polyfills
    config.site_url = ""
    diagrams = config.extra.get("diagrams")
    if not isinstance(diagrams, dict):
        raise PluginError("mkdocs.yml: the offline bundle expects extra.diagrams (the Mermaid loader)")
    config.extra["diagrams"] = {**diagrams, "loader": OFFLINE_LOADER_URI}
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not _offline(config):
        return files
    if remote := remote_urls([str(script) for script in config.extra.get("polyfills", [])]):
        raise PluginError(f"the offline bundle would load {remote}; serve them from the site ({SHIM_URI})")
    for file in [f for f in files if online_only(f.dest_uri)]:
        files.remove(file)
    try:
        assets = offline_assets(Path(config.config_file_path).parent / "node_modules")
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    for asset in assets:
        files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
    return files
