"""The layer-diagram pass inside MkDocs (it runs in hooks/raw_notes.py, the note pass): strict builds of a
small fixture project (tests/fixtures/diagrams, copied to tmp_path with a minimal mkdocs.yml that lists the
hook by absolute path and reuses the real markdown_extensions), the real site's VM-vs-container page, and
the drawn SVG in Chromium."""

from __future__ import annotations

import html as html_text
import re
import shutil
from pathlib import Path

import pytest

from studysite.diagrams.layers import KEEP_AS_CODE
from tests.support.browser import record, serve, squash, wait_for_diagrams
from tests.support.hands import HANDS
from tests.support.project import build_site, copy_project

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "raw_notes.py"  # the note pass: translation, ※ footnotes, ids, layer diagrams
FIXTURES = ROOT / "tests" / "fixtures" / "diagrams"
MERMAID_DIV = re.compile(r'<div class="mermaid"[^>]*>(.*?)</div>', re.S)


def markdown_extensions() -> str:
    """The ``markdown_extensions:`` block of the real mkdocs.yml, verbatim."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    start = lines.index("markdown_extensions:")
    top_level = (i for i in range(start + 1, len(lines)) if lines[i][:1].strip() and lines[i][0] != "#")
    end = next(top_level, len(lines))
    return "\n".join(lines[start:end])


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES, project / "docs")
    (project / "includes").mkdir()
    (project / "includes" / "abbreviations.md").write_text("", encoding="utf-8")  # snippets' auto_append
    (project / "mkdocs.yml").write_text(
        f"site_name: layer diagram fixture\nhooks:\n  - {HOOK.as_posix()}\n{markdown_extensions()}\n",
        encoding="utf-8",
    )
    return project


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_malformed_diagrams_fail_the_strict_build_with_file_and_line(
    fixture_project: Path, tmp_path: Path
) -> None:
    result = build_site(fixture_project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    page = FIXTURES / "docker-1" / "broken.md"  # has front matter: lines count from the file's top
    expected = [
        f"docker-1/broken.md:{line_of(page, '|Host OS           |')}: layer diagram not converted: "
        "row 2: box side at column 20 does not line up with any column edge",
        f"docker-1/broken.md:{line_of(page, '    |lib      ')}: layer diagram not converted: "
        "row 1: box side at column 10 is missing",
        f"docker-1/broken.md:{line_of(page, '│ kernel   │')}: layer diagram not converted: "
        "row 2: box side at column 12 does not line up with any column edge (reading characters such as "
        "'┌' one column wide; two columns wide: line 4: row 2: box side at column 13 does not line up "
        "with any column edge)",
    ]
    warnings = [line for line in output.split("\n") if "layer diagram not converted" in line]
    assert len(warnings) == 3, output
    for warning, message in zip(warnings, expected, strict=True):
        assert warning.startswith("WARNING") and warning.endswith(f"{message}; {KEEP_AS_CODE}"), output
    assert "Traceback" not in output


def test_diagrams_convert_in_a_clean_strict_build(fixture_project: Path, tmp_path: Path) -> None:
    (fixture_project / "docs" / "docker-1" / "broken.md").unlink()
    result = build_site(fixture_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "docker-1" / "good" / "index.html").read_text(encoding="utf-8")
    blocks = MERMAID_DIV.findall(html)
    assert len(blocks) == 3
    assert all(block.startswith("block-beta\n") for block in blocks)
    # Labels reach the page as Mermaid entity codes inside HTML-escaped text: nothing raw.
    assert 't1["#lt;script#gt;"] t2["#quot;引用#quot;"]' in blocks[1]
    assert 'b3["#35;1#59; #96;x#96;"]:2' in blocks[1]
    assert "<" not in "".join(blocks) and "&lt;" not in "".join(blocks)
    assert html.count("<summary>テキスト版</summary>") == 3
    assert html.count('class="layer-source') == 3
    assert "```" not in html
    assert (
        "単一のホスト上で動作している3つのコンテナ。列: Co1 | Co2 | Co3。上から順に: app | app | app /"
        in (html_text.unescape(html))
    )
    assert "WARNING" not in result.stderr


def test_a_note_mixing_every_hand_builds_strictly(fixture_project: Path, tmp_path: Path) -> None:
    (fixture_project / "docs" / "docker-1" / "broken.md").unlink()
    result = build_site(fixture_project, tmp_path / "site")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    html = (tmp_path / "site" / "docker-1" / "hands" / "index.html").read_text(encoding="utf-8")
    blocks = MERMAID_DIV.findall(html)
    assert len(blocks) == len(HANDS) and all(block.startswith("block-beta\n") for block in blocks)
    assert html.count("<summary>テキスト版</summary>") == len(HANDS)
    # the result tables, the tree and the plaintext fence stay code blocks
    code = html_text.unescape(" ".join(re.findall(r"<pre[^>]*>(.*?)</pre>", html, re.S)))
    assert "2 rows in set" in code and "└── app" in code and code.count("| id | name |") == 2
    assert code.count("| Host OS     |") == 1


@pytest.mark.slow
def test_vm_vs_container_page_has_both_diagrams(site_dir: Path) -> None:
    html = (site_dir / "docker-1" / "vm-vs-container" / "index.html").read_text(encoding="utf-8")
    blocks = [block for block in MERMAID_DIV.findall(html) if "block-beta" in block]
    assert len(blocks) == 2, blocks
    assert '"Hyper Visor"' in blocks[0] and '"Container Engine"' in blocks[1]
    assert html.count("<summary>テキスト版</summary>") == 2


TRICKY = """
## 図の描画テスト {#drawing-test}

