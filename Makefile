# The two commands of the README.  Each creates .venv and installs what is
# missing (Python packages, and the Debian packages docgen needs when run
# as root), so they work on a fresh machine with only Python 3.11 and pip.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: build test clean

## build: check framework/ and build the documents into out/
build: $(VENV)/.installed-run
	@sh scripts/system-deps.sh run
	$(BIN)/docgen check
	$(BIN)/docgen build

## test: run the whole test suite
test: $(VENV)/.installed-test
	@sh scripts/system-deps.sh test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

clean:
	rm -rf out $(VENV) build *.egg-info src/*.egg-info .pytest_cache
