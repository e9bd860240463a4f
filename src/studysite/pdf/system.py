"""The system tools the PDF export calls: one runner with an install hint, and fontconfig's answers."""

from __future__ import annotations

import subprocess

from studysite.pdf.document import CODE_FONT, FONT_PACKAGES, TEXT_FONT, PdfError
from studysite.pdf.glyphs import parse_charset


def run_tool(args: list[str], what: str, package: str) -> str:
    """The standard output of a command; PdfError naming the Debian package when it is missing or fails."""
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        raise PdfError(f"{args[0]} is missing ({what}): install the Debian package '{package}'") from None
    except subprocess.CalledProcessError as error:
        raise PdfError(f"{' '.join(args)} failed: {error.stderr.strip()[:200]}") from None


def font_charsets() -> list[tuple[int, int]]:
    """The code points the print fonts cover; raise PdfError when fontconfig lacks one of them."""
    ranges: list[tuple[int, int]] = []
    for family in (TEXT_FONT, CODE_FONT):
        found = run_tool(
            ["fc-list", "-f", "%{charset}\n", f"{family}:style=Regular"], "fontconfig", "fontconfig"
        )
        if not found.strip():
            raise PdfError(
                f"font '{family}' is missing (fc-list): install the Debian package '{FONT_PACKAGES[family]}'"
            )
        ranges += parse_charset(found.splitlines()[0])
    return ranges


def fallback_font(char: str) -> str | None:
    """The first installed family with a glyph for ``char`` (fontconfig), or None."""
    out = run_tool(["fc-list", f":charset={ord(char):x}", "family"], "fontconfig", "fontconfig")
    families = sorted(line.split(",")[0].strip() for line in out.splitlines() if line.strip())
    return families[0] if families else None
