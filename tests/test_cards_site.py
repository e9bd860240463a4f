"""The review cards in built sites: the 復習 page, its links, the print appendix, the deck and TSV files,
the build log; the page driven in Chromium by keyboard, without JavaScript, and from the offline bundle."""

from __future__ import annotations

import io
import re
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.support.project import ROOT, SESSION_ENV, SESSION_SITE_URL, build_site, fixture_project
from tests.support.session import once

# The offline bundle is the one tests/test_offline.py builds and checks (one build for both modules).
from tests.test_offline import ZIP_NAME, build_bundle

REVIEW = "review/index.html"
APKG = "downloads/study-cards.apkg"
TSV = "downloads/study-cards.tsv"
#: The home page's paragraph that links the page, the deck and the TSV (as docs/index.md has it).
HOME_LINKS = (
    "[復習](review.md)、[Ankiのデッキ (.apkg)](downloads/study-cards.apkg)、[TSV](downloads/study-cards.tsv)"
)
#: A raw note as its writer keeps it (2-space bullets), with a marker and a colon inside code.
RAW_NOTE = """# ネットワーク

## 基本

* ブリッジとは
  * 同じホストのコンテナをつなぐ仮想スイッチ
  * 既定のネットワーク
* ホスト: コンテナがホストのネットワークをそのまま使う
* 秘密: 覚えなくてよい <!-- no-card -->
* `ports: "8080:80"` の書き方
* <i title="x">斜体</i>: 貼り付けたHTML

```
* 図とは
  * コードの中
```
"""
OPTED_OUT = "---\ncards: false\n---\n# 下書き\n\n* 未完: まだカードにしない\n"
_LOG = re.compile(r"cards: (\d+) made \(term (\d+), definition (\d+), pair (\d+), timeline (\d+)\)")


def cards_build(work: Path) -> tuple[Path, str]:
    """The frozen notes plus a raw note and an opted-out one (an edit unrelated to the frozen notes'
    cards), and the home page's links; built strict for the session's URL and date."""
    project = fixture_project(work / "project")
    (project / "docs" / "docker-1" / "network.md").write_text(RAW_NOTE, encoding="utf-8")
    (project / "docs" / "docker-1" / "draft.md").write_text(OPTED_OUT, encoding="utf-8")
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n\n{HOME_LINKS}\n", encoding="utf-8")
    out = work / "site"
    result = build_site(project, out, site_url=SESSION_SITE_URL, extra_env=SESSION_ENV)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return out, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    return cards_build(tmp_path_factory.mktemp("cards"))


