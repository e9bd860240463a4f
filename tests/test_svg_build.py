"""Strict builds of a small diagram project: every diagram is inline SVG in the HTML, the cache draws each
diagram once, a broken fence fails the build with file:line, labels with markup stay inert, no Mermaid
ships. The project's builds share one cache directory per module (``STUDYSITE_DIAGRAM_CACHE``)."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from studysite.diagrams.render.cache import CACHE_ENV
from tests.support.diagram_site import FLOWCHART, LABELS, make_diagram_site
from tests.support.project import build_site

pytestmark = pytest.mark.slow

DRAWN = re.compile(r"diagrams: (\d+) drawn, (\d+) from the cache; Chromium started (\d+) time")


class _Svgs(HTMLParser):
    """Each ``div.mermaid``: its SVG's text, whether the SVG has role=img/title, anything live inside."""

    def __init__(self) -> None:
        super().__init__()
        self.diagrams: list[dict] = []
        self.depth = 0  # inside a div.mermaid: open elements
        self.in_svg = False
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.depth == 0 and tag == "div" and "mermaid" in (found.get("class") or "").split():
            self.diagrams.append({"text": "", "role": None, "title": False, "live": [], "svgs": 0})
            self.depth = 1
            return
        if not self.depth:
            return
        self.depth += tag not in ("path", "rect", "line", "circle", "polygon", "br")
        current = self.diagrams[-1]
        if tag == "svg":
            current["svgs"] += 1
            current["role"] = found.get("role")
            self.in_svg = True
        current["title"] = current["title"] or (tag == "title" and self.in_svg)
        self.skip = tag in ("style", "title", "desc")
        if tag in ("script", "foreignobject", "img", "iframe") or any(k.startswith("on") for k in found):
            current["live"].append(self.get_starttag_text())

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("path", "rect", "line", "circle", "polygon", "br"):
            self.depth -= 1
            self.skip = False
            if tag == "svg":
                self.in_svg = False

    def handle_data(self, data: str) -> None:
        if self.depth and self.in_svg and not self.skip:
            self.diagrams[-1]["text"] += data


def diagrams_of(path: Path) -> list[dict]:
    parser = _Svgs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.diagrams


def counts(result) -> tuple[int, int, int]:
    found = DRAWN.search(result.stderr)
    assert found, result.stderr
    return int(found.group(1)), int(found.group(2)), int(found.group(3))


def build_cold_and_warm(base: Path):
    """The diagram project with a cache of its own; a cold build (empty cache), then a warm one of the same
    project."""
    root, env = make_diagram_site(base / "project"), {CACHE_ENV: str(base / "cache")}
    cold = build_site(root, base / "cold", extra_env=env)
    assert cold.returncode == 0, cold.stderr
    warm = build_site(root, base / "warm", extra_env=env)
    assert warm.returncode == 0, warm.stderr
    return (root, env), (base / "warm", cold, warm)


@pytest.fixture(scope="module")
def cold_and_warm(tmp_path_factory):
    return build_cold_and_warm(tmp_path_factory.mktemp("diagrams"))


@pytest.fixture(scope="module")
def project(cold_and_warm) -> tuple[Path, dict[str, str]]:
    return cold_and_warm[0]


@pytest.fixture(scope="module")
def builds(cold_and_warm):
    """The warm site, the cold build and the warm build."""
    return cold_and_warm[1]


def test_every_diagram_is_an_inline_svg_with_its_labels(builds) -> None:
    site, *_ = builds
    for page, labels in LABELS.items():
        found = diagrams_of(site / page)
        assert found, page
        for diagram in found:
            assert diagram["svgs"] == 1 and diagram["role"] == "img" and diagram["title"], (page, diagram)
            assert not diagram["live"], diagram["live"]
        text = " ".join(d["text"] for d in found)
        missing = [label for label in labels if label.replace(" ", "") not in text.replace(" ", "")]
        assert not missing, f"{page}: labels not in the SVG text: {missing}"
    assert len(diagrams_of(site / "diagrams" / "index.html")) == 3
    assert not diagrams_of(site / "text" / "index.html")


def test_a_warm_build_draws_nothing_and_starts_no_browser(builds) -> None:
    _, cold, warm = builds
    drawn, _, started = counts(cold)
    assert drawn > 0 and started == 1
    assert counts(warm) == (0, drawn, 0)


