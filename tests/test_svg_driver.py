"""The build's browser driver on its own: a diagram that never finishes is named when it times out, a
broken one gets Mermaid's message, and a missing Chromium is one line saying what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite.diagrams.render import driver
from studysite.diagrams.render.driver import Job, MermaidRenderer, RenderTimeout, RenderUnavailable
from tests.support.project import ROOT

pytestmark = pytest.mark.browser

#: Stands in for Mermaid: parses anything, draws "hang" never, everything else as a tiny SVG.
FAKE_MERMAID = """window.mermaid = {
  initialize() {},
  async parse(source) { if (source === 'broken') throw new Error('Parse error on line 1: broken'); },
  render(id, source) {
    if (source === 'hang') return new Promise(() => {});
    return Promise.resolve({svg: `<svg id="${id}"><text>${source}</text></svg>`});
  },
};"""


def test_a_hanging_diagram_times_out_by_name_and_the_next_one_draws(tmp_path: Path) -> None:
    library = tmp_path / "mermaid.min.js"
    library.write_text(FAKE_MERMAID, encoding="utf-8")
    renderer = MermaidRenderer(library, timeout_ms=1_500)
    try:
        with pytest.raises(RenderTimeout) as raised:
            renderer.render([Job("docs/page.md:12", "mhang", "hang")])
        assert raised.value.args == ("docs/page.md:12",)
        (drawn,) = renderer.render([Job("docs/page.md:20", "mok", "ok")])
        assert drawn.error is None and drawn.svgs == {
            "light": '<svg id="mok-light"><text>ok</text></svg>',
            "dark": '<svg id="mok-dark"><text>ok</text></svg>',
        }
        (failed,) = renderer.render([Job("docs/page.md:30", "mbad", "broken")])
        assert failed.error == "Parse error on line 1: broken" and failed.svgs == {}
        assert renderer.starts == 2, "a fresh browser after the one that hung"
    finally:
        renderer.close()


def test_the_real_mermaid_draws_both_palettes() -> None:
    renderer = MermaidRenderer(ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js")
    try:
        (drawn,) = renderer.render([Job("x", "mreal", 'flowchart LR\n  a["コンテナ"] --> b["<b>x</b>"]')])
    finally:
        renderer.close()
    assert drawn.error is None and set(drawn.svgs) == {"light", "dark"}
    for name, svg in drawn.svgs.items():
        assert svg.startswith(f'<svg id="mreal-{name}"') and "コンテナ" in svg
        assert "foreignObject" not in svg and "<b>" not in svg


def test_missing_chromium_is_one_line_saying_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> str:
        raise FileNotFoundError(
            "Chromium is missing: install the Debian packages 'chromium' and 'fonts-noto-cjk'"
        )

    monkeypatch.setattr(driver, "chromium_path", missing)
    renderer = MermaidRenderer(ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js")
    try:
        with pytest.raises(RenderUnavailable, match=r"^Chromium is missing: install the Debian packages"):
            renderer.render([Job("x", "mx", "flowchart LR\n a")])
        assert renderer.starts == 0
    finally:
        renderer.close()
