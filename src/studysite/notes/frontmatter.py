"""Front matter of a note: where the body starts, and why front matter that MkDocs would drop is wrong.

MkDocs reads a page's YAML front matter only when it parses to a mapping; otherwise it silently keeps the
``---`` block as body text. :func:`front_matter_error` finds that case and says which line is at fault.
"""

from __future__ import annotations

import re

import yaml

#: MkDocs' own pattern (mkdocs.utils.meta.YAML_RE): "---" on the first line, up to a "---" or "..." line.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
#: A first line "---" followed by a ``key: value`` line: front matter, whether or not it is closed.
_OPENED = re.compile(r"^-{3}[ \t]*\r?\n[ \t]*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\r?\n|$)")


def front_matter_error(source: str) -> tuple[int, str] | None:
    """(1-based line, message) when ``source`` opens with front matter that is not a YAML mapping."""
    m = FRONT_MATTER.match(source)
    if not m:
        if _OPENED.match(source):
            return (
                1,
                "front matter is never closed: end it with a '---' line after its last 'key: value' line",
            )
        return None
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return line, (
            f"front matter is not valid YAML ({problem}): write it as 'key: value' lines, and put a value "
            "that holds ': ', '#' or starts with a quote or bracket in double quotes"
        )
    if isinstance(data, dict):
        return None
    return 2, (
        "front matter must be 'key: value' lines (e.g. 'description: …'); if the first '---' is meant as "
        "a rule, start the note with its '# ' heading instead"
    )


def lines_before_body(source: str, markdown: str) -> int:
    """Lines of front matter (and blank lines) MkDocs removed before handing the Markdown to hooks."""
    if not markdown or not source.endswith(markdown):
        return 0
    return source[: len(source) - len(markdown)].count("\n")
