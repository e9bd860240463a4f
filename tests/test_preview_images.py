"""Link-preview images (studysite.site.preview_images): line breaks, size, bytes, Japanese glyphs drawn."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from studysite.site.preview_images import (
    HEIGHT,
    WIDTH,
    Fonts,
    PreviewCard,
    cached_card,
    card_key,
    draw_card,
    find_fonts,
    wrap,
)

SITE = "コンテナとDocker 学習ノート"
TITLES = [
    ("コンテナとは", "Docker 1"),
    ("Dockerとコンテナの歴史", "Docker 1"),
    (
        "VMとコンテナ：仮想マシンとコンテナは何が違うのか、レイヤー構成の比較から考える（ホストOSのカーネル）",
        "Docker 1",
    ),
    ("用語集", ""),
]


def _width(text: str) -> float:
    return float(len(text))  # one unit a character: easy to reason about


WRAPS = [
    ("コンテナとは何か", 4, ["コンテナ", "とは何か"]),
    ("コンテナ、とは", 4, ["コンテ", "ナ、とは"]),  # 、 never starts a line
    ("「コンテナ」", 3, ["「コン", "テナ」"]),  # 」 goes with the character before it
    ("abc「def", 4, ["abc", "「def"]),  # 「 never ends a line
    ("Docker Engine and Hub", 10, ["Docker", "Engine and", "Hub"]),  # Latin words stay whole
    ("", 5, []),
]


@pytest.mark.parametrize(("text", "limit", "lines"), WRAPS)
def test_wrap(text: str, limit: int, lines: list[str]):
    assert wrap(text, _width, limit) == lines


@given(
    st.text(alphabet="あいうえおアイウ漢字、。「」ー abcXYZ", max_size=60),
    st.integers(min_value=2, max_value=12),
)
def test_wrap_keeps_the_text_and_the_width(text: str, limit: int):
    lines = wrap(text, _width, limit)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # a line is only over the limit when it is one unbreakable run (a long Latin word)
    assert all(len(line) <= limit or " " not in line for line in lines)


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return find_fonts()


@pytest.fixture(scope="module")
def cards(fonts: Fonts) -> dict[str, bytes]:
    return {title: draw_card(PreviewCard(title, chapter, SITE), fonts) for title, chapter in TITLES}


def test_cards_are_1200_by_630_small_distinct_and_byte_stable(cards: dict[str, bytes], fonts: Fonts):
    for title, data in cards.items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (WIDTH, HEIGHT) == (1200, 630)
        assert len(data) <= 80_000, (title, len(data))
    assert len(set(cards.values())) == len(cards)
    title, chapter = TITLES[1]
    assert draw_card(PreviewCard(title, chapter, SITE), fonts) == cards[title]


def test_the_title_is_set_in_biz_udpgothic_with_every_glyph(fonts: Fonts):
    """Font check: BIZ UDPGothic has every character of the titles (no tofu). Render check: the same card
    drawn with a font that has no Japanese (DejaVu Sans, whose missing glyphs are boxes) differs from ours
    where the title is, and ours differs from a card whose title is the missing glyph."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    assert "BIZUDPGothic" in fonts.bold.name
    cmap = TTFont(str(fonts.bold), lazy=True).getBestCmap()
    for title, chapter in TITLES:
        missing = [char for char in title + chapter + SITE if ord(char) not in cmap and not char.isspace()]
        assert not missing, missing
    latin = subprocess.run(
        ["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True
    ).stdout
    if not latin or not Path(latin).exists():
        pytest.skip("no DejaVu Sans to draw tofu with")
    ours = draw_card(PreviewCard("コンテナとは", "", SITE), fonts)
    tofu = draw_card(PreviewCard("コンテナとは", "", SITE), Fonts(Path(latin), Path(latin)))
    boxes = draw_card(PreviewCard("\uffff" * 6, "", SITE), fonts)
    assert ours != tofu and ours != boxes
    with Image.open(io.BytesIO(ours)) as a, Image.open(io.BytesIO(tofu)) as b:
        assert _differ(a, b, (0, 150, WIDTH, 500)), "the title looks the same in a font without Japanese"


def _differ(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int]) -> bool:
    return a.convert("RGB").crop(box).tobytes() != b.convert("RGB").crop(box).tobytes()


def test_the_cache_key_follows_the_text_and_a_second_draw_is_a_hit(fonts: Fonts, tmp_path: Path):
    card = PreviewCard("カーネル", "Docker 1", SITE)
    assert card_key(card, fonts) == card_key(PreviewCard("カーネル", "Docker 1", SITE), fonts)
    assert card_key(card, fonts) != card_key(PreviewCard("カーネル", "Docker 2", SITE), fonts)
    first, hit = cached_card(card, fonts, tmp_path)
    assert not hit
    again, hit = cached_card(card, fonts, tmp_path)
    assert hit and again == first
    assert [path.suffix for path in tmp_path.iterdir()] == [".png"]
