"""Mermaid diagrams drawn at build time: inline SVG in the page HTML, no Mermaid in any page.

``build`` (one build's drawing, which the hook drives), ``settings`` (what Mermaid is told), ``cache`` (SVG
by source hash), ``driver`` (one headless Chromium for a whole build, with ``render.js``), ``svg`` (ids,
palettes), ``svg_clean`` and ``svg_trim`` (sanitising, trimming), ``page`` (finding the diagrams in a
page's HTML and fences in its Markdown) and ``assemble`` (the drawn diagrams put into the page through the
template).
"""
