"""Term cards for glossary entries that no definition list of a note holds (includes/abbreviations.md)."""

from __future__ import annotations

import html

from studysite.cards.card import Card, Point, Text
from studysite.notes.heading_ids import slugify


def abbreviation_cards(terms: dict[str, str], covered: set[str], page: str = "") -> list[Card]:
    """One card per definition whose terms no note defines already; a definition shared by several terms
    (aliases, "VM" and "仮想マシン") is one card naming them all. ``page`` is where they link to."""
    by_definition: dict[str, list[str]] = {}
    for term, definition in terms.items():
        if term not in covered:
            by_definition.setdefault(definition, []).append(term)
    cards = []
    for definition, names in by_definition.items():
        question = " / ".join(names)
        cards.append(
            Card(
                f"abbr:{slugify(names[0])}",
                "term",
                Text(question, html.escape(question)),
                (Point(Text(definition, html.escape(definition))),),
                page,
                "",
                "用語集",
            )
        )
    return cards
