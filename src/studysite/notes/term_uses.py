"""Where each glossary entry's terms are used: the pages and sections, listed under the entry.

The uses come from :func:`studysite.notes.glossary.term_uses`, the matcher that marks the terms; here
they are grouped per glossary entry (an entry ``コンテナイメージ / イメージ`` has two terms) and put
under the entry's definition. Pure: HTML and data in, HTML out; the hook hands in the template.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

#: A definition-list entry: ``<dt id="kernel">カーネル</dt>`` (the id is optional) and the ``<dd>`` after it.
_ENTRY = re.compile(
    r"""(?P<dt><dt\b(?P<attrs>[^>]*)>(?P<text>.*?)</dt>)\s*(?P<dd><dd\b[^>]*>.*?)(?P<end></dd>)""",
    re.S,
)
_ID = re.compile(r'\sid\s*=\s*"([^"]+)"')
_TAG = re.compile(r"<[^>]*>")
#: How the glossary writes several spellings of one entry: ``VM / 仮想マシン``.
SPELLINGS = re.compile(r"\s+/\s+")
#: The glossary page (below docs/): its definition-list entries are the glossary's entries.
GLOSSARY_PAGE = "glossary.md"
_SPACES = re.compile(r"\s+")
_BLOCK = re.compile(r"</?(?:p|br|li|ul|ol|div|dd|dt|dl)\b[^>]*>", re.I)


@dataclass(frozen=True)
class Entry:
    """One glossary entry as plain text: its anchor, its heading (``VM / 仮想マシン``), its definition."""

    anchor: str
    title: str
    text: str


def glossary_entries(glossary_html: str) -> list[Entry]:
    """The entries with an id (``<dt id>`` and its ``<dd>``) of the glossary page's HTML, in order, as plain
    text (an entry without an id has no address for a search result)."""
    return [
        Entry(found.group(1), _plain(match["text"]), _plain(match["dd"]))
        for match in _ENTRY.finditer(glossary_html)
        if (found := _ID.search(match["attrs"]))
    ]


def _plain(fragment: str) -> str:
    text = _TAG.sub("", _BLOCK.sub(" ", fragment))  # inline markup (abbr, a, code) joins its text
    return _SPACES.sub(" ", html.unescape(text)).strip()


@dataclass(frozen=True)
class Link:
    url: str
    title: str


@dataclass(frozen=True)
class PageUse:
    page: Link
    sections: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class PageTerms:
    """One page's uses of the terms: {term: heading ids, "" for the top of the page}."""

    url: str  # relative to the glossary page
    title: str
    headings: dict[str, str]  # heading id -> its text
    uses: dict[str, list[str]]


def spellings(dt_html: str) -> list[str]:
    """The terms a glossary entry's ``<dt>`` names: its text split at " / "."""
    text = html.unescape(_TAG.sub("", dt_html)).strip()
    return [part for part in SPELLINGS.split(text) if part]


def entry_uses(terms: Sequence[str], pages: Sequence[PageTerms]) -> list[PageUse]:
    """The pages (in the given order) that use any of ``terms``, each with its sections in order."""
    found: list[PageUse] = []
    for page in pages:
        ids: list[str] = []
        for term in terms:
            for section in page.uses.get(term, []):
                if section not in ids:
                    ids.append(section)
        if not ids:
            continue
        order = {anchor: i for i, anchor in enumerate(page.headings)}
        sections = sorted((anchor for anchor in ids if anchor in page.headings), key=order.__getitem__)
        found.append(
            PageUse(
                Link(page.url, page.title),
                [Link(f"{page.url}#{anchor}", page.headings[anchor]) for anchor in sections],
            )
        )
    return found


def add_uses(glossary_html: str, pages: Sequence[PageTerms], render: Callable[[list[PageUse]], str]) -> str:
    """The glossary page's HTML with ``render(uses)`` at the end of each entry's ``<dd>`` (entries whose
    terms no page uses are left as they are)."""

    def insert(match: re.Match[str]) -> str:
        uses = entry_uses(spellings(match["text"]), pages)
        if not uses:
            return match.group(0)
        return match.group(0)[: match.start("end") - match.start()] + render(uses) + match["end"]

    return _ENTRY.sub(insert, glossary_html)
