"""Content checks.

- The "Docker 1" chapter says everything the seed note says (tests/fixtures/docker-1.md is a byte-exact
  copy of the note); every deviation in wording is listed in the tables below.
- Every page has a <title>, a <meta name="description"> from its front matter, and ASCII heading ids.
- The glossary page and the hover definitions (includes/abbreviations.md) list the same terms with the
  same definitions.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from studysite.testing.browser import nav_pages
from studysite.testing.project import ROOT, build_site, copy_project

DOCS = ROOT / "docs"
SEED = ROOT / "tests" / "fixtures" / "docker-1.md"
CHAPTER = DOCS / "docker-1"
GLOSSARY = DOCS / "glossary.md"
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
ARTICLE_URL = "https://qiita.com/kirikunix/items/33414240b4cacee362da"

# --- how the note's wording maps onto the site ------------------------------------------------------

#: Obvious typos in the note, fixed on the site.
TYPO_FIXES = {
    "一瞬ｓ": "一瞬",
    "CLユーティリティ": "CLIユーティリティ",
}

#: Spellings made consistent on the site, wherever they occur. (The glossary and the hover definitions
#: still know both spellings of ハイパーバイザ.)
SPELLINGS = {
    "ハイパーバイザー": "ハイパーバイザ",  # the note uses both; the site uses the note's majority spelling
    "VMWare": "VMware",  # the product's own spelling
}

#: Statements reworded for clarity: the note's wording (after the typo fixes, the spellings and the
#: markup rules in `_clean`) -> the site's wording.
REWORDED = {
    # "or" inside Japanese prose
    "VMでは実現が難しい or 不可能なユースケースを可能とする利点がある": "VMでは実現が難しい、または不可能なユースケースを可能とする利点がある",
    # the note's square brackets are a parenthesis
    # "MS" spelled out; "etc" in Japanese
    # "Machine" alone is ambiguous; it is the tool named Docker Machine
    "Machine": "Docker Machine",
    # the sentence stops mid-way in the note; completed with できる
    "開発者は自分のコードが様々な環境で動作することを確実に": "開発者は自分のコードが様々な環境で動作することを確実にできる",
    # the citation line becomes a sentence with the date written out and the title quoted (and linked)
    "2018/10/12記事引用 - なぜDockerではホストOSと違うOSベースのコンテナイメージが動くのか": "2018年10月12日の記事「なぜDockerではホストOSと違うOSベースのコンテナイメージが動くのか」からの引用",
}


def _clean(statement: str) -> str:
    """The note's Markdown conventions, as the site renders them."""
    statement = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", statement)  # a link reads as its text
    statement = re.sub(r"\(※\d+\)", "", statement)  # footnote markers are separate elements
    statement = re.sub(r"`([^`]+)`", r"「\1」", statement)  # backticks are quotation marks, not code
    for raw, fixed in {**TYPO_FIXES, **SPELLINGS}.items():
        statement = statement.replace(raw, fixed)
    return statement


def seed_statements() -> list[tuple[str, str, str]]:
    """(raw line, cleaned, expected site wording) for every heading, bullet and prose line of the note.

    The ASCII diagrams inside fences are left out: the diagram tests check them.
    """
    statements = []
    in_fence = False
    for line in SEED.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence or not text:
            continue
        if text.startswith("#"):
            text = text.lstrip("#").strip()
        elif bullet := re.match(r"[*-]\s+(.*)", text):
            text = bullet.group(1)
        else:
            text = re.sub(r"^※\d+\s*", "", text)  # a footnote's text
        cleaned = _clean(text)
        statements.append((line.strip(), cleaned, REWORDED.get(cleaned, cleaned)))
    return statements


def normalize(text: str) -> str:
    """Compare text as a reader sees it: NFKC (full-width ASCII, ：) and no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# --- reading built pages ----------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "div",
    "pre",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "summary",
    "details",
}
BLOCK_BREAK = "\x00"  # survives `normalize`, so a statement cannot match across two blocks


def _skipped(tag: str, attrs: dict[str, str | None]) -> bool:
    """Elements that are not the note's words: permalinks, footnote numbers and back-links."""
    classes = (attrs.get("class") or "").split()
    return (
        ("headerlink" in classes or "footnote-backref" in classes)
        or (tag == "sup" and (attrs.get("id") or "").startswith("fnref"))
        or tag in {"script", "style", "template"}
    )


