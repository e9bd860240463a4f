"""Build-time diagrams in real Chromium: visible with JavaScript off, the dark palette by CSS alone, print
light, shown after an instant page switch, and no page asks for Mermaid or leaves 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import record, serve, site_pages
from tests.support.diagram_site import LABELS, make_diagram_site
from tests.support.project import build_site

pytestmark = pytest.mark.browser

#: The computed fill of every diagram's first box (flowchart/block node, timeline section) on a page.
JS_FILLS = """() => [...document.querySelectorAll('div.mermaid > svg')].map(svg => {
  const shape = [...svg.querySelectorAll('rect, path')].find(e => !e.closest('marker')
    && !['none', ''].includes(getComputedStyle(e).fill) && e.getBoundingClientRect().width > 10);
  return shape ? getComputedStyle(shape).fill : null;
})"""
JS_VISIBLE = """() => [...document.querySelectorAll('div.mermaid > svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  return box.width > 20 && box.height > 20 && getComputedStyle(svg).display !== 'none'
    && getComputedStyle(svg).visibility === 'visible';
})"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The diagram project built for the address it is served at: Material's instant navigation only
    follows links to pages of its sitemap, and compares their ports."""
    base = tmp_path_factory.mktemp("svg-browser")
    project = make_diagram_site(base / "project")
    (base / "site").mkdir()
    with serve(base / "site") as address:
        result = build_site(project, base / "site", site_url=address)
        assert result.returncode == 0, result.stderr
        yield base / "site", address


@pytest.fixture(scope="module")
def site(served) -> Path:
    return served[0]


@pytest.fixture(scope="module")
def url(served) -> str:
    return served[1]


def test_diagrams_are_visible_with_javascript_off(browser, url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    rec = record(page)
    for path, labels in LABELS.items():
        page.goto(url + path.removesuffix("index.html"))
        visible = page.evaluate(JS_VISIBLE)
        assert visible and all(visible), f"{path}: {visible}"
        text = page.locator("div.mermaid > svg").all_text_contents()
        assert all(label in " ".join(text) for label in labels), path
    assert not rec.blocked
    context.close()


def test_dark_palette_shows_the_dark_variant_and_print_the_light_one(browser, url) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(url + "diagrams/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == (
            "slate" if scheme == "dark" else "default"
        )
        fills[scheme] = page.evaluate(JS_FILLS)
        if scheme == "dark":
            page.emulate_media(media="print")
            fills["print"] = page.evaluate(JS_FILLS)
        context.close()
    assert len(fills["light"]) == 3 and None not in fills["light"]
    assert all(light != dark for light, dark in zip(fills["light"], fills["dark"], strict=True)), fills
    assert fills["print"] == fills["light"], fills


def test_palette_toggle_switches_colours_without_redrawing(browser, url) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(url + "history/")
    before, svg = page.evaluate(JS_FILLS), page.inner_html("div.mermaid")
    page.locator("label[for^='__palette']:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate(JS_FILLS) != before
    assert page.inner_html("div.mermaid") == svg, "nothing is redrawn"
    context.close()


def test_instant_navigation_from_a_text_page_shows_the_diagrams(browser, url) -> None:
    context = browser.new_context()
    page = context.new_page()
    rec = record(page)
    # Material intercepts a link only once it has fetched and read sitemap.xml (which URLs are the site's):
    # on a loaded machine that can come after the load event, so wait for the network to go quiet
    page.goto(url + "text/", wait_until="networkidle")
    assert page.locator("div.mermaid").count() == 0
    page.evaluate("window.__same_document = true")
    page.locator("article a[href$='diagrams/']").first.click()
    page.wait_for_url("**/diagrams/")
    page.wait_for_selector("div.mermaid > svg")
    assert page.evaluate("window.__same_document") is True, "Material's instant navigation did not run"
    visible = page.evaluate(JS_VISIBLE)
    assert len(visible) == 3 and all(visible)
    assert not rec.errors and not rec.blocked
    context.close()


def test_no_page_requests_mermaid_or_leaves_127_0_0_1_or_logs_errors(browser, site, url) -> None:
    context = browser.new_context()
    for path in site_pages(site):
        page = context.new_page()
        rec = record(page)
        page.goto(url + path, wait_until="load")
        asked = [u for u in rec.requests if "mermaid" in u.lower()]
        assert not asked, f"{path}: {asked}"
        assert not rec.blocked, f"{path}: {rec.blocked}"
        assert not rec.errors, f"{path}: {rec.errors}"
        page.close()
    context.close()


def test_the_font_is_the_served_subset(browser, url, site) -> None:
    context = browser.new_context()
    page = context.new_page()
    rec = record(page)
    page.goto(url + "diagrams/", wait_until="load")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Study Diagram\"', 'イメージ')")
    assert any(u.endswith("assets/diagrams/diagram-font.woff2") for u in rec.requests), rec.requests
    context.close()
