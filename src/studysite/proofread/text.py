"""Pure parts of the proofreader: the note as textlint is shown it, and findings as one line each.

textlint reads Markdown itself (front matter, code, diagrams in fences and inline code are not prose to
it). What it cannot know is the notes' ※ footnotes: consecutive ``※1 …`` lines form one Markdown
paragraph, so textlint would read two footnotes as one sentence, while the site shows each as a footnote
of its own (and a definition list's ``:   definition`` would be read as one sentence with its term).
``mask_for_textlint`` turns each of those lines into a list item of its own and hides the ※ lines'
references (links and URLs), keeping every character's offset, so textlint's positions are the note's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from studysite.notes.blocks import code_lines

# A ※ footnote line as the build reads it (studysite.notes.footnotes): marker, optional colon, space.
_FOOTNOTE_LINE = re.compile(r"(?P<lead>[ ]{0,3})(?P<marker>※\d+[:：.．]?[ \t\u3000]+)(?=\S)")
# A definition list's definition (`:   text` under its term, Material's def_list): plain Markdown joins
# it to the term as one paragraph.
_DEFINITION_LINE = re.compile(r"(?P<lead>[ ]{0,3}):(?=[ ]{1,3}\S|\t\S)")
# The references in a ※ line: a Markdown link or image (title and address), or a bare URL.
_REFERENCE = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<?\b(?:https?://|www\.)[^\s<>]+>?")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _same_length(replacement: str, original: str) -> str:
    """``replacement`` padded with spaces to the UTF-16 length of ``original`` (textlint counts in UTF-16)."""
    return replacement + " " * (_utf16_len(original) - _utf16_len(replacement))


def _as_address(original: str) -> str:
    """An autolink as long as ``original`` (``<https://xxx>``): textlint treats it as an address, not prose
    (sentence-length does not count it, the allowlist drops findings in it); a shorter one, code."""
    length = _utf16_len(original)
    if length >= 11:
        return "<https://" + "x" * (length - 10) + ">"
    return "`" + "-" * (length - 2) + "`"


def mask_for_textlint(text: str) -> str:
    """``text`` as textlint is to read it: each ※ footnote line outside code becomes a list item of its
    own (a ``-`` in place of its marker), with its links and URLs turned into bare addresses, and so does each
    ``:   definition`` line. Every line keeps its length in UTF-16 code units, so offsets, lines and
    columns are the note's."""
    if "※" not in text and "\n:" not in text:
        return text
    lines = text.split("\n")
    code = code_lines(text)
    for i, line in enumerate(lines):
        if code[i]:
            continue
        d = _DEFINITION_LINE.match(line)
        if d:
            lines[i] = d.group("lead") + "-" + line[d.end() :]
            continue
        m = _FOOTNOTE_LINE.match(line) if "※" in line else None
        if not m:
            continue
        rest = _REFERENCE.sub(lambda r: _as_address(r.group()), line[m.end() :])
        lines[i] = m.group("lead") + _same_length("- ", m.group("marker")) + rest
    return "\n".join(lines)


@dataclass(frozen=True, order=True)
class Finding:
    """One piece of advice: where (1-based line, column in characters) and what, by which rule."""

    path: str
    line: int
    column: int
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}  {self.message}  ({self.rule})"


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of UTF-16 ``offset`` in ``text``."""
    units = 0
    line, column = 1, 1
    for char in text:
        if units >= offset:
            break
        units += 2 if ord(char) > 0xFFFF else 1
        if char == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    return line, column


# Rules whose messages are English (or prh's "a => b"), said in Japanese: rule, pattern, message.
_JAPANESE = [
    (
        "sentence-length",
        r"sentence length\((\d+)\) exceeds the maximum sentence length of (\d+)",
        "1文が{0}文字あります (上限{1}文字)。文を分けられませんか",
    ),
    ("max-comma", r"maximum count of comma\. Maximum is (\d+)", "1文にカンマ「,」が{0}個を超えています"),
    ("no-nfd", r'NFD.*: "(.*)" => "(.*)"', "濁点が別の文字になっています (NFD): 「{0}」→「{1}」"),
    ("no-zero-width-spaces", r"Zero width space", "ゼロ幅スペースがあります"),
    (
        "no-invalid-control-character",
        r"invalid control character\((.*)\)",
        "見えない制御文字があります ({0})",
    ),
    ("no-unmatched-pair", r"pairing character for (.)", "「{0}」に対応する閉じ括弧がありません"),
    ("no-exclamation-question-mark", r'Disallow to use "(.*)"', "感嘆符「{0}」は使いません"),
    ("no-hankaku-kana", r'Disallow to use .*: "(.*)"', "半角カタカナ「{0}」は全角で書きます"),
    ("prh", r"^(.+?) => (.+)$", "「{0}」は「{1}」と書きます"),
    ("arabic-kanji-numbers", r"^(.+?) => (.+)$", "「{0}」は「{1}」と書きます"),
]


def first_line(message: str) -> str:
    """The message's first line: rules add reasons and examples on further lines."""
    return message.strip().split("\n", 1)[0].strip()


def japanese_message(rule: str, message: str) -> str:
    """The first line of ``message``, in Japanese for the rules that speak English."""
    line = first_line(message)
    for name, pattern, template in _JAPANESE:
        if rule == name:
            m = re.search(pattern, line)
            if m:
                return template.format(*m.groups())
    return line


def short_rule(rule_id: str) -> str:
    """``ja-technical-writing/sentence-length`` → ``sentence-length``; a prefixed rule keeps its own name."""
    return rule_id.removeprefix("ja-technical-writing/")


def findings(results: Sequence[dict[str, Any]], sources: dict[str, tuple[str, str]]) -> list[Finding]:
    """Findings from textlint's ``--format json`` output. ``sources`` maps the path textlint read to the
    path to show and the note's text; the position is taken from the offset (textlint's own column can be
    wrong for a node that spans lines), the message from its first line."""
    out: list[Finding] = []
    for result in results:
        shown, text = sources[result["filePath"]]
        for message in result.get("messages", []):
            offset = message.get("range", [message.get("index", 0)])[0]
            line, column = position(text, offset)
            rule = short_rule(message["ruleId"])
            out.append(Finding(shown, line, column, japanese_message(rule, message["message"]), rule))
    return sorted(set(out))


_HEAD = "文章チェック (textlint)"


def summary(count: int | None, error: str | None = None, running: bool = False) -> str:
    """The one line ``make site`` ends with."""
    if running:
        return f"{_HEAD}: まだ終わっていません。次の make site で数えます (今すぐは make lint-notes)"
    if error is not None:
        return f"{_HEAD}: 実行できませんでした: {error}"
    if count == 0:
        return f"{_HEAD}: 指摘はありません"
    return f"{_HEAD}: {count} 件の指摘があります (一覧は make lint-notes)"
