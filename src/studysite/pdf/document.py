"""What the PDF export of the site (``studysite.pdf.export``) is about: where things are, the fonts it
prints with, its error, its dates, and what it reads off the print page. Pure: text in, text out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime

#: Where the PDF lands inside the built site, and so its URL relative to the site root.
PDF_URI = "pdf/container-study-notes.pdf"
#: The combined page made by mkdocs-print-site-plugin (``print_page_basename`` + directory URLs).
PRINT_PAGE_URI = "print_page/"
#: The fonts the print stylesheet asks for (docs/assets/stylesheets/print.css), and the Debian package of
#: each. TrueType with a real bold, so that Chromium embeds them as CID TrueType subsets: it embeds CFF
#: fonts (Noto CJK) and synthesised bold as Type 3.
TEXT_FONT = "BIZ UDPGothic"
CODE_FONT = "BIZ UDGothic"
FONT_PACKAGES = {TEXT_FONT: "fonts-morisawa-bizud-gothic", CODE_FONT: "fonts-morisawa-bizud-gothic"}
#: The site's own code font (a TrueType WOFF2, ``studysite.site.code_font``) that print.css sets code in,
#: so code keeps its columns on paper; CODE_FONT is its fallback.
GRID_CODE_FONT = "Study Code"


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
