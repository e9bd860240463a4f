"""Running textlint (from the project's node_modules, settings in .textlintrc.yml) over notes.

Each note is written, as ``text.mask_for_textlint`` shows it, into a temporary folder, and textlint reads
those copies in one process; the findings name the notes themselves. A cache folder (``.cache/lint-notes/``
for the command line) keeps each note's findings under a hash of its text and of the settings, so only
new or edited notes start textlint: an unchanged site is counted at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from studysite.proofread import text as text_module
from studysite.proofread.text import Finding, findings, mask_for_textlint

CONFIG = ".textlintrc.yml"
TEXTLINT = Path("node_modules", ".bin", "textlint")
CACHE_DAYS = 30


class TextlintError(Exception):
    """textlint could not be run, or gave no report: one line saying why."""


def note_files(paths: Iterable[Path]) -> list[Path]:
    """The Markdown files named, and those under the folders named (hidden folders skipped), sorted."""
    out: set[Path] = set()
    for path in paths:
        if path.is_dir():
            out.update(
                p
                for p in path.rglob("*.md")
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.suffix == ".md":
            out.add(path)
    return sorted(out)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _settings_digest(root: Path) -> bytes:
    """What a note's findings depend on besides its text: the settings, the dictionary, the locked rules
    and this package's way of showing and saying them."""
    digest = hashlib.sha256()
    for path in (root / CONFIG, root / "prh.yml", root / "package-lock.json", Path(text_module.__file__)):
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.digest()


def _cached(cache: Path | None, key: str) -> list[list[Any]] | None:
    if cache is None:
        return None
    try:
        entry = cache / f"{key}.json"
        found = json.loads(entry.read_text(encoding="utf-8"))
        entry.touch()  # kept while in use (see _store)
        return found if isinstance(found, list) else None
    except (OSError, ValueError):
        return None


def _store(cache: Path, key: str, found: list[Finding]) -> None:
    """One entry per note text and settings; entries not used for CACHE_DAYS go."""
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f"{key}.part"
    partial.write_text(json.dumps([[f.line, f.column, f.message, f.rule] for f in found], ensure_ascii=False))
    partial.replace(cache / f"{key}.json")
    old = time.time() - CACHE_DAYS * 86400
    for entry in cache.glob("*.json"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < old:
                entry.unlink()


def lint(
    notes: Sequence[Path],
    root: Path,
    cache: Path | None = None,
    timeout: float = 300,
    cached_only: bool = False,
) -> list[Finding] | None:
    """textlint's findings on ``notes``, with the settings and textlint of the project at ``root``.
    With ``cache`` (a folder), a note whose text and settings were checked before is not checked again;
    with ``cached_only``, None unless every note was (textlint is not started)."""
    settings = _settings_digest(root)
    out: list[Finding] = []
    todo: list[tuple[str, str, str]] = []  # shown path, text, cache key
    for note in notes:
        shown = _shown(note, root)
        try:
            text = note.read_text(encoding="utf-8").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError) as error:
            raise TextlintError(f"{shown}: 読めません ({error})") from None
        key = hashlib.sha256(settings + text.encode("utf-8")).hexdigest()
        known = _cached(cache, key)
        if known is None:
            todo.append((shown, text, key))
        else:
            out.extend(Finding(shown, line, column, message, rule) for line, column, message, rule in known)
    if todo and cached_only:
        return None
    if todo:
        found = _run_textlint(todo, root, timeout)
        for shown, _, key in todo:
            if cache is not None:
                _store(cache, key, [f for f in found if f.path == shown])
        out.extend(found)
    return sorted(set(out))


def _run_textlint(notes: Sequence[tuple[str, str, str]], root: Path, timeout: float) -> list[Finding]:
    textlint = root / TEXTLINT
    if not textlint.exists():
        raise TextlintError(f"{TEXTLINT} がありません (make setup で入ります)")
    with tempfile.TemporaryDirectory(prefix="lint-notes-") as tmp:
        sources: dict[str, tuple[str, str]] = {}
        for i, (shown, text, _) in enumerate(notes):
            copy = Path(tmp, str(i), Path(shown).name)
            copy.parent.mkdir(parents=True)
            copy.write_text(mask_for_textlint(text), encoding="utf-8")
            sources[str(copy)] = (shown, text)
        command = [str(textlint), "--config", str(root / CONFIG), "--format", "json", "--no-color", *sources]
        try:
            done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise TextlintError(str(error)) from None
        try:
            results = json.loads(done.stdout)
        except json.JSONDecodeError:
            said = (done.stderr or done.stdout).strip().splitlines()
            reason = next((line for line in said if "Error" in line), said[0] if said else "")
            raise TextlintError(f"textlint が終了コード {done.returncode} で止まりました: {reason}") from None
        try:
            return findings(results, sources)
        except (KeyError, TypeError, ValueError, IndexError) as error:
            reason = f"{type(error).__name__}: {error}"
            raise TextlintError(f"textlint の報告を読めませんでした ({reason})") from None
