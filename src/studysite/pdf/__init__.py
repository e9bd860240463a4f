"""The whole site as one PDF: the print page opened in Chromium, printed, finished with pypdf and checked
with poppler (``export`` runs the steps)."""
