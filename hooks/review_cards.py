"""The 復習 page, the Anki deck and the TSV, made from the notes' structure (studysite.cards).

- ``on_files``: reads every note as written (``cards: false`` in its front matter opts it out), the
  glossary (includes/abbreviations.md) and the timeline data, makes the cards, logs how many of each kind,
  and adds the generated page ``review.md`` (nothing is written into docs/).
- ``on_nav``: orders the cards as the navigation orders their pages and adds ``downloads/study-cards.apkg``
  and ``downloads/study-cards.tsv`` as generated files, so links to them resolve and they are copied.
- ``on_page_markdown`` / ``on_page_content`` of the review page: a heading per chapter, then the cards
  from the template ``partials/review-cards.html``; the combined print page gets them as a Q&A list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from studysite.cards.anki import DeckCard, answer_html, apkg_bytes, tsv_text
from studysite.cards.card import KIND_NAMES, Card
from studysite.cards.collect import Deck, Note, collect
from studysite.cards.review_page import (
    APKG,
    FRONT_MATTER,
    TSV,
    by_chapter,
    fill_markers,
    page_markdown,
    where,
    with_anchor,
)
from studysite.cards.sources import project_glossary, project_timeline
from studysite.infra.html_text import html_text
from studysite.notes.chapters import note_title
from studysite.site.templates import TemplateMissing, partial

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure import StructureItem
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = get_plugin_logger(__name__)

PAGE = "review.md"
TEMPLATE = "partials/review-cards.html"


@dataclass
class _Entry:
    card: Card
    question: Markup
    answer: Markup
    kind_name: str
    href: str
    where: str


@dataclass
class _State:
    """What this hook keeps between the events of one build."""

    deck: Deck | None = None  # made in on_files
    titles: dict[str, str] = field(default_factory=dict)  # page -> the note's title
    chapters: list[tuple[str, list[Card]]] | None = None  # grouped in on_nav


_state = _State()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _state.deck, _state.titles, _state.chapters = None, {}, None
    if files.get_file_from_path(PAGE) is not None:
        raise PluginError(f"{PAGE}: the 復習 page is generated from the notes; rename this note")
    root = Path(config.config_file_path).parent
    notes, titles = [], {}
    for file in files.documentation_pages():
        try:
            source = file.content_string
        except (OSError, UnicodeDecodeError):
            continue  # the page's own read reports it
        notes.append(Note(file.src_uri, source))
        titles[file.src_uri] = note_title(source) or file.name
    deck = collect(notes, project_glossary(root), project_timeline(root))
    log.info(deck.summary())
    for problem in deck.problems:
        log.warning(problem)
    _state.deck, _state.titles = deck, titles
    files.append(File.generated(config, PAGE, content=FRONT_MATTER + "# 復習 {#review}\n"))
    return files


def _chapters(nav: Navigation, deck: Deck, titles: dict[str, str]) -> list[tuple[str, list[Card]]]:
    """The cards grouped by top-level nav entry (a chapter's section, or a page of its own), in nav order."""
    order: dict[str, tuple[int, str]] = {}
    for index, page in enumerate(nav.pages):
        top: StructureItem = page
        while top.parent is not None:
            top = top.parent
        title = html_text(top.title) if top is not page else titles.get(page.file.src_uri, "")
        order[page.file.src_uri] = (index, title or html_text(page.title))
    return by_chapter(deck.cards, order)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if _state.deck is None:
        return nav
    _state.chapters = _chapters(nav, _state.deck, _state.titles)
    entries = []
    for chapter, cards in _state.chapters:
        for card in cards:
            target = files.get_file_from_path(card.page) if card.page else None
            url = ""
            if target is not None and config.site_url:
                url = with_anchor(f"{config.site_url.rstrip('/')}/{target.url}", card.anchor)
            entries.append(DeckCard(card, url, where(card, _state.titles), chapter))
    files.append(File.generated(config, APKG, content=apkg_bytes(entries, config.site_name)))
    files.append(File.generated(config, TSV, content=tsv_text(entries)))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.file.src_uri != PAGE or _state.chapters is None:
        return None
    return page_markdown(_state.chapters)


def _template(config: MkDocsConfig) -> jinja2.Template:
    try:
        return partial(config.theme.dirs, TEMPLATE, trim=True)
    except TemplateMissing as error:
        raise PluginError(f"review cards: {error}") from None


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if page.file.src_uri != PAGE or _state.chapters is None:
        return None
    template = _template(config)
    chapters = _state.chapters

    def entries(number: int) -> list[_Entry]:
        found = []
        for card in chapters[number][1]:
            target = files.get_file_from_path(card.page) if card.page else None
            href = with_anchor(get_relative_url(target.url, page.file.url), card.anchor) if target else ""
            found.append(
                _Entry(
                    card,
                    Markup(card.question.html),
                    Markup(answer_html(card.answer)),
                    KIND_NAMES[card.kind],
                    href,
                    where(card, _state.titles),
                )
            )
        return found

    def render(mode: str) -> str:
        toolbar = template.render(mode="toolbar", cards=[]) if mode == "screen" else ""
        return fill_markers(html_text, lambda n: template.render(mode=mode, cards=entries(n)), toolbar)

    if getattr(page, "html", None) is not None:
        page.html = render("print")  # type: ignore[attr-defined]  # what print-site puts on print_page/
    return render("screen")
