"""Link-preview cards: one 1200×630 PNG per page, its title and chapter set in BIZ UDPGothic.

Drawn with Pillow (its own FreeType, so the same bytes on every host with the same font files), from the
system's BIZ UDPGothic found through fontconfig: a title never falls back to a font without Japanese
glyphs. A card is a pure function of its text, the colours, the font files and :data:`VERSION`, which
make its cache key (:func:`card_key`); `hooks/page_preview_images.py` keeps drawn cards in `.cache/cards/`.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studysite.infra.cache_folder import cache_dir as project_cache
from studysite.infra.fonts import FontMissing, find_font

WIDTH, HEIGHT = 1200, 630
#: Change when the drawing changes: old cache entries are then never read.
VERSION = "3"
FAMILY = "BIZ UDPGothic"
PACKAGE = "fonts-morisawa-bizud-gothic"
#: Material's indigo (the site's primary colour), a darker band, and the text colours on them.
BACKGROUND = (64, 81, 181)
BAND = (48, 63, 159)
TEXT = (255, 255, 255)
MUTED = (208, 214, 243)
MARGIN = 80
TITLE_SIZES = (76, 66, 58, 50)  # the largest that fits in TITLE_LINES lines
TITLE_LINES = 3
CACHE_ENV = "STUDYSITE_CARD_CACHE"
#: Characters that do not start a line (Japanese line breaking, the common ones).
_NO_START = set("、。，．,.)]）］｝」』】〕〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ・：；:;!?！？")
_NO_END = set("([（［｛「『【〔〈《")


class CardFontMissing(Exception):
    """BIZ UDPGothic is not installed: the message says which package to install."""


@dataclass(frozen=True)
class PreviewCard:
    title: str
    chapter: str  # the chapter (section) the page is in, or the site's name for a page outside one
    site: str


@dataclass(frozen=True)
class Fonts:
    regular: Path
    bold: Path

    def fingerprint(self) -> str:
        parts = []
        for path in (self.regular, self.bold):
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{_file_digest(path)}")
        return ";".join(parts)


@lru_cache(maxsize=8)
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _match(style: str) -> Path:
    try:
        return find_font(FAMILY, PACKAGE, style)[0]
    except FontMissing as missing:
        raise CardFontMissing(f"link-preview cards: {missing}") from None


@lru_cache(maxsize=1)
def find_fonts() -> Fonts:
    """BIZ UDPGothic's regular and bold files, as fontconfig finds them."""
    return Fonts(_match("Regular"), _match("Bold"))


def card_key(card: PreviewCard, fonts: Fonts) -> str:
    """What a card's bytes depend on, hashed: its text, the drawing's version, colours and fonts."""
    from PIL import __version__ as pillow

    colours = repr((BACKGROUND, BAND, TEXT, MUTED))
    blob = "\0".join([VERSION, pillow, colours, fonts.fingerprint(), card.title, card.chapter, card.site])
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def wrap(text: str, width: Callable[[str], float], limit: float) -> list[str]:
    """``text`` in lines no wider than ``limit``: broken at spaces in Latin text, between any two
    characters in Japanese, never before a closing mark (、。」ー…) or after an opening one (「（…)."""
    lines: list[str] = []
    line = ""
    for char in text:
        candidate = line + char
        if not line or width(candidate) <= limit:
            line = candidate
            continue
        cut = _break_point(line, char)
        lines.append(line[:cut].rstrip())
        line = (line[cut:] + char).lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _break_point(line: str, following: str) -> int:
    """Where to cut ``line`` when ``following`` does not fit after it."""
    cut = len(line)
    # inside a Latin word: back to the last space, if the line has one
    if following.isascii() and following.isalnum() and line[-1].isascii() and line[-1].isalnum():
        space = line.rfind(" ")
        if space > 0:
            return space + 1
    # kinsoku: a closing mark goes with the character before it, an opening one with the one after
    while cut > 1 and ((line[cut : cut + 1] or following) in _NO_START or line[cut - 1] in _NO_END):
        cut -= 1
    return cut


def _fit_title(draw, title: str, font_file: Path, limit: float):
    from PIL import ImageFont

    for size in TITLE_SIZES:
        font = ImageFont.truetype(str(font_file), size)
        lines = wrap(title, font.getlength, limit)
        if len(lines) <= TITLE_LINES:
            return font, lines
    lines = wrap(title, font.getlength, limit)
    last = lines[TITLE_LINES - 1]
    while last and font.getlength(last + "…") > limit:
        last = last[:-1]
    return font, [*lines[: TITLE_LINES - 1], last + "…"]


def draw_card(card: PreviewCard, fonts: Fonts) -> bytes:
    """The PNG bytes of a card: the chapter above, the title large, the site's name in a band below."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    band = 120
    draw.rectangle((0, HEIGHT - band, WIDTH, HEIGHT), fill=BAND)
    draw.rectangle((MARGIN, 92, MARGIN + 64, 98), fill=MUTED)
    limit = WIDTH - 2 * MARGIN

    chapter_font = ImageFont.truetype(str(fonts.bold), 34)
    chapter = wrap(card.chapter, chapter_font.getlength, limit)[:1]
    if chapter:
        text = chapter[0] if chapter[0] == card.chapter else chapter[0].rstrip() + "…"
        draw.text((MARGIN, 124), text, font=chapter_font, fill=MUTED)

    title_font, lines = _fit_title(draw, card.title, fonts.bold, limit)
    size = title_font.size
    step = round(size * 1.35)
    top = 124 + 34 + 44 + max(0, (TITLE_LINES - len(lines)) * step // 2 - step // 2)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * step), line, font=title_font, fill=TEXT)

    site_font = ImageFont.truetype(str(fonts.regular), 32)
    site = wrap(card.site, site_font.getlength, limit)[:1]
    if site:
        draw.text((MARGIN, HEIGHT - band + (band - 32) // 2 - 4), site[0], font=site_font, fill=TEXT)

    # a palette of a few dozen colours (the flat fills and the text's anti-aliasing): a small PNG; the fast
    # octree quantizer is 3x quicker than median cut here and as good on flat colours
    small = image.quantize(colors=48, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG")  # zlib level 6: optimize=True costs 3x the time for 12% fewer bytes
    return out.getvalue()


def cache_dir(project_dir: Path) -> Path:
    return project_cache(project_dir, "cards", CACHE_ENV)


def cached_card(card: PreviewCard, fonts: Fonts, directory: Path) -> tuple[bytes, bool]:
    """The card's PNG and whether it came from the cache; a drawn card is stored there (atomically)."""
    path = directory / f"{card_key(card, fonts)}.png"
    try:
        return path.read_bytes(), True
    except FileNotFoundError:
        pass
    data = draw_card(card, fonts)
    directory.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return data, False
