"""The offline bundle: unzipped and opened from file://, it browses, searches and shows diagrams, offline."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from studysite.infra.network import FILE_SCHEMES, IN_PAGE_SCHEMES, stay_local
from studysite.pdf.document import PDF_URI
from studysite.site.offline import SHIM_URI, remote_urls, zip_site
from studysite.site.offline_pages import add_pdf, broken_links, local_targets, root_page_base
from tests.support.browser import expected_labels, squash, wait_for_diagrams
from tests.support.project import ROOT, build_site, fixture_project
from tests.support.session import once

ZIP_NAME = "container-study-notes-offline"
PAGE = "docker-1/vm-vs-container"
#: Appended to the copy's VM-vs-container page, so that the bundle always has a hand-written block diagram
#: (whatever diagrams the page has itself: all of them must be SVG).
DIAGRAM = """

```mermaid
block-beta
  columns 1
  app["OFFLINE_APP"]
  kernel["OFFLINE_KERNEL"]
```
"""
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


#: Prints what the config and the plugins' on_config make of mkdocs.yml under the environment it runs in.
_SWITCH = """
import json, sys
from mkdocs.config import load_config
config = load_config(sys.argv[1])
config = config.plugins.on_config(config)
print(json.dumps({
    "enabled": config.plugins["material/offline"].config.enabled,
    "polyfills": [str(p) for p in config.extra.get("polyfills", [])],
    "site_url": config.site_url,
    "use_directory_urls": config.use_directory_urls,
}))
"""


def _configured(offline: bool) -> dict:
    """The config under OFFLINE=true or without OFFLINE, read in a process of its own: the environment of
    this one stays as the other tests expect it."""
    env = {key: value for key, value in os.environ.items() if key != "OFFLINE"}
    env |= {"NO_MKDOCS_2_WARNING": "1", **({"OFFLINE": "true"} if offline else {})}
    done = subprocess.run(
        [sys.executable, "-c", _SWITCH, str(ROOT / "mkdocs.yml")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_offline_switch_is_off_by_default_and_on_with_offline_true():
    """One mkdocs.yml: OFFLINE=true turns Material's offline plugin on, and with it
    hooks/offline_assets.py."""
    online = _configured(offline=False)
    assert not online["enabled"]
    assert SHIM_URI not in online["polyfills"]
    offline = _configured(offline=True)
    assert offline["enabled"]
    assert offline["polyfills"] == [SHIM_URI], "no CDN shim may be added"
    assert offline["site_url"] == "" and offline["use_directory_urls"] is False


def test_offline_helpers():
    assert remote_urls(["https://unpkg.com/iframe-worker/shim", "//cdn/x.js", SHIM_URI]) == [
        "https://unpkg.com/iframe-worker/shim",
        "//cdn/x.js",
    ]


def test_zip_is_reproducible(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "a" / "b.html").write_text("<p>b</p>", encoding="utf-8")
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    names = zip_site(site, tmp_path / "one.zip", root="bundle", environ=epoch)
    os.utime(site / "index.html", (1, 1))
    zip_site(site, tmp_path / "two.zip", root="bundle", environ=epoch)
    assert names == ["bundle/a/b.html", "bundle/index.html"]
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def build_bundle(work: Path) -> Path:
    """`make offline`'s two steps (strict build with OFFLINE=true, zip) on the project with the frozen notes,
    made once per run (tests/test_cards_site.py reads it too)."""
    project = fixture_project(work / "project")
    with open(project / "docs" / f"{PAGE}.md", "a", encoding="utf-8") as note:
        note.write(DIAGRAM)
    out = work / "build" / ZIP_NAME
    result = build_site(project, out, extra_env={"OFFLINE": "true"})
    assert result.returncode == 0, f"offline build failed:\n{result.stderr}"
    add_pdf(out, stand_in_pdf(work / "site.pdf"))  # the real one is tests/test_pdf.py's subject
    assert broken_links(out) == []
    return zip_site(out, work / f"{ZIP_NAME}.zip") and work / f"{ZIP_NAME}.zip"


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    return once(tmp_path_factory, "offline-bundle", build_bundle)


def stand_in_pdf(path: Path) -> Path:
    """A one-page PDF standing in for the site's (`make offline` copies the exported one)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "stand-in"})
    with open(path, "wb") as stream:
        writer.write(stream)
    return path


