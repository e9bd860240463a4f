#!/usr/bin/env python3
"""Export the built site to one PDF that reads well offline.

    python tools/build_pdf.py [SITE_DIR] [-o OUTPUT]      (run by `make pdf` and `make site`)

SITE_DIR is a site built by ``mkdocs build`` (default ``site``); the PDF goes to
``SITE_DIR/pdf/container-study-notes.pdf`` unless ``-o`` says otherwise. How:

1. mkdocs-print-site-plugin has already combined every page of the nav, in nav order, into
   ``print_page/`` with a cover and a table of contents (see ``print-site`` in mkdocs.yml).
2. That page is served on 127.0.0.1 from a thread (ES modules need http) and opened in Debian's
   headless Chromium through Playwright, in print media with the light palette. Any request that would
   leave 127.0.0.1 is aborted and fails the export.
3. The print page loads the Mermaid loader like any diagram page (overrides/partials/diagrams.html);
   without it the export fails. The export waits until the loader reports every diagram drawn (SVG in
   the page, so vector in the PDF), and fails on a diagram error or a timeout.
4. Checks before printing: the build date goes on the cover (SOURCE_DATE_EPOCH when set), every
   character has a glyph in an installed font (no tofu), no U+FFFD; headings get aria-levels from the
   nav depth so that Chromium's outline nests pages under their chapters.
5. ``page.pdf(outline=True, tagged=True)`` twice: the first run tells on which page every TOC target
   lands, the second prints those numbers in the TOC (their boxes have a fixed width: nothing moves).
6. pypdf sets the metadata (dates from SOURCE_DATE_EPOCH too); poppler checks every font is embedded
   and no page is blank. The PDF is written to a temporary file and moved into place only when all is
   well: on any failure one line on stderr, exit status 1, and no PDF.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from studysite.pdf.core import (
    CODE_FONT,
    PDF_URI,
    PRINT_PAGE_URI,
    TEXT_FONT,
    PdfError,
    build_time,
    context_of,
    describe,
    japanese_date,
    loader_script,
    outline_matches,
    parse_charset,
    parse_pdffonts,
    pdf_date,
    site_prefix,
    squash,
    uncovered,
    undouble,
)
from studysite.site.browser import launch_options
from studysite.site.serve import serve

ROOT = Path(__file__).resolve().parent.parent

DIAGRAM_TIMEOUT_MS = 60_000
LOAD_TIMEOUT_MS = 30_000
MARGIN = {"top": "18mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}  # = @page in print.css


class Progress:
    """One line per step on the terminal, with the seconds since the start."""

    def __init__(self, quiet: bool = False) -> None:
        self.start = time.perf_counter()
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[pdf {time.perf_counter() - self.start:5.1f}s] {message}", flush=True)


# -- preflight -------------------------------------------------------------------------------------------


def run_tool(args: list[str], what: str, package: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        raise PdfError(f"{args[0]} is missing ({what}): install the Debian package '{package}'") from None
    except subprocess.CalledProcessError as error:
        raise PdfError(f"{' '.join(args)} failed: {error.stderr.strip()[:200]}") from None


def font_charsets() -> list[tuple[int, int]]:
    """The code points the print fonts cover; raise PdfError when fontconfig lacks one of them."""
    ranges: list[tuple[int, int]] = []
    for family in (TEXT_FONT, CODE_FONT):
        found = run_tool(
            ["fc-list", "-f", "%{charset}\n", f"{family}:style=Regular"], "fontconfig", "fontconfig"
        )
        if not found.strip():
            raise PdfError(
                f"font '{family}' is missing (fc-list): install the Debian package 'fonts-noto-cjk'"
            )
        ranges += parse_charset(found.splitlines()[0])
    return ranges


def fallback_font(char: str) -> str | None:
    """The first installed family with a glyph for ``char`` (fontconfig), or None."""
    out = run_tool(["fc-list", f":charset={ord(char):x}", "family"], "fontconfig", "fontconfig")
    families = sorted(line.split(",")[0].strip() for line in out.splitlines() if line.strip())
    return families[0] if families else None


# -- the server --------------------------------------------------------------------------------------------


# -- in the page -----------------------------------------------------------------------------------------

JS_PAGES = """() => [...document.querySelectorAll('#print-site-page section.print-page[id]')].map(s => {
  const h = s.querySelector('h1');
  return {id: s.id, number: s.getAttribute('heading-number') || '',
          title: h ? h.textContent.replace('\u00b6', '').trim() : s.id,
          section: s.classList.contains('md-section'),
          diagrams: s.querySelectorAll(':scope > div.mermaid, :scope > :not(section) div.mermaid').length};
})"""

JS_DIAGRAMS_DONE = """() => {
  const state = document.documentElement.dataset.diagrams;
  if (state === 'error') return true;
  const divs = document.querySelectorAll('div.mermaid');
  return state === 'done' && [...divs].every(d => d.querySelector(':scope > svg'));
}"""

JS_DIAGRAM_STATE = """() => {
  const divs = [...document.querySelectorAll('div.mermaid')];
  const page = d => { const s = d.closest('section.print-page[id]:not(.md-section)');
                      const h = s && s.querySelector('h1'); return h ? h.textContent.replace('\u00b6', '').trim() : '?'; };
  return {state: document.documentElement.dataset.diagrams || '',
          total: divs.length, svg: document.querySelectorAll('div.mermaid > svg').length,
          failed: divs.filter(d => d.dataset.rendered === 'error').map(page),
          undrawn: divs.filter(d => !d.querySelector(':scope > svg')).map(page),
          dark: divs.filter(d => d.dataset.rendered && d.dataset.rendered !== 'default' && d.dataset.rendered !== 'error').length,
          scheme: document.body.getAttribute('data-md-color-scheme')};
}"""

#: Before printing: the date on the cover, eager images, aria-levels from the nav depth (the outline).
JS_PREPARE = """(date) => {
  for (const t of document.querySelectorAll('[data-build-date]')) t.textContent = date;
  for (const img of document.querySelectorAll('img')) img.loading = 'eager';
  for (const d of document.querySelectorAll('details')) d.open = true;   // as Material does on print
  const root = document.getElementById('print-site-page');
  for (const h of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (h.closest('#print-page-toc, #print-site-cover-page')) continue;
    let depth = 0;
    for (let s = h.parentElement.closest('section.md-section'); s; s = s.parentElement.closest('section.md-section')) depth++;
    if (h.parentElement.classList.contains('md-section')) depth--;   // the chapter's own title
    h.setAttribute('aria-level', String(Math.min(Number(h.tagName[1]) + depth, 6)));
  }
  // In-page links with no target (hooks/print_page.py gives print-site's unprefixed ids their prefix).
  window.__danglingLinks = [...root.querySelectorAll('a[href^="#"]')]
    .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter(id => id && !document.getElementById(id));
  return Promise.all([...document.images].filter(i => !i.complete)
    .map(i => new Promise(r => { i.onload = i.onerror = r; })));
}"""

#: Every visible character of the print page, by page title, to look for missing glyphs.
JS_TEXT = """() => {
  const out = {};
  const root = document.getElementById('print-site-page');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('style, script') || !el.checkVisibility()) continue;
    const s = el.closest('section.print-page[id]:not(.md-section)');
    const h = s && s.querySelector('h1');
    const key = h ? h.textContent.replace('\u00b6', '').trim() : (el.closest('#print-page-toc') ? '目次' : '表紙');
    out[key] = (out[key] || '') + n.data + ' ';
  }
  return out;
}"""

#: The headings Chromium turns into the outline, in document order, as readers see them.
JS_HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.checkVisibility())
  .map(h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(e => e.remove());
              return c.textContent.replace(/\\s+/g, ' ').trim(); })"""

