"""studysite.site.print_page: ids on print-site's combined page, prefixed where its links expect them."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import event, given
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


# -- properties: documents drawn as pieces, so the expected output follows from the rule itself -------------

PAGES = ("docker-1-x", "docker-1-y")
VALUES = ("fn:1", "__codelineno-0-1", "goal", "docker-1-x-goal")
SECTION = st.tuples(st.just("section"), st.sampled_from(PAGES), st.sampled_from("\"'"))
IN_PAGE = st.one_of(
    st.tuples(st.sampled_from(["id", "name"]), st.sampled_from(VALUES), st.sampled_from("\"'")),
    st.tuples(st.just("href"), st.sampled_from([f"{p}-{v}" for p in PAGES for v in VALUES])),
    st.tuples(st.just("href"), st.sampled_from(VALUES)),
    st.tuples(st.just("text"), st.text(alphabet="abgp <>/-:#", max_size=8)),
)
PIECES = st.one_of(SECTION, IN_PAGE)


def render(pieces: list[tuple[str, ...]], renamed: bool) -> str:
    """The document of ``pieces``; with ``renamed``, each id and name as prefix_page_ids must leave it:
    ``P-v`` inside the section of page P when ``#P-v`` is linked, no element has that id yet, and ``v``
    is no link target itself."""
    targets = {piece[1] for piece in pieces if piece[0] == "href"}
    existing = {piece[1] for piece in pieces if piece[0] in ("id", "name", "section")}
    page, out = None, []
    for kind, *rest in pieces:
        if kind == "section":
            page, q = rest
            out.append(f"<section class={q}print-page{q} id={q}{page}{q} heading-number={q}1{q}>")
        elif kind in ("id", "name"):
            value, q = rest
            wanted = f"{page}-{value}"
            if renamed and page and wanted in targets and wanted not in existing and value not in targets:
                value = wanted
            out.append(f"<p id={q}{value}{q}></p>" if kind == "id" else f"<a name={q}{value}{q}></a>")
        elif kind == "href":
            out.append(f'<a href="#{rest[0]}"></a>')
        else:
            out.append(rest[0])
    return "".join(out)


@given(st.lists(PIECES, max_size=14))
def test_ids_are_prefixed_exactly_where_the_rule_says(pieces: list[tuple[str, ...]]) -> None:
    # every example has a page section holding an id that a link wants prefixed; the drawn pieces may
    # keep, spoil (a plain link to it, the prefixed id elsewhere) or repeat that case
    pieces = [("section", "docker-1-x", '"'), ("id", "fn:1", '"'), ("href", "docker-1-x-fn:1"), *pieces]
    source = render(pieces, renamed=False)
    got = prefix_page_ids(source)
    event("some id prefixed" if got != source else "nothing to prefix")
    assert got == render(pieces, renamed=True)
    assert prefix_page_ids(got) == got, "a second pass changes nothing"


@given(st.lists(IN_PAGE, max_size=14))
def test_text_without_page_sections_is_unchanged(pieces: list[tuple[str, ...]]) -> None:
    text = render(pieces, renamed=False)
    assert prefix_page_ids(text) == text


#: Markup pieces of a combined page, cut at odd places, and stray characters between them.
FRAGMENTS = st.sampled_from(
    [
        '<section class="print-page" id="docker-1-x">',
        "<section class='print-page md-section' id='section-2'>",
        '<section class="print-page',
        ' id="fn:1"',
        " name='fn:1'",
        ' id="docker-1-x-fn:1"',
        ' href="#docker-1-x-fn:1"',
        " href='#section-2-fn:1'",
        ' href="#fn:1"',
        '<p id="',
        '"></p>',
    ]
)
MARKUP = st.lists(st.one_of(FRAGMENTS, st.text(alphabet="<>\"'= #-acegiprt:", max_size=6)), max_size=20)


@given(MARKUP.map("".join))
def test_any_markup_keeps_everything_but_id_and_name_values(text: str) -> None:
    """Whatever the markup, only id and name values change, and only by gaining a page's prefix."""
    import re

    attribute = re.compile(r"""(\s(?:id|name)=)(["'])([^"']+)\2""")
    got = prefix_page_ids(text)
    assert attribute.sub("", got) == attribute.sub("", text)
    before = [m.group(3) for m in attribute.finditer(text)]
    after = [m.group(3) for m in attribute.finditer(got)]
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        assert new == old or new.endswith("-" + old), (old, new)
    event("some id prefixed" if got != text else "unchanged")


@given(st.lists(st.sampled_from(["fn:1", "fnref:1", "goal", "__codelineno-0-1"]), max_size=6))
def test_only_ids_change_and_every_prefixed_link_lands(ids: list[str]) -> None:
    body = "".join(f'<p id="{i}"></p><a href="#docker-1-x-{i}"></a>' for i in dict.fromkeys(ids))
    out = prefix_page_ids(PAGE_A + body)
    assert out.replace('id="docker-1-x-', 'id="') == PAGE_A + body
    for i in ids:
        assert f'id="docker-1-x-{i}"' in out
