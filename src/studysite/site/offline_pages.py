"""Offline bundle pages that open from ``file://`` like the others, and the PDF inside the bundle.

MkDocs renders error pages (``404.html``) with an absolute base, the path of ``site_url``, so that they
work at any depth of a web server; mkdocs-print-site-plugin renders the print page with the same
context. From ``file://`` that base is the root of the disk: styles, scripts and the search index are
looked for there. In the offline bundle every such page sits at the bundle's root (no directory URLs),
so its base is ``.``, as for the home page.

The bundle also carries the PDF of the site, where the home page's "PDF版" link expects it, and
:func:`broken_links` checks that every local link and asset of every page is a file of the bundle.

Run as ``python -m studysite.site.offline_pages SITE_DIR PDF`` before zipping (``make offline``).
"""

from __future__ import annotations

import re
import shutil
import sys
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from studysite.pdf.document import PDF_URI

#: The base of every page at the bundle's root.
ROOT_BASE = "."
_ERROR_PAGE = re.compile(r"^\d{3}\.html$")
#: Attributes that make the browser load or open a URL. Code on a page is escaped text, never a tag.
_URL_ATTR = re.compile(r"""<(?:a|link|script|img|source|iframe)\b[^>]*?\s(?:href|src)=(["'])(.*?)\1""", re.S)


def root_page_base(template_name: str, offline: bool) -> str | None:
    """The base URL to give a theme template rendered with an absolute one (error pages), or None."""
    return ROOT_BASE if offline and _ERROR_PAGE.match(template_name) else None


def add_pdf(site_dir: Path, pdf: Path) -> Path:
    """Copy the site's PDF into the bundle, where the pages link to it; FileNotFoundError if there is none."""
    if not pdf.is_file():
        raise FileNotFoundError(f"{pdf} is missing: export the PDF first (make pdf)")
    dest = site_dir / PDF_URI
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, dest)
    return dest


def local_targets(page_html: str) -> list[str]:
    """The URLs a page loads or links to that point into the bundle (no scheme, no ``//``, not ``#``)."""
    urls = [unescape(url).strip() for _, url in _URL_ATTR.findall(page_html)]
    return [
        url
        for url in urls
        if url
        and not url.startswith(("#", "//"))
        and not urlsplit(url).scheme
        and not url.startswith("javascript")
    ]


def broken_links(site_dir: Path) -> list[str]:
    """``page: url`` for every local URL of every HTML page that is no file of the bundle (a directory is
    none either: ``file://`` shows its listing, not its index.html), outside the bundle, or absolute."""
    broken = []
    root = site_dir.resolve()
    for page in sorted(site_dir.rglob("*.html")):
        name = page.relative_to(site_dir).as_posix()
        for url in local_targets(page.read_text(encoding="utf-8")):
            path = unquote(urlsplit(url).path)
            if not path:
                continue
            target = (page.parent / path).resolve() if not path.startswith("/") else Path(path)
            if path.startswith("/") or not target.is_relative_to(root) or not target.is_file():
                broken.append(f"{name}: {url}")
    return broken


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m studysite.site.offline_pages SITE_DIR PDF", file=sys.stderr)
        return 2
    site_dir, pdf = Path(argv[0]), Path(argv[1])
    try:
        add_pdf(site_dir, pdf)
    except FileNotFoundError as error:
        print(f"offline: error: {error}", file=sys.stderr)
        return 1
    broken = broken_links(site_dir)
    if broken:
        print(
            f"offline: error: {len(broken)} link(s) lead nowhere in the bundle: {'; '.join(broken[:5])}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
