"""Box drawings kept as code whose right edges do not line up by display width. Pure: lines in, problems out.

The site sets code on a true grid (wide characters two columns, everything else one: ``grid.char_width``
with ambiguous characters one column), so a drawing lines up for the reader exactly when it lines up by
display width in the text. A writer whose editor shows Japanese narrower or wider than two columns draws
boxes that look right there and ragged everywhere else; this check names those lines.

A line is ragged when it is a box's row of text (not a rule) ending in a right edge (``|``, ``│``,
``+``, ``┤``…), a neighbouring line also ends in an edge or a rule, and its edge is not held by anything:
going straight up or down from it (through ``|``/``│``) meets no corner, junction or rule at that column.
Program output is never checked: ``tree`` listings, database result tables, shell sessions and Markdown
pipe tables keep the columns their program (or their writer) gave them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studysite.diagrams.detect import looks_like_diagram, looks_like_table
from studysite.diagrams.grid import NotLayers, char_width
from studysite.diagrams.readers import read
from studysite.diagrams.readers.box_drawing import TO_ASCII

#: ``tree``/``lsblk``-style listings: a branch (├── └── |-- `-- +--) and then a name, not more rule.
_TREE = re.compile(r"^[\s│|]*(?:[├└]─+|\|--|`--|\+--) ?[^\s─━═┐┘┤┬┴┼+|-]")
#: A prompt line of a shell or a database client: the block is a session, program output.
_PROMPT = re.compile(r"^\s*(?:\$|[\w@.:~/-]*[>#$%]|>>>) ")
#: The delimiter row of a Markdown pipe table.
_PIPE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")


def _cells(line: str, ambiguous: int = 1) -> dict[int, str]:
    """Display column -> ASCII mark (box drawing as ``- | +``) of the character starting there."""
    cells: dict[int, str] = {}
    col = 0
    for char in line.rstrip():
        if char == "\t":
            col = (col // 8 + 1) * 8
            continue
        cells[col] = char.translate(TO_ASCII)
        col += char_width(char, ambiguous)
    return cells


def _is_rule(marks: dict[int, str]) -> bool:
    """Only rules and corners (``-``, ``=``, ``+``, ``.``/``'`` corners, box drawing): a corner, or a run of
    three ``-``/``=``."""
    text = "".join(marks.values()).replace(" ", "")
    if not text or text.strip("-=+.'") or not ("-" in text or "=" in text):
        return False
    return any(corner in text for corner in "+.'") or "---" in text or "===" in text


def kept_as_code(info: str, body: Sequence[str]) -> bool:
    """Whether a fence is shown as code: not Mermaid, and not a layer diagram the layer-diagram pass
    converts or reports itself (the same test as ``layers.convert_layer_diagrams``)."""
    kind = info.split(maxsplit=1)[0].lower() if info.strip() else ""
    if kind == "mermaid":
        return False
    source = "\n".join(body)
    if info.lower() not in ("", "text") or "\r" in source or not looks_like_diagram(source):
        return True
    try:
        read(source)
    except NotLayers:
        return True  # boxes with arrows between them: stays code, and is ours to check
    except ValueError:
        return False  # DiagramError: the layer-diagram pass reports it
    return False


def is_program_output(lines: Sequence[str]) -> bool:
    """A ``tree`` listing, a shell or client session, a Markdown pipe table or a database result table."""
    if any(_TREE.match(line) or _PROMPT.match(line) or _PIPE_DELIMITER.match(line) for line in lines):
        return True
    return looks_like_table([line.strip() for line in lines if line.strip()])


#: Said when a drawing lines up only with box drawing (and other ambiguous characters) two columns wide.
AMBIGUOUS_HINT = (
    "; it lines up when box drawing is counted two columns wide, as some Japanese editors show it, "
    "but it is one column wide in terminals and on the site"
)


def ragged_edges(lines: Sequence[str]) -> list[tuple[int, str]]:
    """(0-based line index, message) for each row of a box drawing whose right edge is off its column."""
    if is_program_output(lines):
        return []
    found = _ragged(lines, 1)
    hint = AMBIGUOUS_HINT if found and not _ragged(lines, 2) else ""
    return [
        (
            i,
            f"the right edge '{lines[i].rstrip()[-1]}' is at display column {col + 1}, the line "
            f"{'above' if j < i else 'below'} ends at column {other + 1}: the drawing does not line up "
            f"(Japanese and other wide characters take two columns, everything else one){hint}",
        )
        for i, col, j, other in found
    ]


def _ragged(lines: Sequence[str], ambiguous: int) -> list[tuple[int, int, int, int]]:
    """(line, its edge's column, the neighbouring line, its end column) for each ragged row."""
    rows = [_cells(line, ambiguous) for line in lines]
    rules = [_is_rule(marks) for marks in rows]
    if not any(rules):
        return []
    ends = [max(marks) if marks else -1 for marks in rows]

    def mark(i: int, col: int) -> str:
        return rows[i].get(col, " ") if 0 <= i < len(rows) else " "

    def edge_ended(i: int) -> bool:
        return 0 <= i < len(rows) and ends[i] >= 0 and (rules[i] or mark(i, ends[i]) in "|+")

    def held(i: int, col: int, step: int) -> bool:
        j = i + step
        while mark(j, col) == "|":
            j += step
        found = mark(j, col)
        if found == "+" or (found in ".'" and rules[j]):
            return True
        # a rule of bare dashes (no corners) holds any side standing on it or hanging from it
        return found in "-=" and rules[j] and "+" not in rows[j].values()

    found = []
    for i in range(len(rows)):
        if rules[i] or not edge_ended(i):
            continue
        col = ends[i]
        if held(i, col, -1) or held(i, col, 1):
            continue
        near = [j for j in (i - 1, i + 1) if edge_ended(j) and ends[j] != col]
        if near:
            found.append((i, col, near[0], ends[near[0]]))
    return found
