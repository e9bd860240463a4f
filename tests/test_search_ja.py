"""Japanese search index: the shared separator, compound word forms, the rewritten index (tables, properties).

The browser side is tests/test_search.py; here the pure functions, the separator read by JavaScript's
RegExp the same way as by Python's re (through node, when it is installed), and the built index.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studysite.notes.glossary import compile_glossary
from studysite.search.ja import (
    FIELD,
    LENGTH_WEIGHT,
    MIN_USES,
    SEPARATOR,
    TERM_PAGES,
    TERMS_BOOST,
    TERMS_FIELD,
    TITLE_BOOST,
    GlossaryPage,
    augment,
    augment_json,
    check_config,
    discussed_terms,
    length_boost,
    split_terms,
    sudachi_splitter,
    term_forms,
    term_relevance,
    term_uses,
    tokens,
    word_forms,
)
from studysite.search.rank import Ranking
from tests.support.search_cases import CASES, TERM_CASES
from tests.support.search_worker import worker_results

TOKENS = [
    ("Dockerエンジン", ["docker", "エンジン"]),
    ("ホストOSのカーネル", ["ホスト", "os", "カーネル"]),  # particles after a Latin word go
    ("Docker Hub とは", ["docker", "hub", "とは"]),
    ("レイヤー構成の比較", ["レイヤ", "構成の", "比較"]),  # kana stay on the word before them
    ("ハイパーバイザー", ["ハイパーバイザ"]),
    ("サーバー管理とサーバ", ["サーバ", "管理と", "サーバ"]),
    ("ターーン、アーー ーー", ["ターーン", "ア"]),
    ("コンテナの起動/停止は一瞬", ["コンテナ", "起動", "停止は", "一瞬"]),
    ("1台のホストマシン", ["1", "台の", "ホストマシン"]),
    ("仮想マシンと公開イメージ", ["仮想", "マシン", "公開", "イメージ"]),
    ("サーバーのログを", ["サーバ", "ログ"]),  # long vowel and particle after katakana
    ("依存している", ["依存している"]),  # kana after kanji stay: a query 依存対象 is not cut at 依存
    ("タイプ2のハイパーバイザ", ["タイプ", "2", "ハイパーバイザ"]),
    ("CPU、メモリ、ディスクI/Oなど", ["cpu", "メモリ", "ディスク", "i", "o"]),
    ("「どこでも動く」わけではない", ["どこでも", "動く", "わけではない"]),
    ("Solaris・Zones（2005年）", ["solaris", "zones", "2005", "年"]),
    ("v1.6.1 です. Docker.", ["v1.6.1", "です", "docker"]),
    ("&lt;script&gt; A&amp;B", ["script", "a", "b"]),
    ("<p>隔離</p><code>chroot</code>され", ["隔離", "chroot", "され"]),
    ("Swarm: クラスタマネージャ", ["swarm", "クラスタマネージャ"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_tokens(text: str, expected: list[str]):
    assert tokens(text) == expected


def test_separator_has_bar_only_between_alternatives():
    # Material's highlighter splits the separator at "|"; each piece must be a whole alternative.
    import re

    for piece in SEPARATOR.split("|"):
        re.compile(piece)


#: Text made of everything the separator distinguishes: scripts, marks, entities, markup-free.
_ALPHABET = "aZ09.&;lgt ー・、。「」()/:-_ぁあのはをがとアイコンテナ漢字隔離々ＡＯ１\u3000\u200b\u00a0é"
TEXT = st.text(alphabet=_ALPHABET, max_size=40)


@given(TEXT)
def test_tokens_are_stable(text: str):
    """A token, cut again, is itself: words written to the hidden field come out of the browser as written."""
    for token in tokens(text):
        assert tokens(token) == [token], token


def _node() -> str:
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    return node


# The worker's way of cutting a field (written from its documented behaviour, not copied): a global RegExp
# run over the text; the text between matches is a token; a zero-length match moves on by one character.
_JS_SPLIT = r"""
const sep = process.argv[1];
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = texts.map(text => {
  const re = new RegExp(sep, "g"), tokens = [];
  let index = 0, m;
  do {
    m = re.exec(text);
    const until = m ? m.index : text.length;
    if (index < until) tokens.push(text.slice(index, until).toLowerCase());
    if (m) { index = m.index + m[0].length; if (m[0].length === 0) re.lastIndex = m.index + 1; }
  } while (m);
  return tokens;
});
process.stdout.write(JSON.stringify(out));
"""


def _js_tokens(texts: list[str]) -> list[list[str]]:
    done = subprocess.run(
        [_node(), "-e", _JS_SPLIT, SEPARATOR],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_javascript_reads_the_separator_like_python_on_the_table():
    texts = [text for text, _ in TOKENS if "<" not in text]
    assert _js_tokens(texts) == [tokens(text) for text in texts]


@settings(max_examples=30, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=40))
def test_javascript_reads_the_separator_like_python(texts: list[str]):
    assert _js_tokens(texts) == [tokens(text) for text in texts]


PARTS = {
    "クラスタマネージャ": ("クラスタ", "マネージャ"),
    "運用担当者": ("運用", "担当", "者"),
    "カーネルネームスペース": ("カーネル", "ネーム", "スペース"),
    "可搬性": ("可搬", "性"),
    "エンドユーザー": ("エンド", "ユーザー"),
}


def fake_split(word: str) -> tuple[str, ...]:
    return PARTS.get(word, (word,))


@pytest.mark.parametrize(
    ("token", "forms"),
    [
        ("クラスタマネージャ", ["マネージャ"]),
        ("運用担当者の", ["担当者"]),  # the kana after the compound are not part of it
        ("カーネルネームスペース", ["ネームスペース", "スペース"]),
        ("可搬性", []),  # one-character parts are left out
        ("エンドユーザー", ["ユーザ"]),  # written as the browser cuts it: no final ー
        ("コンテナ", []),
        ("docker", []),
        ("の", []),
    ],
)
def test_word_forms(token: str, forms: list[str]):
    assert word_forms(token, fake_split) == forms


def test_word_forms_ignore_a_splitter_that_rewrites_the_word():
    assert word_forms("クラスタマネージャ", lambda word: ("クラスター", "マネージャー")) == []


@pytest.mark.parametrize(
    ("token", "form"),
    [
        ("クラスタマネージャ", "マネージャ"),
        ("運用担当者", "担当者"),
        ("カーネルネームスペース", "ネームスペース"),
        ("コンテナイメージ", "イメージ"),
        ("クラウドサービス", "サービス"),
    ],
)
def test_word_forms_with_sudachi(token: str, form: str):
    assert form in word_forms(token, sudachi_splitter())


def test_check_config():
    assert check_config(["en"], []) == []
    assert check_config(["en"], None) == []
    problems = check_config(["ja"], ["stemmer"])
    assert len(problems) == 2 and "lang" in problems[0] and "pipeline" in problems[1]


def test_length_boost():
    assert length_boost(10, 10) == pytest.approx(1.0)
    assert length_boost(1, 10) > 1.0 > length_boost(100, 10)
    assert length_boost(0, 0) > 0
    assert length_boost(1, 1000) < 1 / (1 - LENGTH_WEIGHT)  # at most 1 / (1 - b)


def _index(docs: list[dict]) -> dict:
    config = {
        "lang": ["en"],
        "separator": "[\\s\\-]+",
        "pipeline": [],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
    }
    return {"config": config, "docs": docs}


INDEX = _index(
    [
        {"location": "", "title": "ホーム", "text": "<p>学習ノート</p>"},
        {"location": "glossary/", "title": "用語集", "text": ""},
        {"location": "glossary/#basics", "title": "基本", "text": "<p>運用担当者とクラスタマネージャ</p>"},
        {"location": "docker-1/", "title": "Docker 1", "text": "<p>概要</p>", "boost": 2},
        {"location": "docker-1/#more", "title": "続き", "text": "<p>クラスタマネージャのSwarm</p>"},
    ]
)


def test_augment_example():
    out = augment(INDEX, fake_split, ["", "docker-1/", "glossary/"])
    assert out["config"]["separator"] == SEPARATOR
    assert out["config"]["fields"][FIELD] == {"boost": 1.0}
    assert out["config"]["fields"]["title"] == {"boost": TITLE_BOOST}
    locations = [d["location"] for d in out["docs"]]
    assert locations == ["", "docker-1/", "docker-1/#more", "glossary/", "glossary/#basics"]
    by = {d["location"]: d for d in out["docs"]}
    assert by["glossary/#basics"][FIELD] == "担当者 マネージャ"
    assert by["docker-1/#more"][FIELD] == "マネージャ"
    assert FIELD not in by[""]
    lengths = [len(tokens(f"{d['title']} {d['text']}")) for d in INDEX["docs"]]
    expected = 2 * length_boost(lengths[3], sum(lengths) / len(lengths))  # search.boost times length boost
    assert by["docker-1/"]["boost"] == pytest.approx(expected, abs=1e-4)
    assert INDEX["docs"][3]["boost"] == 2, "the input is not changed"


def test_augment_json_writes_utf8_text():
    text = augment_json(json.dumps(INDEX), fake_split)
    assert "担当者" in text
    assert json.loads(text)["docs"][0]["title"] == "ホーム"


_PAGES = st.sampled_from(["", "a/", "b/", "c/d/"])
_DOC_TEXT = st.text(alphabet="アイウクラスタマネージャ運用担当者の漢字 abc<p>/", max_size=30)


@st.composite
def indexes(draw):
    docs = []
    for page in draw(st.lists(_PAGES, min_size=1, max_size=4, unique=True)):
        docs.append({"location": page, "title": draw(_DOC_TEXT), "text": draw(_DOC_TEXT)})
        for i in range(draw(st.integers(0, 3))):
            docs.append({"location": f"{page}#s{i}", "title": draw(_DOC_TEXT), "text": draw(_DOC_TEXT)})
    return _index(docs)


@given(indexes(), st.permutations(["", "a/", "b/", "c/d/"]))
def test_augment_properties(index: dict, order: list[str]):
    out = augment(index, fake_split, order)
    before = {d["location"]: d for d in index["docs"]}
    after = {d["location"]: d for d in out["docs"]}
    assert sorted(before) == sorted(after)
    for location, doc in after.items():
        # What the reader sees is unchanged.
        assert (doc["title"], doc["text"]) == (before[location]["title"], before[location]["text"])
        # Hidden words: stable tokens, none of them already a word of the entry.
        own = set(tokens(f"{doc['title']} {doc['text']}"))
        for word in doc.get(FIELD, "").split():
            assert tokens(word) == [word] and word not in own
        assert 0 < doc["boost"] <= 1 / (1 - LENGTH_WEIGHT)
    # Pages in the given order, each page's entries together, its own entry first, sections in order.
    pages = [d["location"].split("#")[0] for d in out["docs"]]
    assert pages == sorted(pages, key=order.index)
    for page in set(pages):
        mine = [d["location"] for d in out["docs"] if d["location"].split("#")[0] == page]
        assert mine == [d["location"] for d in index["docs"] if d["location"].split("#")[0] == page]
    # Rewriting again finds the same hidden words.
    again = augment(out, fake_split, order)
    assert [d.get(FIELD) for d in again["docs"]] == [d.get(FIELD) for d in out["docs"]]


@pytest.mark.slow
def test_built_index(site_dir: Path):
    raw = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["config"]["lang"] == ["en"] and data["config"]["pipeline"] == []
    assert data["config"]["separator"] == SEPARATOR
    assert FIELD in data["config"]["fields"]
    assert "コンテナ" in raw, "the index is written as UTF-8 text, not \\u escapes"
    locations = [d["location"] for d in data["docs"]]
    assert locations[0] == "" and locations[-1].startswith("glossary/"), "entries are in navigation order"
    words = {w for d in data["docs"] for w in d.get(FIELD, "").split()}
    assert {"マネージャ", "担当者", "ネームスペース"} <= words


# -- the glossary indexed by entry (issue 25) --------------------------------------------------------------

ENTRIES = GlossaryPage(
    "glossary/",
    [
        ("kernel", "カーネル", "OSの核。"),
        ("namespaces", "カーネルネームスペース / namespaces", "コンテナのためのLinuxカーネルの機能。"),
        ("container", "コンテナ", "隔離された環境。"),
        ("image", "コンテナイメージ / イメージ", "コンテナの元。"),
        ("docker-engine", "Dockerエンジン", "<コンテナの中核>"),
    ],
)


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("カーネルネームスペース", "カーネル\u200bネームスペース"),
        ("コンテナイメージ", "コンテナ\u200bイメージ"),
        ("カーネル", "カーネル"),
        ("Dockerエンジン", "Dockerエンジン"),  # the separator cuts there already
        ("ホストOS", "ホストOS"),
    ],
)
def test_split_terms(spelling: str, expected: str):
    terms = [
        "カーネル",
        "カーネルネームスペース",
        "コンテナ",
        "コンテナイメージ",
        "イメージ",
        "Docker",
        "ホスト",
    ]
    assert split_terms(spelling, terms) == expected


def test_the_glossary_is_indexed_by_entry():
    out = augment(INDEX, fake_split, ["", "docker-1/", "glossary/"], ENTRIES)
    glossary = [d for d in out["docs"] if d["location"].startswith("glossary/")]
    assert [d["location"] for d in glossary] == [
        "glossary/",
        "glossary/#kernel",
        "glossary/#namespaces",
        "glossary/#container",
        "glossary/#image",
        "glossary/#docker-engine",
    ], "the page's sections give way to one entry per term"
    by = {d["location"]: d for d in glossary}
    assert by["glossary/#namespaces"]["title"] == "カーネル\u200bネームスペース / namespaces"
    assert tokens(by["glossary/#namespaces"]["title"]) == ["カーネル", "ネームスペース", "namespaces"]
    assert by["glossary/#docker-engine"]["text"] == "&lt;コンテナの中核&gt;"
    # an entry's own terms in the hidden field, unsplit: a query typed as one word is one token
    assert by["glossary/#kernel"][FIELD].split()[0] == "カーネル"
    assert by["glossary/#namespaces"][FIELD].split()[:2] == ["カーネルネームスペース", "namespaces"]
    assert by["glossary/#image"][FIELD].split()[:2] == ["コンテナイメージ", "イメージ"]
    assert all("_own_terms" not in d for d in out["docs"])


def test_no_glossary_page_no_change():
    plain = augment(INDEX, fake_split, ["", "docker-1/", "glossary/"])
    assert (
        augment(INDEX, fake_split, ["", "docker-1/", "glossary/"], GlossaryPage("missing/", ENTRIES.entries))
        == plain
    )
    assert augment(INDEX, fake_split, ["", "docker-1/", "glossary/"], GlossaryPage("glossary/", [])) == plain


# -- search by term (issue 25): entries placed for their term, pages that discuss a term --------------------

TERMS = ["カーネル", "カーネルネームスペース", "コンテナ", "コンテナイメージ", "イメージ", "Docker"]
TERMS += ["Docker Hub", "ホストOS", "ゲストOS", "ハイパーバイザ", "ハイパーバイザー"]
TERMS += ["Control Groups", "Dockerエンジン"]
MATCHER = compile_glossary({term: f"{term}の説明" for term in TERMS})


@pytest.mark.parametrize(
    ("spellings", "forms"),
    [
        (["カーネル"], ["カーネル"]),
        (["カーネルネームスペース"], ["ネームスペース"]),  # a search for カーネル would match カーネル…
        (["コンテナイメージ", "イメージ"], ["イメージ"]),
        (["Docker Hub"], ["hub"]),
        (["Dockerエンジン"], ["エンジン"]),
        (["ホストOS"], ["ホスト"]),  # one token a term: a term of two words weighs as much as one of one
        (["ハイパーバイザ", "ハイパーバイザー"], ["ハイパーバイザ"]),
        (["Control Groups"], ["control"]),
        ([], []),
    ],
)
def test_term_forms(spellings: list[str], forms: list[str]):
    assert term_forms(spellings, TERMS) == forms


def test_no_term_form_is_found_by_a_search_for_a_shorter_term():
    """The browser matches a query word as a prefix: the form of a term that starts with another term must
    not start with that term's first word."""
    for term in TERMS:
        for form in term_forms([term], TERMS):
            for other in TERMS:
                first = tokens(other)[0]
                longer = " ".join(tokens(term)).startswith(" ".join(tokens(other)))
                if longer and tokens(term) != tokens(other):
                    assert not form.startswith(first), (term, other, form)


