"""The code font, "Study Code": a WOFF2 with a true grid, cut at build time from two Debian fonts.

Code only reads right when every character takes the columns a terminal gives it: East Asian Wide and
Fullwidth characters exactly two, everything else (ASCII, box drawing U+2500–U+257F, and the East Asian
*ambiguous* symbols such as ``→ ※ ○``) exactly one. No installed font does that alone:

- BIZ UDGothic (fonts-morisawa-bizud-gothic, TrueType, 2048 units) has the grid for ASCII (1024) and
  Japanese (2048), and half-width box drawing that joins up, but only behind its ``hwid`` feature: its
  default box drawing, arrows and other ambiguous symbols are full-width;
- DejaVu Sans Mono (fonts-dejavu-core, TrueType) draws those symbols one cell wide, but has no Japanese.

So the font is composed: each character's outline comes from BIZ UDGothic when it has one of the right
width (its ``hwid`` form for box drawing), else from DejaVu Sans Mono, else from BIZ UDGothic narrowed;
every glyph gets the advance of its column count (1024 per column). Both are TrueType, so the font stays
quadratic and Chromium embeds it in the PDF as a CID font (a CFF font such as Noto CJK becomes Type 3).
The font has no layout tables (no ligatures, no kerning, nothing to shape), no hinting, no glyph names,
and the dates of BIZ UDGothic: the same characters give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from studysite.diagrams.grid import char_width
from studysite.infra.fonts import find_font, subset_name

CODE_FAMILY = "Study Code"
#: Where the font and its licence land in the built site; site.css points its @font-face at the font.
FONT_URI = "assets/fonts/study-code.woff2"
LICENSE_URI = "assets/fonts/study-code-LICENSE.txt"
#: (family, Debian package) of the grid font and of the narrow symbols' font.
GRID_FONT = ("BIZ UDGothic", "fonts-morisawa-bizud-gothic")
NARROW_FONT = ("DejaVu Sans Mono", "fonts-dejavu-core")
#: The licence texts shipped with the font: the Debian packages' copyright files.
LICENSE_FILES = tuple(
    Path("/usr/share/doc") / package / "copyright" for _, package in (GRID_FONT, NARROW_FONT)
)
UNITS_PER_EM = 2048
CELL = UNITS_PER_EM // 2  # one column
#: The line height of code (Material: 1.4 em, on screen and on paper). Box drawing and block elements
#: reaching the top or bottom of the em box are lengthened to the line box's edges, so that a side drawn
#: on consecutive lines is one unbroken line.
LINE_HEIGHT = 1.4

#: Elements whose text is set in the code font (Material: ``code, kbd, pre``).
CODE_TAGS = frozenset({"pre", "code", "kbd"})


def columns(char: str) -> int:
    """The columns ``char`` takes in code: 2 for East Asian Wide/Fullwidth, 0 for combining marks and
    format characters, 1 for everything else (box drawing and other ambiguous characters included)."""
    return char_width(char, ambiguous=1)


def drawn(char: str) -> bool:
    """Whether the font needs a glyph for ``char``: not for line ends, tabs, controls, format characters."""
    return unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


class _CodeText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.depth += tag in CODE_TAGS

    def handle_endtag(self, tag: str) -> None:
        if tag in CODE_TAGS and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def code_chars(html: str) -> set[str]:
    """The characters of a page's HTML that are set in the code font (text inside pre, code, kbd)."""
    if "<pre" not in html and "<code" not in html and "<kbd" not in html:
        return set()
    parser = _CodeText()
    parser.feed(html)
    parser.close()
    return {char for char in "".join(parser.parts) if drawn(char)}


@dataclass(frozen=True)
class Pick:
    """Where one character's glyph comes from: font ("grid"/"narrow"), glyph, and its target advance."""

    font: str
    glyph: str
    advance: int


