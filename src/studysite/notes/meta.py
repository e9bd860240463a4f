"""Page descriptions for link previews: front matter first, else the page's first paragraph."""

from __future__ import annotations

from html.parser import HTMLParser

#: Elements whose text never belongs in a description (footnote markers, permalinks, code, scripts).
_SKIP = {"sup", "script", "style", "code", "pre", "a.headerlink"}


class _FirstParagraph(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the first top-level <p>
        self.skip = 0
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "p":
            self.depth += 1
        elif self.depth and (tag in _SKIP or ("class", "headerlink") in attrs):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.done or not self.depth:
            return
        if tag == "p":
            self.depth -= 1
            self.done = self.depth == 0 and bool("".join(self.parts).strip())
        elif self.skip and tag in {"sup", "script", "style", "code", "pre", "a"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and not self.done:
            self.parts.append(data)


def first_paragraph(html: str, limit: int = 120) -> str | None:
    """The text of the first non-empty ``<p>``, whitespace collapsed, cut at ``limit`` characters."""
    parser = _FirstParagraph()
    parser.feed(html)
    text = " ".join("".join(parser.parts).split())
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
