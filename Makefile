# The two set-up commands of the README:
#   make brief   install briefgen (and its system libraries), render data/brief.yaml into out/
#   make test    install what the tests need, then lint, type-check and test
PYTHON ?= python3
PIP := $(PYTHON) -m pip install --quiet --disable-pip-version-check

.PHONY: brief install test test-deps lint docs bench

brief: install
	briefgen render data/brief.yaml --output-dir out

install:
	scripts/install-system-deps.sh
	$(PIP) .

test-deps:
	scripts/install-system-deps.sh --test
	$(PIP) -e ".[test]"
	npm ci --prefix tools/axe --no-audit --no-fund --silent

lint:
	ruff check .
	ruff format --check .
	mypy

test: test-deps lint
	$(PYTHON) -m pytest -q

bench:
	$(PYTHON) bench/run.py

# The README's page pictures, docs/brief-page-{1,2}.png (60 dpi).
docs:
	scripts/render-doc-pages.sh
