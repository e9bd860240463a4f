"""A chapter's like-titled first page becomes its intro in the combined print page (print_chapters)."""

from __future__ import annotations

import difflib

import pytest

from studysite.site.print_chapters import merge_chapter_intros, renumber

#: number, chapter -> number after the chapter's first page became its intro (None: unnumbered).
RENUMBER = [
    ("2", "2", "2"),
    ("2.1", "2", None),
    ("2.1.3", "2", None),
    ("2.2", "2", "2.1"),
    ("2.6.1", "2", "2.5.1"),
    ("3", "2", "3"),
    ("3.2", "2", "3.2"),
    ("12.2", "1", "12.2"),
    ("2.3.2", "2.3", "2.3.1"),
    ("2.3.1", "2.3", None),
]


@pytest.mark.parametrize(("number", "chapter", "expected"), RENUMBER)
def test_renumber(number, chapter, expected):
    assert renumber(number, chapter) == expected


def toc_item(target: str, text: str) -> str:
    return (
        f'<li class="md-nav__item">\n  <a href="#{target}" class="md-nav__link">\n'
        f'    <span class="md-ellipsis">\n      \n        {text}\n      \n    </span>\n  </a>\n  \n</li>\n'
    )


def page(chapter_title: str, first_title: str) -> str:
    """A combined page in print-site's markup: a home page, chapter 2 with three pages, a glossary."""
    toc = (
        '<div class="md-sidebar md-sidebar--secondary">'
        '<nav class="md-nav md-nav--secondary" aria-label="目次">'
        '<ul class="md-nav__list">'
        + toc_item("index", "1 ホーム")
        + '<li class="md-nav__item"><a href="#section-2" class="md-nav__link"><span class="md-ellipsis">'
        f"2 {chapter_title}</span></a>"
        '<nav class="md-nav" aria-label="2"><ul class="md-nav__list">\n'
        + toc_item("ch", f"2.1 {first_title}")
        + toc_item("ch-a", "2.2 A")
        + toc_item("ch-b", "2.3 B")
        + "</ul></nav></li>"
        + toc_item("glossary", "3 用語集")
        + '</ul></nav></div><div class="md-content">'
    )
    body = (
        '<section class="print-page" id="index" heading-number="1"><h1 id="index-top">Home</h1></section>\n'
        "<section class='print-page md-section' id='section-2' heading-number='2'>\n"
        f"  <h1>{chapter_title}<a class='headerlink' href='#section-2' title='Permanent link'></a>\n  </h1>\n"
        '<section class="print-page" id="ch" heading-number="2.1"><h1 id="ch-top">'
        f'{first_title}<a class="headerlink" href="#ch-top">¶</a></h1><h2 id="ch-x">X</h2></section>\n'
        '<section class="print-page" id="ch-a" heading-number="2.2"><h1 id="ch-a-top">A</h1></section>\n'
        '<section class="print-page" id="ch-b" heading-number="2.3"><h1 id="ch-b-top">B</h1></section>\n'
        "</section>\n"
        '<section class="print-page" id="glossary" heading-number="3"><h1 id="g">用語集</h1></section>\n'
        "<pre><code>&lt;section class='print-page md-section'&gt; 2.2 stays in code</code></pre>"
    )
    style = (
        "<style>.print-site-enumerate-headings #section-2 > h1:before { content: '2 ' }\n"
        ".print-site-enumerate-headings #ch > h1:before { content: '2.1 ' }\n"
        ".print-site-enumerate-headings #ch h2:before { content: '2.1.' counter(counter-ch-2) ' ' }\n"
        ".print-site-enumerate-headings #ch-a > h1:before { content: '2.2 ' }\n"
        ".print-site-enumerate-headings #ch-a h2:before { content: '2.2.' counter(counter-ch-a-2) ' ' }\n"
        ".print-site-enumerate-headings #ch-b > h1:before { content: '2.3 ' }\n"
        ".print-site-enumerate-headings #glossary > h1:before { content: '3 ' }\n</style>"
    )
    return toc + body + style


def diff(expected: str, got: str) -> str:
    return "".join(difflib.unified_diff(expected.splitlines(True), got.splitlines(True), "expected", "got"))


def test_a_chapter_whose_first_page_has_its_title_gets_it_as_intro():
    before = page("Docker 1", "Docker 1")
    expected = (
        before.replace(toc_item("ch", "2.1 Docker 1"), "")
        .replace("2.2 A", "2.1 A")
        .replace("2.3 B", "2.2 B")
        .replace(
            '<section class="print-page" id="ch" heading-number="2.1">',
            '<section class="print-page print-page--chapter-intro" id="ch" heading-number="2">',
        )
        .replace('id="ch-a" heading-number="2.2"', 'id="ch-a" heading-number="2.1"')
        .replace('id="ch-b" heading-number="2.3"', 'id="ch-b" heading-number="2.2"')
        .replace("#ch > h1:before { content: '2.1 ' }", "#ch > h1:before { content: none }")
        .replace(
            "#ch h2:before { content: '2.1.' counter(counter-ch-2) ' ' }", "#ch h2:before { content: none }"
        )
        .replace("#ch-a > h1:before { content: '2.2 ' }", "#ch-a > h1:before { content: '2.1 ' }")
        .replace("content: '2.2.' counter(counter-ch-a-2)", "content: '2.1.' counter(counter-ch-a-2)")
        .replace("#ch-b > h1:before { content: '2.3 ' }", "#ch-b > h1:before { content: '2.2 ' }")
    )
    got = merge_chapter_intros(before)
    assert got == expected, diff(expected, got)
    assert merge_chapter_intros(got) == got, "a second pass changes nothing"


@pytest.mark.parametrize("first", ["Docker 1 の概要", "Overview"])
def test_a_chapter_whose_first_page_has_another_title_is_left_alone(first):
    before = page("Docker 1", first)
    assert merge_chapter_intros(before) == before


def test_titles_are_compared_as_text():
    before = page("Docker &amp; <em>K8s</em>", "Docker &amp; K8s")
    assert "print-page--chapter-intro" in merge_chapter_intros(before)


def test_a_page_without_chapters_is_left_alone():
    assert merge_chapter_intros("<p>no print page</p>") == "<p>no print page</p>"
