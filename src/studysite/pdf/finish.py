"""The PDF after Chromium: page numbers of its link targets, outline titles, metadata, a stable identifier.

pypdf's public API only: ``PdfReader.trailer`` and ``root_object`` to read the document, ``PdfWriter(
clone_from=...)``, ``add_metadata`` and ``page_mode`` to write it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject, TextStringObject

from studysite.pdf.document import PdfError, pdf_date
from studysite.pdf.outline import outline_matches, squash, undouble

CREATOR = "tools/build_pdf.py (MkDocs, mkdocs-print-site-plugin, Chromium)"


def named_dest_pages(data: bytes) -> dict[str, int]:
    """Chromium names one destination per link target (element id): name -> page number (from 1)."""
    reader = PdfReader(io.BytesIO(data))
    numbers = {getattr(page.indirect_reference, "idnum", None): i + 1 for i, page in enumerate(reader.pages)}
    found: dict[str, int] = {}
    dests: Any = reader.root_object.get("/Dests")
    if dests is None:
        return found
    for name, dest in dests.get_object().items():
        target = dest.get_object()
        target = target["/D"] if hasattr(target, "keys") else target
        page = target[0]
        found[str(name).lstrip("/")] = numbers.get(getattr(page, "idnum", None), 0)
    return found


def outline_items(root: DictionaryObject) -> list[DictionaryObject]:
    """The outline dictionaries under a document catalog, in reading order (depth first)."""
    items: list[DictionaryObject] = []

    def walk(node: Any) -> None:
        while node is not None:
            node = node.get_object()
            items.append(node)
            if "/First" in node:
                walk(node["/First"])
            node = node.get("/Next")

    outlines = root.get("/Outlines")
    if outlines is not None and "/First" in outlines.get_object():
        walk(outlines.get_object()["/First"])
    return items


def _mend_titles(items: list[DictionaryObject], headings: list[str], log: Callable[[str], None]) -> None:
    """Chromium (m156) sometimes doubles a heading's text in its outline title ("目次目次"): the titles
    are set again from the headings of the page, which come in the same order."""
    titles = [str(item["/Title"]) for item in items]
    if outline_matches(titles, headings):
        for item, heading in zip(items, headings, strict=True):
            item[NameObject("/Title")] = TextStringObject(heading)
        return
    first = next(
        (
            f"{t!r} / {h!r}"
            for t, h in zip(titles, headings, strict=False)
            if squash(undouble(t)) != squash(h)
        ),
        "",
    )
    log(
        f"outline: {len(titles)} entries for {len(headings)} headings (first difference: {first}); "
        "titles kept from Chromium"
    )
    for item, title in zip(items, titles, strict=True):
        item[NameObject("/Title")] = TextStringObject(undouble(title))


def _write(
    data: bytes,
    meta: Mapping[str, str],
    moment: datetime,
    headings: list[str],
    file_id: bytes,
    log: Callable[[str], None],
) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    if not reader.outline:
        raise PdfError("Chromium made no PDF outline (bookmarks): page.pdf(outline=True) needs Chromium 126+")
    # the identifier is read from the reader's trailer when the writer clones it
    reader.trailer[NameObject("/ID")] = ArrayObject([ByteStringObject(file_id), ByteStringObject(file_id)])
    writer = PdfWriter(clone_from=reader)
    _mend_titles(outline_items(writer.root_object), headings, log)
    stamp = pdf_date(moment)
    writer.add_metadata(
        {
            "/Title": meta["title"],
            "/Subject": meta["subject"],
            "/Author": meta["author"],
            "/Creator": CREATOR,
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def finish(
    data: bytes,
    meta: Mapping[str, str],
    moment: datetime,
    headings: list[str],
    log: Callable[[str], None],
) -> bytes:
    """Outline titles, metadata (dates from the build time) and a file identifier derived from the
    content, not from the clock (Chromium's own dates are gone): same input, same bytes."""
    draft = _write(data, meta, moment, headings, bytes(16), log)
    digest = hashlib.md5(draft).digest()
    return _write(data, meta, moment, headings, digest, lambda _message: None)