class ArticleText(HTMLParser):
    """The text of a page's content (Material's `<article>`), and its headings with their ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[tuple[str, str | None]] = []
        self._stack: list[str] = []
        self._article_depth: int | None = None
        self._skip_depth: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in VOID:
            return
        self._stack.append(tag)
        depth = len(self._stack)
        if tag == "article" and self._article_depth is None:
            self._article_depth = depth
        if self._article_depth is None:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((tag, attributes.get("id")))
        if self._skip_depth is None and _skipped(tag, attributes):
            self._skip_depth = depth
        if tag in BLOCKS:
            self.parts.append(BLOCK_BREAK)

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self._stack:
            return
        while self._stack:
            depth = len(self._stack)
            closed = self._stack.pop()
            if self._skip_depth == depth:
                self._skip_depth = None
            if self._article_depth == depth:
                self._article_depth = -1  # done: only the first article counts
            if closed == tag:
                break
        if tag in BLOCKS:
            self.parts.append(BLOCK_BREAK)

    def handle_data(self, data):
        if self._article_depth not in (None, -1) and self._skip_depth is None:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class HeadMeta(HTMLParser):
    """The `<title>` and `<meta name="description">` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.description: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def article(html: str) -> ArticleText:
    parser = ArticleText()
    parser.feed(html)
    parser.close()
    return parser


def doc_pages() -> list[Path]:
    """Every Markdown page of the site (not the snippets in includes/)."""
    return sorted(DOCS.rglob("*.md"))


def built_page(site_dir: Path, source: Path) -> Path:
    """Where MkDocs (use_directory_urls) writes a page."""
    rel = source.relative_to(DOCS).with_suffix("")
    if rel.name in ("index", "README"):
        return site_dir / rel.parent / "index.html"
    return site_dir / rel / "index.html"


def markdown_lines(source: Path) -> list[str]:
    """A page's Markdown lines outside front matter and fenced code."""
    body, _ = get_data(source.read_text(encoding="utf-8"))
    lines, in_fence = [], False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if not in_fence:
            lines.append(line)
    return lines


# --- the chapter says everything the note says --------------------------------------------------------


def test_fixture_is_the_seed_note():
    seed = Path("/work/shared/seed/docker-1.md")
    if not seed.exists():
        pytest.skip("the shared seed folder is not on this machine")
    assert SEED.read_bytes() == seed.read_bytes()


def test_reworded_table_only_names_statements_of_the_note():
    cleaned = {statement for _, statement, _ in seed_statements()}
    stale = [raw for raw in REWORDED if raw not in cleaned]
    assert not stale, f"REWORDED names lines that are not in the note: {stale}"


@pytest.mark.slow
def test_every_statement_of_the_note_is_in_the_chapter(site_dir: Path):
    pages = sorted(CHAPTER.glob("*.md"))
    chapter_text = BLOCK_BREAK.join(
        normalize(article(built_page(site_dir, p).read_text("utf-8")).text) for p in pages
    )
    statements = seed_statements()
    assert len(statements) == 80, "the note has 80 headings, bullets and prose lines outside its diagrams"
    missing = [
        f"  {raw!r}\n    expected on the site as: {site!r}"
        for raw, _, site in statements
        if normalize(site) not in chapter_text
    ]
    assert not missing, (
        f"{len(missing)} statement(s) of the note are not in the built chapter docs/docker-1/ "
        "(fix the page, or record a deliberate rewording in REWORDED):\n" + "\n".join(missing)
    )


@pytest.mark.slow
def test_note_markers_became_footnotes_and_links(site_dir: Path):
    pages = {p.stem: built_page(site_dir, p).read_text("utf-8") for p in CHAPTER.glob("*.md")}
    chapter_text = "".join(article(html).text for html in pages.values())
    assert "※" not in chapter_text, "the note's ※ markers should be Markdown footnotes"
    vm = pages["vm-vs-container"]
    for footnote in ("hypervisor-type2", "kernel"):
        assert f'id="fn:{footnote}"' in vm and f'href="#fn:{footnote}"' in vm, footnote
    portability = pages["portability"]
    assert f'href="{ARTICLE_URL}"' in portability
    assert "2018年10月12日" in article(portability).text
    for html in pages.values():
        assert "utm_" not in html, "tracking parameters are dropped from links"


