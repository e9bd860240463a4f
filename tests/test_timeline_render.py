"""History timeline: rendering to Mermaid and HTML, escaping, the page marker.

Set UPDATE_TIMELINE_GOLDEN=1 to rewrite the expected rendering (tests/fixtures/timeline/small.mermaid.txt,
small.html) after an intended change, then review the diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from studysite.timeline.load import load_timeline
from studysite.timeline.render import insert_timeline, mermaid_text, render_html, render_mermaid, repeated_ids

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "timeline"
SCHEMA_FILE = ROOT / "data" / "timeline.schema.json"
TEMPLATE = (ROOT / "overrides" / "partials" / "timeline.html").read_text(encoding="utf-8")

# -- rendering -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    return load_timeline(FIXTURES / "small.yml", SCHEMA_FILE)


@pytest.mark.parametrize(
    ("name", "render"),
    [("small.mermaid.txt", lambda t: render_mermaid(t)), ("small.html", lambda t: render_html(t, TEMPLATE))],
)
def test_rendering_matches_the_expected_output(small, name: str, render) -> None:
    actual = render(small) + "\n"
    expected_file = FIXTURES / name
    if os.environ.get("UPDATE_TIMELINE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), name, "actual"))
    assert actual == expected, f"rendering changed:\n{diff}"


@pytest.mark.parametrize(
    ("fragment", "why"),
    [
        (
            '<section class="timeline__event timeline__event--docker" aria-labelledby="docker">',
            "region named by its heading",
        ),
        ('<h3 class="timeline__title" id="docker">', "one anchor per event, on its heading"),
        ('<time class="timeline__date" datetime="2013-03">2013年3月</time>', "machine-readable date"),
        ('<time class="timeline__date" datetime="2015-06-22">2015年6月22日</time>', "day precision"),
        (
            '<p class="timeline__description">ファイルシステムの見え方を隔離する。</p>',
            "folded Japanese joined",
        ),
        ('<span class="timeline__category">Docker プラットフォーム</span>', "category display name"),
        ("<li>Swarm<ul>\n<li>クラスタマネージャ</li>", "nested note bullets"),
        ('<div class="admonition warning timeline__correction">', "correction as a visible admonition"),
        ("<strong>ノート:</strong> 「Docker(2012年)」", "what the note said"),
        (
            '<a href="https://example.com/changelog?a=1&amp;b=&lt;2&gt;">CHANGELOG</a>',
            "correction source, escaped",
        ),
        ("Docker: 1.0 &amp; &#34;Hub&#34; #1; 100%", "title escaped in HTML, not Mermaid-escaped"),
        ("&lt;b&gt;not bold&lt;/b&gt;", "markup in a description is text"),
        ('<span class="timeline__kind">(二次資料)</span>', "secondary sources are marked"),
    ],
)
def test_html_fragments(small, fragment: str, why: str) -> None:
    assert fragment in render_html(small, TEMPLATE), why


def test_script_in_data_is_shown_as_text(small) -> None:
    html = render_html(small, TEMPLATE)
    assert "<script" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "\n\n" not in html, "a blank line would end the raw HTML block"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Docker: 1.0", "Docker#58; 1.0"),
        ("C# ; x", "C#35; #59; x"),
        ('say "hi"', "say #quot;hi#quot;"),
        ("<script>alert(1)</script>", "#lt;script#gt;alert(1)#lt;/script#gt;"),
        ("R&D 100%", "R#amp;D 100#37;"),
        ("#58;", "#35;58#59;"),
        ("two\n  lines", "two lines"),
        ("日本語のまま", "日本語のまま"),
    ],
)
def test_mermaid_escaping(text: str, expected: str) -> None:
    assert mermaid_text(text) == expected


LATER_DESCR = "2013: ＜script＞alert(1)＜/script＞ / 2015: OCI"  # escaped for the attribute


def test_mermaid_diagrams_one_per_period_one_slot_per_year(small) -> None:
    diagrams = render_mermaid(small).split("\n\n")
    assert [d.splitlines()[:3] for d in diagrams] == [
        [
            '```{.mermaid data-acc-title="年表: 初期" data-acc-descr="1979: chroot(2)"}',
            "timeline TD",
            "    section 初期",
        ],
        [
            f'```{{.mermaid data-acc-title="年表: {small.periods[1].title}" data-acc-descr="{LATER_DESCR}"}}',
            "timeline TD",
            "    section Later#59; 2013 onward",
        ],
    ]
    slots = [line for d in diagrams for line in d.splitlines() if line.startswith("        ")]
    assert [slot.split(" : ")[0].strip() for slot in slots] == ["1979", "2013", "2015"]
    assert all(":" not in part for slot in slots for part in slot.split(" : ")), (
        "only the separators are colons"
    )


@pytest.mark.parametrize(
    ("markdown", "count"),
    [
        ("a\n\n<!-- timeline -->\n\nb", 1),
        ("<!--timeline-->", 1),
        ("   <!-- timeline -->  ", 1),
        ("    <!-- timeline -->", 0),  # indented code
        ("```\n<!-- timeline -->\n```", 0),
        ("~~~~md\n<!-- timeline -->\n~~~\nstill code\n~~~~\n<!-- timeline -->", 1),
        ("text <!-- timeline --> inline", 0),
        ("<!-- timeline -->\n<!-- timeline -->", 2),
        # code as the block reader (CommonMark) finds it: in list items, quotes, unclosed, nested fences
        ("- a\n    ```\n    <!-- timeline -->\n    ```", 0),
        ("- a\n\n        <!-- timeline -->\n", 0),
        ("> ```\n> <!-- timeline -->\n> ```\n<!-- timeline -->", 1),
        ("```\n<!-- timeline -->", 0),
        ("````\n```\n<!-- timeline -->\n````", 0),
        ("<!-- timeline -->\n```\ncode\n```\n<!-- timeline -->", 2),
        ("para\n    <!-- timeline -->", 0),  # a lazy line of the paragraph, not a marker
    ],
)
def test_marker(markdown: str, count: int) -> None:
    text, found = insert_timeline(markdown, "BLOCK")
    assert found == count and text.count("BLOCK") == count


def test_repeated_ids() -> None:
    assert repeated_ids(
        '<h2 id="docker">x</h2><section id="docker"></section><p id="oci">', {"docker", "oci"}
    ) == ["docker"]
