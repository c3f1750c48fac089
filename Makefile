# storylens: `make demo` sets everything up and runs the demo; `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint typecheck unit bench-all clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $@

demo: setup
	$(BIN)/storylens demo --format html --format md --format json

lint: setup
	$(BIN)/ruff check src tests

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

test: lint typecheck unit

clean:
	rm -rf $(VENV) storylens-out .pytest_cache .mypy_cache .ruff_cache
