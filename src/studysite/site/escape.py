"""Text is text: the one escaper for values that reach HTML element content, attributes and ``<head>``.

MkDocs renders themes with Jinja's autoescaping off, so ``{{ value }}`` prints a value as it is. Page titles
from front matter, descriptions (front matter or a page's first paragraph) and the site's settings are plain
text; headings' titles are already HTML. :func:`as_html` turns plain text into ``markupsafe.Markup`` that
is escaped exactly once: Jinja's ``| e`` and a second :func:`as_html` leave it alone, and printing it, in
any template or in a plugin's f-string, prints the escaped form. ``studysite.infra.html_text`` goes the other
way, for titles that are HTML and must become an attribute.
"""

from __future__ import annotations

import html

from markupsafe import Markup


def as_html(value: object) -> Markup:
    """Plain text as HTML, for content and for quoted attribute values (``&``, ``<``, ``>``, ``"``, ``'``).

    ``Markup`` (already HTML) is returned unchanged, so escaping twice is escaping once.
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))
