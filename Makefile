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

.PHONY: site test serve pdf bench offline setup system lock clean

## setup ------------------------------------------------------------------------------------------
setup: $(STAMPS)/python $(STAMPS)/node $(STAMPS)/system

$(STAMPS)/python: requirements.lock
	@mkdir -p $(STAMPS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@# the package in src/ is importable by name from the venv (hooks, tools, bench and tests alike)
	@$(BIN)/python -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "studysite.pth").write_text(str(pathlib.Path("src").resolve()) + "\n")'
	@$(BIN)/python -c 'import studysite'
	@touch $@

$(STAMPS)/node: package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# Chromium and the CJK fonts are system packages: installed with apt when we are root, otherwise one line
# says what to install. The stamp is only written once both are there.
$(STAMPS)/system:
	@mkdir -p $(STAMPS)
	@bash tools/system-deps.sh
	@touch $@

system: $(STAMPS)/system

## the two commands ---------------------------------------------------------------------------------
site: setup
	$(BIN)/mkdocs build --strict --clean --site-dir site
	$(BIN)/python tools/build_pdf.py site

test: setup
	$(BIN)/python -m pytest

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
# SVG in the pages; see hooks/offline_assets.py) and zipped under one folder: unzip, open
# container-study-notes-offline/index.html.
offline: setup
	rm -rf dist/offline dist/container-study-notes-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict --clean --site-dir dist/offline/container-study-notes-offline
	$(BIN)/python -m studysite.site.offline dist/offline/container-study-notes-offline \
	  dist/container-study-notes-offline.zip

# Measurements against their budgets, written to bench/report.md (never timed in tests).
bench: setup
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)
