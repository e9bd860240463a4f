"""How the browser will rank the search index's entries for a query: Material's lunr search, at build time.

Material's search worker (9.x) builds a lunr 2 index with ``b = 0`` (no length normalization) and scores
a query as lunr does: each query word is a prefix (``word*``) that expands to every index token it starts;
an entry's score is, over its fields and those tokens, the field's boost times the entry's boost times
lunr's rarity of the token (``idf``, its entries counted once per field) times the token's saturated count
(``2.2 tf / (1.2 + tf)``), divided by the length of the query vector (the same for every entry). Material
then multiplies it by ``1 + (p + m)^2``, where ``p`` is 1 for a page's own entry and 0 for a section, and
``m`` the share of the query's words the entry matched.

:class:`Ranking` reproduces those scores up to the common factor, so the build can weigh entries for a
query as the browser will rank them. It knows no kanji segmentation of queries: a query here is its
:func:`studysite.search.ja.tokens`.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

#: lunr's BM25 parameter k1 (its default, which Material keeps).
K1 = 1.2


def lunr_idf(postings: int, total: int) -> float:
    """lunr's inverse document frequency; ``postings``: how many (entry, field) pairs hold the token."""
    return math.log(1 + abs(total - postings + 0.5) / (postings + 0.5))


class Ranking:
    """Single-query scores of the entries of a search index (its ``config.fields`` and ``docs``)."""

    def __init__(self, fields: Mapping[str, Mapping[str, Any]], docs: Sequence[Mapping[str, Any]], cut):
        """``cut`` is the tokenizer of the index fields (:func:`studysite.search.ja.tokens`)."""
        self.fields = {name: float(spec.get("boost", 1)) for name, spec in fields.items()}
        self.docs = list(docs)
        self.counts: list[dict[str, dict[str, int]]] = []  # entry -> field -> token -> count
        postings: dict[str, int] = {}
        for doc in self.docs:
            mine: dict[str, dict[str, int]] = {}
            for name in self.fields:
                if name not in doc:
                    continue
                counted: dict[str, int] = {}
                value = doc[name]
                for token in cut(" ".join(value) if isinstance(value, list) else str(value)):
                    counted[token] = counted.get(token, 0) + 1
                mine[name] = counted
                for token in counted:
                    postings[token] = postings.get(token, 0) + 1
            self.counts.append(mine)
        self.idf = {token: lunr_idf(n, len(self.docs)) for token, n in postings.items()}
        self.vocabulary = sorted(self.idf)
        self._expanded: dict[str, list[str]] = {}
        pages: set[str] = set()
        self.is_page: list[bool] = []
        for doc in self.docs:
            path = str(doc.get("location", "")).split("#", 1)[0]
            self.is_page.append(path not in pages)  # Material: the first entry of a path is its page
            pages.add(path)

    def expand(self, word: str) -> list[str]:
        """The index tokens a query word matches (as a prefix)."""
        if word not in self._expanded:
            start = bisect.bisect_left(self.vocabulary, word)
            found = []
            for token in self.vocabulary[start:]:
                if not token.startswith(word):
                    break
                found.append(token)
            self._expanded[word] = found
        return self._expanded[word]

    def base(self, i: int, words: Sequence[str]) -> tuple[float, int]:
        """Entry ``i``'s lunr score for ``words`` without its own boost, and how many words it matched."""
        total, matched = 0.0, 0
        for word in words:
            found = False
            for token in self.expand(word):
                for name, counted in self.counts[i].items():
                    tf = counted.get(token, 0)
                    if tf:
                        found = True
                        total += self.fields[name] * self.idf[token] * (K1 + 1) * tf / (K1 + tf)
            matched += found
        return total, matched

    def scores(self, words: Sequence[str], boost: Callable[[int], float] | None = None) -> list[float]:
        """Every entry's score for a query of ``words`` as Material orders results (0: not found); an entry's
        boost is its ``boost`` key, or ``boost(i)``."""
        out = []
        for i, doc in enumerate(self.docs):
            raw, matched = self.base(i, words)
            if not matched:
                out.append(0.0)
                continue
            weight = boost(i) if boost is not None else float(doc.get("boost", 1))
            share = matched / max(len(words), 1)
            out.append(raw * weight * (1 + (self.is_page[i] + share) ** 2))
        return out
