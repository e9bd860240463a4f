"""Accessible titles on Mermaid fences: values that cannot break the fence or the HTML attribute."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studysite.diagrams.attrs import attribute_value, mermaid_opener


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("単一のホスト上で動作している3つのVM", "単一のホスト上で動作している3つのVM"),
        ('say "hi"', "say ”hi”"),
        ("<script>alert(1)</script>", "＜script＞alert(1)＜/script＞"),
        ("a & b {x} \\ `code`", "a ＆ b ｛x｝ ＼ ｀code｀"),
        ("two\n  lines\t here", "two lines here"),
    ],
)
def test_attribute_value_table(text: str, expected: str) -> None:
    assert attribute_value(text) == expected


def test_opener() -> None:
    assert mermaid_opener("```", "図", "上から順に: a / b") == (
        '```{.mermaid data-acc-title="図" data-acc-descr="上から順に: a / b"}'
    )


@given(st.text(max_size=80), st.text(max_size=80))
def test_opener_is_one_fence_line_whatever_the_text(title: str, description: str) -> None:
    line = mermaid_opener("```", title, description)
    assert len(line.splitlines()) == 1
    inside = line[len('```{.mermaid data-acc-title="') : -2]
    assert not any(char in inside.replace('" data-acc-descr="', "") for char in '"<>&{}\\`')
