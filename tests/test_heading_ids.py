"""Heading ids: readable ASCII made from the heading's own text, stable, unique per page, checked."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studysite.notes.blocks import code_lines
from studysite.notes.heading_ids import heading_problems, slugify

IDS = [
    # Japanese
    ("VMとコンテナ", "vm-to-kontena"),
    ("用語集", "yougoshuu"),
    ("仮想化とコンテナの基本", "kasouka-to-kontena-no-kihon"),
    ("読み方", "yomikata"),
    ("どこでも動くわけではない", "doko-de-mo-ugoku-wake-de-wa-nai"),
    ("ハイパーバイザー", "haipaa-baizaa"),
    ("チェックポイント", "chekkupointo"),
    # mixed
    ("Dockerとコンテナ", "docker-to-kontena"),
    ("Dockerとはなにか、なぜ注目されているか", "docker-to-wa-nani-ka-naze-chuumoku-sare-te-iru-ka"),
    ("Docker社が開発したツール", "docker-sha-ga-kaihatsu-shita-tsuuru"),
    ("第1章 Docker 1", "dai-1-shou-docker-1"),
    ("docker_compose の使い方", "docker-compose-no-tsukaikata"),
    # Latin
    ("Dockerfile", "dockerfile"),
    ("Docker Hub", "docker-hub"),
    ("Docker 1", "docker-1"),
    ("Café au lait", "cafe-au-lait"),
    ("ＶＭ１", "vm1"),
    # symbols, emoji
    ("C++とC#", "c-to-c"),
    ("「コンテナ」とは？", "kontena-to-wa"),
    ("🐳", "spouting-whale"),
    ("🐳 Docker", "docker"),
    ("★☆", "black-star-white-star"),
    ("❤️", "heavy-black-heart"),
    ("", "section"),
]


@pytest.mark.parametrize(("text", "expected"), IDS, ids=[t or "empty" for t, _ in IDS])
def test_id_from_text(text: str, expected: str) -> None:
    assert slugify(text, "-") == expected


def test_long_headings_are_cut_at_a_word() -> None:
    made = slugify("コンテナ" * 30 + " end", "-")
    assert len(made) <= 64 and not made.endswith("-")


def render(text: str) -> str:
    return markdown.markdown(
        text, extensions=["attr_list", "footnotes", "toc"], extension_configs={"toc": {"slugify": slugify}}
    )


def page_ids(html: str) -> list[str]:
    return re.findall(r'<h[1-6] id="([^"]*)"', html)


def test_on_a_page_explicit_wins_and_duplicates_get_suffixes() -> None:
    html = render(
        "# VMとコンテナ {#vm-and-containers}\n\n## 例\n\n## 例\n\n## Docker[^1]\n\n[^1]: x\n\n"
        "## **強調**の`code`\n"
    )
    assert page_ids(html) == ["vm-and-containers", "rei", "rei_1", "docker", "kyouchou-no-code"]


# --- checks as the build runs them ---------------------------------------------------------------------

PROBLEMS = [
    ("no problem", "# A {#a}\n\n## B\n", []),
    ("duplicate explicit", "# A {#a}\n\n## B {#a}\n", [(3, "heading id 'a' is already used on line 1")]),
    ("non-ASCII explicit", "# A {#ブイエム}\n", [(1, "heading id 'ブイエム' is not a plain ASCII id")]),
    (
        "generated meets explicit",
        "# Docker\n\n## X {#docker}\n",
        [(1, "heading 'Docker' would get the id 'docker'")],
    ),
    ("identical generated headings", "## 例\n\n## 例\n", []),
    ("attr list with class", "# A {: #a .wide }\n\n## B {#a}\n", [(3, "heading id 'a' is already used")]),
    ("setext", "A {#a}\n===\n\nB {#a}\n---\n", [(4, "heading id 'a' is already used on line 1")]),
    ("code is not a heading", "# A {#a}\n\n```\n# A {#a}\n```\n", []),
]


@pytest.mark.parametrize(("name", "text", "expected"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_heading_problems(name: str, text: str, expected: list[tuple[int, str]]) -> None:
    found = heading_problems(text.split("\n"), code_lines(text))
    assert [
        (p.line, p.message[: len(want)]) for p, (_, want) in zip(found, expected, strict=False)
    ] == expected
    assert len(found) == len(expected), found


# --- hypothesis -----------------------------------------------------------------------------------------

_HEADING = st.text(
    alphabet=st.sampled_from(
        list("VMDockerコンテナ仮想化の基本とはなにかハイパーバイザー隔離、「」？!#&-_ 1２🐳★")
    ),
    min_size=1,
    max_size=14,
).filter(lambda t: t.strip() and not t.strip().startswith("#") and not t.strip().endswith("#"))


@settings(max_examples=150, deadline=None)
@given(_HEADING)
def test_ids_are_ascii(text: str) -> None:
    made = slugify(text, "-")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", made), made


@settings(max_examples=60, deadline=None)
@given(st.lists(_HEADING, min_size=1, max_size=8), _HEADING, st.integers(0, 8))
def test_unique_per_page_and_stable_under_insertion(headings: list[str], extra: str, where: int) -> None:
    def page(texts: list[str]) -> str:
        return "\n\n".join(f"## {t.strip()}" for t in texts) + "\n"

    before = page_ids(render(page(headings)))
    assert len(before) == len(headings) and len(set(before)) == len(before)
    where = min(where, len(headings))
    after = page_ids(render(page([*headings[:where], extra, *headings[where:]])))
    assert len(set(after)) == len(after) and all(i.isascii() for i in after)
    kept = after[:where] + after[where + 1 :]
    for old, new, text in zip(before, kept, headings, strict=True):
        if slugify(text.strip(), "-") != slugify(extra.strip(), "-"):
            assert old == new, (text, extra)
