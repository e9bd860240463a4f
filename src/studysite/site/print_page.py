"""Repairs to mkdocs-print-site-plugin's combined page (``print_page/``), the source of the PDF.

print-site puts every page into one document as ``<section class="print-page" id="PAGE">`` and prefixes
each in-page link with the page (``#fn:1`` → ``#PAGE-fn:1``), but not every target: footnote and
code-line anchors keep their page-local ids, so those links lead nowhere. :func:`prefix_page_ids` gives
a section's ids the prefix exactly where the combined page links to the prefixed form.

Nothing here imports MkDocs; ``hooks/print_page_ids.py`` adapts it.
"""

from __future__ import annotations

import re

#: Where print-site writes the combined page (``print_page.html`` without directory URLs).
PRINT_PAGES = ("print_page/index.html", "print_page.html")
_PAGE = re.compile(r"<section\s+class=([\"'])print-page\b[^\"']*\1\s+id=([\"'])([^\"']+)\2[^>]*>")
_TARGET = re.compile(r"""\shref=(["'])#([^"']+)\1""")
_ANCHOR = re.compile(r"""(\s(?:id|name)=)(["'])([^"']+)\2""")


def prefix_page_ids(html: str) -> str:
    """The combined page with each page section's ids prefixed where (and only where) links expect it.

    An ``id`` or ``name`` value ``v`` inside the section of page ``P`` becomes ``P-v`` when the document
    links to ``#P-v``, no element has that id yet, and ``v`` itself is no link target. Everything else
    is left byte for byte.
    """
    starts = list(_PAGE.finditer(html))
    if not starts:
        return html
    targets = {target for _, target in _TARGET.findall(html)}
    existing = {value for _, _, value in _ANCHOR.findall(html)}
    out = [html[: starts[0].end()]]
    for k, start in enumerate(starts):
        prefix = start.group(3)
        end = starts[k + 1].start() if k + 1 < len(starts) else len(html)

        def rename(anchor: re.Match[str], prefix: str = prefix) -> str:
            value = anchor.group(3)
            wanted = f"{prefix}-{value}"
            if wanted in targets and wanted not in existing and value not in targets:
                return f"{anchor.group(1)}{anchor.group(2)}{wanted}{anchor.group(2)}"
            return anchor.group(0)

        out.append(_ANCHOR.sub(rename, html[start.end() : end]))
        if k + 1 < len(starts):
            out.append(starts[k + 1].group(0))
    return "".join(out)
