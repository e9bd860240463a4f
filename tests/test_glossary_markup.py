"""Glossary terms are matched in text only: never inside a character reference or a tag, and terms that
hold markup characters (``R&D``, ``<T>``) are found as the HTML writes them (``R&amp;D``, ``&lt;T&gt;``)."""

from __future__ import annotations

import difflib

import pytest

from studysite.notes.glossary import annotate, compile_glossary, parse_abbreviations


def _abbr(term_html: str, definition_html: str) -> str:
    return f'<abbr title="{definition_html}">{term_html}</abbr>'


CASES = [
    # (terms, page HTML, expected HTML)
    ({"lt": "less than"}, "<p>a &lt; b</p>", "<p>a &lt; b</p>"),
    ({"amp": "amplifier"}, "<p>R&amp;D</p>", "<p>R&amp;D</p>"),
    ({"quot": "quote"}, "<p>&quot;x&quot;</p>", "<p>&quot;x&quot;</p>"),
    ({"39": "a number"}, "<p>it&#39;s 39</p>", f"<p>it&#39;s {_abbr('39', 'a number')}</p>"),
    ({"x27": "hex"}, "<p>&#x27;x27</p>", f"<p>&#x27;{_abbr('x27', 'hex')}</p>"),
    ({"nbsp": "space"}, "<p>a&nbsp;b nbsp</p>", f"<p>a&nbsp;b {_abbr('nbsp', 'space')}</p>"),
    ({"R&D": "研究開発"}, "<p>R&amp;D の部署</p>", f"<p>{_abbr('R&amp;D', '研究開発')} の部署</p>"),
    ({"R&D": "研究開発"}, "<p>XR&amp;D</p>", "<p>XR&amp;D</p>"),  # an ASCII end touches a letter
    ({"<T>": "型引数"}, "<p>型 &lt;T&gt; を渡す</p>", f"<p>型 {_abbr('&lt;T&gt;', '型引数')} を渡す</p>"),
    ({"a>b": "比較"}, "<p>if a&gt;b</p>", f"<p>if {_abbr('a&gt;b', '比較')}</p>"),
    ({"&": "アンパサンド"}, "<p>&amp; と &lt;</p>", f"<p>{_abbr('&amp;', 'アンパサンド')} と &lt;</p>"),
    ({'"Q"': "引用"}, '<p>"Q" です</p>', f"<p>{_abbr(chr(34) + 'Q' + chr(34), '引用')} です</p>"),
    # never inside a tag: attribute names and values are not text
    ({"title": "題"}, '<p title="title">title</p>', f'<p title="title">{_abbr("title", "題")}</p>'),
    ({"class": "組"}, '<p class="class">x</p>', '<p class="class">x</p>'),
    ({"VM": "仮想マシン"}, '<p><img alt="VM"> VM</p>', f'<p><img alt="VM"> {_abbr("VM", "仮想マシン")}</p>'),
    # a definition with markup characters is escaped once, in the attribute
    (
        {"XSS": '<script>alert("x")</script> & more'},
        "<p>XSS</p>",
        f"<p>{_abbr('XSS', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more')}</p>",
    ),
    # the longer term still wins, also when it holds an entity
    (
        {"R": "アール", "R&D": "研究開発"},
        "<p>R&amp;D と R</p>",
        f"<p>{_abbr('R&amp;D', '研究開発')} と {_abbr('R', 'アール')}</p>",
    ),
    # once per page, however the term is spelled in HTML
    (
        {"R&D": "研究開発"},
        "<p>R&amp;D</p><p>R&amp;D</p>",
        f"<p>{_abbr('R&amp;D', '研究開発')}</p><p>R&amp;D</p>",
    ),
]


@pytest.mark.parametrize(("terms", "page", "expected"), CASES)
def test_terms_match_text_only(terms: dict[str, str], page: str, expected: str):
    result = annotate(page, compile_glossary(terms))
    assert result == expected, "\n".join(difflib.ndiff([expected], [result]))


def test_terms_with_markup_characters_are_read_from_the_glossary_file():
    terms = parse_abbreviations('*[R&D]: 研究開発\n*[<T>]: 型引数\n*[a "b"]: 引用\n')
    assert terms == {"R&D": "研究開発", "<T>": "型引数", 'a "b"': "引用"}
    html = annotate('<p>R&amp;D、&lt;T&gt;、a "b"</p>', compile_glossary(terms))
    assert html.count("<abbr") == 3, html
