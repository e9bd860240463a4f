"""One network guard for every page we drive in Chromium: nothing may leave the machine.

The PDF export and the browser-test harness both route every request of a page (or a whole browser
context) through :func:`stay_local`: requests to 127.0.0.1 and to in-page schemes go on, anything else is
aborted and reported, so a stray CDN link fails loudly instead of waiting for a network that is not there.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import urlsplit

#: The only host a page may reach: the thread that serves the site.
LOCAL_HOSTS: frozenset[str] = frozenset({"127.0.0.1"})
#: URLs that never touch the network.
IN_PAGE_SCHEMES: tuple[str, ...] = ("data:", "blob:")
#: What a page opened from disk may load as well (the offline bundle).
FILE_SCHEMES: tuple[str, ...] = ("file:", "about:")


def is_local(url: str, schemes: Collection[str] = IN_PAGE_SCHEMES) -> bool:
    """True for a URL that stays on this machine: one of ``schemes``, or a host of LOCAL_HOSTS."""
    return url.startswith(tuple(schemes)) or urlsplit(url).hostname in LOCAL_HOSTS


def stay_local(
    target: Any, on_blocked: Callable[[str], object], schemes: Collection[str] = IN_PAGE_SCHEMES
) -> None:
    """Route every request of ``target`` (a Playwright Page or BrowserContext): local ones continue, the
    others are aborted and passed to ``on_blocked`` (their URL)."""

    def route(route: Any) -> None:
        url = route.request.url
        if is_local(url, schemes):
            route.continue_()
        else:
            on_blocked(url)
            route.abort()

    target.route("**/*", route)
