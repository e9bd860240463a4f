"""Cards from a note's structure, read through the block reader (studysite.notes.blocks).

- **definition**: a paragraph ending in 「Xとは」 (a bullet's own text, or a line before a list) followed by a
  list: "Xとは？" is the question, the list's bullets (with their sub-bullets) the answer. A bullet
  「Xとは: 説明」 is one too, with the text after the colon as the answer.
- **pair**: a bullet 「ラベル: 説明」 (ASCII or full-width colon, outside code and links, a short label):
  the label is the question, asked in the context of the bullet or heading above it.
- **term**: each term of a definition list (the glossary page), its aliases "A / B" and ``{#id}``.

Each card links back to the heading it sits under (ids as the site's ``toc`` makes them: an explicit
``{#id}`` wins, else ``studysite.notes.heading_ids.slugify`` with ``_1``, ``_2`` for repeats). A bullet,
paragraph or term holding ``<!-- no-card -->`` gives no card, nor does anything under it. Fenced and
indented code, HTML blocks and tables are never read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from studysite.cards.card import Card, Point, Text, answer_plain
from studysite.cards.inline import has_marker, inline_text, only_link, segments, to_text
from studysite.notes.blocks import Block, read, tokens, walk
from studysite.notes.heading_ids import slugify

_TOWA = re.compile(r"\s*とは\s*[:：]?\s*[?？]?\s*$")
_ATTRS = re.compile(r"\s*\{:?(?P<attrs>[^{}]*)\}\s*$")
_ID_COUNT = re.compile(r"^(.*)_([0-9]+)$")
_ALIASES = re.compile(r"\s+[/／]\s+")
#: The longest label a "ラベル: 説明" pair may have, in characters: longer text before a colon is a sentence.
MAX_LABEL = 30
_NOT_LABEL = re.compile(r"[。、．，!！?？]|^[0-9０-９\s]+$")


@dataclass(frozen=True)
class Section:
    line: int  # 0-based start line of the heading
    anchor: str
    title: str


def sections(root: Block, slug: Callable[[str], str] = slugify) -> list[Section]:
    """The headings of a note with the ids the site gives them, top to bottom."""
    heads = [block for block in walk(root) if block.kind == "heading"]
    parsed = []
    for block in heads:
        text, explicit = block.inline, None
        if attrs := _ATTRS.search(text):
            ids = [part[1:] for part in attrs.group("attrs").split() if part.startswith("#")]
            explicit = ids[-1] if ids else None
            text = text[: attrs.start()]
        parsed.append((block, inline_text(text).plain, explicit))
    used = {explicit for _, _, explicit in parsed if explicit}
    found = []
    for block, title, explicit in parsed:
        anchor = explicit
        if anchor is None:
            anchor = slug(title) or "section"
            while anchor in used:
                m = _ID_COUNT.match(anchor)
                anchor = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{anchor}_1"
            used.add(anchor)
        found.append(Section(block.start, anchor, title))
    return found


def _points(block: Block, depth: int = 0) -> tuple[Point, ...]:
    """The bullets of a list as answer points (their sub-bullets under them), without excluded ones."""
    points = []
    for item in block.children:
        paragraph = _own_paragraph(item)
        if paragraph is None or has_marker(paragraph.inline):
            continue
        text = inline_text(paragraph.inline)
        if not text.plain:
            continue
        children: tuple[Point, ...] = ()
        if depth < 3:
            children = tuple(
                p for sub in item.children if sub.kind == "list" for p in _points(sub, depth + 1)
            )
        points.append(Point(text, children))
    return tuple(points)


def _own_paragraph(item: Block) -> Block | None:
    if item.children and item.children[0].kind == "paragraph":
        return item.children[0]
    return None


def _excluded(block: Block) -> bool:
    """Whether the block or a bullet it sits in carries the marker."""
    node: Block | None = block
    while node is not None:
        if node.kind == "item" and (own := _own_paragraph(node)) is not None and has_marker(own.inline):
            return True
        if node.kind == "paragraph" and has_marker(node.inline):
            return True
        node = node.parent
    return False


def _next_sibling(block: Block) -> Block | None:
    parent = block.parent
    if parent is None:
        return None
    index = next(i for i, child in enumerate(parent.children) if child is block)
    return parent.children[index + 1] if index + 1 < len(parent.children) else None


def _split_pair(markdown: str) -> tuple[Text, Text] | None:
    """(label, description) of 「ラベル: 説明」, the colon outside code and links; None if it is no pair."""
    runs = segments(markdown)
    for index, (kind, text) in enumerate(runs):
        if kind != "text":
            continue
        for m in re.finditer(r"[:：]", text):
            after = text[m.end() :]
            if m.group() == ":" and after[:1] not in ("", " ", "\t") and (after[:1].isascii()):
                continue  # "http://", "10:30", "a:b" are no pair
            label_runs = runs[:index] + [(kind, text[: m.start()])]
            rest = [(kind, after)] + runs[index + 1 :]
            label, description = to_text(label_runs), to_text(rest)
            if only_link(label_runs):
                return None  # "[ページ](page.md): 説明" is a table of contents, not a pair
            if not label.plain or len(label.plain) > MAX_LABEL or _NOT_LABEL.search(label.plain):
                return None
            if not description.plain or only_link(rest):
                return None
            return label, description
        return None  # only the first colon of the text counts
    return None


def _strip_towa(text: Text) -> Text:
    return Text(_TOWA.sub("", text.plain), _TOWA.sub("", text.html))


def note_cards(text: str, page: str, first: int = 1, slug: Callable[[str], str] = slugify) -> list[Card]:
    """The definition and pair cards of one note (``text`` is its body, ``first`` the file line of its
    first line); ``page`` is its path below docs/. Ids are unique within the note."""
    root = read(text)
    heads = sections(root, slug)
    starts = [section.line for section in heads]
    stem = page.removesuffix(".md")
    cards: list[Card] = []
    seen: set[str] = set()

    def where(block: Block) -> Section | None:
        index = bisect.bisect_right(starts, block.start) - 1
        return heads[index] if index >= 0 else None

    def add(kind: str, block: Block, subject: Text, answer: tuple[Point, ...], context: str) -> None:
        if not any(line.strip() for line in answer_plain(answer)):
            return  # nothing to answer (a list of empty items): no card
        section = where(block)
        anchor = section.anchor if section else ""
        key = f"{stem}#{anchor}:{kind}:{slug(subject.plain)}"
        question = (
            Text(subject.plain + "とは？", subject.html + "とは？") if kind == "definition" else subject
        )
        card_id = _unique(key, seen)
        title = section.title if section else ""
        cards.append(
            Card(card_id, kind, question, answer, page, anchor, context, block.start + first, "", title)
        )

    for block in walk(root):
        if block.kind != "paragraph" or _excluded(block):
            continue
        own = inline_text(block.inline)
        section = where(block)
        heading = section.title if section else ""
        item = block.parent if block.parent and block.parent.kind == "item" else None
        is_own = item is not None and _own_paragraph(item) is block
        if (
            _TOWA.search(own.plain)
            and not only_link(segments(block.inline))
            and (after := _next_sibling(block))
            and after.kind == "list"
        ):
            question = _strip_towa(own)
            if question.plain:
                add("definition", block, question, _points(after), heading)
            continue
        if not is_own:
            continue
        pair = _split_pair(block.inline)
        if pair is None:
            continue
        label, description = pair
        assert item is not None
        under = tuple(p for sub in item.children if sub.kind == "list" for p in _points(sub, 1))
        answer = (Point(description, under),)
        if _TOWA.search(label.plain):
            question = _strip_towa(label)
            add("definition", block, question, answer, heading)
            continue
        outer = item.parent.parent if item.parent else None
        context = heading
        if outer is not None and outer.kind == "item" and (p := _own_paragraph(outer)) is not None:
            context = _strip_towa(inline_text(p.inline)).plain
        add("pair", block, label, answer, context)
    return cards


def _deflists(text: str, root: Block) -> Iterator[tuple[int, str, list[str]]]:
    """(0-based line, term line, first paragraphs of its definitions) of each definition-list term."""
    ranges = [(b.start, b.end) for b in walk(root) if b.kind == "deflist"]
    if not ranges:
        return
    term: tuple[int, str] | None = None
    definitions: list[str] = []
    depth = 0
    want = False
    for token in tokens(text):
        if token.type == "dl_open":
            depth += 1
        elif token.type == "dl_close":
            depth -= 1
        if depth != 1:
            continue
        if token.type == "dt_open":
            if term is not None:
                yield term[0], term[1], definitions
            term, definitions = None, []
            want = True
        elif token.type == "inline" and want and term is None and token.map:
            term = (token.map[0], token.content)
            want = False
        elif token.type == "dd_open":
            want = True
        elif token.type == "inline" and want and term is not None:
            definitions.append(token.content)
            want = False
    if term is not None:
        yield term[0], term[1], definitions


def split_term(line: str) -> tuple[list[str], str | None]:
    """A definition-list term as written: its aliases ("VM / 仮想マシン") and its explicit id."""
    explicit = None
    if attrs := _ATTRS.search(line):
        ids = [part[1:] for part in attrs.group("attrs").split() if part.startswith("#")]
        explicit = ids[-1] if ids else None
        line = line[: attrs.start()]
    names = [inline_text(name).plain for name in _ALIASES.split(line.strip())]
    return [name for name in names if name], explicit


def term_cards(
    text: str, page: str, first: int = 1, slug: Callable[[str], str] = slugify
) -> tuple[list[Card], set[str]]:
    """The term cards of a note's definition lists, and every term and alias they name (cards or not)."""
    root = read(text)
    stem = page.removesuffix(".md")
    heads = sections(root, slug)
    starts = [section.line for section in heads]
    cards: list[Card] = []
    names_seen: set[str] = set()
    ids: set[str] = set()
    for line, term_line, definitions in _deflists(text, root):
        names, explicit = split_term(term_line)
        names_seen.update(names)
        if not names or not definitions or has_marker(term_line) or has_marker(definitions[0]):
            continue
        runs = segments(definitions[0])
        answer = to_text(runs)
        if not answer.plain or only_link(runs):
            continue
        index = bisect.bisect_right(starts, line) - 1
        section = heads[index] if index >= 0 else None
        anchor = explicit or (section.anchor if section else "")
        question = inline_text(_ALIASES.sub(" / ", _ATTRS.sub("", term_line).strip()))
        card_id = _unique(f"{stem}#{anchor}:term:{slug(names[0])}", ids)
        context = section.title if section else ""
        cards.append(
            Card(
                card_id, "term", question, (Point(answer),), page, anchor, context, line + first, "", context
            )
        )
    return cards, names_seen


def _unique(key: str, taken: set[str]) -> str:
    """``key``, or ``key-2``, ``key-3``… when a card of the page already has it; recorded as taken."""
    card_id, n = key, 1
    while card_id in taken:
        n += 1
        card_id = f"{key}-{n}"
    taken.add(card_id)
    return card_id
