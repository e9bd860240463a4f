"""The cards as an Anki deck (``.apkg``, written with genanki) and as a TSV file for other tools.

Each card is one Anki note whose GUID is the card's stable id: importing a newer deck updates the notes
the previous import made instead of adding copies. The bytes depend only on the cards and the timestamp
(``SOURCE_DATE_EPOCH`` in a reproducible build), so two builds of the same notes give the same file.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki  # type: ignore[import-untyped]  # ships no type information

from studysite.cards.card import Card, Point, answer_plain

#: Fixed ids: an Anki note type and a deck keep their id across builds (Anki matches them by id).
MODEL_ID = 1_607_392_319
_FIELDS = ["Question", "Answer", "Context", "Source", "Id"]
_CSS = """.card { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 20px;
  line-height: 1.6; text-align: left; color: #1f1f1f; background: #fff; padding: 0 0.5em; }
.nightMode.card, .card.nightMode { color: #e6e6e6; background: #1e1e1e; }
.context { font-size: 0.75em; color: #5f6368; }
.nightMode .context { color: #b0b0b0; }
.source { font-size: 0.75em; margin-top: 1.5em; }
.source a { color: #3f51b5; }
.nightMode .source a { color: #9fa8ff; }
code { font-family: monospace; background: rgba(127, 127, 127, 0.15); padding: 0 0.2em; }
"""
_FRONT = '<div class="context">{{Context}}</div>\n<div class="question">{{Question}}</div>'
_BACK = (
    '{{FrontSide}}\n<hr id="answer">\n<div class="answer">{{Answer}}</div>\n'
    '<div class="source">{{Source}}</div>'
)


@dataclass(frozen=True)
class DeckCard:
    """A card with what the deck needs beside it: the absolute URL of its section and the source's title."""

    card: Card
    url: str
    where: str  # "ページ › 見出し"
    chapter: str


def answer_html(points: tuple[Point, ...]) -> str:
    """The answer as HTML: one line as a paragraph, several as a list (nested as written)."""
    if len(points) == 1 and not points[0].children:
        return f"<p>{points[0].text.html}</p>"
    return _list(points)


def _list(points: tuple[Point, ...]) -> str:
    items = "".join(f"<li>{p.text.html}{_list(p.children) if p.children else ''}</li>" for p in points)
    return f"<ul>{items}</ul>"


def _tag(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text) or "_"


def deck_id(name: str) -> int:
    """A stable deck id from the deck's name (Anki ids are positive 63-bit integers)."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:12], 16) + (1 << 40)


def build_package(cards: list[DeckCard], deck_name: str) -> genanki.Package:
    model = genanki.Model(
        MODEL_ID,
        "学習ノート 復習カード",
        fields=[{"name": name} for name in _FIELDS],
        templates=[{"name": "カード", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )
    deck = genanki.Deck(deck_id(deck_name), deck_name)
    for entry in cards:
        card = entry.card
        source = (
            f'<a href="{html.escape(entry.url, quote=True)}">{html.escape(entry.where)}</a>'
            if entry.url
            else html.escape(entry.where)
        )
        extra = f"<p>{html.escape(card.extra)}</p>" if card.extra else ""
        fields = [
            card.question.html,
            answer_html(card.answer) + extra,
            html.escape(card.context),
            source,
            html.escape(card.id),
        ]
        tags = [card.kind, _tag(entry.chapter)]
        deck.add_note(genanki.Note(model=model, fields=fields, guid=card.id, tags=tags))
    return genanki.Package(deck)


def apkg_bytes(cards: list[DeckCard], deck_name: str, timestamp: float | None = None) -> bytes:
    """The ``.apkg`` file: a zip of the collection's SQLite database and an empty media map.

    Written here rather than by ``Package.write_to_file`` so that the zip entries carry the build's
    timestamp, not the temporary file's time: the same cards and timestamp give the same bytes.
    """
    if timestamp is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        timestamp = float(epoch) if epoch and epoch.isdigit() else time.time()
    package = build_package(cards, deck_name)
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(db_path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        database = db_path.read_bytes()
    stamp = time.gmtime(max(timestamp, 315532800))[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", database), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


TSV_COLUMNS = ("id", "kind", "chapter", "context", "question", "answer", "source")


def tsv_text(cards: list[DeckCard]) -> str:
    """One card per line, tab-separated, plain text (answer lines joined by " / "), with a header line."""
    lines = ["\t".join(TSV_COLUMNS)]
    for entry in cards:
        card = entry.card
        answer = " / ".join(line.strip() for line in answer_plain(card.answer))
        if card.extra:
            answer += f" ({card.extra})"
        row = (card.id, card.kind, entry.chapter, card.context, card.question.plain, answer, entry.url)
        lines.append("\t".join(_cell(value) for value in row))
    return "\n".join(lines) + "\n"
