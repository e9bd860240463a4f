"""The JavaScript the export runs in the print page: one function per file in ``js/``, next to this module."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def script(name: str) -> str:
    """The source of ``js/<name>.js``: a function expression for Playwright's ``page.evaluate``."""
    return files("studysite.pdf").joinpath("js", f"{name}.js").read_text(encoding="utf-8")
