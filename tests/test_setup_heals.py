"""Setup heals itself: a stamp is written only after its step checks out complete, a stamp whose step no
longer does is removed before make looks at it, and `make site` replaces site/ only with a complete build.

Everything runs on small fake trees in tmp_path (a fake `npm`, `mkdocs` and PDF tool), without the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import ROOT

STEP = ROOT / "tools" / "setup-step.sh"
LOCK = {
    "name": "x",
    "lockfileVersion": 3,
    "packages": {
        "": {"name": "x"},
        "node_modules/mermaid": {"version": "11.17.2"},
        "node_modules/dayjs": {"version": "1.11.13"},
        "node_modules/@scope/pkg": {"version": "2.0.0"},
        "node_modules/fsevents": {"version": "2.3.3", "optional": True},  # macOS only
    },
}


def _step(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(STEP), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def _node_tree(root: Path) -> None:
    (root / "package-lock.json").write_text(json.dumps(LOCK), encoding="utf-8")
    modules = root / "node_modules"
    for where, entry in LOCK["packages"].items():
        if where and not entry.get("optional"):
            package = root / where
            package.mkdir(parents=True)
            (package / "package.json").write_text(json.dumps({"version": entry["version"]}), encoding="utf-8")
    (modules / ".package-lock.json").write_text("{}", encoding="utf-8")
    (modules / "mermaid" / "dist").mkdir()
    for name in ("mermaid.esm.min.mjs", "mermaid.min.js"):
        (modules / "mermaid" / "dist" / name).write_text("//", encoding="utf-8")


def _unfinished(root: Path) -> None:
    (root / "node_modules" / ".package-lock.json").unlink()


def _old_version(root: Path) -> None:
    (root / "node_modules" / "dayjs" / "package.json").write_text('{"version": "1.0.0"}', encoding="utf-8")


def _missing_package(root: Path) -> None:
    shutil.rmtree(root / "node_modules" / "@scope")


def _missing_dist(root: Path) -> None:
    (root / "node_modules" / "mermaid" / "dist" / "mermaid.min.js").unlink()


NODE_CASES = [
    (lambda root: None, 0, ""),
    (_unfinished, 1, "setup: npm ci did not finish (node_modules)"),
    (
        _old_version,
        1,
        "setup: 1 problem(s) in node_modules, e.g. node_modules/dayjs is 1.0.0, the lock says 1.11.13",
    ),
    (
        _missing_package,
        1,
        "setup: 1 problem(s) in node_modules, e.g. node_modules/@scope/pkg is missing, the lock",
    ),
    (_missing_dist, 1, "setup: 1 problem(s) in node_modules, e.g. mermaid/dist/mermaid.min.js is missing"),
]


@pytest.mark.parametrize(("damage", "code", "message"), NODE_CASES)
def test_node_modules_check(tmp_path: Path, damage, code: int, message: str):
    _node_tree(tmp_path)
    damage(tmp_path)
    result = _step(tmp_path, "check", "node")
    assert result.returncode == code, result.stderr
    assert result.stderr.strip().startswith(message), result.stderr


def _fake_bin(root: Path, **scripts: str) -> dict[str, str]:
    """A PATH with these commands in front (each a shell script body)."""
    folder = root / "fake-bin"
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return {"PATH": f"{folder}:{os.environ['PATH']}"}


def test_a_failed_npm_ci_writes_no_stamp(tmp_path: Path):
    _node_tree(tmp_path)
    env = _fake_bin(tmp_path, npm="exit 1")
    result = _step(tmp_path, "run", "node", ".setup/node", env=env)
    assert result.returncode != 0 and not (tmp_path / ".setup" / "node").exists()


def test_npm_ci_that_says_success_over_a_half_filled_tree_writes_no_stamp(tmp_path: Path):
    """What a second run's `npm ci` left behind: exit status 0, yet packages are missing."""
    _node_tree(tmp_path)
    env = _fake_bin(tmp_path, npm=f"rm -rf {tmp_path / 'node_modules' / '@scope'}; exit 0")
    result = _step(tmp_path, "run", "node", ".setup/node", env=env)
    assert result.returncode != 0 and not (tmp_path / ".setup" / "node").exists()
    assert "node_modules/@scope/pkg is missing" in result.stderr


