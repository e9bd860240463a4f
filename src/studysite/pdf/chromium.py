"""The print page in headless Chromium: opened on 127.0.0.1 in print media and the light palette, with
every request kept on the machine and every error recorded, and its diagrams waited for when a Mermaid
loader draws them in the browser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from studysite.pdf.core import PdfError
from studysite.pdf.scripts import script
from studysite.site.network import stay_local

DIAGRAM_TIMEOUT_MS = 60_000
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
    return page, watch


def wait_for_diagrams(page: Any, has_loader: bool, watch: Watch, log: Callable[[str], None]) -> None:
    """Diagrams drawn in the browser (``div.mermaid`` and the site's loader): wait until every one is an
    SVG in the light palette, and fail on a diagram error or a timeout. Diagrams that come as SVG in the
    HTML need no wait; neither does a page without a loader (its ``div.mermaid`` print as they are)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    total = page.locator("div.mermaid").count()
    if not total:
        return
    if not has_loader:
        log(f"{total} Mermaid block(s) but no Mermaid loader on the print page: nothing to wait for")
        return
    log(f"drawing {total} diagram(s) with the site's Mermaid loader")
    try:
        page.wait_for_function(script("diagrams_done"), timeout=DIAGRAM_TIMEOUT_MS)
    except PlaywrightTimeout:
        state = page.evaluate(script("diagram_state"))
        raise PdfError(
            f"diagrams not drawn after {DIAGRAM_TIMEOUT_MS // 1000} s: {state['svg']} of "
            f"{state['total']} drawn; not drawn in: {', '.join(sorted(set(state['undrawn'])))}"
        ) from None
    state = page.evaluate(script("diagram_state"))
    if state["state"] == "error" or state["failed"]:
        detail = next((e.splitlines()[0] for e in watch.errors if "Mermaid" in e), "")
        raise PdfError(
            f"a diagram failed to render in: {', '.join(sorted(set(state['failed'])))}"
            + (f" ({detail[:160]})" if detail else "")
        )
    if state["svg"] != state["total"]:
        raise PdfError(f"{state['svg']} SVG for {state['total']} diagrams")
    if state["dark"] or state["scheme"] not in (None, "default"):
        raise PdfError(f"diagrams were not drawn in the light palette (scheme {state['scheme']})")
    log(f"{state['svg']}/{state['total']} diagrams drawn as SVG")
