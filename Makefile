# Two commands do everything, setup included:  make site  /  make test
# Setup is driven by the lock files and stamps: a second run reinstalls nothing.
SHELL := /bin/bash
.DEFAULT_GOAL := site
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .setup
SITE_URL ?= http://127.0.0.1:8000/
export SITE_URL

.PHONY: site test lint serve pdf bench offline setup system lock clean

## setup ------------------------------------------------------------------------------------------
# tools/setup-step.sh does each step under a lock and writes its stamp only once the step checks out
# complete (a venv whose pip runs and whose installed files are all there; node_modules with every package
# of the lock at its version, and Mermaid's builds). Before make looks at the stamps, those of steps that
# are no longer complete are removed, so a rerun after any interruption repairs the step.
SETUP_STEP = PYTHON=$(PYTHON) VENV=$(VENV) bash tools/setup-step.sh
$(shell $(SETUP_STEP) prune $(STAMPS))

setup: $(STAMPS)/python $(STAMPS)/node $(STAMPS)/system

$(STAMPS)/python: requirements.lock
	@$(SETUP_STEP) run python $@

$(STAMPS)/node: package-lock.json
	@$(SETUP_STEP) run node $@

# Chromium and the CJK fonts are system packages: installed with apt when we are root, otherwise one line
# says what to install. The stamp is only written once both are there.
$(STAMPS)/system: tools/system-deps.sh
	@mkdir -p $(STAMPS)
	@bash tools/system-deps.sh
	@touch $@

system: $(STAMPS)/system

# The package's bytecode, compiled up front (PYTHONDONTWRITEBYTECODE keeps imports from writing it, and pip
# compiles only what it installs): every build and export a command or a test starts would compile it anew.
# Only a speed-up: when it fails, the command goes on and its own steps report what is wrong.
COMPILE = $(BIN)/python -m compileall -q src hooks > /dev/null

## the two commands ---------------------------------------------------------------------------------
# Built into a temporary directory, which replaces site/ only when the build and the PDF succeeded: an
# interrupted or failed build never leaves a site/ that looks complete.
SITE_BUILD := .site-build
site: setup
	-@$(COMPILE)
	-@$(LINT_NOTES) start
	rm -rf $(SITE_BUILD) $(SITE_BUILD).old
	$(BIN)/mkdocs build --strict --clean --site-dir $(SITE_BUILD)
	$(BIN)/python tools/build_pdf.py $(SITE_BUILD)
	@if [ -e site ]; then mv site $(SITE_BUILD).old; fi
	mv $(SITE_BUILD) site
	@rm -rf $(SITE_BUILD).old
	-@$(LINT_NOTES) summary

test: setup
	-@$(COMPILE)
	$(BIN)/python -m pytest

# The gates CI runs before the tests: lint, formatting and types of the package, hooks, tools, bench, tests,
# the package's layer contracts (pyproject.toml [tool.importlinter]), our JavaScript (ESLint) and commit
# subjects of <= 72 characters.
LINTED := src hooks tools bench tests
lint: $(STAMPS)/python $(STAMPS)/node
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	node_modules/.bin/eslint .  # our JavaScript (eslint.config.mjs)
	$(BIN)/python tools/commit_subjects.py

# The writer's proofreader: textlint's Japanese prose checks over the notes in docs/ (.textlintrc.yml,
# prh.yml), one `file:line:col  message  (rule)` line each. Advice, never a gate: it exits 0 on findings.
# `make site` runs it beside the build (start) and ends with one line counting them (summary).
.PHONY: lint-notes
LINT_NOTES = $(BIN)/python -m studysite.proofread
lint-notes: $(STAMPS)/python $(STAMPS)/node
	@$(LINT_NOTES) check docs

serve: setup
	$(BIN)/mkdocs serve --strict

## maintenance ----------------------------------------------------------------------------------------
lock:
	$(PYTHON) -m venv /tmp/lock-venv && /tmp/lock-venv/bin/pip install --quiet uv
	/tmp/lock-venv/bin/uv pip compile --universal --python-version 3.11.5 --generate-hashes \
	  requirements.in -o requirements.lock
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site dist .pytest_cache

# The whole site as one PDF, site/pdf/container-study-notes.pdf (make site does it too).
pdf: setup
	$(BIN)/mkdocs build --strict --clean --site-dir site
	$(BIN)/python tools/build_pdf.py site

# The offline bundle: the site built with OFFLINE=true (file:// links, local search shim; diagrams are
# SVG in the pages; see hooks/offline_assets.py), with the PDF of `make pdf` and every link checked
# (studysite.site.offline_pages), zipped under one folder: unzip, open
# container-study-notes-offline/index.html.
offline: pdf
	rm -rf dist/offline dist/container-study-notes-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict --clean --site-dir dist/offline/container-study-notes-offline
	$(BIN)/python -m studysite.site.offline_pages dist/offline/container-study-notes-offline \
	  site/pdf/container-study-notes.pdf
	$(BIN)/python -m studysite.site.offline dist/offline/container-study-notes-offline \
	  dist/container-study-notes-offline.zip

# Measurements against their budgets, written to bench/report.md (never timed in tests).
bench: setup
	-@$(COMPILE)
	$(BIN)/python -m bench.run_all $(BENCH_ARGS)
