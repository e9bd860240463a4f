"""HTML from notes is untrusted: sanitized with ammonia (``nh3``) and an allowlist modelled on GitHub's.

:func:`sanitize` cleans the HTML that Python-Markdown made of a note, before our own trusted markup
(diagram SVG, glossary ``abbr``) is added. The allowlist keeps what notes legitimately use and exactly
what Python-Markdown's extensions and our Markdown-level passes emit (admonitions, footnotes, code
highlighting, permalinks, the timeline, the layer diagrams' テキスト版), so a clean page keeps its bytes:
ammonia re-serializes everything it reads, so its output is used only when it removed something. Whether
it did is decided by parsing both with an HTML5 parser (lexbor, as a browser parses) and comparing what
each holds; the difference is also what the warnings name (:class:`Removal`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Elements kept, and why (the closing note of issue 22 lists them too).
TAGS: dict[str, str] = {
    **{f"h{n}": "headings" for n in range(1, 7)},
    **dict.fromkeys(("p", "br", "hr", "blockquote", "pre", "code"), "Markdown's own blocks and breaks"),
    **dict.fromkeys(("em", "strong", "b", "i", "s", "del", "ins", "q", "cite"), "inline emphasis"),
    **dict.fromkeys(("ul", "ol", "li"), "lists"),
    **dict.fromkeys(("dl", "dt", "dd"), "definition lists (def_list)"),
    **dict.fromkeys(
        ("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"), "tables (tables extension)"
    ),
    "a": "links (href judged by scheme), permalinks, footnote links, code line anchors",
    "img": "images with an http(s) or relative src",
    "div": "admonitions, footnotes, code blocks, md_in_html, the timeline, the mermaid placeholder",
    "span": "code highlighting tokens, inline markup pasted from editors",
    "sup": "footnote references, exponents",
    "sub": "subscripts (H<sub>2</sub>O)",
    "details": "collapsible blocks (pymdownx.details, the layer diagrams' テキスト版)",
    "summary": "the title of a details block",
    "kbd": "keys (Ctrl + C)",
    "mark": "highlighted text",
    "abbr": "abbreviations with a title",
    "small": "fine print",
    "samp": "program output",
    "var": "variables",
    "dfn": "defined terms",
    "time": "dates (the timeline)",
    "section": "the timeline's events",
    "figure": "figures",
    "figcaption": "figure captions",
    "ruby": "ruby (furigana) for Japanese readings",
    "rt": "ruby text",
    "rp": "ruby fallback parentheses",
    "wbr": "line-break opportunities in long words",
    "bdo": "text direction",
}

#: Attributes kept on every element: structure and accessibility, nothing that runs or styles.
GENERIC_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "hidden"}
GENERIC_PREFIXES = {"aria-"}

#: Attributes kept on particular elements (URL attributes are judged by scheme besides).
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "name", "hreflang", "download"},  # download: the home page's PDF link (attr_list)
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "time": {"datetime"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "code": {"tabindex"},  # pymdownx.highlight marks scrollable code focusable
    "pre": {"tabindex"},
    # the timeline block (partials/timeline.html); a diagram's title and description (hooks/draw_diagrams.py)
    "div": {"data-timeline-events", "data-acc-title", "data-acc-descr"},
    "section": {"aria-labelledby"},
}

#: Exact attribute values kept where the attribute itself is not free: the tables extension aligns
#: columns with a style attribute, the only style kept.
ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    cell: {"style": {f"text-align: {side};" for side in ("left", "center", "right")}} for cell in ("th", "td")
}

#: Schemes of live URLs (relative URLs and #fragments are kept too).
URL_SCHEMES = {"http", "https", "mailto"}
#: Attributes whose value is a URL (judged by scheme).
URL_ATTRIBUTES = {"href", "src", "cite"}

#: Elements removed with their content (the rest are unwrapped: their text stays, as text).
CLEAN_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "math",
    "svg",
    "select",
}

#: Ids (and names) the theme's own elements and scripts use start with "__" (``#__config``, ``#__search``,
#: ``#__drawer``, ``#__palette_0``): a note's element with such an id comes first in the page and would
#: stand in for the theme's (``<div id="__config">`` would hand Material another configuration). Only
#: pymdownx.highlight's line anchors, which our own build emits, keep the prefix.
RESERVED_ID = re.compile(r"__(?!(?:codelineno|span)-\d+-\d+$)")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("id", "name") and RESERVED_ID.match(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=CLEAN_CONTENT,
    attributes={**{tag: set(names) for tag, names in ATTRIBUTES.items()}, "*": GENERIC_ATTRIBUTES},
    tag_attribute_values=ATTRIBUTE_VALUES,
    generic_attribute_prefixes=GENERIC_PREFIXES,
    url_schemes=URL_SCHEMES,
    strip_comments=False,
    link_rel=None,
    attribute_filter=_attribute_filter,
)


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer took out: an element, or an attribute (with its value) of an element."""

    tag: str
    attribute: str | None = None
    value: str = ""
    count: int = 1  # how many such elements or attributes went

    @property
    def message(self) -> str:
        if self.attribute is None:
            text = f" ({_short(self.value, 40)!r})" if self.value.strip() else ""
            return f"<{self.tag}>{text} removed"
        return f"{self.attribute}={_short(self.value)!r} removed from <{self.tag}>"

    @property
    def reason(self) -> str:
        """Why it went, for the writer."""
        if self.attribute in ("id", "name") and RESERVED_ID.match(self.value):
            return "ids starting with '__' are the theme's own"
        if self.attribute in URL_ATTRIBUTES:
            return "only http, https, mailto, relative and #fragment URLs are live links"
        if self.attribute is not None:
            return "HTML in a note is untrusted: event handlers, styles and unknown attributes are dropped"
        return "HTML in a note is untrusted: this element is not on the allowlist (README, 'HTML in notes')"

    @property
    def needles(self) -> tuple[tuple[str, ...], ...]:
        """Text that finds this removal in the note's source, most specific first: each needle is a tuple
        of strings that must all be on the line."""
        value = self.value.strip()[:60]
        if self.attribute is None:
            tag = f"<{self.tag}"
            return ((tag, value), (tag,)) if value else ((tag,),)
        name = f"{self.attribute}="
        return ((value,), (name,)) if value else ((name,),)


