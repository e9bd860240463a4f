"""The pure parts of build-time drawing: finding diagrams, cleaning Mermaid's SVG, ids, palettes, keys."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studysite.diagrams.render.page import find_diagrams, mermaid_fences
from studysite.diagrams.render.settings import cache_key, mermaid_config
from studysite.diagrams.render.svg import DARK_SCOPE, ID, label_text, one_line, place, prepare
from studysite.diagrams.render.svg_clean import clean_svg
from studysite.notes.frontmatter import lines_before_body


@pytest.mark.parametrize(
    ("svg", "expected"),
    [
        (
            '<svg viewBox="0 0 1 1"><g><text>a</text></g></svg>',
            '<svg viewBox="0 0 1 1"><g><text>a</text></g></svg>',
        ),
        ("<svg><script>alert(1)</script><text>x</text></svg>", "<svg><text>x</text></svg>"),
        ('<svg><g onclick="x()" class="n"><rect/></g></svg>', '<svg><g class="n"><rect/></g></svg>'),
        ("<svg><foreignObject><div>h</div></foreignObject></svg>", "<svg></svg>"),
        ('<svg><a href="https://e.example/"><text>l</text></a></svg>', "<svg></svg>"),
        (
            '<svg><use href="#m"/><use href="https://e.example/s.svg#m"/></svg>',
            '<svg><use href="#m"/><use/></svg>',
        ),
        ('<svg><rect style="fill:url(https://e.example/x)"/></svg>', '<svg><rect style="fill:none"/></svg>'),
        ('<svg><rect style="fill:url(#g)"/></svg>', '<svg><rect style="fill:url(#g)"/></svg>'),
        (
            "<svg><style>@import 'x.css';.a{fill:url(//e/x)}</style></svg>",
            "<svg><style>.a{fill:none}</style></svg>",
        ),
        (
            "<svg><text>a &lt;b&gt; &amp; c</text><!-- note --></svg>",
            "<svg><text>a &lt;b> &amp; c</text></svg>",
        ),
        ('<svg><image href="x.png"/><text>t</text></svg>', "<svg><text>t</text></svg>"),
        (
            "<svg><text>&amp;quot;引用&amp;quot; &amp;lt;b&amp;gt;</text></svg>",
            '<svg><text>"引用" &lt;b></text></svg>',
        ),
    ],
)
def test_clean_svg(svg: str, expected: str) -> None:
    assert clean_svg(svg) == expected


class _Live(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "foreignobject", "img", "iframe", "a") or any(
            k.startswith("on") for k, _ in attrs
        ):
            self.found.append(tag)


@given(st.text(alphabet="<>/=\"' &;:#abcdefghijklmnopqrstuvwxyzscriptonerrorimgforeignObject", max_size=60))
def test_nothing_live_survives_whatever_a_label_holds(label: str) -> None:
    parser = _Live()
    parser.feed(clean_svg(f'<svg><g class="label"><text>{label}</text></g><g {label}></g></svg>'))
    assert parser.found == []


def test_find_diagrams_reads_superfences_divs_and_skips_code() -> None:
    html = (
        '<p>x</p><div class="mermaid" data-acc-title="A &amp; B">flowchart LR\n  a[&quot;x&lt;y&quot;]</div>'
        '<pre><code>&lt;div class="mermaid"&gt;flowchart&lt;/div&gt;</code></pre>'
        '<div class="mermaid">block-beta</div>'
    )
    found = find_diagrams(html)
    assert [(d.source, d.attrs) for d in found] == [
        ('flowchart LR\n  a["x<y"]', {"data-acc-title": "A & B"}),
        ("block-beta", {}),
    ]
    assert html[found[1].start : found[1].end] == '<div class="mermaid">block-beta</div>'


def test_mermaid_fences_give_file_lines_after_front_matter() -> None:
    source = (
        "---\ntitle: x\n---\n# T\n\n```mermaid\nflowchart LR\n  a\n```\n\n"
        "```python\nx\n```\n~~~mermaid\nb\n~~~\n"
    )
    markdown = source.split("---\n", 2)[2]
    offset = lines_before_body(source, markdown)
    assert offset == 3
    assert mermaid_fences(markdown, first_line=1 + offset) == [(6, "flowchart LR\n  a"), (14, "b")]


MERMAID_LIGHT = (
    '<svg id="T-light" width="100%" style="max-width: 50px;" viewBox="0 0 50 20"'
    ' role="graphics-document document" aria-roledescription="timeline"><style>#T-light{fill:#333;}'
    "#T-light .n rect{fill:#fff;}#T-light .gone rect{fill:red;}#T-light .n rect{fill:#fff;}</style>"
    '<marker id="arrowhead"><path d="M0 0"></path></marker><marker id="T-light_unused"><path></path></marker>'
    '<g id="undefined-node-1" class="n" transform="translate(157.671875, -0.001)">'
    '<line marker-end="url(#arrowhead)"></line>'
    "<text>カーネル &amp; 名前空間</text></g></svg>"
)


def test_prepare_makes_one_body_and_two_style_sheets() -> None:
    entry = prepare({"light": MERMAID_LIGHT, "dark": MERMAID_LIGHT.replace("T-light", "T-dark")}, "T")
    assert entry["light"] == entry["dark"] == ".@@STYLE@@{fill:#333;}.@@STYLE@@ .n rect{fill:#fff;}"
    body = entry["body"]
    assert "<style>" not in body and "unused" not in body, "style sheet moved out, unused marker dropped"
    assert (
        f'id="{ID}-arrowhead"' in body
        and f"url(#{ID}-arrowhead)" in body
        and f'id="{ID}-undefined-node-1"' in body
    )
    assert entry["chars"] == "".join(sorted(set("カーネル&名前空間")))


def test_place_gives_role_title_desc_and_the_style_once() -> None:
    entry = prepare(
        {"light": MERMAID_LIGHT, "dark": MERMAID_LIGHT.replace("T-light", "T-dark").replace("#333", "#ccc")},
        "T",
    )
    first = place(entry, "dgm-1", "年表 <1>", "説明", with_style=True)
    second = place(entry, "dgm-2", "", "", with_style=False)
    style = entry["style"]
    assert first.startswith(
        '<svg id="dgm-1" width="100%" style="max-width: 50px;" viewBox="0 0 50 20"'
        ' aria-labelledby="dgm-1-title" aria-describedby="dgm-1-desc"'
        f' class="diagram-svg s-{style}" role="img"><title id="dgm-1-title">年表 &lt;1&gt;'
        '</title><desc id="dgm-1-desc">説明</desc><style>'
    )
    assert f".s-{style}{{fill:#333;}}" in first
    assert f"@media screen{{{DARK_SCOPE}.s-{style}{{fill:#ccc;}}" in first
    assert (
        "<style>" not in second and '<title id="dgm-2-title">図</title>' in second and "dgm-1" not in second
    )


def test_label_text_and_one_line() -> None:
    assert label_text("<svg><text>b a</text><text>&lt;</text></svg>") == "<ab"
    message = (
        'Parse error on line 4:\n...a a["x ((( broken\n--------------------^\n'
        "Expecting 'NODE_DEND', got 'STR'"
    )
    assert one_line(message) == "Parse error on line 4: Expecting 'NODE_DEND', got 'STR'"


def test_cache_key_follows_source_version_and_code() -> None:
    base = cache_key("flowchart LR\n a", "11.17.2", "abc")
    assert base == cache_key("flowchart LR\n a", "11.17.2", "abc")
    assert (
        len(
            {
                base,
                cache_key("flowchart LR\n b", "11.17.2", "abc"),
                cache_key("flowchart LR\n a", "11.17.3", "abc"),
                cache_key("flowchart LR\n a", "11.17.2", "abd"),
            }
        )
        == 4
    )


def test_settings_are_self_contained_and_strict() -> None:
    for theme in ("default", "dark"):
        config = mermaid_config(theme)
        assert config["securityLevel"] == "strict" and config["htmlLabels"] is False
        assert config["flowchart"] == {"htmlLabels": False} and config["theme"] == theme


def test_the_font_subset_is_the_same_bytes_whenever_and_however_it_is_cut(tmp_path) -> None:
    """Builds share one cache of subsets: whichever build cuts one first, the bytes must not depend on the
    time or on SOURCE_DATE_EPOCH (fontTools stamps the save time into the font's head table by default).
    The second cut runs in a process of its own, with SOURCE_DATE_EPOCH set there only."""
    import os
    import subprocess
    import sys

    from studysite.diagrams.render.settings import BUILD_FONT
    from studysite.infra.fonts import find_font, subset_woff2

    path, index = find_font(BUILD_FONT)
    here = subset_woff2(path, index, "コンテナHost OS")
    cut = (
        "import sys; from pathlib import Path; from studysite.infra.fonts import subset_woff2; "
        "Path(sys.argv[3]).write_bytes(subset_woff2(Path(sys.argv[1]), int(sys.argv[2]), 'コンテナHost OS'))"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    out = tmp_path / "subset.woff2"
    subprocess.run([sys.executable, "-c", cut, str(path), str(index), str(out)], env=env, check=True)
    assert out.read_bytes() == here
