"""Export the built site to one PDF that reads well offline (run by ``tools/build_pdf.py``).

1. mkdocs-print-site-plugin has already combined every page of the nav, in nav order, into
   ``print_page/`` with a cover and a table of contents (``print-site`` in mkdocs.yml), and
   ``hooks/print_page_ids.py`` has mended it (link targets, a chapter's intro page under its title).
2. That page is served on 127.0.0.1 from a thread and opened in Debian's headless Chromium through
   Playwright, in print media with the light palette. Any request that would leave 127.0.0.1 is aborted
   and fails the export, as does an error the page logs.
3. Every diagram must already be an SVG in the HTML (drawn at build time, so vector in the PDF): a
   ``div.mermaid`` without one would print as its source and fails the export (``print_view``).
4. Checks before printing: the build date goes on the cover (SOURCE_DATE_EPOCH when set), every character
   has a glyph in an installed font (no tofu), the text is drawn with the print fonts; headings get
   aria-levels from the nav depth (the outline nests pages under their chapters), and each part gets its
   running head.
5. Printed twice or more (``studysite.pdf.printing``) so that the contents show page numbers; then pypdf
   sets the metadata (``studysite.pdf.finish``) and poppler checks the fonts and pages
   (``studysite.pdf.poppler``). The PDF is written to a temporary file and moved into place only when
   all is well: on any failure a PdfError with one line, and no PDF.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from studysite.infra.chromium import BrowserError, chromium_path, launch
from studysite.infra.serve import serve
from studysite.pdf.document import PRINT_PAGE_URI, PdfError, build_time, japanese_date, site_prefix
from studysite.pdf.finish import finish
from studysite.pdf.fontcheck import check_fonts_used, check_glyphs
from studysite.pdf.poppler import check_pdf
from studysite.pdf.print_view import check_diagrams, open_print_page
from studysite.pdf.printing import print_with_page_numbers
from studysite.pdf.scripts import script
from studysite.pdf.system import font_charsets


class Progress:
    """One line per step on the terminal, with the seconds since the start."""

    def __init__(self, quiet: bool = False) -> None:
        self.start = time.perf_counter()
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[pdf {time.perf_counter() - self.start:5.1f}s] {message}", flush=True)


def _log_pages(pages: list[dict], log: Progress) -> None:
    for i, item in enumerate(pages, 1):
        kind = "chapter" if item["section"] else "page"
        count = item["diagrams"]
        extra = f" ({count} diagram{'s' if count != 1 else ''})" if count else ""
        log(f"  {kind} {i}/{len(pages)}: {item['number']} {item['title']}{extra}")


def _write(body: bytes, output: Path) -> tuple[int, int]:
    """Write the PDF next to ``output``, check it, and move it into place: (pages, fonts)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".build-pdf-", suffix=".pdf", dir=output.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        counts = check_pdf(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, output)
    finally:
        temp.unlink(missing_ok=True)
    return counts


def export(site: Path, output: Path, log: Progress, environ: Mapping[str, str] = os.environ) -> Path:
    """Print ``site``'s combined page to ``output``; raise PdfError (or FileNotFoundError) on failure."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    print_page = site / PRINT_PAGE_URI / "index.html"
    if not print_page.exists():
        raise PdfError(
            f"{print_page} is missing: build the site first (mkdocs build) with the "
            "print-site plugin enabled in mkdocs.yml"
        )
    log(f"site {site}")
    executable = chromium_path()  # raises FileNotFoundError with what to install, before any work
    ranges = font_charsets()
    moment = build_time(environ)
    date = japanese_date(moment)
    print_html = print_page.read_text(encoding="utf-8")
    prefix = site_prefix(print_html)  # Material's absolute base on this page: serve the site there

    with serve(site, prefix) as base, sync_playwright() as playwright:
        log(f"serving the site on {base}; starting Chromium ({executable})")
        try:
            browser = launch(playwright, "printing the PDF")
        except BrowserError as error:
            raise PdfError(str(error)) from None
        try:
            log(f"opening {PRINT_PAGE_URI} (the combined print page)")
            page, watch = open_print_page(browser, base + PRINT_PAGE_URI)
            pages = page.evaluate(script("pages"))
            if not pages:
                raise PdfError("the print page has no pages: is the nav empty?")
            _log_pages(pages, log)
            check_diagrams(page, log)

            dangling = page.evaluate(script("prepare"), date)
            if dangling:
                log(
                    f"{len(dangling)} internal link(s) with no target in the print page (not clickable "
                    f"in the PDF): {', '.join(dangling[:3])}"
                )
            page.evaluate("() => document.fonts.ready.then(() => true)")

            texts = page.evaluate(script("text"))
            cover = page.evaluate(script("cover"))
            texts["フッター"] = cover["title"] + " 0123456789 /"
            check_glyphs(texts, ranges, log)
            check_fonts_used(page, log)
            watch.check()

            headings = page.evaluate(script("headings"))
            data = print_with_page_numbers(page, log)
            watch.check()
        except PlaywrightError as error:
            raise PdfError(f"Chromium: {str(error).splitlines()[0]}") from None
        finally:
            browser.close()

    documents = [p for p in pages if not p["section"]]
    log(f"{len(documents)} pages of the site printed; writing metadata and checking the PDF")
    body = finish(data, cover, moment, headings, log)
    count, fonts = _write(body, output)
    log(f"wrote {output} ({count} PDF pages, {len(body) / 1e6:.2f} MB, {fonts} embedded fonts, built {date})")
    return output
