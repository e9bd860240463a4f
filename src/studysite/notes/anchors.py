"""Heading anchors as GitHub writes them, and links between notes checked with their line; pure functions.

A writer who copies a heading's link from GitHub's (or VS Code's) preview gets GitHub's id: the heading
text lowercased, spaces as ``-``, punctuation dropped, Japanese kept (``### VMとコンテナ`` →
``#vmとコンテナ``). The site's ids are ASCII (``#vm-to-kontena``, ``studysite.notes.heading_ids``), so every
heading also answers to its GitHub id (:mod:`studysite.notes.preview_ext` puts an anchor with that id
into the heading), and :func:`resolve_links` rewrites a link written with a GitHub id to the heading's own
id, within a page or to another note, and reports a link to a heading that no page has, with its line and
the closest id there is.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from studysite.infra.problem import Problem
from studysite.notes.blocks import code_lines, read
from studysite.notes.heading_ids import headings, plain_heading, slugify

#: An inline link's destination, ``](dest)`` or ``](dest "title")``, or a reference definition's.
_LINK = re.compile(
    r"(?P<open>\]\(|^[ ]{0,3}\[[^\]]+\]:[ \t]*)(?P<dest><[^<>\n]*>|[^()\s]*)"
    r"(?P<rest>(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*)(?P<close>\)|$)"
)
#: An insertion point for generated content (``<!-- timeline -->``): ids there are not in the Markdown.
_INSERTION = re.compile(r"^[ ]{0,3}<!--\s*[\w-]+\s*-->[ \t]*$", re.MULTILINE)
_KEEP = {"-", "_"}


def github_slug(text: str) -> str:
    """The id GitHub gives a heading with this text (before numbering duplicates)."""
    out = []
    for ch in text.strip().lower():
        if ch == " ":
            out.append("-")
        elif ch in _KEEP or unicodedata.category(ch)[0] in "LNM":
            out.append(ch)
    return "".join(out)


@dataclass
class Anchors:
    """The heading ids of one page and the GitHub ids that stand for them."""

    ids: list[str] = field(default_factory=list)  # the page's own heading ids, in order
    github: dict[str, str] = field(default_factory=dict)  # GitHub id → the page's id
    text: str = ""  # the page's Markdown: any other id written in it (attr lists, HTML) counts as there


def page_anchors(markdown: str) -> Anchors:
    """The anchors of a page from its Markdown in Python-Markdown's dialect (after translation)."""
    lines = markdown.split("\n")
    anchors = Anchors(text=markdown)
    used: set[str] = set()
    counts: dict[str, int] = {}
    for heading in headings(lines, code_lines(markdown, read(markdown))):
        plain = plain_heading(heading.text).strip()
        own = heading.explicit or _unique(slugify(plain), used)
        used.add(own)
        anchors.ids.append(own)
        base = github_slug(plain)
        n = counts.get(base, 0)
        counts[base] = n + 1
        gh = base if n == 0 else f"{base}-{n}"
        if gh and gh != own:
            anchors.github.setdefault(gh, own)
    return anchors


def _unique(slug: str, used: set[str]) -> str:
    """``toc``'s rule for a heading id already taken on the page: ``_1``, ``_2``…"""
    if slug not in used:
        return slug
    n = 1
    while f"{slug}_{n}" in used:
        n += 1
    return f"{slug}_{n}"


def resolve_links(
    markdown: str, own: Anchors, anchors_of: Callable[[str], Anchors | None], code: Sequence[bool]
) -> tuple[str, list[Problem]]:
    """``markdown`` with links to GitHub ids rewritten to the headings' own ids, and a problem (1-based
    line of ``markdown``) for each link to a heading that is not there. ``anchors_of(path)`` gives the
    anchors of the note a relative ``.md`` link points to (None: not a note we know; left alone)."""
    if "#" not in markdown:
        return markdown, []
    lines = markdown.split("\n")
    problems: list[Problem] = []
    for i, line in enumerate(lines):
        if code[i] or "](" not in line or "#" not in line:
            continue

        def fix(m: re.Match[str], i: int = i) -> str:
            dest = m.group("dest")
            bare = dest[1:-1] if dest.startswith("<") else dest
            path, hash_, fragment = bare.partition("#")
            if not hash_ or not fragment or "://" in path or path.startswith(("mailto:", "/")):
                return m.group(0)
            if path and not path.split("?")[0].endswith(".md"):
                return m.group(0)
            target = own if not path else anchors_of(path.split("?")[0])
            if target is None:
                return m.group(0)
            wanted = unquote(fragment)
            if wanted in target.ids:
                return m.group(0)
            real = target.github.get(wanted) or target.github.get(wanted.lower())
            if real is not None:
                new = f"{path}#{real}"
                new = f"<{new}>" if dest.startswith("<") else new
                return f"{m.group('open')}{new}{m.group('rest')}{m.group('close')}"
            if not _written(wanted, target.text):
                near = difflib.get_close_matches(wanted, [*target.ids, *target.github], n=1, cutoff=0)
                hint = f"; the closest heading is '#{target.github.get(near[0], near[0])}'" if near else ""
                where = f"'{path}'" if path else "this page"
                problems.append(Problem(i + 1, f"link '{bare}': {where} has no heading '#{wanted}'{hint}"))
            return m.group(0)

        lines[i] = _LINK.sub(fix, line)
    return "\n".join(lines), problems


def _written(anchor: str, text: str) -> bool:
    """Whether a page's Markdown states the id some other way: ``{#id}``, ``id="id"``, a footnote…"""
    if anchor.startswith(("fn:", "fnref:")):
        return "[^" in text or "※" in text
    if _INSERTION.search(text):
        return True  # generated content may hold it: MkDocs checks those links after the build
    name = re.escape(anchor)
    return bool(re.search(r"\{[^{}\n]*#" + name + r"[\s}]|\bid=[\"']" + name + "[\"']", text))
