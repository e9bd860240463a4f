"""The house rules a tool can check: the README's pipeline table says what the hooks do, one name per
module, one pattern for hook state, and no reaching into another module's private names."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
PACKAGE = ROOT / "src" / "studysite"
SUPPORT = ROOT / "tests" / "support"

#: The order in which MkDocs 1.6 fires the events a hook can handle.
EVENTS = [
    "on_startup",
    "on_config",
    "on_pre_build",
    "on_files",
    "on_nav",
    "on_env",
    "on_pre_page",
    "on_page_read_source",
    "on_page_markdown",
    "on_page_content",
    "on_page_context",
    "on_post_page",
    "on_pre_template",
    "on_template_context",
    "on_post_template",
    "on_post_build",
    "on_build_error",
    "on_serve",
    "on_shutdown",
]


def registered_hooks() -> list[str]:
    """The hook files of mkdocs.yml, in its order."""
    return re.findall(r"^  - hooks/([a-z_]+\.py)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def priority(function: ast.FunctionDef) -> int:
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "event_priority":
            return int(ast.literal_eval(decorator.args[0]))
    return 0


def hook_events() -> list[tuple[str, str, int]]:
    """(event, hook file, priority) in the order MkDocs runs them: by event, priority, then mkdocs.yml."""
    found = []
    for index, name in enumerate(registered_hooks()):
        for node in tree(HOOKS / name).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
                found.append((EVENTS.index(node.name), -priority(node), index, node.name, name))
    return [(event, name, -minus) for _, minus, _, event, name in sorted(found)]


def readme_table() -> list[tuple[str, str, int, str]]:
    """(event, hook, priority, package name) of each row of the README's pipeline table."""
    rows = []
    row = re.compile(
        r"^\| `(on_[a-z_]+)` \| `([a-z_]+\.py)`(?: \[(-?\d+)\])? \| [^|]+ \| (?:`([\w.]+)`|—) \|$"
    )
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if match := row.match(line):
            event, hook, prio, package = match.groups()
            rows.append((event, hook, int(prio or 0), package or ""))
    return rows


def test_every_hook_file_is_registered_once():
    files = sorted(path.name for path in HOOKS.glob("*.py"))
    assert sorted(registered_hooks()) == files


def test_the_readme_table_lists_every_hook_event_in_the_order_mkdocs_runs_them():
    rows = readme_table()
    assert len(rows) >= 40, "the README's pipeline table was not found"
    assert [(event, hook, prio) for event, hook, prio, _ in rows] == hook_events()


def test_each_package_name_in_the_table_is_one_its_hook_imports():
    wrong = []
    for _, hook, _, package in readme_table():
        if not package:
            continue
        module, _, name = f"studysite.{package}".rpartition(".")
        imported = {
            (node.module, alias.name)
            for node in ast.walk(tree(HOOKS / hook))
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        if (module, name) not in imported:
            wrong.append(f"{hook}: {package}")
    assert not wrong, f"names the hooks do not import: {wrong}"


def test_no_module_name_is_used_twice():
    names = Counter(
        path.name
        for folder in (PACKAGE, HOOKS, SUPPORT)
        for path in folder.rglob("*.py")
        if path.name != "__init__.py" and "__pycache__" not in path.parts
    )
    assert [name for name, count in names.items() if count > 1] == []


def _module_level_names(module: ast.Module) -> list[tuple[str, ast.expr | None]]:
    found: list[tuple[str, ast.expr | None]] = []
    for node in module.body:
        if isinstance(node, ast.Assign):
            found += [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.append((node.target.id, node.value))
    return found


@pytest.mark.parametrize("hook", registered_hooks())
def test_a_hook_keeps_state_only_in_one_typed_object(hook: str):
    module = tree(HOOKS / hook)
    classes = {node.name for node in module.body if isinstance(node, ast.ClassDef)}
    assert not [node for node in ast.walk(module) if isinstance(node, ast.Global)], "no global statements"
    loose = []
    for name, value in _module_level_names(module):
        constant = name.lstrip("_").isupper() or name == "log"
        state = (
            name == "_state"
            and isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in classes
        )
        if not (constant or state):
            loose.append(name)
    assert not loose, f"module-level state outside _state = _State(): {loose}"


def _imports(path: Path) -> list[tuple[str, str]]:
    return [
        (node.module or "", alias.name)
        for node in ast.walk(tree(path))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]


@pytest.mark.parametrize("folder", [HOOKS, PACKAGE, SUPPORT], ids=["hooks", "package", "test support"])
def test_no_module_imports_another_modules_private_names(folder: Path):
    wrong = [
        f"{path.relative_to(ROOT)}: {module}.{name}"
        for path in sorted(folder.rglob("*.py"))
        for module, name in _imports(path)
        if module.startswith(("studysite", "tests", "hooks")) and name.startswith("_")
    ]
    assert not wrong


def test_hooks_import_the_package_not_each_other():
    wrong = [
        f"{path.name}: {module}"
        for path in sorted(HOOKS.glob("*.py"))
        for module, _ in _imports(path)
        if module.startswith("hooks") or module.startswith("tests")
    ]
    assert not wrong


@pytest.mark.parametrize(("subject", "ok"), [("x" * 72, True), ("x" * 73, False), ("短い件名", True)])
def test_commit_subjects_are_at_most_72_characters(tmp_path: Path, subject: str, ok: bool):
    message = tmp_path / "COMMIT_EDITMSG"
    message.write_text(
        f"# a comment line\n{subject}\n\nThe body may be as long as it likes. " * 3, encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "commit_subjects.py"), str(message)],
        capture_output=True,
        text=True,
    )
    assert (done.returncode == 0) == ok, done.stderr


def test_no_public_class_name_is_used_twice_in_the_package():
    names = Counter(
        node.name
        for path in PACKAGE.rglob("*.py")
        if "__pycache__" not in path.parts
        for node in tree(path).body
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
    )
    assert [name for name, count in names.items() if count > 1] == []
