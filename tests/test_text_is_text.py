"""Text is text: payloads planted in a note's title, first paragraph, a glossary definition, a timeline field
and a diagram label run nowhere: not on the pages, not on the print page, not in the offline bundle.

The fixture project has its own pages (only docs/assets is kept from the real project). Each payload sets a
``window`` property whose name starts with ``S13_`` if any of it runs; every page is opened in Chromium,
its diagrams drawn and its glossary terms hovered, and no such property may exist. Where the text is meant
to be seen, the page must show it verbatim (escaped once: not as markup, not as ``&lt;``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.browser import record, serve, site_pages, wait_for_diagrams
from tests.support.project import build_site, clear_notes, fixture_project
from tests.support.search import search

pytestmark = pytest.mark.browser


def _payload(name: str) -> str:
    """Markup that sets ``window.S13_<name>`` if a browser ever treats it as markup."""
    return (
        f'"><script>window.S13_{name}=1</script>'
        f'<img src=x onerror="window.S13_{name}=2">'
        f'" onfocus="window.S13_{name}=3" autofocus x="'
    )


TITLE = _payload("TITLE")
HEAD = "</title>" + _payload("HEADING")  # an escaped heading, which Material's <title> decoded
PARAGRAPH = _payload("PARAGRAPH")
GLOSSARY = _payload("GLOSSARY")
TIMELINE = _payload("TIMELINE")
DIAGRAM = "<img src=x onerror=window.S13_DIAGRAM=1>"


def _escaped(text: str) -> str:
    """How a writer types text with markup characters into Markdown prose."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _box(*labels: str) -> str:
    width = max(map(len, labels)) + 2
    rows = ["-" * width]
    for label in labels:
        rows += [f"|{label.ljust(width - 2)}|", "-" * width]
    return "\n".join(rows)


PAGES = {
    "index.md": "# ホーム {#home}\n\nこのサイトは試験用です。\n",
    "title.md": (
        f"---\ntitle: '{TITLE.replace(chr(39), chr(39) * 2)}'\n---\n\n"
        "# 見出し {#heading}\n\nタイトルだけが危ない。\n"
    ),
    "paragraph.md": (
        f"# {_escaped(HEAD)} {{#escaped-heading}}\n\n"
        f"{_escaped(PARAGRAPH)} 最初の段落です。ペイロード用語 が出てくる。\n"
    ),
    "diagram.md": (
        f"---\ndescription: 図のページ。\n---\n\n# 図 {{#diagram}}\n\n```\n{_box(DIAGRAM, 'Host OS')}\n```\n"
    ),
    "history.md": "# 年表 {#history}\n\n年表のページです。\n\n<!-- timeline -->\n",
}


def _project(root: Path) -> Path:
    project = clear_notes(fixture_project(root / "project"))
    for name, text in PAGES.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    with open(project / "includes" / "abbreviations.md", "a", encoding="utf-8") as glossary:
        glossary.write(f"\n*[ペイロード用語]: {GLOSSARY}\n")
    data = project / "data" / "timeline.yml"
    text = data.read_text(encoding="utf-8")
    planted = TIMELINE.replace("'", "''")
    text = text.replace("title: chroot(2) が Version 7 Unix に登場", f"title: '{planted}'", 1)
    text = text.replace("label: chroot (V7 Unix)", f"label: '{planted}'", 1)
    data.write_text(text, encoding="utf-8")
    return project


