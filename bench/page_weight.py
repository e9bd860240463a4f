"""Page weight: bytes and requests of a cold first visit for every page, and time until diagrams are drawn.

Usage: .venv/bin/python bench/page_weight.py [SITE_DIR]   (default: builds the site into a temp dir)
Prints a Markdown table; budgets: diagram page <= 1.2 MB, text page <= 450 KB, Mermaid only with diagrams.
Figures are from headless Chromium on loopback; they are measurements, not test assertions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from studysite.testing.browser import chromium, page_weight, record, serve, site_pages, wait_for_diagrams
from studysite.testing.project import build_site

ROOT = Path(__file__).resolve().parent.parent

DIAGRAM_BUDGET = 1_200_000
TEXT_BUDGET = 450_000


def measure(site: Path) -> list[dict[str, object]]:
    rows = []
    with serve(site) as base, chromium() as browser:
        for path in site_pages(site):
            context = browser.new_context()
            page = context.new_page()
            rec = record(page)
            start = time.perf_counter()
            page.goto(base + path, wait_until="load")
            state = wait_for_diagrams(page)
            drawn = time.perf_counter() - start
            size, count = page_weight(page)
            mermaid = sum("/assets/mermaid/" in url for url in rec.requests)
            budget = TEXT_BUDGET if state == "none" else DIAGRAM_BUDGET
            rows.append(
                {
                    "page": "/" + path,
                    "diagrams": page.locator("div.mermaid").count(),
                    "bytes": size,
                    "requests": count,
                    "mermaid_files": mermaid,
                    "drawn_s": drawn if state != "none" else None,
                    "budget": budget,
                    "ok": size <= budget and (state != "none" or mermaid == 0),
                    "blocked": len(rec.blocked),
                }
            )
            context.close()
    return rows


def table(rows: list[dict[str, object]]) -> str:
    out = [
        "| page | diagrams | bytes (uncompressed) | requests | Mermaid files | diagrams drawn after | budget | ok |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        drawn = f"{r['drawn_s']:.2f} s" if r["drawn_s"] is not None else "—"
        out.append(
            f"| {r['page']} | {r['diagrams']} | {r['bytes']:,} | {r['requests']} | {r['mermaid_files']} "
            f"| {drawn} | {r['budget']:,} | {'yes' if r['ok'] else 'NO'} |"
        )
    return "\n".join(out)


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
        print(table(measure(site)))


if __name__ == "__main__":
    main()
