"""Synthetic notes for the benchmarks, and the tiny project of `make bench --quick`.

The synthetic note has the seed's two layer diagrams, code blocks and glossary terms. The tiny project (the
smoke test, tests/test_bench.py) is what every measurement of a quick run builds instead of the notes in
docs/, so the smoke test costs the same however many notes the writer adds.
"""

from __future__ import annotations

from pathlib import Path

from bench.seed import seed_diagrams
from tests.support.project import clear_notes, copy_project

DIAGRAM_VM, DIAGRAM_CO = seed_diagrams()


def synthetic_page(i: int, mermaid: bool) -> str:
    def block(diagram: str, title: str) -> str:
        return f"{title}\n\n```\n{diagram}```\n"

    page = (
        f"---\ndescription: 合成ノート {i}。\n---\n# 合成ノート {i} {{#note-{i}}}\n\n"
        f"## コンテナ {{#containers}}\n\nコンテナはカーネルを共有し、cgroups と namespaces で隔離する。"
        f"LXC や OCI、Docker Hub も参照。\n\n"
        + block(DIAGRAM_VM, "単一のホスト上で動作している3つのVM")
        + "\n"
        + "```sh\ndocker run --rm -it debian:stable bash\n```\n\n"
        + block(DIAGRAM_CO, "単一のホスト上で動作している3つのコンテナ")
        + "\n"
        + "```python\nprint('hello')\n```\n"
    )
    if mermaid:  # "converted by hand": exactly what the hook would write, done before the build
        from studysite.diagrams.layers import convert_layer_diagrams

        page = convert_layer_diagrams(page)
    return page


#: Notes per synthetic chapter: the notes grow as dozens of chapters, not as one folder of thousands.
CHAPTER_SIZE = 25


def make_synthetic(project: Path, pages: int, mermaid: bool) -> None:
    for i in range(pages):
        chapter = project / "docs" / f"synthetic-{i // CHAPTER_SIZE:03d}"
        if not chapter.exists():
            chapter.mkdir()
            (chapter / "index.md").write_text(
                f"---\ndescription: 合成ノートの章。\n---\n# 合成 {i // CHAPTER_SIZE} {{#synthetic}}\n",
                "utf-8",
            )
        (chapter / f"note-{i:05d}.md").write_text(synthetic_page(i, mermaid), encoding="utf-8")


def use_tiny_notes(project: Path) -> Path:
    """Replace the notes of ``project`` (docs/ but its generator part) by two: a home page, and at the URL
    the budgets name (/docker-1/vm-vs-container/) a synthetic note with the seed's two layer diagrams."""
    docs = clear_notes(project) / "docs"
    (docs / "index.md").write_text(
        "---\ndescription: 小さなサイト。\n---\n# ホーム {#home}\n\n本文。\n", "utf-8"
    )
    (docs / "docker-1").mkdir()
    (docs / "docker-1" / "vm-vs-container.md").write_text(synthetic_page(0, False), "utf-8")
    return project


def tiny_project(dest: Path) -> Path:
    """A copy of the project (generator, config, templates) with the two tiny notes."""
    return use_tiny_notes(copy_project(dest))


def bench_project(dest: Path, tiny: bool) -> Path:
    """The project a measurement builds: the tiny one for --quick, else a copy of the real one."""
    return tiny_project(dest) if tiny else copy_project(dest)
