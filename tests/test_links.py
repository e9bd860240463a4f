"""Links that last: the built site, served under a sub-path, has no broken link, asset or anchor, and its
sitemap.xml lists every page with absolute URLs under SITE_URL."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from studysite.testing.browser import serve, site_pages
from studysite.testing.project import SUB_PATH, build_site, copy_project

pytestmark = pytest.mark.slow

#: The SITE_URL the session's site_dir fixture is built with (tests/conftest.py).
SESSION_SITE_URL = f"http://127.0.0.1:8000{SUB_PATH}"
#: Which attribute of which element a browser fetches or follows.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src"}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@dataclass
class ParsedPage:
    base: str | None = None
    refs: list[tuple[str, str]] = field(default_factory=list)  # (tag, raw URL)
    anchors: set[str] = field(default_factory=set)  # ids, and names of <a>


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.anchors.add(values["name"])
        if tag == "base" and "href" in values and self.page.base is None:
            self.page.base = values["href"]
        attr = REFERENCES.get(tag)
        if attr and values.get(attr) is not None:
            self.page.refs.append((tag, values[attr].strip()))


def parse(html: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def _fetch(url: str) -> tuple[int, str]:
    """Status and body of one GET, without following redirects (a link must point at the page itself)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get_content_type()
            return response.status, body.decode("utf-8", "replace") if kind == "text/html" else ""
    except urllib.error.HTTPError as error:
        return error.code, ""


@dataclass(frozen=True)
class Problem:
    page: str  # the HTML file, relative to the site
    tag: str
    raw: str  # the URL as written
    detail: str
    missing_anchor: str | None = None  # set when only the #fragment is missing on the target
    target_anchors: frozenset[str] = frozenset()

    def __str__(self) -> str:
        return f"{self.page}: <{self.tag}> {self.raw!r}: {self.detail}"


def check_site(site: Path, served: str, site_url: str) -> list[Problem]:
    """Every problem with the internal links, assets and anchors of every HTML file of a built site.

    ``served`` is the URL the site is served at; URLs under ``site_url`` (canonical links) are checked
    there too. Each HTML file is read at the URL a browser has for it: ``x/index.html`` at ``x/``, and
    ``404.html`` at a missing, nested URL, since servers show it in place of any missing page.
    """
    fetch = lru_cache(maxsize=None)(_fetch)
    anchors_of = lru_cache(maxsize=None)(lambda body: frozenset(parse(body).anchors))
    host = urlsplit(served).netloc
    problems: list[Problem] = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":
            page_url = urljoin(served, "no/such/chapter/page/")
        elif rel == "index.html" or rel.endswith("/index.html"):
            page_url = urljoin(served, rel[: -len("index.html")])
        else:
            page_url = urljoin(served, rel)
        page = parse(html.read_text(encoding="utf-8"))
        base = urljoin(page_url, page.base) if page.base else page_url
        for tag, raw in page.refs:
            url = urljoin(base, raw)
            if url.startswith(site_url):
                url = served + url[len(site_url) :]
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                if parts.scheme not in ("mailto", "tel", "data", "javascript"):
                    problems.append(Problem(rel, tag, raw, "unexpected scheme"))
                continue
            if parts.netloc != host:
                if tag != "a":  # a link to another site is fine; loading from one is not
                    problems.append(Problem(rel, tag, raw, "loads from another host"))
                continue
            target, fragment = urldefrag(url)
            status, body = fetch(target)
            if status != 200:
                problems.append(Problem(rel, tag, raw, f"{target}: HTTP {status}"))
            elif fragment and unquote(fragment) not in (ids := anchors_of(body)):
                problems.append(
                    Problem(rel, tag, raw, f"no id {unquote(fragment)!r} on {target}", unquote(fragment), ids)
                )
    return problems


# -- the real site ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_problems(site_dir: Path, site_url: str) -> list[Problem]:
    assert urlsplit(site_url).path == SUB_PATH
    return check_site(site_dir, site_url, SESSION_SITE_URL)


def made_after_the_build(problem: Problem) -> bool:
    """The PDF is written by tools/build_pdf.py after `mkdocs build` (tests/test_pdf.py checks it); the
    session's site has no PDF, so a link to exactly that file is the one missing target allowed here."""
    from studysite.pdf.core import PDF_URI

    return problem.raw.endswith(PDF_URI) and problem.detail.endswith("HTTP 404")


def test_every_link_asset_and_anchor_resolves_under_a_sub_path(site_problems: list[Problem]):
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
    project = copy_project(tmp_path / "project")
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
    assert listed == _expected_pages(project / "docs")
    assert sorted(listed) == site_pages(out)
    built = {p.relative_to(out).parent.as_posix() + "/" for p in out.rglob("index.html")}
    built = {"" if p == "./" else p for p in built} - {"print_page/"}  # the print-only copy of all pages
    assert listed == built


def test_the_home_page_links_the_pdf_where_the_exporter_writes_it(site_dir: Path):
    from studysite.pdf.core import PDF_URI

    assert f'href="{PDF_URI}"' in (site_dir / "index.html").read_text(encoding="utf-8")
    assert f"path_to_pdf: {PDF_URI}" in (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(
        "utf-8"
    )