def build_both(work: Path) -> tuple[Path, Path]:
    """The fixture project built for a server under /study/, and built as the offline bundle."""
    project = _project(work)
    online = project.parent / "site"
    result = build_site(project, online, site_url="http://127.0.0.1:8000/study/")
    assert result.returncode == 0, result.stderr
    offline = project.parent / "offline"
    result = build_site(project, offline, site_url="", extra_env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return online, offline


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    return build_both(tmp_path_factory.mktemp("builds"))


RAN = "() => Object.keys(window).filter(name => name.startsWith('S13_'))"


def _visit(page, url: str) -> list[str]:
    """Open a page, draw its diagrams, hover its glossary terms; the payloads that ran."""
    page.goto(url)
    page.wait_for_load_state("load")
    assert wait_for_diagrams(page) in ("none", "done"), url
    # Material's tooltips (glossary terms, and nav titles cut short with an ellipsis) appear on hover
    for abbr in page.locator("article abbr").all()[:3]:
        abbr.hover(force=True, timeout=2_000)
    for cut in page.locator(".md-ellipsis").all():
        if cut.is_visible() and cut.evaluate("e => e.offsetWidth < e.scrollWidth"):
            cut.hover(force=True, timeout=2_000)
    page.wait_for_timeout(50)
    return page.evaluate(RAN)


@dataclass
class Visits:
    pages: list[str]  # the online site's pages visited, below its root
    ran: dict[str, list[str]]  # online page (or "search results") -> the payloads that ran there
    dialogs: list[str]
    blocked: list[str]
    hits: list[str]  # the pages the search for "onerror" lists
    files: list[str]  # the offline bundle's HTML files visited
    ran_offline: dict[str, list[str]]


def visit_both(online: Path, offline: Path, browser) -> Visits:
    """Every page of both builds opened (diagrams drawn, glossary terms hovered) in contexts of their own,
    and the search for a payload's word run on the online site."""
    pages = [*site_pages(online), "print_page/", "404.html"]
    files = sorted(p for p in offline.rglob("*.html") if "assets" not in p.relative_to(offline).parts)
    ran: dict[str, list[str]] = {}
    ran_offline: dict[str, list[str]] = {}
    dialogs: list[str] = []
    with serve(online) as url:
        context = browser.new_context()
        page = context.new_page()
        rec = record(page)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            if found := _visit(page, url + path):
                ran[path] = found
        # the search results show the titles and text of the index, in the page's DOM
        page.goto(url)
        _, hits = search(page, url, "onerror")
        if found := page.evaluate(RAN):
            ran["search results"] = found
        context.close()
    context = browser.new_context()
    page = context.new_page()
    for html in files:
        if found := _visit(page, html.as_uri()):
            ran_offline[str(html.relative_to(offline))] = found
    context.close()
    names = [str(html.relative_to(offline)) for html in files]
    return Visits(pages, ran, dialogs, rec.blocked, hits, names, ran_offline)


@pytest.fixture(scope="module")
def visits(builds: tuple[Path, Path], browser) -> Visits:
    return visit_both(*builds, browser)


def test_no_payload_runs_on_any_page(visits: Visits):
    assert "title/" in visits.pages and "history/" in visits.pages
    assert not visits.ran, f"planted script ran: {visits.ran}"
    assert not visits.dialogs and not visits.blocked
    assert "paragraph/" in visits.hits, visits.hits  # its title and text hold payloads


def test_no_payload_runs_in_the_offline_bundle(visits: Visits):
    assert "print_page.html" in visits.files
    assert not visits.ran_offline, f"planted script ran: {visits.ran_offline}"


def test_planted_text_shows_verbatim(browser, builds):
    """Escaped exactly once: the reader sees the characters, previews get the text, nothing shows `&lt;`."""
    online, _ = builds
    with serve(online) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "title/")
        assert page.title() == f"{TITLE} - コンテナとDocker 学習ノート"
        assert page.get_attribute('meta[property="og:title"]', "content") == TITLE
        assert TITLE in page.locator(".md-header__topic").last.inner_text()
        page.goto(url + "paragraph/")
        assert page.title().startswith(HEAD)
        description = page.get_attribute('meta[name="description"]', "content") or ""
        assert description.startswith(PARAGRAPH[:100]), description  # cut at 120 characters
        assert page.get_attribute('meta[property="og:description"]', "content") == description
        assert page.get_attribute('meta[name="twitter:description"]', "content") == description
        assert page.get_attribute("article abbr", "title") == GLOSSARY
        page.goto(url + "diagram/")
        wait_for_diagrams(page)
        assert DIAGRAM in page.locator("div.mermaid svg").first.text_content()
        page.goto(url + "history/")
        assert TIMELINE in page.locator("article").inner_text()
        page.goto(url + "print_page/")
        assert TITLE in page.locator("article").inner_text()
        context.close()
    head = (online / "title" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert "&amp;lt;" not in head and "&amp;quot;" not in head, "escaped twice"
