"""The title a chapter takes from its ``index.md``: front matter ``title``, else the note's ``# `` heading.

The navigation names a chapter folder after the folder (``docker-net`` → "Docker net") unless its
``.nav.yml`` gives a title; a raw note dropped in as its own chapter has neither, but it has a title.
"""

from __future__ import annotations

import re

import yaml

from studysite.notes.frontmatter import FRONT_MATTER
from studysite.notes.lists import code_lines

_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t]*$")
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
    lines = body.split("\n")
    for line, in_code in zip(lines, code_lines(body), strict=True):
        heading = None if in_code else _H1.match(line.rstrip("\r"))
        if heading:
            text = _CLOSING.sub("", _ATTRS.sub("", heading.group(1))).strip()
            return text or None
    return None