def _hwid(font: Any) -> dict[str, str]:
    """The grid font's half-width forms (GSUB ``hwid``, single substitutions): glyph -> half glyph."""
    forms: dict[str, str] = {}
    if "GSUB" not in font:
        return forms
    table = font["GSUB"].table
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag != "hwid":
            continue
        for index in record.Feature.LookupListIndex:
            for sub in table.LookupList.Lookup[index].SubTable:
                sub = getattr(sub, "ExtSubTable", sub)
                for source, target in (getattr(sub, "mapping", None) or {}).items():
                    forms.setdefault(source, target)
    return forms


def plan(chars: Iterable[str], grid: Any, narrow: Any) -> tuple[dict[str, Pick], list[str]]:
    """For each character: where its glyph comes from, and the characters neither font has."""
    grid_cmap, narrow_cmap = grid.getBestCmap(), narrow.getBestCmap()
    grid_width = grid["hmtx"].metrics
    half = _hwid(grid)
    picks: dict[str, Pick] = {}
    missing: list[str] = []
    for char in sorted(set(chars)):
        advance = columns(char) * CELL
        name = grid_cmap.get(ord(char))
        if name is not None and half.get(name) and grid_width[half[name]][0] == advance:
            picks[char] = Pick("grid", half[name], advance)  # box drawing: the font's own half-width forms
        elif name is not None and grid_width[name][0] == advance:
            picks[char] = Pick("grid", name, advance)
        elif ord(char) in narrow_cmap and advance == CELL:
            picks[char] = Pick("narrow", narrow_cmap[ord(char)], advance)
        elif name is not None:
            picks[char] = Pick("grid", name, advance)  # fitted into its cell below
        else:
            missing.append(char)
    return picks, missing


