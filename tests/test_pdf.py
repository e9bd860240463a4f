"""The whole site as one PDF (tools/build_pdf.py): what a reader finds in it, and loud failures.

The PDF is exported once per module from the session's strict build (``site_dir``), to a temporary
directory (never into the shared site), and read back with pypdf and poppler (pdftotext, pdffonts).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from studysite.pdf.document import build_time, japanese_date, pdf_date, site_prefix
from studysite.pdf.glyphs import parse_charset, uncovered
from studysite.pdf.outline import outline_matches, squash, undouble
from studysite.pdf.poppler import parse_pdffonts
from tests.support.browser import nav_pages
from tests.support.project import ROOT, build_site, fixture_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOOL = ROOT / "tools" / "build_pdf.py"
SMALL = ROOT / "tests" / "fixtures" / "small"
EPOCH = "1767225600"  # 2026-01-01 00:00:00 UTC
EPOCH_DATE = "2026年1月1日"


def missing_in_order(expected: list[str], found: list[str]) -> list[str]:
    """The ``expected`` items that ``found`` lacks once each is looked for after the previous one."""
    missing, at = [], 0
    for item in expected:
        try:
            at = found.index(item, at) + 1
        except ValueError:
            missing.append(item)
    return missing


def export(site: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), str(site), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env},
    )


def export_all(jobs: dict[str, tuple[Path, Path]]) -> dict[str, subprocess.CompletedProcess]:
    """Run several exports at once (each is mostly waiting on its own Chromium): name -> result."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    running = {
        name: (
            subprocess.Popen(
                [sys.executable, str(TOOL), str(site), "-o", str(out)],
                env=env,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            ),
            site,
            out,
        )
        for name, (site, out) in jobs.items()
    }
    results = {}
    for name, (process, _site, _out) in running.items():
        stdout, stderr = process.communicate(timeout=180)
        results[name] = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    return results


def pdftotext_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


# -- the site's nav, crawled from the built home page ----------------------------------------------------


