"""axe-core finds no serious or critical violations on any page, in the light and the dark palette."""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite.testing.browser import record, site_pages, wait_for_diagrams

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({"
        " id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || ''))}))"
    )
    return [v for v in result if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(browser, site_dir, site_url, scheme):
    failures = {}
    for path in site_pages(site_dir):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        rec = record(page)
        page.goto(site_url + path)
        assert wait_for_diagrams(page) in ("none", "done")
        found = _violations(page)
        if found:
            failures[path or "/"] = found
        assert not rec.blocked
        context.close()
    assert not failures, "\n".join(
        f"{path}: {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for path, items in failures.items()
        for v in items
    )


def test_diagrams_have_text_alternatives(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "docker-1/vm-vs-container/")
    assert wait_for_diagrams(page) == "done"
    labels = page.eval_on_selector_all(
        "div.mermaid svg",
        "els => els.map(e => [e.getAttribute('aria-labelledby') && document.getElementById("
        "e.getAttribute('aria-labelledby').split(' ')[0])?.textContent,"
        " e.getAttribute('aria-describedby') && document.getElementById("
        "e.getAttribute('aria-describedby').split(' ')[0])?.textContent])",
    )
    assert len(labels) == 2
    for title, description in labels:
        assert title and description, labels
    texts = page.locator("details:has-text('テキスト版') pre")
    assert texts.count() == 2 and "Hyper Visor" in texts.first.text_content()
    context.close()
