"""The raw seed note, dropped into a copy of the project as a chapter of its own, builds strictly and
reads right with no hand edits; so do two more raw notes; content rules fail the build with file:line."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from studysite.notes.blocks import code_lines
from studysite.notes.heading_ids import headings
from tests.support.lists import html_tree, raw_tree
from tests.support.preview import compare, preview_tree
from tests.support.preview import html_tree as html_tree_of_blocks
from tests.support.project import build_site, copy_project

SEED = Path(__file__).parent / "fixtures" / "docker-1.md"  # byte-exact copy of the first raw note
CHAPTER = "zz-raw-note"  # a folder name no writer would pick

TABS_NOTE = """# タブで書いたノート

タブと4スペースで字下げしたノート。※１の形も使う。

* 親
\t* 子（※１）
\t\t* 孫
* 四つの親
    * 四つの子
        * 四つの孫

## 🐳

## 例

本文。

## 例

```plaintext
----------
|app     |
----------
|Host OS |
----------
```

<https://example.org/page?utm_source=news&id=7&utm_medium=email>

※１ 全角の注
"""

CHAPTER_TWO = """# 第2章 ノートの続き

2スペースの入れ子を、注記と引用の中でも使う。

!!! note "メモ"
    * 注記の親
      * 注記の子

> * 引用の親
>   * 引用の子

1. 番号の親
   1. 番号の子
2. 次の番号
"""


def _norm(text: str) -> str:
    return re.sub(r"\d+$", "", re.sub(r"[`\[\]()（）※*]", "", text))[:5]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("raw")
    project = copy_project(root / "project")
    chapter = project / "docs" / CHAPTER
    chapter.mkdir()
    shutil.copyfile(SEED, chapter / "index.md")
    (chapter / "zz-tabs-note.md").write_text(TABS_NOTE, encoding="utf-8")
    (project / "docs" / "zz-raw-chapter-two").mkdir()
    (project / "docs" / "zz-raw-chapter-two" / "index.md").write_text(CHAPTER_TWO, encoding="utf-8")
    result = build_site(project, root / "site")
    return project, root / "site", result


def test_fixture_is_the_seed_byte_for_byte() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seed" / "docker-1.md"
    if shared.exists():  # beside the work tree on the developers' machines
        assert SEED.read_bytes() == shared.read_bytes()
    assert "  * " in SEED.read_text(encoding="utf-8") and "※1" in SEED.read_text(encoding="utf-8")


def test_builds_strictly_with_no_warning(built) -> None:
    _, _, result = built
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def page(built, path: str) -> str:
    return (built[1] / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("source", "path"), [(None, CHAPTER), (TABS_NOTE, f"{CHAPTER}/zz-tabs-note")])
def test_every_bullet_at_its_raw_depth(built, source: str | None, path: str) -> None:
    text = SEED.read_text(encoding="utf-8") if source is None else source
    raw = [(depth, _norm(t)) for depth, t in raw_tree(text)]
    rendered = [(depth, _norm(t)) for depth, t in html_tree(page(built, path))]
    assert rendered == raw
    assert len(raw) > 5 and max(depth for depth, _ in raw) == 2


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize(
    ("source", "path"),
    [
        (None, CHAPTER),  # its two diagrams map back to the fences they were drawn from
        (TABS_NOTE, f"{CHAPTER}/zz-tabs-note"),
        (CHAPTER_TWO, "zz-raw-chapter-two"),
    ],
)
def test_the_built_page_reads_as_the_preview(built, source: str | None, path: str) -> None:
    """The differential oracle on the built article: the same blocks as the note's CommonMark preview."""
    text = SEED.read_text(encoding="utf-8") if source is None else source
    assert not (diff := compare(preview_tree(text), html_tree_of_blocks(article(page(built, path))))), diff


def test_lists_in_admonitions_quotes_and_ordered_lists(built) -> None:
    assert html_tree(page(built, "zz-raw-chapter-two")) == [
        (0, "注記の親"),
        (1, "注記の子"),
        (0, "引用の親"),
        (1, "引用の子"),
        (0, "番号の親"),
        (1, "番号の子"),
        (0, "次の番号"),
    ]


def test_seed_footnotes_attached_where_the_markers_were(built) -> None:
    html = page(built, CHAPTER)
    assert re.search(
        r'ハイパーバイザー(</abbr>)?<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">', html
    )
    assert re.search(r'カーネル(</abbr>)?<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">', html)
    footnotes = html[html.index('<div class="footnote">') :]
    assert '<li id="fn:1">' in footnotes and "タイプ2のハイパーバイザを指す(VirtualBox, VMWare)" in footnotes
    assert '<li id="fn:2">' in footnotes and "カーネルはOSの核となる構成要素" in footnotes
    article = html[html.index("<article") : html.index("</article>")]
    assert "※" not in article


def test_seed_has_its_two_diagrams(built) -> None:
    html = page(built, CHAPTER)
    assert html.count('<div class="mermaid"') == 2
    assert "block-beta" in html


