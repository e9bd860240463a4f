"""Which Mermaid files the site serves, and diagrams kept out of the search index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studysite.diagrams.assets import diagram_settings_problems, exclude_diagrams_from_search, mermaid_assets

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<div class="mermaid">block-beta</div>',
            '<div class="mermaid" data-search-exclude>block-beta</div>',
        ),
        (
            '<div class="mermaid" data-acc-title="x">t</div>',
            '<div class="mermaid" data-search-exclude data-acc-title="x">t</div>',
        ),
        (
            "<pre><code>&lt;div class=&quot;mermaid&quot;&gt;</code></pre>",
            "<pre><code>&lt;div class=&quot;mermaid&quot;&gt;</code></pre>",
        ),
        ('<div class="admonition">x</div>', '<div class="admonition">x</div>'),
    ],
)
def test_exclude_diagrams_from_search(html: str, expected: str) -> None:
    assert exclude_diagrams_from_search(html) == expected


def test_mermaid_assets_are_the_esm_entry_and_chunks_only() -> None:
    assets = mermaid_assets(ROOT / "node_modules" / "mermaid")
    uris = [a.dest_uri for a in assets]
    assert uris[0] == "assets/mermaid/mermaid.esm.min.mjs"
    assert all(u.endswith(".mjs") for u in uris) and len(uris) > 50
    assert any(u.split("/")[-1].startswith("blockDiagram") for u in uris)


def test_missing_package_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="mermaid.esm.min.mjs is missing: run `npm ci`"):
        mermaid_assets(tmp_path / "mermaid")


def test_no_diagram_source_in_the_search_index(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "block-beta" not in doc["text"] and "timeline TD" not in doc["text"], doc["location"]
    assert any("Hyper Visor" in doc["text"] for doc in index["docs"]), "the text version stays searchable"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {
                "diagrams": {
                    "loader": "assets/javascripts/mermaid-loader.mjs",
                    "arguments": {"securityLevel": "strict"},
                }
            },
            [],
        ),
        ({"diagrams": {"loader": "assets/javascripts/mermaid-offline.js"}}, []),
        ({}, ["extra.diagrams is missing: it names the Mermaid loader pages with diagrams load"]),
        (
            {"diagrams": "x.mjs"},
            ["extra.diagrams is missing: it names the Mermaid loader pages with diagrams load"],
        ),
        (
            {"diagrams": {"loader": "loader.css"}},
            ["extra.diagrams.loader must be a .mjs or .js path inside the site, not 'loader.css'"],
        ),
        (
            {"diagrams": {"loader": "//cdn.example/m.mjs"}},
            ["extra.diagrams.loader must be served from this site, not '//cdn.example/m.mjs'"],
        ),
        (
            {"diagrams": {"loader": "a.mjs", "arguments": "strict"}},
            ["extra.diagrams.arguments must be a mapping (the settings for mermaid.initialize)"],
        ),
    ],
)
def test_diagram_settings_problems(extra, expected):
    assert diagram_settings_problems(extra) == expected
