"""The PDF outline (bookmarks) against the page's headings: Chromium's titles checked and mended. Pure."""

from __future__ import annotations


def flatten_outline(outline: list, depth: int = 0) -> list[tuple[int, str]]:
    """pypdf's nested ``reader.outline`` as ``(depth, title)`` in reading order."""
    flat: list[tuple[int, str]] = []
    for item in outline:
        if isinstance(item, list):
            flat += flatten_outline(item, depth + 1)
        else:
            flat.append((depth, str(item.title)))
    return flat


def undouble(title: str) -> str:
    """``"目次目次"`` -> ``"目次"``: a title that is one text twice over, as Chromium sometimes makes."""
    half, odd = divmod(len(title), 2)
    return title[:half] if not odd and half and title[:half] == title[half:] else title


def outline_matches(titles: list[str], headings: list[str]) -> bool:
    """True when the outline titles are the headings, one for one (doubled titles allowed)."""
    return len(titles) == len(headings) and all(
        squash(undouble(title)) == squash(heading) or squash(title) == squash(heading)
        for title, heading in zip(titles, headings, strict=False)
    )


def squash(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks lines and spaces where layout does."""
    return "".join(text.split())
