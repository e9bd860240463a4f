"""One build's drawing: every Mermaid diagram of every page as inline SVG, from the cache or Chromium.

:class:`DiagramBuild` is what ``hooks/draw_diagrams.py`` drives, event by event: it notes where a page's
own Mermaid fences are (so a message names the note's line), replaces each ``<div class="mermaid">`` of a
page's HTML with the diagram template (SVG and source), draws only what the cache lacks, and at the end
writes the font subset of every character drawn. Nothing here imports MkDocs: errors are
:class:`DrawingUnavailable` and the warnings come back as text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Template

from studysite.diagrams.render.assemble import assemble
from studysite.diagrams.render.cache import DiagramCache, cache_dir
from studysite.diagrams.render.driver import (
    Job,
    MermaidRenderer,
    RenderTimeout,
    RenderUnavailable,
    shared_renderer,
)
from studysite.diagrams.render.page import Diagram, find_diagrams, mermaid_fences
from studysite.diagrams.render.settings import (
    BUILD_FONT,
    FONT_URI,
    cache_key,
    code_fingerprint,
    mermaid_version,
)
from studysite.diagrams.render.svg import one_line, prepare
from studysite.infra.fonts import FontMissing, find_font, subset_name, subset_woff2


class DrawingUnavailable(Exception):
    """Mermaid, the font or Chromium is missing: the message says what to install."""


@dataclass
class DiagramBuild:
    """The drawing state of one build of the project at ``root`` (its ``node_modules`` and ``.cache``)."""

    renderer: MermaidRenderer
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

    @classmethod
    def start(cls, root: Path, template: Template) -> DiagramBuild:
        """The build's state; the browser is the process's (``shared_renderer``), kept across rebuilds."""
        library = root / "node_modules" / "mermaid"
        try:
            version = mermaid_version(library)
            font = find_font(BUILD_FONT)
        except (FileNotFoundError, FontMissing) as error:
            raise DrawingUnavailable(str(error)) from None
        renderer = shared_renderer(library / "dist" / "mermaid.min.js")
        build = cls(renderer, DiagramCache(cache_dir(root)), template, version, code_fingerprint(), font)
        build.seconds = renderer.seconds
        return build

    def note_fences(self, page: str, markdown: str, first_line: int) -> None:
        """Where ``page``'s own Mermaid fences are, before other passes add fences of their own."""
        self.fences[page] = mermaid_fences(markdown, first_line=first_line)

    def draw_page(self, html: str, page: str) -> tuple[str, list[str]]:
        """``html`` with its diagrams drawn, and one warning per diagram Mermaid cannot draw."""
        diagrams = find_diagrams(html)
        if not diagrams:
            return html, []
        names = self._names(diagrams, page)
        keys = [cache_key(d.source, self.version, self.fingerprint) for d in diagrams]
        entries = {key: self.cache.get(key) for key in keys}
        self.cached += sum(1 for entry in entries.values() if entry is not None)
        wanted = {key: (name, d.source) for name, key, d in zip(names, keys, diagrams, strict=True)}
        self._draw({key: job for key, job in wanted.items() if entries[key] is None}, entries)
        page_id = hashlib.sha256(page.encode()).hexdigest()[:6]
        ready = [entries[key] or {"error": "not drawn"} for key in keys]
        html, errors, chars = assemble(html, diagrams, ready, page_id, self.template)
        self.chars.update(chars)
        return html, [f"{names[n]}: Mermaid cannot draw this diagram: {message}" for n, message in errors]

    def finish(self, site_dir: Path) -> str:
        """Write the font subset of every character drawn into the site; the build's summary line."""
        if self.chars:
            chars = "".join(sorted(self.chars))
            name = subset_name(*self.font, chars)
            data = self.cache.get_bytes(name)
            if data is None:
                data = subset_woff2(*self.font, chars)
                self.cache.put_bytes(name, data)
            target = site_dir / FONT_URI
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return (
            f"diagrams: {self.drawn} drawn, {self.cached} from the cache; "
            f"Chromium started {self.renderer.starts} time(s) in this process; "
            f"drawing took {self.renderer.seconds - self.seconds:.1f} s"
        )

    def _names(self, diagrams: list[Diagram], page: str) -> list[str]:
        """How messages name each diagram: the page and its fence's line, or its title (generated ones)."""
        fences = list(self.fences.get(page, []))
        names = []
        for diagram in diagrams:
            line = next((n for n, source in fences if source == diagram.source), None)
            if line is not None:
                fences.remove((line, diagram.source))
                names.append(f"{page}:{line}")
            else:
                names.append(f"{page} ({diagram.attrs.get('data-acc-title') or 'generated diagram'})")
        return names

    def _draw(self, wanted: dict[str, tuple[str, str]], entries: dict[str, dict[str, str] | None]) -> None:
        """Draw the diagrams not in the cache (key -> name, source), store them, fill in ``entries``."""
        for key, (name, source) in wanted.items():
            job = Job(name, "m" + key[:16], source)
            try:
                (drawn,) = self.renderer.render([job])
            except RenderUnavailable as error:
                raise DrawingUnavailable(str(error)) from None
            except RenderTimeout:
                entries[key] = {
                    "error": f"drawing did not finish within {self.renderer.timeout_ms // 1000} s"
                }
                continue  # not cached: the next build tries again
            entry = (
                {"error": one_line(drawn.error)}
                if drawn.error is not None
                else prepare(drawn.svgs, job.token)
            )
            self.cache.put(key, entry)
            entries[key] = entry
            self.drawn += 1
