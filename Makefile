# Two commands: `make run` starts the app, `make test` runs every test (`make lint` checks the code).
# Both create .venv when it is missing and install what the project needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
DATA ?= data
PYTEST_ARGS ?=

.PHONY: run test install system-deps bench schema lint screenshots clean

$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/exercise serve --port $(PORT) --data-dir $(DATA) --scenarios scenarios

# Debian's chromium (browser tests) and fonts-noto-cjk (Chinese PDF reports), when missing.
system-deps:
	@bash .ci/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# ruff (pyflakes, pycodestyle, import order, bugbear, pyupgrade) and mypy; settings in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check exercise tests benchmarks
	$(BIN)/mypy

# the README's pictures (docs/screenshots/), taken by a browser test from a short exercise
screenshots: $(STAMP) system-deps
	EXERCISE_SCREENSHOTS=1 $(BIN)/python -m pytest -n 0 -m browser tests/browser/test_screenshots.py tests/browser/test_graph_browser.py

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

schema: $(STAMP)
	$(BIN)/exercise schema --output scenarios/scenario-pack.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache .mypy_cache build *.egg-info
