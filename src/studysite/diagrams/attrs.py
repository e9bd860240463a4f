"""Fence openers with attributes, for the Mermaid fences our hooks write (```` ```{.mermaid k="v"} ````)."""

from __future__ import annotations

#: Characters an attribute value in a fence's ``{...}`` cannot hold as they are (attr_list has no escapes,
#: superfences writes the values out unescaped, and a backtick fence's info string may hold no backtick):
#: their full-width twins read the same to a person.
_SAFE = str.maketrans(
    {'"': "”", "<": "＜", ">": "＞", "&": "＆", "{": "｛", "}": "｝", "\\": "＼", "`": "｀"}
)


def attribute_value(text: str) -> str:
    """``text`` on one line, made safe for a quoted attribute value in a fence's ``{...}``."""
    return " ".join(text.split()).translate(_SAFE)


def mermaid_opener(marker: str, title: str, description: str) -> str:
    """The opening line of a Mermaid fence that carries its accessible title and description.

    Mermaid 11's block and timeline grammars have no ``accTitle``/``accDescr``; ``hooks/draw_diagrams.py``
    puts these into the SVG it draws at build time as <title>/<desc> (``studysite.diagrams.render.svg``).
    """
    return (
        f'{marker}{{.mermaid data-acc-title="{attribute_value(title)}" '
        f'data-acc-descr="{attribute_value(description)}"}}'
    )
