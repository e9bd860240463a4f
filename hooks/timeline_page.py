"""History timeline: draws ``data/timeline.yml`` at the marker ``<!-- timeline -->`` of any page.

A page opts in by having the marker alone on a line (outside code fences); the hook replaces it with a
Mermaid timeline diagram and the list of events (template ``partials/timeline.html`` from the theme dirs,
so ``overrides/`` can restyle it). Pages without the marker are left untouched. The data is read and checked
once per build, in ``on_pre_build`` (``mkdocs serve`` watches ``data/`` and rebuilds with the new data); bad
data stops the build with file:line, event id and field. The logic lives in ``studysite.timeline.load`` and
``studysite.timeline.render``; this module only adapts it to MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from studysite.timeline.load import load_timeline
from studysite.timeline.model import Timeline, TimelineError
from studysite.timeline.render import insert_timeline, render_block, repeated_ids

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.timeline")

DATA_FILE = Path("data") / "timeline.yml"  # relative to the directory of mkdocs.yml
SCHEMA_FILE = Path("data") / "timeline.schema.json"
TEMPLATE = "partials/timeline.html"

#: This build's state, reset by ``on_pre_build``: every build (and ``serve`` rebuild) starts clean.
_state: dict[str, object] = {}


def _template_source(config: MkDocsConfig) -> str:
    for folder in config.theme.dirs:
        candidate = Path(folder) / TEMPLATE
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise PluginError(
        f"timeline: template {TEMPLATE} was not found in the theme directories "
        f"({', '.join(config.theme.dirs)})"
    )


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    _state.clear()
    try:
        timeline = load_timeline(
            root / DATA_FILE,
            root / SCHEMA_FILE,
            display_name=DATA_FILE.as_posix(),
            schema_display_name=SCHEMA_FILE.as_posix(),
        )
    except TimelineError as error:
        # one located line per problem; a header only when there are several
        header = (
            "" if len(error.problems) == 1 else f"timeline: {len(error.problems)} problems in the data:\n"
        )
        raise PluginError(f"{header}{error}") from None
    _state.update(timeline=timeline, block=render_block(timeline, _template_source(config)), pages=set())


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if "timeline" not in markdown or "block" not in _state:
        return None
    text, count = insert_timeline(markdown, str(_state["block"]))
    if count == 0:
        return None
    if count > 1:
        raise PluginError(
            f"timeline: {page.file.src_uri} has the marker <!-- timeline --> {count} times; "
            "the timeline can appear once per page (its event ids are anchors)"
        )
    pages = _state["pages"]
    assert isinstance(pages, set)
    pages.add(page.file.src_uri)
    return text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    pages, timeline = _state.get("pages"), _state.get("timeline")
    if isinstance(pages, set) and page.file.src_uri in pages and isinstance(timeline, Timeline):
        clashes = repeated_ids(html, {event.id for event in timeline.events})
        if clashes:
            raise PluginError(
                f"timeline: {page.file.src_uri} uses the id {clashes[0]!r} twice: a heading or "
                "other element has the same id as a timeline event; give it another id with "
                "{#...} (the event ids are published anchors)"
            )
    return None


def on_post_build(config: MkDocsConfig) -> None:
    if _state.get("pages") == set():
        log.info("timeline: no page contains the marker <!-- timeline -->")
