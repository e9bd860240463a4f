"""A page's HTML with its diagrams in place: pure, given the drawn cache entries and the template."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from jinja2 import Template
from markupsafe import Markup

from studysite.diagrams.render.page import Diagram
from studysite.diagrams.render.svg import place


def assemble(
    page_html: str,
    diagrams: Sequence[Diagram],
    entries: Sequence[dict[str, str]],
    page_id: str,
    template: Template,
) -> tuple[str, list[tuple[int, str]], set[str]]:
    """``page_html`` with each diagram replaced by ``template`` (partials/diagram.html) around its SVG.

    ``entries[i]`` is diagram i's cache entry, or ``{"error": message}``. The SVG ids are
    ``dgm-<page_id>-<i>``; a style sheet shared by several diagrams is written with the first. Returns
    the HTML, the (index, message) of each diagram that could not be drawn, and the characters drawn.
    """
    out, done, styles = [], 0, set()
    errors: list[tuple[int, str]] = []
    chars: set[str] = set()
    for n, (diagram, entry) in enumerate(zip(diagrams, entries, strict=True)):
        svg, error = "", entry.get("error", "")
        if error:
            errors.append((n, error))
        else:
            chars.update(entry["chars"])
            title = diagram.attrs.get("data-acc-title", "")
            description = diagram.attrs.get("data-acc-descr", "")
            svg = place(
                entry, f"dgm-{page_id}-{n}", title, description, with_style=entry["style"] not in styles
            )
            styles.add(entry["style"])
        attrs = {
            k: v for k, v in diagram.attrs.items() if not k.startswith("data-acc-")
        }  # now <title>/<desc>
        block = template.render(
            attrs=attrs,
            svg=Markup(svg),  # built by svg.place from the cleaned SVG
            error=error,
            source=Markup(escape(diagram.source, quote=False)),  # escaped once; quotes stay as written
        )
        out += [page_html[done : diagram.start], block]
        done = diagram.end
    return "".join(out) + page_html[done:], errors, chars
