"""What the site does to a note before Python-Markdown reads it, in order; pure text in, text out.

1. :func:`studysite.notes.translate.translate`: the note as its CommonMark preview reads it, in
   Python-Markdown's dialect (lists, fences in items, glued blocks, bare URLs).
2. :func:`studysite.notes.footnotes.convert_footnotes`: ※ markers and lines become footnotes.
3. :func:`studysite.notes.heading_ids.heading_problems`: ids the writer must fix.
4. :func:`studysite.notes.anchors.resolve_links`: links written with GitHub's heading ids go to the
   headings' own ids; a link to a heading that is not there is a problem.
5. :func:`studysite.diagrams.layers.convert_layer_diagrams`: box drawings become diagrams.

Every problem is reported at the line of the note as written (front matter included, via ``first``).
"""

from __future__ import annotations

from collections.abc import Callable

from studysite.diagrams.layers import convert_layer_diagrams
from studysite.infra.problem import Problem
from studysite.notes.anchors import Anchors, page_anchors, resolve_links
from studysite.notes.blocks import code_lines, read
from studysite.notes.footnotes import convert_footnotes
from studysite.notes.heading_ids import heading_problems
from studysite.notes.translate import translate


def prepare_note(
    markdown: str, first: int = 1, anchors_of: Callable[[str], Anchors | None] = lambda path: None
) -> tuple[str, list[Problem]]:
    """The Markdown MkDocs renders for ``markdown`` (a note after its front matter), and what the writer
    should fix; ``first`` is the file's line number of ``markdown``'s first line; ``anchors_of(path)``
    gives the anchors of another note a link points to (see ``resolve_links``)."""
    translation = translate(markdown)
    text = translation.text
    code = code_lines(text, read(text))
    text, found = convert_footnotes(text, code)
    found += heading_problems(
        text.split("\n"), code, where=lambda line: translation.line_of(line) + first - 1
    )
    text, broken = resolve_links(text, page_anchors(text), anchors_of, code)
    found += broken
    text = convert_layer_diagrams(
        text,
        on_error=lambda line, message: found.append(Problem(line, f"layer diagram not converted: {message}")),
        skip=translation.indented_code,  # indented code is code in the preview: never a diagram
    )
    problems = [Problem(translation.line_of(p.line), p.message) for p in found] + translation.problems
    shift = first - 1
    return text, sorted((Problem(p.line + shift, p.message) for p in problems), key=lambda p: p.line)


def note_anchors(markdown: str) -> Anchors:
    """The heading anchors of a note (after its front matter), as the site will give them."""
    return page_anchors(translate(markdown).text)
