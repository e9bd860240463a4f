"""The offline bundle: which files it adds to the online build, and how it is zipped.

The offline build (``OFFLINE=true``, see ``hooks/offline_assets.py``) is opened from ``file://``, where
browsers run no web workers: Material's search runs through the ``iframe-worker`` shim, served from the
bundle instead of from a CDN. Diagrams need nothing: they are SVG in the pages (``hooks/draw_diagrams.py``).

Run as ``python -m studysite.site.offline SITE_DIR ZIP`` to zip a built offline site (``make offline``).
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Where the iframe-worker shim lands. Material's offline plugin only adds its CDN copy of the shim when no
#: entry of ``extra.polyfills`` contains "iframe-worker", so this path must keep that name in it.
SHIM_URI = "assets/javascripts/iframe-worker/shim.js"


@dataclass(frozen=True)
class Asset:
    source: Path  # absolute path in node_modules
    dest_uri: str  # path inside the built site, always with forward slashes


def offline_build(plugins: Mapping[str, Any]) -> bool:
    """Whether Material's offline plugin is on (``make offline``): ``plugins`` is the config's plugins."""
    plugin = plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def shim_source(node_modules: Path) -> Path:
    """The iframe-worker shim's JavaScript in the pinned npm package."""
    return node_modules / "iframe-worker" / "shim" / "index.js"


def offline_assets(node_modules: Path) -> list[Asset]:
    """The iframe-worker shim, from the pinned npm package.

    Raises FileNotFoundError naming the missing file when the package is not installed.
    """
    assets = [Asset(shim_source(node_modules), SHIM_URI)]
    for asset in assets:
        if not asset.source.is_file():
            raise FileNotFoundError(
                f"{asset.source} is missing: run `npm ci` (or `make offline`) to install it"
            )
    return assets


def remote_urls(urls: list[str]) -> list[str]:
    """The URLs that would leave the reader's machine (anything with a scheme or starting with //)."""
    return [url for url in urls if "://" in url or url.startswith("//")]


def _timestamp(path: Path, environ: Mapping[str, str]) -> tuple[int, int, int, int, int, int]:
    """The zip entry time: SOURCE_DATE_EPOCH when set (reproducible archives), else the file's mtime."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else int(path.stat().st_mtime)
    stamp = time.gmtime(max(seconds, 315532800))  # zip cannot store dates before 1980
    return stamp[:6]


def zip_site(
    site_dir: Path, zip_path: Path, root: str | None = None, environ: Mapping[str, str] = os.environ
) -> list[str]:
    """Zip a built site into ``zip_path`` under one top folder (``root``, default: the zip's stem).

    Entries are sorted and get fixed permissions, so the same site and SOURCE_DATE_EPOCH (of ``environ``)
    give the same bytes. Returns the entry names.
    """
    root = root or zip_path.stem
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir / 'index.html'} is missing: build the site first")
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    names = []
    tmp = zip_path.with_name(zip_path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            name = f"{root}/{path.relative_to(site_dir).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_timestamp(path, environ))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes())
            names.append(name)
    tmp.replace(zip_path)
    return names


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m studysite.site.offline SITE_DIR ZIP", file=sys.stderr)
        return 2
    site_dir, zip_path = Path(argv[0]), Path(argv[1])
    names = zip_site(site_dir, zip_path)
    print(f"{zip_path}: {len(names)} files; open {zip_path.stem}/index.html after unzipping")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
