"""Two steps of our plugins that grow with the square of a page's size, done in linear time (issue 22: a
5 MB note took minutes). Both keep the plugin's own result; ``hooks/upstream_linear.py`` installs them.

- mkdocs-print-site-plugin's ``fix_href_links``, ``update_anchor_ids`` and ``fix_image_src`` find their
  matches in a page and then, for every match, replace the match's text in the whole page: n anchors
  cost n passes over the page. :func:`linear` keeps each function's own rewriting of one match (it is
  called on the match's text alone) and does the page in one ``re.sub`` pass. The result is the same text
  whenever no match's text is repeated inside another match (print-site's whole-page replace would also
  rewrite such copies).
- Material's search looks up each section's heading by walking the page's whole table of contents
  (``SearchIndex._find_toc_by_id``): n headings cost n walks. :func:`toc_lookup` answers from an index of
  the same table, built once per page: the same item (the first in document order with that id).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

#: The patterns print-site 2.9 matches with, by function (mkdocs_print_site_plugin/urls.py).
PATTERNS: dict[str, re.Pattern[str]] = {
    "fix_href_links": re.compile(r"<a\s+([^>]*?\s+)?href=\"(.*?)\"", flags=re.IGNORECASE),
    "update_anchor_ids": re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE),
    "fix_image_src": re.compile(r"<img[^>]+src=\"([^\">]+)\"", flags=re.IGNORECASE),
}


def linear(function: Callable[..., str], pattern: re.Pattern[str]) -> Callable[..., str]:
    """``function(page_html, *args)`` done match by match in one pass."""

    def rewrite(page_html: str, *args: Any, **kwargs: Any) -> str:
        return pattern.sub(lambda match: function(match.group(), *args, **kwargs), page_html)

    rewrite.__wrapped__ = function  # type: ignore[attr-defined]
    rewrite.__name__ = getattr(function, "__name__", "rewrite")
    return rewrite


def toc_index(toc: Iterable[Any]) -> dict[Any, Any]:
    """Every item of a table of contents by id: the first in document order (depth first) wins."""
    index: dict[Any, Any] = {}
    stack = list(reversed(list(toc)))
    while stack:
        item = stack.pop()
        index.setdefault(item.id, item)
        stack.extend(reversed(list(item.children)))
    return index


def toc_lookup(original: Callable[[Any, Any, Any], Any]) -> Callable[[Any, Any, Any], Any]:
    """A drop-in for ``SearchIndex._find_toc_by_id(self, toc, id)`` answering from :func:`toc_index` of
    the last table it was asked about (the search plugin asks about one page's table at a time)."""
    last: list[Any] = [None, {}]

    def find(self: Any, toc: Any, id: Any) -> Any:
        if last[0] is not toc:
            last[0], last[1] = toc, toc_index(toc)
        return last[1].get(id)

    find.__wrapped__ = original  # type: ignore[attr-defined]
    return find
