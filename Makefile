# Two entry points: `make example` (set up, then run on the bundled example) and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: example test lint eval bench

example: $(VENV)/.installed
	$(BIN)/newsledger extract --format json

test: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/pytest

eval: $(VENV)/.installed
	$(BIN)/newsledger eval

bench: $(VENV)/.installed
	$(BIN)/newsledger bench

# Every package comes from requirements.lock, pinned by version and hash.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@
