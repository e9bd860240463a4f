"""The pure checks behind hooks/note_limits.py: control characters, nesting, size, symlinks (snippets:
studysite.notes.snippets)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pymdownx.snippets import SnippetPreprocessor

from studysite.notes.limits import (
    MAX_DEPTH,
    MAX_NOTE_BYTES,
    escaping_link,
    folder_links,
    oversized,
    strip_controls,
    too_deep,
)
from studysite.notes.snippets import nested_problem, snippet_lines, snippet_problem

MARKER = SnippetPreprocessor.RE_ALL_SNIPPETS


def _file_part(path: str) -> str | None:  # pymdownx's reading, simplified: file.md:1:3 / file.md:section
    return re.sub(r":[-\d:,]*$|:[a-z][-_0-9a-z]*$", "", path, flags=re.I) or None


def test_controls_are_removed_by_line_and_tab_and_newlines_stay():
    text, problems = strip_controls("a\x00b\n\tc\r\nd\x1b\x07e\x7f\n")
    assert text == "ab\n\tc\r\nde\x7f\n"
    assert [(p.line, p.message) for p in problems] == [
        (1, "control character(s) U+0000 removed"),
        (3, "control character(s) U+0007, U+001B removed"),
    ]
    assert strip_controls("clean\n") == ("clean\n", [])


def _list(levels: int, indent: str = "  ") -> str:
    return "".join(indent * i + f"- x{i}\n" for i in range(levels))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (_list(MAX_DEPTH), None),
        (_list(MAX_DEPTH + 1), MAX_DEPTH + 1),
        (_list(MAX_DEPTH + 1, "\t"), MAX_DEPTH + 1),
        (_list(MAX_DEPTH + 1, "    "), MAX_DEPTH + 1),
        (">" * MAX_DEPTH + " q\n", None),
        ("text\n\n" + ">" * (MAX_DEPTH + 1) + " q\n", 3),
        ("- " * (MAX_DEPTH + 1) + "x\n", 1),
        ("-" * 300 + "\n\n" + "+" + "-" * 300 + "+\n", None),  # rules and box edges are no nesting
        ("a\n\n" + "*" * 3000 + "y" + "*" * 3000 + "\n", 3),
        ("*" * 300 + "\n", None),  # a rule
        ("```\n" + "*" * 300 + "\n```\n", None),  # code
        ("`" + "_" * 300 + "` in a code span\n", None),
        ("one\ntwo " + "_" * 250 + "x\n", 2),
    ],
)
def test_nesting_past_the_limit_is_found_on_its_line(text: str, line: int | None):
    problem = too_deep(text)
    assert (problem.line if problem else None) == line


def test_size_limit():
    assert oversized(MAX_NOTE_BYTES) is None
    assert "over the limit of 8 MiB" in (oversized(MAX_NOTE_BYTES + 1) or "")


def test_snippet_lines_as_pymdownx_reads_them():
    text = '--8<-- "a.md"\n;--8<-- "escaped.md"\n--8<--\nb.md\n;skipped.md\n\nc.md:2:3\n--8<--\ntext\n'
    assert [(s.line, s.path) for s in snippet_lines(text, MARKER)] == [
        (0, "a.md"),
        (3, "b.md"),
        (6, "c.md:2:3"),
    ]


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "project"
    (root / "includes" / "sub").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "includes" / "ok.md").write_text('ok\n--8<-- "sub/inner.md"\n')
    (root / "includes" / "sub" / "inner.md").write_text('--8<-- "../../mkdocs.yml"\n')
    (root / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "outside.md").write_text("secret\n")
    (root / "includes" / "leak.md").symlink_to(tmp_path / "outside.md")
    return root, root / "includes"


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("ok.md", None),
        ("ok.md:1:2", None),
        ("sub/inner.md", None),
        ("../mkdocs.yml", "outside includes/"),
        ("sub/../../mkdocs.yml", "outside includes/"),
        ("/etc/hostname", "outside includes/"),
        ("../../../../../../../etc/hostname", "outside includes/"),
        ("leak.md", "outside includes/"),
        ("missing.md", "not a file in includes/"),
        ("sub", "not a file in includes/"),
    ],
)
def test_snippet_paths(tree, path: str, why: str | None):
    _, base = tree
    problem = snippet_problem(path, base.resolve(), _file_part)
    assert (problem is None) if why is None else (why in (problem or "")), problem


def test_a_bad_snippet_inside_an_included_file_is_found(tree):
    _, base = tree
    base = base.resolve()
    found = nested_problem(base / "ok.md", base, _file_part, MARKER)
    assert found is not None and found[0] == base / "sub" / "inner.md" and found[1] == 0


def test_symlinks_out_and_loops(tmp_path: Path):
    root = tmp_path / "project"
    docs = root / "docs"
    (docs / "real").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.md").write_text("x")
    (docs / "file.md").symlink_to(tmp_path / "out" / "x.md")
    (docs / "chain.md").symlink_to(docs / "file.md")
    (docs / "inside.md").symlink_to(root / "docs" / "real")
    (docs / "folder").symlink_to(tmp_path / "out")
    (docs / "real" / "loop").symlink_to(docs)
    root = root.resolve()
    assert escaping_link(docs, "file.md", root) == ("file.md", (tmp_path / "out" / "x.md").resolve())
    assert escaping_link(docs, "chain.md", root) == ("chain.md", (tmp_path / "out" / "x.md").resolve())
    assert escaping_link(docs, "folder/x.md", root) == ("folder", (tmp_path / "out").resolve())
    assert escaping_link(docs, "real", root) is None
    assert [(name, kind) for name, _, kind in folder_links(docs, root)] == [
        ("folder", "outside"),
        ("inside.md/loop", "loop"),
        ("real/loop", "loop"),
    ]