def _outline(
    glyph_set: Any, name: str, width: int, advance: int, reach: tuple[int, int] | None = None
) -> Any:
    """The glyph ``name`` as a TrueType glyph fitted into ``advance``: narrowed when wider, centred
    when narrower, moved back over the character before it when ``advance`` is 0. ``reach`` (ascent,
    descent): points on those edges move out to the line box's."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen  # type: ignore[import-untyped]
    from fontTools.pens.transformPen import TransformPen  # type: ignore[import-untyped]
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]

    recording = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(recording)
    transform: tuple[float, ...]
    if advance == 0:  # a combining mark: drawn over the character before it
        transform = (1, 0, 0, 1, -width, 0)
    elif width > advance:
        transform = (advance / width, 0, 0, 1, 0, 0)
    else:
        transform = (1, 0, 0, 1, (advance - width) // 2, 0)
    pen = TTGlyphPen(None)
    recording.replay(TransformPen(pen, transform))
    glyph = pen.glyph()
    if reach is not None and glyph.numberOfContours > 0:
        ascent, descent = reach
        leading = round((LINE_HEIGHT - 1) * (ascent - descent) / 2)
        glyph.coordinates = type(glyph.coordinates)(
            [
                (x, y + leading if y >= ascent - 2 else y - leading if y <= descent + 2 else y)
                for x, y in glyph.coordinates
            ]
        )
    return glyph


def compose(
    chars: Iterable[str], grid_path: tuple[Path, int], narrow_path: tuple[Path, int]
) -> tuple[bytes, list[str]]:
    """WOFF2 bytes of "Study Code" holding ``chars``, and the characters neither font has (sorted)."""
    from fontTools.fontBuilder import FontBuilder  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    grid = TTFont(str(grid_path[0]), fontNumber=grid_path[1], lazy=True, recalcTimestamp=False)
    narrow = TTFont(str(narrow_path[0]), fontNumber=narrow_path[1], lazy=True, recalcTimestamp=False)
    if grid["head"].unitsPerEm != UNITS_PER_EM or narrow["head"].unitsPerEm != UNITS_PER_EM:
        raise ValueError("the code fonts are expected to have 2048 units per em")
    picks, missing = plan(chars, grid, narrow)
    ascent, descent = grid["hhea"].ascent, grid["hhea"].descent
    fonts = {"grid": grid, "narrow": narrow}
    sets = {key: font.getGlyphSet() for key, font in fonts.items()}
    glyphs = {".notdef": _outline(sets["grid"], ".notdef", grid["hmtx"].metrics[".notdef"][0], CELL)}
    advances = {".notdef": CELL}
    cmap: dict[int, str] = {}
    for char, pick in picks.items():
        name = f"u{ord(char):04X}"
        width = fonts[pick.font]["hmtx"].metrics[pick.glyph][0]
        # box drawing and block elements of the grid font reach the line box (those of the narrow one
        # are its taller design: left as they are)
        reach = (ascent, descent) if 0x2500 <= ord(char) <= 0x259F and pick.font == "grid" else None
        glyphs[name] = _outline(sets[pick.font], pick.glyph, width, pick.advance, reach)
        advances[name] = pick.advance
        cmap[ord(char)] = name
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.font.recalcTimestamp = False
    order = list(glyphs)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(cmap)
    builder.setupGlyf(glyphs)
    table = builder.font["glyf"]
    builder.setupHorizontalMetrics(
        {
            name: (advances[name], getattr(table[name], "xMin", 0) if table[name].numberOfContours else 0)
            for name in order
        }
    )
    hhea = grid["hhea"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    source = grid["name"]
    builder.setupNameTable(
        {
            "familyName": CODE_FAMILY,
            "styleName": "Regular",
            "copyright": f"{source.getDebugName(0)}; DejaVu Sans Mono: Copyright (c) 2003 Bitstream, Inc., "
            "DejaVu changes are in the public domain",
            "licenseDescription": "Glyphs of BIZ UDGothic: SIL Open Font License 1.1. Glyphs of DejaVu Sans "
            "Mono: Bitstream Vera Fonts licence. See study-code-LICENSE.txt",
            "licenseInfoURL": "https://openfontlicense.org",
        },
        mac=False,
    )
    os2 = grid["OS/2"]
    builder.setupOS2(
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
        fsType=0,  # installable: Chromium embeds it in the PDF
        achVendID="    ",
    )
    builder.setupPost(keepGlyphNames=False)
    head = builder.font["head"]
    head.created, head.modified = grid["head"].created, grid["head"].modified
    head.fontRevision = grid["head"].fontRevision
    out = io.BytesIO()
    builder.font.flavor = "woff2"
    builder.font.save(out)
    return out.getvalue(), missing


def fingerprint() -> str:
    """A hash of this module: a change to how the font is cut makes a new cache entry."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def find_fonts() -> tuple[tuple[Path, int], tuple[Path, int]]:
    """The grid and narrow fonts' files; FontMissing naming the Debian package when one is missing."""
    return find_font(*GRID_FONT), find_font(*NARROW_FONT)


def cache_name(grid: tuple[Path, int], narrow: tuple[Path, int], chars: str) -> str:
    """The cache file name of the font for ``chars`` cut from these two font files by this code."""
    stat = narrow[0].stat()
    extra = f"code\0{narrow[0]}\0{narrow[1]}\0{stat.st_size}\0{stat.st_mtime_ns}\0{fingerprint()}"
    return subset_name(grid[0], grid[1], chars, extra)


def license_text() -> str:
    """The licences of both fonts, from their Debian packages' copyright files."""
    parts = [
        "Study Code: the code font of this site, composed from BIZ UDGothic and DejaVu Sans Mono "
        "(a subset of each, with changed advance widths).\n"
    ]
    for path in LICENSE_FILES:
        try:
            parts.append(f"\n===== {path} =====\n\n{path.read_text(encoding='utf-8')}")
        except OSError:
            parts.append(f"\n===== {path} =====\n\n(missing on the build machine: see the Debian package)\n")
    return "".join(parts)
