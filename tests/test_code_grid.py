"""Code lines up in Japanese, on screen and on paper (issue 23): the grid font "Study Code" and the check
that tells the writer about a ragged drawing.

- the font (``studysite.site.code_font``): one column for ASCII, box drawing and ambiguous symbols, two
  for wide characters; every code character covered; the same bytes when cut twice; a character no
  source font has is reported;
- the ragged-drawing check (``studysite.diagrams.ragged``): tables of drawings that line up or not,
  program output never flagged, a property test over generated boxes;
- builds of a fixture note (tests/fixtures/code_grid) online, offline and as a PDF: in Chromium, every
  code block with Japanese or box drawing keeps its columns within 1 px, light and dark, at two widths
  and from the offline bundle; in the PDF, the word starts of those blocks sit on one grid; a note with
  a ragged drawing and a character no font has fails the strict build with file:line warnings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studysite.diagrams.layers import note_fences
from studysite.diagrams.ragged import AMBIGUOUS_HINT, kept_as_code, ragged_edges
from studysite.site.code_font import CELL, FONT_URI, LICENSE_URI, code_chars, columns, compose, find_fonts
from tests.support.browser import serve, site_pages
from tests.support.code_grid import grid_residuals, measure, misaligned, needs_grid, pdf_code_words
from tests.support.project import ROOT, build_site, fixture_project

FIXTURE = ROOT / "tests" / "fixtures" / "code_grid"
NOTE = FIXTURE / "docs" / "index.md"
TOOL = ROOT / "tools" / "build_pdf.py"
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}

# -- the font ------------------------------------------------------------------------------------------


def _ttfont(data: bytes):
    import io

    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(data))


@pytest.mark.parametrize(
    ("char", "expected"),
    [("a", 1), (" ", 1), ("─", 1), ("│", 1), ("┼", 1), ("→", 1), ("※", 1), ("○", 1), ("α", 1)]
    + [("コ", 2), ("日", 2), ("（", 2), ("「", 2), ("　", 2), ("Ａ", 2), ("ｶ", 1), ("\u0301", 0)],
)
def test_columns(char: str, expected: int) -> None:
    assert columns(char) == expected


def test_code_chars_reads_pre_code_and_kbd_only() -> None:
    html = (
        '<p>本文<code>a&lt;b</code></p><pre><code><span class="k">├──</span> 名前\n</code></pre>'
        "<kbd>Ctrl</kbd><p>外</p>"
    )
    assert code_chars(html) == set("a<b├── 名前Ctrl")
    assert code_chars("<p>コードなし</p>") == set()


SAMPLE = "abc XYZ 019 |+-_#./ ─│┌┐└┘├┤┬┴┼━┃═║╔╗ →←↑↓※○●■…・「」（）コンテナ日本語①α か\u3099 ｶﾀｶﾅ"


def test_font_has_a_true_grid_and_every_character() -> None:
    data, missing = compose(SAMPLE, *find_fonts())
    assert missing == []
    font = _ttfont(data)
    cmap = font.getBestCmap()
    assert set(map(ord, SAMPLE)) <= set(cmap)
    for char in set(SAMPLE):
        assert font["hmtx"][cmap[ord(char)]][0] == columns(char) * CELL, char
    assert font["head"].unitsPerEm == 2 * CELL
    assert "glyf" in font and "CFF " not in font  # TrueType: a CID font in Chromium's PDF
    assert not {"GSUB", "GPOS", "kern"} & set(font.keys())  # nothing to form ligatures or kern with
    assert font["name"].getDebugName(1) == "Study Code"
    assert "Open Font License" in font["name"].getDebugName(13)
    assert font["OS/2"].fsType == 0


def test_font_is_the_same_bytes_when_cut_twice() -> None:
    fonts = find_fonts()
    first, _ = compose(SAMPLE, *fonts)
    second, _ = compose(reversed(SAMPLE), *fonts)  # order and repeats of the input do not matter
    assert first == second
    assert len(first) < 20_000  # about 60 characters


def test_font_reports_characters_no_font_has() -> None:
    data, missing = compose("ab😀코", *find_fonts())
    assert missing == ["코", "😀"]
    assert ord("😀") not in _ttfont(data).getBestCmap()


# -- the ragged-drawing check ---------------------------------------------------------------------------

RAGGED = {  # drawing -> 0-based lines that must be named
    "box lined up": ("┌──────────┐\n│ コンテナ │\n│ app      │\n└──────────┘", []),
    "box with a short row": ("┌──────────┐\n│ コンテナ │\n│ app    │\n└──────────┘", [2]),
    "padded as if kana were one column": ("+--------+\n| コンテナ     |\n| app    |\n+--------+", [1]),
    "rounded ASCII corners": (".--------.\n| コンテナ |\n'--------'", [1]),
    "rounded ASCII corners lined up": (".----------.\n| コンテナ |\n'----------'", []),
    "dash rules": ("----------\n|コンテナ  |\n----------", [1]),
    "dash rules lined up": (
        "----------\n|app     |\n----------\n|コンテナ|\n--------------------\n|Host OS           |\n"
        "--------------------",
        [],
    ),
    "table drawn in box drawing": (
        "┌────┬──────┐\n│ 名前 │ 説明 │\n├────┼──────┤\n│ app│ アプリ │\n└────┴──────┘",
        [1, 3],
    ),
    "table lined up": (
        "┌──────┬────────┐\n│ 名前 │ 説明   │\n├──────┼────────┤\n│ app  │ アプリ │\n└──────┴────────┘",
        [],
    ),
    "arrow sketch": (
        "┌────────┐      ┌────────┐\n│ ブラウザ │ ───→ │ サーバ │\n└────────┘      └────────┘",
        [1],
    ),
    "stacked boxes of two widths": (
        "+------+\n| app  |\n+------+------+\n| host OS     |\n+-------------+",
        [],
    ),
    "boxes side by side": ("+-----+\n| a   |  +----+\n| b   |  | c  |\n+-----+  +----+", []),
    "tree with comments": (".\n├── app/   # アプリ\n│   └── main.py  # 入口\n└── README.md", []),
    "mysql with Japanese": (
        "+----+--------+\n| id | name   |\n+----+--------+\n|  1 | 山田 |\n|  2 | 鈴木 |\n+----+--------+",
        [],
    ),
    "shell session": ("$ cat table.txt\n+------+\n| 名前 |\n| app |\n+------+", []),
    "pipe table": ("| 名前 | 説明 |\n|------|------|\n| app | アプリ |", []),
    "arrows, no boxes": ("client ──→ proxy\n             |\n             v", []),
}


@pytest.mark.parametrize(("text", "lines"), RAGGED.values(), ids=RAGGED.keys())
def test_ragged_edges(text: str, lines: list[int]) -> None:
    problems = ragged_edges(text.split("\n"))
    assert [line for line, _ in problems] == lines
    assert all("does not line up" in message for _, message in problems)


def test_ragged_edges_names_columns_and_the_two_column_hand() -> None:
    ((_, message),) = ragged_edges(["+--------+", "| コンテナ     |", "| app    |", "+--------+"])
    assert "display column 16" in message and "ends at column 10" in message
    # drawn in an editor showing box drawing two columns wide: ragged on the site, and the message says why
    two_wide = ["┌────┐", "│  表表  │", "└────┘"]
    assert [line for line, _ in ragged_edges(two_wide)] == [1]
    assert AMBIGUOUS_HINT in ragged_edges(two_wide)[0][1]
    assert AMBIGUOUS_HINT not in ragged_edges(["┌──┐", "│ 表表 │", "└──┘"])[0][1]


def test_program_output_corpus_is_never_flagged() -> None:
    from tests.test_diagram_nondiagrams import CORPUS, FLOWS

    for name, body in {**CORPUS, **FLOWS}.items():
        assert ragged_edges(body.split("\n")) == [], name


def test_only_fences_kept_as_code_are_checked() -> None:
    layer = ["----------", "|app     |", "----------", "|Host OS |", "----------"]
    assert not kept_as_code("", layer)  # converted to a diagram
    assert not kept_as_code("text", ["------", "|app     |", "------", "|OS|", "------"])  # reported there
    assert kept_as_code("plaintext", layer)
    assert kept_as_code("", ["+-----+    +-----+", "| web | -> | api |", "+-----+    +-----+"])
    assert not kept_as_code("mermaid", ["graph LR"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="-=+|│┌┐└┘├┤─═║ aコ\t$#.", max_size=12), max_size=8))
def test_ragged_edges_takes_any_text(lines: list[str]) -> None:
    for line, message in ragged_edges(lines):
        assert 0 <= line < len(lines) and message
    kept_as_code("", lines)


LABELS = st.text(alphabet="abcXYZ019 コンテナ日本語イメージ層", min_size=0, max_size=8)


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(LABELS, min_size=1, max_size=5), shift=st.integers(-3, 3), row=st.integers(0, 4))
def test_boxes_drawn_by_display_width_line_up_and_a_moved_edge_is_named(
    labels: list[str], shift: int, row: int
) -> None:
    width = max(sum(map(columns, label)) for label in labels) + 2
    rows = [(label, width - 1 - sum(map(columns, label))) for label in labels]  # label, padding (>= 1)
    body = [
        "┌" + "─" * width + "┐",
        *(f"│ {label}{' ' * pad}│" for label, pad in rows),
        "└" + "─" * width + "┘",
    ]
    assert ragged_edges(body) == []
    n = row % len(labels)
    label, pad = rows[n]
    pad = max(0, pad + shift)
    if pad != rows[n][1]:  # the row's right edge moved by |shift| columns
        body[1 + n] = f"│ {label}{' ' * pad}│"
        assert [line for line, _ in ragged_edges(body)] == [1 + n]


# -- builds of the fixture note ---------------------------------------------------------------------------

BROKEN_NOTE = """---
description: 崩れた図のページ。
---
# 崩れた図

