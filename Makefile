# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site serve test bench mutate clean system-deps

$(BIN)/adr: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

site: $(BIN)/adr
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(BIN)/adr
	$(BIN)/mkdocs serve --livereload

system-deps:
	@bash scripts/system-deps.sh

test: $(BIN)/adr system-deps
	$(BIN)/python -m pytest

bench: $(BIN)/adr
	$(BIN)/python bench/run.py

# Mutation testing (CONTRIBUTING.md): hours on two cores, so not part of `make test`.
mutate: $(BIN)/adr
	$(BIN)/pip install -q -e '.[test,dev]'
	$(BIN)/mutmut run
	$(BIN)/mutmut export-cicd-stats

clean:
	rm -rf $(VENV) site mutants