def test_a_complete_npm_ci_writes_the_stamp(tmp_path: Path):
    _node_tree(tmp_path)
    (tmp_path / ".setup").mkdir()
    (tmp_path / ".setup" / "node").write_text("", encoding="utf-8")
    env = _fake_bin(tmp_path, npm="exit 0")
    result = _step(tmp_path, "run", "node", ".setup/node", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".setup" / "node").exists()


def test_a_venv_without_pip_is_not_complete(tmp_path: Path):
    """What an interrupted `python -m venv` leaves: an interpreter, no pip."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    result = _step(tmp_path, "check", "python", env={"VENV": str(tmp_path / "venv")})
    assert result.returncode == 1
    assert result.stderr.strip() == f"setup: {tmp_path / 'venv'} has no working pip"


def test_prune_removes_the_stamps_of_incomplete_steps(tmp_path: Path):
    _node_tree(tmp_path)
    stamps = tmp_path / ".setup"
    stamps.mkdir()
    for name in ("python", "node", "system"):
        (stamps / name).write_text("", encoding="utf-8")
    env = {"VENV": str(tmp_path / "venv")}  # no venv at all
    assert _step(tmp_path, "prune", ".setup", env=env).returncode == 0
    assert sorted(p.name for p in stamps.iterdir()) == ["node", "system"]
    _old_version(tmp_path)
    assert _step(tmp_path, "prune", ".setup", env=env).returncode == 0
    assert sorted(p.name for p in stamps.iterdir()) == ["system"]


def test_prune_keeps_the_stamps_of_complete_steps(tmp_path: Path):
    _node_tree(tmp_path)
    stamps = tmp_path / ".setup"
    stamps.mkdir()
    for name in ("python", "node"):
        (stamps / name).write_text("", encoding="utf-8")
    assert _step(tmp_path, "prune", ".setup", env={"VENV": str(ROOT / ".venv")}).returncode == 0
    assert sorted(p.name for p in stamps.iterdir()) == ["node", "python"]


# -- make site ---------------------------------------------------------------------------------------------


def _make_site(tmp_path: Path, build: str, pdf: str) -> subprocess.CompletedProcess[str]:
    """`make site` in a scratch directory, with setup up to date and fake mkdocs / PDF tool."""
    for name in ("requirements.lock", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "tools").mkdir(exist_ok=True)
    for tool in (ROOT / "tools").glob("*.sh"):  # the stamps' prerequisites, older than the stamps
        shutil.copy2(tool, tmp_path / "tools" / tool.name)
    if not (tmp_path / "node_modules").exists():
        (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    stamps = tmp_path / ".setup"
    stamps.mkdir(exist_ok=True)
    for name in ("python", "node", "system"):
        (stamps / name).write_text("", encoding="utf-8")
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    # mkdocs build ... --site-dir DIR: write a page into DIR, then do what the case says
    (fake / "mkdocs").write_text(
        '#!/bin/sh\nfor last; do :; done\nmkdir -p "$last"\necho new > "$last/index.html"\n' + build + "\n",
        encoding="utf-8",
    )
    (fake / "python").write_text("#!/bin/sh\n" + pdf + "\n", encoding="utf-8")
    for script in fake.iterdir():
        script.chmod(0o755)
    return subprocess.run(
        ["make", "-f", str(ROOT / "Makefile"), "site", f"BIN={fake}", f"VENV={ROOT / '.venv'}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("build", "pdf"), [("exit 1", "exit 0"), ("exit 0", "exit 1")], ids=["build", "pdf"])
def test_a_failed_build_leaves_the_old_site(tmp_path: Path, build: str, pdf: str):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old", encoding="utf-8")
    result = _make_site(tmp_path, build, pdf)
    assert result.returncode != 0
    assert "--site-dir .site-build" in result.stdout, result.stderr  # setup was up to date, the build ran
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"


def test_a_complete_build_replaces_the_site(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = _make_site(tmp_path, "exit 0", "exit 0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert not (tmp_path / ".site-build").exists() and not (tmp_path / ".site-build.old").exists()
    again = _make_site(tmp_path, "exit 0", "exit 0")  # a second run with a site/ there already
    assert again.returncode == 0, again.stderr
