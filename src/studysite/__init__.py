"""The generator's typed core, behind the MkDocs hooks in ``hooks/`` (thin adapters, one concern each).

No module imports MkDocs (an import-linter contract in pyproject.toml), so the logic survives a move away
from MkDocs 1.x / Material 9.x. Most modules are pure, text in and text out; those that draw diagrams,
cut fonts, export the PDF or read git say so in their docstrings. The layers, from the top: ``pipeline``
and ``proofread``; ``site`` and ``cards``; ``pdf``, ``timeline`` and ``search``; ``diagrams``; ``notes``;
``infra``. A layer imports only those below it.
"""
