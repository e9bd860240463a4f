"""Notes added as their writers keep them leave the suite green: the frozen fixture site plus two raw
notes (the seed, byte-exact, as a new chapter; a short raw note dropped into the existing chapter) builds
strict, and every check about the generator holds for it: pages, navigation, every statement of each note
on its page, and search finding the new text.

These checks know nothing of what the notes say (tests.support.site_checks); tests of today's wording
and rankings run on the fixture site alone.
"""

from __future__ import annotations

import shutil

import pytest

from tests.support.browser import nav_pages, record, serve
from tests.support.pages import built_page
from tests.support.project import FIXTURE_CHAPTER_ORDER, ROOT, SUB_PATH, build_site, fixture_project
from tests.support.search import search
from tests.support.site_checks import missing_statements, nav_problems, page_problems

pytestmark = pytest.mark.slow

SEED = ROOT / "tests" / "fixtures" / "docker-1.md"
RAW_NOTE = ROOT / "tests" / "fixtures" / "raw-note.md"
#: Where the two notes go: names no writer would pick, so they never meet a real note.
CHAPTER = "zz-test-added-chapter"
NOTE = "docker-1/zz-test-added-note.md"


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory):
    """(project, built site, build result) of the fixture site with the two raw notes added."""
    base = tmp_path_factory.mktemp("added")
    project = fixture_project(base / "project")
    config = (project / "mkdocs.yml").read_bytes()
    (project / "docs" / CHAPTER).mkdir()
    shutil.copyfile(SEED, project / "docs" / CHAPTER / "index.md")
    shutil.copyfile(RAW_NOTE, project / "docs" / NOTE)
    out = base / "site"
    result = build_site(project, out, site_url=f"http://127.0.0.1:8000{SUB_PATH}")
    assert result.returncode == 0, result.stderr
    assert (project / "mkdocs.yml").read_bytes() == config, "adding a note needs no config edit"
    return project, out, result


def test_the_build_has_no_warning(added):
    _, _, result = added
    assert "WARNING" not in result.stderr, result.stderr


def test_every_page_passes_the_generator_checks(added):
    project, out, _ = added
    problems = page_problems(out, project / "docs")
    assert not problems, "\n".join(problems)


def test_the_nav_has_the_new_chapter_and_note_in_their_places(added):
    project, out, _ = added
    problems = nav_problems(out, project / "docs")
    assert not problems, "\n".join(problems)
    hrefs = [path for path, _ in nav_pages(out)]
    order = [h for h in hrefs if h.startswith(("docker-", "zz-", "glossary"))]
    # the chapter's own order first, the dropped-in note after it (not sorted in by name)
    assert order[: len(FIXTURE_CHAPTER_ORDER) + 1] == [
        *FIXTURE_CHAPTER_ORDER,
        "docker-1/zz-test-added-note/",
    ], order
    assert order.index(f"{CHAPTER}/") < order.index("glossary/"), order


@pytest.mark.parametrize("note", [f"{CHAPTER}/index.md", NOTE])
def test_every_statement_of_a_raw_note_is_on_its_page(added, note: str):
    project, out, _ = added
    source = project / "docs" / note
    html = built_page(out, project / "docs", source).read_text(encoding="utf-8")
    missing = missing_statements(source.read_text(encoding="utf-8"), html)
    assert not missing, f"{note}: statements missing from the built page:\n  " + "\n  ".join(missing)


@pytest.fixture(scope="module")
def search_tab(added, browser):
    """The extended site served, and one reader's tab on it, reused for every query."""
    _, out, _ = added
    with serve(out, SUB_PATH) as base:
        context = browser.new_context(locale="ja-JP")
        page = context.new_page()
        rec = record(page)
        page.goto(base + "docker-1/", wait_until="load")
        yield page, base, rec
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "within"),
    [
        ("BuildKit", 1),  # a Latin word only the added note has
        ("マルチステージビルド", 1),  # its heading
        ("ステージ", 3),  # the later part of a compound: found through the index's word forms
    ],
)
def test_search_finds_the_added_note(search_tab, query: str, within: int):
    page, base, rec = search_tab
    meta, pages = search(page, base, query)
    assert "docker-1/zz-test-added-note/" in pages[:within], f"{query!r}: {pages[:5]} ({meta})"
    assert not rec.errors and not rec.blocked, (rec.errors, rec.blocked)


def test_the_statement_check_sees_a_lost_bullet(added):
    """The check above can fail: the raw note's page with one bullet's text taken out."""
    project, out, _ = added
    source = project / "docs" / NOTE
    html = built_page(out, project / "docs", source).read_text(encoding="utf-8")
    assert "最終イメージが小さくなる" in html
    lost = html.replace("最終イメージが小さくなる", "")
    assert missing_statements(source.read_text(encoding="utf-8"), lost) == ["最終イメージが小さくなる"]
