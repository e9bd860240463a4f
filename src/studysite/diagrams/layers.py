"""The layer-diagram pass over a page: fences that hold a box drawing become Mermaid, with a text version.

Pure text in, text out. The fences are found by ``studysite.notes.fences``; which ones hold a drawing is
decided by ``studysite.diagrams.detect``, the drawing is read by ``studysite.diagrams.readers`` and
written by ``studysite.diagrams.mermaid``. Only unlabeled and ``text`` fences are candidates: a
``plaintext`` (or any other) fence always stays code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from studysite.diagrams.attrs import mermaid_opener
from studysite.diagrams.detect import looks_like_diagram
from studysite.diagrams.grid import DiagramError, Grid, NotLayers
from studysite.diagrams.mermaid import describe, to_mermaid
from studysite.diagrams.readers import read
from studysite.notes.fences import (
    TAB_LENGTH,
    Fence,
    _indent_of,
    escape_markdown,
    preceding_prose,
    rewrite_fences,
    scan_fences,
)

TEXT_VERSION = "テキスト版"
DEFAULT_TITLE = "レイヤー図"
#: Info string of the fence that keeps the original drawing: not "" or "text", so never converted again.
SOURCE_INFO = "{.text .layer-source}"
#: Ends the "テキスト版" block when indented code follows the diagram (else the block would swallow it).
DETAILS_END = "<!-- end of テキスト版 -->"
#: Said after what is wrong with a drawing that cannot be read: how to keep the block as code on purpose.
KEEP_AS_CODE = "to show the block as plain code instead, open its fence with ```plaintext"


def convert_layer_diagrams(markdown: str, on_error: Callable[[int, str], None] | None = None) -> str:
    """Each unlabeled or ``text`` fence holding a layer diagram becomes a ``mermaid`` fence followed by a
    collapsed "テキスト版" block with a one-line description and the original drawing. The fence carries
    the title and description as ``data-acc-title`` / ``data-acc-descr``: Mermaid's block grammar has no
    ``accTitle``/``accDescr``, so the page's diagram loader puts them into the drawn SVG.

    A diagram that cannot be converted stays as it is and ``on_error(line, message)`` is called with the
    1-based line of ``markdown`` at fault, in page order: a drawing that does not parse, or a fence glued
    to a "lazy" line of the paragraph around it, whose reading the inserted blocks would change. Running
    the pass again changes nothing (always when blocks are separated by blank lines; when lines are glued
    together, whenever the first run warned about nothing).
    """
    if "```" not in markdown and "~~~" not in markdown:
        return markdown  # no fence at all: most pages
    lines = markdown.split("\n")
    plans: dict[int, tuple[Fence, Grid]] = {}  # by opening line: the fences to convert

    def indent_at(j: int) -> int:  # as after the rewrite: a converted fence moves to its block level
        return plans[j][0].base if j in plans else _indent_of(lines[j])

    problems: list[tuple[int, str]] = []
    refused: set[int] = set()  # fences kept as code because the lines after them would read differently
    fences = list(scan_fences(lines))
    for fence in reversed(fences):  # bottom up: whether the fence below converts matters
        source = "\n".join(fence.body)
        if fence.info.lower() not in ("", "text") or "\r" in source or not looks_like_diagram(source):
            continue  # (a lone "\r" would end a line for Python-Markdown but not for us)
        after = fence.end + 1
        if fence.indent < fence.base:  # a "lazy" line of the list item above: no block can start here
            problems.append(
                (
                    fence.start + 1,
                    f"the fence continues the list item above but is indented "
                    f"{fence.indent} spaces, not {fence.base}: indent it by {fence.base} or put a "
                    "blank line before it",
                )
            )
        elif fence.lazy_after and after not in plans:
            problems.append(
                (
                    after + 1,
                    "this line continues the paragraph around the fence above: put a blank line before it",
                )
            )
            refused.add(fence.start)
        elif after in refused:  # the blank lines a conversion inserts would cut the next fence's paragraph
            problems.append((after + 1, "this fence is glued to the one above: put a blank line before it"))
            refused.add(fence.start)
        else:
            try:
                plans[fence.start] = (fence, read(source))
            except NotLayers:
                continue  # boxes with arrows or notes between them: another kind of drawing, kept as code
            except DiagramError as error:
                problems.append((fence.start + 1 + error.line, f"{error.message}; {KEEP_AS_CODE}"))
    for line, message in sorted(problems):
        if on_error is not None:
            on_error(line, message)
    if not plans:
        return markdown
    last_end = -1  # closing line of the last converted fence: it already left a blank line after itself

    def replace(fence: Fence, lines: Sequence[str]) -> list[str] | None:
        nonlocal last_end
        if fence.start not in plans:
            return None
        grid = plans[fence.start][1]
        title = preceding_prose(lines, fence.start) or DEFAULT_TITLE
        out = [""] if fence.start and lines[fence.start - 1].strip() and fence.start - 1 != last_end else []
        description = describe(grid)
        out += [
            mermaid_opener(fence.marker, title, description),
            *to_mermaid(grid).rstrip("\n").split("\n"),
            fence.marker,
            "",
        ]
        out += [f'??? note "{TEXT_VERSION}"', "", f"    {title}。{escape_markdown(description)}", ""]
        out += [f"    {fence.marker}{SOURCE_INFO}", *(f"    {line}" for line in fence.body)]
        out.append(f"    {fence.marker}")
        after = fence.end + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        if after < len(lines) and indent_at(after) >= fence.base + TAB_LENGTH:
            out += ["", DETAILS_END]  # what follows is indented code: keep it out of the details block
        if fence.end + 1 < len(lines) and lines[fence.end + 1].strip():
            out.append("")
        last_end = fence.end
        return out

    return rewrite_fences(markdown, replace, fences)
