"""Links that last: the built site, served under a sub-path, has no broken link, asset or anchor, and its
sitemap.xml lists every page with absolute URLs under SITE_URL."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.browser import serve, site_pages
from tests.support.crawl import Crawl
from tests.support.link_check import BrokenLink, check_site
from tests.support.project import SUB_PATH, build_site, fixture_project

pytestmark = pytest.mark.slow

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# -- the session's site (the crawl in tests/conftest.py checks its links) ---------------------------------


@pytest.fixture(scope="module")
def site_problems(site_crawl: Crawl, site_url: str) -> list[BrokenLink]:
    assert urlsplit(site_url).path == SUB_PATH
    return site_crawl.link_problems


def made_after_the_build(problem: BrokenLink) -> bool:
    """The PDF is written by tools/build_pdf.py after `mkdocs build` (tests/test_pdf.py checks it); the
    session's site has no PDF, so a link to exactly that file is the one missing target allowed here."""
    from studysite.pdf.document import PDF_URI

    return problem.raw.endswith(PDF_URI) and problem.detail.endswith("HTTP 404")


@pytest.mark.browser  # the session's crawl visits the pages in Chromium too
def test_every_link_asset_and_anchor_resolves_under_a_sub_path(site_problems: list[BrokenLink]):
    problems = [p for p in site_problems if not made_after_the_build(p)]
    assert not problems, "broken links:\n" + "\n".join(map(str, problems))


def test_the_checker_sees_broken_links_assets_and_anchors(tmp_path: Path):
    """The crawler resolves like a browser: relative to the page's directory URL, fragments included."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">bad anchor</a>'
        '<a href="a">no slash: a redirect</a><a href="b/">missing</a><a href="mailto:x@y">ok</a>'
        '<a href="https://example.org/">external</a><img src="https://cdn.example/x.png">'
        '<link rel="canonical" href="https://site.example/study/">',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="../">up</a><script src="x.js"></script>', encoding="utf-8"
    )
    with serve(site, SUB_PATH) as served:
        problems = check_site(site, served, "https://site.example/study/")
    text = "\n".join(map(str, problems))
    assert "'a/#gone'" in text and "'b/'" in text and "'a': no" not in text
    assert served + "a: HTTP 301" in text
    assert "'x.js'" in text and "cdn.example" in text
    assert len(problems) == 5, text


def _expected_pages(docs: Path) -> set[str]:
    """The URL path (relative to the site root) of every Markdown page, with directory URLs."""
    pages = set()
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs)
        if any(part.startswith(".") for part in rel.parts):
            continue
        stem = rel.with_suffix("").as_posix()
        if rel.stem in ("index", "README"):
            stem = rel.parent.as_posix() if rel.parent != Path(".") else ""
        pages.add(f"{stem}/" if stem else "")
    return pages


@pytest.mark.parametrize("site_url", ["https://example.org/notes/study/"])
def test_sitemap_lists_every_page_with_absolute_urls(tmp_path: Path, site_url: str):
    project = fixture_project(tmp_path / "project")
    out = tmp_path / "site"
    result = build_site(project, out, site_url=site_url)
    assert result.returncode == 0, result.stderr
    locs = [
        loc.text or "" for loc in ET.parse(out / "sitemap.xml").getroot().findall("s:url/s:loc", SITEMAP_NS)
    ]
    assert locs, "sitemap.xml is empty"
    assert [loc for loc in locs if not loc.startswith(site_url)] == []
    listed = {loc[len(site_url) :] for loc in locs}
    assert len(listed) == len(locs), "a page is listed twice"
    generated = {"review/"}  # the 復習 page, made from the notes by hooks/review_cards.py
    assert listed == _expected_pages(project / "docs") | generated
    assert sorted(listed) == site_pages(out)
    built = {p.relative_to(out).parent.as_posix() + "/" for p in out.rglob("index.html")}
    built = {"" if p == "./" else p for p in built} - {"print_page/"}  # the print-only copy of all pages
    assert listed == built


def test_the_home_page_links_the_pdf_where_the_exporter_writes_it(site_dir: Path):
    from studysite.pdf.document import PDF_URI

    assert f'href="{PDF_URI}"' in (site_dir / "index.html").read_text(encoding="utf-8")
    assert f"path_to_pdf: {PDF_URI}" in (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(
        "utf-8"
    )
