"""The writer's proofreader: textlint's Japanese prose checks over the notes (`make lint-notes`).

``text`` holds the pure parts (what textlint is shown, where a finding is, how it is written),
``textlint`` runs textlint from ``node_modules`` over the notes, ``__main__`` is the command line.
Advice only: nothing here fails a build.
"""
