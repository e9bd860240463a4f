"""What the proofreader costs `make site` (budget: 2 s), and what the check itself takes.

Usage: .venv/bin/python -m bench.lint_notes [--runs 3] [--build]
Measured in a copy of the project's notes and settings (the real textlint from node_modules):
- `start`: the wall time of launching the background check (the build waits for it);
- `summary`: the wall time of reading its count once it is done (the build waits for it);
- the check: wall and CPU time of textlint over the notes (beside the build, at nice 10).
Every run checks every note (no cache), the worst case: an unchanged note is counted from the cache.
With --build, also `mkdocs build` of the project alone and with the check beside it, alternately.
Prints Markdown; figures vary with the machine's load, so it is never a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 2.0
WAIT = 1.0  # summary's default --wait
PROOFREAD = [sys.executable, "-m", "studysite.proofread"]


def _timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def _copy(tmp: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp / "docs")
    for name in (".textlintrc.yml", "prh.yml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, tmp / name)
    for name in ("node_modules", "hooks", "overrides", "includes", "data"):
        if (ROOT / name).exists():
            (tmp / name).symlink_to(ROOT / name)
    return tmp


def _wait_for_result(project: Path) -> None:
    result = project / ".cache" / "lint-notes" / "result.json"
    while not result.exists():
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time mkdocs build with and without it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-lint-notes-") as tmp:
        project = _copy(Path(tmp))
        starts, summaries, checks, cpus = [], [], [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            checks.append(_timed([*PROOFREAD, "check", "--no-cache", "docs"], project))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            shutil.rmtree(project / ".cache", ignore_errors=True)  # the worst case: every note new
            starts.append(_timed([*PROOFREAD, "start"], project))
            _wait_for_result(project)
            summaries.append(_timed([*PROOFREAD, "summary"], project))
        # what make site waits for: start, then summary, which waits at most WAIT s for a check still running
        cost = statistics.median(starts) + statistics.median(summaries) + WAIT
        notes = len(list((project / "docs").rglob("*.md")))
        print(f"## Proofreader (make lint-notes), {notes} notes, median of {args.runs}\n")
        print("| what | time | budget |\n| --- | --- | --- |")
        print(f"| `start` (make site waits) | {statistics.median(starts):.2f} s | |")
        print(f"| `summary` once done (make site waits) | {statistics.median(summaries):.2f} s | |")
        verdict = "met" if cost <= BUDGET else "**missed**"
        print(f"| cost to make site, at worst (+{WAIT:g} s wait) | {cost:.2f} s | {BUDGET:g} s: {verdict} |")
        print(
            f"| the check (beside the build) | {statistics.median(checks):.2f} s wall, "
            f"{statistics.median(cpus):.2f} s CPU | |"
        )
        if args.build:
            cache = str(ROOT / ".cache" / "diagrams")  # drawn diagrams are not what is measured
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STUDYSITE_DIAGRAM_CACHE": cache}
            build = [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--site-dir", "out"]
            alone, beside = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run(build, cwd=project, check=True, capture_output=True, env=env)
                alone.append(time.perf_counter() - start)
                shutil.rmtree(project / ".cache", ignore_errors=True)
                start = time.perf_counter()
                subprocess.run([*PROOFREAD, "start"], cwd=project, check=True, env=env)
                subprocess.run(build, cwd=project, check=True, capture_output=True, env=env)
                subprocess.run([*PROOFREAD, "summary"], cwd=project, check=True, capture_output=True)
                beside.append(time.perf_counter() - start)
            delta = statistics.median(beside) - statistics.median(alone)
            print(
                f"| mkdocs build alone / with the check | {statistics.median(alone):.2f} s / "
                f"{statistics.median(beside):.2f} s ({delta:+.2f} s) | {BUDGET:g} s |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
