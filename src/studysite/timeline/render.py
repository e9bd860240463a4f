"""Render a checked ``Timeline`` as Markdown: a Mermaid ``timeline`` fence and an HTML event list.

Text in, text out: no MkDocs here. The event list comes from a Jinja template (``overrides/partials/
timeline.html``) rendered with autoescaping, so nothing in the data can inject markup.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby

import jinja2

from studysite.diagrams.attrs import mermaid_opener
from studysite.diagrams.labels import escape_line as mermaid_text
from studysite.notes.blocks import code_lines
from studysite.timeline.model import Timeline

#: The insertion marker: an HTML comment alone on its line (outside code fences), at most 3 spaces indented.
MARKER_RE = re.compile(r"^ {0,3}<!--\s*timeline\s*-->\s*$")


def render_mermaid(timeline: Timeline) -> str:
    """One ```` ```mermaid ```` fence per period, top to bottom (``timeline TD``): a slot per year.

    A single left-to-right diagram of all the years is scaled down to unreadable text, and Mermaid 11's
    vertical timeline draws a section over the last slot of the section before it when that slot holds the
    most events; one vertical diagram per period (its only section) is drawn at page width without overlap.
    The event list below the diagrams is the accessible version of the same data; each fence also carries a
    short title and description for the drawn SVG.
    """
    fences = []
    for period in timeline.periods:
        years = [(year, list(events)) for year, events in groupby(period.events, key=lambda e: e.date.year)]
        description = " / ".join(f"{year}: " + ", ".join(e.label for e in events) for year, events in years)
        lines = [
            mermaid_opener("```", f"年表: {period.title}", description),
            "timeline TD",
            f"    section {mermaid_text(period.title)}",
        ]
        for year, events in years:
            lines.append(f"        {year} : " + " : ".join(mermaid_text(event.label) for event in events))
        fences.append("\n".join(lines + ["```"]))
    return "\n\n".join(fences)


def render_html(timeline: Timeline, template_source: str) -> str:
    """The event list from the Jinja template, autoescaped, without blank lines (one raw HTML block)."""
    env = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    html = env.from_string(template_source).render(timeline=timeline, events=timeline.events)
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_block(timeline: Timeline, template_source: str) -> str:
    """What replaces the marker: the diagram, then the list, each a separate Markdown block."""
    return f"\n{render_mermaid(timeline)}\n\n{render_html(timeline, template_source)}\n"


def insert_timeline(markdown: str, block: str) -> tuple[str, int]:
    """Replace each marker line outside code with ``block``; return the text and the count."""
    if "timeline" not in markdown:
        return markdown, 0
    out: list[str] = []
    count = 0
    for line, in_code in zip(markdown.split("\n"), code_lines(markdown), strict=True):
        if not in_code and MARKER_RE.match(line):
            count += 1
            out.append(block)
            continue
        out.append(line)
    return "\n".join(out), count


ID_RE = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")


def repeated_ids(html: str, wanted: set[str]) -> list[str]:
    """Event ids that occur more than once as ``id`` attributes in a rendered page."""
    counts = Counter(match for match in ID_RE.findall(html) if match in wanted)
    return sorted(anchor for anchor, count in counts.items() if count > 1)
