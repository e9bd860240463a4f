"""Self-check cards made from the notes' structure (issue 26): question/answer pairs with stable ids.

``model`` holds the data, ``inline`` turns a note's inline Markdown into inert text, ``notes`` reads
"Xとは" bullets and "ラベル: 説明" pairs through the block reader, ``glossary`` and ``timeline`` read the
glossary and timeline data, ``anki`` writes the deck and the TSV. No MkDocs here: hooks/review_cards.py
adapts it.
"""
