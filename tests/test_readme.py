"""The README names only things that exist: every backticked path in README.md is a file or folder of the
repository, or of the site a build makes (then it is checked in the session's built site)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.project import ROOT

README = ROOT / "README.md"
#: What a file name ends with, for a backticked word to count as a path.
EXTENSIONS = r"(py|md|yml|yaml|json|js|mjs|css|html|xml|lock|in|txt|zip|toml|sh|png|svg|pdf)"
#: Written by commands, not kept in the repository: (path, what makes it).
MADE = {
    "site/": "make site",
    "site/pdf/": "make site (the PDF exporter)",
    "dist/container-study-notes-offline.zip": "make offline",
    "container-study-notes-offline/index.html": "make offline (inside the zip)",
    ".setup/": "make setup",
    ".venv/": "make setup",
    ".venv": "make setup",
}
#: Spans shaped like paths that are not: (span, what it is).
NOT_PATHS = {"text/javascript": "a MIME type"}


def backticked(text: str) -> list[str]:
    """The inline code spans of a Markdown text, outside fenced blocks, in order, once each."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return list(dict.fromkeys(re.findall(r"(?<!`)`([^`\n]+)`(?!`)", text)))


def is_path(span: str) -> bool:
    """A span that names a file or folder: no spaces or markup, not a URL or URL path, and with a slash or
    a file name's extension (``mkdocs.yml``, ``docs/``); ``.mjs`` alone is an extension, not a file."""
    if span in NOT_PATHS or re.fullmatch(r"\.\w+", span) or span.startswith("/"):
        return False
    if re.search(r"[\s\"'<>=;:*{}()#]", span):
        return False
    return "/" in span or re.fullmatch(rf"[\w.-]+\.{EXTENSIONS}", span) is not None


def exists(span: str, site: Path) -> bool:
    """In the repository (a folder name alone anywhere in it), or in the built site."""
    name = span.rstrip("/")
    if (ROOT / name).exists() or (site / name).exists():
        return True
    if "/" not in name:  # a bare name, placed by the sentence around it: `index.md`, `notes/`
        tracked = [p for p in ROOT.rglob(name) if ".venv" not in p.parts and "node_modules" not in p.parts]
        return bool(tracked) or any(site.rglob(name))
    return False


def test_path_spans_are_told_apart_from_commands_and_code():
    spans = ["docs/", "mkdocs.yml", ".nav.yml", "make serve", ".mjs", "/study/", "file://", "SITE_URL"]
    spans += [
        "pre.mermaid",
        '"old/path.md": "new/path.md"',
        "extra.diagrams",
        "bench/run_all.py",
        "text/javascript",
    ]
    assert [s for s in spans if is_path(s)] == ["docs/", "mkdocs.yml", ".nav.yml", "bench/run_all.py"]


@pytest.mark.slow
def test_every_backticked_path_in_the_readme_exists(site_dir: Path):
    paths = [span for span in backticked(README.read_text(encoding="utf-8")) if is_path(span)]
    assert len(paths) >= 30, f"the README's paths were not found: {paths}"
    missing = [span for span in paths if span not in MADE and not exists(span, site_dir)]
    assert not missing, f"README.md names paths that do not exist: {missing}"