JS_TOC_TARGETS = """() => [...document.querySelectorAll('#print-page-toc a[href^="#"]')]
  .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))"""

JS_SET_TOC_PAGES = """(pages) => {
  const links = [...document.querySelectorAll('#print-page-toc a[href^="#"]')];
  links.forEach((a, i) => { if (pages[i]) a.setAttribute('data-page', String(pages[i])); });
}"""


#: Elements whose own text shows which fonts Chromium really draws with (CSS.getPlatformFontsForNode).
FONT_PROBES = (
    "#print-site-page h1, #print-site-page h2, #print-site-page p, #print-site-page li, "
    "#print-site-page td, #print-site-page dt, #print-site-page .mermaid .nodeLabel, "
    "#print-site-page .mermaid text, .print-cover p"
)


def check_fonts_used(page, log: Progress) -> None:
    """Japanese text must be drawn with Noto Sans CJK JP (not another CJK font, which has Chinese or
    Korean glyph forms), as Chromium reports it for the text of headings, paragraphs and diagrams."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": FONT_PROBES})["nodeIds"]
    step = max(1, len(nodes) // 150)  # a sample, spread over the whole page: one CDP call per node
    nodes = nodes[::step]
    glyphs: dict[str, int] = {}
    for node in nodes:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            glyphs[font["familyName"]] = glyphs.get(font["familyName"], 0) + font["glyphCount"]
    # no cdp.detach(): detaching a CDP session resets the print media emulation of the page (m156)
    wrong = sorted(f for f in glyphs if "CJK" in f and not f.endswith(" JP"))
    if wrong:
        raise PdfError(f"Japanese text drawn with {', '.join(wrong)} instead of {TEXT_FONT}: check print.css")
    if not glyphs.get(TEXT_FONT):
        raise PdfError(f"no text is drawn with {TEXT_FONT} (fonts used: {', '.join(glyphs) or 'none'})")
    used = sorted(glyphs.items(), key=lambda item: -item[1])
    log("fonts drawn: " + ", ".join(f"{name} ({count} glyphs)" for name, count in used))


def footer_template(site_name: str) -> str:
    style = (
        f"width:100%;margin:0 {MARGIN['right']} 0 {MARGIN['left']};display:flex;"
        "justify-content:space-between;font-family:'Noto Sans CJK JP',sans-serif;font-size:7.5pt;color:#666"
    )
    return (
        f'<div style="{style}"><span>{html.escape(site_name)}</span>'
        '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
    )


# -- the PDF ------------------------------------------------------------------------------------------------


def named_dest_pages(data: bytes) -> dict[str, int]:
    """Chromium names one destination per link target (element id): name -> page number (from 1)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    numbers = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    found: dict[str, int] = {}
    dests = reader.trailer["/Root"].get("/Dests")
    if dests is None:
        return found
    for name, dest in dests.get_object().items():
        target = dest.get_object()
        target = target["/D"] if hasattr(target, "keys") else target
        page = target[0]
        found[str(name).lstrip("/")] = numbers.get(getattr(page, "idnum", None), 0)
    return found