def h1_of(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, "a page without <h1>"
    text = re.sub(r"<a class=\"headerlink\".*?</a>", "", found.group(1), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


@pytest.fixture(scope="module")
def nav(site_dir: Path) -> list[tuple[str, str, str]]:
    """Every page of the nav, in nav order: (path in the site, nav title, the page's h1)."""
    pages = []
    for path, title in nav_pages(site_dir):
        page = site_dir / path / "index.html" if not path.endswith(".html") else site_dir / path
        pages.append((path, title, h1_of(page.read_text(encoding="utf-8"))))
    assert len(pages) >= 3, f"the nav has too few pages: {pages}"
    return pages


# -- the export --------------------------------------------------------------------------------------------


#: Print pages that must fail the export, each with what the one-line error must say.
BROKEN = {
    "diagram": (
        '<div class="mermaid">block-beta\n  columns 2\n  a["x"] b["y"]</div>',
        r"1 of \d+ diagram\(s\) have no SVG",
    ),
    "network": ('<img src="http://192.0.2.7/tracker.png" alt="">', r"left 127\.0\.0\.1.*192\.0\.2\.7"),
    "tofu": ("<p>私用領域 \ue000 の文字</p>", r"U\+E000.*tofu"),
}


def export_runs(base: Path, site_dir: Path) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """The export of the session's site, a second one (reproducibility), and the broken ones (a one-note
    site with its print page tampered), all run at once."""
    jobs = {
        "main": (site_dir, base / "container-study-notes.pdf"),
        "again": (site_dir, base / "again" / "again.pdf"),
    }
    small = base / "small" / "site"  # the broken pages: one note is enough to fail on
    built = build_site(
        fixture_project(base / "small" / "project", SMALL), small, extra_env={"SOURCE_DATE_EPOCH": EPOCH}
    )
    assert built.returncode == 0, built.stderr
    for name, (fragment, _) in BROKEN.items():
        site = tampered(small, base / name / "site", lambda html, f=fragment: add_to_first_page(html, f))
        jobs[name] = (site, base / name / "out" / "site.pdf")
    results = export_all(jobs)
    return {name: (results[name], out) for name, (_, out) in jobs.items()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, site_dir: Path) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    return export_runs(tmp_path_factory.mktemp("export"), site_dir)


@pytest.fixture(scope="module")
def exported(runs):
    result, out = runs["main"]
    assert result.returncode == 0, f"export failed:\n{result.stdout}\n{result.stderr}"
    return out, result


@pytest.fixture(scope="module")
def pdf(exported) -> Path:
    return exported[0]


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def pages(pdf: Path) -> list[str]:
    return pdftotext_pages(pdf)


@pytest.fixture(scope="module")
def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every outline entry, in order."""
    flat = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                flat.append((depth, str(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return flat


def body_start(outline) -> int:
    """The PDF page where the site's first page starts: the outline entry after 目次."""
    titles = [title for _, title, _ in outline]
    assert "目次" in titles, titles
    return outline[titles.index("目次") + 1][2]


def test_export_reports_each_step_and_page(exported, nav, site_dir):
    _, result = exported
    out = result.stdout
    steps = ["opening print_page/", "printing (pass 1", "wrote ", "diagrams as SVG in the page"]
    for step in steps:
        assert step in out, f"no progress line for {step!r}:\n{out}"
    assert re.search(r"page 1/\d+: ", out)
    assert result.stderr.strip() == ""


def test_every_internal_link_of_the_print_page_has_a_target(exported):
    _, result = exported
    assert "with no target" not in result.stdout, result.stdout


def test_pdf_is_a4_with_page_numbers_after_the_cover(reader, pages):
    assert len(reader.pages) == len(pages) >= 3
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)
    total = len(pages)
    for number, text in enumerate(pages[1:], 2):
        assert f"{number} / {total}" in text, f"page {number} has no footer '{number} / {total}'"


def test_cover_has_no_page_number_and_no_running_head(pages):
    cover = pages[0]
    assert not re.search(r"\d+\s*/\s*\d+", cover), f"a page number on the cover:\n{cover}"
    assert f"/ {len(pages)}" not in cover
    lines = [line.strip() for line in cover.splitlines() if line.strip()]
    assert lines[0] == "コンテナとDocker 学習ノート", f"the cover starts with {lines[0]!r}, not its title"


def test_every_page_after_the_cover_carries_its_part_title(pages, outline):
    """The running head (top margin) of every page is the title of the part it belongs to: the contents,
    the home page, a chapter (every page of the chapter), the glossary."""
    parts = [(title, page) for depth, title, page in outline if depth == 0]
    assert len(parts) >= 3, parts
    for i, text in enumerate(pages[1:], 2):
        title = next(t for t, start in reversed(parts) if start <= i)
        head = next(line.strip() for line in text.splitlines() if line.strip())
        assert squash(title) in squash(head), f"page {i} starts with {head!r}, not the title of {title!r}"


def test_cover_has_site_name_subtitle_and_build_date(pages):
    cover = squash(pages[0])
    assert squash("コンテナとDocker 学習ノート") in cover
    assert squash("コンテナとDockerの学習ノート。VMとの違い") in cover
    assert EPOCH_DATE in cover, "the cover date does not follow SOURCE_DATE_EPOCH"


def test_print_page_is_built_but_stays_out_of_nav_and_sitemap(site_dir, nav):
    assert (site_dir / "print_page" / "index.html").exists()
    assert not [path for path, *_ in nav if "print_page" in path]
    assert "print_page" not in (site_dir / "sitemap.xml").read_text(encoding="utf-8")


def test_table_of_contents_lists_every_nav_page_with_its_page_number(pages, outline, nav):
    start = body_start(outline)
    toc = "\n".join(pages[1 : start - 1])
    assert "目次" in toc
    lines = [line.strip() for line in toc.splitlines() if line.strip()]
    at = 0
    for _, title, _ in nav:
        found = next((i for i in range(at, len(lines)) if squash(title) in squash(lines[i])), None)
        assert found is not None, f"'{title}' missing from the table of contents (in nav order):\n{toc}"
        at = found + 1
    numbers = [int(m) for m in re.findall(r"(?m)^\s*(\d+)\s*$", toc)]
    assert numbers and all(start <= n <= len(pages) for n in numbers), numbers


def toc_titles(pages: list[str], outline) -> list[str]:
    """The entries of the printed table of contents, numbers and page numbers taken off."""
    lines = [line.strip() for page in pages[1 : body_start(outline) - 1] for line in page.splitlines()]
    entries = [line for line in lines if line and not re.fullmatch(r"[\d /]+", line) and line != "目次"]
    return [re.sub(r"^\d+(?:\.\d+)*\s+", "", entry) for entry in entries]


def test_contents_list_each_chapter_once(pages, outline, nav):
    """A chapter whose first page has the chapter's title is one entry, not two in a row; the chapter's
    other pages are numbered from N.1."""
    titles = toc_titles(pages, outline)
    assert titles, "no table of contents"
    twice = [a for a, b in zip(titles, titles[1:], strict=False) if squash(a) == squash(b)]
    assert not twice, f"contents list {twice} twice in a row: {titles}"
    toc = "\n".join(pages[1 : body_start(outline) - 1])
    numbers = re.findall(r"(?m)^(\d+(?:\.\d+)+) ", toc)
    for number in numbers:  # a chapter's pages count from 1 without gaps
        head, last = number.rsplit(".", 1)
        assert last == "1" or f"{head}.{int(last) - 1}" in numbers, (
            f"{number} follows no {head}.{int(last) - 1}"
        )


def test_outline_has_no_chapter_repeated_by_its_first_page(outline):
    repeated = [
        (a, b)
        for (da, a, _), (db, b, _) in zip(outline, outline[1:], strict=False)
        if db > da and squash(a) == squash(b)
    ]
    assert not repeated, f"outline entries repeated by their first child: {repeated}"


def test_diagrams_print_without_their_text_version(pages):
    """The collapsed "テキスト版" of a diagram (its ASCII drawing) is for screens; the PDF has the diagram."""
    text = "\n".join(pages)
    assert "テキスト版" not in text
    assert not re.search(r"-{6,}|\|\s*(?:app|lib)\s*\|", text), "ASCII drawing of a diagram in the PDF"
    assert "HyperVisor" in squash(text), "the diagram itself is missing"


def test_home_page_cards_stay_on_one_sheet(pages, outline, site_dir):
    """The card grid of the home page fits on the page where it starts: no sheet holds only its last
    cards."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    grid = html[html.index('class="grid cards"') :]
    cards = [h1_of(f"<h1>{t}</h1>") for t in re.findall(r"<li>\s*<p><strong>(.*?)</strong>", grid, re.S)]
    assert len(cards) >= 4, cards
    first = next(
        i for i, t in enumerate(pages) if i >= body_start(outline) - 1 and squash(cards[0]) in squash(t)
    )
    assert all(squash(card) in squash(pages[first]) for card in cards), f"cards split over pages {first + 1}+"


def test_every_page_title_appears_in_nav_order(pages, outline, nav):
    body = squash("".join(pages[body_start(outline) - 1 :]))
    at = 0
    for path, _, title in nav:
        found = body.find(squash(title), at)
        assert found >= 0, f"page '{title}' ({path}) is missing from the PDF, or out of nav order"
        at = found + len(squash(title))


def test_japanese_sentences_are_extractable_text(pages):
    text = squash("".join(pages))
    for sentence in (
        "アプリケーションを依存対象とともにカプセル化したもの",
        "どちらもアプリケーションを同一ホスト上のほかのアプリケーションから隔離するために利用できる",
    ):
        assert squash(sentence) in text, f"not found as text: {sentence}"
    assert "\ufffd" not in text


def test_every_font_is_an_embedded_cid_font_with_unicode_map(pdf):
    output = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = parse_pdffonts(output)
    assert fonts, output
    assert not [f.name for f in fonts if not f.embedded], output
    assert not [f for f in fonts if f.kind == "Type 3"], f"Type 3 fonts:\n{output}"
    assert all(f.kind.startswith("CID ") for f in fonts), f"fonts that are not CID fonts:\n{output}"
    assert not [f.name for f in fonts if not f.unicode], (
        f"fonts without ToUnicode (text not searchable):\n{output}"
    )


def test_outline_has_an_entry_for_every_page_nested_under_its_chapter(outline, nav):
    titles = [squash(title) for _, title, _ in outline]
    assert not missing_in_order([squash(h1) for _, _, h1 in nav], titles), (
        f"outline {[t for _, t, _ in outline]} lacks pages of {[h1 for *_, h1 in nav]}"
    )
    assert not [t for _, t, _ in outline if len(t) % 2 == 0 and t[: len(t) // 2] * 2 == t], "doubled titles"
    nested = [path for path, _, _ in nav if "/" in path.strip("/")]
    if nested:  # pages inside a nav section sit one level below the section's entry
        depth = {squash(t): d for d, t, _ in outline}
        page_depths = [depth[squash(h1)] for path, _, h1 in nav if path in nested and squash(h1) in depth]
        assert page_depths and min(page_depths) >= 1, outline
    assert [p for _, _, p in outline] == sorted(p for _, _, p in outline), "outline pages out of order"


def test_outline_entries_point_at_their_pages(outline, pages):
    for _depth, title, page in outline[:40]:
        assert squash(title)[:12] in squash(pages[page - 1]), f"'{title}' is not on page {page}"


def test_diagrams_are_vector_text_not_images(reader, pages):
    text = squash("".join(pages))
    for label in ("Hyper Visor", "Container Engine"):
        assert squash(label) in text, f"diagram label '{label}' is not text in the PDF"
    page = next(i for i, t in enumerate(pages) if "HyperVisor" in squash(t))
    xobjects = reader.pages[page].get("/Resources", {}).get("/XObject", {}) or {}
    images = [name for name, obj in xobjects.items() if obj.get_object().get("/Subtype") == "/Image"]
    assert not images, f"the diagram page embeds raster images {images}"


def test_no_page_is_blank(pages):
    blank = [i + 1 for i, text in enumerate(pages) if not text.strip()]
    assert not blank, f"blank pages: {blank}"


def test_internal_links_jump_inside_the_pdf_and_external_links_are_clickable(reader):
    dests = reader.named_destinations
    internal, external = 0, []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if "/Dest" in annot:
                name = str(annot["/Dest"]) if not isinstance(annot["/Dest"], list) else None
                assert name is None or name in dests, f"link to unknown destination {name}"
                internal += 1
            elif action and action.get("/S") == "/GoTo":
                internal += 1
            elif action and action.get("/S") == "/URI":
                external.append(str(action["/URI"]))
    assert internal >= 5, f"only {internal} internal links"
    assert external and all(url.startswith(("http://", "https://", "mailto:")) for url in external), external
    assert not [url for url in external if "127.0.0.1" in url], "a link points at the export's own server"


def test_metadata_from_the_site_and_source_date_epoch(reader):
    meta = reader.metadata
    assert meta.title == "コンテナとDocker 学習ノート"
    assert "VMとの違い" in (meta.subject or "")
    assert meta["/CreationDate"] == "D:20260101000000+00'00'" == meta["/ModDate"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ja"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root, "the PDF is not tagged"
    assert root["/PageMode"] == "/UseOutlines"


def test_same_input_gives_the_same_pdf(runs, pdf, pages):
    result, again = runs["again"]
    assert result.returncode == 0, result.stderr
    assert pdftotext_pages(again) == pages
    assert again.read_bytes() == pdf.read_bytes(), "same input and SOURCE_DATE_EPOCH, different bytes"


# -- loud failures: one line on stderr, exit status 1, no PDF ---------------------------------------------


def tampered(site_dir: Path, dest: Path, edit) -> Path:
    """A copy of the built site whose print page went through ``edit``."""
    shutil.copytree(site_dir, dest)
    page = dest / "print_page" / "index.html"
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def add_to_first_page(html: str, fragment: str) -> str:
    marker = '<section class="print-page" id="index"'
    assert marker in html
    at = html.index(">", html.index(marker)) + 1
    return html[:at] + fragment + html[at:]


def assert_fails(result: subprocess.CompletedProcess, out: Path, words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("build_pdf: error: "), result.stderr
    assert re.search(words, lines[0]), lines[0]
    assert not out.exists(), "a PDF was written despite the failure"
    assert not list(out.parent.glob(".build-pdf-*")), "a temporary file was left behind"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_print_page_fails_the_export_with_one_line_and_no_pdf(runs, case, site_dir):
    """A diagram not drawn at build time, a request off 127.0.0.1, a character no font has."""
    result, out = runs[case]
    assert_fails(result, out, BROKEN[case][1])


def test_missing_japanese_fonts_fail_before_chromium_starts(site_dir, tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>', encoding="utf-8")
    out = tmp_path / "out" / "site.pdf"
    result = export(site_dir, out, FONTCONFIG_FILE=str(conf))
    assert_fails(result, out, r"BIZ UDPGothic.*fonts-morisawa-bizud-gothic")
    assert "starting Chromium" not in result.stdout


#: The export tool's main() with Chromium nowhere: neither at its path nor on PATH.
_NO_CHROMIUM = """
import importlib.util, sys
import studysite.infra.chromium
studysite.infra.chromium.CHROMIUM = sys.argv[1]
spec = importlib.util.spec_from_file_location("build_pdf_under_test", sys.argv[2])
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)
sys.exit(tool.main(sys.argv[3:]))
"""


def test_missing_chromium_fails_with_what_to_install(site_dir, tmp_path):
    """In a process of its own: the module state and PATH it changes stay out of this worker's tests."""
    out = tmp_path / "out" / "site.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _NO_CHROMIUM,
            str(tmp_path / "no-chromium"),
            str(TOOL),
            str(site_dir),
            "-o",
            str(out),
        ]
        + ["-q"],
        env={**os.environ, "PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    err = done.stderr.strip()
    assert err.startswith("build_pdf: error: Chromium is missing") and "apt-get install chromium" in err
    assert not out.exists()


# -- the pure helpers (studysite.pdf) ---------------------------------------------------------------------


def test_build_time_follows_source_date_epoch():
    moment = build_time({"SOURCE_DATE_EPOCH": EPOCH})
    assert japanese_date(moment) == EPOCH_DATE
    assert pdf_date(moment) == "D:20260101000000+00'00'"
    with pytest.raises(RuntimeError, match="SOURCE_DATE_EPOCH"):
        build_time({"SOURCE_DATE_EPOCH": "yesterday"})


def test_glyph_coverage_from_a_fontconfig_charset():
    ranges = parse_charset("20-7e a0-ff 3000-303f 3040-30ff 4e00-9fff")
    assert uncovered("コンテナとDocker、\u3000隔離 \u200b\ufe0f", ranges) == []
    assert uncovered("a\ue000b\U0001fae8", ranges) == ["\ue000", "\U0001fae8"]


def test_outline_titles_doubled_by_chromium_are_recognised():
    assert undouble("目次目次") == "目次" and undouble("ABAB") == "AB" and undouble("VMとVM") == "VMとVM"
    assert outline_matches(["目次目次", "VMとコンテナ"], ["目次", "VMとコンテナ"])
    assert not outline_matches(["目次"], ["目次", "VMとコンテナ"])


def test_site_prefix_from_built_html():
    config = '<script id="__config" type="application/json">{"base": "/study/", "features": []}</script>'
    assert site_prefix(config) == "/study/"
    assert site_prefix('<script id="__config" type="application/json">{"base": ".."}</script>') == "/"


def test_pdffonts_table_is_parsed_by_its_columns():
    table = """name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
[none]                               Type 3            Custom           yes no  yes      4  0
BAAAAA+LiberationSans                CID TrueType      Identity-H       yes yes yes      8  0
Helvetica                            Type 1            WinAnsi          no  no  no      12  0
"""
    fonts = parse_pdffonts(table)
    assert [(f.name, f.kind, f.embedded, f.unicode) for f in fonts] == [
        ("[none]", "Type 3", True, True),
        ("BAAAAA+LiberationSans", "CID TrueType", True, True),
        ("Helvetica", "Type 1", False, False),
    ]
