# accord: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= accord.duckdb
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint typecheck clean vendor

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/accord ingest examples --db $(DB)
	$(BIN)/accord summary --db $(DB)
	$(BIN)/accord serve --db $(DB) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# Rebuild the dashboard's vendored libraries from pinned npm versions (needs npm).
vendor:
	scripts/vendor.sh

clean:
	rm -rf $(VENV) accord.duckdb build src/*.egg-info .pytest_cache .mypy_cache
