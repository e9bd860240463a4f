"""Draw the 1200x630 link-preview image (docs/assets/social-card.png) with Debian's Chromium.

Run by hand when the site's name changes: `.venv/bin/python tools/make_social_card.py`.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from studysite.infra.chromium import launch_options

ROOT = Path(__file__).resolve().parent.parent

CARD = """<!doctype html><html lang="ja"><meta charset="utf-8"><style>
body{margin:0;width:1200px;height:630px;display:flex;flex-direction:column;justify-content:center;
padding:0 90px;box-sizing:border-box;background:#283593;color:#fff;font-family:"Noto Sans CJK JP",sans-serif}
h1{font-size:62px;white-space:nowrap;margin:0 0 24px} p{font-size:34px;margin:0;color:#c5cae9}
.stack{display:grid;grid-template-columns:repeat(3,120px);gap:14px;margin-bottom:48px}
.stack div{height:40px;background:#7986cb;border-radius:6px}
.stack .wide{grid-column:span 3;background:#5c6bc0}
</style><div class="stack"><div></div><div></div><div></div>
<div class="wide"></div><div class="wide"></div></div>
<h1>コンテナとDocker 学習ノート</h1><p>VMとの違い・歴史・Dockerの構成を、図と出典つきで</p></html>"""


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_options())
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD)
        page.screenshot(path=str(ROOT / "docs" / "assets" / "social-card.png"))
        browser.close()


if __name__ == "__main__":
    main()
