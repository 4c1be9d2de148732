# Two commands do everything on a fresh machine:  make serve  /  make test
SHELL := /bin/bash
.DEFAULT_GOAL := help

export NO_MKDOCS_2_WARNING := 1   # mkdocs-material 9.8 end-of-life notice
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system

# uv from PATH, else the one pip installed as a module (bootstrapped below).
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --frozen
SYSTEM_TOOLS := wrk valgrind taskset chromium

.PHONY: help setup uv system-tools serve build test lint bench bench-quick clean

help:
	@echo "make serve        set up, then serve the site on http://127.0.0.1:8000"
	@echo "make test         set up, then run every test and gate"
	@echo "make build        build the static site into site/"
	@echo "make bench        full benchmark run (about an hour), regenerates results and charts"
	@echo "make bench-quick  two-minute benchmark smoke run"

uv:
	@$(UV) --version >/dev/null 2>&1 || { echo "Installing uv with pip"; python3 -m pip install --quiet uv; }

setup: uv system-tools
	@$(UV) sync --frozen --quiet

system-tools:
	@bash scripts/ensure_system_tools.sh $(SYSTEM_TOOLS)

serve: setup
	$(RUN) mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(RUN) mkdocs build --strict

lint: setup
	$(RUN) ruff check apiguide examples scripts tests
	$(RUN) ruff format --check apiguide examples scripts tests

test: setup
	$(RUN) pytest -n 2 --cov --cov-report=term-missing:skip-covered

bench: setup
	$(RUN) python scripts/run_benchmarks.py

bench-quick: setup
	$(RUN) python scripts/run_benchmarks.py --quick

clean:
	rm -rf site .coverage .coverage.* .pytest_cache .ruff_cache
