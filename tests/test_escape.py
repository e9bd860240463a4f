"""The one escaper for values printed into HTML: plain text in, Markup escaped exactly once out."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from studysite.infra.html_text import html_text
from studysite.site.escape import as_html

AS_HTML = [
    ("plain", "plain"),
    ("", ""),
    ("コンテナとDocker", "コンテナとDocker"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('say "hi"', "say &quot;hi&quot;"),
    ("it's", "it&#x27;s"),
    ("R&D", "R&amp;D"),
    ("&lt;", "&amp;lt;"),  # text that looks like an entity is text
    ('" onmouseover="x', "&quot; onmouseover=&quot;x"),
    (Markup("&lt;b&gt;"), "&lt;b&gt;"),  # already HTML: unchanged
    (Markup("<b>bold</b>"), "<b>bold</b>"),
    (42, "42"),
]


@pytest.mark.parametrize(("value", "expected"), AS_HTML)
def test_as_html(value: object, expected: str):
    result = as_html(value)
    assert isinstance(result, Markup)
    assert str(result) == expected


@pytest.mark.parametrize(("value", "expected"), AS_HTML)
def test_escaping_twice_is_escaping_once(value: object, expected: str):
    assert str(as_html(as_html(value))) == expected


@pytest.mark.parametrize(("value", "expected"), AS_HTML)
def test_templates_print_it_escaped_once(value: object, expected: str):
    """MkDocs renders themes without autoescape: `{{ v }}` and `{{ v | e }}` both print it once escaped."""
    env = jinja2.Environment(autoescape=False)
    assert env.from_string("{{ v }}|{{ v | e }}").render(v=as_html(value)) == f"{expected}|{expected}"


HTML_TEXT = [
    ("VMと<code>コンテナ</code>", "VMとコンテナ"),
    ("&lt;script&gt;", "<script>"),
    ("R&amp;D", "R&D"),
    ("a  <b>b</b>\n c", "a b c"),
]


@pytest.mark.parametrize(("value", "expected"), HTML_TEXT)
def test_html_text(value: str, expected: str):
    assert html_text(value) == expected


def test_a_title_round_trips():
    """A front-matter title -> HTML (as Material prints it) -> text for an attribute -> escaped once."""
    title = '<img src=x onerror="1"> & R&D'
    assert html_text(as_html(title)) == title
    assert str(as_html(html_text(as_html(title)))) == str(as_html(title))
