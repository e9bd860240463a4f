"""bench/bench_diagrams.py keeps running (small N, no timing assertions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_and_reports_throughput() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_diagrams", "--diagrams", "12", "--runs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("12 diagrams, ") and " diagrams/s, " in result.stdout
    assert result.stdout.rstrip().endswith(" chars/s")
