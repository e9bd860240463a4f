"""Hover previews of internal links: Material's ``navigation.instant.preview``, only where it can work.

Material shows a preview of the linked section on hover and on keyboard focus, for links to pages in
its sitemap. A bundle read from disk (the offline build) can fetch neither the sitemap nor the pages,
and without instant navigation the pages are not the ones previews are made for: there the feature is
dropped from the theme's settings, so no page tries (and logs an error) at all.
``docs/assets/javascripts/link-previews.js`` keeps the glossary's hover definitions from popping up a
second time inside a preview.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studysite.site.offline import offline_build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

FEATURE = "navigation.instant.preview"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    features = list(config.theme.get("features") or [])
    if FEATURE in features and (offline_build(config.plugins) or "navigation.instant" not in features):
        config.theme["features"] = [feature for feature in features if feature != FEATURE]
    return config
