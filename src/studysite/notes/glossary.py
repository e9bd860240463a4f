"""Hover definitions for glossary terms, matched the way Japanese text needs.

Python-Markdown's ``abbr`` only matches whole words, and running Japanese text has no word breaks, so
「コンテナ」 inside a sentence never matched. Here a term matches anywhere in running text, except that a
term that starts or ends with an ASCII letter or digit must not touch another one ("OCI" is not matched
inside "OCIs", "LXC" not inside "LXCFS"). Longer terms win ("コンテナエンジン" before "コンテナ").

Each term is defined once per page, at its first occurrence in running text; text inside code, links,
headings, existing ``<abbr>``, diagrams and scripts is left alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from studysite.infra.problem import Problem

_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<text>.*)$")
_SKIP = frozenset(
    {
        "a",
        "abbr",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "svg",
        "textarea",
        "button",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "time",
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class GlossaryError(ValueError):
    """The glossary is not valid; ``problem`` says where (the hook knows the file)."""

    def __init__(self, line: int, message: str) -> None:
        self.problem = Problem(line, message)
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, str]
    pattern: re.Pattern[str] | None
    by_html: dict[str, str] = field(default_factory=dict)  # a term as HTML text (``R&amp;D``) -> the term
    quick: re.Pattern[str] | None = None  # the terms alone: does a page hold any at all


def parse_abbreviations(text: str) -> dict[str, str]:
    """``*[term]: definition`` lines (blank lines and ``<!-- -->`` comments allowed) → {term: definition}."""
    terms: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("<!--") and stripped.endswith("-->")):
            continue
        match = _LINE.match(stripped)
        if not match:
            raise GlossaryError(number, f"expected '*[term]: definition', got {stripped[:40]!r}")
        term, definition = match["term"].strip(), match["text"].strip()
        if not definition:
            raise GlossaryError(number, f"term {term!r} has no definition")
        if term in terms:
            raise GlossaryError(number, f"term {term!r} is defined twice")
        terms[term] = definition
    return terms


def load_glossary(path: Path, name: str) -> Glossary:
    """The compiled glossary of an abbreviations file (``name`` is how errors call it); raises
    ``studysite.infra.textfile.TextFileError`` or :class:`GlossaryError`."""
    from studysite.infra.textfile import read_text

    return compile_glossary(parse_abbreviations(read_text(path, name)))


def _alternative(term: str) -> str:
    """The regex for a term as it appears in HTML text: markup characters as entities (``R&D`` is
    ``R&amp;D``), and an ASCII letter or digit at either end must not touch another one."""
    before = r"(?<![A-Za-z0-9])" if term[0].isascii() and term[0].isalnum() else ""
    after = r"(?![A-Za-z0-9])" if term[-1].isascii() and term[-1].isalnum() else ""
    return before + re.escape(html.escape(term, quote=False)) + after


#: A character reference in HTML text; matched whole, after the terms, so that no term is found inside one
#: (a term ``lt`` in ``&lt;``), while a term that starts with an escaped character (``&amp;``) still wins.
_ENTITY = r"(?P<entity>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"


def compile_glossary(terms: dict[str, str]) -> Glossary:
    if not terms:
        return Glossary({}, None)
    ordered = sorted(terms, key=lambda term: (-len(term), term))
    # The lookahead on the first characters lets the regex engine pass most positions without trying
    # each alternative (twice as fast on a page); it matches exactly what the alternatives match.
    escaped = {html.escape(term, quote=False): term for term in ordered}
    first = "".join(sorted({text[0] for text in escaped}))
    alternatives = "|".join(_alternative(term) for term in ordered)
    pattern = re.compile(f"(?=[{re.escape(first + '&')}])(?:{alternatives}|{_ENTITY})")
    quick = re.compile(f"(?=[{re.escape(first)}])(?:{alternatives})")
    return Glossary(dict(terms), pattern, escaped, quick)


#: The markup of a page's HTML, in document order: comments, raw-text elements whole (their text is no
#: running text), start and end tags (quoted attribute values may hold '>'), declarations. Between two
#: matches is text. A regex, not html.parser: this runs on every page and the parser was 5x slower.
_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style|textarea|title)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>.*?</(?P=raw)\s*>"
    r"|<(?P<end>/)?(?P<tag>[A-Za-z][^\s/>]*)(?P<attrs>(?:\"[^\"]*\"|'[^']*'|[^'\">])*)>"
    r"|<[!?][^>]*>",
    re.S | re.I,
)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def _classes(attrs: str) -> list[str]:
    found = _CLASS.search(attrs)
    return "".join(found.groups(default="")).split() if found else []


_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _chunks(page_html: str) -> Iterator[tuple[str, bool, str]]:
    """A page's HTML in document order as (piece, is running text, id of the heading it follows).

    Running text is what the glossary marks: text outside the elements of ``_SKIP``, diagrams and
    permalinks. The heading id is "" before the first heading with an id, and after an ``h1``.
    """
    skip: list[str] = []  # open elements whose text is left alone
    section = ""
    position = 0
    for markup in _MARKUP.finditer(page_html):
        if text := page_html[position : markup.start()]:
            yield text, not skip, section
        yield markup.group(0), False, section
        position = markup.end()
        tag = (markup.group("tag") or "").lower()
        if not tag:
            continue
        if markup.group("end"):
            if skip and skip[-1] == tag:
                skip.pop()
        elif tag not in _VOID and not markup.group("attrs").rstrip().endswith("/"):
            attrs = markup.group("attrs")
            if tag in _HEADINGS:
                found = _ID.search(attrs)
                section = "" if tag == "h1" or not found else "".join(found.groups(default=""))
            classes = _classes(attrs)
            if skip or tag in _SKIP or "mermaid" in classes or "headerlink" in classes:
                skip.append(tag)
    if tail := page_html[position:]:
        yield tail, not skip, section


def annotate(page_html: str, glossary: Glossary) -> str:
    """Add a hover definition to the first occurrence of each glossary term in a page's running text.

    Once per page keeps the text readable: a dotted underline under every 「コンテナ」 would not be.
    """
    return annotate_and_find(page_html, glossary)[0]


def term_uses(page_html: str, glossary: Glossary) -> dict[str, list[str]]:
    """Where each glossary term occurs in a page's running text (see :func:`annotate_and_find`)."""
    return annotate_and_find(page_html, glossary)[1]


def annotate_and_find(page_html: str, glossary: Glossary) -> tuple[str, dict[str, list[str]]]:
    """:func:`annotate`'s page, and where each term occurs, in one pass with the same matcher: every
    occurrence in running text, not only the first, as {term: heading ids of the sections it is in, in
    order, "" for the top of the page}. A longer term hides the shorter one inside it, as in the marking."""
    uses: dict[str, list[str]] = {}
    if glossary.pattern is None or (glossary.quick and not glossary.quick.search(page_html)):
        return page_html, uses
    seen: set[str] = set()  # terms already defined on this page
    where = [""]  # the section of the text being matched

    def wrap(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group("entity"):
            return found
        term = glossary.by_html[found]
        sections = uses.setdefault(term, [])
        if where[0] not in sections:
            sections.append(where[0])
        if term in seen:
            return found
        seen.add(term)
        return f'<abbr title="{html.escape(glossary.terms[term], quote=True)}">{found}</abbr>'

    out: list[str] = []
    for piece, text, section in _chunks(page_html):
        where[0] = section
        out.append(glossary.pattern.sub(wrap, piece) if text else piece)
    return "".join(out), uses
