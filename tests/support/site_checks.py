"""Checks about the generator that hold for any notes: every page built with a title, a description and
ASCII heading ids, every note in the navigation, and every statement of a raw note on its page.

Each check returns the problems it found, one readable line each (an empty list when all is well), so a
test can say exactly what is wrong with which page. None of them knows what today's notes say.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

from tests.support.browser import nav_pages
from tests.support.pages import HeadMeta, article, built_page, doc_pages, normalize

#: What a heading id may be made of: ASCII letters, digits and the separators MkDocs' toc uses.
ASCII_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]*")
_CODE_ABBR = re.compile(r"<(code|pre)\b[^>]*>(?:(?!</\1>).)*<abbr", re.S)


def page_url(docs: Path, source: Path) -> str:
    """The site-relative directory URL of a note ("" for the home page)."""
    rel = source.relative_to(docs).with_suffix("")
    stem = rel.parent.as_posix() if rel.name in ("index", "README") else rel.as_posix()
    return "" if stem == "." else f"{stem}/"


def page_urls(docs: Path) -> set[str]:
    """The URL of every note of ``docs`` (folders starting with a dot are not pages)."""
    return {
        page_url(docs, md)
        for md in doc_pages(docs)
        if not any(part.startswith(".") for part in md.relative_to(docs).parts)
    }


def page_problems(site: Path, docs: Path) -> list[str]:
    """Every note of ``docs`` is a built page with a <title>, a description (the front matter's when it
    has one), an h1 first, non-empty ASCII heading ids unique on the page, and hover definitions only in
    running text."""
    problems: list[str] = []
    for source in doc_pages(docs):
        rel = source.relative_to(docs).as_posix()
        built = built_page(site, docs, source)
        if not built.exists():
            problems.append(f"{rel}: not built ({built.relative_to(site)} is missing)")
            continue
        html = built.read_text(encoding="utf-8")
        head = HeadMeta()
        head.feed(html)
        _, meta = get_data(source.read_text(encoding="utf-8"))
        if not head.title.strip():
            problems.append(f"{rel}: empty <title>")
        if not (head.description or "").strip():
            problems.append(f"{rel}: no <meta name=description> (or an empty one)")
        wanted = meta.get("description")
        if isinstance(wanted, str) and head.description != wanted:
            problems.append(f"{rel}: description {head.description!r} is not the front matter's {wanted!r}")
        page = article(html)
        if not page.headings or page.headings[0][0] != "h1":
            problems.append(f"{rel}: the first heading is not an h1: {page.headings[:1]}")
        ids = [heading_id or "" for _, heading_id in page.headings]
        bad = [heading_id for heading_id in ids if not ASCII_ID.fullmatch(heading_id)]
        if bad:
            problems.append(f"{rel}: heading ids that are empty or not ASCII: {bad}")
        twice = sorted({heading_id for heading_id in ids if ids.count(heading_id) > 1})
        if twice:
            problems.append(f"{rel}: heading ids used twice on the page: {twice}")
        if "&lt;abbr" in html:
            problems.append(f"{rel}: a hover definition leaked into the text as markup")
        if _CODE_ABBR.search(html):
            problems.append(f"{rel}: a hover definition inside code")
        if "*[" in page.text:
            problems.append(f"{rel}: an abbreviation line shows as text")
    return problems


def _listed_order(docs: Path, folder: Path) -> list[str]:
    """The URLs of the pages a folder's .nav.yml names, in its order (globs and folders left out)."""
    nav_file = folder / ".nav.yml"
    if not nav_file.exists():
        return []
    entries = (yaml.safe_load(nav_file.read_text(encoding="utf-8")) or {}).get("nav") or []
    names = [next(iter(e.values())) if isinstance(e, dict) and len(e) == 1 else e for e in entries]
    return [page_url(docs, folder / name) for name in names if isinstance(name, str) and name.endswith(".md")]


def nav_problems(site: Path, docs: Path) -> list[str]:
    """The navigation holds every note, home first; each chapter folder is one run that starts with
    its index, keeps the order its .nav.yml gives and puts the pages it does not name after those; the
    glossary comes after every chapter."""
    hrefs = [path for path, _ in nav_pages(site)]
    expected = page_urls(docs)
    problems: list[str] = []
    if not hrefs or hrefs[0] != "":
        problems.append(f"the home page is not first in the nav: {hrefs[:3]}")
    missing = sorted(expected - set(hrefs))
    if missing:
        problems.append(f"notes missing from the nav: {missing}")
    chapters = sorted({p.split("/", 1)[0] + "/" for p in expected if p.count("/") > 1 or (docs / p).is_dir()})
    for chapter in chapters:
        run = [i for i, h in enumerate(hrefs) if h.startswith(chapter)]
        if not run:
            continue
        if run != list(range(run[0], run[0] + len(run))):
            problems.append(f"{chapter}: its pages are not together in the nav: {hrefs}")
        pages = [hrefs[i] for i in run]
        if chapter in expected and pages[0] != chapter:
            problems.append(f"{chapter}: its index is not its first page: {pages}")
        listed = [p for p in _listed_order(docs, docs / chapter) if p in pages]
        rest = [p for p in pages if p not in listed]
        if pages != listed + rest:
            problems.append(f"{chapter}: not the order of its .nav.yml, then the other pages: {pages}")
    if "glossary/" in hrefs:
        last_chapter = max(
            (i for i, h in enumerate(hrefs) if h.split("/", 1)[0] + "/" in chapters), default=-1
        )
        if hrefs.index("glossary/") < last_chapter:
            problems.append(f"the glossary comes before a chapter page: {hrefs}")
    return problems


def note_statements(markdown: str) -> list[str]:
    """The text of every heading, list item and prose line of a raw note, as a reader reads it: outside
    front matter and fenced code, without Markdown markup, ``{#id}`` attributes or ※ markers."""
    body, _ = get_data(markdown)
    statements: list[str] = []
    fence = ""
    for line in body.splitlines():
        text = line.strip()
        if fence:
            fence = "" if text.startswith(fence) else fence
            continue
        if text.startswith(("```", "~~~")):
            fence = text[:3]
            continue
        text = re.sub(r"^#{1,6}\s+", "", text)
        text = re.sub(r"^(?:[*+-]|\d+[.)])\s+", "", text)
        text = re.sub(r"\s*\{\s*#[^}]*\}\s*$", "", text)
        text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
        text = strip_note_markers(text.replace("`", ""))
        if text.strip():
            statements.append(text.strip())
    return statements


def strip_note_markers(text: str) -> str:
    """Text without the note's ※ footnote markers (``(※1)``, ``※１``): a footnote reference or a raw
    marker reads the same to this check."""
    return re.sub(r"\(?※[0-9０-９]+\)?", "", text)


def missing_statements(markdown: str, html: str) -> list[str]:
    """The statements of a raw note that its built page does not show (compared as :func:`normalize`)."""
    text = normalize(strip_note_markers(article(html).text))
    return [s for s in note_statements(markdown) if normalize(s) not in text]