def test_term_uses_counts_as_the_site_marks_terms():
    text = "<p>Linuxカーネルとカーネルネームスペース、<b>カーネル</b></p>"
    text += "<li>DockerHub、Docker Hub、Dockers</li>"
    assert term_uses(text, MATCHER) == {"カーネル": 2, "カーネルネームスペース": 1, "Docker Hub": 1}
    assert term_uses("&lt;カーネル&gt;", MATCHER) == {"カーネル": 1}
    assert term_uses("カーネル", compile_glossary({})) == {}


@given(st.integers(0, 50), st.integers(1, 5000), st.floats(1, 1000))
def test_term_relevance(uses: int, length: int, average: float):
    weight = term_relevance(uses, length, average)
    assert weight == 0 if uses == 0 else 0 < weight < 2.2
    assert term_relevance(uses + 1, length, average) >= weight  # more uses, more relevant
    assert term_relevance(uses, length + 100, average) <= weight  # a longer page needs more uses


def _page(url: str, *sections: str) -> list[dict]:
    docs = [{"location": url, "title": url.strip("/") or "home", "text": ""}]
    docs += [{"location": f"{url}#s{i}", "title": f"s{i}", "text": text} for i, text in enumerate(sections)]
    return docs


DISCUSSING = _index(
    _page("", "<p>カーネル</p>")  # one use: no discussion
    + _page("short/", "<p>前置き</p>", "<p>カーネルとカーネル</p>", "<p>ホストOSのカーネル</p>")
    + _page("long/", *["<p>" + "ことば " * 60 + "</p>"] * 8, "<p>カーネル、カーネル、カーネル、ホストOS</p>")
    + _page("mid/", "<p>カーネルのカーネル、ホストOS</p>", "<p>" + "ことば " * 40 + "</p>")
    + _page("glossary/", "<p>カーネル カーネル カーネル カーネル</p>")
)


