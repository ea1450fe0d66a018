# The two commands of the quickstart: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench docs clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== citecheck check fixtures/articles/en/wptools__Douglas_Adams.wiki"
	-$(BIN)/citecheck check fixtures/articles/en/wptools__Douglas_Adams.wiki
	@echo
	@echo "== citecheck check fixtures/seed/seed.txt"
	-$(BIN)/citecheck check fixtures/seed/seed.txt

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/check_corpus.py

docs: $(STAMP)
	$(BIN)/python -m citecheck.docsgen > docs/rules.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
