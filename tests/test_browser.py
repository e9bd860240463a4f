"""Diagrams show in real Chromium with no network, on every page, light and dark, under a sub-path."""

from __future__ import annotations

import pytest

from tests.support.browser import (
    expected_labels,
    record,
    squash,
    wait_for_diagrams,
)

pytestmark = pytest.mark.browser

MERMAID_FILES = ("/assets/mermaid/", "mermaid-loader.mjs", "mermaid.min.js", "mermaid.esm")


@pytest.fixture(scope="module")
def visits(site_crawl):
    """Every page of the site (crawled from sitemap.xml), each visited once cold, with its recording."""
    return {
        path: (visit.state, visit.sources, visit.svg_texts, visit.recording)
        for path, visit in site_crawl.in_scheme("light").items()
    }


def test_pages_are_crawled_from_the_sitemap(visits):
    assert "" in visits, "the home page is missing from sitemap.xml"
    assert "docker-1/vm-vs-container/" in visits
    assert len(visits) >= 3


def test_every_mermaid_source_becomes_an_svg_with_its_labels(visits):
    drawn = 0
    for path, (state, sources, svg_texts, _) in visits.items():
        assert state in ("none", "done"), f"{path}: diagrams {state}"
        for source, svg_text in zip(sources, svg_texts, strict=False):
            assert svg_text is not None, f"{path}: a diagram has no SVG"
            missing = [label for label in expected_labels(source) if squash(label) not in squash(svg_text)]
            assert not missing, f"{path}: labels missing from the SVG: {missing}"
            drawn += 1
    assert drawn >= 2, "the VM-vs-container page alone has two diagrams"


def test_no_request_leaves_127_0_0_1(visits):
    leaks = {path: rec.blocked for path, (*_, rec) in visits.items() if rec.blocked}
    assert not leaks, f"requests to other hosts: {leaks}"


def test_no_console_errors(visits):
    errors = {path: rec.errors for path, (*_, rec) in visits.items() if rec.errors}
    assert not errors, f"console errors: {errors}"


def test_no_page_fetches_mermaid(visits):
    for path, (_, _, _, rec) in visits.items():
        mermaid_requests = [url for url in rec.requests if any(part in url for part in MERMAID_FILES)]
        assert not mermaid_requests, f"{path} fetched {mermaid_requests}: diagrams are SVG in the page"


def test_diagram_page_weight(visits):
    size, count = visits["docker-1/vm-vs-container/"][3].weight
    assert 0 < size <= 1_200_000, f"cold first visit loaded {size} bytes in {count} requests"


def test_palette_toggle_recolours_diagrams_without_redrawing(browser, site_url):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    rec = record(page)
    page.goto(site_url + "docker-1/vm-vs-container/")
    assert wait_for_diagrams(page) == "done"
    colour = (
        "() => getComputedStyle("
        "document.querySelector('div.mermaid svg g.node:not(.layerTitle) rect.basic')).fill"
    )
    light, light_svg = page.evaluate(colour), page.inner_html("div.mermaid")
    page.locator("label[for^='__palette']:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate(colour) != light, "the dark palette's colours did not apply"
    assert page.inner_html("div.mermaid") == light_svg, "nothing is redrawn: the SVG carries both palettes"
    # Readable: the text colour of the drawn labels differs from the page background in both palettes.
    fill, background = page.evaluate(
        """() => {
          const label = document.querySelector('div.mermaid svg .label, div.mermaid svg text');
          return [getComputedStyle(label).fill, getComputedStyle(document.body).backgroundColor];
        }"""
    )
    assert fill != background
    assert not rec.errors and not rec.blocked
    context.close()