def test_discussed_terms_example():
    marks = discussed_terms(DISCUSSING["docs"], MATCHER, skip="glossary/")
    # カーネル: used 3 times on the short page, twice on the mid one, 3 times on the long one; the pages
    # that use it most for their length are the short and mid pages, and it goes where each uses it most
    assert marks["short/#s1"] == ["カーネル"] and marks["mid/#s0"][0] == "カーネル"
    assert "long/#s8" not in marks or "カーネル" not in marks["long/#s8"]
    # ホストOS: once on each page: discussed nowhere
    assert not any("ホスト" in forms for forms in marks.values())
    assert not [location for location in marks if location.startswith(("glossary/", "#"))] and "" not in marks
    # never more than TERM_PAGES pages a term, and only pages that use it MIN_USES times
    counted: dict[str, int] = {}
    for forms in marks.values():
        for form in forms:
            counted[form] = counted.get(form, 0) + 1
    assert max(counted.values()) <= TERM_PAGES and MIN_USES >= 2


def test_augment_with_a_matcher():
    out = augment(DISCUSSING, fake_split, ["", "short/", "long/", "mid/", "glossary/"], matcher=MATCHER)
    assert out["config"]["fields"][TERMS_FIELD] == {"boost": TERMS_BOOST}
    by = {d["location"]: d for d in out["docs"]}
    assert by["short/#s1"][TERMS_FIELD] == "カーネル"
    assert all(d["title"] == by[d["location"]]["title"] for d in DISCUSSING["docs"])
    assert TERMS_FIELD not in DISCUSSING["docs"][2], "the input is not changed"
    again = augment(out, fake_split, ["", "short/", "long/", "mid/", "glossary/"], matcher=MATCHER)
    assert [d.get(TERMS_FIELD) for d in again["docs"]] == [d.get(TERMS_FIELD) for d in out["docs"]]
    plain = augment(DISCUSSING, fake_split, ["", "short/", "long/", "mid/", "glossary/"])
    assert TERMS_FIELD not in plain["config"]["fields"] and not any(TERMS_FIELD in d for d in plain["docs"])


