"""Review cards from the notes' structure (studysite.cards): extraction tables from the seed, the frozen
notes and edge cases; stable ids; quality rules; the Anki deck opened as zip and SQLite; the TSV."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from studysite.cards.anki import DeckCard, apkg_bytes, tsv_text
from studysite.cards.card import Card, Text, answer_plain
from studysite.cards.collect import Note, collect, split_front_matter
from studysite.cards.glossary_cards import abbreviation_cards
from studysite.cards.note_cards import note_cards, sections, split_term, term_cards
from studysite.cards.review_page import by_chapter, fill_markers, page_markdown, where, with_anchor
from studysite.notes.blocks import read, walk
from studysite.notes.glossary import parse_abbreviations
from studysite.timeline.load import load_timeline
from tests.support.project import FIXTURE_SITE, ROOT

SEED = ROOT / "tests" / "fixtures" / "docker-1.md"  # the seed note, as written


def slug(text: str) -> str:
    """A stand-in slugify for the tables (the real one needs SudachiPy's dictionary and is tested apart)."""
    return "-".join(
        "".join(ch.lower() if ch.isascii() else f"{ord(ch):x}" for ch in word) for word in text.split()
    )


def table(text: str, page: str = "n.md") -> list[tuple[str, str, str, list[str]]]:
    """(kind, context, question, answer lines) of a note's cards."""
    return [(c.kind, c.context, c.question.plain, answer_plain(c.answer)) for c in note_cards(text, page)]


def test_the_seed_note_as_written():
    cards = note_cards(SEED.read_text(encoding="utf-8"), "docker-1.md")
    assert [(c.kind, c.context, c.question.plain, answer_plain(c.answer)) for c in cards] == [
        (
            "definition",
            "Dockerとはなにか、なぜ注目されているか",
            "コンテナとは？",
            [
                "アプリケーションを依存対象とともにカプセル化したもの",
                "VM同様、隔離されたOS環境の中で、アプリケーションを動かす",
            ],
        ),
        ("pair", "VMとコンテナのゴール", "VM", ["異なる「環境」を完全にエミュレートすること"]),
        (
            "pair",
            "VMとコンテナのゴール",
            "コンテナ",
            ["「アプリケーション」をポータブルにし、単体で動作できるようにすること"],
        ),
        ("pair", "Open Container Initiative設立(2015年)", "スポンサー", ["Docker, MS, CoreOS, etc"]),
    ]
    # ids from page, heading id and the question's words; the link goes to the heading
    assert cards[0].id == "docker-1#docker-to-wa-nani-ka-naze-chuumoku-sare-te-iru-ka:definition:kontena"
    assert cards[0].anchor == "docker-to-wa-nani-ka-naze-chuumoku-sare-te-iru-ka"
    assert cards[3].anchor == "docker-to-kontena" and cards[3].line == 126
    # asked under its bullet, linked to its heading
    assert (cards[3].context, cards[3].section) == (
        "Open Container Initiative設立(2015年)",
        "Dockerとコンテナ",
    )


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # a paragraph ending in とは before a list, as the chapter's pages write it
        (
            "## 定義 {#def}\n\n**コンテナ**とは:\n\n- A\n- B\n",
            [("definition", "定義", "コンテナとは？", ["A", "B"])],
        ),
        # nested とは: both cards; the outer answer keeps the inner bullet with what is under it
        (
            "* Xとは\n  * Yとは\n    * y1\n  * x2\n",
            [
                ("definition", "", "Xとは？", ["Yとは", "  y1", "x2"]),
                ("definition", "", "Yとは？", ["y1"]),
            ],
        ),
        # 「Xとは: 説明」 on one line is a definition too
        ("* カーネルとは: OSの核\n", [("definition", "", "カーネルとは？", ["OSの核"])]),
        # pairs: ASCII and full-width colon, no space after it, context from the bullet above
        (
            "* ゴール\n  * VM: 環境を再現\n  * コンテナ:「アプリ」を運ぶ\n  * 担当：運用\n",
            [
                ("pair", "ゴール", "VM", ["環境を再現"]),
                ("pair", "ゴール", "コンテナ", ["「アプリ」を運ぶ"]),
                ("pair", "ゴール", "担当", ["運用"]),
            ],
        ),
        # a pair's own sub-bullets belong to its answer
        ("* 構成: 2つ\n  * エンジン\n  * Hub\n", [("pair", "", "構成", ["2つ", "  エンジン", "  Hub"])]),
        # colons in code, in links, in URLs and times make no pair; a colon after code does
        ("* `key: value` の形式\n", []),
        ("* [a: b](https://example.com) を読む\n", []),
        ("* https://example.com/a:b\n", []),
        ("* 10:30 に集合\n", []),
        ("* 設定: `a: b` を書く\n", [("pair", "", "設定", ["a: b を書く"])]),
        # a bare link or a link alone is no answer; a table of contents is no pair
        ("* 出典: https://example.com/x\n", []),
        ("* 出典: [記事](https://example.com/x)\n", []),
        ("* [コンテナとは](a.md): 定義と利点\n", []),
        # a sentence before the colon is no label
        ("* これは長い文です。だから: 違う\n", []),
        # code is never read
        ("```\n* Xとは\n  * x\n* A: b\n```\n", []),
        ("    * Xとは\n      * x\n", []),
        # a とは bullet without sub-bullets, and a heading ending in とは, give nothing
        ("* Xとは\n\n段落\n", []),
        ("## Xとは\n\n- a\n", []),
        # the marker: on a bullet, it leaves out the bullet and everything under it
        ("* VM: 環境 <!-- no-card -->\n* OS: 基盤\n", [("pair", "", "OS", ["基盤"])]),
        ("* Xとは <!-- no-card -->\n  * A: b\n", []),
        ("* Xとは\n  * a\n  * b <!-- no-card -->\n", [("definition", "", "Xとは？", ["a"])]),
        # the marker inside code is text, not a marker
        ("* A: `<!-- no-card -->`\n", [("pair", "", "A", ["<!-- no-card -->"])]),
    ],
)
def test_extraction(note: str, expected: list) -> None:
    assert table(note) == expected


