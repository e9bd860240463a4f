"""Random Markdown (fences, lists, ※ notes, raw HTML, front matter, box drawings) through the hooks' pure
functions: nothing raises except our own located errors, and no ``<script>`` that the input only shows as
text becomes live in the output.

"Live" is measured on HTML: Markdown in and out are rendered with the site's Markdown extensions, and the
output may hold no more ``<script`` tags than the input's rendering (raw HTML a writer typed outside code is
live in both, and is theirs).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pymdownx.superfences import fence_div_format

from studysite.diagrams.grid import DiagramError
from studysite.diagrams.layers import convert_layer_diagrams, note_fences
from studysite.infra.html_text import html_text
from studysite.notes.blocks import fences, read
from studysite.notes.glossary import annotate, compile_glossary
from studysite.notes.meta import page_description
from studysite.notes.translate import translate
from studysite.pipeline import prepare_note
from studysite.site.escape import as_html
from studysite.timeline.render import insert_timeline
from tests.support.preview import preview_html

SCRIPT = re.compile(r"<script\b", re.I)
PAYLOAD = "<script>window.FUZZ=1</script>"

FRAGMENTS = [
    "",
    "```",
    "```text",
    "```mermaid",
    "~~~",
    "````",
    "    ```",
    "- ",
    "- item",
    "1. 手順",
    "    indented",
    "※ 注意",
    "※",
    "> quote",
    "!!! note",
    '??? note "タイトル"',
    "---",
    "title: 題",
    "description: <b>説明</b>",
    PAYLOAD,
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>x</script>`",
    "<div markdown>",
    "</div>",
    "<!-- timeline -->",
    "<!-- コメント -->",
    "R&D と &amp; と <T> と コンテナ",
    "----------",
    "|app     |",
    "|<script>|",
    "| VM1 | VM2 |",
    "--------------------",
    "|Host OS           |",
    "+------+------+",
    "| web  | api  |",
    "*[term]: def",
]
TEXT = st.text(alphabet=list("ab <>&\"'|-+*#`~※　コンテナ\t/=;"), max_size=20)
LINE = st.one_of(st.sampled_from(FRAGMENTS), TEXT)
DIAGRAM = "\n".join(["```", "----------", "|<script>|", "----------", "|Host OS |", "----------", "```"])
MARKDOWN = st.lists(st.one_of(LINE, st.just(DIAGRAM)), max_size=25).map("\n".join)

RENDER = markdown.Markdown(
    extensions=[
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "md_in_html",
        "tables",
        "pymdownx.details",
        "pymdownx.superfences",
    ],
    extension_configs={
        "pymdownx.superfences": {
            "custom_fences": [
                {
                    "name": "mermaid",
                    "class": "mermaid",
                    "format": fence_div_format,
                }
            ]
        }
    },
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(page: str) -> str:
    """What a reader sees of an HTML fragment (entities decoded, tags dropped)."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def render(text: str) -> str:
    RENDER.reset()
    return RENDER.convert(text)


def live_scripts(text: str) -> int:
    return len(SCRIPT.findall(render(text)))


# derandomized: the same 100 examples every run, so CI never fails on a new draw; a longer random run by
# hand (max_examples=1500) finds new cases, which are kept below as examples
FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
GLOSSARY = compile_glossary(
    {
        "script": "スクリプト",
        "lt": "より小さい",
        "R&D": "研究開発",
        "<T>": "型",
        "コンテナ": "容器",
        "amp": "増幅",
    }
)


@FUZZ
@given(MARKDOWN)
def test_block_reader_fences(text: str):
    lines = text.split("\n")
    for fence in fences(read(text)):
        assert 0 <= fence.start < fence.end <= len(lines)
    translated = translate(text).text.split("\n")
    for found in note_fences("\n".join(translated)):
        assert 0 <= found.start < found.end < len(translated)


@FUZZ
@given(MARKDOWN)
# found by this test: converting the first of glued fences cut the paragraph the second continues
@example("\n".join([DIAGRAM, DIAGRAM, "- ", "    indented", DIAGRAM]))
# found by it on the translated text: a glued "`" line after a diagram, code span across lines
@example("`\n" + DIAGRAM + "\n`\n`<script>x</script>`")
def test_layer_diagram_pass(text: str):
    problems: list[tuple[int, str]] = []
    translated = translate(text).text
    try:
        out = convert_layer_diagrams(
            translated, on_error=lambda line, message: problems.append((line, message))
        )
    except DiagramError:
        return  # our own located error
    assert all(1 <= line <= translated.count("\n") + 1 for line, _ in problems), problems
    assert live_scripts(out) <= live_scripts(translated), out


