"""Throughput of the layer-diagram pass: a large synthetic note through the fence rewriter.

Usage:
  .venv/bin/python -m bench.bench_diagrams [--diagrams 2000] [--runs 3] [--all-hands]

The note mixes prose, shell fences, and layer diagrams of several sizes and styles (seed style with gaps,
'+' corners with shared walls, Japanese labels, multi-line boxes); with --all-hands, also one drawing in
each hand of ``tests.support.hands`` (Unicode box drawing one and two columns wide, stacked boxes,
'=' rules…). Prints the best of the runs as diagrams per second and characters per second. Pure Python:
no MkDocs, no browser.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.seed import seed_diagrams
from studysite.diagrams.layers import convert_layer_diagrams
from tests.support.hands import HANDS, Sketch, draw

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
#: A four-column grid with titles, a hole, spans of 2 to 4 and a two-line label, for --all-hands.
SKETCH = Sketch(
    4,
    ("VM1", None, "VM3", None),
    (
        ((0, 1, ("web",)), (1, 1, ("api",)), (2, 1, ("アプリ",)), (3, 1, ("mq",))),
        ((0, 2, ("Docker", "Engine")), (3, 1, ("cache",))),
        ((0, 3, ("Linux kernel",)), (3, 1, ("fw",))),
        ((0, 4, ("ハードウェア",)),),
    ),
    (8, 8, 8, 8),
)
ALL_HANDS = DIAGRAMS + tuple(draw(SKETCH, hand).rstrip("\n") for hand in HANDS)
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


def synthetic_note(diagrams: int, drawings: tuple[str, ...] = DIAGRAMS) -> str:
    parts = ["# 合成ノート\n"]
    for i in range(diagrams):
        drawing = wide_diagram(12) if i % 10 == 9 else drawings[i % len(drawings)]
        parts.append(f"{FILLER}\n図 {i}\n```\n{drawing}\n```\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--diagrams", type=int, default=2000, help="diagrams in the synthetic note")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument("--all-hands", action="store_true", help="also drawings in every hand")
    args = parser.parse_args(argv)

    note = synthetic_note(args.diagrams, ALL_HANDS if args.all_hands else DIAGRAMS)
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
