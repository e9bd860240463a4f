"""PDF export: time, size and page count of the whole site as one PDF (tools/build_pdf.py).

Usage: .venv/bin/python -m bench.bench_pdf [SITE_DIR] [--runs N]
  SITE_DIR  a built site (default: the site is built strict into a temp dir first; build time shown apart)
Each run exports to a temp file with SOURCE_DATE_EPOCH set, so runs must give identical bytes.
Prints a Markdown table; figures are measurements on this machine, not test assertions.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from studysite.pdf.poppler import parse_pdffonts
from tests.support.project import build_site

ROOT = Path(__file__).resolve().parent.parent

TOOL = ROOT / "tools" / "build_pdf.py"


def pages_of(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def fonts_of(pdf: Path) -> str:
    """``N (M Type 3)``: the fonts poppler finds in the PDF, and how many of them are Type 3."""
    table = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = parse_pdffonts(table)
    return f"{len(fonts)} ({sum(f.kind == 'Type 3' for f in fonts)} Type 3)"


def export_once(site: Path, out: Path) -> dict[str, Any]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1767225600")}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(TOOL), str(site), "-o", str(out)], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"export failed: {result.stderr.strip()}")
    data = out.read_bytes()
    return {
        "seconds": seconds,
        "bytes": len(data),
        "pages": pages_of(out),
        "fonts": fonts_of(out),
        "sha256": hashlib.sha256(data).hexdigest()[:12],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            start = time.perf_counter()
            result = build_site(ROOT, site)
            if result.returncode:
                sys.exit(f"build failed:\n{result.stderr}")
            print(f"site built (mkdocs build --strict) in {time.perf_counter() - start:.1f} s\n")
        rows = [export_once(site, Path(tmp) / f"run{i}.pdf") for i in range(args.runs)]
    print("| run | export time | PDF size | PDF pages | fonts | sha256 |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for i, row in enumerate(rows, 1):
        print(
            f"| {i} | {row['seconds']:.1f} s | {row['bytes'] / 1e6:.2f} MB ({row['bytes']:,} bytes) "
            f"| {row['pages']} | {row['fonts']} | {row['sha256']} |"
        )
    times = sorted(row["seconds"] for row in rows)
    print(
        f"\nmedian export time {times[len(times) // 2]:.1f} s; "
        f"identical bytes across runs: {'yes' if len({r['sha256'] for r in rows}) == 1 else 'NO'}"
    )
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
