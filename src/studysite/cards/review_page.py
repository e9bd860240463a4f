"""The 復習 page's text: its front matter, the cards grouped by chapter in the navigation's order, and the
page's Markdown with one marker per chapter, and what fills the markers in (``fill_markers``, with the
rendering ``hooks/review_cards.py`` gives it)."""

from __future__ import annotations

import re
from collections.abc import Callable

from studysite.cards.card import Card

APKG = "downloads/study-cards.apkg"
TSV = "downloads/study-cards.tsv"
#: The page is left out of search: its cards repeat the notes, which are what a search should find (and an
#: extra entry would move the ranking of the notes' own entries).
FRONT_MATTER = (
    "---\n"
    "description: ノートの用語集、「〜とは」の箇条書き、ラベルと説明の組、年表から作った確認用のカード。\n"
    "search:\n  exclude: true\n"
    "---\n"
)
#: Where the page's Markdown leaves room for the cards of chapter N, and for the toolbar.
MARKER = re.compile(r"<!-- review-cards (\d+) -->")
TOOLBAR = "<!-- review-cards toolbar -->"


def by_chapter(cards: list[Card], order: dict[str, tuple[int, str]]) -> list[tuple[str, list[Card]]]:
    """The cards grouped by chapter, in the navigation's order. ``order``: page -> (its place in the
    navigation, its chapter's title); cards of pages outside it (the glossary's) come last, as 用語集."""
    groups: dict[str, list[Card]] = {}
    rest = len(order)
    for card in sorted(cards, key=lambda c: order.get(c.page, (rest, ""))[0]):
        groups.setdefault(order.get(card.page, (rest, "用語集"))[1], []).append(card)
    return list(groups.items())


def page_markdown(chapters: list[tuple[str, list[Card]]]) -> str:
    lines = [
        "# 復習 {#review}",
        "",
        "ノートの用語集、「〜とは」の箇条書き、「ラベル: 説明」の組、年表から作った確認用の質問と答えです。",
        "",
        # on screen only (site.css): paper has no answers to open and no downloads
        "質問を読んで答えを思い出してから、答えを開いてください。"
        f"同じカードを[Ankiのデッキ (.apkg)]({APKG})と[TSVファイル]({TSV})でもダウンロードできます。",
        "{: .screen-only }",
        "",
        TOOLBAR,
        "",
    ]
    for number, (title, _cards) in enumerate(chapters):
        safe = re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~&])", r"\\\1", title)
        # the cards are out of search (data-search-exclude): the notes themselves are what to find
        lines += [f"## {safe} {{ data-search-exclude }}", "", f"<!-- review-cards {number} -->", ""]
    return "\n".join(lines)


def fill_markers(html: str, chapter: Callable[[int], str], toolbar: str) -> str:
    """The page's HTML with each chapter's marker replaced by ``chapter(N)`` and the toolbar's by
    ``toolbar``."""
    return MARKER.sub(lambda match: chapter(int(match.group(1))), html).replace(TOOLBAR, toolbar)


def where(card: Card, titles: dict[str, str]) -> str:
    """Where the card's link goes, as "note title › heading" (``titles``: page -> its note's title)."""
    title = titles.get(card.page, card.page)
    return f"{title} › {card.section}" if card.section and card.section != title else title


def with_anchor(url: str, anchor: str) -> str:
    """A page's URL, and the card's heading or event on it."""
    return url + (f"#{anchor}" if anchor else "")
