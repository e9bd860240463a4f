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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from studysite.site.templates import TemplateMissing, partial_source
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


@dataclass
class _State:
    """What this hook keeps between the events of one build, reset by ``on_pre_build``."""

    timeline: Timeline | None = None
    block: str | None = None  # the rendered timeline, for the marker
    pages: set[str] = field(default_factory=set)  # the pages it was put on


_state = _State()


def _template_source(config: MkDocsConfig) -> str:
    try:
        return partial_source(config.theme.dirs, TEMPLATE)
    except TemplateMissing as error:
        raise PluginError(f"timeline: {error}") from None


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    _state.timeline, _state.block, _state.pages = None, None, set()
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
    _state.timeline, _state.block = timeline, render_block(timeline, _template_source(config))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if "timeline" not in markdown or _state.block is None:
        return None
    text, count = insert_timeline(markdown, _state.block)
    if count == 0:
        return None
    if count > 1:
        raise PluginError(
            f"timeline: {page.file.src_uri} has the marker <!-- timeline --> {count} times; "
            "the timeline can appear once per page (its event ids are anchors)"
        )
    _state.pages.add(page.file.src_uri)
    return text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    timeline = _state.timeline
    if timeline is not None and page.file.src_uri in _state.pages:
        clashes = repeated_ids(html, {event.id for event in timeline.events})
        if clashes:
            raise PluginError(
                f"timeline: {page.file.src_uri} uses the id {clashes[0]!r} twice: a heading or "
                "other element has the same id as a timeline event; give it another id with "
                "{#...} (the event ids are published anchors)"
            )
    return None


def on_post_build(config: MkDocsConfig) -> None:
    if _state.timeline is not None and not _state.pages:
        log.info("timeline: no page contains the marker <!-- timeline -->")
