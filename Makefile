# Two commands do everything on a fresh machine:  make serve  /  make test
SHELL := /bin/bash
.DEFAULT_GOAL := help

export NO_MKDOCS_2_WARNING := 1   # mkdocs-material 9.8 end-of-life notice
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system
# Bytecode caches: without them every Python start (servers, the shown tests, each
# copied example) compiles its imports again, about twice the start-up CPU. Some
# images set PYTHONDONTWRITEBYTECODE for every shell; the suite runs without it.
unexport PYTHONDONTWRITEBYTECODE

# uv from PATH, else the one pip installed as a module (bootstrapped below).
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --frozen
SYSTEM_TOOLS := wrk valgrind taskset chromium unshare ip curl h2load

.PHONY: help setup uv system-tools serve build test test-pythons typecheck lint bench bench-quick clean

help:
	@echo "make serve        set up, then serve the site on http://127.0.0.1:8000"
	@echo "make test         set up, then run every test and gate"
	@echo "make test-pythons the examples, contract and site tests on every other supported Python here"
	@echo "make typecheck    mypy over apiguide/ and scripts/ (also a test in make test)"
	@echo "make build        build the static site into site/"
	@echo "make bench        full benchmark run (about an hour), regenerates results and charts"
	@echo "make bench-quick  benchmark smoke run into benchmarks/scratch/ (never the site's data)"

uv:
	@$(UV) --version >/dev/null 2>&1 || { echo "Installing uv with pip"; python3 -m pip install --quiet uv; }

setup: uv system-tools
	@$(UV) sync --frozen --quiet

system-tools:
	@bash scripts/ensure_system_tools.sh $(SYSTEM_TOOLS)

# --dirty: an edit re-renders only its page (about a second, not a whole build). An edit
# to an example file shows once the page that includes it is saved again or on restart.
serve: setup
	SITE_STRICT=false $(RUN) mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: setup
	$(RUN) mkdocs build --strict

# Every other supported Python this machine has, each in its own environment
# (.venv-3.X, locked like .venv, never a downloaded interpreter). Found under
# pyenv or as python3.X on PATH; PYTHONS="/path/to/python3.13 ..." names them instead.
SUPPORTED_PYTHONS := 3.11 3.12 3.13 3.14
PYTHON_SUITES := tests/examples tests/contract tests/site
PYTHONS ?=

test-pythons: uv system-tools
	@set -e; found="$(PYTHONS)"; \
	if [ -z "$$found" ]; then \
	  default=$$($(RUN) python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  for v in $(SUPPORTED_PYTHONS); do \
	    [ "$$v" = "$$default" ] && continue; py=""; \
	    for c in $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v.*/bin/python$$v 2>/dev/null | sort -V | tail -n 1) \
	             $$(command -v python$$v || true); do \
	      if "$$c" -c pass 2>/dev/null; then py=$$c; break; fi; \
	    done; \
	    if [ -n "$$py" ]; then found="$$found $$py"; else echo "test-pythons: no Python $$v here"; fi; \
	  done; \
	fi; \
	[ -n "$$found" ] || { echo "test-pythons: no other supported Python found"; exit 1; }; \
	failed=""; \
	for py in $$found; do \
	  v=$$("$$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  echo "== Python $$v: $$py"; \
	  UV_PROJECT_ENVIRONMENT=.venv-$$v $(UV) sync --frozen --quiet --python "$$py"; \
	  if .venv-$$v/bin/python -m pytest -n 2 --dist worksteal $(PYTHON_SUITES); then \
	    .venv-$$v/bin/python -m apiguide.verified record; else failed="$$failed $$v"; fi; \
	done; \
	[ -z "$$failed" ] || { echo "test-pythons: failed on$$failed"; exit 1; }

typecheck: setup
	$(RUN) mypy

lint: setup
	$(RUN) ruff check apiguide examples scripts tests
	$(RUN) ruff format --check apiguide examples scripts tests

# After a passing suite: record the versions it verified (docs/data/verified.json).
# worksteal: a worker that runs out takes queued tests from the other (long tests last).
test: setup
	$(RUN) pytest -n 2 --dist worksteal --cov --cov-report=term-missing:skip-covered
	@$(RUN) python -m apiguide.verified record

bench: setup
	$(RUN) python scripts/run_benchmarks.py

bench-quick: setup
	$(RUN) python scripts/run_benchmarks.py --quick

clean:
	rm -rf site .coverage .coverage.* .pytest_cache .ruff_cache
