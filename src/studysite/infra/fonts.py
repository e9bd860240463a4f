"""Fonts on this machine and their subsets: where fontconfig finds a family, and a WOFF2 cut down to the
characters a site draws (fontTools' subsetter). The diagrams' label font, the code grid font and the
preview images all find and cut their fonts here.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
from pathlib import Path


class FontMissing(Exception):
    """The build font is not installed: the message says which package to install."""


def find_font(
    family: str, package: str = "fonts-morisawa-bizud-gothic", style: str = "Regular"
) -> tuple[Path, int]:
    """The file (and index inside a .ttc collection) fontconfig uses for ``family`` in ``style`` (from
    ``package``)."""
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{family}", f"{family}:style={style}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        found = ""
    path, _, rest = found.partition("\t")
    index, _, families = rest.partition("\t")
    if not path or family not in families.split(","):
        raise FontMissing(
            f"the font '{family}' is missing: install the Debian package '{package}' "
            f"(apt-get install {package}), or run `make setup` as root"
        )
    return Path(path), int(index or 0)


def subset_name(path: Path, index: int, chars: str, extra: str = "") -> str:
    """A cache file name for the subset of this font file with these characters (``extra``: anything
    else the cut depends on, such as a second font or the cutting code's version)."""
    stat = path.stat()
    blob = f"{path}\0{index}\0{stat.st_size}\0{stat.st_mtime_ns}\0{chars}".encode()
    if extra:
        blob += f"\0{extra}".encode()
    return f"fonts/{hashlib.sha256(blob).hexdigest()[:20]}.woff2"


def subset_woff2(path: Path, index: int, chars: str) -> bytes:
    """WOFF2 bytes of the font with only ``chars`` (plus what shaping them needs), without hinting."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [1, 2]  # family and style only: the subset is used by its @font-face name
    options.notdef_outline = True
    options.drop_tables = [*options.drop_tables, "meta"]  # BIZ UD's metadata table: no subsetter for it
    # recalcTimestamp=False: the source font's date, not the time of the build or SOURCE_DATE_EPOCH, so
    # every build that cuts the same subset writes the same bytes, whichever fills the shared cache first
    font = TTFont(str(path), fontNumber=index, lazy=True, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()
