"""※ footnotes: markers become references, ``※N text`` lines become definitions, problems are reported."""

from __future__ import annotations

import markdown
import pytest

from studysite.notes.blocks import code_lines
from studysite.notes.footnotes import convert_footnotes
from studysite.notes.translate import translate


def convert(text: str) -> tuple[str, list[tuple[int, str]]]:
    out, problems = convert_footnotes(text, code_lines(text))
    return out, [(p.line, p.message) for p in problems]


CASES = [
    ("(※1) in a bullet", "* a(※1)が必要\n\n※1 説明\n", "* a[^1]が必要\n\n[^1]: 説明\n"),
    ("bare ※1", "本文※1です。\n\n※1 説明\n", "本文[^1]です。\n\n[^1]: 説明\n"),
    ("full-width digits", "本文（※１）です。\n\n※１ 説明\n", "本文[^1]です。\n\n[^1]: 説明\n"),
    ("full-width parens", "本文（※2）\n\n※2 説明\n", "本文[^2]\n\n[^2]: 説明\n"),
    (
        "two-space line breaks",
        "a(※1) b(※2)\n\n※1 one  \n※2 two  \n",
        "a[^1] b[^2]\n\n[^1]: one\n[^2]: two\n",
    ),
    ("ideographic space", "a※1\n\n※1\u3000説明\n", "a[^1]\n\n[^1]: 説明\n"),
    ("colon after the number", "a※1\n\n※1: 説明\n", "a[^1]\n\n[^1]: 説明\n"),
    ("two references", "a※1 b※1\n\n※1 x\n", "a[^1] b[^1]\n\n[^1]: x\n"),
    (
        "marker in the definition's text",
        "a※1\n\n※1 ※2も見よ\n\n※2 y\nb※2\n",
        "a[^1]\n\n[^1]: [^2]も見よ\n\n[^2]: y\nb[^2]\n",
    ),
    ("inline code keeps it", "`※1` と a※1\n\n※1 x\n", "`※1` と a[^1]\n\n[^1]: x\n"),
    ("fenced code keeps it", "```\n※1 x\n```\na※1\n\n※1 y\n", "```\n※1 x\n```\na[^1]\n\n[^1]: y\n"),
    ("indented code keeps it", "a※1\n\n    ※1 x\n\n※1 y\n", "a[^1]\n\n    ※1 x\n\n[^1]: y\n"),
    ("※ without a number is text", "※注意: x\n", "※注意: x\n"),
    ("CRLF", "a※1\r\n\r\n※1 x  \r\n", "a[^1]\r\n\r\n[^1]: x\r\n"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_conversion(name: str, text: str, expected: str) -> None:
    assert convert(text) == (expected, [])


PROBLEMS = [
    ("marker without definition", "a※3\n", [(1, "※3 has no footnote: add a line '※3 text'")]),
    ("definition without marker", "a\n\n※4 x\n", [(3, "footnote ※4 is never referred to: add ※4")]),
    ("defined twice", "a※1\n\n※1 x\n※1 y\n", [(4, "※1 is defined twice (first on line 3)")]),
    ("mixed with [^1]", "a※1 b[^1]\n\n※1 x\n[^1]: y\n", [(3, "※1 and a footnote [^1] both exist")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_problems_are_reported_and_text_kept(name: str, text: str, expected: list[tuple[int, str]]) -> None:
    out, problems = convert(text)
    assert [
        (line, message[: len(want)]) for (line, message), (_, want) in zip(problems, expected, strict=True)
    ] == [(line, want) for line, want in expected]
    if name != "defined twice":
        assert out == text  # nothing half-converted


def test_rendered_footnotes_sit_where_the_markers_were() -> None:
    text = "* VM\n  * VMにはハイパーバイザー(※1)が必要\n\n※1 タイプ2のハイパーバイザ(VirtualBox)  \n"
    translated = translate(text).text
    out, problems = convert_footnotes(translated, code_lines(translated))
    html = markdown.markdown(out, extensions=["footnotes"])
    assert problems == []
    assert 'ハイパーバイザー<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>が必要' in html
    assert '<li id="fn:1">\n<p>タイプ2のハイパーバイザ(VirtualBox)&#160;<a class="footnote-backref"' in html
    assert "※" not in html


def test_line_count_is_kept() -> None:
    text = "a※1 b※2\n\n※1 x  \n※2 y\n"
    assert convert(text)[0].count("\n") == text.count("\n")
