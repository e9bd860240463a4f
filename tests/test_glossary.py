"""Glossary hover definitions: parsing the single source, and matching terms in Japanese running text."""

from __future__ import annotations

import difflib
import re

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from studysite.notes.glossary import GlossaryError, annotate, compile_glossary, parse_abbreviations

G = compile_glossary({"コンテナ": "C", "コンテナエンジン": "CE", "OCI": "O", "LXC": "L", "Docker Hub": "H"})


def _check(got: str, want: str) -> None:
    assert got == want, "\n" + "\n".join(
        difflib.unified_diff(want.splitlines(), got.splitlines(), "want", "got")
    )


CASES = [
    # (input HTML, expected HTML)
    ("<p>軽量なコンテナを動かす</p>", '<p>軽量な<abbr title="C">コンテナ</abbr>を動かす</p>'),
    ("<p>コンテナエンジンの上</p>", '<p><abbr title="CE">コンテナエンジン</abbr>の上</p>'),
    ("<p>OCIは標準</p>", '<p><abbr title="O">OCI</abbr>は標準</p>'),
    ("<p>OCIs and LXCFS</p>", "<p>OCIs and LXCFS</p>"),
    ("<p>LXCプロジェクト(2008年)</p>", '<p><abbr title="L">LXC</abbr>プロジェクト(2008年)</p>'),
    ("<p>Docker Hubから</p>", '<p><abbr title="H">Docker Hub</abbr>から</p>'),
    ("<pre><code>コンテナ</code></pre>", "<pre><code>コンテナ</code></pre>"),
    (
        "<p><code>OCI</code> と <a href='x'>コンテナ</a></p>",
        "<p><code>OCI</code> と <a href='x'>コンテナ</a></p>",
    ),
    (
        '<h2 id="c">コンテナ<a class="headerlink" href="#c">¶</a></h2>',
        '<h2 id="c">コンテナ<a class="headerlink" href="#c">¶</a></h2>',
    ),
    (
        '<div class="mermaid">block-beta\n a["コンテナ"]</div>',
        '<div class="mermaid">block-beta\n a["コンテナ"]</div>',
    ),
    (
        "<p>コンテナとコンテナ</p><p>OCI, コンテナ</p>",
        '<p><abbr title="C">コンテナ</abbr>とコンテナ</p><p><abbr title="O">OCI</abbr>, コンテナ</p>',
    ),
    ("<p><code>OCI</code> OCI OCI</p>", '<p><code>OCI</code> <abbr title="O">OCI</abbr> OCI</p>'),
    (
        "<p>&lt;コンテナ&gt; &amp; <br/>OCI</p>",
        '<p>&lt;<abbr title="C">コンテナ</abbr>&gt; &amp; <br/><abbr title="O">OCI</abbr></p>',
    ),
    ("<p><abbr title='x'>コンテナ</abbr></p>", "<p><abbr title='x'>コンテナ</abbr></p>"),
    ("<!-- コンテナ --><p>なし</p>", "<!-- コンテナ --><p>なし</p>"),
    # markup the tokenizer must read whole: '>' in quoted attributes, raw-text elements, classes, void tags
    ('<p title="a > コンテナ">OCI</p>', '<p title="a > コンテナ"><abbr title="O">OCI</abbr></p>'),
    (
        "<script>if (a<b) { OCI }</script><p>OCI</p>",
        '<script>if (a<b) { OCI }</script><p><abbr title="O">OCI</abbr></p>',
    ),
    (
        "<STYLE>p::after{content:'OCI'}</STYLE>OCI",
        "<STYLE>p::after{content:'OCI'}</STYLE><abbr title=\"O\">OCI</abbr>",
    ),
    (
        "<div class='x mermaid'>OCI<span>OCI</span></div>OCI",
        "<div class='x mermaid'>OCI<span>OCI</span></div><abbr title=\"O\">OCI</abbr>",
    ),
    (
        '<h2 id="h">OCI<a class="headerlink" href="#h">¶</a></h2><p>OCI</p>',
        '<h2 id="h">OCI<a class="headerlink" href="#h">¶</a></h2><p><abbr title="O">OCI</abbr></p>',
    ),
    (
        "<pre><code>OCI<br>OCI</code></pre><img src=x alt=OCI>OCI",
        '<pre><code>OCI<br>OCI</code></pre><img src=x alt=OCI><abbr title="O">OCI</abbr>',
    ),
    ("<p>a < b, OCI</p>", '<p>a < b, <abbr title="O">OCI</abbr></p>'),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_annotate_table(source: str, expected: str) -> None:
    _check(annotate(source, G), expected)


def test_definitions_are_attribute_escaped() -> None:
    glossary = compile_glossary({"OCI": 'say "hi" <b> & bye'})
    assert (
        annotate("<p>OCI</p>", glossary)
        == '<p><abbr title="say &quot;hi&quot; &lt;b&gt; &amp; bye">OCI</abbr></p>'
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("*[OCI]: ok\nnot a line", 2, "expected '*[term]: definition'"),
        ("\n*[OCI]:   ", 2, "term 'OCI' has no definition"),
        ("*[OCI]: a\n*[LXC]: b\n*[OCI]: c", 3, "term 'OCI' is defined twice"),
    ],
)
def test_bad_abbreviation_files_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        parse_abbreviations(text)
    assert caught.value.line == line and message in caught.value.message


def test_parse_ignores_blank_lines_and_comments() -> None:
    assert parse_abbreviations("<!-- hover definitions -->\n\n*[OCI]: Open Container Initiative\n") == {
        "OCI": "Open Container Initiative"
    }


#: Running text with glossary terms, and markup that must be left alone: code, a link, and an <ABBR> the
#: note wrote itself (upper case, single-quoted, so it is told apart from the lower-case ones added).
TEXT = st.lists(
    st.one_of(
        st.sampled_from(["コンテナ", "コンテナエンジン", "OCI", "LXC", "Docker Hub", "OCIs", "ab", " "]),
        st.sampled_from(["<code>", "</code>", "<a href='x'>", "</a>", "<ABBR title='x'>", "</ABBR>", "<br>"]),
        st.text(alphabet=st.sampled_from(list("コンテナエンジOCILXab <>&;\"'/=")), max_size=6),
    ),
    max_size=12,
).map("".join)
ADDED = re.compile(r'<abbr title="(?:C|CE|O|L|H)">|</abbr>')


@given(TEXT)
def test_annotate_only_adds_abbr_markup(text: str) -> None:
    """Removing the added <abbr> tags gives back the input exactly, whatever the text; each term is
    defined at most once."""
    source = f"<p>{text}</p>"
    out = annotate(source, G)
    assert ADDED.sub("", out) == source
    for definition in ("C", "CE", "O", "L", "H"):
        assert out.count(f'<abbr title="{definition}">') <= 1, out
    event("a term defined" if out != source else "nothing defined")


@given(st.text(max_size=200))
def test_annotate_never_raises(text: str) -> None:
    annotate(text, G)
