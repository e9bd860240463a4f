"""Self-check cards made from the notes' structure: question/answer pairs with stable ids.

``card`` holds the data, ``inline`` turns a note's inline Markdown into inert text, one reader per input
shape (``note_cards``: "Xとは" bullets and "ラベル: 説明" pairs through the block reader;
``glossary_cards``; ``timeline_cards``), ``collect`` makes the deck, ``review_page`` writes the 復習
page's Markdown, ``anki`` writes the deck and the TSV. No MkDocs here: hooks/review_cards.py adapts it.
"""
