"""Diagrams: box drawings in notes read into a grid and written as Mermaid (``detect``, ``readers``,
``grid``, ``mermaid``, ``labels``, ``layers``), ragged drawings kept as code found (``ragged``), and every
Mermaid diagram drawn to inline SVG at build time in Chromium (``render``)."""
