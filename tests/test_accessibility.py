"""axe-core finds no serious or critical violations on any page, in the light and the dark palette."""

from __future__ import annotations

import pytest

from tests.support.browser import wait_for_diagrams
from tests.support.crawl import Crawl

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(site_crawl: Crawl, scheme: str):
    """axe-core ran on every page of the session's crawl (tests/conftest.py), in each palette."""
    visits = site_crawl.in_scheme(scheme)
    assert sorted(visits) == site_crawl.pages and visits, "the crawl missed pages"
    failures = {}
    for path, visit in visits.items():
        assert visit.state in ("none", "done"), f"{path}: diagrams {visit.state}"
        assert not visit.recording.blocked, f"{path}: {visit.recording.blocked}"
        found = [v for v in visit.violations if v["impact"] in BLOCKING]
        if found:
            failures[path or "/"] = found
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
