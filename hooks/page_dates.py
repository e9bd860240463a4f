"""Each note says when it last changed, from git history (studysite.site.dates).

One ``git log`` per build reads the dates of every file in docs/. A page with a date gets: Material's
"last updated" line under its content (``page.meta.revision_date``, in Japanese: 2026年12月7日), the
same moment in ``article:modified_time`` (``page.meta.modified_time``, overrides/main.html), and the
same day as its ``lastmod`` in sitemap.xml (``page.update_date``). ``SOURCE_DATE_EPOCH`` caps the dates.
Outside a git checkout (or for a file git does not track) a page has no date, and no ``lastmod`` either
(``overrides/sitemap.xml``: MkDocs would print the day of the build), and nothing is said.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from studysite.site.dates import clamp, day, japanese_date, last_changed

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

LABEL = "最終更新"


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    dates: dict[str, str] = field(default_factory=dict)  # src_uri -> ISO date of its last commit


_state = _State()


def on_config(config: MkDocsConfig) -> None:
    found = last_changed(Path(config.docs_dir))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    _state.dates = {path: clamp(date, epoch) for path, date in found.items()}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # after the page's front matter is read, before sitemap.xml is rendered (MkDocs renders it first)
    if page.file.generated_by is not None:
        return markdown
    date = _state.dates.get(page.file.src_uri)
    if date is None:
        return markdown
    page.update_date = day(date)
    page.meta["modified_time"] = date
    page.meta["revision_date"] = Markup('<time datetime="{}">{}: {}</time>').format(
        date, LABEL, japanese_date(date)
    )
    return markdown
