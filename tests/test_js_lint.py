"""The ESLint gate of `make lint` (eslint.config.mjs): it lints every JavaScript file of ours and they pass,
and it fails on what the style forbids, a result left on a global first. Samples are linted as text under a
path where the config applies (nothing is written into the tree); no network, one Node process per test."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ESLINT = ROOT / "node_modules" / ".bin" / "eslint"

#: Where each kind of script lives: a page.evaluate function of the PDF export, and a page's script.
EVALUATED = "src/studysite/pdf/js/sample.js"
PAGE = "docs/assets/javascripts/sample.js"


def strict(body: str) -> str:
    """A page script in the house style around ``body``."""
    return '(() => {\n  "use strict";\n' + body + "})();\n"


#: (what is wrong, where, code, the rule that must name it)
BAD = [
    ("result on a global", EVALUATED, "(date) => {\n  window.__result = date;\n}\n", "no-restricted-syntax"),
    ("any write to window", EVALUATED, "() => {\n  window.answer = 1;\n}\n", "no-restricted-syntax"),
    ("var", EVALUATED, "() => {\n  var x = 1;\n  return x;\n}\n", "no-var"),
    ("loose equality", EVALUATED, "(x) => x == 1\n", "eqeqeq"),
    ("single quotes", EVALUATED, "() => 'a'\n", "@stylistic/quotes"),
    ("missing semicolon inside", EVALUATED, "() => {\n  const x = 1\n  return x;\n}\n", "studysite/semi"),
    ("semicolon after the function", EVALUATED, "() => 1;\n", "studysite/evaluated-function"),
    ("two statements", EVALUATED, "const x = 1;\n() => x\n", "studysite/evaluated-function"),
    ("not a function", EVALUATED, "document.title\n", "studysite/evaluated-function"),
    ("result on a global, page", PAGE, strict("  window.__ready = 1;\n"), "no-restricted-syntax"),
    ("function expression", PAGE, '(function () {\n  "use strict";\n})();\n', "no-restricted-syntax"),
    ("declared global", PAGE, "const ready = true;\n", "no-implicit-globals"),
    ("sloppy mode", PAGE, '(() => {\n  document.title = "x";\n})();\n', "strict"),
    ("undeclared global", PAGE, strict("  document$.subscribe(() => 1);\n"), "no-undef"),
]
GOOD = [
    (
        "function",
        EVALUATED,
        "// a sample\nasync (date) => {\n  await document.fonts.ready;\n  return date;\n}\n",
    ),
    ("page script", PAGE, strict("  window.document$?.subscribe(() => 1);\n")),
]

#: Lints each sample ({name: [path, text]} on stdin) as if it were that file; prints {name: [rule, ...]}.
LINT_TEXTS = """
import { readFileSync } from "node:fs";
import { ESLint } from "eslint";
const eslint = new ESLint();
const out = {};
for (const [name, [filePath, text]] of Object.entries(JSON.parse(readFileSync(0, "utf8")))) {
  const [result] = await eslint.lintText(text, { filePath, warnIgnored: true });
  out[name] = result.messages.map((m) => m.ruleId ?? m.message);
}
process.stdout.write(JSON.stringify(out));
"""


def run(command: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    assert ESLINT.exists(), "ESLint is not installed: run `make setup`"
    return subprocess.run(command, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def rules() -> dict[str, list[str]]:
    samples = {name: [path, code] for name, path, code, *_ in BAD + GOOD}
    done = run(["node", "--input-type=module", "-e", LINT_TEXTS], json.dumps(samples))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(("name", "path", "code", "rule"), BAD, ids=[b[0] for b in BAD])
def test_the_gate_names_what_is_wrong(rules, name, path, code, rule):
    assert rule in rules[name], f"{name}: {rules[name]}"


@pytest.mark.parametrize(("name", "path", "code"), GOOD, ids=[g[0] for g in GOOD])
def test_code_in_the_style_passes(rules, name, path, code):
    assert rules[name] == []


def test_the_command_fails_with_the_rule_named():
    code = "() => {\n  window.__danglingLinks = [];\n}\n"
    done = run([str(ESLINT), "--stdin", "--stdin-filename", EVALUATED], code)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no-restricted-syntax" in done.stdout and "Return the result" in done.stdout


def test_all_our_javascript_is_linted_and_passes():
    done = run([str(ESLINT), "--format", "json", "."])
    results = json.loads(done.stdout)
    problems = [f"{r['filePath']}:{m['line']} {m['message']}" for r in results for m in r["messages"]]
    assert done.returncode == 0 and not problems, "\n".join(problems) or done.stderr
    linted = {str(Path(r["filePath"]).relative_to(ROOT)) for r in results}
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.js", "*.mjs", "*.cjs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert linted == set(listed)
    assert {
        "eslint.config.mjs",
        "src/studysite/pdf/js/prepare.js",
        "src/studysite/diagrams/render/render.js",
    } <= linted
