"""The writer's proofreader (make lint-notes): textlint over fixture notes gives exactly the planted
findings, none on a note whose only "problems" are in code, diagrams, URLs, front matter, heading ids and
※ references, and a short list on the raw seed that has `一瞬ｓ`; the pure parts by tables and properties;
the command line never fails a build, whatever textlint does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studysite.proofread.text import Finding, japanese_message, mask_for_textlint, position, summary

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PLANTED = FIXTURES / "lint-notes" / "planted.md"
CLEAN = FIXTURES / "lint-notes" / "clean.md"
SEED = FIXTURES / "docker-1.md"  # the raw seed, byte-exact (tests/test_content_fidelity.py checks it)

LINE = re.compile(r"(?P<path>\S+):(?P<line>\d+):(?P<col>\d+)  (?P<message>\S.*)  \((?P<rule>[\w@/-]+)\)")


@pytest.fixture(scope="module")
def found() -> dict[str, list[tuple[int, int, str, str]]]:
    """One `make lint-notes`-style run over the three notes (its own process): path → (line, column,
    rule, message) of each finding, read back from its `file:line:col  message  (rule)` lines."""
    paths = [str(p.relative_to(ROOT)) for p in (PLANTED, CLEAN, SEED)]
    done = _run(ROOT, "check", "--no-cache", *paths)
    assert done.returncode == 0, done.stderr  # advice: findings never make it fail
    *lines, last = done.stdout.splitlines()
    assert last == f"{len(lines)} 件の指摘"
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for line in lines:
        m = LINE.fullmatch(line)
        assert m, line
        out.setdefault(m["path"], []).append((int(m["line"]), int(m["col"]), m["rule"], m["message"]))
    return out


def test_planted_problems_are_found_exactly(found: dict[str, list[tuple[int, int, str, str]]]) -> None:
    assert [(line, col, rule) for line, col, rule, _ in found["tests/fixtures/lint-notes/planted.md"]] == [
        (5, 14, "no-mix-dearu-desumasu"),  # です among である
        (7, 11, "@textlint-rule/pattern"),  # 一瞬s: a half-width letter glued to Japanese
        (8, 9, "prh"),  # DockerHub
        (9, 3, "sentence-length"),  # a 106-character sentence
    ]
    messages = [message for *_, message in found["tests/fixtures/lint-notes/planted.md"]]
    assert messages[2] == "「DockerHub」は「Docker Hub」と書きます"
    assert messages[3] == "1文が106文字あります (上限100文字)。文を分けられませんか"


def test_code_diagrams_urls_front_matter_and_references_are_not_prose(
    found: dict[str, list[tuple[int, int, str, str]]],
) -> None:
    assert "tests/fixtures/lint-notes/clean.md" not in found


def test_the_raw_seed_gives_a_short_list_with_the_stray_letter(
    found: dict[str, list[tuple[int, int, str, str]]],
) -> None:
    seed = found["tests/fixtures/docker-1.md"]
    assert (11, 18, "@textlint-rule/pattern") in [(line, col, rule) for line, col, rule, _ in seed]
    assert SEED.read_text(encoding="utf-8").split("\n")[11 - 1][18 - 1] == "ｓ"
    assert [(line, rule, message) for line, _, rule, message in seed] == [
        (11, "@textlint-rule/pattern", "日本語の直後に英字が1文字だけあります。入力ミスではありませんか"),
        (17, "no-doubled-joshi", '一文に二回以上利用されている助詞 "に" がみつかりました。'),
        (30, "prh", "「ハイパーバイザ」は「ハイパーバイザー」と書きます"),
        (35, "prh", "「ハイパーバイザ」は「ハイパーバイザー」と書きます"),
        (73, "prh", "「ハイパーバイザ」は「ハイパーバイザー」と書きます"),
        (73, "prh", "「VMWare」は「VMware」と書きます"),
        (94, "prh", "「CGroups」は「cgroups」と書きます"),
        (
            94,
            "@textlint-rule/pattern",
            "語の直後の角括弧 [ ] は本文にそのまま表示されます。補足なら丸括弧 ( ) にしませんか",
        ),
        (99, "prh", "「CGroups」は「cgroups」と書きます"),
        (99, "@textlint-rule/pattern", "日本語の文中の半角カンマ「,」です。読点「、」にしませんか"),
        (99, "@textlint-rule/pattern", "日本語の文中の半角カンマ「,」です。読点「、」にしませんか"),
        (119, "prh", "「クラスタ」は「クラスター」と書きます"),
        (119, "prh", "「マネージャ」は「マネージャー」と書きます"),
        (123, "prh", "「CL」は「CLI」と書きます"),
    ]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("※1 説明  \n※2 続き", "-  説明  \n-  続き"),  # each footnote its own item: sentences end there
        ("※１： 説明", "-   説明"),
        ("   ※12\u3000説明", "   -   説明"),
        ("※１：説明", "※１：説明"),  # no space after the marker: not a footnote line for the build either
        ("本文(※1)です", "本文(※1)です"),  # a marker in the text is not a footnote line
        ("※1 出典 [題](https://a.example/x)", "-  出典 <https://" + "x" * 14 + ">"),  # the reference
        ("※1 見て https://a.example/ と", "-  見て <https://xxxxxxxx> と"),
        ("※1 [a](b)", "-  `----`"),
        ("```\n※1 コード\n```", "```\n※1 コード\n```"),
        ("用語\n:   定義", "用語\n-   定義"),
        ("    ※1 インデントされたコード", "    ※1 インデントされたコード"),
        ("※ 番号のない注", "※ 番号のない注"),
    ],
)
def test_mask_for_textlint(text: str, masked: str) -> None:
    assert mask_for_textlint(text) == masked


def _utf16_lengths(text: str) -> list[int]:
    return [len(line.encode("utf-16-le")) for line in text.split("\n")]


@given(
    st.lists(
        st.one_of(
            st.text(alphabet="※1２:： \t\u3000[]()!<>#`-abcあ漢\U0001f600h", max_size=30),
            st.sampled_from(["※1 [題](https://x.example/a)", "```", ":   定義", "https://www.example.com"]),
        ),
        max_size=8,
    )
)
def test_masking_keeps_every_offset(lines: list[str]) -> None:
    text = "\n".join(lines)
    masked = mask_for_textlint(text)
    assert _utf16_lengths(masked) == _utf16_lengths(text)


@pytest.mark.parametrize(
    ("text", "offset", "where"),
    [
        ("abc", 0, (1, 1)),
        ("abc\nde", 4, (2, 1)),
        ("一瞬ｓ", 2, (1, 3)),
        ("\U0001f600x", 2, (1, 2)),  # an emoji is two UTF-16 units, one character
        ("ab\n", 3, (2, 1)),
    ],
)
def test_position(text: str, offset: int, where: tuple[int, int]) -> None:
    assert position(text, offset) == where


@pytest.mark.parametrize(
    ("rule", "message", "japanese"),
    [
        ("prh", "CGroups => cgroups", "「CGroups」は「cgroups」と書きます"),
        (
            "sentence-length",
            "Line 3 sentence length(120) exceeds the maximum sentence length of 100.\nOver 20 characters.",
            "1文が120文字あります (上限100文字)。文を分けられませんか",
        ),
        (
            "no-unmatched-pair",
            "Cannot find a pairing character for （.\n\nYou should",
            "「（」に対応する閉じ括弧がありません",
        ),
        (
            "ja-no-weak-phrase",
            '弱い表現: "かも" が使われています。\n理由: …',
            '弱い表現: "かも" が使われています。',
        ),
    ],
)
def test_messages_are_one_japanese_line(rule: str, message: str, japanese: str) -> None:
    assert japanese_message(rule, message) == japanese


def test_finding_line_format() -> None:
    finding = Finding("docs/a.md", 3, 7, "「DockerHub」は「Docker Hub」と書きます", "prh")
    assert str(finding) == "docs/a.md:3:7  「DockerHub」は「Docker Hub」と書きます  (prh)"
    assert summary(0) == "文章チェック (textlint): 指摘はありません"
    assert "3 件" in summary(3) and "make lint-notes" in summary(3)


# --- the command line, each in a process of its own, in a project made in tmp_path ------------------


def _project(tmp_path: Path, textlint: str | None) -> Path:
    """docs/ with the planted note, the repository's settings, and the given textlint: "real" (the
    project's node_modules), a shell script, or None (not installed)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "note.md").write_bytes(PLANTED.read_bytes())
    for name in (".textlintrc.yml", "prh.yml"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    if textlint == "real":
        (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    elif textlint is not None:
        script = tmp_path / "node_modules" / ".bin" / "textlint"
        script.parent.mkdir(parents=True)
        script.write_text("#!/bin/sh\n" + textlint + "\n", encoding="utf-8")
        script.chmod(0o755)
    return tmp_path


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(
        [sys.executable, "-m", "studysite.proofread", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_site_summary_counts_the_background_check_and_unchanged_notes_are_not_checked_again(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, "real")
    assert _run(root, "start").returncode == 0
    done = _run(root, "summary", "--wait", "60")
    assert (done.returncode, done.stdout) == (
        0,
        "文章チェック (textlint): 4 件の指摘があります (一覧は make lint-notes)\n",
    )
    # textlint breaks: the unchanged note is counted from the cache, without starting it
    (root / "node_modules").unlink()
    broken = root / "node_modules" / ".bin" / "textlint"
    broken.parent.mkdir(parents=True)
    broken.write_text("#!/bin/sh\necho 'Error: broken' >&2; exit 2\n", encoding="utf-8")
    broken.chmod(0o755)
    cached = _run(root, "check", "docs")
    assert (cached.returncode, cached.stdout.splitlines()[-1]) == (0, "4 件の指摘")
    assert "docs/note.md:7:11  日本語の直後に英字が1文字だけあります" in cached.stdout
    assert _run(root, "start").returncode == 0
    assert not (root / ".cache" / "lint-notes" / "pid").exists()  # counted by start itself
    assert _run(root, "summary", "--wait", "0").stdout.endswith(
        ": 4 件の指摘があります (一覧は make lint-notes)\n"
    )
    # an edited note, or edited settings, is checked again
    with open(root / "docs" / "note.md", "a", encoding="utf-8") as note:
        note.write("\n追記\n")
    assert _run(root, "check", "docs").returncode == 1
    (root / "docs" / "note.md").write_bytes(PLANTED.read_bytes())
    assert _run(root, "check", "docs").returncode == 0
    with open(root / "prh.yml", "a", encoding="utf-8") as settings:
        settings.write("  - expected: 追記\n")
    assert _run(root, "check", "docs").returncode == 1


@pytest.mark.parametrize(
    ("textlint", "said"),
    [
        (None, "node_modules/.bin/textlint がありません"),
        ("echo 'Error: Cannot find module textlint-rule-prh' >&2; exit 2", "Error: Cannot find module"),
        ('echo \'[{"filePath": "/elsewhere.md"}]\'', "textlint の報告を読めませんでした (KeyError"),
    ],
)
def test_a_broken_textlint_is_one_line_and_never_fails_the_build(
    tmp_path: Path, textlint: str | None, said: str
) -> None:
    root = _project(tmp_path, textlint)
    check = _run(root, "check", "docs")
    assert (check.returncode, check.stdout) == (1, "")
    assert check.stderr.count("\n") == 1 and said in check.stderr
    assert _run(root, "start").returncode == 0
    done = _run(root, "summary", "--wait", "60")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.count("\n") == 1 and done.stdout.startswith(
        "文章チェック (textlint): 実行できませんでした: "
    )
    assert said in done.stdout


def test_summary_without_a_start_says_so(tmp_path: Path) -> None:
    done = _run(tmp_path, "summary", "--wait", "0")
    assert done.returncode == 0
    assert done.stdout.endswith("実行できませんでした: 始まっていません (make lint-notes で実行できます)\n")


def test_summary_leaves_a_check_that_outlasts_the_build_and_tells_one_that_died(tmp_path: Path) -> None:
    state = tmp_path / ".cache" / "lint-notes"
    state.mkdir(parents=True)
    slow = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        (state / "pid").write_text(str(slow.pid), encoding="utf-8")
        done = _run(tmp_path, "summary", "--wait", "0.2")
        assert done.returncode == 0
        assert done.stdout.endswith(
            "まだ終わっていません。次の make site で数えます (今すぐは make lint-notes)\n"
        )
        assert slow.poll() is None  # left to finish, so that its findings are kept for the next build
    finally:
        slow.kill()
        slow.wait()
    done = _run(tmp_path, "summary", "--wait", "5")  # the pid is now of no process, and no result came
    assert done.returncode == 0 and "途中で止まりました" in done.stdout and done.stdout.count("\n") == 1
