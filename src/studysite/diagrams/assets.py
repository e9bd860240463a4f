"""Which files of the npm ``mermaid`` package the site serves, and where."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Where the pinned library lands in the built site. The loader imports it from here.
SITE_DIR = "assets/mermaid"


@dataclass(frozen=True)
class Asset:
    source: Path  # absolute path in node_modules
    dest_uri: str  # path inside the built site, always with forward slashes


def mermaid_assets(package_dir: Path) -> list[Asset]:
    """The ESM entry point and its lazily imported chunks; no source maps, no UMD bundle.

    Raises FileNotFoundError naming the missing file when the package is not installed.
    """
    dist = package_dir / "dist"
    entry = dist / "mermaid.esm.min.mjs"
    chunks = dist / "chunks" / "mermaid.esm.min"
    for needed in (entry, chunks):
        if not needed.exists():
            raise FileNotFoundError(f"{needed} is missing: run `npm ci` (or `make site`) to install mermaid")
    assets = [Asset(entry, f"{SITE_DIR}/mermaid.esm.min.mjs")]
    assets += [
        Asset(path, f"{SITE_DIR}/chunks/mermaid.esm.min/{path.name}") for path in sorted(chunks.glob("*.mjs"))
    ]
    return assets


#: How superfences writes a Mermaid fence (``fence_div_format``); in page text it would be escaped.
DIAGRAM_OPENING = '<div class="mermaid"'


def exclude_diagrams_from_search(html: str) -> str:
    """Mark every diagram ``data-search-exclude``: its Mermaid source is no text for a reader to find."""
    return html.replace(DIAGRAM_OPENING, DIAGRAM_OPENING + " data-search-exclude")


def diagram_settings_problems(extra: object) -> list[str]:
    """What is wrong with ``extra.diagrams`` in mkdocs.yml, one line each (nothing: fine).

    ``overrides/partials/diagrams.html`` reads it: ``loader`` (a path inside the site, .mjs for a module
    or .js for a classic script) and ``arguments`` (a mapping passed to ``mermaid.initialize``).
    """
    diagrams = extra.get("diagrams") if isinstance(extra, Mapping) else None
    if not isinstance(diagrams, Mapping):
        return ["extra.diagrams is missing: it names the Mermaid loader pages with diagrams load"]
    problems = []
    loader = diagrams.get("loader")
    if not isinstance(loader, str) or not loader.endswith((".mjs", ".js")):
        problems.append(f"extra.diagrams.loader must be a .mjs or .js path inside the site, not {loader!r}")
    elif "://" in loader or loader.startswith("//"):
        problems.append(f"extra.diagrams.loader must be served from this site, not {loader!r}")
    if not isinstance(diagrams.get("arguments", {}), Mapping):
        problems.append("extra.diagrams.arguments must be a mapping (the settings for mermaid.initialize)")
    return problems