@pytest.mark.slow
def test_layer_diagrams_keep_their_captions(site_dir: Path):
    text = article((site_dir / "docker-1" / "vm-vs-container" / "index.html").read_text("utf-8")).text
    assert "単一のホスト上で動作している3つのVM" in text
    assert "単一のホスト上で動作している3つのコンテナ" in text


# --- every page: title, description, headings ---------------------------------------------------------


@pytest.mark.parametrize("source", doc_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_page_source_has_description_title_and_heading_ids(source: Path):
    _, meta = get_data(source.read_text(encoding="utf-8"))
    description = meta.get("description")
    assert isinstance(description, str) and description.strip(), "front matter needs a description:"
    lines = markdown_lines(source)
    assert sum(1 for line in lines if line.startswith("# ")) == 1, "one `# ` title per page"
    bare = [
        line
        for line in lines
        if re.match(r"#{1,6} ", line) and not re.search(r"\{\s*#[a-z0-9-]+\s*\}\s*$", line)
    ]
    assert not bare, f"headings need an explicit ASCII id, e.g. `## 見出し {{#heading-id}}`: {bare}"


@pytest.mark.slow
@pytest.mark.parametrize("source", doc_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_built_page_has_title_description_and_ascii_heading_ids(site_dir: Path, source: Path):
    html = built_page(site_dir, source).read_text(encoding="utf-8")
    head = HeadMeta()
    head.feed(html)
    _, meta = get_data(source.read_text(encoding="utf-8"))
    assert head.title.strip(), "empty <title>"
    assert head.description == meta["description"], "<meta name=description> is not the front matter's"
    headings = article(html).headings
    assert headings and headings[0][0] == "h1"
    bad = [
        (tag, heading_id)
        for tag, heading_id in headings
        if not heading_id or not re.fullmatch(r"[a-z0-9-]+", heading_id)
    ]
    assert not bad, f"headings without a pure ASCII id: {bad}"
    assert "&lt;abbr" not in html, "a hover definition leaked into text as markup"


# --- navigation order -------------------------------------------------------------------------------


def _nav_hrefs(site: Path) -> list[str]:
    """The pages of the primary navigation, in order, as site-relative URLs ("" is the home page)."""
    return [path for path, _ in nav_pages(site)]


CHAPTER_ORDER = [
    "docker-1/",
    "docker-1/what-is-a-container/",
    "docker-1/vm-vs-container/",
    "docker-1/history/",
    "docker-1/docker-platform/",
    "docker-1/portability/",
]


@pytest.mark.slow
def test_nav_is_home_then_chapter_in_topic_order_then_glossary(site_dir: Path):
    hrefs = _nav_hrefs(site_dir)
    assert hrefs[0] == "", hrefs
    assert hrefs[1 : 1 + len(CHAPTER_ORDER)] == CHAPTER_ORDER, hrefs
    chapters = [i for i, h in enumerate(hrefs) if h.startswith("docker-")]
    assert hrefs.index("glossary/") > max(chapters), hrefs


@pytest.mark.slow
def test_new_chapter_comes_after_the_chapters_and_before_the_glossary(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "docker-1" / "aa-new-note.md").write_text(
        "---\ndescription: 追加したノート。\n---\n# 追加したノート {#added}\n", encoding="utf-8"
    )
    (project / "docs" / "docker-2").mkdir()
    (project / "docs" / "docker-2" / "index.md").write_text(
        "---\ndescription: 新しい章。\n---\n# Docker 2 {#docker-2}\n", encoding="utf-8"
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    hrefs = _nav_hrefs(tmp_path / "site")
    order = [h for h in hrefs if h.startswith(("docker-", "glossary"))]
    # the chapter's own order first, the dropped-in note after it (not sorted in by name)
    assert order[: len(CHAPTER_ORDER) + 1] == [*CHAPTER_ORDER, "docker-1/aa-new-note/"], order
    assert order.index("docker-2/") < order.index("glossary/"), order


# --- glossary and hover definitions -----------------------------------------------------------------

#: Terms the glossary must explain (at least one spelling each).
REQUIRED_TERMS = [
    "コンテナ",
    "VM",
    "仮想マシン",
    "ハイパーバイザ",
    "ハイパーバイザー",
    "カーネル",
    "ホストOS",
    "ゲストOS",
    "chroot",
    "jail",
    "Solaris Zones",
    "Virtuozzo",
    "OpenVZ",
    "cgroups",
    "namespaces",
    "カーネルネームスペース",
    "LXC",
    "Docker",
    "Docker Engine",
    "Docker Hub",
    "OCI",
    "Swarm",
    "Kitematic",
    "Docker Machine",
    "イメージ",
    "オーケストレーション",
    "ポータビリティ",
]

#: Common words that must not become hover definitions (abbr underlines every whole-word match).
NEVER_ABBREVIATED = ["OS", "アプリケーション", "Linux", "CPU", "GUI", "CLI"]


def glossary_entries() -> list[tuple[list[str], str, str]]:
    """(spellings, anchor id, first paragraph of the definition) for each term of docs/glossary.md.

    A term is a definition-list term: `コンテナイメージ / イメージ {#image}` followed by `:   definition`.
    """
    lines = markdown_lines(GLOSSARY)
    entries = []
    for i, line in enumerate(lines[:-1]):
        if not lines[i + 1].startswith(":") or not line.strip() or line[0] in " :#-*":
            continue
        term = re.fullmatch(r"(.+?)\s*\{\s*#([^}\s]+)\s*\}", line.strip())
        assert term, f"glossary term without an {{#id}}: {line!r}"
        paragraph = [lines[i + 1][1:].strip()]
        for following in lines[i + 2 :]:
            if not following.strip():
                break
            paragraph.append(following.strip())
        entries.append(([s.strip() for s in term.group(1).split(" / ")], term.group(2), "".join(paragraph)))
    return entries


def abbreviations() -> dict[str, str]:
    found = {}
    for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        match = re.fullmatch(r"\*\[([^\]]+)\]:\s*(.+)", line)
        assert match, f"not an abbreviation line: {line!r}"
        assert match.group(1) not in found, f"defined twice: {match.group(1)}"
        found[match.group(1)] = match.group(2).strip()
    return found


def test_glossary_and_hover_definitions_agree():
    entries = glossary_entries()
    hover = abbreviations()
    glossary = {spelling: definition for spellings, _, definition in entries for spelling in spellings}
    assert len(entries) >= 20, "the glossary was not read"
    only_glossary = sorted(set(glossary) - set(hover))
    only_hover = sorted(set(hover) - set(glossary))
    assert not only_glossary, f"glossary terms without a line in includes/abbreviations.md: {only_glossary}"
    assert not only_hover, f"abbreviations without a glossary entry in docs/glossary.md: {only_hover}"
    differ = [
        f"  {term}:\n    glossary: {glossary[term]}\n    hover:    {hover[term]}"
        for term in glossary
        if glossary[term] != hover[term]
    ]
    assert not differ, "the hover text must be the glossary's first paragraph:\n" + "\n".join(differ)


def test_glossary_covers_the_key_terms_with_ascii_anchors():
    entries = glossary_entries()
    spellings = {s for names, _, _ in entries for s in names}
    assert not [t for t in REQUIRED_TERMS if t not in spellings], "missing glossary terms"
    ids = [anchor for _, anchor, _ in entries]
    assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in ids), ids
    assert len(ids) == len(set(ids)), "duplicate glossary anchors"


def test_common_words_are_not_hover_terms():
    assert not set(NEVER_ABBREVIATED) & set(abbreviations())


@pytest.mark.slow
def test_hover_definitions_reach_every_page_and_stay_out_of_code(site_dir: Path):
    glossary_html = (site_dir / "glossary" / "index.html").read_text("utf-8")
    for term in abbreviations():
        assert f">{term}</abbr>" in glossary_html, f"no hover definition for {term!r} on the glossary page"
    for source in doc_pages():
        html = built_page(site_dir, source).read_text("utf-8")
        assert not re.search(r"<(code|pre)\b[^>]*>(?:(?!</\1>).)*<abbr", html, re.S), source
        assert "*[" not in article(html).text, f"an abbreviation line shows as text on {source}"
