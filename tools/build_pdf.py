#!/usr/bin/env python3
"""Export the built site to one PDF that reads well offline.

    python tools/build_pdf.py [SITE_DIR] [-o OUTPUT]      (run by `make pdf` and `make site`)

SITE_DIR is a site built by ``mkdocs build`` (default ``site``); the PDF goes to
``SITE_DIR/pdf/container-study-notes.pdf`` unless ``-o`` says otherwise. How it is made: see
``studysite.pdf.export``. On any failure: one line on stderr, exit status 1, and no PDF.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studysite.pdf.document import PDF_URI, PdfError
from studysite.pdf.export import Progress, export


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Export the built site to one PDF (print_page/ via Chromium)."
    )
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("-o", "--output", type=Path, help=f"the PDF (default: SITE/{PDF_URI})")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    output = args.output or args.site / PDF_URI
    try:
        export(args.site.resolve(), output.resolve(), Progress(args.quiet))
    except (PdfError, FileNotFoundError) as error:
        print("build_pdf: error: " + " ".join(str(error).split()), file=sys.stderr)  # one line
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
