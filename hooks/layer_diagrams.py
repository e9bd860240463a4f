"""Draw the notes' layer diagrams (boxes in text) with Mermaid.

Unlabeled and ``text`` fences that hold a box drawing become ``mermaid`` fences followed by a collapsed
"テキスト版" block with the original drawing; everything else is left byte for byte. The work is done by
``studysite.diagrams.layers``; this module only connects it to MkDocs. A drawing that cannot be read
stays as code and logs a warning with ``file:line``, which fails ``--strict``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from studysite.diagrams.layers import convert_layer_diagrams

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    def warn(line: int, message: str) -> None:  # the source is read again only when there is a warning
        offset = _lines_before_body(page, markdown)
        log.warning(f"{page.file.src_uri}:{line + offset}: layer diagram not converted: {message}")

    return convert_layer_diagrams(markdown, on_error=warn)


def _lines_before_body(page: Page, markdown: str) -> int:
    """Lines of YAML front matter (and blank lines) MkDocs removed before handing us the Markdown."""
    try:
        source = page.file.content_string
    except (OSError, UnicodeDecodeError, TypeError):
        return 0
    if not markdown or not source.endswith(markdown):
        return 0
    return source[: len(source) - len(markdown)].count("\n")
