"""Our own check on Mermaid's SVG: whatever a label held, nothing in the SVG can run or load anything.

Mermaid draws with ``securityLevel: 'strict'`` already; this is the second line, on our side, before an
SVG reaches the cache. It rebuilds the SVG from a parse: elements that run, embed or link (``script``,
``foreignObject``, ``a``, ``image``, animations…) are dropped with their content, so are ``on*`` event
attributes, links that leave the SVG (any ``href`` but ``#id``), ``javascript:`` and outside ``url(...)``
in styles, comments and declarations. Text is escaped again on the way out.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

DROPPED = frozenset(
    "script foreignobject iframe object embed image img a animate set animatemotion animatetransform "
    "audio video canvas discard handler listener link meta base form input button textarea".split()
)
_OUTSIDE_URL = re.compile(r"url\(\s*(?![\"']?#)[^)]*\)", re.I)
_IMPORT = re.compile(r"@import[^;]*;?", re.I)


def clean_css(text: str) -> str:
    """CSS with no ``@import`` and no ``url(...)`` but to an element of the same SVG."""
    return _OUTSIDE_URL.sub("none", _IMPORT.sub("", text)).replace("expression(", "none(")


def _allowed(name: str, value: str) -> bool:
    lowered = "".join(value.split()).lower()
    if name.startswith("on") or "javascript:" in lowered or "data:" in lowered:
        return False
    if name in ("href", "xlink:href", "src", "action", "formaction"):
        return value.startswith("#")
    return True


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []  # open elements, as written (SVG names are case-sensitive)
        self.dropping = 0  # depth inside a dropped element
        self.in_style = False

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> str:
        """Write a start tag; return its name as written."""
        raw = self.get_starttag_text() or ""
        found = re.match(r"<\s*([^\s/>]+)", raw)
        written = found.group(1) if found else tag
        kept = [(k, v or "") for k, v in attrs if _allowed(k, v or "")]
        if len(kept) == len(attrs) and all(clean_css(v) == v for k, v in kept if k == "style"):
            self.out.append(raw)  # as Mermaid wrote it (keeps the case of viewBox, markerWidth…)
            return written
        parts = [written]
        for key, value in kept:
            parts.append(f'{key}="{html.escape(clean_css(value) if key == "style" else value, quote=True)}"')
        self.out.append("<" + " ".join(parts) + end)
        return written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROPPED:
            self.dropping += 1
            return
        self.stack.append(self._open(tag, attrs, ">"))
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropping and tag not in DROPPED:
            self._open(tag, attrs, "/>")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            self.dropping -= 1
            return
        if self.stack and self.stack[-1].lower() == tag:
            self.out.append(f"</{self.stack.pop()}>")
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            # Without HTML labels Mermaid still writes a label's entity codes (#quot;) as HTML entities, into
            # SVG text where they would show as "&quot;": read them once more, as an HTML label would be.
            text = clean_css(data) if self.in_style else html.unescape(data)
            self.out.append(text.replace("&", "&amp;").replace("<", "&lt;"))


def clean_svg(svg: str) -> str:
    """``svg`` rebuilt without anything that could run, load or link (see the module docstring)."""
    cleaner = _Cleaner()
    cleaner.feed(svg)
    cleaner.close()
    while cleaner.stack:  # close what Mermaid left open (it never does; a truncated string might)
        cleaner.out.append(f"</{cleaner.stack.pop()}>")
    return "".join(cleaner.out)