@dataclass(frozen=True)
class Sanitized:
    html: str
    removals: list[Removal]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sanitize(html: str) -> Sanitized:
    """``html`` cleaned by the allowlist; ``html`` itself, byte for byte, when nothing had to go."""
    if not html:
        return Sanitized(html, [])
    cleaned = _CLEANER.clean(html)
    before, after = _parse(html), _parse(cleaned)
    if before.html == after.html:
        return Sanitized(html, [])
    removals = _removed(_inventory(before), _inventory(after), before, after)
    if not removals:  # the same elements and attributes, only arranged otherwise: nothing was taken out
        return Sanitized(html, [])
    # a link whose URL went is text, not a link without a target (which would still look like one)
    return Sanitized(_BARE_LINK.sub(r"\1", cleaned), removals)


#: A link left with no attributes at all (ammonia's output; links cannot nest).
_BARE_LINK = re.compile(r"<a>(.*?)</a>", re.S)


def _parse(html: str) -> LexborNode:
    body = LexborHTMLParser(f"<!DOCTYPE html><body>{html}").body
    assert body is not None
    return body


def _inventory(body: LexborNode) -> Counter[tuple[str, str | None, str]]:
    """Every element (tag, None, "") and attribute (tag, name, value) in the tree, and comments."""
    found: Counter[tuple[str, str | None, str]] = Counter()
    for node in body.traverse(include_text=False):
        tag = node.tag or ""
        if tag in ("body", "-text"):
            continue
        if tag == "-comment":
            found[(tag, None, node.comment_content or "")] += 1
            continue
        found[(tag, None, "")] += 1
        for name, value in node.attributes.items():
            found[(tag, name, value or "")] += 1
    return found


def _removed(before: Counter, after: Counter, tree: LexborNode, cleaned: LexborNode) -> list[Removal]:
    gone = before - after
    removals = []
    for (tag, attribute, value), count in gone.items():
        if tag == "-comment":
            continue
        if attribute is None:  # name each removed element by its text, to find it in the note
            texts = _texts(tree, tag) - _texts(cleaned, tag)
            for text, n in texts.items():
                removals.append(Removal(tag, None, text, min(n, count)))
                count -= min(n, count)
            if count > 0:
                removals.append(Removal(tag, None, "", count))
        else:
            removals.append(Removal(tag, attribute, value, count))
    # an element's attributes go with it: name the element only
    elements = {r.tag for r in removals if r.attribute is None}
    return [
        r
        for r in removals
        if r.count > 0 and (r.attribute is None or r.tag not in elements or _kept(r, after))
    ]


def _texts(body: LexborNode, tag: str) -> Counter[str]:
    """The elements of ``tag`` by what tells them apart in the note: their text, else their first
    attribute's value."""
    found: Counter[str] = Counter()
    for node in body.traverse(include_text=False):
        if node.tag == tag:
            text = node.text(deep=True).strip() or next(iter(node.attributes.values()), "") or ""
            found[_short(text, 60)] += 1
    return found


def _kept(removal: Removal, after: Counter) -> bool:
    """True when elements of this tag remain, so the attribute was taken from a kept one."""
    return after[(removal.tag, None, "")] > 0
