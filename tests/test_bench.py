"""The benchmark scripts still run (on tiny inputs); their figures are not checked here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_make_bench_runs_on_tiny_inputs(tmp_path: Path):
    out = tmp_path / "report.md"
    done = subprocess.run(
        [sys.executable, "bench/run_all.py", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    for section in (
        "## Budgets",
        "Hook overhead",
        "## Scale",
        "## Preview loop",
        "## Page weight",
        "## PDF export",
        "## Diagram converter",
        "/docker-1/vm-vs-container/",
    ):
        assert section in report, section
    assert "FAILED" not in report
