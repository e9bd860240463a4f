"""The notes as their writer's CommonMark preview reads them: the block tree, the translation into
Python-Markdown's dialect, footnotes, anchors and links, the glossary, page metadata and the limits a
note must keep. Pure text in, text out."""
