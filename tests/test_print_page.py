"""studysite.site.print_page: ids on print-site's combined page, prefixed where its links expect them."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studysite.site.print_page import prefix_page_ids

PAGE_A = '<section class="print-page" id="docker-1-x" heading-number="2.1">'
PAGE_B = '<section class="print-page" id="docker-1-y" heading-number="2.2">'

CASES = [
    # a footnote: print-site prefixed the links, not the ids
    (
        PAGE_A + '<sup id="fnref:k"><a href="#docker-1-x-fn:k">1</a></sup><li id="fn:k">'
        '<a href="#docker-1-x-fnref:k">↩</a></li></section>',
        PAGE_A
        + '<sup id="docker-1-x-fnref:k"><a href="#docker-1-x-fn:k">1</a></sup><li id="docker-1-x-fn:k">'
        '<a href="#docker-1-x-fnref:k">↩</a></li></section>',
    ),
    # Pygments line anchors: id and name
    (
        PAGE_A + '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#docker-1-x-__codelineno-0-1"></a>',
        PAGE_A + '<a id="docker-1-x-__codelineno-0-1" name="docker-1-x-__codelineno-0-1" '
        'href="#docker-1-x-__codelineno-0-1"></a>',
    ),
    # the same local id on two pages: each section gets its own prefix
    (
        PAGE_A + '<li id="fn:1"></li><a href="#docker-1-x-fn:1"></a>' + PAGE_B + '<li id="fn:1"></li>'
        '<a href="#docker-1-y-fn:1"></a>',
        PAGE_A
        + '<li id="docker-1-x-fn:1"></li><a href="#docker-1-x-fn:1"></a>'
        + PAGE_B
        + '<li id="docker-1-y-fn:1"></li><a href="#docker-1-y-fn:1"></a>',
    ),
    # left alone: no link to the prefixed form, the prefixed id exists, the plain id is itself a target
    (PAGE_A + '<h2 id="goal"></h2>', PAGE_A + '<h2 id="goal"></h2>'),
    (
        PAGE_A + '<h2 id="docker-1-x-goal"></h2><p id="goal"></p><a href="#docker-1-x-goal"></a>',
        PAGE_A + '<h2 id="docker-1-x-goal"></h2><p id="goal"></p><a href="#docker-1-x-goal"></a>',
    ),
    (
        PAGE_A + '<p id="top"></p><a href="#top"></a><a href="#docker-1-x-top"></a>',
        PAGE_A + '<p id="top"></p><a href="#top"></a><a href="#docker-1-x-top"></a>',
    ),
    # outside any page section (the cover, the table of contents) nothing changes
    (
        '<section id="print-site-cover-page"><p id="fn:k"></p><a href="#docker-1-x-fn:k"></a></section>',
        '<section id="print-site-cover-page"><p id="fn:k"></p><a href="#docker-1-x-fn:k"></a></section>',
    ),
    # print-site's chapter sections use single quotes
    (
        "<section class='print-page md-section' id='section-2' heading-number='2'><p id='n'></p>"
        "<a href='#section-2-n'></a>",
        "<section class='print-page md-section' id='section-2' heading-number='2'><p id='section-2-n'></p>"
        "<a href='#section-2-n'></a>",
    ),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_prefix_page_ids(source: str, expected: str) -> None:
    got = prefix_page_ids(source)
    diff = "\n".join(difflib.unified_diff(expected.split("><"), got.split("><"), lineterm=""))
    assert got == expected, diff


@given(st.text(alphabet='<>"= #-abcdefhilnoprstuxy:', max_size=200))
def test_text_without_page_sections_is_unchanged(text: str) -> None:
    if '"print-page' not in text:
        assert prefix_page_ids(text) == text


@given(st.lists(st.sampled_from(["fn:1", "fnref:1", "goal", "__codelineno-0-1"]), max_size=6))
def test_only_ids_change_and_every_prefixed_link_lands(ids: list[str]) -> None:
    body = "".join(f'<p id="{i}"></p><a href="#docker-1-x-{i}"></a>' for i in dict.fromkeys(ids))
    out = prefix_page_ids(PAGE_A + body)
    assert out.replace('id="docker-1-x-', 'id="') == PAGE_A + body
    for i in ids:
        assert f'id="docker-1-x-{i}"' in out
