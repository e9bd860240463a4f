"""How long one big note takes to build: a 1 MB and a 5 MB note (issue 22's size budget).

The note repeats the seed's prose (bullets indented by 2 spaces, headings, links, code) under numbered
headings, with its layer diagrams kept as code (drawing thousands of them would measure Mermaid). Each
size is built strictly in a copy of the project holding only that note and a home page; the script
prints the build time and, with --profile, the functions that took longest.

    .venv/bin/python -m bench.big_note            # 1 MB and 5 MB
    .venv/bin/python -m bench.big_note --sizes 0.5 1 2 --profile
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from studysite.notes.limits import MAX_NOTE_BYTES
from tests.support.project import ROOT, build_site, clear_notes, copy_project

SEED = ROOT / "tests" / "fixtures" / "docker-1.md"


def big_note(size: int) -> str:
    """A raw note of about ``size`` bytes (UTF-8) in the seed's style, every heading unique."""
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("\n", 1)[1]  # without the '# ' title
    body = re.sub(r"^```\s*$", "```plaintext", body, flags=re.MULTILINE)  # fences open and close alike
    body = re.sub(r"^```plaintext$(.*?)^```plaintext$", r"```plaintext\1```", body, flags=re.M | re.S)
    body = re.sub(r"[（(]?※[0-9０-９]+[)）]?", "", body)  # footnote markers: one note has one set
    body = re.sub(r"^#+ ", "### ", body, flags=re.MULTILINE)
    parts = ["---\ndescription: 大きなノート。\n---\n# 大きなノート\n\n本文。\n"]
    total = len(parts[0].encode())
    n = 0
    while total < size:
        part = f"\n## 節 {n} {{#section-{n}}}\n\n[出典](https://example.org/{n})\n\n{body}\n"
        parts.append(part)
        total += len(part.encode())
        n += 1
    return "".join(parts)


def without_fixes(project: Path) -> None:
    """The project as it was before the linear replacements (to measure what they save)."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "hooks/patch_upstream.py" not in line), "utf-8")


def measure(size: int, work: Path, quadratic: bool = False) -> tuple[float, str]:
    project = clear_notes(copy_project(work / f"project-{size}"))
    if quadratic:
        without_fixes(project)
    docs = project / "docs"
    (docs / "index.md").write_text("---\ndescription: ホーム。\n---\n# ホーム\n\n本文。\n", "utf-8")
    (docs / "big.md").write_text(big_note(size), encoding="utf-8")
    start = time.perf_counter()
    result = build_site(project, work / f"site-{size}")
    seconds = time.perf_counter() - start
    return seconds, "ok" if result.returncode == 0 else result.stderr.strip().splitlines()[-1]


def profile(size: int, work: Path) -> None:
    import cProfile
    import os
    import pstats

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = clear_notes(copy_project(work / f"profile-{size}"))
    docs = project / "docs"
    (docs / "index.md").write_text("---\ndescription: ホーム。\n---\n# ホーム\n\n本文。\n", "utf-8")
    (docs / "big.md").write_text(big_note(size), encoding="utf-8")
    os.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / f"psite-{size}"))
    profiler = cProfile.Profile()
    profiler.enable()
    build(config)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("tottime")
    stats.print_stats(15)
    stats.print_callers("replace|update_anchor_ids")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5], help="note sizes in MB")
    parser.add_argument("--profile", action="store_true", help="profile the build of each size")
    parser.add_argument(
        "--without-fixes", action="store_true", help="build without hooks/patch_upstream.py (the old cost)"
    )
    args = parser.parse_args()
    print(f"note size limit: {MAX_NOTE_BYTES:,} bytes")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            size = int(mb * 1_000_000)
            if args.profile:
                profile(size, Path(tmp))
            else:
                seconds, state = measure(size, Path(tmp), args.without_fixes)
                label = " without the linear replacements" if args.without_fixes else ""
                print(f"{mb:g} MB note{label}: build {seconds:.1f} s ({state})")


if __name__ == "__main__":
    main()
