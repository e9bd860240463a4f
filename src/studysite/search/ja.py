"""Japanese search in Material's own lunr index: one separator for index and query, word forms at build time.

How Material's search worker (9.x) treats text, and so what this module can change:

* Index side: each field is cut into tokens by the search plugin's ``separator`` (a regular expression,
  compiled in the browser without flags), lower-cased, and stored as lunr tokens.
* Query side: runs of kanji are first split into words the index already has (Material's "experimental
  Chinese segmentation"; it never finds a word that ends the run, so it keeps a run whole or returns its
  leading words), then the query is cut by the same separator and each piece becomes ``piece*``: it
  matches every index token it is a prefix of, and pieces are OR-ed.

So the one lever shared by both sides is the separator. :data:`SEPARATOR` cuts at script boundaries
(``Dockerエンジン`` → ``docker`` ``エンジン``, ``レイヤー構成`` → ``レイヤ`` ``構成``), drops the
particles after Latin and katakana words (``Dockerとは`` → ``docker``, ``コンテナの起動`` → ``コンテナ``
``起動``: loanwords are nouns, the kana after them are particles) and the long-vowel mark that ends a
katakana word (``ハイパーバイザー`` = ``ハイパーバイザ``), and keeps the kana that follow a kanji word on
its token, so a kanji
compound in a query is not cut short by a stem such as ``依存`` from ``依存している``.

What the separator cannot do is find the second half of a compound (``マネージャ`` in
``クラスタマネージャ``, ``担当者`` in ``運用担当者``). :func:`augment` adds those word forms, found with a
Japanese dictionary at build time (SudachiPy), to a field the reader never sees (:data:`FIELD`). It also
gives each entry a boost for its length (Material's lunr index ignores length, so long entries win on
repetition), weighs a title word as :data:`TITLE_BOOST` body words instead of Material's 1,000 (with which
a title holding the commonest word of a query outranks the section holding all of its words), and puts the
entries in reading order, which breaks ties.

A search for a glossary term alone should list the term's glossary entry and the pages that discuss the
term. The glossary page is indexed by entry (:func:`glossary_docs`), so it is listed once, at the term's own
entry; each entry is weighed from how the browser will rank a search for its term
(:func:`place_entries`, :mod:`studysite.search.rank`); and the pages that discuss a term most, counted with
the matcher that marks glossary terms on the pages, carry the term in a second hidden field
(:func:`discussed_terms`, :data:`TERMS_FIELD`). The browser gets no dictionary and no extra script: only a
few more words in the index it already downloads.

Nothing here imports MkDocs; ``hooks/search_ja.py`` adapts it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from studysite.notes.glossary import Glossary as TermMatcher
from studysite.search.rank import Ranking

#: The hidden index field that holds the added word forms (configured like ``title`` and ``text``).
FIELD = "ja"
FIELD_BOOST = 1.0

#: How many body words a title word is worth. Material's 1,000 makes any title match win; measured with
#: the query table of tests/test_search.py, every value from 6 to 15 passes it and 10 is in the middle.
TITLE_BOOST = 10.0

# Character classes, spelled so that Python's ``re`` and JavaScript's ``RegExp`` (no flags) read them alike.
HIRAGANA = "\u3041-\u309f"
KATAKANA = "\u30a1-\u30fa\u30fc"  # letters and the long-vowel mark ー; the middle dot ・ separates
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u3007"  # with 々 〆 〇
LATIN = "A-Za-z0-9"
_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\ufeff"  # with U+2000-206F and U+3000 below: JavaScript's \s
_ASCII_MARKS = "\\-()\\[\\]{}<>,;:!?\"'/\\\\=&%$#@`"  # not * + ~ ^ (lunr query syntax) nor | (see below)
_WIDE_MARKS = (
    "\\u2000-\\u206f"  # general punctuation, with the zero-width space and the typographic quotes
    "\\u3000-\\u3004\\u3008-\\u3020\\u3030-\\u303f"  # ideographic space, 、。「」『』【】〜 (not 々〆〇)
    "\\u30fb"  # ・
    # full-width punctuation (not Ａ-Ｚ, ０-９)
    "\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65"
)


def _alternatives(*parts: str) -> str:
    # Material's result highlighter splits the separator at "|" and drops the parts that are only
    # look-arounds, so "|" appears here between alternatives and nowhere else.
    if any("|" in part for part in parts):
        raise ValueError("an alternative of the separator holds '|'")
    return "|".join(parts)


#: The search separator, for the index and the query alike.
SEPARATOR = _alternatives(
    "&[lg]t;",  # the entities of the escaped index text (before the marks, which hold & and ;)
    "&amp;",
    f"[{_SPACE}{_ASCII_MARKS}{_WIDE_MARKS}]+",
    "\\.(?![0-9])",  # a full stop, not a decimal point or version dot (Python's \d also takes ０-９)
    f"(?<=[{LATIN}{KATAKANA}])[{HIRAGANA}]+",  # particles after a Latin or katakana word: Dockerとは → docker
    f"ー+(?![{KATAKANA}])",  # long-vowel marks ending a katakana word: サーバー(の) → サーバ
    f"(?<=[{LATIN}])(?=[{KATAKANA}{KANJI}])",  # Docker|エンジン, OS|環境
    f"(?<=[{KATAKANA}{KANJI}{HIRAGANA}])(?=[{LATIN}])",  # タイプ|2
    f"(?<=[{KATAKANA}{HIRAGANA}])(?=[{KANJI}])",  # レイヤ|構成, コンテナの|起動
    f"(?<=[{KANJI}{HIRAGANA}])(?=[{KATAKANA}])",  # 仮想|マシン, 公開|イメージ
)

_SEPARATOR = re.compile(SEPARATOR)
_TAG = re.compile(r"<[^>]*>")
_COMPOUND = re.compile(f"[{KATAKANA}]{{3,}}|[{KANJI}]{{3,}}")

#: Splits one word into its dictionary parts, in order (e.g. 運用担当者 → 運用, 担当, 者).
Splitter = Callable[[str], Sequence[str]]


def tokens(text: str) -> list[str]:
    """The tokens Material's worker makes of an index field: markup separates, then :data:`SEPARATOR`."""
    out: list[str] = []
    for chunk in _TAG.split(text):
        out.extend(token.lower() for token in _SEPARATOR.split(chunk) if token)
    return out


