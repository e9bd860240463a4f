"""Raw notes dropped into a project build strictly and read on the site as their preview shows them.

One strict build of the fixture project with a new chapter of raw notes in the writer's style (a list
glued to a paragraph, numbered steps with a fenced diagram under one, bare URLs, links written with
GitHub's heading ids, a note with no prose), and one build of notes with mistakes whose messages must
point at the lines of the files as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.preview import compare, html_tree, preview_tree
from tests.support.project import build_site, fixture_project

pytestmark = pytest.mark.slow

SETUP = """\
# Docker 2

## Dockerのインストール

公式の手順 https://docs.docker.com/engine/install/debian/?utm_source=newsletter&utm_medium=email に従う。
参考（https://www.docker.com/blog/）と www.docker.com/products もメモ
* Debianの場合
  * aptのリポジトリを追加する
  * docker-ceを入れる

1. リポジトリを追加する
   ```
   sudo apt-get install ca-certificates curl
   ```
2. 構成を確かめる
   ```
   ----------------------
   |アプリ              |
   ----------------------
   |Dockerエンジン      |
   ----------------------
   |Host OS             |
   ----------------------
   ```
3. 動作確認
```
$ docker run hello-world
```
* 動いたら次へ

## ボリューム
データを残すにはボリュームを使う
- named volume
  - `docker volume create data`
- bind mount
  - ホストのディレクトリをマウントする

隔離の話は[VMとコンテナ](../docker-1/vm-vs-container.md#vmの特徴)、この章では[ボリューム](#ボリューム)(※1)

※1 データはコンテナを消しても残る
"""

NO_PROSE = """\
# Compose

## 構成

```
------------- -------------
|web        | |db         |
---------------------------
|Docker Engine            |
---------------------------
```

## 起動

```
docker compose up -d
```
"""

MISTAKES = """\
# まちがい

本文。[ない見出し](docker-1/vm-vs-container.md#vmのとくちょう)

* 手順
  ```
  ------------
  |app     |
  ------------
  ```
* 最後
  ```
  閉じていない
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fixture_project(tmp_path_factory.mktemp("previewed") / "project")
    (project / "docs" / "docker-2").mkdir()
    (project / "docs" / "docker-2" / "index.md").write_text(SETUP, encoding="utf-8")
    (project / "docs" / "docker-2" / "compose.md").write_text(NO_PROSE, encoding="utf-8")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def article(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_the_raw_chapter_reads_as_its_preview(built: Path) -> None:
    diff = compare(preview_tree(SETUP), html_tree(article(built, "docker-2")))
    assert not diff, diff


def test_glued_lists_numbered_steps_and_the_diagram_under_a_step(built: Path) -> None:
    page = article(built, "docker-2")
    steps = page.split("<ol>")[1].split("</ol>")[0]  # 1. to 3., the fences inside their steps
    assert steps.count("<li>") == 3 and "apt-get install" in steps and "動作確認" in steps
    assert page.count('class="mermaid"') == 1  # the drawing under step 2 is a diagram
    assert "<li>named volume<ul>" in page.replace("\n", "")
    assert "* " not in re.sub(r"<[^>]+>", "", page.split('id="boryuumu"')[1])  # no literal bullets


def test_bare_urls_are_links_without_tracking(built: Path) -> None:
    page = article(built, "docker-2")
    assert '<a href="https://docs.docker.com/engine/install/debian/">' in page
    assert '<a href="https://www.docker.com/blog/">https://www.docker.com/blog/</a>）' in page
    assert '<a href="http://www.docker.com/products">www.docker.com/products</a>' in page
    assert "utm_" not in page


def test_github_heading_ids_land_and_links_resolve(built: Path) -> None:
    page = article(built, "docker-2")
    assert 'id="dockerのインストール"' in page and 'id="ボリューム"' in page
    assert 'href="../docker-1/vm-vs-container/#vm"' in page  # written as #vmの特徴, GitHub's id
    assert 'href="#boryuumu"' in page
    target = article(built, "docker-1/vm-vs-container")
    assert 'id="vmの特徴"' in target


def test_a_note_without_prose_is_described_by_its_headings(built: Path) -> None:
    html = (built / "docker-2" / "compose" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Compose: 構成、起動">' in html


def test_mistakes_are_reported_at_the_lines_of_the_file(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    (project / "docs" / "mistakes.md").write_text("---\ntitle: まちがい\n---\n" + MISTAKES, encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if "mistakes.md:" in line]
    found = {int(m.group(1)): line for line in ours if (m := re.search(r"mistakes\.md:(\d+):", line))}
    # front matter is 3 lines: the note's line N is the file's line N + 3
    assert "has no heading '#vmのとくちょう'; the closest heading is '#vm'" in found[6], ours
    assert "layer diagram not converted: rule at column 11" in found[10], ours  # in the item's fence
    assert "never closed" in found[15], ours
    assert "Traceback" not in result.stderr
    assert len(ours) == 3, ours
