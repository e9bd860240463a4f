"""Japanese search through the real search box and result list in Chromium, on the frozen fixture site.

Each query is typed the way a reader enters it: ASCII with the keyboard, Japanese committed through an
IME (composition, commit, key up), into Material's search box; the pages of the result list are read in
order. The table says which page a student expects for each query: first, or among the first three. The
table is about the notes of tests/fixtures/site/ (the session's site), so a note added to docs/ does not move
a ranking here; that search finds what a new note says is tests/test_added_notes.py.
Hit rate before/after any change to search: ``.venv/bin/python -m bench.search_hits``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.browser import Recording, record, serve
from tests.support.project import SUB_PATH
from tests.support.search import PLACEHOLDER, page_of, result_groups, search
from tests.support.search_cases import (
    BROWSER_TERM_CASES,
    CASES,
    GLOSSARY,
    HISTORY,
    PLATFORM,
    PORTABILITY,
    TERM_CASES,
    VM,
    WHAT,
    Case,
    TermCase,
)

pytestmark = pytest.mark.browser


@dataclass
class TableRun:
    found: dict[str, tuple[str, list[str]] | str]  # query -> (result count line, pages), or what went wrong
    recording: Recording
    groups: dict[str, list[tuple[str, str | None]] | str]  # term query -> (page, first section row)


def run_table(site: Path, browser) -> TableRun:
    """Every query of the table typed, one after another, into one reader's tab on a chapter page (search
    worker ready), in a server of its own: each query waits for
    its result list to settle, so the table is mostly waiting."""
    found: dict[str, tuple[str, list[str]] | str] = {}
    with serve(site, SUB_PATH) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
        page = context.new_page()
        rec = record(page)
        page.goto(url + "docker-1/", wait_until="load")
        for case in CASES:
            try:
                found[case.query] = search(page, url, case.query)
            except TimeoutError as error:
                found[case.query] = str(error)
        groups: dict[str, list[tuple[str, str | None]] | str] = {}
        for term in BROWSER_TERM_CASES:
            try:
                search(page, url, term.query)
                groups[term.query] = result_groups(page, url)
            except TimeoutError as error:
                groups[term.query] = str(error)
        context.close()
    return TableRun(found, rec, groups)


@pytest.fixture(scope="module")
def table_run(site_dir: Path, browser) -> TableRun:
    return run_table(site_dir, browser)


#: Cases the search is known to miss, with why (each an xfail, strict). Lunr has no phrase matching: a
#: query's pieces are scored apart; see src/studysite/search/ja.py for what keeps a title from outweighing
#: them.
KNOWN_MISSES: dict[str, str] = {}
#: Term queries known to miss, with why.
KNOWN_TERM_MISSES: dict[str, str] = {}


def _params():
    for case in CASES:
        reason = KNOWN_MISSES.get(case.query)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(case, id=case.query, marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_query_finds_its_page(table_run: TableRun, case: Case):
    found = table_run.found[case.query]
    if isinstance(found, str):
        pytest.fail(found)
    meta, pages = found
    assert pages, f"{case.query!r}: no result ({meta})"
    assert case.page in pages[: case.within], (
        f"{case.query!r}: expected /{case.page} within the first {case.within}, got {pages[:5]}"
    )


def _term_params():
    for case in BROWSER_TERM_CASES:
        reason = KNOWN_TERM_MISSES.get(case.query)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(case, id=case.query, marks=marks)


@pytest.mark.parametrize("case", list(_term_params()))
def test_term_query_shows_its_glossary_entry_once_and_the_pages_using_it(table_run: TableRun, case: TermCase):
    """A query that is a glossary term: the glossary once, among the first three pages, its top row the
    term's own entry; the pages that use the term most among the first three too."""
    groups = table_run.groups[case.query]
    if isinstance(groups, str):
        pytest.fail(groups)
    pages = [page for page, _ in groups]
    assert pages.count(GLOSSARY) == 1, pages
    assert pages.index(GLOSSARY) < 3, f"{case.query!r}: the glossary is not among the first three: {pages}"
    assert dict(groups)[GLOSSARY] == case.anchor, (
        f"{case.query!r}: the glossary shows {dict(groups)[GLOSSARY]}"
    )
    for expected in case.pages:
        assert expected in pages[:3], (
            f"{case.query!r}: expected /{expected} within the first 3, got {pages[:5]}"
        )


def test_searching_logs_nothing_and_loads_no_tokenizer(table_run: TableRun):
    """After the whole table: no console errors or warnings ("Invalid query"), no lunr language scripts."""
    rec = table_run.recording
    assert not rec.errors, rec.errors
    warnings = [text for kind, text in rec.console if kind == "warning"]
    assert not warnings, warnings
    assert not [url for url in rec.requests if "/lunr/" in url], "the browser loaded a lunr tokenizer"
    assert not rec.blocked


def test_pasted_query_is_searched(browser, site_url):
    """Text that arrives with no key event (pasted from the menu, dropped) is searched at once."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    rec = record(page)
    page.goto(site_url + "docker-1/", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent === t", arg=PLACEHOLDER
    )
    box.fill("ポータビリティ")  # an input event only: no keydown, no keyup
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    first = page.eval_on_selector(".md-search-result__item > .md-search-result__link", "e => e.href")
    assert page_of(first, site_url) == PORTABILITY
    assert not rec.errors and not rec.blocked
    context.close()


def test_table_covers_every_content_page():
    assert {c.page for c in CASES} >= {WHAT, VM, HISTORY, PLATFORM, PORTABILITY, GLOSSARY}
    assert len(CASES) >= 25 and len({c.query for c in CASES}) == len(CASES)
    assert set(KNOWN_MISSES) <= {c.query for c in CASES}
    assert set(KNOWN_TERM_MISSES) <= {c.query for c in TERM_CASES}
    assert len({c.query for c in TERM_CASES}) == len(TERM_CASES) >= 12