def test_markup_in_notes_stays_text():
    [card] = note_cards('* <b onmouseover="x()">太字</b>: <script>alert(1)</script> & `<i>`\n', "n.md")
    assert card.question.plain == '<b onmouseover="x()">太字</b>'
    assert card.question.html == html.escape(card.question.plain)
    answer = card.answer[0].text
    assert answer.plain == "<script>alert(1)</script> & <i>"
    assert answer.html == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>&lt;i&gt;</code>"


def test_section_ids_are_the_sites():
    text = "# T {#top}\n\n## A\n\n## A\n\n## B {#a_1}\n\n## *C* [x](y)\n"
    assert [(s.anchor, s.title) for s in sections(read(text), slug)] == [
        ("top", "T"),
        ("a", "A"),
        ("a_2", "A"),  # toc's numbering skips the id a later heading states
        ("a_1", "B"),
        ("c-x", "C x"),
    ]


def test_terms_with_aliases_and_ids():
    note = (
        "## 基本 {#basics}\n\nVM / 仮想マシン {#vm}\n:   Virtual Machineの略。\n\n    関連: [VM](a.md)\n\n"
        "コンテナ\n:   隔離された環境。\n\n"
        "除外 {#x}\n:   使わない。 <!-- no-card -->\n\n"
        "リンク {#l}\n:   [a](b.md)\n"
    )
    cards, names = term_cards(note, "glossary.md", slug=slug)
    assert [(c.question.plain, answer_plain(c.answer), c.anchor, c.id) for c in cards] == [
        ("VM / 仮想マシン", ["Virtual Machineの略。"], "vm", "glossary#vm:term:vm"),
        ("コンテナ", ["隔離された環境。"], "basics", f"glossary#basics:term:{slug('コンテナ')}"),
    ]
    assert names == {"VM", "仮想マシン", "コンテナ", "除外", "リンク"}
    assert split_term("cgroups / CGroups / Control Groups {#cgroups}") == (
        ["cgroups", "CGroups", "Control Groups"],
        "cgroups",
    )