描画テスト
```
 VM1        <script>   "引用"
---------- ---------- ----------
|app     | |ゲストOS| |a & b   |
--------------------------------
|Hyper Visor                   |
--------------------------------
```
"""


@pytest.mark.browser
def test_converted_diagram_draws_with_title_row_and_spans(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page_md = project / "docs" / "docker-1" / "vm-vs-container.md"
    page_md.write_text(page_md.read_text(encoding="utf-8") + TRICKY, encoding="utf-8")
    result = build_site(project, tmp_path / "site", site_url="http://127.0.0.1:8000/study/")
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as url:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        rec = record(page)
        page.goto(url + "docker-1/vm-vs-container/")
        assert wait_for_diagrams(page) == "done"
        diagram = page.locator("div.mermaid").nth(2)
        assert squash(diagram.locator("svg").text_content()).endswith(
            squash('VM1<script>"引用"appゲストOSa & bHyper Visor')
        )
        boxes = {
            squash(label): box
            for label, box in diagram.evaluate(
                """el => [...el.querySelectorAll('g.node')].map(n => {
                     const r = n.getBoundingClientRect();
                     return [n.textContent, {x: r.x, y: r.y, w: r.width, h: r.height}];
                   })"""
            )
        }
        hyper, first, last, title = boxes["HyperVisor"], boxes["app"], boxes["a&b"], boxes["VM1"]
        assert abs(hyper["x"] - first["x"]) < 2 and abs(hyper["x"] + hyper["w"] - last["x"] - last["w"]) < 2
        assert title["y"] + title["h"] <= first["y"] + 1  # the title row is drawn above the boxes
        assert page.evaluate("window.alert.toString()").endswith("{ [native code] }")
        assert not rec.errors and not rec.blocked
        page.close()


@pytest.mark.slow
def test_the_real_site_builds_strictly_with_a_note_mixing_every_hand(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURES / "docker-1" / "hands.md", project / "docs" / "docker-1" / "hands.md")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    html = (tmp_path / "site" / "docker-1" / "hands" / "index.html").read_text(encoding="utf-8")
    assert len(MERMAID_DIV.findall(html)) == len(HANDS)
