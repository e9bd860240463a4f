"""Repair the combined print page after mkdocs-print-site-plugin wrote it: link targets
(studysite.site.print_page) and chapters' intro pages (studysite.site.print_chapters).

print-site writes ``print_page/index.html`` (``print_page.html`` without directory URLs) in its
``on_post_build``; hooks run after plugins, so the file is there when this hook reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from studysite.site.print_chapters import merge_chapter_intros
from studysite.site.print_page import PRINT_PAGES, prefix_page_ids

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    for name in PRINT_PAGES:
        path = Path(config.site_dir) / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            fixed = merge_chapter_intros(prefix_page_ids(text))
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
