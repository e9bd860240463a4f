"""Big notes build in linear time: two quadratic steps of our plugins replaced by linear equivalents
(``studysite.site.upstream_linear``), installed once per process before any page is rendered. When the
pinned plugins change so that a replacement no longer fits, the build stops and says where to look."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]
from mkdocs.exceptions import PluginError
from mkdocs_print_site_plugin import urls  # type: ignore[import-untyped]

from studysite.site.upstream_linear import PATTERNS, linear, toc_lookup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

HERE = "see src/studysite/site/upstream_linear.py"


def on_config(config: MkDocsConfig) -> None:
    for name, pattern in PATTERNS.items():
        current = getattr(urls, name, None)
        if current is None:
            raise PluginError(f"print-site has no urls.{name} any more: {HERE}")
        if hasattr(current, "__wrapped__"):
            continue  # installed by an earlier build of this process (mkdocs serve)
        if pattern.pattern not in inspect.getsource(current):
            raise PluginError(f"print-site's urls.{name} matches another pattern now: {HERE}")
        setattr(urls, name, linear(current, pattern))
    find = getattr(SearchIndex, "_find_toc_by_id", None)
    if find is None or list(inspect.signature(find).parameters) != ["self", "toc", "id"]:
        raise PluginError(f"Material's search no longer has _find_toc_by_id(self, toc, id): {HERE}")
    if not hasattr(find, "__wrapped__"):
        SearchIndex._find_toc_by_id = toc_lookup(find)
