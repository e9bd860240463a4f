"""What Mermaid is told when it draws, and the cache key that follows from it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

#: The family the SVG text is set in. At build time it is missing, so Chromium measures with the next
#: one, BIZ UDPGothic; on the site it is the WOFF2 subset of that same font (``font.py``), so the
#: reader's browser draws the labels with the metrics Mermaid measured. The PDF prints them in BIZ
#: UDPGothic itself (print.css: a TrueType font, embedded as CID, with the same metrics).
FONT_FAMILY = "Study Diagram"
BUILD_FONT = "BIZ UDPGothic"
FONT_STACK = f'"{FONT_FAMILY}", "{BUILD_FONT}", sans-serif'

#: Our palette names and Mermaid's themes: light for Material's "default" scheme and print, dark for "slate".
THEMES: dict[str, str] = {"light": "default", "dark": "dark"}

#: Where the font lands in the built site; assets/stylesheets/site.css points its @font-face here.
FONT_URI = "assets/diagrams/diagram-font.woff2"

_HERE = Path(__file__).resolve().parent


def mermaid_config(theme: str) -> dict[str, object]:
    """The settings for ``mermaid.initialize``: self-contained SVG text (no foreignObject), strict labels."""
    variables: dict[str, str] = {"fontFamily": FONT_STACK}
    if theme == "default":  # the light timeline writes white on its light section colours (3:1): black
        variables.update({f"cScaleLabel{i}": "#000000" for i in range(12)})
    return {
        "startOnLoad": False,
        "securityLevel": "strict",
        "htmlLabels": False,
        "flowchart": {"htmlLabels": False},
        "theme": theme,
        "fontFamily": FONT_STACK,
        "themeVariables": variables,
        "deterministicIds": True,
    }


def mermaid_version(package_dir: Path) -> str:
    """The version of the npm ``mermaid`` package; FileNotFoundError naming what to run when missing."""
    manifest = package_dir / "package.json"
    library = package_dir / "dist" / "mermaid.min.js"
    for needed in (manifest, library):
        if not needed.is_file():
            raise FileNotFoundError(f"{needed} is missing: run `npm ci` (or `make setup`) to install mermaid")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def code_fingerprint() -> str:
    """A hash of this package's own code (render.js, the SVG post-processing): a change redraws everything."""
    digest = hashlib.sha256()
    for path in sorted(_HERE.glob("*.js")) + sorted(_HERE.glob("svg*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(source: str, version: str, fingerprint: str) -> str:
    """The key of one diagram: its source, the Mermaid version, both palettes' settings, our code."""
    settings = {name: mermaid_config(theme) for name, theme in THEMES.items()}
    blob = json.dumps([source, version, settings, fingerprint], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
