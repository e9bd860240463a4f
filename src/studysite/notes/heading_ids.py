"""Readable, stable ASCII ids for headings, made from the heading's own text: VMとコンテナ → vm-to-kontena.

:func:`slugify` is the ``toc`` extension's ``slugify`` (mkdocs.yml). Latin words are kept (lower case,
accents folded), Japanese is romanized from its reading (SudachiPy's small dictionary, loaded once per
process), each word joined by the separator; suffixes and auxiliary verbs stay with their word
(用語集 → yougoshuu), the particles は/へ/を read wa/e/o. A heading of symbols or emoji only is named after
them (🐳 → spouting-whale). The id depends on nothing but the text, so adding or rewording a heading never
moves another's id; ``toc`` appends ``_1``, ``_2`` to identical headings of one page in their order, and
an explicit ``{#id}`` is never touched.

:func:`heading_problems` checks a page's headings as written: an explicit id that is not ASCII, two
headings with the same explicit id, or a heading whose id would be one that another heading states.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from studysite.infra.problem import Problem
from studysite.notes.romaji import romanize

MAX_LENGTH = 64
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_RUN = re.compile(r"[A-Za-z0-9]+|[^\x00-\x7f]+")
_GLUE_BEFORE = {"接尾辞", "助動詞"}  # joined to the word before: 化 (ka), た (ta)
_SPOKEN = {"は": "wa", "へ": "e", "を": "o"}  # particles read apart from their kana
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")

#: (surface, reading, first part of speech) for each word of a Japanese text.
Analyzer = Callable[[str], "list[tuple[str, str, str]]"]


@cache
def sudachi_analyzer() -> Analyzer:
    """SudachiPy (small dictionary, mode C), created once per process."""
    from sudachipy import Dictionary, SplitMode  # imported here: only builds need the dictionary

    tokenizer = Dictionary(dict="small").tokenizer(mode=SplitMode.C)

    @cache
    def analyze(text: str) -> list[tuple[str, str, str]]:
        return [(m.surface(), m.reading_form(), m.part_of_speech()[0]) for m in tokenizer.tokenize(text)]

    return analyze


def slugify(value: str, separator: str = "-") -> str:
    """The ASCII id for a heading's text (the ``toc`` extension's ``slugify`` signature)."""
    return make_id(value, separator, sudachi_analyzer())


def make_id(value: str, separator: str, analyze: Analyzer) -> str:
    text = "".join(_fold(ch) for ch in unicodedata.normalize("NFKC", value))
    words: list[str] = []
    for run in _RUN.finditer(text):
        if run.group().isascii():
            words.append(run.group().lower())
        else:
            words += _japanese_words(run.group(), analyze)
    if not words:
        words = [w for ch in text if not ch.isspace() for w in _symbol_words(ch)]
    slug = separator.join(w for w in words if w)
    if len(slug) > MAX_LENGTH:
        cut = slug.rfind(separator, 0, MAX_LENGTH + 1)
        slug = slug[: cut if cut > 0 else MAX_LENGTH]
    return slug or "section"


def _fold(ch: str) -> str:
    """Latin letters with accents to plain ASCII (é → e); other characters as they are."""
    if ch.isascii() or not unicodedata.category(ch).startswith("L"):
        return ch
    base = unicodedata.normalize("NFKD", ch)[0]
    return base if base.isascii() else ch


def _japanese_words(text: str, analyze: Analyzer) -> Iterator[str]:
    pending = ""  # a word that may still take a suffix
    prefix = ""
    for surface, reading, pos in analyze(text):
        if pos in ("補助記号", "空白", "記号"):
            if pending:
                yield pending
            pending, prefix = "", ""
            continue
        roman = _SPOKEN.get(surface) if pos == "助詞" else None
        roman = roman or romanize(reading) or romanize(surface)
        if not roman:  # no reading: a kanji the dictionary does not know, an emoji…
            roman = "".join(f"u{ord(ch):x}" for ch in surface if unicodedata.category(ch).startswith("L"))
        if not roman:
            continue
        if pos == "接頭辞":
            prefix += roman
            continue
        if pos in _GLUE_BEFORE and pending:
            pending += roman
            continue
        if pending:
            yield pending
        pending, prefix = prefix + roman, ""
    if pending or prefix:
        yield pending + prefix


def _symbol_words(ch: str) -> list[str]:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):  # variation selectors, joiners, combining marks
        return []
    return _ASCII_WORD.findall(unicodedata.name(ch, "").lower())


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based
    text: str  # as written, without the attribute list
    explicit: str | None  # the {#id}, when given


_ATX = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTRS = re.compile(r"\s*\{:?(?P<attrs>[^{}]*)\}\s*$")
_SETEXT = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*$")


def headings(lines: Sequence[str], code: Sequence[bool], first: int = 1) -> list[Heading]:
    """The ATX and setext headings of a page's Markdown outside code, with their explicit ids."""
    found: list[Heading] = []
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r")
        if code[i] or not line.strip():
            continue
        m = _ATX.fullmatch(line)
        text = m.group("text") if m else None
        if (
            text is None
            and i + 1 < len(lines)
            and not code[i + 1]
            and _SETEXT.fullmatch(lines[i + 1].rstrip())
        ):
            before = lines[i - 1].strip() if i else ""
            if not before and not line.startswith(("    ", "\t", "* ", "- ", "+ ", ">", "|")):
                text = line.strip()
        if text is None:
            continue
        explicit = None
        attrs = _ATTRS.search(text)
        if attrs:
            ids = [part[1:] for part in attrs.group("attrs").split() if part.startswith("#")]
            explicit = ids[-1] if ids else None
            text = text[: attrs.start()]
        found.append(Heading(i + first, text.strip(), explicit))
    return found


def heading_problems(
    lines: Sequence[str],
    code: Sequence[bool],
    slug: Callable[[str], str] = slugify,
    first: int = 1,
    where: Callable[[int], int] = lambda line: line,
) -> list[Problem]:
    """Ids a writer must fix: not ASCII, or one id for two headings of the page. ``where`` turns a line
    number into the one a message names (the note's line, when ``lines`` were rewritten)."""
    problems: list[Problem] = []
    items = headings(lines, code, first)
    stated: dict[str, int] = {}
    for h in items:
        if h.explicit is None:
            continue
        if not _ID.fullmatch(h.explicit):
            problems.append(
                Problem(
                    h.line,
                    f"heading id '{h.explicit}' is not a plain ASCII id: use letters, digits and hyphens, "
                    "starting with a letter (or drop the {#…} and let the site make one)",
                )
            )
        if h.explicit in stated:
            problems.append(
                Problem(
                    h.line,
                    f"heading id '{h.explicit}' is already used on line {where(stated[h.explicit])}: "
                    "give this heading another {#id}",
                )
            )
        else:
            stated[h.explicit] = h.line
    for h in items:
        if h.explicit is None and (made := slug(plain_heading(h.text))) in stated:
            problems.append(
                Problem(
                    h.line,
                    f"heading '{h.text}' would get the id '{made}', which line {where(stated[made])} states: "
                    "give one of them another {#id}",
                )
            )
    return sorted(problems, key=lambda p: p.line)


def plain_heading(text: str) -> str:
    """Heading Markdown as the text ``toc`` sees: links, code, emphasis and footnote markers removed."""
    text = re.sub(r"\[\^[^\]]*\]", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[`*]", "", text)
