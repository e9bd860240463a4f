"""Pure helpers behind ``tools/build_pdf.py``: the site as one PDF (no MkDocs, no browser in here).

Everything is text in, text out: dates from SOURCE_DATE_EPOCH, the Mermaid loader script that
the theme puts on diagram pages, fontconfig charsets, ``pdffonts`` output, outline checks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

#: Where the PDF lands inside the built site, and so its URL relative to the site root.
PDF_URI = "pdf/container-study-notes.pdf"
#: The combined page made by mkdocs-print-site-plugin (``print_page_basename`` + directory URLs).
PRINT_PAGE_URI = "print_page/"
#: The fonts the print stylesheet asks for; fontconfig must know both.
TEXT_FONT = "Noto Sans CJK JP"
CODE_FONT = "Noto Sans Mono CJK JP"


class PdfError(RuntimeError):
    """A failure of the PDF export, with a one-line message meant for the terminal."""


# -- dates ---------------------------------------------------------------------------------------------


def build_time(environ: Mapping[str, str], now: datetime | None = None) -> datetime:
    """The build time: SOURCE_DATE_EPOCH (reproducible builds) if set, else now; always UTC."""
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not raw.isdigit():
            raise PdfError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {raw!r}")
        return datetime.fromtimestamp(int(raw), tz=UTC)
    return (now or datetime.now(UTC)).astimezone(UTC)


def japanese_date(moment: datetime) -> str:
    """``2026年11月28日``: the date printed on the cover."""
    return f"{moment.year}年{moment.month}月{moment.day}日"


def pdf_date(moment: datetime) -> str:
    """A PDF date string (ISO 32000 7.9.4) in UTC: ``D:20261128023639+00'00'``."""
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


# -- the Mermaid loader ----------------------------------------------------------------------------------

_MODULE_SCRIPT = re.compile(r"<script type=\"module\">(.*?)</script>", re.S)
_IMPORT = re.compile(r"import\s+mermaid\s+from\s+\"([^\"]+)\";?")


@dataclass(frozen=True)
class LoaderScript:
    module_url: str  # absolute path of the loader module on the server, e.g. /assets/javascripts/x.mjs
    init: str  # the rest of the script: ``mermaid.initialize({...});``

    def source(self) -> str:
        return f'import mermaid from "{self.module_url}";\n{self.init}'


def loader_script(page_html: str, page_path: str) -> LoaderScript | None:
    """The module script the theme writes on a diagram page, with its import made absolute.

    The combined print page is rendered after the other pages and never gets this script, so the PDF
    step adds it. ``page_path`` is the page's path on the server (``/docker-1/page/``).
    """
    for body in _MODULE_SCRIPT.findall(page_html):
        found = _IMPORT.search(body)
        if found:
            url = urljoin(page_path, found.group(1))
            return LoaderScript(url, (body[: found.start()] + body[found.end() :]).strip())
    return None


_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def site_prefix(page_html: str) -> str:
    """The URL path the site expects to be served under (``/study/``), from Material's ``__config``.

    The print page is rendered with the context of 404.html, whose base is absolute (the path of
    site_url): the search worker and other assets are fetched from there.
    """
    found = _CONFIG.search(page_html)
    base = json.loads(found.group(1)).get("base", "") if found else ""
    if not base.startswith("/"):
        return "/"
    return base.rstrip("/") + "/"


# -- fonts -------------------------------------------------------------------------------------------------


def parse_charset(text: str) -> list[tuple[int, int]]:
    """fontconfig's ``%{charset}`` (``20-7e a0 3000-303f``) as inclusive code point ranges."""
    ranges = []
    for part in text.split():
        low, _, high = part.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return sorted(ranges)


def covered(char: str, ranges: Iterable[tuple[int, int]]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def needs_glyph(char: str) -> bool:
    """False for characters no font draws: controls, format characters, variation selectors, spaces."""
    if char.isspace():
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp", "Zs"):
        return False
    return not (0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF)


def uncovered(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    """The distinct characters of ``text`` that need a glyph the font (``ranges``) lacks, sorted."""
    return sorted({c for c in text if needs_glyph(c) and not covered(c, ranges)})


def describe(char: str) -> str:
    """``U+2192 '→' (RIGHTWARDS ARROW)``."""
    return f"U+{ord(char):04X} {char!r} ({unicodedata.name(char, 'unnamed')})"


def context_of(char: str, text: str, width: int = 20) -> str:
    """A short excerpt of ``text`` around the first ``char``, on one line."""
    at = text.find(char)
    return " ".join(text[max(0, at - width) : at + width + 1].split())


@dataclass(frozen=True)
class PdfFont:
    name: str
    kind: str
    embedded: bool
    unicode: bool


def parse_pdffonts(output: str) -> list[PdfFont]:
    """Rows of poppler's ``pdffonts`` table. Columns are found from the dashed rule under the header."""
    lines = output.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("---")), None)
    if rule is None:
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[rule])]
    fonts = []
    for line in lines[rule + 1 :]:
        if not line.strip():
            continue
        cells = [line[start : end + 1].strip() for start, end in spans]
        fonts.append(PdfFont(cells[0], cells[1], cells[3] == "yes", cells[5] == "yes"))
    return fonts


# -- outline and contents --------------------------------------------------------------------------------


def flatten_outline(outline: list, depth: int = 0) -> list[tuple[int, str]]:
    """pypdf's nested ``reader.outline`` as ``(depth, title)`` in reading order."""
    flat: list[tuple[int, str]] = []
    for item in outline:
        if isinstance(item, list):
            flat += flatten_outline(item, depth + 1)
        else:
            flat.append((depth, str(item.title)))
    return flat


def undouble(title: str) -> str:
    """``"目次目次"`` -> ``"目次"``: a title that is one text twice over, as Chromium sometimes makes."""
    half, odd = divmod(len(title), 2)
    return title[:half] if not odd and half and title[:half] == title[half:] else title


def outline_matches(titles: list[str], headings: list[str]) -> bool:
    """True when the outline titles are the headings, one for one (doubled titles allowed)."""
    return len(titles) == len(headings) and all(
        squash(undouble(title)) == squash(heading) or squash(title) == squash(heading)
        for title, heading in zip(titles, headings, strict=False)
    )


def missing_in_order(expected: list[str], found: list[str]) -> list[str]:
    """The ``expected`` items that ``found`` lacks once each is looked for after the previous one."""
    missing, at = [], 0
    for item in expected:
        try:
            at = found.index(item, at) + 1
        except ValueError:
            missing.append(item)
    return missing


def squash(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks lines and spaces where layout does."""
    return "".join(text.split())
