"""The notes as their writer's CommonMark preview reads them.

``blocks`` (the block tree, markdown-it-py), ``translate`` (into Python-Markdown's dialect, with
``autolink`` for bare URLs), ``footnotes`` (※ markers), ``frontmatter``, ``heading_ids``/``romaji`` (the
site's ids) and ``anchors`` (GitHub's ids, links between notes), ``preview_ext`` (the Python-Markdown
extension mkdocs.yml loads: GitHub ids on headings, ordered lists' start), ``links`` (tracking parameters),
``glossary`` and ``term_uses`` (terms marked, where each is used), ``meta`` and ``chapters`` (titles,
descriptions), ``untrusted`` (where pasted HTML sits), ``limits`` (what a note may not do). Text in, text
out, but for the glossary's loader and the limits' file-system checks.
"""