本文。

```plaintext
┌──────────┐
│ コンテナ │
│ app    │
└──────────┘
```

```
----------
|app     |
----------
|ホストOS  |
----------
```

```text
.
├── app/   # アプリ
│   └── main.py  # 入口
```

絵文字 `😀` はどのフォントにもない。
"""


@dataclass
class Builds:
    online: Path
    offline: Path
    pdf: Path
    pdf_log: str
    broken: subprocess.CompletedProcess
    no_font: subprocess.CompletedProcess  # the export of the site with its code font removed


def build_grid(work: Path) -> Builds:
    """The fixture note built online and offline, its PDF, and a note that must fail (once per run)."""
    project = fixture_project(work / "project", FIXTURE)
    online, offline = work / "site", work / "offline"
    result = build_site(project, online, site_url="http://127.0.0.1:8000/study/", extra_env=EPOCH)
    assert result.returncode == 0, result.stderr
    result = build_site(project, offline, site_url="", extra_env={"OFFLINE": "true", **EPOCH})
    assert result.returncode == 0, result.stderr
    pdf = work / "out" / "grid.pdf"
    exported = _export(online, pdf)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    fontless = work / "fontless"
    shutil.copytree(online, fontless)
    (fontless / FONT_URI).unlink()
    no_font = _export(fontless, work / "fontless.pdf")
    broken = fixture_project(work / "broken", FIXTURE)
    (broken / "docs" / "index.md").write_text(BROKEN_NOTE, encoding="utf-8")
    failed = build_site(broken, work / "broken-site")
    return Builds(online, offline, pdf, exported.stdout + exported.stderr, failed, no_font)


def _export(site: Path, pdf: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), str(site), "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **EPOCH},
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    return build_grid(tmp_path_factory.mktemp("grid"))


def _grid_blocks(page) -> list:
    blocks = [block for block in measure(page) if needs_grid(block)]
    return blocks


#: What could move a character of code off its column: spacing between scripts, trimmed punctuation,
#: ligatures, kerning, synthesised bold or italic.
STYLE_JS = """() => { const s = getComputedStyle(document.querySelector('pre code'));
  return [s.textAutospace, s.textSpacingTrim, s.fontVariantLigatures, s.fontKerning, s.fontSynthesis]; }"""


@pytest.mark.browser
def test_code_keeps_its_columns_light_and_dark_at_two_widths(builds: Builds, browser) -> None:
    problems: dict[str, list[str]] = {}
    with serve(builds.online) as url:
        for width in (1280, 390):
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                page.goto(url)
                blocks = _grid_blocks(page)
                assert len(blocks) == 5, (
                    f"{width} {scheme}: {len(blocks)} blocks with Japanese or box drawing"
                )
                for n, block in enumerate(blocks):
                    if found := misaligned(block):
                        problems[f"{width} {scheme} block {n + 1}"] = found[:3]
                family = page.evaluate(
                    "() => getComputedStyle(document.querySelector('pre code')).fontFamily"
                )
                assert family.startswith('"Study Code"'), family
                style = page.evaluate(STYLE_JS)
                assert style == ["no-autospace", "space-all", "none", "none", "none"], style
                context.close()
        # without the font, the reader's own fonts break the grid: the check above can fail
        context = browser.new_context()
        page = context.new_page()
        page.route("**/study-code.woff2", lambda route: route.abort())
        page.goto(url)
        assert any(misaligned(block) for block in _grid_blocks(page))
        context.close()
    assert not problems, problems


@pytest.mark.browser
def test_the_font_is_one_file_loaded_only_where_code_is(builds: Builds, browser) -> None:
    with serve(builds.online) as url:
        context = browser.new_context()
        page = context.new_page()
        fonts: list[str] = []
        page.on(
            "request", lambda request: fonts.append(request.url) if request.url.endswith(".woff2") else None
        )
        page.goto(url + "plain/")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        assert not [f for f in fonts if "study-code" in f], fonts  # a page without code loads no code font
        page.goto(url)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        assert [f for f in fonts if "study-code" in f] == [url + FONT_URI]
        context.close()
    size = (builds.online / FONT_URI).stat().st_size
    assert size <= 60_000, size
    licence = (builds.online / LICENSE_URI).read_text(encoding="utf-8")
    assert "Open Font License" in licence and "Bitstream" in licence


@pytest.mark.browser
def test_offline_bundle_keeps_the_columns(builds: Builds, browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((builds.offline / "index.html").as_uri())
        blocks = _grid_blocks(page)
        assert len(blocks) == 5
        assert page.evaluate(
            "() => [...document.fonts].some(f => f.family === 'Study Code' && f.status === 'loaded')"
        )
        assert [misaligned(block) for block in blocks] == [[]] * 5
    finally:
        context.close()


@pytest.mark.browser
def test_pdf_prints_code_on_the_grid_in_a_cid_font(builds: Builds) -> None:
    fonts = subprocess.run(["pdffonts", str(builds.pdf)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" not in fonts and "CID TrueType" in fonts
    assert "Study Code (" in builds.pdf_log, builds.pdf_log  # "fonts drawn: …": what Chromium drew code with
    body = [line for fence in note_fences(NOTE.read_text(encoding="utf-8")) for line in fence.body]
    wide = [line for line in body if any(columns(ch) == 2 or "─" <= ch <= "╿" for ch in line)]
    pages = subprocess.run(
        ["pdftotext", "-bbox", str(builds.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("<page ")
    lines = [found for page in pages for found in pdf_code_words(page, wide)]
    assert len(lines) >= 12, lines
    _, cell, worst = grid_residuals(lines)
    assert cell > 3
    assert worst < 0.75, f"a word is {worst:.2f} pt off the grid (cell {cell:.2f} pt)"


def test_pdf_export_stops_when_code_is_not_drawn_with_the_grid_font(builds: Builds) -> None:
    result = builds.no_font
    assert result.returncode != 0
    assert "not Study Code" in result.stderr and "study-code.woff2" in result.stderr, result.stderr


def test_a_ragged_drawing_and_a_character_no_font_has_fail_the_strict_build(builds: Builds) -> None:
    result = builds.broken
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    ragged = [w for w in warnings if "ragged_drawings" in w]
    assert len(ragged) == 1 and "index.md:11:" in ragged[0], warnings  # the plaintext box's short row
    layer = [w for w in warnings if "layer diagram not converted" in w]
    assert len(layer) == 1 and "index.md:1" in layer[0], warnings  # the layer pass reports its own
    missing = [w for w in warnings if "no glyph in the code font" in w]
    assert len(missing) == 1 and "index.md:29:" in missing[0] and "U+1F600" in missing[0], warnings


@pytest.mark.browser
def test_the_fixture_sites_own_code_keeps_its_columns(browser, site_dir: Path) -> None:
    """The session's site (the frozen notes): every code block with Japanese or box drawing, the collapsed
    テキスト版 and Mermaid sources opened, keeps its columns."""
    checked, problems = 0, {}
    with serve(site_dir) as url:
        page = browser.new_page()
        for path in site_pages(site_dir):
            page.goto(url + path)
            page.evaluate(
                "() => document.querySelectorAll('article details').forEach(d => { d.open = true; })"
            )
            for n, block in enumerate(b for b in measure(page) if needs_grid(b)):
                checked += 1
                if found := misaligned(block):
                    problems[f"{path} block {n + 1}"] = found[:3]
        page.close()
    assert checked >= 5, checked  # the Mermaid sources with Japanese labels
    assert not problems, problems