@pytest.fixture(scope="module")
def unzipped(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(dest)
    return dest / ZIP_NAME


@pytest.mark.slow
def test_bundle_serves_offline_files_only(offline_zip: Path, unzipped: Path):
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert all(name.startswith(f"{ZIP_NAME}/") for name in names)
    for needed in (
        "index.html",
        f"{PAGE}.html",
        "search/search_index.js",
        SHIM_URI,
        "assets/diagrams/diagram-font.woff2",
    ):
        assert (unzipped / needed).is_file(), needed
    assert not [name for name in names if name.endswith(".mjs")], "ES modules (they cannot load from file://)"
    assert not [name for name in names if "mermaid" in name.rsplit("/", 1)[-1].lower()], "no Mermaid files"
    for html in unzipped.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, html
        assert 'type="module"' not in text, f"{html}: ES modules do not load from file://"
        assert "mermaid.initialize" not in text and "mermaid.min.js" not in text, f"{html}: a Mermaid script"


def test_bundle_has_no_preview_cards_and_no_link_previews(offline_zip: Path, unzipped: Path):
    """Nothing can unfurl a file on disk, and instant previews cannot fetch pages from file:// (issue 25)."""
    with zipfile.ZipFile(offline_zip) as archive:
        assert not [name for name in archive.namelist() if "/assets/cards/" in name]
    for html in unzipped.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'property="og:image"' not in text and "navigation.instant.preview" not in text, html


@pytest.mark.slow
@pytest.mark.browser
def test_bundle_browses_searches_and_draws_from_file_urls(browser, unzipped: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    blocked: list[str] = []
    errors: list[str] = []

    def route(route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    home = (unzipped / "index.html").as_uri()
    page.goto(home, wait_until="load")
    assert page.locator("h1").count() >= 1

    # Browse: nav links lead from the home page to the chapter, and on to the page, as files (no directory
    # URLs); the nav is pruned, so the chapter's pages show from the chapter on.
    page.locator("nav.md-nav--primary a[href$='docker-1/index.html']").first.click()
    page.wait_for_load_state("load")
    page.locator(f"nav.md-nav--primary a[href$='{PAGE.split('/')[-1]}.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url == (unzipped / f"{PAGE}.html").as_uri()

    # Diagrams: every one is an SVG with its labels, in the page as built.
    assert wait_for_diagrams(page) == "done"
    sources = page.eval_on_selector_all(
        "div.mermaid", "els => els.map(e => e.querySelector('.diagram-source code').textContent)"
    )
    svgs = page.eval_on_selector_all(
        "div.mermaid", "els => els.map(e => e.querySelector('svg')?.textContent)"
    )
    assert len(sources) >= 1
    for source, svg in zip(sources, svgs, strict=False):
        assert svg is not None, f"a diagram has no SVG: {source[:60]}"
        missing = [label for label in expected_labels(source) if squash(label) not in squash(svg)]
        assert not missing, f"labels missing from the SVG: {missing}"
    assert any("OFFLINE_KERNEL" in svg for svg in svgs)
    # The palette switch needs no redraw: the SVG carries both palettes.
    page.locator("label[for^='__palette']:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")

    # Search: the inlined index through the iframe-worker shim; a result leads to a page of the bundle.
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("Docker")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15_000)
    assert results.count() >= 1
    href = results.first.locator("a").first.get_attribute("href")
    target = urlsplit(page.evaluate("h => new URL(h, location.href).href", href))
    assert target.scheme == "file" and Path(target.path).is_file(), href
    results.first.locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.locator("h1").count() >= 1

    off_machine = [url for url in requests if not url.startswith(LOCAL_SCHEMES)]
    assert not blocked and not off_machine, f"requests off the machine: {blocked or off_machine}"
    assert not [url for url in requests if "mermaid" in url.lower()], "a Mermaid file was requested"
    assert any(SHIM_URI in url for url in requests), "the local iframe-worker shim was not loaded"
    assert not errors, f"console errors: {errors}"
    context.close()


# -- every page of the bundle, the PDF in it ----------------------------------------------------------------


def test_root_pages_get_a_relative_base_offline_only():
    assert root_page_base("404.html", offline=True) == "."
    assert root_page_base("404.html", offline=False) is None
    assert root_page_base("sitemap.xml", offline=True) is None
    assert root_page_base("main.html", offline=True) is None


def test_broken_links_are_found_with_their_page(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "b.html").write_text(
        '<a href="../index.html#top">home</a> <link href="/assets/x.css"> <script src="../js/x.js"></script>'
        '<a href="https://example.org/">out</a> <a href="#here">here</a> <img src="data:image/png;base64,">'
        '<a href="./">folder</a> <a href="../../up.html">outside</a>'
        "<pre><code>&lt;a href=&quot;missing.html&quot;&gt;</code></pre>",
        encoding="utf-8",
    )
    (site / "index.html").write_text('<a href="a/b.html?x=1">b</a>', encoding="utf-8")
    assert broken_links(site) == [
        "a/b.html: /assets/x.css",
        "a/b.html: ../js/x.js",
        "a/b.html: ./",
        "a/b.html: ../../up.html",
    ]
    assert local_targets('<a href="javascript:void(0)">x</a><a href="//cdn/x">y</a>') == []


def test_add_pdf_puts_it_where_the_pages_link_and_fails_without_one(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="make pdf"):
        add_pdf(tmp_path, tmp_path / "none.pdf")
    source = stand_in_pdf(tmp_path / "x.pdf")
    assert add_pdf(tmp_path / "site", source).read_bytes() == source.read_bytes()
    assert (tmp_path / "site" / PDF_URI).is_file()


@dataclass
class EveryPage:
    pages: list[str]  # every HTML file of the bundle, below its root
    blocked: list[str]  # requests that would have left the machine
    problems: list[str]  # "<page>: what went wrong"
    diagrams: dict[str, str]  # page -> its diagrams' state once loaded: "none", "done" or "error"


def open_every_page(work: Path, bundle: Path, browser) -> EveryPage:
    """Every HTML file of the unzipped bundle opened from file:// in one context (each page waits for the
    network to be idle): failed requests, console errors, page errors, and pages Material's stylesheet did
    not reach."""
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(work)
    root = work / ZIP_NAME
    files = sorted(root.rglob("*.html"))
    blocked: list[str] = []
    problems: list[str] = []
    diagrams: dict[str, str] = {}
    context = browser.new_context()
    stay_local(context, blocked.append, IN_PAGE_SCHEMES + FILE_SCHEMES)
    for html in files:
        name = html.relative_to(root).as_posix()
        page = context.new_page()
        page.on("requestfailed", lambda r, n=name: problems.append(f"{n}: failed {r.url} ({r.failure})"))
        page.on("console", lambda m, n=name: m.type == "error" and problems.append(f"{n}: console {m.text}"))
        page.on("pageerror", lambda e, n=name: problems.append(f"{n}: error {e}"))
        page.goto(html.as_uri(), wait_until="networkidle")
        diagrams[name] = wait_for_diagrams(page, timeout=30_000)
        styled = page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-header') || document.body).position"
        )
        if styled != "sticky" and html.name != "print_page.html":
            problems.append(f"{name}: not styled (header position {styled!r})")
        page.close()
    context.close()
    return EveryPage([html.relative_to(root).as_posix() for html in files], blocked, problems, diagrams)


@pytest.fixture(scope="module")
def every_page(tmp_path_factory, offline_zip: Path, browser) -> EveryPage:
    return open_every_page(tmp_path_factory.mktemp("every-page"), offline_zip, browser)


@pytest.mark.slow
@pytest.mark.browser
def test_every_page_of_the_bundle_opens_from_file_with_no_failed_load_or_error(every_page: EveryPage):
    """All HTML files, 404.html and print_page.html included: no failed request, nothing off the machine,
    no console error, and the page is styled (Material's stylesheet applied)."""
    opened = every_page
    assert {"404.html", "print_page.html", "index.html"} <= {name.rsplit("/", 1)[-1] for name in opened.pages}
    assert not opened.blocked, f"requests off the machine: {opened.blocked}"
    assert not opened.problems, "\n".join(opened.problems)


def test_every_page_with_diagrams_shows_them_from_file(every_page: EveryPage, unzipped: Path):
    """Layer diagrams, the history timeline, the print page: every diagram is its SVG, offline too."""
    with_diagrams = [
        name
        for name in every_page.pages
        if 'class="mermaid"' in (unzipped / name).read_text(encoding="utf-8")
    ]
    assert {"print_page.html", f"{PAGE}.html"} <= set(with_diagrams), with_diagrams
    assert {name: every_page.diagrams[name] for name in with_diagrams} == dict.fromkeys(with_diagrams, "done")


@pytest.mark.slow
def test_the_home_page_pdf_link_opens_the_pdf_inside_the_bundle(offline_zip: Path, unzipped: Path):
    home = (unzipped / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"[^>]*>PDF版</a>', home)
    assert links, "the home page has no PDF版 link"
    for href in links:
        target = (unzipped / href).resolve()
        assert target.is_relative_to(unzipped.resolve()) and target.is_file(), href
        assert target.read_bytes().startswith(b"%PDF-"), href
    with zipfile.ZipFile(offline_zip) as archive:
        assert f"{ZIP_NAME}/{PDF_URI}" in archive.namelist()
