"""Checks of the written PDF with poppler: every font embedded and none Type 3, no blank page, no U+FFFD."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from studysite.pdf.document import PdfError
from studysite.pdf.glyphs import context_of
from studysite.pdf.system import run_tool


@dataclass(frozen=True)
class PdfFont:
    name: str
    kind: str
    embedded: bool
    unicode: bool


def parse_pdffonts(output: str) -> list[PdfFont]:
    """Rows of poppler's ``pdffonts`` table. Columns are found from the dashed rule under the header."""
    lines = output.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("---")), None)
    if rule is None:
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[rule])]
    fonts = []
    for line in lines[rule + 1 :]:
        if not line.strip():
            continue
        cells = [line[start : end + 1].strip() for start, end in spans]
        fonts.append(PdfFont(cells[0], cells[1], cells[3] == "yes", cells[5] == "yes"))
    return fonts


def check_pdf(path: Path) -> tuple[int, int]:
    """Every font embedded as a real font (not Type 3), no blank page, no U+FFFD in the text.

    Returns (pages, fonts).
    """
    fonts = parse_pdffonts(run_tool(["pdffonts", str(path)], "poppler", "poppler-utils"))
    bare = sorted({f.name for f in fonts if not f.embedded})
    if bare:
        raise PdfError(f"fonts not embedded in the PDF: {', '.join(bare)}")
    type3 = [f for f in fonts if f.kind == "Type 3"]
    if type3:
        raise PdfError(
            f"{len(type3)} of {len(fonts)} fonts in the PDF are Type 3: text drawn with a CFF font (such as "
            "Noto CJK) or a synthesised bold; check the fonts of print.css"
        )
    text = run_tool(["pdftotext", "-enc", "UTF-8", str(path), "-"], "poppler", "poppler-utils")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    blank = [str(i + 1) for i, page in enumerate(pages) if not page.strip()]
    if blank:
        raise PdfError(f"blank PDF page(s): {', '.join(blank)}")
    if "\ufffd" in text:
        raise PdfError(
            f"the PDF text has U+FFFD (a character that could not be encoded) near "
            f"'{context_of(chr(0xFFFD), text)}'"
        )
    return len(pages), len(fonts)
