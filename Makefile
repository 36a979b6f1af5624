# JIPP Hub Registry. `make run` and `make test` are all a newcomer needs (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run setup test test-e2e lint format worker beat check-migrations messages clean bench audit

# The venv is rebuilt only when requirements.txt changes, so a re-run of `make run` is fast.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_reference

run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

test-e2e: $(STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest tests/e2e -m e2e $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

messages: $(STAMP)
	$(PY) manage.py makemessages -l id -l en --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) scripts/compile_messages.py

worker: $(STAMP)
	$(BIN)/celery -A jipp worker --loglevel=INFO

beat: $(STAMP)
	$(BIN)/celery -A jipp beat --loglevel=INFO

# The benchmark (docs/performance.md): databases jipp_perf_small and jipp_perf filled by seed_demo first.
bench: $(STAMP)
	$(PY) scripts/bench/run.py $(BENCH_ARGS)

# Dependency audit (docs/security.md) in a venv of its own, so the portal's venv stays what it runs on.
AUDIT_VENV := .venv-audit
PIP_AUDIT_VERSION := 2.10.1
audit:
	test -x $(AUDIT_VENV)/bin/pip-audit || ($(PYTHON) -m venv $(AUDIT_VENV) && \
		$(AUDIT_VENV)/bin/pip install --quiet --disable-pip-version-check pip-audit==$(PIP_AUDIT_VERSION))
	$(PYTHON) scripts/audit_dependencies.py $(AUDIT_VENV)/bin/pip-audit requirements.txt

clean:
	rm -rf $(VENV) $(AUDIT_VENV) staticfiles
