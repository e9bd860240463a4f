"""Search hit rate: the query table of tests/test_search.py, run through the real search box in Chromium.

Usage: .venv/bin/python -m bench.search_hits [SITE_DIR] [--fixture] [--before] [--input ime|keys]
                                            [--screenshot PNG]
  SITE_DIR   a site built for http://127.0.0.1:8000/study/ (default: build this project now)
  --fixture  build the frozen notes of tests/fixtures/site/ instead, which the tables are about
  --before   build with Material's search as it was configured before hooks/search_ja.py
             (search lang ja, no search hook, no search-ja.js): the "before" figures
  --input    ime: Japanese committed through an IME, as readers type it (default);
             keys: Playwright's keyboard.type for everything (inserts Japanese with no key events)
  --screenshot  also save a PNG of the result list for the first Japanese query of the table
Prints top-1 (the page comes first), top-3 and "as the table asks" hit counts, then one row a query; then
the single-term queries (TERM_CASES): the rank of the glossary, its first row, and the rank of each page
that discusses the term.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.support.browser import chromium, record, serve
from tests.support.project import build_site
from tests.support.search import PLACEHOLDER, page_of, result_groups, search
from tests.support.search_cases import CASES, GLOSSARY, TERM_CASES, Case, TermCase

ROOT = Path(__file__).resolve().parent.parent


def keys_search(page, base: str, query: str) -> tuple[str, list[str]]:
    """The naive way: keyboard.type for the whole query (no key events for Japanese characters)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.dispatch_event("keyup")
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent === t", arg=PLACEHOLDER
    )
    page.keyboard.type(query)
    page.wait_for_timeout(800)  # no key events for Japanese: nothing to wait for but time
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link:first-child", "els => els.map(e => e.href)"
    )
    return page.inner_text(".md-search-result__meta"), [page_of(h, base) for h in hrefs]


TermRow = tuple[TermCase, list[tuple[str, str | None]]]


def run(
    site: Path, mode: str, screenshot: Path | None = None
) -> tuple[list[tuple[Case, str, list[str]]], list[TermRow]]:
    rows = []
    terms: list[TermRow] = []
    with serve(site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
        page = context.new_page()
        rec = record(page)
        page.goto(base + "docker-1/", wait_until="load")
        for case in CASES:
            meta, pages = (keys_search if mode == "keys" else search)(page, base, case.query)
            rows.append((case, meta, pages))
            if screenshot and not case.query.isascii():
                page.screenshot(path=str(screenshot))
                screenshot = None
        for term in TERM_CASES:
            search(page, base, term.query)
            terms.append((term, result_groups(page, base)))
        if rec.errors or rec.blocked:
            print(f"console errors: {rec.errors}, blocked: {rec.blocked}", file=sys.stderr)
    return rows, terms


def _rank(pages: list[str], page: str) -> str:
    return str(pages.index(page) + 1) if page in pages else "—"


def term_report(terms: list[TermRow]) -> str:
    """The single-term queries: where the glossary comes (its first row), each page discussing the term."""
    held = 0
    out = ["| query | glossary (row) | discussing pages | first results |", "| --- | --- | --- | --- |"]
    for case, groups in terms:
        pages = [page for page, _ in groups]

        row = dict(groups).get(GLOSSARY)
        ok = pages.count(GLOSSARY) == 1 and pages.index(GLOSSARY) < 3 and row == case.anchor
        ok = ok and all(page in pages[:3] for page in case.pages)
        held += ok
        discussing = ", ".join(f"/{page} {_rank(pages, page)}" for page in case.pages) or "(none)"
        shown = ", ".join("/" + p for p in pages[:4])
        out.append(f"| {case.query} | {_rank(pages, GLOSSARY)} (#{row}) | {discussing} | {shown} |")
    return f"single-term queries as the table asks: {held}/{len(terms)}\n\n" + "\n".join(out)


#: mkdocs.yml lines that make the Japanese search, and what --before puts in their place.
BEFORE = (
    (r"\n      lang: en[^\n]*\n      pipeline: \[\][^\n]*", "\n      lang: ja"),
    (r"\n  - hooks/search_ja\.py[^\n]*", ""),
    # the script, with its extra_javascript key when it is the only entry
    (r"(\nextra_javascript:)?\n  - assets/javascripts/search-ja\.js[^\n]*(?(1)(?=\n(?!  - ))|)", ""),
)


def before_config(text: str) -> str:
    """mkdocs.yml with the search as Material configures it for ``language: ja``."""
    import re

    for pattern, replacement in BEFORE:
        text, count = re.subn(pattern, replacement, text)
        if count != 1:
            sys.exit(f"--before: {pattern!r} is not in mkdocs.yml once; update BEFORE in {__file__}")
    return text


def report(rows) -> str:
    top1 = sum(bool(p) and p[0] == c.page for c, _, p in rows)
    top3 = sum(c.page in p[:3] for c, _, p in rows)
    asked = sum(c.page in p[: c.within] for c, _, p in rows)
    n = len(rows)
    out = [
        f"top-1: {top1}/{n}  top-3: {top3}/{n}  as the table asks: {asked}/{n}",
        "",
        "| query | expected | within | rank | first results |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for case, meta, pages in rows:
        rank = pages.index(case.page) + 1 if case.page in pages else "—"
        shown = ", ".join("/" + p for p in pages[:3]) or meta
        out.append(f"| {case.query} | /{case.page} | {case.within} | {rank} | {shown} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--fixture", action="store_true", help="build the frozen notes the tables are about")
    parser.add_argument("--input", choices=("ime", "keys"), default="ime")
    parser.add_argument("--before", action="store_true", help="Material's search as configured before")
    parser.add_argument("--screenshot", type=Path, help="PNG of the results for the first Japanese query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            project = ROOT
            if args.fixture:
                from tests.support.project import fixture_project

                project = fixture_project(Path(tmp) / "project")
            if args.before:
                from tests.support.project import copy_project

                if project == ROOT:
                    project = copy_project(Path(tmp) / "project")
                config = project / "mkdocs.yml"
                config.write_text(before_config(config.read_text(encoding="utf-8")), encoding="utf-8")
            result = build_site(project, site, site_url="http://127.0.0.1:8000/study/")
            if result.returncode:
                sys.exit(f"build failed:\n{result.stderr}")
        rows, terms = run(site, args.input, args.screenshot)
        print(report(rows))
        print()
        print(term_report(terms))


if __name__ == "__main__":
    main()
