"""``python -m studysite.proofread``: the proofreader's command line (run from the project's root).

check [PATH ...]   every finding on the notes (default docs/), one line each, then the count;
                   exit 0 whatever it finds (advice), 1 when textlint cannot run; a note checked
                   before with the same text and settings is not checked again (unless --no-cache)
start              begin checking docs/ in the background, beside a build (make site)
summary            one line: the count the background check found (waits for it at most WAIT s;
                   a check still running then is left to finish, for the next build)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

STATE = Path(".cache", "lint-notes")
CACHE = STATE / "notes"  # each note's findings, by a hash of its text and the settings
NOTES = Path("docs")


def _check(paths: list[Path], cache: Path | None) -> int:
    from studysite.proofread.textlint import TextlintError, lint, note_files

    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(f"lint-notes: {', '.join(missing)} がありません", file=sys.stderr)
        return 1
    try:
        found = lint(note_files(paths), Path.cwd(), cache) or []
    except TextlintError as error:
        print(f"lint-notes: {error}", file=sys.stderr)
        return 1
    for finding in found:
        print(finding)
    print(f"{len(found)} 件の指摘" if found else "指摘はありません")
    return 0


def _run(state: Path) -> int:
    """The background check: its result (count or error) written atomically to state/result.json."""
    from studysite.proofread.textlint import lint, note_files

    os.nice(10)  # the build beside it comes first
    try:
        result: dict[str, object] = {"count": len(lint(note_files([NOTES]), Path.cwd(), CACHE, 120) or [])}
    except Exception as error:  # any failure is reported by `summary` in one line, never raised
        result = {"error": str(error).splitlines()[0] if str(error) else type(error).__name__}
    _write_result(state, result)
    return 0


def _write_result(state: Path, result: dict[str, object]) -> None:
    partial = state / f"result.json.{os.getpid()}"
    partial.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    partial.replace(state / "result.json")


def _start(state: Path) -> int:
    from studysite.proofread.textlint import TextlintError, lint, note_files

    state.mkdir(parents=True, exist_ok=True)
    for name in ("result.json", "pid"):
        (state / name).unlink(missing_ok=True)
    try:  # every note as checked before: counted now, from the cache (no textlint, whatever the load)
        known = lint(note_files([NOTES]), Path.cwd(), CACHE, cached_only=True)
    except TextlintError:
        known = None  # the background check says what is wrong
    if known is not None:
        _write_result(state, {"count": len(known)})
        return 0
    with open(state / "log", "w", encoding="utf-8") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "studysite.proofread", "run"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    (state / "pid").write_text(str(child.pid), encoding="utf-8")
    return 0


def _summary(state: Path, wait: float) -> int:
    from studysite.proofread.text import summary

    result_file, pid_file = state / "result.json", state / "pid"
    if not result_file.exists() and not pid_file.exists():
        print(summary(None, "始まっていません (make lint-notes で実行できます)"))
        return 0
    pid = int(pid_file.read_text(encoding="utf-8")) if pid_file.exists() else 0
    deadline = time.monotonic() + wait
    while not result_file.exists() and time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    if result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
        print(summary(result.get("count"), result.get("error")))
        return 0
    if not _alive(pid):
        print(summary(None, f"途中で止まりました ({state / 'log'} を見てください)"))
        return 0
    # Still running after the build: left to finish at low priority (textlint stops within 120 s), so
    # that its findings are kept and the next build counts them at once.
    print(summary(None, running=True))
    return 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return pid > 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studysite.proofread", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="every finding, one line each")
    check.add_argument("paths", nargs="*", type=Path, default=[NOTES])
    check.add_argument("--no-cache", action="store_true", help="check every note again")
    sub.add_parser("start", help="begin checking docs/ in the background")
    sub.add_parser("run", help="the background check that start begins")
    summary = sub.add_parser("summary", help="one line: how many findings")
    summary.add_argument("--wait", type=float, default=1.0, metavar="WAIT")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.paths, None if args.no_cache else CACHE)
    if args.command == "start":
        try:
            return _start(STATE)
        except Exception as error:  # advice only: the build goes on, and summary says it never started
            print(f"文章チェック (textlint): 始められませんでした: {error}", file=sys.stderr)
            return 0
    if args.command == "run":
        return _run(STATE)
    try:
        return _summary(STATE, args.wait)
    except Exception as error:  # advice only: never fail the build
        print(f"文章チェック (textlint): 結果を読めませんでした: {error}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
