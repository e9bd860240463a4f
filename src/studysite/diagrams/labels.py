"""Escaping text for Mermaid diagram sources: one place for layer diagrams and the timeline."""

from __future__ import annotations

import string

#: Mermaid entity codes (``#name;``/``#code;``) for whatever could end the label string or start HTML,
#: a directive (``%%{``), a markdown string or a timeline's ``:`` separator. Mermaid marks entities with
#: the pairs "ﬂ°" and "¶ß" while decoding, so a word joiner (U+2060) splits those pairs in a label.
_LABEL_ESCAPES = {
    ord('"'): "#quot;",
    ord("<"): "#lt;",
    ord(">"): "#gt;",
    ord("&"): "#amp;",
    ord("#"): "#35;",
    ord(";"): "#59;",
    ord("`"): "#96;",
    ord("%"): "#37;",
    ord("\\"): "#92;",
    ord(":"): "#58;",
    ord("{"): "#123;",
    ord("}"): "#125;",
    ord("\ufb02"): "\ufb02\u2060",
    ord("\u00b6"): "\u00b6\u2060",
}
#: A ``str.translate`` table that keeps text on one line: control characters (category Cc) become U+FFFD,
#: the line and paragraph separators (Zl, Zp) spaces.
ONE_LINE = {**{code: "\ufffd" for code in (*range(0x20), *range(0x7F, 0xA0))}, 0x2028: " ", 0x2029: " "}
#: escape_label in one pass (none of the entity codes applies to a control character or a separator).
_LABEL_TABLE = {**ONE_LINE, **_LABEL_ESCAPES}


def escape_label(text: str) -> str:
    """Mermaid entity codes for anything that could break out of ``["…"]``; control characters become
    U+FFFD and line/paragraph separators spaces."""
    return text.translate(_LABEL_TABLE)


def escape_line(text: str) -> str:
    """``escape_label`` of ``text`` with its whitespace collapsed: one line of diagram text."""
    return escape_label(" ".join(text.split()))


#: ASCII punctuation → numeric entity, and the text kept on one line (see ONE_LINE).
_MARKDOWN_ESCAPES = {**ONE_LINE, **{ord(ch): f"&#{ord(ch)};" for ch in string.punctuation}}


def escape_markdown(text: str) -> str:
    """Plain text as one line of inline Markdown that shows verbatim: ASCII punctuation as numeric
    HTML entities, control characters as U+FFFD and line/paragraph separators as spaces."""
    return text.translate(_MARKDOWN_ESCAPES)
