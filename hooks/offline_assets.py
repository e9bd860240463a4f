"""The offline bundle (`make offline`, i.e. OFFLINE=true): serve what works from file://, nothing from a CDN.

mkdocs.yml enables Material's offline plugin when OFFLINE=true; otherwise this hook does nothing. When it
is on, this hook gives Material's search its iframe-worker shim from the site (``node_modules/``, nothing
copied into ``docs/``) instead of a CDN and drops canonical URLs (no server answers the bundle's .html
URLs). Diagrams are SVG in the pages already. The build stops if anything would still be fetched from
the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite.site.offline import SHIM_URI, offline_assets, offline_build, remote_urls

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def _offline(config: MkDocsConfig) -> bool:
    return offline_build(config.plugins)


@event_priority(100)  # before Material's offline plugin, which adds its CDN shim unless one is configured
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not _offline(config):
        return config
    polyfills = [str(script) for script in config.extra.get("polyfills", [])]
    config.extra["polyfills"] = [*polyfills, SHIM_URI] if SHIM_URI not in polyfills else polyfills
    config.site_url = ""
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not _offline(config):
        return files
    if remote := remote_urls([str(script) for script in config.extra.get("polyfills", [])]):
        raise PluginError(f"the offline bundle would load {remote}; serve them from the site ({SHIM_URI})")
    try:
        assets = offline_assets(Path(config.config_file_path).parent / "node_modules")
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    for asset in assets:
        files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.source)))
    return files
