"""Build-time benchmarks: hook overhead on the real site, and scale with synthetic notes.

Usage:
  .venv/bin/python -m bench.build_scale overhead [--runs 5]
  .venv/bin/python -m bench.build_scale scale [--pages 100 1000 2000] [--runs 1]

overhead: the real site with our hooks vs the same docs with the content hooks switched off, interleaved
          (A B A B ...), median of the runs.
scale:    synthetic notes (two layer diagrams, code blocks, glossary terms per page) built
          (a) with our hooks, (b) pre-converted to Mermaid by hand and built without our content hooks.
Each build runs in a fresh process; its wall time and peak RSS are measured.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.synthetic import bench_project, make_synthetic

ROOT = Path(__file__).resolve().parent.parent

#: Every hook that changes pages or the index; diagrams (draws the Mermaid both variants have, from its
#: cache after the first page: the synthetic diagrams repeat) and offline_assets (nothing online) stay on.
CONTENT_HOOKS = (
    "hooks/raw_notes.py",
    "hooks/timeline_page.py",
    "hooks/page_meta.py",
    "hooks/page_text.py",
    "hooks/glossary_tooltips.py",
    "hooks/search_dialog_label.py",
    "hooks/print_page_ids.py",
    "hooks/search_ja.py",
)

_RUNNER = r"""
import json, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)
build(config)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def no_hooks_config(project: Path) -> Path:
    """A config next to mkdocs.yml that inherits it but drops the content hooks."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if line.strip().removeprefix("- ") not in CONTENT_HOOKS]
    path = project / "mkdocs.nohooks.yml"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def run_build(config: Path, out: Path) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(config), str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
    )
    if done.returncode:
        raise SystemExit(f"build of {config} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def overhead(runs: int, tiny: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        project = bench_project(Path(tmp) / "project", tiny)
        with_hooks, without = project / "mkdocs.yml", no_hooks_config(project)
        times: dict[str, list[float]] = {"hooks": [], "no_hooks": []}
        for _ in range(runs):
            times["hooks"].append(run_build(with_hooks, Path(tmp) / "a")["seconds"])
            times["no_hooks"].append(run_build(without, Path(tmp) / "b")["seconds"])
    a, b = statistics.median(times["hooks"]), statistics.median(times["no_hooks"])
    return {"hooks_s": a, "no_hooks_s": b, "ratio": a / b, "runs": runs}


def scale(pages: list[int], runs: int, tiny: bool = False) -> list[dict[str, Any]]:
    rows = []
    for n in pages:
        with tempfile.TemporaryDirectory() as tmp:
            raw = bench_project(Path(tmp) / "raw", tiny)
            make_synthetic(raw, n, mermaid=False)
            pre = bench_project(Path(tmp) / "pre", tiny)
            make_synthetic(pre, n, mermaid=True)
            pre_config = no_hooks_config(pre)
            hooks, baseline = [], []
            for _ in range(runs):  # interleaved
                hooks.append(run_build(raw / "mkdocs.yml", Path(tmp) / "a"))
                baseline.append(run_build(pre_config, Path(tmp) / "b"))
            h = statistics.median(r["seconds"] for r in hooks)
            b = statistics.median(r["seconds"] for r in baseline)
            rows.append(
                {
                    "pages": n,
                    "hooks_s": h,
                    "preconverted_s": b,
                    "ratio": h / b,
                    "peak_mb": max(r["peak_mb"] for r in hooks),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="build benchmarks")
    sub = parser.add_subparsers(dest="what", required=True)
    o = sub.add_parser("overhead")
    o.add_argument("--runs", type=int, default=5)
    s = sub.add_parser("scale")
    s.add_argument("--pages", type=int, nargs="+", default=[100, 1000, 2000])
    s.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    result = overhead(args.runs) if args.what == "overhead" else scale(args.pages, args.runs)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
