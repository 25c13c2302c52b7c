# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The PostgreSQL pass of `make test`; pytest-django creates and drops test_<name>.
TEST_DATABASE_URL ?= postgresql://postgres:postgres@127.0.0.1:5432/tallybook

.PHONY: demo test lint test-sqlite test-postgres bench lock clean

$(BIN)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "tallybook needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Spark is an extra (pip install 'tallybook[spark]'); the suite runs its linkage
# test wherever Java is present, so the test environment gets it there.
$(BIN)/.spark: requirements-spark.lock $(BIN)/.installed
	if command -v java >/dev/null 2>&1; then \
		$(BIN)/python -m pip install --quiet -r requirements-spark.lock; fi
	touch $@

## Set up, load the fictional demo corpus and serve it at http://127.0.0.1:8000
demo: $(BIN)/.installed
	$(BIN)/tallybook demo

# Tests keep their secret key and scratch files apart from a user's data.
test lint test-sqlite test-postgres: export TALLYBOOK_DATA_DIR := $(CURDIR)/var/test

## Lint, the import contract, the suite on SQLite, then on PostgreSQL when one answers
test: lint test-sqlite test-postgres

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

test-sqlite: $(BIN)/.installed $(BIN)/.spark
	$(BIN)/pytest -q -n 2

test-postgres: $(BIN)/.installed
	@if $(BIN)/python scripts/pg_available.py "$(TEST_DATABASE_URL)"; then \
		echo "PostgreSQL pass against $(TEST_DATABASE_URL)"; \
		DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest -q -n 2 tests/apps tests/cli; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI: PostgreSQL does not answer at $(TEST_DATABASE_URL); the PostgreSQL pass is required"; \
		exit 1; \
	else \
		echo "PostgreSQL does not answer at $(TEST_DATABASE_URL): skipping the PostgreSQL pass"; \
	fi

bench: $(BIN)/.installed
	$(BIN)/python -m bench

## Re-pin every dependency after changing pyproject.toml
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet --upgrade pip
	.lockenv/bin/pip install --quiet ".[dev]"
	.lockenv/bin/pip freeze --exclude tallybook | grep -v '^-e' > requirements.lock
	.lockenv/bin/pip install --quiet ".[spark]"
	.lockenv/bin/pip freeze | grep -i -E '^(pyspark|py4j)==' > requirements-spark.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) build *.egg-info
