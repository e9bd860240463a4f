"""Japanese search: rewrite Material's search index after the build (see studysite.search.ja).

The search plugin writes ``search/search_index.json`` in its ``on_post_build``; this hook runs after it
(hooks come after plugins) and replaces the file with the augmented index: the shared separator, the
hidden ``ja`` field of word forms, pages in navigation order. Keep this hook listed before any hook that
reads the index (an offline or ``file://`` bundle of it, for instance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from studysite.infra.textfile import TextFileError
from studysite.notes.glossary import Glossary as TermMatcher
from studysite.notes.glossary import GlossaryError, load_glossary
from studysite.notes.term_uses import GLOSSARY_PAGE, glossary_entries
from studysite.search.ja import GlossaryPage, augment_json, check_config, sudachi_splitter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

#: The glossary's terms as the site marks them (hooks/glossary_tooltips.py reports a bad file).
TERMS = "includes/abbreviations.md"


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    page_order: list[str] = field(default_factory=list)  # page URLs in nav order (ties go to the earlier)
    glossary: GlossaryPage | None = None  # the glossary page's entries, indexed one by one
    matcher: TermMatcher | None = None  # the site's glossary matcher, to find the pages discussing a term


_state = _State()


def _search_plugin(config: MkDocsConfig):
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search"):
            return plugin
    return None


def on_config(config: MkDocsConfig) -> None:
    plugin = _search_plugin(config)
    if plugin is None or not plugin.config.get("enabled", True):
        return
    problems = check_config(plugin.config.get("lang") or [], plugin.config.get("pipeline"))
    if problems:
        raise PluginError("mkdocs.yml: " + "; ".join(problems))
    try:
        _state.matcher = load_glossary(Path(config.config_file_path).parent / TERMS, TERMS)
    except (TextFileError, GlossaryError):
        _state.matcher = None


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    _state.page_order = [page.url for page in nav.pages]


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == GLOSSARY_PAGE:
        entries = [(entry.anchor, entry.title, entry.text) for entry in glossary_entries(html)]
        _state.glossary = GlossaryPage(page.url, entries)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    glossary, _state.glossary = _state.glossary, None
    if not index.exists():
        return
    text = augment_json(
        index.read_text(encoding="utf-8"), sudachi_splitter(), _state.page_order, glossary, _state.matcher
    )
    index.write_text(text, encoding="utf-8")