def test_abbreviations_not_on_a_page_are_grouped_by_definition():
    terms = {"VM": "仮想の機械", "仮想マシン": "仮想の機械", "OS": "基盤", "CPU": "演算"}
    cards = abbreviation_cards(terms, covered={"OS"}, page="glossary.md")
    assert [(c.question.plain, answer_plain(c.answer)) for c in cards] == [
        ("VM / 仮想マシン", ["仮想の機械"]),
        ("CPU", ["演算"]),
    ]


def _frozen_notes() -> list[Note]:
    docs = FIXTURE_SITE / "docs"
    return [
        Note(path.relative_to(docs).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(docs.rglob("*.md"))
    ]


@pytest.fixture(scope="module")
def frozen_timeline():
    return load_timeline(FIXTURE_SITE / "data" / "timeline.yml", ROOT / "data" / "timeline.schema.json")


@pytest.fixture(scope="module")
def frozen_terms() -> dict[str, str]:
    return parse_abbreviations((FIXTURE_SITE / "includes" / "abbreviations.md").read_text(encoding="utf-8"))


def test_the_frozen_notes_give_each_kind(frozen_timeline, frozen_terms):
    deck = collect(_frozen_notes(), frozen_terms, frozen_timeline)
    counts = deck.counts()
    assert counts["definition"] >= 1 and counts["pair"] >= 5 and counts["term"] >= 27
    assert counts["timeline"] == len(frozen_timeline.events)
    by_id = {card.id: card for card in deck.cards}
    assert answer_plain(by_id["timeline:docker"].answer) == ["2013年3月"]
    assert answer_plain(by_id["timeline:openvz"].answer) == ["2005年"]
    assert by_id["timeline:docker"].page == "docker-1/history.md"  # the page that shows the timeline
    vm = by_id["docker-1/what-is-a-container#goals:pair:vm"]
    assert (vm.context, answer_plain(vm.answer)) == (
        "VMとコンテナのゴール",
        ["異なる「環境」を完全にエミュレートすること"],
    )
    assert by_id["glossary#vm:term:vm"].question.plain == "VM / 仮想マシン"
    # every term of includes/abbreviations.md is on the glossary page: no card of its own
    assert not [card for card in deck.cards if card.id.startswith("abbr:")]


def test_quality_of_the_frozen_notes(frozen_timeline, frozen_terms):
    notes = _frozen_notes()
    deck = collect(notes, frozen_terms, frozen_timeline)
    headings = {
        block.inline.split("{")[0].strip()
        for note in notes
        for block in walk(read(split_front_matter(note.source)[1]))
        if block.kind == "heading"
    }
    ids = [card.id for card in deck.cards]
    assert len(ids) == len(set(ids))
    contents = [(card.context, card.question.plain, tuple(answer_plain(card.answer))) for card in deck.cards]
    assert len(contents) == len(set(contents))
    for card in deck.cards:
        lines = [line.strip() for line in answer_plain(card.answer)]
        assert card.question.plain.strip() and lines and all(lines), card
        assert " ".join(lines) not in headings, card
        assert not all(line.startswith(("http://", "https://")) for line in lines), card


def test_cards_false_opts_a_note_out(frozen_timeline):
    notes = _frozen_notes()
    history = next(n for n in notes if n.page == "docker-1/history.md")
    what = next(n for n in notes if n.page == "docker-1/what-is-a-container.md")
    opted = [
        Note(n.page, n.source.replace("---\n", "---\ncards: false\n", 1)) if n in (history, what) else n
        for n in notes
    ]
    deck = collect(opted, {}, frozen_timeline)
    assert not [c for c in deck.cards if c.page in (history.page, what.page)]
    assert deck.counts()["timeline"] == 0  # the timeline's cards link to the page that opted out
    assert deck.skipped["cards: false"] == 2
    assert deck.skipped["home page"] == 1  # the home page presents the site: no cards unless cards: true
    home = next(n for n in notes if n.page == "index.md")
    assert home.source.count("\n:   ") >= 3, "the home page has a definition list, which gives no card"


def test_cards_that_is_no_boolean_is_a_located_problem():
    deck = collect([Note("a.md", '---\ntitle: A\ncards: "no"\n---\n# A\n\n- X: y\n')], {}, None)
    [problem] = deck.problems
    assert problem.startswith("a.md:3: front matter 'cards' must be true or false, got 'no'")
    assert len(deck.cards) == 1  # kept: the writer sees the warning (a strict build stops on it)


def test_ids_stay_across_an_unrelated_edit(frozen_timeline, frozen_terms):
    notes = _frozen_notes()
    before = [card.id for card in collect(notes, frozen_terms, frozen_timeline).cards]
    edited = []
    for note in notes:
        source = note.source
        if note.page == "docker-1/what-is-a-container.md":
            # lines above, a new bullet in another section, a reworded answer: no other card moves
            source = source.replace(
                "# コンテナとは {#what-is-a-container}\n",
                "# コンテナとは {#what-is-a-container}\n\n前書き。\n\n- 追加: 新しい組\n",
            )
            source = source.replace("異なる「環境」を完全に", "異なる環境を丸ごと")
        edited.append(Note(note.page, source))
    after = [card.id for card in collect(edited, frozen_terms, frozen_timeline).cards]
    assert [i for i in after if i in before] == before
    assert set(after) - set(before) == {"docker-1/what-is-a-container#what-is-a-container:pair:tsuika"}


_PIECES = list("ab<>&\"'`*_[]():：とは-\n 　") + ["<script>", "<!--", "-->", "<!-- no-card -->", "http://x.y"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_any_bullet_text_stays_inert(text: str):
    note = f"* {text}\n  * {text}\n"
    for card in note_cards(note, "n.md", slug=slug):
        for fragment in [card.question.html] + [p.text.html for p in card.answer]:
            stripped = fragment.replace("<code>", "").replace("</code>", "")
            assert "<" not in stripped and ">" not in stripped, fragment


def _deck(frozen_timeline, frozen_terms) -> list[DeckCard]:
    deck = collect(_frozen_notes(), frozen_terms, frozen_timeline)
    return [
        DeckCard(
            card, f"https://example.org/{card.page.removesuffix('.md')}/#{card.anchor}", card.page, "Docker 1"
        )
        for card in deck.cards
    ]


def test_apkg_is_an_anki_collection_with_the_ids_as_guids(frozen_timeline, frozen_terms, tmp_path: Path):
    cards = _deck(frozen_timeline, frozen_terms)
    data = apkg_bytes(cards, "学習ノート", timestamp=1_700_000_000)
    assert data == apkg_bytes(cards, "学習ノート", timestamp=1_700_000_000)  # the same bytes twice
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    notes = {guid: fields.split("\x1f") for guid, fields in db.execute("select guid, flds from notes")}
    assert set(notes) == {entry.card.id for entry in cards}
    vm = notes["docker-1/what-is-a-container#goals:pair:vm"]
    assert vm[0] == "VM" and "異なる「環境」を完全にエミュレートすること" in vm[1]
    assert (
        vm[3]
        == '<a href="https://example.org/docker-1/what-is-a-container/#goals">docker-1/what-is-a-container.md</a>'
    )
    assert db.execute("select count(*) from cards").fetchone()[0] == len(cards)
    [(decks,)] = db.execute("select decks from col")
    assert "学習ノート" in [deck["name"] for deck in json.loads(decks).values()]


def test_apkg_fields_keep_markup_inert(tmp_path: Path):
    [card] = note_cards("* <img src=x onerror=alert(1)>: <script>x</script>\n", "n.md", slug=slug)
    data = apkg_bytes([DeckCard(card, "", "n", "c")], "d", timestamp=1_700_000_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    [(fields,)] = sqlite3.connect(tmp_path / "c.anki2").execute("select flds from notes")
    assert "<img" not in fields and "<script" not in fields
    assert "&lt;img src=x onerror=alert(1)&gt;" in fields


def test_tsv_has_one_plain_line_per_card(frozen_timeline, frozen_terms):
    cards = _deck(frozen_timeline, frozen_terms)
    lines = tsv_text(cards).splitlines()
    assert lines[0].split("\t") == ["id", "kind", "chapter", "context", "question", "answer", "source"]
    assert len(lines) == len(cards) + 1
    assert all(line.count("\t") == 6 for line in lines)
    row = next(
        line.split("\t") for line in lines if line.startswith("docker-1/what-is-a-container#definition:")
    )
    assert row[4] == "コンテナとは？"
    assert row[5].split(" / ") == [
        "アプリケーションを依存対象とともにカプセル化したもの",
        "VM同様、隔離されたOS環境の中で、アプリケーションを動かす",
    ]


_BLOCKS = [
    "* ",
    "  * ",
    "    ",
    "- ",
    "1. ",
    "> ",
    "```\n",
    "~~~\n",
    "# ",
    "## ",
    "とは",
    ": ",
    "：",
    "\n",
    "\n\n",
    "\n:   ",
    "{#x}",
    "<!-- no-card -->",
    "<div>",
    "`",
    "[a](b)",
    "| a | b |\n|---|---|\n",
    "項目",
    "VM",
]


@given(st.lists(st.sampled_from(_BLOCKS), max_size=40).map("".join))
@example("`とは\n* * ")  # a list of empty items: nothing to answer, so no card
def test_any_note_gives_cards_without_error(text: str):
    cards = note_cards(text, "n.md", slug=slug)
    terms, _ = term_cards(text, "n.md", slug=slug)
    ids = [card.id for card in cards + terms]
    assert len(ids) == len(set(ids))
    for card in cards + terms:
        assert card.question.plain and answer_plain(card.answer)


def _card(page: str, n: int) -> Card:
    return Card(f"{page}-{n}", "term", Text(f"q{n}", f"q{n}"), (), page, "")


def test_cards_are_grouped_by_chapter_in_navigation_order_with_the_glossary_last():
    cards = [_card("b.md", 1), _card("glossary.md", 2), _card("a.md", 3), _card("c.md", 4)]
    order = {"a.md": (0, "第1章"), "b.md": (1, "第2章"), "c.md": (2, "第1章")}
    grouped = [(title, [card.id for card in group]) for title, group in by_chapter(cards, order)]
    assert grouped == [("第1章", ["a.md-3", "c.md-4"]), ("第2章", ["b.md-1"]), ("用語集", ["glossary.md-2"])]


def test_the_review_page_has_one_marker_per_chapter_and_escapes_the_titles():
    text = page_markdown([("*強調* [リンク](x) <b>", []), ("用語集", [])])
    assert "## \\*強調\\* \\[リンク\\]\\(x\\) \\<b\\> { data-search-exclude }" in text
    assert [line for line in text.splitlines() if re.fullmatch(r"<!-- review-cards \d+ -->", line)] == [
        "<!-- review-cards 0 -->",
        "<!-- review-cards 1 -->",
    ]


def test_markers_are_filled_in_and_links_keep_their_anchor():
    html = "\n".join(
        ["<p>x</p>", "<!-- review-cards toolbar -->", "<!-- review-cards 0 -->", "<!-- review-cards 1 -->"]
    )
    filled = fill_markers(html, lambda n: f"<ol data-chapter='{n}'></ol>", "<nav></nav>")
    assert filled == "<p>x</p>\n<nav></nav>\n<ol data-chapter='0'></ol>\n<ol data-chapter='1'></ol>"
    assert with_anchor("../docker-1/", "vm") == "../docker-1/#vm"
    assert with_anchor("../docker-1/", "") == "../docker-1/"
    card = Card("id", "term", Text("q", "q"), (), "a.md", "vm", section="VMとは")
    assert where(card, {"a.md": "VMとコンテナ"}) == "VMとコンテナ › VMとは"
    assert where(Card("id", "term", Text("q", "q"), (), "b.md", ""), {}) == "b.md"


def test_the_deck_says_what_it_made_and_left_out():
    deck = collect([Note("n.md", "# T\n\n- VMとは\n  - 仮想マシン\n")], {"OS": "基本ソフト"}, None)
    assert deck.summary().startswith("cards: 2 made (term 1, definition 1, pair 0, timeline 0)")
