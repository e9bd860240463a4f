"""Raw notes read as their writer keeps them: nesting by the writer's indent, ※ footnotes, checked ids.

Runs before every other pass over a page's Markdown (it is first among the hooks that change it): the
layer-diagram pass and Python-Markdown then see lists indented their way. Nothing is written back to the
note. Problems are warnings with ``file:line`` (so ``mkdocs build --strict`` fails); front matter that
MkDocs would silently drop stops the build. See ``studysite.notes.lists``, ``.footnotes``,
``.heading_ids``, ``.frontmatter`` and ``.links``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from studysite.notes.fences import unclosed_fence
from studysite.notes.footnotes import convert_footnotes
from studysite.notes.frontmatter import front_matter_error, lines_before_body
from studysite.notes.heading_ids import heading_problems
from studysite.notes.links import drop_tracking
from studysite.notes.lists import code_lines, normalize_lists

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = _source(page)
    if source is not None and (error := front_matter_error(source)):
        raise PluginError(f"{page.file.src_uri}:{error[0]}: {error[1]}")
    offset = lines_before_body(source, markdown) if source is not None else 0
    text = normalize_lists(markdown)
    code = code_lines(text)
    text, problems = convert_footnotes(text, code, first=offset + 1)
    problems += heading_problems(text.split("\n"), code, first=offset + 1)
    for problem in problems:
        log.warning(f"{page.file.src_uri}:{problem.line}: {problem.message}")
    if (line := unclosed_fence(markdown.split("\n"))) is not None:
        log.warning(
            f"{page.file.src_uri}:{offset + line + 1}: this code fence is never closed, so it and the rest "
            "of the page read as text: end it with a line of the same backticks (or tildes)"
        )
    return text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return drop_tracking(html)


def _source(page: Page) -> str | None:
    try:
        return page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        return None
