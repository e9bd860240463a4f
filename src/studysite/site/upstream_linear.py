"""Two steps of our plugins that grow with the square of a page's size, done in linear time (issue 22: a
5 MB note took minutes). Both keep the plugin's own result; ``hooks/patch_upstream.py`` installs them.

- mkdocs-print-site-plugin's ``fix_href_links``, ``update_anchor_ids`` and ``fix_image_src`` find their
  matches in a page and then, for every match, replace the match's text in the whole page: n anchors
  cost n passes over the page. :func:`linear` keeps each function's own rewriting of one match (it is
  called on the match's text alone) and does the page in one pass (:func:`anchor_matches` tries the anchor
  pattern only where it can match). The result is the same text whenever no match's text is repeated
  inside another match (print-site's whole-page replace would also rewrite such copies).
- Material's search looks up each section's heading by walking the page's whole table of contents
  (``SearchIndex._find_toc_by_id``): n headings cost n walks. :func:`toc_lookup` answers from an index of
  the same table, built once per page: the same item (the first in document order with that id).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: The patterns print-site 2.9 matches with, by function (mkdocs_print_site_plugin/urls.py).
PATTERNS: dict[str, re.Pattern[str]] = {
    "fix_href_links": re.compile(r"<a\s+([^>]*?\s+)?href=\"(.*?)\"", flags=re.IGNORECASE),
    "update_anchor_ids": re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE),
    "fix_image_src": re.compile(r"<img[^>]+src=\"([^\">]+)\"", flags=re.IGNORECASE),
}


def anchor_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for update_anchor_ids' pattern, tried only where it can match: at a
    ``<`` with ``id="`` after it on the same line (nothing in the pattern before ``id="`` crosses a line
    end). Tried at every position, a long line of tags with no id and no space (``<div><div>…``) costs
    that pattern minutes of backtracking."""
    ids = [m.start() for m in re.finditer(r'id="', text, flags=re.IGNORECASE)]
    pos = 0
    while True:
        k = bisect.bisect_left(ids, pos + 1)
        if k == len(ids):
            return
        line_start = text.rfind("\n", 0, ids[k]) + 1
        start = text.find("<", max(pos, line_start), ids[k])
        if start < 0:  # no tag before this id on its line: go on after it
            pos = ids[k] + 1
            continue
        match = pattern.match(text, start)
        if match is None:
            pos = start + 1
            continue
        yield match
        pos = match.end()


def linear(function: Callable[..., str], pattern: re.Pattern[str]) -> Callable[..., str]:
    """``function(page_html, *args)`` done match by match in one pass."""
    anchors = pattern is PATTERNS["update_anchor_ids"]

    def rewrite(page_html: str, *args: Any, **kwargs: Any) -> str:
        if not anchors:
            return pattern.sub(lambda match: function(match.group(), *args, **kwargs), page_html)
        out, last = [], 0
        for match in anchor_matches(pattern, page_html):
            out += [page_html[last : match.start()], function(match.group(), *args, **kwargs)]
            last = match.end()
        return "".join([*out, page_html[last:]])

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
