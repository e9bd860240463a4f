"""Glossary terms get hover definitions on every page, from one source: includes/abbreviations.md.

The same matcher also records where each term is used (every page and section); the glossary page
(``GLOSSARY_PAGE``) then lists those pages and sections under each entry (studysite.notes.term_uses,
``overrides/partials/term-uses.html``). Every page's content is made before any page is rendered, so the
lists are added when the glossary page is rendered (``on_page_context``), after the search plugin has
read the page: the lists are links, not text to search.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from studysite.infra.html_text import html_text
from studysite.infra.textfile import TextFileError
from studysite.notes.glossary import (
    Glossary,
    GlossaryError,
    annotate_and_find,
    load_glossary,
)
from studysite.notes.term_uses import GLOSSARY_PAGE, PageTerms, add_uses
from studysite.site.templates import TemplateMissing, partial

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

SOURCE = "includes/abbreviations.md"
TEMPLATE = "partials/term-uses.html"


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    glossary: Glossary = field(default_factory=lambda: Glossary({}, None))
    uses: dict[str, tuple[Page, dict[str, list[str]]]] = field(default_factory=dict)  # by src_uri
    order: list[str] = field(default_factory=list)  # src_uri of the pages in navigation order


_state = _State()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.config_file_path).parent / SOURCE
    try:
        _state.glossary = load_glossary(path, SOURCE)
    except TextFileError as error:
        raise PluginError(str(error)) from None
    except GlossaryError as error:
        raise PluginError(str(replace(error.problem, file=SOURCE))) from None
    _state.uses = {}
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    _state.order = [page.file.src_uri for page in nav.pages]


def _is_note(page: Page) -> bool:
    return page.file.generated_by is None and page.file.src_uri.endswith(".md")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    marked, uses = annotate_and_find(html, _state.glossary)
    if _is_note(page) and page.file.src_uri != GLOSSARY_PAGE:
        _state.uses[page.file.src_uri] = (page, uses)
    return marked


def _headings(items: list[AnchorLink]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        if item.level > 1:
            found[item.id] = html_text(item.title)
        found.update(_headings(item.children))
    return found


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.file.src_uri != GLOSSARY_PAGE or not page.content or not _state.uses:
        return context
    rank = {uri: i for i, uri in enumerate(_state.order)}
    pages = [
        PageTerms(
            get_relative_url(other.url, page.url),
            html_text(other.title or ""),
            _headings(list(other.toc)),
            uses,
        )
        for uri, (other, uses) in sorted(
            _state.uses.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])
        )
        if uses
    ]
    try:
        template = partial(config.theme.dirs, TEMPLATE)
    except TemplateMissing as error:
        raise PluginError(f"glossary: {error}") from None
    page.content = add_uses(page.content, pages, lambda uses: template.render(uses=uses))
    return context
