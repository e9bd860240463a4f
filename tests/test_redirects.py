"""Links that last: a renamed note keeps its old URL working through mkdocs-redirects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.browser import record, serve
from tests.support.project import FIXTURE_SITE, SUB_PATH, build_site, fixture_project

pytestmark = [pytest.mark.slow, pytest.mark.browser]

OLD, NEW = "docker-1/portability.md", "docker-1/shared-kernel.md"


def add_redirect(config: str, old: str, new: str) -> str:
    """mkdocs.yml text with ``old: new`` added to the redirects plugin's ``redirect_maps``."""
    match = re.search(r"^(?P<indent> *)redirect_maps:(?P<flow> *\{\})?[ \t]*$", config, re.MULTILINE)
    assert match, "mkdocs.yml has no `redirect_maps:` entry for the redirects plugin"
    line = f'{match["indent"]}  "{old}": "{new}"'
    return f"{config[: match.start()]}{match['indent']}redirect_maps:\n{line}{config[match.end() :]}"


def test_add_redirect_keeps_existing_entries():
    flow = "  - redirects:\n      redirect_maps: {}\n  - print-site\n"
    assert add_redirect(flow, "a.md", "b.md") == (
        '  - redirects:\n      redirect_maps:\n        "a.md": "b.md"\n  - print-site\n'
    )
    block = '  - redirects:\n      redirect_maps:\n        "x.md": "y.md"\n'
    assert add_redirect(block, "a.md", "b.md") == (
        '  - redirects:\n      redirect_maps:\n        "a.md": "b.md"\n        "x.md": "y.md"\n'
    )


def rename_note(docs: Path, old: str, new: str) -> int:
    """Rename a note as an author would: move the file and update every reference to it in docs/."""
    (docs / old).rename(docs / new)
    old_name, new_name = Path(old).name, Path(new).name
    changed = 0
    for path in [*docs.rglob("*.md"), *docs.rglob(".nav.yml")]:
        text = path.read_text(encoding="utf-8")
        if old_name in text:
            path.write_text(text.replace(old_name, new_name), encoding="utf-8")
            changed += 1
    return changed


def test_a_renamed_note_keeps_its_old_url(tmp_path: Path, browser):
    assert (FIXTURE_SITE / "docs" / OLD).exists(), f"pick another page to rename: {OLD} is gone"
    project = fixture_project(tmp_path / "project")
    rename_note(project / "docs", OLD, NEW)
    config = project / "mkdocs.yml"
    config.write_text(add_redirect(config.read_text(encoding="utf-8"), OLD, NEW), encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(project, out, site_url=f"http://127.0.0.1:8000{SUB_PATH}")
    assert result.returncode == 0, result.stderr
    assert (out / "docker-1" / "shared-kernel" / "index.html").exists()
    assert (out / "docker-1" / "portability" / "index.html").exists(), "no redirect page at the old URL"

    with serve(out, SUB_PATH) as base:
        context = browser.new_context()
        page = context.new_page()
        rec = record(page)
        new_url = base + "docker-1/shared-kernel/"
        page.goto(new_url)
        title = page.locator("article h1").first.inner_text()
        anchor = page.locator("article h2[id]").first.get_attribute("id")

        # The old URL, as a wiki or a bookmark has it, with a section anchor: the new page, same section.
        page.goto(f"{base}docker-1/portability/#{anchor}")
        page.wait_for_url(f"{new_url}#{anchor}", timeout=10_000)
        assert page.locator("article h1").first.inner_text() == title
        # And without the trailing slash's index.html detour: the old file URL too.
        page.goto(base + "docker-1/portability/index.html")
        page.wait_for_url(new_url, timeout=10_000)
        assert not rec.blocked, f"requests to other hosts: {rec.blocked}"
        assert not rec.errors, f"console errors: {rec.errors}"
        context.close()
