"""The benchmark scripts still run (on tiny inputs); their figures are not checked here.

``bench/run_all.py --quick`` runs every measurement once on the two-note project of bench/synthetic.py,
never on the notes in docs/: the hook-overhead pair, synthetic sites of 5 and 10 pages, one preview edit
under ``mkdocs serve``, page weight and PDF export, the converter, and build-time drawing (warm, cold, the
revision before drawing, three synthetic diagrams). What this proves: each script runs end to end on this
machine (builds, the serve loop, Chromium crawling and printing, the converter) and writes every section
and budget row of the report. What it cannot prove: any figure, or that the full-size runs fit their budgets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_quick_bench(work: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`bench/run_all.py --quick`, once per run (it takes half a minute, mostly waiting on
    builds and Chromium)."""
    out = work / "report.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run_all", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    return done, out


@pytest.fixture(scope="module")
def quick_bench(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    return run_quick_bench(tmp_path_factory.mktemp("bench"))


@pytest.mark.slow
def test_make_bench_runs_on_tiny_inputs(quick_bench):
    done, out = quick_bench
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    for section in (
        "## Budgets",
        "Hook overhead",
        "## Scale",
        "## Preview loop",
        "## Page weight",
        "## Code font",
        "## PDF export",
        "## Diagram converter",
        "/docker-1/vm-vs-container/",
    ):
        assert section in report, section
    assert "FAILED" not in report
    budgets = report.split("## Budgets", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in budgets.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 8 and all(row.rstrip().endswith(("| met |", "| **missed** |")) for row in rows), (
        budgets
    )
    weights = report.split("## Page weight", 1)[1].split("\n## ", 1)[0]
    pages = [line for line in weights.splitlines() if line.startswith("| /") and "/review/" not in line]
    assert len(pages) == 2, "--quick measures the two-note site (and the generated 復習 page)"