def outline_items(writer) -> list:
    """The outline dictionaries of a pypdf writer, in reading order (depth first)."""
    items = []

    def walk(node) -> None:
        while node is not None:
            node = node.get_object()
            items.append(node)
            if "/First" in node:
                walk(node["/First"])
            node = node.get("/Next")

    root = writer._root_object.get("/Outlines")
    if root is not None and "/First" in root.get_object():
        walk(root.get_object()["/First"])
    return items


def finish(data: bytes, meta: dict[str, str], moment, headings: list[str], log: Progress) -> bytes:
    """Outline titles, metadata (dates from the build time), a content-derived file identifier."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    if not reader.outline:
        raise PdfError("Chromium made no PDF outline (bookmarks): page.pdf(outline=True) needs Chromium 126+")
    writer = PdfWriter(clone_from=reader)
    # Chromium (m156) sometimes doubles a heading's text in its outline title ("目次目次"): the titles
    # are set again from the headings of the page, which come in the same order.
    items = outline_items(writer)
    titles = [str(item["/Title"]) for item in items]
    if outline_matches(titles, headings):
        for item, heading in zip(items, headings, strict=False):
            item[NameObject("/Title")] = TextStringObject(heading)
    else:
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
        for item, title in zip(items, titles, strict=False):
            item[NameObject("/Title")] = TextStringObject(undouble(title))
    stamp = pdf_date(moment)
    writer.add_metadata(
        {
            "/Title": meta["title"],
            "/Subject": meta["subject"],
            "/Author": meta["author"],
            "/Creator": "tools/build_pdf.py (MkDocs, mkdocs-print-site-plugin, Chromium)",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    # a file identifier from the content, not from the clock (Chromium's own dates are gone): same
    # input, same bytes
    draft = io.BytesIO()
    writer.write(draft)
    digest = ByteStringObject(hashlib.md5(draft.getvalue()).digest())
    writer._ID = ArrayObject([digest, digest])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def check_pdf(path: Path, log: Progress) -> tuple[int, int]:
    """Every font embedded, no blank page, no U+FFFD in the text. Returns (pages, fonts)."""
    fonts = parse_pdffonts(run_tool(["pdffonts", str(path)], "poppler", "poppler-utils"))
    bare = sorted({f.name for f in fonts if not f.embedded})
    if bare:
        raise PdfError(f"fonts not embedded in the PDF: {', '.join(bare)}")
    text = run_tool(["pdftotext", "-enc", "UTF-8", str(path), "-"], "poppler", "poppler-utils")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    blank = [str(i + 1) for i, page in enumerate(pages) if not page.strip()]
    if blank:
        raise PdfError(f"blank PDF page(s): {', '.join(blank)}")
    if "\ufffd" in text:
        raise PdfError(
            f"the PDF text has U+FFFD (a character that could not be encoded) near "
            f"'{context_of(chr(0xFFFD), text)}'"
        )
    return len(pages), len(fonts)


def export(site: Path, output: Path, log: Progress, environ=os.environ) -> Path:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    print_page = site / PRINT_PAGE_URI / "index.html"
    if not print_page.exists():
        raise PdfError(
            f"{print_page} is missing: build the site first (mkdocs build) with the "
            "print-site plugin enabled in mkdocs.yml"
        )
    log(f"site {site}")
    options = launch_options()  # raises FileNotFoundError with what to install
    ranges = font_charsets()
    moment = build_time(environ)
    date = japanese_date(moment)
    print_html = print_page.read_text(encoding="utf-8")
    prefix = site_prefix(print_html)  # Material's absolute base on this page: serve the site there
    has_loader = loader_script(print_html, "/") is not None

    with serve(site, prefix) as base, sync_playwright() as playwright:
        log(f"serving the site on {base}; starting Chromium ({options['executable_path']})")
        browser = playwright.chromium.launch(**options)
        try:
            context = browser.new_context(
                color_scheme="light",
                locale="ja-JP",
                timezone_id="UTC",
                reduced_motion="reduce",
                viewport={"width": 1000, "height": 1400},
            )
            page = context.new_page()
            blocked: list[str] = []
            errors: list[str] = []

            def route(route) -> None:
                url = route.request.url
                if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    blocked.append(url)
                    route.abort()

            page.route("**/*", route)
            page.on(
                "console",
                lambda msg: (
                    msg.type == "error"
                    and not msg.text.startswith("Failed to load resource")
                    and errors.append(msg.text)
                ),
            )
            page.on(
                "response",
                lambda response: (
                    response.status >= 400 and errors.append(f"HTTP {response.status} for {response.url}")
                ),
            )
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.emulate_media(media="print", color_scheme="light")

            log(f"opening {PRINT_PAGE_URI} (the combined print page)")
            page.goto(base + PRINT_PAGE_URI, wait_until="load", timeout=LOAD_TIMEOUT_MS)
            pages = page.evaluate(JS_PAGES)
            if not pages:
                raise PdfError("the print page has no pages: is the nav empty?")
            documents = [p for p in pages if not p["section"]]
            for i, item in enumerate(pages, 1):
                kind = "chapter" if item["section"] else "page"
                extra = (
                    f" ({item['diagrams']} diagram{'s' if item['diagrams'] != 1 else ''})"
                    if item["diagrams"]
                    else ""
                )
                log(f"  {kind} {i}/{len(pages)}: {item['number']} {item['title']}{extra}")

            total = page.locator("div.mermaid").count()
            if total:
                if not has_loader:
                    raise PdfError(
                        "the print page has diagrams but no Mermaid loader script "
                        "(overrides/partials/diagrams.html writes it; is extra.diagrams set?)"
                    )
                log(f"drawing {total} diagram(s) with the site's Mermaid loader")
                try:
                    page.wait_for_function(JS_DIAGRAMS_DONE, timeout=DIAGRAM_TIMEOUT_MS)
                except PlaywrightTimeout:
                    state = page.evaluate(JS_DIAGRAM_STATE)
                    raise PdfError(
                        f"diagrams not drawn after {DIAGRAM_TIMEOUT_MS // 1000} s: {state['svg']} of "
                        f"{state['total']} drawn; not drawn in: {', '.join(sorted(set(state['undrawn'])))}"
                    ) from None
                state = page.evaluate(JS_DIAGRAM_STATE)
                if state["state"] == "error" or state["failed"]:
                    detail = next((e.splitlines()[0] for e in errors if "Mermaid" in e), "")
                    raise PdfError(
                        f"a diagram failed to render in: {', '.join(sorted(set(state['failed'])))}"
                        + (f" ({detail[:160]})" if detail else "")
                    )
                if state["svg"] != state["total"]:
                    raise PdfError(f"{state['svg']} SVG for {state['total']} diagrams")
                if state["dark"] or state["scheme"] not in (None, "default"):
                    raise PdfError(f"diagrams were not drawn in the light palette (scheme {state['scheme']})")
                log(f"{state['svg']}/{state['total']} diagrams drawn as SVG")

            page.evaluate(JS_PREPARE, date)
            dangling = page.evaluate("window.__danglingLinks")
            if dangling:
                log(
                    f"{len(dangling)} internal link(s) with no target in the print page (not clickable in the "
                    f"PDF): {', '.join(dangling[:3])}"
                )
            page.evaluate("() => document.fonts.ready.then(() => true)")

            texts = page.evaluate(JS_TEXT)
            cover = page.evaluate("""() => ({
              title: document.querySelector('.print-cover__title')?.textContent.trim() || document.title,
              subject: document.querySelector('.print-cover__subtitle')?.textContent.trim() || '',
              author: document.querySelector('.print-cover__author')?.textContent.trim() || ''})""")
            texts["フッター"] = cover["title"] + " 0123456789 /"
            check_glyphs(texts, ranges, log)
            check_fonts_used(page, log)

            if blocked:
                raise PdfError(f"{len(blocked)} request(s) left 127.0.0.1, first {blocked[0]}")
            if errors:
                raise PdfError(f"the print page logged an error: {errors[0][:200]}")

            pdf_options = dict(
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                margin=MARGIN,
                display_header_footer=True,
                header_template="<div></div>",
                footer_template=footer_template(cover["title"]),
                outline=True,
                tagged=True,
            )
            headings = page.evaluate(JS_HEADINGS)
            targets = page.evaluate(JS_TOC_TARGETS)
            log(f"printing (pass 1: where the {len(targets)} table-of-contents entries land)")
            data = page.pdf(**pdf_options)
            numbers = [0] * len(targets)
            for attempt in range(3):
                dests = named_dest_pages(data)
                numbers_now = [dests.get(target, 0) for target in targets]
                if numbers_now == numbers:
                    break
                numbers = numbers_now
                page.evaluate(JS_SET_TOC_PAGES, numbers)
                log(f"printing (pass {attempt + 2}: page numbers in the table of contents)")
                data = page.pdf(**pdf_options)
            else:
                raise PdfError("table-of-contents page numbers do not settle after 3 passes")
            lost = [t for t, n in zip(targets, numbers, strict=False) if not n]
            if lost:
                raise PdfError(f"table-of-contents links with no target in the PDF: {', '.join(lost[:5])}")
            if blocked:
                raise PdfError(f"{len(blocked)} request(s) left 127.0.0.1, first {blocked[0]}")
            if errors:
                raise PdfError(f"the print page logged an error: {errors[0][:200]}")
        except PlaywrightError as error:
            raise PdfError(f"Chromium: {str(error).splitlines()[0]}") from None
        finally:
            browser.close()

    log(f"{len(documents)} pages of the site printed; writing metadata and checking the PDF")
    body = finish(data, cover, moment, headings, log)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".build-pdf-", suffix=".pdf", dir=output.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        count, fonts = check_pdf(temp, log)
        os.chmod(temp, 0o644)
        os.replace(temp, output)
    finally:
        temp.unlink(missing_ok=True)
    log(f"wrote {output} ({count} PDF pages, {len(body) / 1e6:.2f} MB, {fonts} embedded fonts, built {date})")
    return output


def check_glyphs(texts: dict[str, str], ranges: list[tuple[int, int]], log: Progress) -> None:
    """Fail on U+FFFD or on a character no installed font can draw (it would print as tofu)."""
    for title, text in texts.items():
        if "\ufffd" in text:
            raise PdfError(
                f"page '{title}' has U+FFFD (broken encoding) near '{context_of(chr(0xFFFD), text)}'"
            )
    everything = "".join(texts.values())
    fallbacks = []
    for char in uncovered(everything, ranges):
        family = fallback_font(char)
        where = next(title for title, text in texts.items() if char in text)
        if family is None:
            raise PdfError(
                f"no installed font has a glyph for {describe(char)} on page '{where}' "
                f"near '{context_of(char, texts[where])}': it would print as tofu"
            )
        fallbacks.append(f"{describe(char)} → {family}")
    if fallbacks:
        log(
            f"{len(fallbacks)} character(s) outside {TEXT_FONT}, drawn with fallback fonts: "
            + "; ".join(fallbacks[:5])
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Export the built site to one PDF (print_page/ via Chromium)."
    )
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("-o", "--output", type=Path, help=f"the PDF (default: SITE/{PDF_URI})")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    output = args.output or args.site / PDF_URI
    log = Progress(args.quiet)
    try:
        export(args.site.resolve(), output.resolve(), log)
    except (PdfError, FileNotFoundError) as error:
        print("build_pdf: error: " + " ".join(str(error).split()), file=sys.stderr)  # one line
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
