"""Browser-test harness: serve a built site on 127.0.0.1 under a sub-path, drive Debian's Chromium.

Reused by the browser tests, the PDF tests and ``bench/``. Every request and console message of a page is
recorded; requests that would leave 127.0.0.1 are aborted and recorded as such.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from studysite.infra.chromium import launch
from studysite.infra.network import stay_local
from studysite.infra.serve import serve as serve_site

SUB_PATH = "/study/"


def serve(directory: Path, prefix: str = SUB_PATH):
    """Serve ``directory`` at ``http://127.0.0.1:<free port><prefix>``; a context manager yielding the URL."""
    return serve_site(directory, prefix)


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as paths relative to its root, found from sitemap.xml."""
    root = ET.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = [urlsplit(loc.text or "").path for loc in root.findall("s:url/s:loc", ns)]
    base = min(paths, key=len)  # the shortest URL is the home page, the site's root
    pages = [path[len(base) :] for path in paths]
    return sorted(pages)


@dataclass
class Recording:
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    weight: tuple[int, int] = (0, 0)  # bytes, requests: set by the caller from page_weight()

    @property
    def errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.page_errors


def record(page) -> Recording:  # page: playwright.sync_api.Page
    """Attach a Recording to a page; abort every request that would leave 127.0.0.1."""
    rec = Recording()
    stay_local(page, rec.blocked.append)
    page.on("request", lambda request: rec.requests.append(request.url))
    page.on("console", lambda msg: rec.console.append((msg.type, msg.text)))
    page.on("pageerror", lambda error: rec.page_errors.append(str(error)))
    return rec


def page_weight(page) -> tuple[int, int]:
    """Uncompressed bytes and number of resources the page has loaded so far (Resource Timing API)."""
    return tuple(
        page.evaluate(
            """() => {
          const entries = [...performance.getEntriesByType('navigation'),
                           ...performance.getEntriesByType('resource')];
          return [entries.reduce((sum, e) => sum + (e.decodedBodySize || 0), 0), entries.length];
        }"""
        )
    )


def wait_for_diagrams(page, timeout: float = 15_000) -> str:
    """Diagrams are SVG in the page's HTML (drawn at build time, ``hooks/draw_diagrams.py``): 'none' when the
    page has none, 'done' when every ``div.mermaid`` holds its SVG, else 'error'. Nothing to wait for."""
    total = page.locator("div.mermaid").count()
    if total == 0:
        return "none"
    return "done" if page.locator("div.mermaid > svg").count() == total else "error"


@contextmanager
def chromium(executable: str | None = None) -> Iterator[Any]:
    """A headless Debian Chromium (or ``executable``) for the whole block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p, "running the browser tests", executable=executable)
        try:
            yield browser
        finally:
            browser.close()


_ENTITIES = {"quot": '"', "lt": "<", "gt": ">", "amp": "&", "nbsp": " "}


def _decode(label: str) -> str:
    import re

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.isdigit():
            return chr(int(name))
        return _ENTITIES.get(name, match.group(0))

    return re.sub(r"#(\w+);", one, label)


def expected_labels(source: str) -> list[str]:
    """The labels a reader must see in the drawn SVG of a block or timeline diagram's source."""
    lines = [line.strip() for line in source.strip().splitlines()]
    kind = lines[0].split()[0] if lines else ""
    labels: list[str] = []
    if kind.startswith("block"):
        import re

        labels = [m.group(1) for line in lines for m in re.finditer(r'\["(.*?)"\]', line)]
    elif kind == "timeline":
        for line in lines[1:]:
            if line.startswith(("title ", "section ")):
                labels.append(line.split(" ", 1)[1])
            elif ":" in line and not line.startswith(("acc", "%%")):
                labels += [part.strip() for part in line.split(" : ") if part.strip()]
    return [_decode(label).replace("<br>", " ") for label in labels if label]


def squash(text: str) -> str:
    """Text without any whitespace: SVG text wraps lines into separate tspans."""
    return "".join(text.split())


class _PrimaryNav(HTMLParser):
    """``(href, text)`` of the links of Material's primary nav (not the page's contents list), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []  # "primary", "secondary" or "" for every open <nav>
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "nav":
            self.stack.append(
                "primary"
                if "md-nav--primary" in classes
                else "secondary"
                if "md-nav--secondary" in classes
                else ""
            )
        elif (
            tag == "a"
            and "md-nav__link" in classes
            and "primary" in self.stack
            and "secondary" not in self.stack
            and found.get("href") is not None
        ):
            self._href, self._text = found["href"], ""

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.stack:
            self.stack.pop()
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(self._text.split())))
            self._href = None


def nav_pages(site: Path) -> list[tuple[str, str]]:
    """Every page of the nav in nav order, as (site-relative directory URL, nav title); "" is the home page.

    With ``navigation.prune`` a page's nav holds only what is visible from it, so each section's pages are
    read from the section's own page and put after it.
    """

    def links(path: str) -> list[tuple[str, str]]:
        parser = _PrimaryNav()
        parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
        out = []
        for href, title in parser.links:
            if "://" in href or href.startswith("#"):
                continue
            target = urljoin("/" + path, href.split("#")[0]).lstrip("/")
            out.append((target, title))
        return out

    order: list[tuple[str, str]] = []
    seen: set[str] = set()
    for target, title in links(""):
        if target not in seen:
            seen.add(target)
            order.append((target, title))
    i = 0
    while i < len(order):
        new = [(t, title) for t, title in links(order[i][0]) if t not in seen]
        seen.update(t for t, _ in new)
        order[i + 1 : i + 1] = new
        i += 1
    return order
