# The two commands of the quickstart: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test mediawiki bench docs clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# The demo's checks find problems (exit status 1): that is their point, not a failure of make.
demo: $(STAMP)
	@echo "== citecheck check fixtures/articles/en/wptools__Douglas_Adams.wiki"
	@$(BIN)/citecheck check fixtures/articles/en/wptools__Douglas_Adams.wiki || test $$? -eq 1
	@echo
	@echo "== citecheck check fixtures/seed/seed.txt"
	@$(BIN)/citecheck check fixtures/seed/seed.txt || test $$? -eq 1

test: $(STAMP) mediawiki
	$(BIN)/python -m pytest -q

# The integration tests run a real MediaWiki (Debian's package, PHP, SQLite): installed once,
# as root (through sudo when make is not root); nothing to do when it is already there.
mediawiki:
	@$(PYTHON) scripts/mediawiki install

bench: $(STAMP)
	$(BIN)/python bench/check_corpus.py

docs: $(STAMP)
	$(BIN)/python -m citecheck.docsgen > docs/rules.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
