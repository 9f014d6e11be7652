# The two commands: `make run` (set up, load the demo, serve) and `make test` (set up, check
# and test everything). Both work on a fresh machine that has only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := ISKRA_DEBUG=1 ISKRA_DATA_KEY_FILE=$(CURDIR)/var/data.key ISKRA_BLIND_INDEX_KEY_FILE=$(CURDIR)/var/blind-index.key
PYTEST_ARGS ?=

.PHONY: run test install lint check-deploy clean loadtest

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)
	ISKRA_DEBUG=1 $(BIN)/iskra compile_translations --verbosity 0

var/data.key var/blind-index.key: | $(STAMP)
	mkdir -p var
	ISKRA_DEBUG=1 $(BIN)/iskra generate_key --out $@

run: install var/data.key var/blind-index.key
	$(DEV_ENV) $(BIN)/iskra migrate --verbosity 0
	$(DEV_ENV) $(BIN)/iskra demo
	@echo
	@echo "Iskra is at http://127.0.0.1:8000/ (development mode). Stop with Ctrl-C."
	$(DEV_ENV) ISKRA_SSL_REDIRECT=0 $(BIN)/iskra serve --host 127.0.0.1 --port 8000

lint: $(STAMP)
	$(BIN)/ruff check iskra conftest.py
	$(BIN)/ruff format --check iskra conftest.py
	ISKRA_DEBUG=1 $(BIN)/mypy iskra

test: install lint
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)
ifdef ISKRA_TEST_DATABASE_URL
	DATABASE_URL=$(ISKRA_TEST_DATABASE_URL) $(BIN)/pytest -n 2 $(PYTEST_ARGS)
endif

check-deploy: install var/data.key var/blind-index.key
	ISKRA_DATA_KEY_FILE=$(CURDIR)/var/data.key ISKRA_BLIND_INDEX_KEY_FILE=$(CURDIR)/var/blind-index.key \
	ISKRA_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ISKRA_ALLOWED_HOSTS=iskra.example.org $(BIN)/iskra check --deploy --fail-level WARNING

# The load test (Locust) against `iskra serve` in production mode on 127.0.0.1, started by the
# script itself, on SQLite and on PostgreSQL; LOADTEST_USERS and LOADTEST_TIME (seconds) set it.
LOADTEST_USERS ?= 50
LOADTEST_TIME ?= 300
LOADTEST_PG ?= postgres://postgres@127.0.0.1:5432
loadtest: install
	mkdir -p var
	$(BIN)/python loadtest/run.py --database sqlite --users $(LOADTEST_USERS) --time $(LOADTEST_TIME) --out var/loadtest-sqlite.json
	$(BIN)/python loadtest/run.py --database postgres --pg-url $(LOADTEST_PG) --users $(LOADTEST_USERS) --time $(LOADTEST_TIME) --out var/loadtest-postgres.json

clean:
	rm -rf $(VENV) var
