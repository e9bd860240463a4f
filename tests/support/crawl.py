"""One crawl of a built, served site, shared by the browser, accessibility and link tests.

Every page of the sitemap is visited once per palette in Chromium (a fresh context each, as a reader's
first visit): its requests and console are recorded, its diagrams awaited and read, its weight measured,
and axe-core run on it. Every HTML file's links, assets and anchors are checked once over HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.browser import Recording, page_weight, record, site_pages, wait_for_diagrams
from tests.support.link_check import BrokenLink, check_site

#: The palettes a reader can have: light first, as the browser tests read it.
SCHEMES = ("light", "dark")
VIEWPORT = {"width": 1280, "height": 900}

_AXE_RUN = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({"
    " id: v.id, impact: v.impact, help: v.help,"
    " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || ''))}))"
)
_SOURCES = "els => els.map(e => e.querySelector('.diagram-source code').textContent)"
_SVG_TEXTS = "els => els.map(e => e.querySelector('svg') ? e.querySelector('svg').textContent : null)"


@dataclass
class Visit:
    """One cold visit of one page in one palette."""

    path: str  # below the site root, "" for the home page
    scheme: str
    state: str  # of the diagrams: "none", "done" or "error"
    sources: list[str]  # each diagram's Mermaid source
    svg_texts: list[str | None]  # each diagram's drawn SVG text, None where nothing was drawn
    recording: Recording
    violations: list[dict[str, Any]]  # axe-core's, every impact


@dataclass
class Crawl:
    pages: list[str]
    visits: dict[tuple[str, str], Visit] = field(default_factory=dict)
    link_problems: list[BrokenLink] = field(default_factory=list)

    def in_scheme(self, scheme: str) -> dict[str, Visit]:
        return {path: visit for (path, s), visit in self.visits.items() if s == scheme}


def visit(browser: Any, url: str, path: str, scheme: str, axe: Path | None) -> Visit:
    """Open ``url`` in a fresh context of ``browser`` in the palette ``scheme`` and read what a test needs."""
    context = browser.new_context(color_scheme=scheme, viewport=VIEWPORT)
    try:
        page = context.new_page()
        rec = record(page)
        page.goto(url, wait_until="load")
        state = wait_for_diagrams(page)
        sources = page.eval_on_selector_all("div.mermaid", _SOURCES)
        svg_texts = page.eval_on_selector_all("div.mermaid", _SVG_TEXTS)
        rec.weight = page_weight(page)  # before axe: its script is no part of the page
        violations: list[dict[str, Any]] = []
        if axe is not None:
            page.evaluate(axe.read_text(encoding="utf-8"))  # not a <script>: the page's CSP would block it
            violations = page.evaluate(_AXE_RUN)
        return Visit(path, scheme, state, sources, svg_texts, rec, violations)
    finally:
        context.close()


def crawl(
    browser: Any,
    site: Path,
    served: str,
    site_url: str,
    *,
    axe: Path | None = None,
    schemes: tuple[str, ...] = SCHEMES,
) -> Crawl:
    """Visit every sitemap page of ``site`` (served at ``served``, built for ``site_url``) in each palette,
    and check every HTML file's links; with ``axe`` (the path of axe.min.js) run axe-core on each visit."""
    result = Crawl(site_pages(site))
    for scheme in schemes:
        for path in result.pages:
            result.visits[(path, scheme)] = visit(browser, served + path, path, scheme, axe)
    result.link_problems = check_site(site, served, site_url)
    return result
