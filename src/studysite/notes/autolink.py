"""Bare URLs pasted into a note become links, as a GFM preview shows them; pure text in, text out.

``linkify-it-py`` (the URL finder markdown-it's GFM linkify uses) finds ``http(s)://`` and ``www.`` URLs
in one line of inline Markdown; code spans, links, images, autolinks and HTML tags are skipped. A URL ends
before Japanese punctuation or a full-width bracket (``https://example.com/。`` → the link stops at the
``/``), its ``utm_*`` tracking parameters are dropped, and it is written as a Markdown autolink
``<https://…>``, which Python-Markdown renders as a link showing the URL (``www.`` URLs as a link to
``http://www.…`` that shows the URL as written).
"""

from __future__ import annotations

import re
from functools import cache

from linkify_it import LinkifyIt

from studysite.notes.links import clean_url

#: Inline constructs whose text is not searched: code spans, links and images, autolinks and HTML tags.
_SKIP = re.compile(r"(`+).*?(?<!`)\1(?!`)|!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])|<[^<>\n]*>")
#: Where a URL pasted into Japanese text ends: CJK punctuation and brackets, full-width forms.
_END = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026]")
_MARKUP = re.compile(r"[\\`*_\[\]<>&]")
_TRAILING = ".,:;!?'\"*_~"


@cache
def _finder() -> LinkifyIt:
    return LinkifyIt()


def autolink(line: str) -> str:
    """``line`` with each bare http(s) or www. URL written as ``<url>`` (see module doc)."""
    if "://" not in line and "www." not in line.lower():
        return line
    masked = _SKIP.sub(lambda m: " " * len(m.group(0)), line)
    matches = _finder().match(masked) or []
    out: list[str] = []
    done = 0
    for match in matches:
        text = line[match.index : match.last_index]
        if not text.lower().startswith(("http://", "https://", "www.")):
            continue  # e-mail addresses and bare domains stay text, as on GitHub
        if match.index and line[match.index - 1] in "\\":
            continue
        text = _trim(text)
        if not text or "://" not in text and "." not in text[4:]:
            continue
        shown = clean_url(text)
        if text.lower().startswith("www."):  # shown as written, as GFM does
            link = f"[{_escape(shown)}](<http://{shown.replace(chr(92), '%5C')}>)"
        elif "\\" in shown:  # (in <…> a backslash would escape what follows it)
            link = f"[{_escape(shown)}](<{shown.replace(chr(92), '%5C')}>)"
        else:
            link = f"<{shown}>"
        out += [line[done : match.index], link]
        done = match.index + len(text)
    return "".join(out) + line[done:] if out else line


def _escape(text: str) -> str:
    """Text shown verbatim in a link: Markdown's own characters backslash-escaped."""
    return _MARKUP.sub(lambda m: "\\" + m.group(0), text)


def _trim(url: str) -> str:
    """The URL without what follows it in the sentence: Japanese punctuation, a full-width bracket, a
    closing ASCII bracket that has no opening one in the URL, and trailing ASCII punctuation."""
    end = _END.search(url)
    if end:
        url = url[: end.start()]
    while url:
        if url[-1] in _TRAILING:
            url = url[:-1]
        elif url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        else:
            break
    return url
