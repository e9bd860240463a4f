"""Printing the prepared page: Chromium's PDF twice or more, until the table of contents shows the page
every entry lands on (their number boxes have a fixed width in print.css: nothing moves)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studysite.pdf.document import PdfError
from studysite.pdf.finish import named_dest_pages
from studysite.pdf.scripts import script

#: Page size, margins, running heads and page numbers all come from @page rules in print.css.
PDF_OPTIONS: dict[str, Any] = {
    "format": "A4",
    "print_background": True,
    "prefer_css_page_size": True,
    "display_header_footer": False,
    "outline": True,
    "tagged": True,
}
PASSES = 3


def print_with_page_numbers(page: Any, log: Callable[[str], None]) -> bytes:
    """The PDF of ``page`` whose table of contents carries the right page numbers."""
    page.evaluate(script("fragment_links"))
    targets = page.evaluate(script("toc_targets"))
    log(f"printing (pass 1: where the {len(targets)} table-of-contents entries land)")
    data: bytes = page.pdf(**PDF_OPTIONS)
    numbers = [0] * len(targets)
    for attempt in range(PASSES):
        dests = named_dest_pages(data)
        numbers_now = [dests.get(target, 0) for target in targets]
        if numbers_now == numbers:
            break
        numbers = numbers_now
        page.evaluate(script("set_toc_pages"), numbers)
        log(f"printing (pass {attempt + 2}: page numbers in the table of contents)")
        data = page.pdf(**PDF_OPTIONS)
    else:
        raise PdfError(f"table-of-contents page numbers do not settle after {PASSES} passes")
    lost = [t for t, n in zip(targets, numbers, strict=True) if not n]
    if lost:
        raise PdfError(f"table-of-contents links with no target in the PDF: {', '.join(lost[:5])}")
    return data
