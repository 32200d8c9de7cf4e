# Two commands matter: `make demo` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
OUT    ?= out

.PHONY: demo test lint typecheck pytest system-deps clean bench templates messages

# A target whose recipe fails is deleted, so that the next run starts that step again.
.DELETE_ON_ERROR:

# The virtual environment, whole or not at all: its pip is the target, and a half-made .venv
# (no pip) is removed first. Debian's python3 has no ensurepip without python3.X-venv:
# tools/system-deps.sh installs it (as root) or prints the apt-get line.
$(PIP):
	@bash tools/system-deps.sh venv $(PYTHON)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PIP)
	$(PY) -m pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(PIP)
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

## Refresh the message catalogs: extract every message, update the .po, compile the .mo
LOCALE := src/chibo_docs/i18n/locale
messages: $(DEVSTAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k message --no-location --sort-output --no-wrap \
		--omit-header -o src/chibo_docs/i18n/chibo_docs.pot .
	$(VENV)/bin/pybabel update -i src/chibo_docs/i18n/chibo_docs.pot -d $(LOCALE) -D chibo_docs \
		-l vi --no-wrap --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D chibo_docs -l vi --statistics
