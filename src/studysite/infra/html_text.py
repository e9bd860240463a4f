"""The text of an HTML fragment (a heading's or a page's title as HTML): tags dropped, entities decoded,
whitespace collapsed. One way for every part that shows HTML as plain text."""

from __future__ import annotations

from markupsafe import Markup


def html_text(value: object) -> str:
    """``<code>A&amp;B</code>  章`` → ``A&B 章``."""
    return Markup(str(value)).striptags()
