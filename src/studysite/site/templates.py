"""The theme's partial templates (``overrides/partials/``), loaded one way for every hook: autoescaped (a
value is escaped once, here), an undefined name an error, each loaded once per theme folders."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import jinja2


class TemplateMissing(Exception):
    """The template is in none of the theme's folders."""


@lru_cache(maxsize=16)
def _environment(dirs: tuple[str, ...], trim: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
    )


def partial(dirs: Sequence[str], name: str, *, trim: bool = False) -> jinja2.Template:
    """The template ``name`` from the first of ``dirs`` that has it (``trim``: Jinja's block-line trimming,
    for templates whose output must hold no blank lines)."""
    try:
        return _environment(tuple(dirs), trim).get_template(name)
    except jinja2.TemplateNotFound:
        raise _missing(name, dirs) from None


def partial_source(dirs: Sequence[str], name: str) -> str:
    """The text of the template ``name``, for a renderer that sets up Jinja its own way."""
    environment = _environment(tuple(dirs), False)
    try:
        source, _, _ = jinja2.FileSystemLoader(list(dirs)).get_source(environment, name)
    except jinja2.TemplateNotFound:
        raise _missing(name, dirs) from None
    return source


def _missing(name: str, dirs: Sequence[str]) -> TemplateMissing:
    return TemplateMissing(f"template {name} was not found in the theme directories ({', '.join(dirs)})")
