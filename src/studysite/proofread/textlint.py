"""Running textlint (from the project's node_modules, settings in .textlintrc.yml) over notes.

Each note is written, as ``text.mask_for_textlint`` shows it, into a temporary folder under the same
relative path, and textlint reads those copies in one process; the findings name the notes themselves.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from studysite.proofread.text import Finding, findings, mask_for_textlint

CONFIG = ".textlintrc.yml"
TEXTLINT = Path("node_modules", ".bin", "textlint")


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


def lint(notes: Sequence[Path], root: Path, timeout: float = 300) -> list[Finding]:
    """textlint's findings on ``notes``, with the settings and textlint of the project at ``root``."""
    if not notes:
        return []
    textlint = root / TEXTLINT
    if not textlint.exists():
        raise TextlintError(f"{TEXTLINT} がありません (make setup で入ります)")
    with tempfile.TemporaryDirectory(prefix="lint-notes-") as tmp:
        sources: dict[str, tuple[str, str]] = {}
        copies: list[str] = []
        for i, note in enumerate(notes):
            shown = _shown(note, root)
            text = note.read_text(encoding="utf-8").replace("\r\n", "\n")
            copy = Path(tmp, str(i), Path(shown).name)
            copy.parent.mkdir(parents=True)
            copy.write_text(mask_for_textlint(text), encoding="utf-8")
            sources[str(copy)] = (shown, text)
            copies.append(str(copy))
        command = [str(textlint), "--config", str(root / CONFIG), "--format", "json", "--no-color", *copies]
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
