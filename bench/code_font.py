"""Size of the code font "Study Code" (``studysite.site.code_font``): the site's, and how it grows.

Usage: .venv/bin/python -m bench.code_font [SITE_DIR]   (default: builds the site into a temp dir)
Prints a Markdown table: the subset the build wrote (``assets/fonts/study-code.woff2``, budget 60 KB),
then fonts cut for larger character sets, to show what a site with much more Japanese in its code would
pay: every character of the notes (prose included) as if it were code, and that plus 1,000 more kanji.
Cutting times are for one cut on this machine (the build caches the result). Measurements, not tests.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from studysite.site.code_font import FONT_URI, compose, drawn, find_fonts
from tests.support.project import build_site

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 60_000


def characters(font: bytes) -> int:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    return len(TTFont(io.BytesIO(font)).getBestCmap())


def cut(chars: set[str]) -> tuple[int, float]:
    start = time.perf_counter()
    data, _ = compose("".join(sorted(chars)), *find_fonts())
    return len(data), time.perf_counter() - start


def table(site: Path, growth: bool = True) -> str:
    """The table; ``growth=False`` leaves out the larger cuts (``run_all.py --quick``)."""
    font = (site / FONT_URI).read_bytes()
    notes = {
        c for path in (ROOT / "docs").rglob("*.md") for c in path.read_text(encoding="utf-8") if drawn(c)
    }
    more = notes | {chr(code) for code in range(0x4E00, 0x4E00 + 1000)}
    rows = [
        f"| the site's code (`{FONT_URI}`) | {characters(font)} | {len(font):,} | — | "
        f"≤ {BUDGET:,}: {'yes' if len(font) <= BUDGET else 'NO'} |"
    ]
    larger = (("every character of the notes, as code", notes), ("… and 1,000 more kanji", more))
    for label, chars in larger if growth else ():
        size, seconds = cut(chars)
        rows.append(f"| {label} | {len(chars)} | {size:,} | {seconds:.2f} s | — |")
    head = "| code font | characters | bytes (WOFF2) | cut in | budget |\n| --- | ---: | ---: | ---: | --- |"
    return head + "\n" + "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            result = build_site(ROOT, site, site_url="http://127.0.0.1:8000/study/")
            if result.returncode:
                sys.exit(f"build failed:\n{result.stderr}")
        print(table(site))


if __name__ == "__main__":
    main()