BROKEN = '\n```mermaid\nflowchart LR\n  a["x" --> ((( b\n```\n'
INJECTED = """
ラベルに書き込まれたマークアップの図。

```mermaid
flowchart LR
  a["<img src=x onerror=alert(1)>"] --> b["<script>alert(2)</script>"]
  b --> c["<a href='javascript:alert(3)'>link</a>"]
```
"""
#: Edits of the project, each built once after the warm build: (page, how its text changes).
EDITS = {
    "changed": ("diagrams.md", lambda text: text.replace("レジストリ", "レジストリ（変更）")),
    "broken": ("text.md", lambda text: text + BROKEN),
    "injected": ("text.md", lambda text: text + INJECTED),
}


def build_edits(work: Path, cold_and_warm) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Each of EDITS made to the project and built with its (warm) cache, one after another, the page put
    back after each. Name -> (the build, its site)."""
    (root, env), _ = cold_and_warm
    done = {}
    for name, (source, edit) in EDITS.items():
        page = root / "docs" / source
        text = page.read_text(encoding="utf-8")
        try:
            page.write_text(edit(text), encoding="utf-8")
            done[name] = (build_site(root, work / name, extra_env=env), work / name)
        finally:
            page.write_text(text, encoding="utf-8")
    return done


@pytest.fixture(scope="module")
def edited(tmp_path_factory, cold_and_warm) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    return build_edits(tmp_path_factory.mktemp("edited"), cold_and_warm)


def test_changing_one_diagram_redraws_only_it(edited) -> None:
    result, site = edited["changed"]
    assert result.returncode == 0, result.stderr
    assert counts(result)[0] == 1
    assert "レジストリ（変更）" in " ".join(d["text"] for d in diagrams_of(site / "diagrams" / "index.html"))


def test_the_site_ships_no_mermaid_and_serves_the_font(builds) -> None:
    site, *_ = builds
    shipped = [p.relative_to(site).as_posix() for p in site.rglob("*") if "mermaid" in p.name.lower()]
    assert not shipped, shipped
    for page in site.rglob("*.html"):
        scripts = re.findall(r"<script[^>]*>", page.read_text(encoding="utf-8"))
        assert not [s for s in scripts if "mermaid" in s.lower()], page
    font = (site / "assets" / "diagrams" / "diagram-font.woff2").read_bytes()
    assert font[:4] == b"wOF2" and 1_000 < len(font) < 200_000
    assert 'url("../diagrams/diagram-font.woff2")' in (site / "assets/stylesheets/site.css").read_text(
        "utf-8"
    )


def test_the_source_is_there_to_copy_but_not_in_the_search_index(builds) -> None:
    site, *_ = builds
    html = (site / "diagrams" / "index.html").read_text(encoding="utf-8")
    assert FLOWCHART.replace(">", "&gt;") in html, "the Mermaid source to copy"
    assert html.count('<details class="diagram-source">') == 3
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "flowchart" not in text and "block-beta" not in text and "timeline" not in text.split("年表")[0]
    assert "終わり" in text


def test_a_broken_fence_fails_the_strict_build_with_file_and_line(project, edited) -> None:
    root, _ = project
    result, _ = edited["broken"]
    text = (root / "docs" / "text.md").read_text(encoding="utf-8")
    line = (text + BROKEN).split("\n").index("```mermaid") + 1
    assert result.returncode != 0
    warnings = [w for w in result.stderr.splitlines() if "Mermaid cannot draw" in w]
    assert len(warnings) == 1, result.stderr
    assert (
        warnings[0].startswith("WARNING")
        and f"text.md:{line}: Mermaid cannot draw this diagram: " in warnings[0]
    )
    assert "Parse error on line 2" in warnings[0] and "Traceback" not in result.stderr


def test_labels_with_markup_stay_inert(edited) -> None:
    result, site = edited["injected"]
    assert result.returncode == 0, result.stderr
    (diagram,) = diagrams_of(site / "text" / "index.html")
    assert diagram["svgs"] == 1 and not diagram["live"], diagram
    html = (site / "text" / "index.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg id=") : html.index("</svg>")]
    assert "javascript:" not in svg and "<script" not in svg and "onerror=" not in svg
