# The two set-up commands of the README:
#   make brief   install briefgen (and its system libraries), render data/brief.yaml into out/
#   make test    install what the tests need, then lint, type-check and test
#
# Everything Python goes into a project virtual environment, .venv: the machine's own
# interpreter (Debian's /usr/bin/python3 is "externally managed", PEP 668) is never
# installed into. Both targets install briefgen editable, so running one after the other
# never swaps the environment's install mode. PYTHON picks the interpreter that creates
# the environment (any Python 3.11+).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Test processes (pytest-xdist), one test file per process at a time so that a module's
# fixtures render once. Three tiers: make test-unit (tests/unit), pytest -m "not slow"
# (everything but the six slow files, tests/conftest.py SLOW_FILES), make test (all).
TEST_WORKERS ?= 2

.PHONY: brief install test test-unit test-deps lint docs bench mutation

brief: install
	$(BIN)/briefgen render data/brief.yaml --output-dir out

# The stamps re-run pip only when pyproject.toml changes. briefgen's modules are compiled
# to bytecode each time (only those changed since): an editable install has none, and where
# PYTHONDONTWRITEBYTECODE is set (this project's CI machines, many container images) every
# command would compile them again: a fifth of `briefgen --help`'s work (docs/benchmark.md).
install: $(VENV)/.installed-runtime
	$(BIN)/python -m compileall -q briefgen

test-deps: $(VENV)/.installed-test
	scripts/install-system-deps.sh --test
	npm ci --prefix tools/axe --no-audit --no-fund --silent
	npm ci --prefix tools/vnu --no-audit --no-fund --silent

$(BIN)/python:
	scripts/install-system-deps.sh --venv "$(PYTHON)"
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	scripts/install-system-deps.sh
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-runtime
	$(PIP) -e ".[test]"
	touch $@

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports  # the layers import only downwards ([tool.importlinter])

test: test-deps lint
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

# The fast tier for the edit-test loop: tests/unit, no layout engine, browser or office
# suite; in two processes (23 s for 1,492 tests, 30 s in one). The middle tier leaves out
# the slow files:
# $(BIN)/python -m pytest -m "not slow" -n $(TEST_WORKERS) --dist loadfile
test-unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q --hypothesis-profile=unit -n $(TEST_WORKERS) tests/unit

bench: install
	$(BIN)/python bench/run.py

# The README's page pictures, docs/{brief,evidence}-page-{1,2}.png (60 dpi, briefgen -f png).
docs: install
	PATH="$(abspath $(BIN)):$$PATH" scripts/render-doc-pages.sh

# Mutation testing (mutmut) of the modules that guard correctness and safety, against the
# fast unit tests; the survivors are listed in docs/mutation.md.
mutation: test-deps
	$(BIN)/mutmut run
	$(BIN)/mutmut results
