"""bench/bench_timeline.py keeps running (tiny sizes, no timing assertions: speed is measured in bench/)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_and_reports_the_ratio() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_timeline", "--events", "4", "--factor", "2"] + ["--runs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: over budget, which tiny sizes may well be
    lines = result.stdout.splitlines()
    assert re.fullmatch(r" +4 events +[\d.]+ MB +[\d.]+ s", lines[0]), lines
    assert re.fullmatch(r" +8 events +[\d.]+ MB +[\d.]+ s", lines[1]), lines
    assert re.fullmatch(r"2x the events took [\d.]+x the time \((within|OVER) the budget of 2.4x\)", lines[2])
