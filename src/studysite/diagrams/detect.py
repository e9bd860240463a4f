"""Which code blocks hold a layer drawing: cheap structural tests, run before any reading.

A layer drawing is rules framing rows of ``|``-sided boxes, with an optional short title. Program output
that happens to use the same marks stays code: shell sessions and prompts, pipe tables, and result
tables of database clients and table printers (``+----+------+`` over one header line and several data
rows, or a header rule drawn in ``=``): a table is rows of data under one header, not layers. When in
doubt the answer is no, and the block stays code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studysite.diagrams.readers.box_drawing import STRONG_LINES, TO_ASCII
from studysite.diagrams.readers.canvas import is_rule

#: A shell or database prompt (``$ ``, ``mysql> ``, ``postgres=# ``, ``>>> ``) or an SQL statement.
_COMMAND = re.compile(r"^[\w@.:~/=-]*[>#$%] |;$")


def _flat(line: str) -> str:
    return line.strip() if line.isascii() else line.translate(TO_ASCII).strip()


def looks_like_diagram(text: str) -> bool:
    """Rules of ``-``/``=``/``+`` (or box drawing) framing ``|``-sided boxes, at most three title lines,
    nothing after the last rule, and not a table."""
    raw = text.split("\n")
    lines = [_flat(line) for line in raw]
    while lines and not lines[-1]:
        lines.pop()
    rules = boxes = titles = 0
    for s in lines:
        if is_rule(s) and ("--" in s or "==" in s):
            rules += 1
        elif not rules:
            if s and ("|" in s or s[0] in "$#>%" or "$ " in s or "# " in s or s.endswith(("$", "#"))):
                return False
            if _COMMAND.search(s):
                return False
            titles += bool(s)
        elif "|" not in s:
            return False
        else:
            boxes += s.startswith("|") and s.endswith("|")
    if not (rules >= 2 and boxes >= 1 and titles <= 3 and is_rule(lines[-1])):
        return False
    return not looks_like_table([line.strip() for line in raw if line.strip()])


def looks_like_table(lines: Sequence[str]) -> bool:
    """A result table (``lines``: the drawing's non-blank lines, stripped): no title, every rule alike
    and every row with the same cells (no spans, no stacked boxes), and either one header line over one
    block of two or more data lines (none of them blank), or a header rule drawn heavier (``=``, ``═``,
    ``━``) than the rules between the data rows below it."""
    flat = [_flat(line) for line in lines]
    if not flat or not is_rule(flat[0]):
        return False
    rule_at = [i for i, s in enumerate(flat) if is_rule(s)]
    if len(rule_at) < 3 or len({flat[i].replace("=", "-") for i in rule_at}) != 1:
        return False
    if len({s.count("|") for s in flat if not is_rule(s)}) != 1:
        return False
    heights = [b - a - 1 for a, b in zip(rule_at, rule_at[1:], strict=False)]
    if min(heights) == 0 or heights[0] != 1:
        return False
    if len(heights) == 2 and heights[1] >= 2:  # data lines: each holds a record, none is blank padding
        return all(s.strip("| ") for s in flat[rule_at[1] + 1 : rule_at[2]])
    strong = [any(ch in lines[i] for ch in STRONG_LINES) for i in rule_at]
    return strong[1] and not all(strong[2:])
