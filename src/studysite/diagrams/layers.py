"""The layer-diagram pass over a page: fences that hold a box drawing become Mermaid, with a text version.

Pure text in, text out, on a note already in Python-Markdown's dialect (``studysite.notes.translate``:
every fence sits at its block's indentation, separated from what follows where that matters). The fences
are found by ``studysite.notes.blocks``; which ones hold a drawing is
decided by ``studysite.diagrams.detect``, the drawing is read by ``studysite.diagrams.readers`` and
written by ``studysite.diagrams.mermaid``. Only unlabeled and ``text`` fences are candidates: a
``plaintext`` (or any other) fence always stays code.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from studysite.diagrams.attrs import mermaid_opener
from studysite.diagrams.detect import looks_like_diagram
from studysite.diagrams.grid import DiagramError, Grid, NotLayers
from studysite.diagrams.labels import escape_markdown
from studysite.diagrams.mermaid import describe, to_mermaid
from studysite.diagrams.readers import read as read_grid
from studysite.notes.blocks import Block, code_body, read, walk
from studysite.notes.translate import CODE_TAB

TEXT_VERSION = "テキスト版"
DEFAULT_TITLE = "レイヤー図"
#: Info string of the fence that keeps the original drawing: not "" or "text", so never converted again.
SOURCE_INFO = "{.text .layer-source}"
#: Ends the "テキスト版" block when indented code follows the diagram (else the block would swallow it).
DETAILS_END = "<!-- end of テキスト版 -->"
#: Said after what is wrong with a drawing that cannot be read: how to keep the block as code on purpose.
KEEP_AS_CODE = "to show the block as plain code instead, open its fence with ```plaintext"


@dataclass(frozen=True)
class Fence:
    start: int  # index of the opening line (0-based)
    end: int  # index of the closing line
    base: int  # columns of indentation of the fence: its block's level
    marker: str  # the fence itself: "```", "~~~~"…
    info: str  # what follows the marker, stripped
    body: tuple[str, ...]  # content lines, as CommonMark reads them
    title: str | None  # one short line of prose right above the fence, if any


def convert_layer_diagrams(
    markdown: str, on_error: Callable[[int, str], None] | None = None, skip: Collection[int] = ()
) -> str:
    """Each unlabeled or ``text`` fence holding a layer diagram becomes a ``mermaid`` fence followed by a
    collapsed "テキスト版" block with a one-line description and the original drawing. The fence carries
    the title and description as ``data-acc-title`` / ``data-acc-descr`` (Mermaid's block grammar has no
    ``accTitle``/``accDescr``); the build-time renderer puts them into the drawn SVG.

    A diagram that cannot be converted stays as it is and ``on_error(line, message)`` is called with the
    1-based line of ``markdown`` at fault, in page order. Running the pass again changes nothing.
    ``skip``: 0-based opening lines of fences that are not candidates (indented code, in the note).
    """
    if "```" not in markdown and "~~~" not in markdown:
        return markdown  # no fence at all: most pages
    lines = markdown.split("\n")
    plans: dict[int, tuple[Fence, Grid]] = {}  # by opening line: the fences to convert
    problems: list[tuple[int, str]] = []
    for fence in note_fences(markdown):
        if fence.start in skip:
            continue
        source = "\n".join(fence.body)
        if fence.info.lower() not in ("", "text") or "\r" in source or not looks_like_diagram(source):
            continue  # (a lone "\r" would end a line for Python-Markdown but not for us)
        try:
            plans[fence.start] = (fence, read_grid(source))
        except NotLayers:
            continue  # boxes with arrows or notes between them: another kind of drawing, kept as code
        except DiagramError as error:
            problems.append((fence.start + 1 + error.line, f"{error.message}; {KEEP_AS_CODE}"))
    for line, message in sorted(problems):
        if on_error is not None:
            on_error(line, message)
    if not plans:
        return markdown
    out: list[str] = []
    done = 0
    for start, (fence, grid) in sorted(plans.items()):
        pad = " " * fence.base
        glued_above = start and lines[start - 1].strip() and start != done  # (done: a diagram's blank after)
        glued_below = fence.end + 1 < len(lines) and lines[fence.end + 1].strip()
        new = [""] * bool(glued_above) + _diagram_lines(fence, grid, lines) + [""] * bool(glued_below)
        out += lines[done:start]
        out += [pad + line if line.strip() else "" for line in new]
        done = fence.end + 1
    return "\n".join(out + lines[done:])


def _diagram_lines(fence: Fence, grid: Grid, lines: Sequence[str]) -> list[str]:
    """The Mermaid fence and the テキスト版 block that replace ``fence`` (unindented)."""
    title = fence.title or DEFAULT_TITLE
    description = describe(grid)
    out = [
        mermaid_opener(fence.marker, title, description),
        *to_mermaid(grid).rstrip("\n").split("\n"),
        fence.marker,
        "",
    ]
    out += [f'??? note "{TEXT_VERSION}"', "", f"    {title}。{escape_markdown(description)}", ""]
    out += [
        f"    {fence.marker}{SOURCE_INFO}",
        *(f"    {line}" for line in fence.body),
        f"    {fence.marker}",
    ]
    after = fence.end + 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    if after < len(lines) and _indent(lines[after]) >= fence.base + 4:
        out += ["", DETAILS_END]  # what follows is indented code: keep it out of the details block
    return out


def note_fences(markdown: str, root: Block | None = None) -> list[Fence]:
    """The closed fences of a page in Python-Markdown's dialect that are not inside a block quote."""
    lines = markdown.split("\n")
    root = read(markdown) if root is None else root
    found: list[Fence] = []
    previous: Block | None = None
    for block in walk(root):
        if block.kind in ("paragraph", "heading", "table", "html", "code", "hr", "fence"):
            if block.kind == "fence" and block.closed and not _quoted(block):
                opener = lines[block.start]
                base = _indent(opener)
                stripped = opener.lstrip(" \t")
                marker = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]
                body = tuple(code_body(block.content.replace(CODE_TAB, "\t")))
                near = previous is not None and _only_blank(lines, previous.end, block.start)
                title = _title(previous, block) if previous is not None and near else None
                found.append(Fence(block.start, block.end - 1, base, marker, block.info, body, title))
            previous = block
    return found


def _title(block: Block, fence: Block) -> str | None:
    """A one-line paragraph's text right above the fence (not in a quotation) as its diagram's title: short,
    without its closing punctuation; never a line that holds HTML or looks like a table row."""
    if block.kind != "paragraph" or block.end - block.start != 1:
        return None
    if any(b.kind == "quote" and b not in fence.ancestors for b in block.ancestors):
        return None  # a quotation is someone else's words, not a caption
    text = block.inline.strip().rstrip("\\ :：。.")
    if not text or len(text) > 80 or "<" in text or text[0] in "#>|`~" or text.endswith("|"):
        return None
    return text


def _only_blank(lines: Sequence[str], start: int, end: int) -> bool:
    return all(not line.strip() for line in lines[start:end])


def _quoted(block: Block) -> bool:
    parent = block.parent
    while parent is not None:
        if parent.kind == "quote":
            return True
        parent = parent.parent
    return False


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
