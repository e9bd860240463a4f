"""The cost of reading a note's block structure: markdown-it-py and the translation, against the budget.

Usage: .venv/bin/python -m bench.bench_structure [--lines 200] [--rev REV]

Times ``studysite.notes.translate.translate`` (markdown-it-py's parse, the block tree and the rewrite) on
a note of the writer's style with about ``--lines`` lines, best of several runs, against the 5 ms budget
for 200 lines. With ``--rev``, the hand-written passes it replaced (``notes/lists.py`` and
``notes/fences.py`` of that revision, read with ``git show``) are timed on the same note in the same run,
for the before/after ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from studysite.notes.translate import translate

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 5.0
BLOCK = """\
## VMとコンテナ {n}

どちらもアプリケーションを隔離するために利用できる https://docs.docker.com/?utm_source=x
* VM
  * ハイパーバイザー(※1)が必要
    * OSの完全コピーが必要
  * 隔離の度合いが高い
1. 手順
   ```
   docker run hello-world
   ```
2. 確認
単一のホスト上で動作している3つのコンテナ
```
 Co1        Co2
---------- ----------
|app     | |app     |
---------------------
|Host OS            |
---------------------
```
"""


def note(lines: int) -> str:
    blocks = [BLOCK.format(n=n) for n in range(lines // BLOCK.count("\n") + 1)]
    text = "# Docker\n\n" + "\n".join(blocks) + "\n※1 タイプ2\n"
    return "\n".join(text.split("\n")[:lines]) + "\n"


def best_ms(run: Callable[[], object], repeat: int = 30) -> float:
    run()  # warm: parser set-up, regex compilation
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def load_old(rev: str) -> tuple[ModuleType, ModuleType]:
    """notes/lists.py and notes/fences.py of ``rev``, loaded from files (the package has neither now)."""
    folder = Path(tempfile.mkdtemp(prefix="old-notes-"))
    modules = []
    for name in ("lists", "fences"):
        source = subprocess.run(
            ["git", "show", f"{rev}:src/studysite/notes/{name}.py"], capture_output=True, text=True, cwd=ROOT
        )
        if source.returncode:
            sys.exit(f"{rev} has no notes/{name}.py: {source.stderr.strip()}")
        path = folder / f"old_{name}.py"
        path.write_text(source.stdout, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(f"old_{name}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # (dataclasses look their module up)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules[0], modules[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--rev", help="a revision with the hand-written passes, e.g. 1ac38eb")
    args = parser.parse_args()
    text = note(args.lines)
    now = best_ms(lambda: translate(text))
    lines = len(text.splitlines())
    print(f"note: {lines} lines; structure pass (markdown-it-py + translation): {now:.2f} ms")
    print(f"budget {BUDGET_MS:.0f} ms for 200 lines: {'met' if now <= BUDGET_MS else 'missed'}")
    if args.rev:
        lists, fences = load_old(args.rev)

        def old() -> None:
            normalized = lists.normalize_lists(text)
            lists.code_lines(normalized)
            list(fences.scan_fences(normalized.split("\n")))

        before = best_ms(old)
        print(f"hand-written passes of {args.rev}: {before:.2f} ms; after/before {now / before:.2f}")


if __name__ == "__main__":
    main()
