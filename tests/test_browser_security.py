"""Labels that try to inject HTML or script show as text (or are stripped) and execute nothing."""

from __future__ import annotations

import pytest

from tests.support.browser import record, serve, wait_for_diagrams
from tests.support.project import build_site

pytestmark = pytest.mark.browser

SENTINEL = "INJECTION_SENTINEL_7f3a"


def _box_diagram(*labels: str) -> str:
    """A stack of one-column boxes, each as wide as the longest label."""
    width = max(map(len, labels)) + 2
    rule = "-" * width
    rows = [rule]
    for label in labels:
        rows += [f"|{label.ljust(width - 2)}|", rule]
    return "\n".join(rows)


PAGE = f"""---
description: Injection test page.
---
# Injection {{#injection}}

Raw Mermaid written by an author, with HTML in its labels:

```mermaid
block-beta
  columns 2
  a["<script>window.{SENTINEL}=1</script>"] b["<img src=x onerror='window.{SENTINEL}=2'>"]
  c["safe #lt;script#gt;shown as text#lt;/script#gt;"]:2
```

An ASCII layer diagram with the same kind of labels:

```
{_box_diagram(f"<img src=x onerror='window.{SENTINEL}=3'>", f"<script>window.{SENTINEL}=4</script>")}
```
"""


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    from tests.support.project import copy_project

    project = copy_project(tmp_path_factory.mktemp("inject") / "project")
    (project / "docs" / "injection.md").write_text(PAGE, encoding="utf-8")
    out = project.parent / "site"
    result = build_site(project, out, site_url="http://127.0.0.1:8000/study/")
    assert result.returncode == 0, result.stderr
    return out


def test_injection_labels_stay_inert(browser, injected_site):
    with serve(injected_site) as url:
        context = browser.new_context()
        page = context.new_page()
        rec = record(page)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "injection/")
        assert wait_for_diagrams(page) == "done"
        assert page.evaluate(f"window.{SENTINEL}") is None, "a label's script or handler ran"
        assert not dialogs
        assert page.locator("div.mermaid svg").count() >= 2
        dangerous = page.evaluate(
            """() => [...document.querySelectorAll('div.mermaid *')].filter(e =>
                 ['SCRIPT', 'IMG', 'IFRAME'].includes(e.tagName.toUpperCase())
                 || [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.outerHTML)"""
        )
        assert not dangerous, f"live elements from labels: {dangerous}"
        texts = page.eval_on_selector_all("div.mermaid svg", "els => els.map(e => e.textContent)")
        assert "<script>shown as text</script>" in texts[0], "an escaped label must show verbatim"
        # The ASCII diagram's labels are escaped by our converter, so they show as text, verbatim.
        assert any(f"window.{SENTINEL}=3" in text for text in texts[1:]), texts
        assert not [u for u in rec.requests if u.endswith("/x")], "an <img> from a label was loaded"
        context.close()
