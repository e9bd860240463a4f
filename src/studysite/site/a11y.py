"""Accessibility fixes to Material's page chrome that its templates offer no setting for."""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def label_search_dialog(page_html: str, label: str) -> tuple[str, bool]:
    """Give Material's search dialog an accessible name (axe: aria-dialog-name).

    Returns the new HTML and whether the dialog was found, so a changed template is noticed.
    """
    if SEARCH_DIALOG not in page_html:
        return page_html, False
    labelled = SEARCH_DIALOG[:-1] + f' aria-label="{label}">'
    return page_html.replace(SEARCH_DIALOG, labelled, 1), True
