"""The whole note pass (``studysite.pipeline.prepare_note``): translation, ※ footnotes, heading checks and
layer diagrams in order, every problem at the line of the note as written (front matter counted)."""

from __future__ import annotations

import pytest

from studysite.pipeline import prepare_note

BROKEN = ["```", "----------", "|app     |", "|lib      ", "----------", "```"]
DRAWING = ["```", "----------", "|app     |", "----------", "|Host OS |", "----------", "```"]


def problems(note: str, first: int = 1) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in prepare_note(note, first=first)[1]]


PROBLEM_LINES = [
    # the translation adds a blank line above a list glued to a paragraph: the line is still the note's
    ("※ marker in a glued list", "para\n* a※3\n", 1, 2, "※3 has no footnote"),
    ("same, under front matter", "para\n* a※3\n", 5, 6, "※3 has no footnote"),
    (
        "broken drawing in a fence glued to a 2-space item",
        "# t\n* item\n" + "\n".join("  " + line for line in BROKEN) + "\n",
        1,
        6,
        "layer diagram not converted: row 1: box side at column 10 is missing",
    ),
    (
        "same, after a setext heading (two lines become one)",
        "題\n==\n\n* item\n" + "\n".join("  " + line for line in BROKEN) + "\n",
        3,
        10,
        "layer diagram not converted: row 1: box side at column 10 is missing",
    ),
    ("repeated id", "# A {#x}\n* b\n## B {#x}\n", 1, 3, "heading id 'x' is already used on line "),
    ("unclosed fence in an item", "* a\n  ```\n  x\n* b\n", 2, 3, "this code fence is never closed"),
]


@pytest.mark.parametrize(
    ("name", "note", "first", "line", "message"), PROBLEM_LINES, ids=[c[0] for c in PROBLEM_LINES]
)
def test_problems_point_at_the_note_as_written(
    name: str, note: str, first: int, line: int, message: str
) -> None:
    found = problems(note, first)
    assert [(n, text[: len(message)]) for n, text in found] == [(line, message)], found


@pytest.mark.parametrize(
    ("note", "first", "expected"),
    [
        ("# A {#same}\n\n## B {#same}\n", 4, (6, "on line 4")),
        ("text\n- a\n\n# A {#same}\n\n## B {#same}\n", 1, (6, "on line 4")),
    ],
)
def test_a_repeated_id_names_the_first_use_in_the_note(
    note: str, first: int, expected: tuple[int, str]
) -> None:
    [(line, message)] = problems(note, first)
    assert (line, message.split(":")[0].removeprefix("heading id 'same' is already used ")) == expected


def test_passes_run_in_order_on_the_translated_note() -> None:
    note = "# 題\n\n本文※1。\n* 構成\n" + "\n".join("  " + line for line in DRAWING) + "\n\n※1 注\n"
    text, found = prepare_note(note)
    assert found == []
    assert "本文[^1]。\n\n* 構成\n\n    ```{.mermaid" in text  # list separated, footnote, diagram in the item
    assert "\n[^1]: 注\n" in text
    assert prepare_note(text)[0] == text  # a second run changes nothing


def test_a_note_with_nothing_to_do_is_unchanged() -> None:
    note = "# 題\n\n本文。\n\n* a\n    * b\n"
    assert prepare_note(note) == (note, [])
