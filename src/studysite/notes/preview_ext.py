"""A Python-Markdown extension: what the writer's GFM preview shows that Python-Markdown does not by default.

- An ordered list starts at the number the writer wrote (``3.`` after a code block shows 3, not 1).
- Every heading also answers to the id GitHub would give it. The tree processor runs right after ``toc``
  (same priority, registered later), so it sees the ids ``toc`` gave, and before MkDocs collects a page's
  anchors, so links to these ids validate. Each heading whose GitHub id
  (:func:`studysite.notes.anchors.github_slug`, ``-1``, ``-2`` for repeats) differs from its own gets an
  empty ``<span class="gh-anchor" id="…">`` as its first child: a link from a wiki written as GitHub
  shows the heading lands on it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from studysite.notes.anchors import github_slug

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class GitHubAnchors(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        counts: dict[str, int] = {}
        for el in root.iter():
            if el.tag not in _HEADINGS or not el.get("id"):
                continue
            base = github_slug(_text(el))
            n = counts.get(base, 0)
            counts[base] = n + 1
            slug = base if n == 0 else f"{base}-{n}"
            if not slug or slug in ids:
                continue
            ids.add(slug)
            span = etree.Element("span", {"class": "gh-anchor", "id": slug})
            span.tail, el.text = el.text, None
            el.insert(0, span)


def _text(el: etree.Element) -> str:
    """The heading's text as a reader sees it: without ``toc``'s permalink."""
    parts = [el.text or ""]
    for child in el:
        if "headerlink" not in (child.get("class") or "").split():
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


class PreviewExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.parser.blockprocessors["olist"].LAZY_OL = False  # (as the sane_lists extension has it)
        md.treeprocessors.register(GitHubAnchors(md), "github_anchors", 5)


def makeExtension(**kwargs: object) -> PreviewExtension:  # noqa: N802 (Python-Markdown's name)
    return PreviewExtension(**kwargs)
