"""Glyph coverage: which characters of the print page a font (fontconfig's charset) can draw. Pure."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def parse_charset(text: str) -> list[tuple[int, int]]:
    """fontconfig's ``%{charset}`` (``20-7e a0 3000-303f``) as inclusive code point ranges."""
    ranges = []
    for part in text.split():
        low, _, high = part.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return sorted(ranges)


def covered(char: str, ranges: Iterable[tuple[int, int]]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def needs_glyph(char: str) -> bool:
    """False for characters no font draws: controls, format characters, variation selectors, spaces."""
    if char.isspace():
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp", "Zs"):
        return False
    return not (0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF)


def uncovered(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    """The distinct characters of ``text`` that need a glyph the font (``ranges``) lacks, sorted."""
    return sorted({c for c in text if needs_glyph(c) and not covered(c, ranges)})


def describe(char: str) -> str:
    """``U+2192 '→' (RIGHTWARDS ARROW)``."""
    return f"U+{ord(char):04X} {char!r} ({unicodedata.name(char, 'unnamed')})"


def context_of(char: str, text: str, width: int = 20) -> str:
    """A short excerpt of ``text`` around the first ``char``, on one line."""
    at = text.find(char)
    return " ".join(text[max(0, at - width) : at + width + 1].split())
