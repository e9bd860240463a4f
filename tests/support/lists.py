"""List trees for tests: as the raw Markdown's indentation draws them, and as a built page renders them."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.support.preview import preview_html

_VOID = {"br", "hr", "img", "input", "wbr", "meta", "link", "source"}


def raw_tree(markdown: str) -> list[tuple[int, str]]:
    """(depth, text) of each list item as the note's CommonMark preview shows it."""
    return html_tree(f"<article>{preview_html(markdown)}</article>")


class _Items(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0  # depth inside the page's article
        self.lists = 0
        self.skip = 0  # inside footnotes or code
        self.items: list[list] = []  # [depth, text]
        self.open: list[list] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in _VOID:
            return
        if tag == "article":
            self.inside += 1
        if not self.inside:
            return
        if self.skip or "footnote" in classes or tag in ("pre", "sup"):
            self.skip += 1
            return
        if tag in ("ul", "ol"):
            self.lists += 1
        elif tag == "li":
            item = [self.lists - 1, ""]
            self.items.append(item)
            self.open.append(item)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "article":
            self.inside -= 1
        if not self.inside:
            return
        if self.skip:
            self.skip -= 1
            return
        if tag in ("ul", "ol"):
            self.lists -= 1
        elif tag == "li" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.inside and not self.skip and self.open and self.open[-1][0] == self.lists - 1:
            self.open[-1][1] += data


def html_tree(html: str) -> list[tuple[int, str]]:
    """(depth, own text) of each list item in a page's article, footnotes left out."""
    parser = _Items()
    parser.feed(html)
    return [(depth, " ".join(text.split())) for depth, text in parser.items]
