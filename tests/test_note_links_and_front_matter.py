"""Tracking parameters leave external links; front matter that MkDocs would drop is an error with its line."""

from __future__ import annotations

import markdown
import pytest

from studysite.notes.frontmatter import front_matter_error, lines_before_body
from studysite.notes.links import clean_url, drop_tracking

URLS = [
    ("https://a.org/x?utm_source=q&id=1", "https://a.org/x?id=1"),
    ("https://a.org/x?id=1&utm_medium=email&utm_term=t", "https://a.org/x?id=1"),
    ("https://a.org/x?utm_source=q", "https://a.org/x"),
    ("https://a.org/x?UTM_Source=q#part", "https://a.org/x#part"),
    ("https://a.org/x?utmost=1", "https://a.org/x?utmost=1"),
    ("https://a.org/x?q=%E3%83%8B&utm_campaign=c", "https://a.org/x?q=%E3%83%8B"),
    ("https://a.org/x#utm_source=q", "https://a.org/x#utm_source=q"),
    ("https://a.org/x", "https://a.org/x"),
]


@pytest.mark.parametrize(("url", "expected"), URLS)
def test_clean_url(url: str, expected: str) -> None:
    assert clean_url(url) == expected


def render(text: str) -> str:
    return drop_tracking(markdown.markdown(text))


def test_links_on_the_page() -> None:
    html = render(
        "[記事](https://qiita.com/i/3?utm_source=Qiita%E3%83%8B&utm_campaign=78&id=2) と "
        "<https://example.org/p?utm_medium=email&x=1> と `https://c.org/?utm_source=code`\n\n"
        "[相対](page.md?utm_source=keep)\n"
    )
    assert 'href="https://qiita.com/i/3?id=2"' in html
    assert '<a href="https://example.org/p?x=1">https://example.org/p?x=1</a>' in html
    assert "<code>https://c.org/?utm_source=code</code>" in html  # code shows what the writer wrote
    assert 'href="page.md?utm_source=keep"' in html  # only external links


def test_nothing_to_drop_is_the_same_text() -> None:
    html = markdown.markdown("[a](https://a.org/?x=1&amp;y=2)")
    assert drop_tracking(html) is html


FRONT = [
    ("valid", "---\ndescription: x\n---\n# T\n", None),
    ("no front matter", "# T\n\n---\n\ntext\n", None),
    ("bad YAML", "---\ndescription: ok\ntitle: [unclosed\n---\n# T\n", (3, "front matter is not valid YAML")),
    ("tab indent", "---\ndescription: a\n\tb: c\n---\n# T\n", (3, "front matter is not valid YAML")),
    ("a colon in the value", "---\ndescription: x: y\n---\n# T\n", (2, "front matter is not valid YAML")),
    ("not key: value", "---\njust a sentence\n---\n# T\n", (2, "front matter must be 'key: value' lines")),
    ("empty", "---\n\n---\n# T\n", (2, "front matter must be 'key: value' lines")),
]


@pytest.mark.parametrize(("name", "source", "expected"), FRONT, ids=[f[0] for f in FRONT])
def test_front_matter_error(name: str, source: str, expected: tuple[int, str] | None) -> None:
    found = front_matter_error(source)
    if expected is None:
        assert found is None
    else:
        assert found is not None and (found[0], found[1][: len(expected[1])]) == expected, found


def test_lines_before_body() -> None:
    source = "---\ndescription: x\n---\n\n# T\n本文\n"
    assert lines_before_body(source, "# T\n本文\n") == 4
    assert lines_before_body(source, "other") == 0
