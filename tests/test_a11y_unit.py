"""The search-dialog label fix, on Material's exact markup and on changed markup."""

from __future__ import annotations

from studysite.site.a11y import SEARCH_DIALOG, label_search_dialog


def test_labels_the_dialog_once() -> None:
    html = f"<body>{SEARCH_DIALOG}<div></div></div>{SEARCH_DIALOG}</body>"
    out, found = label_search_dialog(html, "サイト内検索")
    assert found
    assert out.count('aria-label="サイト内検索"') == 1
    assert out.startswith('<body><div class="md-search" data-md-component="search" role="dialog" aria-label=')


def test_reports_changed_markup() -> None:
    html = '<div class="md-search" role="dialog" data-md-component="search">'
    assert label_search_dialog(html, "x") == (html, False)
