"""Every page carries a Content-Security-Policy and no page reports a violation in Chromium
(hooks/content_security.py).

The sitemap's pages are the session crawl's visits (both palettes); the print page, the 404 page, instant
navigation and search are opened here. The offline bundle's pages are opened from file:// by
tests/test_offline.py, whose console-error checks see any violation (search included).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from studysite.site.csp import page_hashes, policy, search_worker, shim_frame_hash, source_hash
from tests.support.csp_report import csp_violations
from tests.support.project import ROOT

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_the_policy_allows_the_site_and_given_hashes_only():
    text = policy(["'sha256-abc='"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == "'self' 'sha256-abc='"
    assert directives["default-src"] == "'self'"
    assert directives["frame-src"] == "'none'" and directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"


def test_the_preview_server_may_run_its_live_reload_script():
    text = policy(["'sha256-abc='"], live_reload=True)
    assert "script-src 'self' 'unsafe-inline';" in text and "sha256" not in text
    assert "frame-src 'none'" in text


def test_only_scripts_outside_the_content_are_hashed():
    page = (
        "<html><head><script>theme()</script><script src='x.js'></script></head><body>"
        '<article class="md-content__inner md-typeset"><script>note()</script></article>'
        '<script id="__config" type="application/json">{"search": "w.js"}</script>'
        "<script>theme()</script></body></html>"
    )
    found = page_hashes(page)
    assert found.hashes == [source_hash("theme()")]
    assert found.in_content == ["note()"]
    assert search_worker(page) == "w.js"


def test_the_offline_shim_frame_script_hash():
    """The script iframe-worker writes into its frame, for the worker URL Material gives it; the value was
    read from Chromium's report of the blocked script before the hash was added."""
    shim = (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_text(encoding="utf-8")
    worker = "../assets/javascripts/workers/search.a7633da7.min.js"
    assert shim_frame_hash(shim, worker) == "'sha256-H5Y6UlQ+zh9IO8YUI9VEKRJxWTZzGbfmipLMFv3CoR4='"


def test_every_html_file_has_one_policy_whose_scripts_are_the_site_and_hashes(site_dir: Path):
    pages = sorted(site_dir.rglob("*.html"))
    assert any(p.name == "404.html" for p in pages) and (site_dir / "print_page" / "index.html") in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text and "<article" not in text:
            continue  # a redirect stub (mkdocs-redirects)
        found = _META.findall(text)
        assert len(found) == 1, f"{page}: {len(found)} CSP meta elements"
        script_src = next(d for d in found[0].replace("&#39;", "'").split("; ") if d.startswith("script-src"))
        assert re.fullmatch(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+", script_src), script_src
        assert text.index("Content-Security-Policy") < text.index("<script"), (
            f"{page}: a script before the CSP"
        )


def test_no_sitemap_page_reports_a_violation(site_crawl):
    reports = {
        (path, scheme): [text for _, text in visit.recording.console if "Content Security Policy" in text]
        for (path, scheme), visit in site_crawl.visits.items()
    }
    assert site_crawl.visits and not any(reports.values()), reports


@pytest.mark.browser
def test_print_page_404_instant_navigation_and_search_report_no_violation(browser, site_url: str):
    def navigate(page) -> None:
        for _ in range(3):
            link = page.locator("nav.md-nav--primary a.md-nav__link[href]:visible").last
            link.click()
            page.wait_for_load_state("load")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill("コンテナ")
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)

    for path, act in (("print_page/", None), ("404.html", None), ("docker-1/", navigate)):
        assert csp_violations(browser, site_url + path, act) == [], path


@pytest.mark.browser
def test_an_inline_script_the_policy_does_not_list_is_reported(browser, site_dir: Path, tmp_path: Path):
    """The check can fail: a page with an inline script added after the build reports it."""
    from tests.support.browser import serve

    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page = copy / "glossary" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>1</script></body>"), "utf-8")
    with serve(copy) as url:
        found = csp_violations(browser, url + "glossary/")
    assert any("script-src" in text for text in found), found