@FUZZ
@given(MARKDOWN)
@example("`\n" + DIAGRAM + "\n`\n`<script>x</script>`")  # live in the preview too: the writer's HTML
@example("<div markdown>\n~~~\n\n```\n----------\n|<script>|\n----------\n|Host OS |\n----------\n```")
def test_note_pass(text: str):
    """The whole note pass: problems point into the note, and no script becomes live."""
    try:
        out, problems = prepare_note(text, first=3)
    except DiagramError:
        return  # our own located error
    assert all(3 <= p.line <= text.count("\n") + 3 for p in problems), problems
    # the note says what its CommonMark preview shows: raw HTML live there is the writer's
    assert live_scripts(out) <= len(SCRIPT.findall(preview_html(text))), out


def test_a_drawing_after_an_indented_fence_line_in_a_paragraph_stays_text() -> None:
    text = "題\n    ```\n" + DIAGRAM
    out, _ = prepare_note(text)
    assert live_scripts(out) == len(SCRIPT.findall(preview_html(text))) == 0


def test_a_drawing_after_indented_code_holding_a_fence_line_stays_text() -> None:
    text = "    ```\n" + DIAGRAM
    out, _ = prepare_note(text)
    assert "{.mermaid" in out
    assert live_scripts(out) == len(SCRIPT.findall(preview_html(text))) == 0


def test_a_line_of_backticks_in_a_paragraph_keeps_code_spans_as_the_preview() -> None:
    text = "a\n    ```\n`<script>x</script>`\n"
    out, _ = prepare_note(text)
    assert live_scripts(out) == len(SCRIPT.findall(preview_html(text))) == 0, out


@pytest.mark.parametrize("above", ["|<script>|", "図 <script>x</script>"])
def test_raw_html_in_a_diagram_title_is_not_repeated(above: str) -> None:
    text = f"{above}\n\n{DIAGRAM}\n"
    out, _ = prepare_note(text)
    assert "{.mermaid" in out  # (the diagram is drawn)
    assert live_scripts(out) == live_scripts(text) == 1, out


@FUZZ
@given(MARKDOWN)
def test_glossary_annotate(text: str):
    page = render(text)
    out = annotate(page, GLOSSARY)
    assert len(SCRIPT.findall(out)) == len(SCRIPT.findall(page))
    # the pass only wraps text in <abbr>: without those tags the page is the same, byte for byte
    assert re.sub(r'<abbr title="[^"]*">|</abbr>', "", out) == re.sub(
        r'<abbr title="[^"]*">|</abbr>', "", page
    )
    # and the reader sees the same text: no term was cut out of a character reference such as &lt;
    assert text_of(out) == text_of(page)


@FUZZ
@given(MARKDOWN)
def test_descriptions_are_text(text: str):
    page = render(text)
    description = page_description(page)
    if description is not None:
        shown = as_html(description)
        assert not SCRIPT.search(shown) and "<" not in shown
        assert html_text(shown) == description


@FUZZ
@given(MARKDOWN)
def test_timeline_insert(text: str):
    block = "\n<div class='timeline'>年表</div>\n"
    out, count = insert_timeline(text, block)
    assert count <= text.count("<!-- timeline -->")
    assert live_scripts(out) <= live_scripts(text)
    assert out.count("年表</div>") == count + text.count("年表</div>")


@pytest.mark.xfail(
    strict=True,
    reason="Python-Markdown's HTML extractor: a paragraph '<&#' before indented code holding '<script>' (a "
    "drawing's テキスト版) puts it in script mode up to a later '</script>' in a code span; the site's "
    "sanitizer removes that script with a located warning, but the code span is lost",
)
def test_a_stray_char_reference_before_a_text_version_keeps_scripts_dead() -> None:
    note = f"{DIAGRAM}\n<&#\n{DIAGRAM}\n`<script>x</script>`"  # found by test_layer_diagram_pass
    out, _ = prepare_note(note)
    assert live_scripts(out) == 0