def word_forms(token: str, split: Splitter) -> list[str]:
    """Later parts of the compound a token starts with, each up to the compound's end, as index tokens.

    ``クラスタマネージャ`` → ``マネージャ``; ``運用担当者の`` → ``担当者``; ``カーネルネームスペース`` →
    ``ネームスペース``, ``スペース``. One-character parts are left out: as a query they match too much.
    """
    match = _COMPOUND.match(token)
    if not match:
        return []
    parts = [part for part in split(match.group(0)) if part]
    if "".join(parts) != match.group(0):  # a splitter that rewrites the word: keep nothing
        return []
    forms: list[str] = []
    for i in range(1, len(parts)):
        for form in tokens("".join(parts[i:])):
            if len(form) >= 2 and form not in forms:
                forms.append(form)
    return forms


def _unique(items: Iterable[str], exclude: set[str]) -> list[str]:
    seen = set(exclude)
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def augment(
    index: dict[str, Any],
    split: Splitter,
    page_order: Sequence[str] = (),
    glossary: GlossaryPage | None = None,
    matcher: TermMatcher | None = None,
) -> dict[str, Any]:
    """Material's search index with :data:`SEPARATOR`, :data:`FIELD` word forms, length boosts, reading order.

    ``title`` and ``text`` (what the reader sees) and ``location`` are left as they are. An entry's
    :data:`FIELD` holds the compound parts of its words that are not words of the entry already. Its
    ``boost`` (1, or what the page's ``search.boost`` set) is multiplied by :func:`length_boost`. Pages are
    ordered as in ``page_order`` (URLs, "" for the home page), others after them in their order; a page's
    entries keep their order, its own entry first. With ``glossary``, the glossary page is indexed by
    entry (:func:`glossary_docs`), each weighed for a search for its term (:func:`place_entries`). With
    ``matcher`` (the glossary's terms, as the site marks them), the pages that discuss a term most carry it
    in :data:`TERMS_FIELD`, in the entry where they use it most (:func:`discussed_terms`).
    """
    config = dict(index["config"])
    fields = dict(config.get("fields") or {})
    fields.setdefault(FIELD, {"boost": FIELD_BOOST})
    fields["title"] = {**dict(fields.get("title") or {}), "boost": TITLE_BOOST}
    if matcher is not None:
        fields.setdefault(TERMS_FIELD, {"boost": TERMS_BOOST})
    config["fields"] = fields
    config["separator"] = SEPARATOR

    hidden = (FIELD, TERMS_FIELD)
    docs = [{key: value for key, value in doc.items() if key not in hidden} for doc in index["docs"]]
    # the average length is the site's as written: indexing the glossary by entry leaves it as it was
    lengths = [len(tokens(f"{doc.get('title', '')} {doc.get('text', '')}")) for doc in docs]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    if glossary is not None and glossary.entries and any(d.get("location") == glossary.url for d in docs):
        docs = glossary_docs(docs, glossary)
    else:
        glossary = None
    words = [tokens(f"{doc.get('title', '')} {doc.get('text', '')}") for doc in docs]
    for doc, own in zip(docs, words, strict=False):
        extra = _unique((form for token in own for form in word_forms(token, split)), set(own))
        extra = _unique([*doc.pop(_OWN_TERMS, []), *extra], set())  # a glossary entry's own terms
        if extra:
            doc[FIELD] = " ".join(extra)
        doc["boost"] = round(float(doc.get("boost", 1)) * length_boost(len(own), average), 4)
    if matcher is not None:
        skip = glossary.url if glossary is not None else None
        marks = discussed_terms(docs, matcher, glossary, skip)
        for doc in docs:
            if doc.get("location") in marks:
                doc[TERMS_FIELD] = " ".join(marks[doc["location"]])
    if glossary is not None:
        place_entries(docs, fields, glossary.url)

    def page_of(doc: dict[str, Any]) -> str:
        return str(doc["location"]).split("#", 1)[0]

    rank = {url: i for i, url in enumerate(page_order)}
    first_seen: dict[str, int] = {}
    for i, doc in enumerate(docs):
        first_seen.setdefault(page_of(doc), i)
    docs.sort(key=lambda doc: (rank.get(page_of(doc), len(rank)), first_seen[page_of(doc)]))
    return {**index, "config": config, "docs": docs}


