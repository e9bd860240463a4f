"""Navigation order on the frozen fixture site (tests/fixtures/site/): home, then the chapter in topic order
(docs/docker-1/.nav.yml), then the glossary; and the generator's nav rules, which hold for any notes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import nav_pages
from tests.support.project import FIXTURE_CHAPTER_ORDER, FIXTURE_SITE
from tests.support.site_checks import nav_problems

DOCS = FIXTURE_SITE / "docs"


def _nav_hrefs(site: Path) -> list[str]:
    """The pages of the primary navigation, in order, as site-relative URLs ("" is the home page)."""
    return [path for path, _ in nav_pages(site)]


@pytest.mark.slow
def test_nav_is_home_then_chapter_in_topic_order_then_glossary(site_dir: Path):
    hrefs = _nav_hrefs(site_dir)
    assert hrefs[0] == "", hrefs
    assert hrefs[1 : 1 + len(FIXTURE_CHAPTER_ORDER)] == FIXTURE_CHAPTER_ORDER, hrefs
    chapters = [i for i, h in enumerate(hrefs) if h.startswith("docker-")]
    assert hrefs.index("glossary/") > max(chapters), hrefs


@pytest.mark.slow
def test_nav_passes_the_generator_checks(site_dir: Path):
    problems = nav_problems(site_dir, DOCS)
    assert not problems, "\n".join(problems)


def test_nav_checks_name_what_is_out_of_order(tmp_path: Path):
    """nav_problems on a hand-made site whose nav misses a note, opens a chapter with a page instead of
    its index, breaks the .nav.yml order and puts the glossary before a chapter."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    for note in ("index.md", "glossary.md", "c/index.md", "c/a.md", "c/b.md", "d/index.md", "lost.md"):
        (docs / note).parent.mkdir(parents=True, exist_ok=True)
        (docs / note).write_text("# T\n", encoding="utf-8")
    (docs / "c" / ".nav.yml").write_text("nav:\n  - index.md\n  - b.md\n  - a.md\n", encoding="utf-8")
    order = ["", "c/a/", "c/", "c/b/", "glossary/", "d/"]
    links = "".join(f'<a class="md-nav__link" href="{"./" if not p else p}">{p}</a>' for p in order)
    for page in {*order}:
        (site / page).mkdir(parents=True, exist_ok=True)
        nav = links if page == "" else ""
        (site / page / "index.html").write_text(
            f'<nav class="md-nav md-nav--primary">{nav}</nav>', encoding="utf-8"
        )
    problems = nav_problems(site, docs)
    assert problems == [
        "notes missing from the nav: ['lost/']",
        f"c/: its index is not its first page: {['c/a/', 'c/', 'c/b/']}",
        f"c/: not the order of its .nav.yml, then the other pages: {['c/a/', 'c/', 'c/b/']}",
        f"the glossary comes before a chapter page: {order}",
    ], "\n".join(problems)
