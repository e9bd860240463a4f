"""Where each character of a page's code blocks is drawn, and whether the columns line up (tests, bench).

``measure(page)`` reads, in Chromium, the x of every character of every ``pre > code`` block (a Range
around the character; relative to the block's left edge), line by line. ``misaligned`` then checks the
grid: characters at the same display column (wide = 2 columns, everything else 1) on consecutive lines
have the same x, within a tolerance.
"""

from __future__ import annotations

import html
import re
from typing import Any

from studysite.site.code_font import columns

#: In the page: for each code block, its lines as lists of [character, x, width].
MEASURE_JS = """
() => [...document.querySelectorAll('article pre > code')].map(code => {
  const left = code.getBoundingClientRect().left;
  const lines = [[]];
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    for (let i = 0; i < text.length; ) {
      const ch = String.fromCodePoint(text.codePointAt(i));
      if (ch === '\\n') { lines.push([]); i += 1; continue; }
      range.setStart(node, i); range.setEnd(node, i + ch.length);
      const box = range.getBoundingClientRect();
      lines[lines.length - 1].push([ch, box.left - left, box.width]);
      i += ch.length;
    }
  }
  return lines;
})
"""


def measure(page: Any) -> list[list[list[tuple[str, float, float]]]]:
    """Every code block of the page: lines of (character, x, width), after the web fonts have loaded."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    blocks = page.evaluate(MEASURE_JS)
    return [[[(ch, float(x), float(w)) for ch, x, w in line] for line in block] for block in blocks]


def needs_grid(block: list[list[tuple[str, float, float]]]) -> bool:
    """A block holding wide characters or box drawing, whose columns the font must keep."""
    return any(columns(ch) == 2 or 0x2500 <= ord(ch) <= 0x257F for line in block for ch, _, _ in line)


def positions(line: list[tuple[str, float, float]]) -> dict[int, tuple[str, float]]:
    """Display column -> (character, x) of the characters starting there."""
    out, col = {}, 0
    for ch, x, _ in line:
        out[col] = (ch, x)
        col += columns(ch)
    return out


def misaligned(block: list[list[tuple[str, float, float]]], tolerance: float = 1.0) -> list[str]:
    """Pairs of characters at the same display column of consecutive lines whose x differs."""
    problems = []
    for n in range(len(block) - 1):
        upper, lower = positions(block[n]), positions(block[n + 1])
        for col in sorted(upper.keys() & lower.keys()):
            (a, xa), (b, xb) = upper[col], lower[col]
            if abs(xa - xb) > tolerance:
                problems.append(
                    f"lines {n + 1}-{n + 2}, column {col + 1}: {a!r} at {xa:.1f}, {b!r} at {xb:.1f}"
                )
    return problems


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')


def pdf_code_words(bbox_page: str, code_lines: list[str]) -> list[list[tuple[float, int]]]:
    """The PDF lines (``pdftotext -bbox`` of one page) that print one of ``code_lines``: for each, its
    words as (x of the word's start in pt, display column of that word in the source line)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _WORD.findall(bbox_page):
        rows.setdefault(round(float(y), 1), []).append((float(x), html.unescape(text)))
    wanted = {" ".join(line.split()): line for line in code_lines if len(line.split()) >= 2}
    found = []
    for _, words in sorted(rows.items()):
        words.sort()
        line = wanted.get(" ".join(text for _, text in words))
        if line is None:
            continue
        pos, placed = 0, []
        for x, text in words:
            at = line.index(text, pos)
            placed.append((x, sum(columns(ch) for ch in line[:at])))
            pos = at + len(text)
        found.append(placed)
    return found


def grid_residuals(lines: list[list[tuple[float, int]]]) -> tuple[float, float, float]:
    """Fit x = left + column * cell over every word start (least squares): (left, cell, worst residual)."""
    points = [point for line in lines for point in line]
    n = len(points)
    mean_c = sum(c for _, c in points) / n
    mean_x = sum(x for x, _ in points) / n
    spread = sum((c - mean_c) ** 2 for _, c in points)
    cell = sum((c - mean_c) * (x - mean_x) for x, c in points) / spread
    left = mean_x - cell * mean_c
    return left, cell, max(abs(x - (left + c * cell)) for x, c in points)
