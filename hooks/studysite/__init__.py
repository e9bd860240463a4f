"""Pure, typed helpers behind the MkDocs hooks in ``hooks/``.

Nothing in this package imports MkDocs: each module is text in, text out, so the logic survives a move
away from MkDocs 1.x / Material 9.x. The hook modules next to this package are thin adapters.
"""
