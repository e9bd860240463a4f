"""Link checker for a built, served site: every internal link, asset and anchor of every HTML file.

Each HTML file is read at the URL a browser has for it and each reference is resolved as a browser does,
then fetched once (without following redirects: a link must point at the page itself).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

#: Which attribute of which element a browser fetches or follows.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src"}


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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str) -> tuple[int, str]:
    """Status and body (HTML only) of one GET, without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get_content_type()
            return response.status, body.decode("utf-8", "replace") if kind == "text/html" else ""
    except urllib.error.HTTPError as error:
        return error.code, ""


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the HTML file, relative to the site
    tag: str
    raw: str  # the URL as written
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: <{self.tag}> {self.raw!r}: {self.detail}"


def page_url(served: str, rel: str) -> str:
    """The URL a browser has for the HTML file ``rel``: ``x/index.html`` at ``x/``, and ``404.html`` at a
    missing, nested URL, since servers show it in place of any missing page."""
    if rel == "404.html":
        return urljoin(served, "no/such/chapter/page/")
    if rel == "index.html" or rel.endswith("/index.html"):
        return urljoin(served, rel[: -len("index.html")])
    return urljoin(served, rel)


def check_site(site: Path, served: str, site_url: str) -> list[BrokenLink]:
    """Every problem with the internal links, assets and anchors of every HTML file of a built site.

    ``served`` is the URL the site is served at; URLs under ``site_url`` (canonical links) are checked
    there too.
    """
    get = lru_cache(maxsize=None)(fetch)
    anchors_of = lru_cache(maxsize=None)(lambda body: frozenset(parse(body).anchors))
    host = urlsplit(served).netloc
    problems: list[BrokenLink] = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        here = page_url(served, rel)
        page = parse(html.read_text(encoding="utf-8"))
        base = urljoin(here, page.base) if page.base else here
        for tag, raw in page.refs:
            url = urljoin(base, raw)
            if url.startswith(site_url):
                url = served + url[len(site_url) :]
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                if parts.scheme not in ("mailto", "tel", "data", "javascript"):
                    problems.append(BrokenLink(rel, tag, raw, "unexpected scheme"))
                continue
            if parts.netloc != host:
                if tag != "a":  # a link to another site is fine; loading from one is not
                    problems.append(BrokenLink(rel, tag, raw, "loads from another host"))
                continue
            target, fragment = urldefrag(url)
            status, body = get(target)
            if status != 200:
                problems.append(BrokenLink(rel, tag, raw, f"{target}: HTTP {status}"))
            elif fragment and unquote(fragment) not in anchors_of(body):
                problems.append(BrokenLink(rel, tag, raw, f"no id {unquote(fragment)!r} on {target}"))
    return problems