def test_plaintext_fence_stays_code(built) -> None:
    html = page(built, f"{CHAPTER}/zz-tabs-note")
    assert '<div class="mermaid"' not in html
    assert "|Host OS |" in html


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.description: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")


def head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("path", [CHAPTER, f"{CHAPTER}/zz-tabs-note", "zz-raw-chapter-two"])
def test_ids_are_ascii_and_unique(built, path: str) -> None:
    ids = head(page(built, path)).ids
    assert ids and len(set(ids)) == len(ids), ids
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(_\d+)?", i) for i in ids), ids


def test_seed_ids_and_description(built) -> None:
    parsed = head(page(built, CHAPTER))
    assert parsed.ids == [
        "docker-1",
        "docker-to-wa-nani-ka-naze-chuumoku-sare-te-iru-ka",
        "vm-to-kontena",
        "docker-to-kontena",
    ]
    assert parsed.description == "コンテナとは: アプリケーションを依存対象とともにカプセル化したもの"
    assert "<title>Docker 1 - " in page(built, CHAPTER)


def test_other_notes_ids_and_descriptions(built) -> None:
    tabs = head(page(built, f"{CHAPTER}/zz-tabs-note"))
    assert tabs.ids == ["tabu-de-kaita-nooto", "spouting-whale", "rei", "rei_1"]
    assert head(page(built, "zz-raw-chapter-two")).ids == ["dai-2-shou-nooto-no-tsuzuki"]
    assert tabs.description == "タブと4スペースで字下げしたノート。"
    assert (
        head(page(built, "zz-raw-chapter-two")).description == "2スペースの入れ子を、注記と引用の中でも使う。"
    )


def test_tracking_parameters_dropped(built) -> None:
    seed = page(built, CHAPTER)
    assert 'href="https://qiita.com/kirikunix/items/33414240b4cacee362da"' in seed
    tabs = page(built, f"{CHAPTER}/zz-tabs-note")
    assert 'href="https://example.org/page?id=7">https://example.org/page?id=7</a>' in tabs
    assert "utm_" not in seed + tabs


def test_hand_made_chapter_keeps_its_explicit_ids(built) -> None:
    project, site, _ = built
    checked = 0
    for source in sorted((project / "docs").rglob("*.md")):
        if CHAPTER in source.parts or "zz-raw-chapter-two" in source.parts:
            continue
        text = source.read_text(encoding="utf-8")
        explicit = [h.explicit for h in headings(text.split("\n"), code_lines(text)) if h.explicit]
        rel = source.relative_to(project / "docs").with_suffix("")
        out = site / (rel.parent if rel.name == "index" else rel) / "index.html"
        ids = head(out.read_text(encoding="utf-8")).ids
        for explicit_id in explicit:
            assert explicit_id in ids, (source, explicit_id)
            checked += 1
    assert checked > 0


# --- the build tells the writer ---------------------------------------------------------------------------

BAD_NOTES = {
    "zz-bad-footnote.md": (
        "# 注の欠けたノート\n\n本文※3です。\n",
        "zz-bad/zz-bad-footnote.md:3: ※3 has no footnote",
    ),
    "zz-bad-ids.md": (
        "---\ndescription: x\n---\n# A {#same}\n\n## B {#same}\n\n## C {#シー}\n",
        # (the line the message names is pinned by tests/test_pipeline.py: it must be the file's line 4)
        "zz-bad/zz-bad-ids.md:6: heading id 'same' is already used on line ",
    ),
}
#: No prose is not an error (issue 21): the note builds with no warning and a description from its headings.
NO_PROSE = "# 見出しだけ\n\n## 小見出し\n"


def test_content_rules_fail_the_strict_build_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "zz-bad").mkdir()
    (project / "docs" / "zz-bad" / "index.md").write_text("# 壊れた章\n\n説明の文。\n", encoding="utf-8")
    for name, (text, _) in BAD_NOTES.items():
        (project / "docs" / "zz-bad" / name).write_text(text, encoding="utf-8")
    (project / "docs" / "zz-bad" / "zz-no-prose.md").write_text(NO_PROSE, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    for _, expected in BAD_NOTES.values():
        assert expected in result.stderr, result.stderr
    assert "zz-no-prose" not in result.stderr, result.stderr
    no_prose = (tmp_path / "site" / "zz-bad" / "zz-no-prose" / "index.html").read_text(encoding="utf-8")
    assert (head(no_prose).description or "").strip(), "a note with no prose still gets a description"
    assert "zz-bad/zz-bad-ids.md:8: heading id 'シー' is not a plain ASCII id" in result.stderr
    assert "Traceback" not in result.stderr


def test_front_matter_that_is_not_yaml_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "zz-bad").mkdir()
    (project / "docs" / "zz-bad" / "index.md").write_text(
        "---\ndescription: ok\ntitle: [unclosed\n---\n# 壊れた前付け\n\n本文。\n", encoding="utf-8"
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"zz-bad/index\.md:\d: front matter is not valid YAML", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
