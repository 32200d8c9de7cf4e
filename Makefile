# Two commands matter: `make demo` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
OUT    ?= out

.PHONY: demo test lint typecheck pytest system-deps clean bench templates

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP) $@

## Render every built-in form from the bundled examples into $(OUT)/
demo: $(STAMP) system-deps
	$(PY) -m chibo_docs demo $(OUT)

## ruff, mypy --strict and pytest (LibreOffice installed first where missing)
test: $(DEVSTAMP) system-deps
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest

lint: $(DEVSTAMP)
	$(PY) -m ruff check .

typecheck: $(DEVSTAMP)
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache

pytest: $(DEVSTAMP)
	$(PY) -m pytest

## LibreOffice and fonts from Debian packages (needs root; skipped when present)
system-deps:
	@bash tools/system-deps.sh

templates: $(DEVSTAMP)
	$(PY) tools/build_templates.py

bench: $(DEVSTAMP) system-deps
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist $(OUT) .mypy_cache .ruff_cache .pytest_cache