def tsv_rows(site: Path) -> list[dict[str, str]]:
    lines = (site / TSV).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def apkg_notes(site: Path, tmp_path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(io.BytesIO((site / APKG).read_bytes())) as archive:
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        return {guid: fields.split("\x1f") for guid, fields in db.execute("select guid, flds from notes")}
    finally:
        db.close()


def test_build_log_counts_each_kind_and_the_files_agree(built, tmp_path: Path):
    site, log = built
    [found] = _LOG.findall(log)
    total, term, definition, pair, timeline = map(int, found)
    rows = tsv_rows(site)
    kinds = Counter(row["kind"] for row in rows)
    assert (total, term, definition, pair, timeline) == (
        len(rows),
        kinds["term"],
        kinds["definition"],
        kinds["pair"],
        kinds["timeline"],
    )
    assert set(apkg_notes(site, tmp_path)) == {row["id"] for row in rows}
    network = {row["question"]: row["answer"] for row in rows if row["id"].startswith("docker-1/network#")}
    assert network == {
        "ブリッジとは？": "同じホストのコンテナをつなぐ仮想スイッチ / 既定のネットワーク",
        "ホスト": "コンテナがホストのネットワークをそのまま使う",
        '<i title="x">斜体</i>': "貼り付けたHTML",
    }
    # markup a note holds is text on the 復習 page and on paper
    for page in ("review/index.html", "print_page/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        cards = text[text.index("review-card") :]
        assert "&lt;i title=&quot;x&quot;&gt;斜体&lt;/i&gt;" in cards, page
        assert "<i title" not in cards, page
    assert not [row for row in rows if row["id"].startswith("docker-1/draft#")]


def test_guids_stay_across_two_builds_and_an_unrelated_edit(site_dir: Path, built, tmp_path: Path):
    """The session's site and this build (two more notes) give the frozen notes' cards the same ids, and
    the same content: an import of the newer deck updates those notes."""
    site, _ = built
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before, after = apkg_notes(site_dir, tmp_path / "a"), apkg_notes(site, tmp_path / "b")
    assert before and set(before) <= set(after)
    assert all(after[guid] == fields for guid, fields in before.items())
    assert (site / TSV).read_text(encoding="utf-8").count("\n") > (site_dir / TSV).read_text().count("\n")


def test_review_page_links_each_card_to_an_existing_anchor(site_dir: Path):
    page = (site_dir / REVIEW).read_text(encoding="utf-8")
    links = re.findall(r'class="review-card__source">[^<]*<a href="([^"]+)"', page)
    assert len(links) == page.count('class="review-card"') > 50
    for link in set(links):
        path, _, anchor = link.partition("#")
        target = (site_dir / "review" / path / "index.html").resolve()
        assert target.is_file(), link
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link


def test_review_page_is_in_nav_and_out_of_search(site_dir: Path):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="review/" class="md-nav__link">\s*<span class="md-ellipsis">\s*復習', home)
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "エミュレートすること" in index  # the note itself is found, not its card
    assert not re.search(r'"location":\s*"review/', index)


def test_print_page_has_the_cards_as_a_qa_appendix(site_dir: Path):
    page = (site_dir / REVIEW).read_text(encoding="utf-8")
    printed = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    section = printed[printed.index('id="review-review"') :] if 'id="review-review"' in printed else printed
    assert section.count('class="review-print__card"') == page.count('class="review-card"')
    assert 'class="review-card"' not in printed  # no closed <details> on paper
    assert "異なる「環境」を完全にエミュレートすること" in section
    assert 'class="screen-only">質問を読んで' in section  # no "open the answer" on paper


def test_home_page_links_the_page_the_deck_and_the_tsv(built):
    site, _ = built
    home = (site / "index.html").read_text(encoding="utf-8")
    for target in ("review/", APKG, TSV):
        assert f'href="{target}"' in home, target
        assert (site / target).exists()
    source = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert all(f"]({target})" in source for target in ("review.md", APKG, TSV))


# -- in Chromium ------------------------------------------------------------------------------------------

PROGRESS = ".review-toolbar__progress"
CURRENT = ".review-card--current"


def _drive(page) -> None:
    """Keyboard only: reveal, hide, next, "knew it", "again", back; then the state survives a reload."""
    page.wait_for_selector(".review-toolbar:not([hidden])")
    first = page.locator(CURRENT).get_attribute("data-card")
    assert page.locator(".review-card:visible").count() == 1
    answer = page.locator(f"{CURRENT} .review-card__answer")
    assert not answer.is_visible()
    page.keyboard.press("Space")
    assert answer.is_visible()
    page.keyboard.press("Space")
    assert not answer.is_visible()
    page.keyboard.press("ArrowRight")
    second = page.locator(CURRENT).get_attribute("data-card")
    assert second != first and page.locator(".review-card:visible").count() == 1
    page.keyboard.press("2")  # knew it: marked, and on to the next card
    page.keyboard.press("1")  # again
    third_and_fourth = page.locator(CURRENT).get_attribute("data-card")
    assert re.fullmatch(r"カード 4 / \d+・覚えた 1・もう一度 1", page.locator(PROGRESS).inner_text())
    page.reload()
    page.wait_for_selector(".review-toolbar:not([hidden])")
    assert page.locator(CURRENT).get_attribute("data-card") == third_and_fourth
    assert re.fullmatch(r"カード 4 / \d+・覚えた 1・もう一度 1", page.locator(PROGRESS).inner_text())
    assert page.locator(f'[data-card="{second}"]').get_attribute("data-mark") == "knew"
    page.keyboard.press("ArrowLeft")
    assert page.locator(CURRENT).get_attribute("data-mark") == "again"


@pytest.mark.browser
def test_review_page_by_keyboard_keeps_progress(browser, site_url: str):
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + "review/")
        _drive(page)
        # the table of contents' link to a chapter shows that chapter's first card
        last = page.locator(".review-cards").last
        heading = last.evaluate("list => list.previousElementSibling.id")
        page.locator(f'.md-sidebar--secondary a[href$="#{heading}"]').click()
        first = last.locator(".review-card").first.get_attribute("data-card")
        assert page.locator(CURRENT).get_attribute("data-card") == first
        assert page.locator(f"#{heading}").is_visible()
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_review_page_with_an_answer_open_is_axe_clean(browser, site_url: str, scheme: str):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + "review/")
        page.wait_for_selector(".review-toolbar:not([hidden])")
        page.keyboard.press("Space")
        # not a <script>: the page's CSP would block it
        page.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.help)"
        )
        assert violations == []
    finally:
        context.close()


@pytest.mark.browser
def test_review_page_without_javascript_lists_questions_with_answers_in_details(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "review/")
        cards = page.locator(".review-card")
        assert cards.count() > 50 and page.locator(".review-card:visible").count() == cards.count()
        assert not page.locator(".review-toolbar").is_visible()
        first = cards.first
        assert not first.locator(".review-card__answer").is_visible()
        first.locator("summary").click()
        assert first.locator(".review-card__answer").is_visible()
        assert first.locator(".review-card__source a").count() == 1
    finally:
        context.close()


@pytest.fixture(scope="module")
def offline_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("cards-offline")
    with zipfile.ZipFile(once(tmp_path_factory, "offline-bundle", build_bundle)) as archive:
        archive.extractall(dest)
    return dest / ZIP_NAME / "review.html"


@pytest.mark.browser
def test_review_page_works_in_the_offline_bundle_from_file(browser, offline_review: Path):
    assert (offline_review.parent / APKG).is_file() and (offline_review.parent / TSV).is_file()
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(offline_review.as_uri())
        _drive(page)
        assert errors == []
    finally:
        context.close()
