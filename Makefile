# Two commands for a fresh Linux machine with Python 3.11+ and make:
#   make run   - set everything up in .venv (and, on Debian/Ubuntu, the system libraries
#                Qt's xcb platform needs) and open the app
#   make test  - set everything up in .venv and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	@$(PY) tools/qt_system_libs.py
	$(VENV)/bin/bodymap

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) tests/perf/bench.py --json

lint: $(VENV)/.installed
	$(PY) -m pip install --quiet ruff mypy types-PyYAML import-linter
	$(PY) -m ruff check bodymap tests tools
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build dist .pytest_cache
