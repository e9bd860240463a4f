#!/usr/bin/env bash
# The setup steps of the Makefile, so that an interrupted setup repairs itself on the next run.
#
#   setup-step.sh check python|node       exit 0 when the step is complete, else say what is missing
#   setup-step.sh prune STAMPS_DIR        remove the stamp of every step that is no longer complete
#   setup-step.sh run python|node STAMP   do the step (under a lock), check it, and only then write STAMP
#
# A stamp is written only after its step checked out complete, and a stamp whose step does not (a venv
# without pip, a node_modules that an interrupted or concurrent `npm ci` left half filled) is removed before
# make looks at it. Settings come from the environment: PYTHON (python3), VENV (.venv).
set -euo pipefail
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
LOCK_FILE=${LOCK_FILE:-package-lock.json}
REQUIREMENTS=${REQUIREMENTS:-requirements.lock}
NODE_MODULES=${NODE_MODULES:-node_modules}

# The venv has an interpreter and a pip that runs.
venv_ok() {
  [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

# Every file that pip recorded for every installed distribution is there, and the package in src/ imports.
python_ok() {
  venv_ok || { echo "setup: $VENV has no working pip" >&2; return 1; }
  "$VENV/bin/python" - <<'EOF' || return 1
import sys
from importlib import metadata
from pathlib import Path

missing = []
for dist in metadata.distributions():
    for file in dist.files or []:
        if not file.name.endswith(".pyc") and not Path(dist.locate_file(file)).exists():
            missing.append(f"{dist.metadata['Name']}: {file}")
if missing:
    print(f"setup: {len(missing)} installed file(s) are missing, e.g. {missing[0]}", file=sys.stderr)
    sys.exit(1)
try:
    import studysite  # noqa: F401  (the .pth written by setup)
except ImportError:
    print("setup: the package in src/ is not importable from the venv", file=sys.stderr)
    sys.exit(1)
EOF
}

# Every package the lock names is installed at the locked version, npm finished (it writes its hidden
# lockfile last), and Mermaid's builds are there.
node_ok() {
  [ -f "$NODE_MODULES/.package-lock.json" ] || { echo "setup: npm ci did not finish ($NODE_MODULES)" >&2; return 1; }
  LOCK_FILE=$LOCK_FILE NODE_MODULES=$NODE_MODULES node -e '
    const fs = require("fs"), path = require("path");
    const lock = JSON.parse(fs.readFileSync(process.env.LOCK_FILE, "utf8"));
    const root = process.env.NODE_MODULES;
    const problems = [];
    for (const [where, entry] of Object.entries(lock.packages || {})) {
      if (!where.startsWith("node_modules/") || entry.link) continue;
      const file = path.join(root, where.slice("node_modules/".length), "package.json");
      let found = null;
      try { found = JSON.parse(fs.readFileSync(file, "utf8")).version; } catch (error) {}
      if (found === null && entry.optional) continue;  // optional packages for other platforms
      if (found !== entry.version) problems.push(`${where} is ${found || "missing"}, the lock says ${entry.version}`);
    }
    for (const file of ["mermaid/dist/mermaid.esm.min.mjs", "mermaid/dist/mermaid.min.js"]) {
      if (!fs.existsSync(path.join(root, file))) problems.push(`${file} is missing`);
    }
    if (problems.length) {
      console.error(`setup: ${problems.length} problem(s) in ${root}, e.g. ${problems[0]}`);
      process.exit(1);
    }'
}

# Cheap checks for every make run (no interpreter started): is anything obviously gone?
python_present() {
  [ -x "$VENV/bin/python" ] && compgen -G "$VENV/lib/python*/site-packages/pip/__init__.py" >/dev/null \
    && compgen -G "$VENV/lib/python*/site-packages/studysite.pth" >/dev/null
}

run_python() {
  if ! venv_ok; then
    [ -e "$VENV" ] && echo "setup: $VENV is incomplete (no working pip): creating it again"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  local pip=("$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps)
  "${pip[@]}" -r "$REQUIREMENTS"
  # the package in src/ is importable by name from the venv (hooks, tools, bench and tests alike)
  "$VENV/bin/python" -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "studysite.pth").write_text(str(pathlib.Path("src").resolve()) + "\n")'
  if ! python_ok; then
    echo "setup: reinstalling the locked packages"
    "${pip[@]}" --force-reinstall -r "$REQUIREMENTS"
    python_ok
  fi
}

run_node() {
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  node_ok
}

case "${1:-}" in
  check)
    "${2:?python or node}_ok"
    ;;
  prune)
    stamps=${2:?the stamps directory}
    if [ -e "$stamps/python" ] && ! python_present; then rm -f "$stamps/python"; fi
    if [ -e "$stamps/node" ] && ! node_ok 2>/dev/null; then rm -f "$stamps/node"; fi
    ;;
  run)
    step=${2:?python or node}
    stamp=${3:?the stamp file}
    mkdir -p "$(dirname "$stamp")"
    # one setup at a time: a second `make` waits here instead of emptying node_modules under the first
    exec 9>"$(dirname "$stamp")/.lock"
    flock 9
    rm -f "$stamp"
    "run_$step"
    touch "$stamp"
    ;;
  *)
    echo "usage: $0 check python|node | prune STAMPS_DIR | run python|node STAMP" >&2
    exit 2
    ;;
esac