@dataclass(frozen=True)
class GlossaryPage:
    """The glossary page's URL and its entries: (anchor, heading, definition as plain text) each."""

    url: str
    entries: Sequence[tuple[str, str, str]]


#: How far apart a glossary entry is placed from the entry it is placed against (:func:`place_entries`).
#: Measured with the query and term tables of tests/test_search.py: 0.08 to 0.25 pass them, 0.15 is in the
#: middle (below, Docker's entry comes before the pages the table expects; above, コンテナ's falls to fourth).
PLACE_MARGIN = 0.15


def place_entries(docs: list[dict[str, Any]], fields: dict[str, Any], url: str) -> None:
    """Glossary entries' boosts, from how the browser will rank a search for an entry's term (its first
    spelling) alone (:class:`studysite.search.rank.Ranking`): the entry comes just after the best entry whose
    title holds the term (a page or section named after it), first when no title holds it, and before every
    other glossary entry (whose definition may use the term); :data:`PLACE_MARGIN` apart.

    The browser weighs a word by its rarity and a page's own entry 5/2 of a section (a glossary entry is a
    section of the glossary page), so with one fixed boost the entry of a word used on every page
    (コンテナ) sank below all of them, while that of a rare one came before the page named after it."""
    ranking = Ranking(fields, docs, tokens)
    prefix = url + "#"
    glossary = [str(doc.get("location", "")).split("#", 1)[0] == url for doc in docs]
    entries = [i for i, doc in enumerate(docs) if str(doc.get("location", "")).startswith(prefix)]
    boosts = {i: float(docs[i].get("boost", 1)) for i in range(len(docs))}
    plan: dict[int, tuple[list[str], float, list[int]]] = {}  # entry -> its term's words, own score, rivals
    for i in entries:
        term = html.unescape(str(docs[i].get("title", ""))).replace(WORD_JOINT, "").split(" / ")[0]
        words = tokens(term)
        own, matched = ranking.base(i, words)
        boosts[i] = 0.0  # not placed: see below
        if not words or not matched or own <= 0:
            continue
        own *= 1 + (matched / len(words)) ** 2  # a section's factor
        scores = ranking.scores(words)
        others = [score for j, score in enumerate(scores) if not glossary[j]]
        titled = [
            score
            for j, score in enumerate(scores)
            if not glossary[j] and score and set(words) <= set(tokens(str(docs[j].get("title", ""))))
        ]
        if titled:
            boosts[i] = max(titled) * (1 - PLACE_MARGIN) / own
        elif any(others):
            boosts[i] = max(others) * (1 + PLACE_MARGIN) / own
        rivals = [j for j in entries if j != i and scores[j]]
        plan[i] = (words, own, rivals)
    # an entry whose term nothing else has comes first for it whatever its boost: it weighs least elsewhere
    floor = min((boosts[i] for i in entries if boosts[i] > 0), default=1.0)
    for i in entries:
        boosts[i] = boosts[i] or floor
    for _ in range(10):  # each entry before the other entries, for its own term
        changed = False
        for i, (words, own, rivals) in plan.items():
            if not rivals:
                continue
            scores = ranking.scores(words, boosts.__getitem__)
            best = max(scores[j] for j in rivals)
            if own * boosts[i] < best * (1 + PLACE_MARGIN):
                boosts[i] = best * (1 + PLACE_MARGIN) / own
                changed = True
        if not changed:
            break
    for i in entries:
        docs[i]["boost"] = round(boosts[i], 4)


