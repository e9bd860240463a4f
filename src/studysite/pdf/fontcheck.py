"""Before printing: every character has a glyph, and Chromium really draws with the print fonts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studysite.pdf.document import CODE_FONT, GRID_CODE_FONT, TEXT_FONT, PdfError
from studysite.pdf.glyphs import context_of, describe, uncovered
from studysite.pdf.system import fallback_font

#: Elements whose own text shows which fonts Chromium really draws with (CSS.getPlatformFontsForNode).
FONT_PROBES = (
    "#print-site-page h1, #print-site-page h2, #print-site-page p, #print-site-page li, "
    "#print-site-page td, #print-site-page dt, #print-site-page code, #print-site-page .mermaid .nodeLabel, "
    "#print-site-page svg text, .print-cover p"
)
#: How many probed elements at most: one CDP call each.
SAMPLE = 150
#: Code blocks, which must be drawn with the grid font (how many at most are asked about).
CODE_PROBES = "#print-site-page pre > code"
CODE_SAMPLE = 20


def check_glyphs(texts: dict[str, str], ranges: list[tuple[int, int]], log: Callable[[str], None]) -> None:
    """Fail on U+FFFD or on a character no installed font can draw (it would print as tofu)."""
    for title, text in texts.items():
        if "\ufffd" in text:
            raise PdfError(
                f"page '{title}' has U+FFFD (broken encoding) near '{context_of(chr(0xFFFD), text)}'"
            )
    everything = "".join(texts.values())
    fallbacks = []
    for char in uncovered(everything, ranges):
        family = fallback_font(char)
        where = next(title for title, text in texts.items() if char in text)
        if family is None:
            raise PdfError(
                f"no installed font has a glyph for {describe(char)} on page '{where}' "
                f"near '{context_of(char, texts[where])}': it would print as tofu"
            )
        fallbacks.append(f"{describe(char)} → {family}")
    if fallbacks:
        log(
            f"{len(fallbacks)} character(s) outside {TEXT_FONT}, drawn with fallback fonts: "
            + "; ".join(fallbacks[:5])
        )


def check_fonts_used(page: Any, log: Callable[[str], None]) -> None:
    """Japanese text must be drawn with the print fonts, as Chromium reports it for the text of headings,
    paragraphs, code and diagrams: a Noto CJK font (CFF) would be embedded as Type 3. Code blocks must be
    drawn with the grid font alone (a fallback font would break their columns)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": FONT_PROBES})["nodeIds"]
    step = max(1, len(nodes) // SAMPLE)  # a sample, spread over the whole page
    glyphs: dict[str, int] = {}
    for node in nodes[::step]:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            glyphs[font["familyName"]] = glyphs.get(font["familyName"], 0) + font["glyphCount"]
    # no cdp.detach(): detaching a CDP session resets the print media emulation of the page (m156)
    wrong = sorted(f for f in glyphs if "CJK" in f)
    if wrong:
        raise PdfError(
            f"text drawn with {', '.join(wrong)} instead of {TEXT_FONT} / {CODE_FONT}: check print.css"
        )
    if not glyphs.get(TEXT_FONT):
        raise PdfError(f"no text is drawn with {TEXT_FONT} (fonts used: {', '.join(glyphs) or 'none'})")
    blocks = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": CODE_PROBES})["nodeIds"]
    for node in blocks[:CODE_SAMPLE]:
        fonts = {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
        if fonts and GRID_CODE_FONT not in fonts:
            drawn = ", ".join(sorted(fonts))
            raise PdfError(
                f"a code block is drawn in {drawn}, not {GRID_CODE_FONT}: its columns would not line up "
                "(is assets/fonts/study-code.woff2 in the site? hooks/grid_font.py makes it)"
            )
    used = sorted(glyphs.items(), key=lambda item: -item[1])
    log("fonts drawn: " + ", ".join(f"{name} ({count} glyphs)" for name, count in used))
