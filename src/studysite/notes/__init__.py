"""The notes as Markdown: fenced blocks, glossary terms, page metadata."""
