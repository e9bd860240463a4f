"""Build-time diagram drawing: what it costs the real site's build, and how fast it draws at scale.

Usage:
  .venv/bin/python -m bench.diagram_build real [--runs 5] [--before REV] [--tiny]
  .venv/bin/python -m bench.diagram_build synthetic [--pages 1000] [--tiny]

real:      the real site built warm (every diagram cached) against the same site at REV (default: the
           commit before build-time drawing came in, which drew in the reader's browser), interleaved,
           median of the runs; and cold (an empty diagram cache), whose difference to warm is the cost
           of drawing every diagram, Chromium's start included.
synthetic: the real site plus N pages with one distinct Mermaid flowchart each, built cold (the N
           not in the cache) and warm; renders per CPU second = N / (cold - warm), and per second of
           the wall time the build log gives for drawing.
--tiny builds the tiny project of `make bench --quick` (bench/synthetic.py) instead of the real notes.
Each build is a fresh ``mkdocs build`` process; figures are its CPU time (user + system, with the
Chromium it starts) on this machine, never test assertions.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
from pathlib import Path

from bench.synthetic import bench_project, use_tiny_notes
from studysite.diagrams.render.cache import CACHE_ENV
from tests.support.project import ROOT, build_site


def timed(
    project: Path, out: Path, env: dict[str, str], log: list[str] | None = None, python: str = sys.executable
) -> float:
    """CPU seconds (user + system) of one build process and the Chromium it starts, if any: on a shared
    machine wall time mostly measures the neighbours, CPU time the build. ``log`` gets its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = build_site(project, out, extra_env=env, python=python)
    if result.returncode:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if log is not None:
        log.append(result.stderr)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def drawing_seconds(stderr: str) -> float:
    """The wall time the build's log says drawing took (``hooks/draw_diagrams.py``)."""
    found = re.search(r"drawing took ([\d.]+) s", stderr)
    return float(found.group(1)) if found else float("nan")


def first_commit_before_drawing() -> str:
    found = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "hooks/draw_diagrams.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.split()
    return f"{found[-1]}^" if found else "HEAD"


def checkout(rev: str, dest: Path) -> Path:
    """The project's files at ``rev`` (git archive), with this checkout's node_modules."""
    data = subprocess.run(["git", "archive", rev], capture_output=True, cwd=ROOT, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(dest, filter="data")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def venv_for(src: Path, dest: Path) -> str:
    """A throw-away venv that imports ``studysite`` from ``src`` and everything else from this project's
    venv (the same .pth mechanism setup uses); returns its python."""
    subprocess.run(
        [str(Path(sys.base_prefix, "bin", "python3")), "-m", "venv", "--without-pip", str(dest)], check=True
    )
    python = dest / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    Path(purelib, "studysite.pth").write_text(f"{src}\n{ours}\n", encoding="utf-8")
    return str(python)


def real(runs: int, before: str, tiny: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        now = bench_project(work / "now", tiny)
        old = checkout(before, work / "before")
        if tiny:
            use_tiny_notes(old)
        cache = {CACHE_ENV: str(work / "cache")}
        old_python = venv_for(old / "src", work / "venv-before")
        filling = timed(now, work / "site", cache)  # a cold build, which fills the cache
        warm, previous = [], []
        for _ in range(runs):
            warm.append(timed(now, work / "site", cache))
            previous.append(timed(old, work / "site-old", {}, python=old_python))
        cold = [timed(now, work / "site", {CACHE_ENV: str(work / f"cold{i}")}) for i in range(runs // 2)]
        cold = cold or [filling]  # --runs 1 (the smoke test): the filling build is the cold one
    return {
        "before_s": statistics.median(previous),
        "warm_s": statistics.median(warm),
        "cold_s": statistics.median(cold),
        "ratio": statistics.median(warm) / statistics.median(previous),
        "cold_overhead_s": statistics.median(cold) - statistics.median(warm),
    }


def synthetic(pages: int, tiny: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = bench_project(work / "project", tiny)
        notes = project / "docs" / "notes"  # next to the real notes (their 7 diagrams come from the cache)
        notes.mkdir()
        for i in range(pages):
            (notes / f"n{i:04}.md").write_text(
                f'# ノート {i}\n\n本文。\n\n図。\n\n```mermaid\nflowchart LR\n  a{i}["イメージ {i}"] --> '
                f'b{i}["コンテナ {i}"]\n  b{i} --> c{i}["ホスト {i % 7}"]\n```\n',
                encoding="utf-8",
            )
        env = {CACHE_ENV: str(work / "cache")}
        log: list[str] = []
        cold = timed(project, work / "site", env, log)
        warm = timed(project, work / "site", env)
    drawing = drawing_seconds(log[0])
    return {
        "pages": pages,
        "cold_s": cold,
        "warm_s": warm,
        "renders_per_s": pages / max(cold - warm, 1e-9),
        "drawing_wall_s": drawing,
        "renders_per_wall_s": pages / drawing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("real")
    one.add_argument("--runs", type=int, default=5)
    one.add_argument("--before", default=None)
    two = sub.add_parser("synthetic")
    two.add_argument("--pages", type=int, default=1000)
    for each in (one, two):
        each.add_argument("--tiny", action="store_true", help="build the tiny project, not the real notes")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.what == "real":
        r = real(args.runs, args.before or first_commit_before_drawing(), args.tiny)
        print(
            f"real site (CPU time): before {r['before_s']:.2f} s, "
            f"warm {r['warm_s']:.2f} s ({r['ratio']:.2f}×), "
            f"cold {r['cold_s']:.2f} s (drawing adds {r['cold_overhead_s']:.2f} s)"
        )
    else:
        r = synthetic(args.pages, args.tiny)
        print(
            f"{r['pages']:,} pages with a distinct diagram each (CPU time): cold {r['cold_s']:.1f} s, "
            f"warm {r['warm_s']:.1f} s, {r['renders_per_s']:.1f} renders per CPU second; drawing took "
            f"{r['drawing_wall_s']:.1f} s wall, Chromium's start included: "
            f"{r['renders_per_wall_s']:.1f} renders per second"
        )


if __name__ == "__main__":
    main()
