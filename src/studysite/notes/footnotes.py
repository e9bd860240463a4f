"""※ footnotes, as Japanese notes write them, become Markdown footnotes; pure text in, text out.

A marker ``※1`` (also ``(※1)``, ``（※１）``, full-width digits) in the text becomes the reference ``[^1]``;
a line that starts with the marker, ``※1 text`` (trailing two-space line breaks and all), becomes the
definition ``[^1]: text``. Markers in fenced or indented code and in inline code stay as they are. A marker
with no definition, a definition with no marker, or a number defined twice is reported and left as text.
Lines are never added or removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studysite.infra.problem import Problem

_MARK = re.compile(r"[(（]※(\d+)[)）]|※(\d+)")
_DEFINITION = re.compile(r"(?P<lead>[ ]{0,3})※(?P<num>\d+)[:：.．]?[ \t\u3000]+(?P<text>\S.*?)[ \t\u3000]*$")
_BLOCK_START = re.compile(r"#|[*+->]\s|\d{1,9}[.)]\s")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")


def convert_footnotes(text: str, code: Sequence[bool], first: int = 1) -> tuple[str, list[Problem]]:
    """``text`` with ※ markers and definitions as Markdown footnotes, and what could not be converted.
    ``code[i]`` says whether line ``i`` is in fenced or indented code (see ``lists.code_lines``); ``first``
    is the number reported for the first line."""
    if "※" not in text:
        return text, []
    lines = text.split("\n")
    definitions: dict[int, int] = {}  # number → line index
    references: dict[int, list[int]] = {}
    problems: list[Problem] = []
    for i, line in enumerate(lines):
        if code[i] or "※" not in line:
            continue
        body = line.rstrip("\r")
        m = _DEFINITION.fullmatch(body)
        if m:
            num = int(m.group("num"))
            if num in definitions:
                problems.append(
                    Problem(i + first, f"※{num} is defined twice (first on line {definitions[num] + first})")
                )
            else:
                definitions[num] = i
            body = body[m.start("text") :]
        for mark in _marks(body):
            references.setdefault(mark[2], []).append(i)
    hand_written = {int(n) for n in re.findall(r"\[\^(\d+)\]", text)}
    usable = set()
    for num in sorted(set(definitions) | set(references)):
        if num not in references:
            problems.append(
                Problem(
                    definitions[num] + first,
                    f"footnote ※{num} is never referred to: add ※{num} where it belongs",
                )
            )
        elif num not in definitions:
            problems.append(
                Problem(
                    references[num][0] + first,
                    f"※{num} has no footnote: add a line '※{num} text' below the paragraph or at the end",
                )
            )
        elif num in hand_written:
            problems.append(
                Problem(definitions[num] + first, f"※{num} and a footnote [^{num}] both exist: rename one")
            )
        else:
            usable.add(num)
    defining = {definitions[num] for num in usable}
    for i in sorted({i for num in usable for i in references[num]} | defining):
        lines[i] = _rewrite(lines[i], usable, is_definition=i in defining)
    problems.sort(key=lambda p: p.line)
    return "\n".join(lines), problems


def _marks(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of the markers in one line of text, outside inline code."""
    spans = [m.span() for m in _CODE_SPAN.finditer(text)]
    found = []
    for m in _MARK.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        found.append((m.start(), m.end(), int(m.group(1) or m.group(2))))
    return found


def _rewrite(line: str, usable: set[int], is_definition: bool) -> str:
    cr = "\r" if line.endswith("\r") else ""
    body = line.removesuffix("\r")
    head = ""
    if is_definition:
        m = _DEFINITION.fullmatch(body)
        assert m is not None
        head = f"{m.group('lead')}[^{int(m.group('num'))}]: "
        body = m.group("text")
        if _BLOCK_START.match(body):  # text, as in the preview: not a heading or list in the footnote
            body = "\\" + body
    parts: list[str] = []
    done = 0
    for start, end, num in _marks(body):
        if num in usable:
            parts += [body[done:start], f"[^{num}]"]
            done = end
    return head + "".join(parts) + body[done:] + cr
