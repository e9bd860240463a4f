"""HTML from notes is untrusted: the sanitizer's allowlist, what it removes, and that our own markup and
clean pages keep their bytes (studysite.site.sanitize, studysite.notes.untrusted)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studysite.notes.untrusted import html_lines, locate
from studysite.site.sanitize import Removal, sanitize
from tests.support.vectors import VECTORS, live_parts, render, url_scheme

#: Markup our Markdown extensions and passes emit before the sanitizer runs: it must pass unchanged.
TRUSTED = [
    '<h2 id="vm-to-kontena">VMとコンテナ<a class="headerlink" href="#vm-to-kontena" '
    'title="この見出しへのリンク">¶</a></h2>',
    '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>text</p>\n</div>',
    '<p>a<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n<div class="footnote">\n'
    '<hr />\n<ol>\n<li id="fn:1">\n<p>note&#160;<a class="footnote-backref" href="#fnref:1" '
    'title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>\n</ol>\n</div>',
    '<div class="language-python highlight"><pre><span></span><code><span id="__span-0-1">'
    '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>'
    '<span class="nb">print</span><span class="p">(</span><span class="s1">&#39;x&#39;</span>'
    "</span></code></pre></div>",
    '<details class="note" open="open">\n<summary>テキスト版</summary>\n<pre><code>|a|\n</code></pre>\n'
    "</details>",
    '<div class="mermaid" data-acc-title="図 &amp; 説明" data-acc-descr="a &lt; b">block-beta\n'
    "  a[&quot;x&quot;]</div>",
    '<table>\n<thead>\n<tr>\n<th style="text-align: left;">a</th>\n<th style="text-align: right;">b</th>'
    "\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
    '<div class="timeline" role="region" aria-label="年表" data-timeline-events="1">\n<section '
    'class="timeline__event" aria-labelledby="e1">\n<h3 class="timeline__title" id="e1"><time '
    'class="timeline__date" datetime="2013-03">2013年3月</time> Docker</h3>\n<p><a '
    'href="https://example.org/a?b=1&amp;c=2">src</a></p>\n</section>\n</div>',
    '<p><a download href="pdf/x.pdf">PDF版</a> <kbd>Ctrl</kbd>+<kbd>C</kbd> H<sub>2</sub>O x<sup>2</sup> '
    '<mark>m</mark> <abbr title="t">T</abbr><br>\n<img alt="a" src="https://example.org/a.png"> '
    '<img src="../img/b.png" alt=""> <a href="mailto:a@example.org">mail</a> <!-- a comment --></p>',
    "<dl>\n<dt>term</dt>\n<dd>definition</dd>\n</dl>",
]


@pytest.mark.parametrize("html", TRUSTED)
def test_our_markup_comes_through_byte_for_byte(html: str):
    result = sanitize(html)
    assert result.removals == []
    assert result.html is html


@pytest.mark.parametrize(
    ("html", "removed"),
    [
        ("<p>a<script>alert(1)</script>b</p>", [Removal("script", None, "alert(1)")]),
        ('<img src="x" onerror="alert(1)">', [Removal("img", "onerror", "alert(1)")]),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', [Removal("a", "href", "JaVaScRiPt:alert(1)")]),
        ('<p style="color:red">x</p>', [Removal("p", "style", "color:red")]),
        (
            '<table><tr><th style="position:fixed">x</th></tr></table>',
            [Removal("th", "style", "position:fixed")],
        ),
        ("<iframe srcdoc='x'></iframe>", [Removal("iframe", None, "x")]),
        (
            "<p>a</p><script>1</script><script>1</script><script>2</script>",
            [Removal("script", None, "1", 2), Removal("script", None, "2")],
        ),
    ],
)
def test_removals_are_named(html: str, removed: list[Removal]):
    result = sanitize(html)
    assert result.removals == removed
    assert live_parts(result.html) == []


def test_a_note_cannot_take_the_theme_s_ids():
    result = sanitize('<div id="__config">{}</div><p id="__search">x</p><a name="__drawer">y</a>')
    assert {(r.attribute, r.value) for r in result.removals} == {
        ("id", "__config"),
        ("id", "__search"),
        ("name", "__drawer"),
    }
    kept = '<span id="__span-0-1"><a id="__codelineno-0-1" name="__codelineno-0-1"></a></span>'
    assert sanitize(kept).html is kept


def test_a_link_whose_url_went_is_text():
    result = sanitize('<p><a href="javascript:x()">text</a> and <a href="#x" id="k">kept</a></p>')
    assert result.html == '<p>text and <a href="#x" id="k">kept</a></p>'


def test_a_removal_says_what_went():
    assert Removal("script").message == "<script> removed"
    assert Removal("script", None, "alert(1)").message == "<script> ('alert(1)') removed"
    assert Removal("a", "href", "javascript:x").message == "href='javascript:x' removed from <a>"


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.org/", "https"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("  java\tscript:x", "javascript"),
        ("\x01javascript:x", "javascript"),
        ("/relative/path", None),
        ("#fragment", None),
        ("page.md#x", None),
        ("mailto:a@example.org", "mailto"),
    ],
)
def test_url_scheme_as_a_browser_reads_it(url: str, scheme: str | None):
    assert url_scheme(url) == scheme


@pytest.mark.parametrize("vector", VECTORS, ids=[f"{n}-{v.kind}" for n, v in enumerate(VECTORS)])
def test_no_vector_survives_python_markdown_and_the_sanitizer(vector):
    text = vector.text.replace("N", "7")
    html = sanitize(render(text)).html
    assert live_parts(html) == [], html


def test_removals_are_found_on_their_lines():
    source = (
        "# T\n\n`<script>` in code\n\ntext\n\n<script>x</script>\n\n[a](javascript:y)\n\n<script>z</script>\n"
    )
    spans = html_lines(source)
    lines = source.split("\n")
    assert locate([("<script",)], lines, spans, 2) == [6, 10]
    assert locate([("<script", "z")], lines, spans) == [10]
    assert locate([("javascript:y",), ("href",)], lines, spans) == [8]
    assert locate([("nowhere",)], lines, spans) == []


# -- property: vectors mixed into Markdown constructs never come out live ---------------------------------

_payloads = st.sampled_from([v.text.replace("N", "1") for v in VECTORS if "\n" not in v.text])
_words = st.text(alphabet="abcコンテナ <>&\"'=/:;#*_`[]()!-|", max_size=12)


@st.composite
def _notes(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        payload = draw(_payloads)
        word = draw(_words)
        form = draw(st.integers(0, 6))
        blocks.append(
            [
                f"- {word}\n  - {payload}\n    - {word}",  # nested list
                f"| a | b |\n|---|:-:|\n| {payload} | {word} |",  # table
                f"text[^1] {word}\n\n[^1]: {payload}",  # footnote
                f"## {payload} {word}",  # heading
                f'!!! note "{word}"\n    {payload}',  # admonition
                f"> {word}\n> {payload}",  # quote
                f'```mermaid\nblock-beta\n  a["{payload}"]\n```',  # a diagram's label
            ][form]
        )
    return "\n\n".join(blocks) + "\n"


@given(_notes())
def test_vectors_in_markdown_constructs_never_come_out_live(note: str):
    assert live_parts(sanitize(render(note)).html) == []


_safe_tags = st.sampled_from(["p", "em", "strong", "code", "kbd", "sup", "sub", "mark", "span", "li"])


@st.composite
def _clean(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(_safe_tags)
            attrs = draw(st.sampled_from(["", ' class="c"', ' id="x-1"', ' title="t &amp; u"']))
            parts.append(f"<{tag}{attrs}>{draw(_clean(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(["text", "テキスト", "&amp;", "&lt;b&gt;", "\n", "a&#160;b"])))
    return "".join(parts)


@given(_clean())
def test_clean_html_keeps_its_bytes(html: str):
    result = sanitize(html)
    assert result.html is html and result.removals == []
