"""Drive Material's search box in Chromium as a reader does, and read the result list."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

PLACEHOLDER = "検索キーワードを入力してください"


_ASCII = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def type_query(page, query: str) -> None:
    """Type ``query`` into the focused box as a reader does: ASCII on the keyboard, the rest through an IME.

    An IME commit is a composition, its end and a key up (Enter); Playwright's ``keyboard.type`` would insert
    non-ASCII text with no key events at all, which Material's search box does not read.
    """
    cdp = page.context.new_cdp_session(page)
    try:
        for run in _ASCII.findall(query):
            if run.isascii():
                page.keyboard.type(run)
                continue
            end = len(run)
            cdp.send("Input.imeSetComposition", {"text": run, "selectionStart": end, "selectionEnd": end})
            cdp.send("Input.insertText", {"text": run})
            cdp.send(
                "Input.dispatchKeyEvent",
                {
                    "type": "keyUp",
                    "key": "Enter",
                    "code": "Enter",
                    "windowsVirtualKeyCode": 13,
                    "nativeVirtualKeyCode": 13,
                },
            )
    finally:
        cdp.detach()


def page_of(href: str, base: str) -> str:
    """The page path below the site root of a result link (no query, no fragment)."""
    path = urlsplit(href).path
    root = urlsplit(base).path
    return path[len(root) :] if path.startswith(root) else path


_RESULTS = """() => [
  document.querySelector('.md-search-result__meta').textContent,
  [...document.querySelectorAll('.md-search-result__item > .md-search-result__link:first-child')]
    .map(e => e.href),
]"""


def search(page, base: str, query: str, timeout: float = 10.0, settle: float = 0.3) -> tuple[str, list[str]]:
    """Run ``query`` in the open page's search box; return the result count line and the pages in order.

    Material searches on every key, so the list first shows the results of a query's beginning: the
    answer is read once the list has shown something other than the empty-box placeholder and has not
    changed for ``settle`` seconds.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.dispatch_event("keyup")
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent === t",
        arg=PLACEHOLDER,
        timeout=timeout * 1000,
    )
    type_query(page, query)
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while True:
        now = page.evaluate(_RESULTS)
        if now != last:
            last, since = now, time.monotonic()
        elif now[0] != PLACEHOLDER and time.monotonic() - since >= settle:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"{query!r}: the result list did not settle: {now}")
        page.wait_for_timeout(50)
    meta, hrefs = now  # the list that settled (equal to last)
    return meta, [page_of(href, base) for href in hrefs]


_GROUPS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
  [...item.querySelectorAll('a.md-search-result__link')].slice(0, 2).map(a => a.href))"""


def result_groups(page, base: str) -> list[tuple[str, str | None]]:
    """The settled result list as (page, the fragment of its first section row, or None), in order: Material
    shows a page's article first, then its best matching section."""
    groups = []
    for links in page.evaluate(_GROUPS):
        section = urlsplit(links[1]).fragment if len(links) > 1 else None
        groups.append((page_of(links[0], base), section or None))
    return groups
