"""Mermaid diagrams become inline SVG at build time (``studysite.diagrams.render``): pages carry no Mermaid.

Every ``<div class="mermaid">`` superfences writes (hand-written ```` ```mermaid ```` fences, converted
layer diagrams, the timeline) is replaced by ``partials/diagram.html``: the SVG and the source. Drawn
SVG is cached in ``.cache/diagrams/`` by source, Mermaid version and settings; Chromium starts only for a
diagram not in the cache, and stays up across ``mkdocs serve`` rebuilds until shutdown. A diagram Mermaid
cannot draw is a warning with the page, the fence's line and Mermaid's message (``--strict`` fails).
The font subset for the SVG text is written into the built site after the build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, Template
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studysite.diagrams.render.assemble import assemble
from studysite.diagrams.render.cache import DiagramCache, cache_dir
from studysite.diagrams.render.driver import (
    Job,
    MermaidRenderer,
    RenderTimeout,
    RenderUnavailable,
    close_all,
    shared_renderer,
)
from studysite.diagrams.render.font import FontMissing, find_font, subset_name, subset_woff2
from studysite.diagrams.render.page import Diagram, find_diagrams, lines_before_body, mermaid_fences
from studysite.diagrams.render.settings import FONT_URI, cache_key, code_fingerprint, mermaid_version
from studysite.diagrams.render.svg import one_line, prepare

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
TEMPLATE = "partials/diagram.html"


@dataclass
class _Build:
    cache: DiagramCache
    template: Template
    version: str  # of the npm mermaid package
    fingerprint: str  # of our drawing code
    font: tuple[Path, int]  # the CJK font file (and its index in a collection) the subset is cut from
    fences: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # by page: (line, source)
    chars: set[str] = field(default_factory=set)  # every character the diagrams draw
    drawn: int = 0
    cached: int = 0
    seconds: float = 0.0  # the renderer's drawing time when this build started


#: This build's state. The browser is the process's (``shared_renderer``): ``mkdocs serve`` loads this
#: module afresh for every rebuild, and calls ``on_shutdown`` on the first one.
_renderer: dict[str, MermaidRenderer] = {}
_state: dict[str, _Build] = {}


def on_config(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    library = root / "node_modules" / "mermaid"
    try:
        version = mermaid_version(library)
        font = find_font()
    except (FileNotFoundError, FontMissing) as error:
        raise PluginError(str(error)) from None
    _renderer["mermaid"] = shared_renderer(library / "dist" / "mermaid.min.js")
    env = Environment(loader=FileSystemLoader(config.theme.dirs), autoescape=True)
    _state["build"] = _Build(
        DiagramCache(cache_dir(root)), env.get_template(TEMPLATE), version, code_fingerprint(), font
    )


def on_pre_build(config: MkDocsConfig) -> None:
    build = _state["build"]
    build.fences, build.chars, build.drawn, build.cached = {}, set(), 0, 0
    build.seconds = _renderer["mermaid"].seconds


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Note where the page's own Mermaid fences are, before other hooks add fences of their own."""
    if "mermaid" in markdown:
        try:
            offset = lines_before_body(page.file.content_string, markdown)
        except (OSError, UnicodeDecodeError, TypeError):
            offset = 0
        _state["build"].fences[page.file.src_uri] = mermaid_fences(markdown, first_line=1 + offset)


def _names(diagrams: list[Diagram], page: Page, build: _Build) -> list[str]:
    """How messages name each diagram: the page and its fence's line, or its title (generated ones)."""
    fences = list(build.fences.get(page.file.src_uri, []))
    names = []
    for diagram in diagrams:
        line = next((n for n, source in fences if source == diagram.source), None)
        if line is not None:
            fences.remove((line, diagram.source))
            names.append(f"{page.file.src_uri}:{line}")
        else:
            names.append(
                f"{page.file.src_uri} ({diagram.attrs.get('data-acc-title') or 'generated diagram'})"
            )
    return names


@event_priority(10)  # before print-site keeps each page's HTML for the print page, and the glossary
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    diagrams = find_diagrams(html)
    if not diagrams:
        return html
    build = _state["build"]
    names = _names(diagrams, page, build)
    keys = [cache_key(d.source, build.version, build.fingerprint) for d in diagrams]
    entries = {key: build.cache.get(key) for key in keys}
    build.cached += sum(1 for entry in entries.values() if entry is not None)
    wanted = {key: (name, d.source) for name, key, d in zip(names, keys, diagrams, strict=True)}
    _draw({key: job for key, job in wanted.items() if entries[key] is None}, entries, build)
    page_id = hashlib.sha256(page.file.src_uri.encode()).hexdigest()[:6]
    ready = [entries[key] or {"error": "not drawn"} for key in keys]
    html, errors, chars = assemble(html, diagrams, ready, page_id, build.template)
    for n, message in errors:
        log.warning(f"{names[n]}: Mermaid cannot draw this diagram: {message}")
    build.chars.update(chars)
    return html


def _draw(
    wanted: dict[str, tuple[str, str]], entries: dict[str, dict[str, str] | None], build: _Build
) -> None:
    """Draw the diagrams not in the cache (key -> name, source), store them, fill in ``entries``."""
    renderer = _renderer["mermaid"]
    for key, (name, source) in wanted.items():
        job = Job(name, "m" + key[:16], source)
        try:
            (drawn,) = renderer.render([job])
        except RenderUnavailable as error:
            raise PluginError(str(error)) from None
        except RenderTimeout:
            entries[key] = {"error": f"drawing did not finish within {renderer.timeout_ms // 1000} s"}
            continue  # not cached: the next build tries again
        entry = (
            {"error": one_line(drawn.error)} if drawn.error is not None else prepare(drawn.svgs, job.token)
        )
        build.cache.put(key, entry)
        entries[key] = entry
        build.drawn += 1


def on_post_build(config: MkDocsConfig) -> None:
    build = _state["build"]
    if build.chars:
        chars = "".join(sorted(build.chars))
        name = subset_name(*build.font, chars)
        data = build.cache.get_bytes(name)
        if data is None:
            data = subset_woff2(*build.font, chars)
            build.cache.put_bytes(name, data)
        target = Path(config.site_dir) / FONT_URI
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    renderer = _renderer["mermaid"]
    log.info(
        f"diagrams: {build.drawn} drawn, {build.cached} from the cache; "
        f"Chromium started {renderer.starts} time(s) in this process; "
        f"drawing took {renderer.seconds - build.seconds:.1f} s"
    )


def on_shutdown() -> None:
    close_all()
