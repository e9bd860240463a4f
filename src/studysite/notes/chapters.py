"""The title a chapter takes from its ``index.md``: front matter ``title``, else the note's ``# `` heading.

The navigation names a chapter folder after the folder (``docker-net`` → "Docker net") unless its
``.nav.yml`` gives a title; a raw note dropped in as its own chapter has neither, but it has a title.
"""

from __future__ import annotations

import re

import yaml

from studysite.notes.blocks import read, walk
from studysite.notes.frontmatter import FRONT_MATTER

_ATTRS = re.compile(r"[ \t]*\{[^{}]*\}$")  # an attr_list such as {#id}
_CLOSING = re.compile(r"(?:^|[ \t]+)#+$")  # an ATX heading's closing hashes


def note_title(source: str) -> str | None:
    """The title ``source`` gives its page, as plain text, or None."""
    body = source
    found = FRONT_MATTER.match(source)
    if found:
        try:
            data = yaml.safe_load(found.group(1))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("title"), str) and data["title"].strip():
            return " ".join(data["title"].split())
        body = source[found.end() :]
    for block in walk(read(body)):
        if block.kind == "heading" and block.level == 1:
            text = _CLOSING.sub("", _ATTRS.sub("", block.inline)).strip()
            return " ".join(text.split()) or None
    return None
