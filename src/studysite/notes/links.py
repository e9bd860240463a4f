"""External links without tracking parameters: ``utm_*`` dropped from the URLs of a page's links.

Works on the rendered HTML, on the ``href`` of ``<a>`` elements only (code shows its text escaped, so
never matches); a link whose text is its own URL (an autolink) gets the clean URL as its text too.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r'(<a\b[^>]*?\shref=")(?P<href>https?://[^"]*)("[^>]*>)')


def clean_url(url: str) -> str:
    """``url`` without its ``utm_*`` query parameters (the rest kept byte for byte)."""
    base, hash_, fragment = url.partition("#")
    path, question, query = base.partition("?")
    if not question:
        return url
    kept = [
        part for part in query.split("&") if part and not part.split("=", 1)[0].lower().startswith("utm_")
    ]
    return path + ("?" + "&".join(kept) if kept else "") + hash_ + fragment


def drop_tracking(page_html: str) -> str:
    """``page_html`` with tracking parameters removed from its external links."""
    if "utm_" not in page_html:
        return page_html
    out: list[str] = []
    done = 0
    for m in _LINK.finditer(page_html):
        url = html.unescape(m.group("href"))
        clean = clean_url(url)
        if clean == url:
            continue
        attr = html.escape(clean, quote=True)
        out += [page_html[done : m.start()], m.group(1), attr, m.group(3)]
        done = m.end()
        shown = html.escape(url, quote=False)
        if page_html.startswith(shown + "</a>", done):  # an autolink shows its URL
            out.append(html.escape(clean, quote=False))
            done += len(shown)
    return "".join(out) + page_html[done:]
