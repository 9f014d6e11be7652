# The two commands: `make run` (set up, load the demo, serve) and `make test` (set up, check
# and test everything). Both work on a fresh machine that has only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := ISKRA_DEBUG=1 ISKRA_DATA_KEY_FILE=$(CURDIR)/var/data.key ISKRA_BLIND_INDEX_KEY_FILE=$(CURDIR)/var/blind-index.key
PYTEST_ARGS ?=

.PHONY: run test install lint check-deploy clean

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

clean:
	rm -rf $(VENV) var