PLACED = _index(
    _page("", "<p>学習ノート</p>")
    + [{"location": "what/", "title": "コンテナとは", "text": "<p>コンテナの説明。コンテナ。</p>"}]
    + _page("kernel/", "<p>ホストのカーネルを共有するコンテナ</p>", "<p>カーネル、カーネル</p>")
    + [{"location": "glossary/", "title": "用語集", "text": "<p>用語</p>"}]
    + [{"location": "glossary/#basics", "title": "基本", "text": ""}]
)


def _ranked(out: dict, query: str) -> list[str]:
    """Material's result order for ``query``: pages by their best entry, as the glossary's entry or page."""
    ranking = Ranking(out["config"]["fields"], out["docs"], tokens)
    scores = ranking.scores(tokens(query))
    best: dict[str, tuple[float, str]] = {}
    for doc, score in zip(out["docs"], scores, strict=True):
        page = doc["location"].split("#")[0]
        if score and score > best.get(page, (0.0, ""))[0]:
            best[page] = (score, doc["location"])
    return [location for _, location in sorted(best.values(), reverse=True)]


def test_glossary_entries_are_placed_for_their_term():
    out = augment(PLACED, fake_split, ["", "what/", "kernel/", "glossary/"], ENTRIES)
    # a page named after the term comes first, then the term's entry, then the other pages
    assert _ranked(out, "コンテナ")[:2] == ["what/", "glossary/#container"]
    # no title holds カーネル: the entry comes first, before the namespaces entry whose text has カーネル
    assert _ranked(out, "カーネル")[0] == "glossary/#kernel"
    assert _ranked(out, "カーネルネームスペース")[0] == "glossary/#namespaces"
    assert _ranked(out, "コンテナイメージ")[0] == "glossary/#image"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_ranking_is_material_s(site_dir: Path):
    """studysite.search.rank scores the built index as Material's own worker (run in node) does, up to one
    factor a query: the same entries, in the same proportions. Queries with kanji are left out: the worker
    first cuts their kanji runs into words of the index, which Ranking does not."""
    queries = [q for q in dict.fromkeys([c.query for c in CASES] + [c.query for c in TERM_CASES])]
    queries = [q for q in queries if not any("\u4e00" <= ch <= "\u9fff" for ch in q)]
    assert len(queries) >= 30
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    ranking = Ranking(data["config"]["fields"], data["docs"], tokens)
    found = worker_results(site_dir, queries)
    for query in queries:
        worker = {location: score for group in found[query] for location, score in group if score}
        scores = ranking.scores(tokens(query))
        ours = {d["location"]: s for d, s in zip(data["docs"], scores, strict=True) if s}
        assert set(worker) == set(ours), query
        ratios = [worker[location] / ours[location] for location in worker]
        assert max(ratios) / min(ratios) < 1.01, (query, min(ratios), max(ratios))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_glossary_term_finds_its_entry_and_a_page_that_uses_it(site_dir: Path):
    """The class of tests/test_search.py's term table: every spelling of every glossary entry, typed alone,
    lists the glossary with that entry as its first row, and a note page that uses the term (as the site's
    matcher counts), among the first five pages of Material's own search worker (run in node)."""
    from studysite.notes.glossary import load_glossary
    from studysite.notes.term_uses import glossary_entries
    from tests.support.project import FIXTURE_SITE

    matcher = load_glossary(FIXTURE_SITE / "includes" / "abbreviations.md", "abbreviations.md")
    entries = glossary_entries((site_dir / "glossary" / "index.html").read_text(encoding="utf-8"))
    anchor = {name: entry.anchor for entry in entries for name in entry.title.split(" / ")}
    same = {name: entry.title.split(" / ") for entry in entries for name in entry.title.split(" / ")}
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    uses: dict[str, set[str]] = {}  # term -> note pages that use it
    for doc in data["docs"]:
        page = doc["location"].split("#")[0]
        if page != "glossary/":
            for term in term_uses(f"{doc['title']} {doc['text']}", matcher):
                uses.setdefault(term, set()).add(page)
    terms = list(matcher.terms)
    assert set(terms) == set(anchor), "every term has a glossary entry"
    found = worker_results(site_dir, terms)
    misses = []
    for term in terms:
        groups = found[term][:5]
        pages = [group[0][0].split("#")[0] for group in groups]
        glossary = [group for group in groups if group[0][0].startswith("glossary/")]
        rows = [[at for at, _ in group if "#" in at] for group in glossary]
        using = set().union(*(uses.get(name, set()) for name in same[term]))
        if not rows or not rows[0] or rows[0][0] != f"glossary/#{anchor[term]}":
            misses.append(f"{term}: glossary {rows[:1]}")
        elif using and not using & set(pages):
            misses.append(f"{term}: none of {sorted(using)} in {pages}")
    assert not misses, misses
