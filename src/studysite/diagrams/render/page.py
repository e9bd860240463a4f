"""Where a page's diagrams are: the ``<div class="mermaid">`` superfences writes, and the fences behind them.

superfences writes a ```` ```mermaid ```` fence as ``<div class="mermaid" attrs>source</div>`` with the
source HTML-escaped (``fence_div_format``), so the element holds no ``<`` and ends at the first
``</div>``. In page text or a code block the same characters would be escaped (``&lt;div``): only real
diagrams match.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from studysite.notes.blocks import fences, read

_DIAGRAM = re.compile(r'<div class="mermaid"((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*>([^<]*)</div>')
_ATTR = re.compile(r'([\w:-]+)(?:="([^"]*)")?')


@dataclass(frozen=True)
class Diagram:
    start: int  # span of the element in the page HTML
    end: int
    source: str  # the Mermaid source, unescaped
    attrs: dict[str, str]  # the element's attributes, unescaped (data-acc-title, data-acc-descr…)


def find_diagrams(page_html: str) -> list[Diagram]:
    """The diagrams of a page's HTML, top to bottom."""
    found = []
    for match in _DIAGRAM.finditer(page_html):
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(match.group(1))}
        source = html.unescape(match.group(2)).strip("\n")
        found.append(Diagram(match.start(), match.end(), source, attrs))
    return found


def mermaid_fences(markdown: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, source) of the page's own ```` ```mermaid ```` fences; ``first_line``: the file's line of
    ``markdown``'s first (front matter comes before it)."""
    out = []
    for fence in fences(read(markdown)):
        info = fence.info.strip()
        if info == "mermaid" or info.startswith(("mermaid ", "{.mermaid", "{ .mermaid")):
            out.append((fence.start + first_line, fence.content.strip("\n")))
    return out
