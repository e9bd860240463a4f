"""Page weight: bytes and requests of a cold first visit for every page, and time until diagrams are visible.

Usage: .venv/bin/python -m bench.page_weight [SITE_DIR]   (default: builds the site into a temp dir)
Prints a Markdown table; budgets: every page <= 450 KB, no Mermaid request on any page, diagrams visible
<= 0.2 s after navigation starts (they are SVG in the HTML: visible at first paint). "Visible after" is
the page's own clock (performance.now(), from the start of navigation) at the first animation frame in
which every diagram's SVG is laid out; "first paint" (first-contentful-paint) is the earliest it could
be, on this machine at that moment. Figures are from headless Chromium on loopback; they are
measurements, not test assertions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from tests.support.browser import chromium, page_weight, record, serve, site_pages, wait_for_diagrams
from tests.support.project import build_site

ROOT = Path(__file__).resolve().parent.parent

DIAGRAM_BUDGET = 450_000
TEXT_BUDGET = 450_000
VISIBLE_BUDGET_S = 0.2

#: Added before any page script runs: from the first animation frame on, watches for the first frame where
#: every diagram's SVG is laid out with a box (known once the page is parsed) and sends the page's clock then
#: (performance.now(), seconds since navigation started) to Python, through reportDiagramsVisible (exposed
#: by measure); the fonts may swap in later (font-display: swap).
JS_WATCH = """(() => {
  let shown = 0, since = null;
  const check = () => {
    const svgs = [...document.querySelectorAll('div.mermaid > svg')];
    const count = svgs.filter(s => s.getBoundingClientRect().height > 0).length;
    if (count !== shown) [shown, since] = [count, performance.now() / 1000];
    const parsed = document.readyState !== 'loading';
    if (parsed && count === document.querySelectorAll('div.mermaid').length) {
      if (count) reportDiagramsVisible(since);
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()"""


JS_PAINT = "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime / 1000"


def measure(site: Path) -> list[dict[str, Any]]:
    rows = []
    with serve(site) as base, chromium() as browser:
        for path in site_pages(site):
            context = browser.new_context()
            page = context.new_page()
            visible_at: list[float] = []
            page.expose_function("reportDiagramsVisible", partial(list.append, visible_at))
            page.add_init_script(JS_WATCH)
            rec = record(page)
            page.goto(base + path, wait_until="load")
            state = wait_for_diagrams(page)
            paint = page.evaluate(JS_PAINT)  # also a round trip: a report sent before it has arrived
            visible = visible_at[0] if visible_at and state != "none" else None
            size, count = page_weight(page)
            mermaid = sum("mermaid" in url.lower() for url in rec.requests)
            budget = TEXT_BUDGET if state == "none" else DIAGRAM_BUDGET
            rows.append(
                {
                    "page": "/" + path,
                    "diagrams": page.locator("div.mermaid").count(),
                    "bytes": size,
                    "requests": count,
                    "mermaid_files": mermaid,
                    "drawn_s": visible,
                    "paint_s": paint,
                    "budget": budget,
                    "ok": size <= budget
                    and mermaid == 0
                    and state != "error"
                    and (visible is None or visible <= VISIBLE_BUDGET_S),
                    "blocked": len(rec.blocked),
                }
            )
            context.close()
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    out = [
        "| page | diagrams | bytes (uncompressed) | requests | Mermaid requests | first paint "
        "| diagrams visible after | budget | ok |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        drawn = f"{r['drawn_s']:.2f} s" if r["drawn_s"] is not None else "—"
        out.append(
            f"| {r['page']} | {r['diagrams']} | {r['bytes']:,} | {r['requests']} | {r['mermaid_files']} "
            f"| {r['paint_s']:.2f} s | {drawn} | {r['budget']:,} | {'yes' if r['ok'] else 'NO'} |"
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