_OWN_TERMS = "_own_terms"  # a glossary entry's words for the hidden field, taken out again by augment
#: Inserted between the glossary words a longer term is made of, in that entry's indexed title: the
#: separator cuts there, and the reader sees nothing (a zero-width space).
WORD_JOINT = "\u200b"


def split_terms(spelling: str, terms: Iterable[str]) -> str:
    """A glossary spelling with :data:`WORD_JOINT` after a shorter glossary term it starts with, again for
    the rest: コンテナイメージ → コンテナ|イメージ, カーネルネームスペース → カーネル|ネームスペース.

    The browser matches a query word as a prefix and weighs a rare word more: unsplit, the entry
    カーネルネームスペース would come before the entry カーネル in a search for カーネル."""
    known = sorted({term for term in terms if term and term != spelling}, key=len, reverse=True)
    out = []
    rest = spelling
    while rest:
        head = next((term for term in known if rest.startswith(term) and len(term) < len(rest)), None)
        if head is None or len(tokens(rest[: len(head) + 1])) != 1:  # already cut there (Docker|エンジン)
            out.append(rest)
            break
        out.append(head)
        rest = rest[len(head) :]
    return WORD_JOINT.join(out)


def glossary_docs(docs: list[dict[str, Any]], glossary: GlossaryPage) -> list[dict[str, Any]]:
    """The glossary page indexed by entry: one index entry per glossary entry (``glossary/#kernel``, its
    heading as title, its definition as text) in place of the page's sections, whose headings join the
    page's own text. A search for a term then lists the glossary once, at that term's entry, instead of
    every section whose definitions mention it."""
    page = next((doc for doc in docs if doc.get("location") == glossary.url), None)
    if page is None or not glossary.entries:
        return docs
    prefix = glossary.url + "#"
    sections = [doc for doc in docs if str(doc.get("location", "")).startswith(prefix)]
    terms = [part for _, title, _ in glossary.entries for part in title.split(" / ")]
    entries = []
    for anchor, title, text in glossary.entries:
        parts = [(part, split_terms(part, terms)) for part in title.split(" / ")]
        entries.append(
            {
                "location": prefix + anchor,
                "title": " / ".join(html.escape(cut, quote=False) for _, cut in parts),
                "text": html.escape(text, quote=False),
                # its terms once more in the hidden field, unsplit: a definition rarely repeats its term,
                # while the entry of a longer term that holds it often does (カーネルネームスペース:
                # "Linuxカーネルの機能"), and a query typed as one word (コンテナイメージ) is one token
                _OWN_TERMS: [form for part, _ in parts for form in tokens(part)],
            }
        )
    out: list[dict[str, Any]] = []
    for doc in docs:
        if doc is page:
            out += [page, *entries]
        elif doc not in sections:
            out.append(doc)
    return out


