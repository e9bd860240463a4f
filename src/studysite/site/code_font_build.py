"""One build's code font: the characters every page's code uses and, after the build, the font "Study
Code" with exactly those (``code_font.compose``, or the cache next to the diagram cache) written with its
licence. ``hooks/grid_font.py`` drives it; nothing here imports MkDocs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from studysite.diagrams.render.cache import DiagramCache, cache_dir
from studysite.pdf.glyphs import describe
from studysite.site.code_font import (
    FONT_URI,
    LICENSE_URI,
    cache_name,
    code_chars,
    compose,
    find_fonts,
    license_text,
)


@dataclass
class CodeFontBuild:
    cache: DiagramCache
    fonts: tuple[tuple[Path, int], tuple[Path, int]]  # the grid font and the narrow symbols' font
    where: dict[str, str] = field(default_factory=dict)  # character -> "page:line" of its first use

    @classmethod
    def start(cls, root: Path) -> CodeFontBuild:
        """The build of the project at ``root``; ``infra.fonts.FontMissing`` when a source font is missing."""
        return cls(DiagramCache(cache_dir(root)), find_fonts())

    def note_page(self, html: str, page: str, source: Callable[[], str]) -> None:
        """Where the code characters of ``page``'s HTML first appear (``source`` reads its Markdown file,
        only when a character is new)."""
        new = code_chars(html) - self.where.keys()
        text = source() if new else ""
        for char in new:
            at = text.find(char)
            line = f":{text.count(chr(10), 0, at) + 1}" if at >= 0 else ""
            self.where[char] = f"{page}{line}"

    def finish(self, site_dir: Path) -> tuple[str, list[str]]:
        """Write the font and its licence into the site; the summary line and one warning per character
        neither source font has (drawn in a fallback font, off the grid)."""
        chars = "".join(sorted(self.where))
        name = cache_name(*self.fonts, chars)
        data = self.cache.get_bytes(name)
        missing: list[str] = []
        if data is None:
            data, missing = compose(chars, *self.fonts)
            if not missing:  # a font with holes is cut again next time, so that the warning is repeated
                self.cache.put_bytes(name, data)
        for uri, content in ((FONT_URI, data), (LICENSE_URI, license_text().encode("utf-8"))):
            target = site_dir / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        warnings = [
            f"{self.where[char]}: {describe(char)} in code has no glyph in the code font (BIZ UDGothic, "
            "DejaVu Sans Mono): it is drawn in another font and the columns after it do not line up"
            for char in missing
        ]
        return f"code font: {len(chars)} characters, {len(data):,} bytes", warnings
