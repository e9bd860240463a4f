"""Pure, typed helpers behind the MkDocs hooks in ``hooks/``.

Nothing outside ``testing`` imports MkDocs: each module is text in, text out, so the logic survives a
move away from MkDocs 1.x / Material 9.x. The hook modules in ``hooks/`` are thin adapters.
"""