#: The hidden field that names, in one entry of a page, the glossary terms the page discusses, and its
#: weight. Measured with the query and term tables of tests/test_search.py: every weight from 3 to 16 passes
#: them (below, the pages that discuss イメージ stay under others; above, a page that discusses OCI
#: outweighs the one named after it), and 6 is in the middle.
TERMS_FIELD = "terms"
TERMS_BOOST = 6.0
#: How often a page must use a term to discuss it: a single mention, in a page's overview of its chapter
#: for instance, is not a discussion.
MIN_USES = 2
#: How many pages discuss a term: those that use it most (:func:`term_relevance`).
TERM_PAGES = 2
#: BM25's k1 and b for a page's uses of a term: uses count with diminishing returns, and a long page
#: (the 30-event timeline) needs more uses than a short one to discuss a term as much. The tables pass
#: with any b from 0.25 to 0.9; this is BM25's usual one, as :data:`LENGTH_WEIGHT`.
TERM_K1 = 1.2
TERM_B = 0.75


def term_relevance(uses: int, length: int, average: float, k1: float = TERM_K1, b: float = TERM_B) -> float:
    """How much a page of ``length`` tokens that uses a term ``uses`` times discusses it: BM25's term weight
    without the rarity (the same for every page, for one term)."""
    if uses <= 0:
        return 0.0
    return uses * (k1 + 1) / (uses + k1 * (1 - b + b * max(length, 1) / max(average, 1.0)))


def term_uses(text: str, matcher: TermMatcher) -> dict[str, int]:
    """How often each glossary term occurs in an index field's text, found as the site marks terms (longer
    terms first, an ASCII term not inside a longer word); markup is not text."""
    counts: dict[str, int] = {}
    if matcher.pattern is None:
        return counts
    for chunk in _TAG.split(text):
        for match in matcher.pattern.finditer(chunk):
            if match.group("entity"):
                continue
            term = matcher.by_html[match.group(0)]
            counts[term] = counts.get(term, 0) + 1
    return counts


def term_forms(spellings: Iterable[str], others: Iterable[str]) -> list[str]:
    """The tokens that stand for a glossary entry's spellings in :data:`TERMS_FIELD`: one a spelling, its
    first token once any other term it starts with is taken off (カーネルネームスペース → ネームスペース,
    Docker Hub → hub, ホストOS → ホスト).

    The browser matches a query word as a prefix: unshortened, a page that discusses the kernel namespaces
    would count as one that discusses the kernel in a search for カーネル. One token a term, so that a term
    of two words does not weigh twice as much as one of one in a query that holds both (ホストOSのカーネル);
    a query for a term starts with that token."""
    keys = [key for key in dict.fromkeys(tuple(tokens(other)) for other in others) if key]
    forms: list[str] = []
    for spelling in spellings:
        words = tokens(spelling)
        while True:
            heads = [key for key in keys if _starts(words, key)]
            if not heads:
                break
            head = max(heads, key=lambda key: (len(key), len(key[-1])))
            rest = words[len(head) - 1][len(head[-1]) :]
            words = ([rest] if rest else []) + words[len(head) :]
        if words and words[0] not in forms:
            forms.append(words[0])
    return forms


def _starts(words: list[str], key: tuple[str, ...]) -> bool:
    """Whether ``words`` start with the words of ``key`` and go on (the last one may go on in its word)."""
    n = len(key)
    if len(words) < n or list(key[:-1]) != words[: n - 1] or not words[n - 1].startswith(key[-1]):
        return False
    return len(words) > n or words[n - 1] != key[-1]


