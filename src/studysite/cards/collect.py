"""All cards of a site: the notes' (in order), the glossary's, the timeline's; checked and counted."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import yaml

from studysite.cards.card import KINDS, Card, answer_plain
from studysite.cards.glossary_cards import abbreviation_cards
from studysite.cards.inline import only_link, segments
from studysite.cards.note_cards import note_cards, term_cards
from studysite.cards.timeline_cards import timeline_cards
from studysite.notes.blocks import code_lines
from studysite.notes.frontmatter import FRONT_MATTER, lines_before_body
from studysite.timeline.model import Timeline
from studysite.timeline.render import MARKER_RE


@dataclass(frozen=True)
class Note:
    page: str  # path below docs/
    source: str  # the file as written, front matter included


@dataclass
class Deck:
    cards: list[Card] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # why candidates gave no card
    problems: list[str] = field(default_factory=list)  # "page:line: what to fix", for the build log

    def counts(self) -> dict[str, int]:
        found = Counter(card.kind for card in self.cards)
        return {kind: found[kind] for kind in KINDS}

    def summary(self) -> str:
        """The build log's line: how many cards of each kind, and why candidates were left out."""
        counts = self.counts()
        made = ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
        left = ", ".join(f"{why} {n}" for why, n in sorted(self.skipped.items()))
        return f"cards: {len(self.cards)} made ({made})" + (f"; left out: {left}" if left else "")


def split_front_matter(source: str) -> tuple[dict[str, object], str, int]:
    """(front matter, body, file line of the body's first line); front matter that is no mapping is {}."""
    m = FRONT_MATTER.match(source)
    if not m:
        return {}, source, 1
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        data = None
    body = source[m.end() :]
    return (data if isinstance(data, dict) else {}), body, lines_before_body(source, body) + 1


def wants_cards(meta: dict[str, object], page: str = "") -> bool:
    """``cards: false`` in a note's front matter opts it out; the home page (``index.md`` at the top, which
    presents the site rather than notes) gives cards only with ``cards: true``."""
    if page == "index.md":
        return meta.get("cards") is True
    return meta.get("cards", True) is not False


def timeline_page(notes: list[Note]) -> str | None:
    """The note that shows the timeline (its marker alone on a line, outside code)."""
    for note in notes:
        if "timeline" not in note.source:
            continue
        _, body, _ = split_front_matter(note.source)
        lines = body.split("\n")
        code = code_lines(body)
        if any(MARKER_RE.match(line) and not code[i] for i, line in enumerate(lines)):
            return note.page
    return None


_BLANK = re.compile(r"\s+")


def _key(text: str) -> str:
    return _BLANK.sub(" ", text).strip()


def collect(notes: list[Note], terms: dict[str, str], timeline: Timeline | None) -> Deck:
    """Every card, in the notes' order (the timeline's after its page's, abbreviations last), without an
    empty, duplicate or link-only answer and with ids unique across the site."""
    deck = Deck()
    raw: list[Card] = []
    covered: set[str] = set()
    shows_timeline = timeline_page(notes)
    glossary_page = None
    for note in notes:
        meta, body, first = split_front_matter(note.source)
        found, names = term_cards(body, note.page, first)
        covered |= names
        if found and glossary_page is None:
            glossary_page = note.page
        if "cards" in meta and not isinstance(meta["cards"], bool):
            line = next(
                (i + 1 for i, text in enumerate(note.source.split("\n")) if text.startswith("cards:")), 1
            )
            deck.problems.append(
                f"{note.page}:{line}: front matter 'cards' must be true or false, "
                f"got {meta['cards']!r} (write cards: false to leave the note out)"
            )
        if not wants_cards(meta, note.page):
            deck.skipped["cards: false" if note.page != "index.md" else "home page"] += 1
            continue
        raw += note_cards(body, note.page, first) + found
        if timeline is not None and note.page == shows_timeline:
            raw += timeline_cards(timeline, note.page)
    raw += abbreviation_cards(terms, covered, glossary_page or "")
    ids: set[str] = set()
    contents: set[tuple[str, str]] = set()
    for card in raw:
        answer = _key(" ".join(answer_plain(card.answer)))
        if not _key(card.question.plain) or not answer:
            deck.skipped["empty"] += 1
            continue
        if all(only_link(segments(point.text.plain)) for point in card.answer):
            deck.skipped["link only"] += 1
            continue
        content = (_key(card.context + " " + card.question.plain), answer)
        if content in contents or card.id in ids:
            deck.skipped["duplicate"] += 1
            continue
        ids.add(card.id)
        contents.add(content)
        deck.cards.append(card)
    return deck
