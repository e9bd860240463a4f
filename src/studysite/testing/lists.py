"""List trees for tests: as the raw Markdown's indentation draws them, and as a built page renders them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from studysite.notes.lists import code_lines, indent_of

_VOID = {"br", "hr", "img", "input", "wbr", "meta", "link", "source"}
_ITEM = re.compile(r"([*+-]|\d{1,9}[.)])[ \t]+(?P<text>.*)")


def raw_tree(markdown: str) -> list[tuple[int, str]]:
    """(depth, text) of each list item, depth by the writer's indentation (any step): an item is nested
    in the nearest item above it that is indented less. Code and list-looking lines that continue a
    paragraph are not items."""
    lines = markdown.split("\n")
    code = code_lines(markdown)
    found: list[tuple[int, str]] = []
    markers: list[int] = []
    in_list = False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _ITEM.fullmatch(line.strip())
        starts_block = i == 0 or not lines[i - 1].strip() or lines[i - 1].lstrip().startswith("#")
        if code[i] or not m or not (in_list or starts_block):
            in_list = in_list and (indent_of(line) > 0 or not starts_block)
            continue
        ind = indent_of(line)
        while markers and markers[-1] >= ind:
            markers.pop()
        found.append((len(markers), m.group("text")))
        markers.append(ind)
        in_list = True
    return found


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