def discussed_terms(
    docs: Sequence[dict[str, Any]],
    matcher: TermMatcher,
    glossary: GlossaryPage | None = None,
    skip: str | None = None,
) -> dict[str, list[str]]:
    """The glossary terms the pages discuss, as :func:`term_forms`, by the location of the index entry that
    carries them: the entry (page or section) where the page uses the term most, the first of equals.

    A page discusses a term when it uses it at least :data:`MIN_USES` times and is one of the
    :data:`TERM_PAGES` pages that use it most, weighed by :func:`term_relevance` (the uses of all spellings
    of a glossary entry count for each, ``glossary`` says which belong together). Uses are counted as the
    site marks terms (``matcher``), in every index entry of a page, headings included; ``skip`` (the
    glossary page) discusses nothing."""
    spellings = {term: [term] for term in matcher.terms}
    if glossary is not None:
        for _, title, _ in glossary.entries:
            names = [name for name in title.split(" / ") if name in matcher.terms]
            for name in names:
                spellings[name] = names
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        pages.setdefault(str(doc.get("location", "")).split("#", 1)[0], []).append(doc)
    pages = {url: group for url, group in pages.items() if url != skip and group[0].get("location") == url}
    if not pages:
        return {}
    lengths: dict[str, int] = {}
    uses: dict[str, list[dict[str, int]]] = {}  # page -> its entries' uses of each term, in order
    for url, group in pages.items():
        uses[url] = []
        for doc in group:
            counts: dict[str, int] = {}
            for field in ("title", "text"):
                for term, count in term_uses(str(doc.get(field, "")), matcher).items():
                    counts[term] = counts.get(term, 0) + count
            uses[url].append(counts)
        lengths[url] = sum(len(tokens(f"{doc.get('title', '')} {doc.get('text', '')}")) for doc in group)
    average = sum(lengths.values()) / len(lengths)
    found: dict[str, list[str]] = {}
    for group_names in dict.fromkeys(tuple(names) for names in spellings.values()):
        each = {url: [sum(counts.get(n, 0) for n in group_names) for counts in uses[url]] for url in pages}
        weight = {url: term_relevance(sum(n), lengths[url], average) for url, n in each.items()}
        ranked = sorted((url for url in pages if sum(each[url]) >= MIN_USES), key=lambda url: -weight[url])
        forms = term_forms(group_names, matcher.terms)
        for url in ranked[:TERM_PAGES]:
            n = each[url]
            target = pages[url][n.index(max(n))]["location"]
            found.setdefault(target, [])
            found[target] += [form for form in forms if form not in found[target]]
    return found


#: How much an entry's length counts: BM25's usual b. Material builds its lunr index with b = 0, so a
#: long entry that repeats a word (a 30-event timeline) outranks the short section about that word.
LENGTH_WEIGHT = 0.75


def length_boost(length: int, average: float, b: float = LENGTH_WEIGHT) -> float:
    """BM25's length normalization as a document boost: 1 at the average length, above for shorter entries."""
    return 1.0 / (1.0 - b + b * max(length, 1) / max(average, 1.0))


def augment_json(
    text: str,
    split: Splitter,
    page_order: Sequence[str] = (),
    glossary: GlossaryPage | None = None,
    matcher: TermMatcher | None = None,
) -> str:
    """:func:`augment` on the JSON text of ``search/search_index.json``; UTF-8 text, no ``\\u`` escapes."""
    data = augment(json.loads(text), split, page_order, glossary, matcher)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def check_config(lang: Sequence[str], pipeline: Sequence[str] | None) -> list[str]:
    """What is wrong with the search plugin's settings for this index, one line each (nothing: fine)."""
    problems = []
    if list(lang) != ["en"]:
        problems.append(
            f"search: lang must be [en], not {list(lang)}: another language loads its own tokenizer into "
            "the browser (TinySegmenter for ja), which re-cuts the build-time words"
        )
    if pipeline:
        problems.append(
            f"search: pipeline must be [], not {list(pipeline)}: lunr's trimmer and stemmer strip or "
            "mangle Japanese tokens, and stemmed words no longer match a query typed in full"
        )
    return problems


@lru_cache(maxsize=1)
def sudachi_splitter() -> Splitter:
    """SudachiPy's shortest units (mode A) with its small dictionary, cached per word."""
    from sudachipy import Dictionary, SplitMode  # imported here: only builds need the dictionary

    tokenizer = Dictionary(dict="small").tokenizer(mode=SplitMode.A, fields={"surface"})

    @cache
    def split(word: str) -> tuple[str, ...]:
        return tuple(morpheme.surface() for morpheme in tokenizer.tokenize(word))

    return split
