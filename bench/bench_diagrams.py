"""Throughput of the layer-diagram pass: a large synthetic note through the fence rewriter.

Usage:
  .venv/bin/python bench/bench_diagrams.py [--diagrams 2000] [--runs 3]

The note mixes prose, shell fences, and layer diagrams of several sizes and styles (seed style with gaps,
'+' corners with shared walls, Japanese labels, multi-line boxes). Prints the best of the runs as
diagrams per second and characters per second. Pure Python: no MkDocs, no browser.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from seed import seed_diagrams

from studysite.diagrams.layers import convert_layer_diagrams

ROOT = Path(__file__).resolve().parent.parent

SEED_VM = seed_diagrams()[0].rstrip("\n")

PLUS_STYLE = """\
+------+------+------+------+
| web  | api  | db   | mq   |
+------+------+------+------+
| k8s  | storage     | net  |
+------+-------------+------+"""

JAPANESE = """\
 仮想1      仮想2
---------- ----------
|アプリ  | |アプリ  |
|(Web)   | |(バッチ)|
---------------------
|ホストOS           |
---------------------"""

DIAGRAMS = (SEED_VM, PLUS_STYLE, JAPANESE)
FILLER = (
    "コンテナはホストのカーネルを共有する。VMはゲストOSを持つ。\n\n```console\n$ docker ps | head -3\n```\n"
)


def wide_diagram(columns: int) -> str:
    """One row of ``columns`` boxes above a box spanning them all."""
    top = " ".join(["----------"] * columns)
    full = "-" * len(top)
    return "\n".join(
        [
            top,
            " ".join([f"|c{i:<7}|" for i in range(columns)]),
            full,
            "|" + "base".ljust(len(top) - 2) + "|",
            full,
        ]
    )


def synthetic_note(diagrams: int) -> str:
    parts = ["# 合成ノート\n"]
    for i in range(diagrams):
        drawing = wide_diagram(12) if i % 10 == 9 else DIAGRAMS[i % len(DIAGRAMS)]
        parts.append(f"{FILLER}\n図 {i}\n```\n{drawing}\n```\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--diagrams", type=int, default=2000, help="diagrams in the synthetic note")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best is reported")
    args = parser.parse_args(argv)

    note = synthetic_note(args.diagrams)
    errors: list[tuple[int, str]] = []
    best = float("inf")
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        out = convert_layer_diagrams(note, on_error=lambda line, message: errors.append((line, message)))
        best = min(best, time.perf_counter() - start)
    converted = out.count("```{.mermaid")
    if errors or converted != args.diagrams:
        print(f"expected {args.diagrams} conversions, got {converted}; errors: {errors[:3]}", file=sys.stderr)
        return 1
    print(
        f"{args.diagrams} diagrams, {len(note):,} chars in {best * 1000:.1f} ms (best of {args.runs}): "
        f"{args.diagrams / best:,.0f} diagrams/s, {len(note) / best:,.0f} chars/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
