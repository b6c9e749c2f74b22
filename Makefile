# Two entry points: `make example` (set up, then run on the bundled example) and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: example test lint eval bench

example: $(VENV)/.installed
	$(BIN)/newsledger extract --format text

test: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest

eval: $(VENV)/.installed
	$(BIN)/newsledger eval

bench: $(VENV)/.installed
	$(BIN)/newsledger bench

# Every package comes from requirements.lock, pinned by version and hash, installed by a pip that is
# itself pinned (requirements-bootstrap.lock). --no-deps: the lock is complete, so nothing is resolved
# against the index; `pip check` proves it. --no-build-isolation: the project builds with the locked
# setuptools rather than whatever setuptools the index has today.
$(VENV)/.installed: requirements.lock requirements-bootstrap.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-bootstrap.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@
