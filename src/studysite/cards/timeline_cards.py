"""Cards from the history timeline: "when did this happen?" for each event, answered by its date."""

from __future__ import annotations

import html

from studysite.cards.card import Card, Point, Text
from studysite.timeline.model import Timeline


def timeline_cards(timeline: Timeline, page: str) -> list[Card]:
    """One card per event, linking to the event's entry (its id is the anchor) on ``page``."""
    cards = []
    for event in timeline.events:
        question = f"「{event.title}」はいつ？"
        answer = Text(event.date.label, html.escape(event.date.label))
        cards.append(
            Card(
                f"timeline:{event.id}",
                "timeline",
                Text(question, html.escape(question)),
                (Point(answer),),
                page,
                event.id,
                timeline.title,
                event.line,
                event.label,
                timeline.title,
            )
        )
    return cards
