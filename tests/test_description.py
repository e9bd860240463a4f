"""Which text becomes a page's description: the first sentence of its first prose, never a caption or code."""

from __future__ import annotations

import markdown
import pytest
from pymdownx.superfences import fence_div_format

from studysite.notes.meta import first_sentence, page_description
from studysite.pipeline import prepare_note

DIAGRAM = """```
----------
|app     |
----------
|Host OS |
----------
```"""

EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "pymdownx.details"]


def describe(text: str) -> str | None:
    html = markdown.markdown(
        prepare_note(text)[0],  # the note as the site renders it: translated, diagrams drawn
        extensions=[*EXTENSIONS, "pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_div_format}]
            }
        },
    )
    return page_description(html)


CASES = [
    ("first paragraph", "# T\n\n最初の文。次の文。\n", "最初の文。"),
    ("not the diagram's caption", f"# T\n\n単一のホスト上の構成\n{DIAGRAM}\n\n本文の文。\n", "本文の文。"),
    ("not a code block's caption", "# T\n\n例\n```sh\nls\n```\n\n説明する。\n", "説明する。"),
    ("not code", "# T\n\n    code\n\n本文。\n", "本文。"),
    (
        "first bullet",
        "# T\n\n* ホストOSとリソースを共有するため効率的\n* 次\n",
        "ホストOSとリソースを共有するため効率的",
    ),
    (
        "a label takes its first sub-item",
        "# T\n\n* コンテナとは\n    * 依存対象ごとカプセル化したもの\n",
        "コンテナとは: 依存対象ごとカプセル化したもの",
    ),
    (
        "a label in a loose list",
        "# T\n\n* コンテナとは\n    * 依存対象ごとカプセル化したもの\n\n* 次\n",
        "コンテナとは: 依存対象ごとカプセル化したもの",
    ),
    (
        "a long first bullet is not a label",
        "# T\n\n* VMでは実現が難しいユースケースを可能にする利点がある\n    * 速い\n",
        "VMでは実現が難しいユースケースを可能にする利点がある",
    ),
    ("not an admonition's title", '# T\n\n!!! note "注意書き"\n    中の文。\n', "中の文。"),
    ("not a table", "# T\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n表のあとの文。\n", "表のあとの文。"),
    ("footnote marker left out", "# T\n\n本文[^1]です。\n\n[^1]: 注。\n", "本文です。"),
    ("inline code kept as text", "# T\n\n`docker run` で起動する。\n", "docker run で起動する。"),
    ("markup becomes plain text", "# T\n\n**太字**と[リンク](x.md)と a &lt; b。\n", "太字とリンクと a < b。"),
    ("English sentence", "# T\n\nFirst sentence. Second one.\n", "First sentence."),
    ("no prose", "# T\n\n## U\n", None),
    ("only a diagram", f"# T\n\n{DIAGRAM}\n", None),
    # CommonMark: a list may interrupt a paragraph, so the list glued under a label is a list
    (
        "a glued list under a paragraph",
        "# T\n\nコンテナとは\n* 依存対象ごとカプセル化したもの\n",
        "コンテナとは",
    ),
    ("a bullet glued above a fence is prose", f"# T\n\n* 構成\n{DIAGRAM}\n\n本文。\n", "構成"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_description_choice(name: str, text: str, expected: str | None) -> None:
    assert describe(text) == expected


def test_long_sentences_are_cut() -> None:
    text = "あ" * 200
    assert first_sentence(text) == "あ" * 119 + "…"
    assert len(first_sentence(text, limit=50)) == 50
