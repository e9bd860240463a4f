"""The linear replacements of print-site's link repairs and Material search's heading lookup give the
plugins' own results (studysite.site.upstream_linear)."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex
from mkdocs_print_site_plugin import urls

from studysite.site.upstream_linear import PATTERNS, anchor_matches, linear, toc_index, toc_lookup

_pieces = st.sampled_from(
    [
        '<h2 id="a">',
        '<h3 id="b">',
        '<li id="fn:1">',
        "<sup id='x'>",
        '<div class="c">',
        "<div>",
        "</div>",
        ' id="q"',
        '<a href="#a">',
        '<a class="k" href="../p/#b">',
        '<img src="i.png">',
        "text",
        " ",
        "\n",
        '"',
        ">",
        "<",
        'ID="Z"',
        '<SUP ID="s">',
        '<a href="https://example.org/">',
    ]
)
_html = st.lists(_pieces, max_size=40).map("".join)


@given(_html)
def test_anchor_matches_are_finditer_s(text: str):
    pattern = PATTERNS["update_anchor_ids"]
    assert [m.span() for m in anchor_matches(pattern, text)] == [m.span() for m in pattern.finditer(text)]


def _original(name: str):
    function = getattr(urls, name)
    return getattr(function, "__wrapped__", function)


@given(_html)
def test_linear_repairs_give_print_site_s_text(text: str):
    """Where no match's text recurs inside another (print-site would rewrite such copies too)."""
    for name, args in (
        ("update_anchor_ids", ("page",)),
        ("fix_href_links", ("page", "sub/page/", True)),
        ("fix_image_src", ("sub/page/", True)),
    ):
        original = _original(name)
        matches = [m.group() for m in PATTERNS[name].finditer(text)]
        if len(set(matches)) != len(matches) or any(a != b and a in b for a in matches for b in matches):
            continue
        assert linear(original, PATTERNS[name])(text, *args) == original(text, *args), name


@dataclass
class _Item:
    id: str
    children: list[_Item] = field(default_factory=list)


_ids = st.sampled_from(["a", "b", "c", "d", ""])
_toc = st.recursive(
    st.builds(_Item, _ids), lambda inner: st.builds(_Item, _ids, st.lists(inner, max_size=3)), max_leaves=12
).map(lambda item: item.children or [item])


@given(_toc, _ids)
def test_toc_lookup_finds_the_item_material_finds(toc: list[_Item], wanted: str):
    original = getattr(SearchIndex._find_toc_by_id, "__wrapped__", SearchIndex._find_toc_by_id)

    class Material:  # the original method recurses through self
        _find_toc_by_id = original

    found = Material()._find_toc_by_id(toc, wanted)
    assert toc_lookup(original)(None, toc, wanted) is found
    assert toc_index(toc).get(wanted) is found
