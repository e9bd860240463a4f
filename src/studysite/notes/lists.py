"""Nested lists at the indent the writer used: 2 spaces, 4 spaces or tabs; pure text in, text out.

Python-Markdown nests a list item only when it is indented by 4 columns more than its parent, so a note
written with 2-space indents (as most editors and CommonMark allow) comes out flat. :func:`normalize_lists`
re-indents, before Markdown reads the page, every list whose nested items use a smaller step than 4: each
item goes to 4 columns per level of the tree the writer drew, and the lines that belong to an item (its
lazy continuation lines, paragraphs, indented or fenced code) move with it, keeping their indentation
relative to the item's text. Lists already indented by 4 (or by tabs) and lists without nested items are
left byte for byte, and so is everything outside lists: fenced code, indented code, and list-looking lines
that continue a paragraph (Python-Markdown starts a list only at the start of a block). Lists inside
block quotes and admonitions/details are handled at their own level. No line is added or removed.

:func:`code_lines` tells which lines are code (fenced or indented), for the other passes over a raw note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TAB_LENGTH = 4  # Python-Markdown's
_ITEM = re.compile(r"([*+-]|\d{1,9}[.)])([ \t]+|$)")
_ADMONITION = re.compile(r"(!!!|\?\?\?\+?)[ \t]*[\w-]")
_ATX = re.compile(r"#{1,6}([ \t]|$)")
_QUOTE = re.compile(r"[ ]{0,3}>[ ]?")


def normalize_lists(text: str) -> str:
    """``text`` with nested lists re-indented to Python-Markdown's 4 columns per level (see module doc)."""
    lines = text.split("\n")
    out, _ = _walk(lines)
    return "\n".join(out) if out != lines else text


def code_lines(text: str) -> list[bool]:
    """For each line of ``text`` (split on "\\n"): whether it is inside fenced or indented code."""
    return _walk(text.split("\n"))[1]


def indent_of(line: str) -> int:
    """Columns of leading whitespace, tabs to the next multiple of 4."""
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += TAB_LENGTH - col % TAB_LENGTH
        else:
            break
    return col


def _reindent(line: str, width: int) -> str:
    return " " * max(0, width) + line.lstrip(" \t")


def _shift(line: str, delta: int) -> str:
    if not line.strip() or not delta:
        return line
    return _reindent(line, indent_of(line) + delta)


def _item_width(stripped: str) -> int | None:
    """Columns from the marker to the item's text ("* a" → 2, "1. a" → 3), None when not an item."""
    if _is_rule(stripped):
        return None
    m = _ITEM.match(stripped)
    if not m:
        return None
    gap = indent_of(" " * len(m.group(1)) + m.group(2)) - len(m.group(1)) if m.group(2) else 1
    return len(m.group(1)) + (gap if gap <= TAB_LENGTH else 1)


def _is_rule(stripped: str) -> bool:
    squeezed = stripped.replace(" ", "").replace("\t", "").rstrip()
    return len(squeezed) >= 3 and squeezed[0] in "-*_" and not squeezed.strip(squeezed[0])


def _fence_end(lines: Sequence[str], start: int) -> int | None:
    """Index of the line closing the fence opened at ``start`` (as superfences reads it), else None."""
    stripped = lines[start].lstrip(" \t")
    char = stripped[:1]
    if char not in ("`", "~"):
        return None
    marker = stripped[: len(stripped) - len(stripped.lstrip(char))]
    if len(marker) < 3 or (char == "`" and "`" in stripped[len(marker) :]):
        return None
    indent = indent_of(lines[start])
    for j in range(start + 1, len(lines)):
        line = lines[j].rstrip("\r")
        if not line.strip():
            continue
        if indent_of(line) < indent:
            return None
        rest = line.lstrip(" \t")
        if indent_of(line) == indent and rest.startswith(marker) and not rest[len(marker) :].strip():
            return j
    return None


def _walk(lines: list[str]) -> tuple[list[str], list[bool]]:
    """One container level: the lines rewritten, and which of them are code."""
    out = list(lines)
    code = [False] * len(lines)
    i, block_start = 0, True
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            block_start, i = True, i + 1
            continue
        ind, stripped = indent_of(line), line.lstrip(" \t")
        if block_start and ind >= TAB_LENGTH:  # indented code, up to the next less indented line
            while i < len(lines) and (not lines[i].strip() or indent_of(lines[i]) >= TAB_LENGTH):
                code[i] = bool(lines[i].strip())
                i += 1
            continue
        end = _fence_end(lines, i)
        if end is not None:
            code[i : end + 1] = [True] * (end + 1 - i)
            block_start, i = False, end + 1  # a line right below a fence goes on with its paragraph
            continue
        if _QUOTE.match(line):
            i = _quote(lines, i, out, code)
            block_start = True
            continue
        if ind == 0 and _ADMONITION.match(stripped):
            i = _admonition(lines, i, out, code)
            block_start = True
            continue
        if ind < TAB_LENGTH and (_is_rule(stripped) or _ATX.match(stripped)):
            block_start, i = True, i + 1  # a heading or rule ends the block: a list may start below
            continue
        if block_start and ind < TAB_LENGTH and _item_width(stripped) is not None:
            i = _list(lines, i, out, code)
            block_start = True
            continue
        block_start, i = False, i + 1
    return out, code


