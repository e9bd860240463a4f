"""Links that land (issue 25), on the fixture notes in a git repository of two commits: each page's
preview card, its last-changed date (page, article:modified_time, sitemap lastmod), where each glossary
term is used, and hover previews of internal links in Chromium (mouse and keyboard). A copy of the same
project without .git (an unpacked download) builds strictly with no dates, from the card cache.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image

from tests.support.browser import record, serve
from tests.support.project import ROOT, build_site, fixture_project

#: The two commits: every file, then one more paragraph in the history note (a date whose UTC day is the
#: day before: the page, the meta tag and the sitemap must agree on the commit's own day).
FIRST = "2026-01-10T10:00:00+09:00"
SECOND = "2026-03-06T01:30:00+09:00"
CHANGED = "docs/docker-1/history.md"
PAGES = [
    "index.md",
    "glossary.md",
    "docker-1/index.md",
    "docker-1/what-is-a-container.md",
    "docker-1/vm-vs-container.md",
    "docker-1/history.md",
    "docker-1/docker-platform.md",
    "docker-1/portability.md",
]


def _git(project: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )


@dataclass
class Built:
    site: Path  # from the git checkout, built for the address it is served at
    url: str
    plain: Path  # from a copy without .git, same card cache
    plain_log: str
    log: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("links-land")
    project = fixture_project(base / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "mkdocs.yml", "docs", "includes", "data", "hooks", "overrides")
    _git(project, "commit", "-q", "-m", "notes", date=FIRST)
    with open(project / CHANGED, "a", encoding="utf-8") as note:
        note.write("\n年表の出典を見直した。\n")
    _git(project, "commit", "-q", "-am", "history", date=SECOND)
    plain = base / "plain"
    shutil.copytree(project, plain, symlinks=True, ignore=shutil.ignore_patterns(".git"))

    env = {"STUDYSITE_CARD_CACHE": str(base / "cards")}
    (base / "site").mkdir()
    with serve(base / "site") as url:
        result = build_site(project, base / "site", site_url=url, extra_env=env)
        assert result.returncode == 0, result.stderr
        again = build_site(plain, base / "plain-site", site_url=url, extra_env=env)
        assert again.returncode == 0, again.stderr
        yield Built(base / "site", url, base / "plain-site", again.stderr, result.stderr)


def _html(site: Path, page: str) -> str:
    path = page.removesuffix(".md").removesuffix("index")
    return (site / path / "index.html").read_text(encoding="utf-8")


def _meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def _lastmod(site: Path) -> dict[str, str | None]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    return {
        urlsplit(url.findtext("s:loc", "", ns)).path: url.findtext("s:lastmod", None, ns)
        for url in root.findall("s:url", ns)
    }


# -- preview cards ---------------------------------------------------------------------------------------


def test_every_page_has_its_own_card_of_the_right_size(built: Built):
    cards = {}
    for page in PAGES:
        html = _html(built.site, page)
        image = _meta(html, "og:image")
        assert image and image == _meta(html, "twitter:image"), page
        assert image.startswith(built.url + "assets/cards/"), image
        path = built.site / urlsplit(image).path.removeprefix(urlsplit(built.url).path)
        data = path.read_bytes()
        assert len(data) <= 80_000, (page, len(data))
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.size == (1200, 630) and picture.format == "PNG"
        assert (_meta(html, "og:image:width"), _meta(html, "og:image:height")) == ("1200", "630")
        title = re.search(r"<title>(.*?)(?: - .*)?</title>", html).group(1)  # type: ignore[union-attr]
        assert unescape(title) in (_meta(html, "og:image:alt") or ""), page
        assert _meta(html, "og:image:alt") == _meta(html, "twitter:image:alt")
        cards[page] = data
    assert len(set(cards.values())) == len(PAGES), "two pages share a card"
    assert len(list((built.site / "assets" / "cards").rglob("*.png"))) == len(PAGES)


def test_cards_come_from_the_cache_and_are_byte_stable(built: Built):
    assert f"preview images: {len(PAGES)} drawn, 0 from the cache" in built.log
    assert f"preview images: 0 drawn, {len(PAGES)} from the cache" in built.plain_log
    for card in (built.site / "assets" / "cards").rglob("*.png"):
        twin = built.plain / card.relative_to(built.site)
        assert twin.read_bytes() == card.read_bytes(), card


# -- dates -------------------------------------------------------------------------------------------------


def test_pages_carry_their_last_commit_date(built: Built):
    lastmod = _lastmod(built.site)
    root = urlsplit(built.url).path
    for page in PAGES:
        html = _html(built.site, page)
        when = SECOND if f"docs/{page}" == CHANGED else FIRST
        day = when[:10]
        year, month, date = (int(part) for part in day.split("-"))
        assert _meta(html, "article:modified_time") == when, page
        assert f'<time datetime="{when}">最終更新: {year}年{month}月{date}日</time>' in html, page
        path = root + page.removesuffix(".md").removesuffix("index")
        path = path if path.endswith("/") else path + "/"
        assert lastmod[path] == day, (page, lastmod[path])


def test_a_build_outside_git_has_no_dates_and_says_nothing(built: Built):
    assert "WARNING" not in built.plain_log, built.plain_log
    assert all(value is None for value in _lastmod(built.plain).values())
    for page in PAGES:
        html = _html(built.plain, page)
        assert _meta(html, "article:modified_time") is None and "最終更新" not in html, page


# -- where a glossary term is used ---------------------------------------------------------------------


def _uses(html: str, anchor: str) -> list[str]:
    entry = re.search(rf'<dt id="{anchor}">.*?</dt>\s*<dd>(.*?)</dd>', html, re.S)
    assert entry, anchor
    block = re.search(r'<div class="term-uses".*?</div>', entry.group(1), re.S)
    return re.findall(r'href="([^"]+)"', block.group(0)) if block else []


#: Glossary entry -> links its list must hold (relative to glossary/), from the fixture notes' text.
USES = {
    "kernel": [
        "../docker-1/vm-vs-container/",
        "../docker-1/vm-vs-container/#containers",
        "../docker-1/vm-vs-container/#layers",
        "../docker-1/portability/",
        "../docker-1/portability/#shared-kernel",
    ],
    "hypervisor": ["../docker-1/vm-vs-container/", "../docker-1/vm-vs-container/#vm"],
    "chroot": ["../docker-1/history/"],
}


@pytest.mark.parametrize("anchor", sorted(USES))
def test_glossary_entries_list_the_pages_and_sections_that_use_them(built: Built, anchor: str):
    links = _uses(_html(built.site, "glossary.md"), anchor)
    assert set(USES[anchor]) <= set(links), links
    assert not [link for link in links if link.startswith("../glossary")], "the glossary lists itself"


def test_every_use_link_lands_on_a_page_and_anchor(built: Built):
    html = _html(built.site, "glossary.md")
    links = [link for anchor in re.findall(r'<dt id="([^"]+)"', html) for link in _uses(html, anchor)]
    assert len(links) > 30
    for link in set(links):
        target = urlsplit(urljoin(built.url + "glossary/", link))
        page = built.site / target.path.removeprefix(urlsplit(built.url).path) / "index.html"
        assert page.exists(), link
        if target.fragment:
            assert f'id="{target.fragment}"' in page.read_text(encoding="utf-8"), link


# -- hover previews ------------------------------------------------------------------------------------------


def _preview(page) -> str:
    page.wait_for_selector(".md-tooltip2--active", timeout=15_000)
    return page.eval_on_selector(".md-tooltip2--active", "e => e.innerText")


def test_hovering_a_link_previews_its_target(browser, built: Built):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    rec = record(page)
    page.goto(built.url + "docker-1/", wait_until="load")
    link = page.locator("article a[href$='vm-vs-container/']").first
    link.hover()
    text = _preview(page)
    assert "VMとコンテナ" in text and "隔離" in text, text
    page.mouse.move(1, 1)
    page.wait_for_function("() => !document.querySelector('.md-tooltip2--active')", timeout=5_000)
    assert not rec.errors and not rec.blocked
    context.close()


def test_a_page_whose_title_has_no_text_under_it_previews_its_description(browser, built: Built):
    """Material previews the text between a page's title and its next heading; a page that goes straight
    to a subheading shows its description (the one wikis show) under its title."""
    description = _meta(_html(built.site, "docker-1/portability.md"), "og:description")
    assert description
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    rec = record(page)
    page.goto(built.url + "docker-1/", wait_until="load")
    page.locator("article a[href$='portability/']").first.hover()
    _preview(page)
    page.wait_for_function(
        "t => document.querySelector('.md-tooltip2--active').innerText.includes(t)",
        arg=description,
        timeout=10_000,
    )
    assert not rec.errors and not rec.blocked
    context.close()


def test_keyboard_focus_previews_a_link(browser, built: Built):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    rec = record(page)
    page.goto(built.url + "docker-1/", wait_until="load")
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "() => document.activeElement.closest('article') && document.activeElement.getAttribute('href')"
        )
        if href and href.endswith("history/"):
            break
    else:
        pytest.fail("Tab never reached the link to the history page")
    assert "Dockerとコンテナの歴史" in _preview(page)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-haspopup')") == "dialog"
    assert not rec.errors and not rec.blocked
    context.close()


def test_a_preview_opens_no_second_popup_for_glossary_terms(browser, built: Built):
    """The previewed section holds a glossary term: its definition (abbr title) is not offered inside the
    preview, and the link itself holds no term (no title tooltip over the preview)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    rec = record(page)
    page.goto(built.url + "glossary/", wait_until="load")
    link = page.locator(".term-uses a[href$='what-is-a-container/#definition']").first
    link.scroll_into_view_if_needed()
    link.hover()
    _preview(page)
    counts = page.eval_on_selector(
        ".md-tooltip2--active",
        "e => [e.querySelectorAll('abbr').length, e.querySelectorAll('[title]').length]",
    )
    assert counts[0] > 0 and counts[1] == 0, counts
    assert page.evaluate("() => document.querySelectorAll('article a abbr, article a[title]').length") == 0
    assert not rec.errors and not rec.blocked
    context.close()


_FEATURES = """
import json, sys
from mkdocs.config import load_config
config = load_config(sys.argv[1])
config = config.plugins.on_config(config)
print(json.dumps(list(config.theme["features"])))
"""


@pytest.mark.parametrize("offline", [False, True])
def test_previews_are_off_in_the_offline_bundle(offline: bool):
    """Read in a process of its own: this one's environment is the builds' too."""
    env = {key: value for key, value in os.environ.items() if key != "OFFLINE"}
    env |= {"NO_MKDOCS_2_WARNING": "1", **({"OFFLINE": "true"} if offline else {})}
    done = subprocess.run(
        [sys.executable, "-c", _FEATURES, str(ROOT / "mkdocs.yml")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    features = done.stdout.splitlines()[-1]
    assert ("navigation.instant.preview" in features) is not offline, features
