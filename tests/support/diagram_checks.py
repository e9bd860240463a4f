"""What the diagram tests compare with: converted drawings, expected Mermaid, and a diff on mismatch."""

from __future__ import annotations

import difflib

from studysite.diagrams.detect import looks_like_diagram
from studysite.diagrams.mermaid import to_mermaid
from studysite.diagrams.readers import read


def assert_text(actual: str, expected: str) -> None:
    lines = difflib.unified_diff(expected.split("\n"), actual.split("\n"), "expected", "actual", lineterm="")
    assert actual == expected, "output differs:\n" + "\n".join(lines)


def convert(text: str) -> str:
    assert looks_like_diagram(text), text
    return to_mermaid(read(text))


def mermaid(*body: str) -> str:
    return "\n".join(("block-beta", *body)) + "\n"
