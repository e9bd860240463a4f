"""The print page in headless Chromium: opened on 127.0.0.1 in print media and the light palette, with
every request kept on the machine and every error recorded, and its diagrams checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from studysite.infra.network import stay_local
from studysite.pdf.document import PdfError
from studysite.pdf.scripts import script

LOAD_TIMEOUT_MS = 30_000


@dataclass
class Watch:
    """What went wrong on the page so far: requests that would have left 127.0.0.1, errors it logged."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check(self) -> None:
        if self.blocked:
            raise PdfError(f"{len(self.blocked)} request(s) left 127.0.0.1, first {self.blocked[0]}")
        if self.errors:
            raise PdfError(f"the print page logged an error: {self.errors[0][:200]}")


def open_print_page(browser: Any, url: str) -> tuple[Any, Watch]:
    """A new page of ``browser`` showing ``url`` as it prints, and the Watch over it."""
    context = browser.new_context(
        color_scheme="light",
        locale="ja-JP",
        timezone_id="UTC",
        reduced_motion="reduce",
        viewport={"width": 1000, "height": 1400},
    )
    page = context.new_page()
    watch = Watch()
    stay_local(page, watch.blocked.append)

    def on_console(msg: Any) -> None:
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            watch.errors.append(msg.text)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            watch.errors.append(f"HTTP {response.status} for {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.emulate_media(media="print", color_scheme="light")
    page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    _wait_for_contents(page)
    return page, watch


def _wait_for_contents(page: Any) -> None:
    """print-site writes the table of contents from its script, which runs once Material's own script has
    set the page up (later than "load" with instant navigation): wait for its entries."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if not page.locator("#print-page-toc").count():
        return
    try:
        page.wait_for_function(
            "document.querySelectorAll('#print-page-toc a').length > 0", timeout=LOAD_TIMEOUT_MS
        )
    except PlaywrightTimeout:
        raise PdfError(
            f"print-site wrote no table of contents within {LOAD_TIMEOUT_MS // 1000} s (js/print-site.js)"
        ) from None
    page.evaluate(script("fragment_links"))


def check_diagrams(page: Any, log: Callable[[str], None]) -> None:
    """Every diagram of the print page must already be an SVG in the HTML (drawn at build time by
    hooks/draw_diagrams.py); a ``div.mermaid`` with no SVG would print as its Mermaid source."""
    state = page.evaluate(script("diagram_state"))
    if not state["total"]:
        return
    if state["undrawn"]:
        raise PdfError(
            f"{len(state['undrawn'])} of {state['total']} diagram(s) have no SVG (not drawn at build time) "
            f"in: {', '.join(sorted(set(state['undrawn'])))}"
        )
    log(f"{state['total']} diagrams as SVG in the page")