def _quote(lines: list[str], start: int, out: list[str], code: list[bool]) -> int:
    """A block quote (its "> " lines and their lazy lines), walked without the "> "."""
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    while end < len(lines) and _QUOTE.match(lines[end]):  # "> " lines go on across blank lines outside
        end += 1
        while end < len(lines) and lines[end].strip():
            end += 1
    prefixes = [m.group(0) if (m := _QUOTE.match(line)) else "" for line in lines[start:end]]
    inner = [line[len(p) :] for line, p in zip(lines[start:end], prefixes, strict=True)]
    new, inner_code = _walk(inner)
    for k, (old, line, prefix) in enumerate(zip(inner, new, prefixes, strict=True)):
        if line != old:
            out[start + k] = prefix + line
        code[start + k] = inner_code[k]
    return end


def _admonition(lines: list[str], start: int, out: list[str], code: list[bool]) -> int:
    """An admonition or details block: its body (indented by 4) walked as a page of its own."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or indent_of(lines[end]) >= TAB_LENGTH):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    inner = [
        _reindent(line, indent_of(line) - TAB_LENGTH) if line.strip() else line
        for line in lines[start + 1 : end]
    ]
    new, inner_code = _walk(inner)
    for k, (old, line) in enumerate(zip(inner, new, strict=True)):
        if line != old:
            out[start + 1 + k] = _shift(line, TAB_LENGTH)
        code[start + 1 + k] = inner_code[k]
    return end


@dataclass
class _Item:
    marker: int  # column of the marker, as written
    text: int  # column of the item's text, as written
    depth: int  # level in the writer's tree, 0 for the list's own items


def _list(lines: list[str], start: int, out: list[str], code: list[bool]) -> int:
    """The list starting at ``start``: re-indented when its nested items step by less than 4 columns."""
    end = _list_end(lines, start)
    base = indent_of(lines[start])
    step = _step(lines, start, end)
    rewrite = step is not None and step < TAB_LENGTH
    stack: list[_Item] = []
    mode, owner = "item", None  # lines below an item: "item" (its lazy text), "para" or "code" of ``owner``
    prev_blank = False
    i = start
    while i < end:
        line = lines[i]
        if not line.strip():
            prev_blank, i = True, i + 1
            continue
        ind, stripped = indent_of(line), line.lstrip(" \t")
        width = _item_width(stripped)
        holder = _holder(stack, ind, step or TAB_LENGTH)
        if mode == "code" and owner is not None:
            if ind >= owner.text + TAB_LENGTH:
                code[i] = True
                out[i] = _shift(line, _delta(owner, base)) if rewrite else line
                prev_blank, i = False, i + 1
                continue
            mode, prev_blank = "item", True  # the code ended: this line starts a block of its own
        if prev_blank and holder is not None and ind >= holder.text + TAB_LENGTH:
            mode, owner = "code", holder  # indented code inside the item
            continue
        fence = _fence_end(lines, i)
        if fence is not None:
            who = holder if prev_blank or not stack else stack[-1]
            for j in range(i, fence + 1):
                code[j] = True
                if rewrite and who is not None:
                    out[j] = _shift(lines[j], _delta(who, base))
            prev_blank, mode, owner, i = False, "item", who, fence + 1
            continue
        if width is not None:
            while stack and stack[-1].marker > ind:
                stack.pop()
            if stack and stack[-1].marker == ind:
                stack.pop()
            item = _Item(ind, ind + width, len(stack))
            stack.append(item)
            if rewrite:
                out[i] = _reindent(line, base + TAB_LENGTH * item.depth)
            mode, owner = "item", item
        elif prev_blank or mode == "para":
            if prev_blank:
                who = holder if holder is not None else (stack[0] if stack else None)
                while stack and who is not None and stack[-1] is not who:
                    stack.pop()
                mode, owner = "para", who
            if rewrite and owner is not None:
                new = base + TAB_LENGTH * (owner.depth + 1) + max(0, ind - owner.text)
                out[i] = _reindent(line, new)
        elif rewrite and owner is not None:  # a lazy line of the item above: with it, at its marker
            out[i] = _reindent(line, min(ind, base + TAB_LENGTH * owner.depth))
        prev_blank, i = False, i + 1
    return end


def _holder(stack: Sequence[_Item], ind: int, step: int) -> _Item | None:
    """The deepest open item whose content a line indented ``ind`` columns (after a blank line) is in."""
    for item in reversed(stack):
        if ind >= min(item.text, item.marker + step):
            return item
    return None


def _delta(item: _Item, base: int) -> int:
    """How far the lines inside ``item`` move: its text goes to 4 columns per level."""
    return base + TAB_LENGTH * (item.depth + 1) - item.text


def _list_end(lines: Sequence[str], start: int) -> int:
    """Index after the list's last line: a blank line followed by a line at the list's indent (or less)
    that is not an item ends it."""
    base = indent_of(lines[start])
    last, prev_blank, i = start, False, start + 1
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            prev_blank, i = True, i + 1
            continue
        stripped = line.lstrip(" \t")
        if prev_blank and indent_of(line) <= base and (_item_width(stripped) is None or _is_rule(stripped)):
            break
        fence = _fence_end(lines, i)
        last = fence if fence is not None else i
        prev_blank, i = False, last + 1
    return last + 1


def _step(lines: Sequence[str], start: int, end: int) -> int | None:
    """The smallest indent between a nested item and its parent, None when no item is nested."""
    markers: list[int] = []
    step: int | None = None
    i = start
    while i < end:
        stripped = lines[i].lstrip(" \t")
        fence = _fence_end(lines, i)
        if fence is not None:
            i = fence + 1
            continue
        if lines[i].strip() and _item_width(stripped) is not None:
            ind = indent_of(lines[i])
            while markers and markers[-1] >= ind:
                markers.pop()
            if markers:
                step = ind - markers[-1] if step is None else min(step, ind - markers[-1])
            markers.append(ind)
        i += 1
    return step
