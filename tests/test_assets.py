"""Diagrams kept out of the search index (their Mermaid source and SVG text are no text to find)."""

from __future__ import annotations

import json
from pathlib import Path


def test_no_diagram_source_in_the_search_index(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "block-beta" not in doc["text"] and "timeline TD" not in doc["text"], doc["location"]
    assert any("Hyper Visor" in doc["text"] for doc in index["docs"]), "the text version stays searchable"
