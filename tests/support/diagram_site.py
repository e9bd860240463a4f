"""A small project for the build-time diagram tests: the real configuration, hooks and theme, with pages
of its own (a text page, a page of diagrams of every kind we draw, the history timeline)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.project import ROOT, copy_project

FLOWCHART = """flowchart LR
  image["イメージ"] --> container["コンテナ実行"]
  container --> registry["レジストリ"]"""

BLOCK = """block-beta
  columns 2
  k["カーネル"]:2
  a["名前空間"] b["cgroups"]"""

LAYERS = """```
 VM1        VM2
---------- ----------
|app     | |アプリ  |
---------------------
|Hyper Visor        |
---------------------
```"""

PAGES = {
    "index.md": "# ホーム\n\n図のテストのためのサイト。[テキストのページ](text.md)\n",
    "text.md": "# テキストのページ\n\n図はない。[図のページ](diagrams.md)と[年表](history.md)へ。\n",
    "diagrams.md": (
        "---\ndescription: 図のページ。\n---\n# 図のページ\n\n手書きのフローチャート。\n\n"
        f"```mermaid\n{FLOWCHART}\n```\n\nブロック図。\n\n```mermaid\n{BLOCK}\n```\n\n"
        f"単一のホスト上の2つのVM\n{LAYERS}\n\n終わり。\n"
    ),
    "history.md": "# 年表\n\n出来事の流れ。\n\n<!-- timeline -->\n",
}

#: Labels each page's SVG must hold, by built page.
LABELS = {
    "diagrams/index.html": [
        "イメージ",
        "コンテナ実行",
        "レジストリ",
        "カーネル",
        "名前空間",
        "cgroups",
        "Hyper Visor",
    ],
    "history/index.html": ["chroot", "FreeBSD jail", "Docker"],
}


def make_diagram_site(dest: Path) -> Path:
    """The project at ``dest`` (shares the repository's diagram cache, as ``copy_project`` does)."""
    project = copy_project(dest)
    shutil.rmtree(project / "docs")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    for name, text in PAGES.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    return project
