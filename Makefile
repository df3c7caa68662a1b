# kiemtra — developer entry points. Needs GNU make and Python 3.11.
#   make run    set up .venv, migrate, load the demo, serve http://127.0.0.1:8000
#   make test   run the whole suite (SQLite; set DATABASE_URL for PostgreSQL)

PYTHON ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV = .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv run test lint messages bench

help:
	@echo "make run       set up $(VENV), migrate, load demo data, serve http://127.0.0.1:8000"
	@echo "make test      run the test suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make bench     benchmarks on DATABASE_URL or SQLITE_PATH after generate_province (bench.json)"
	@echo "make lint      ruff check, ruff format --check, import-linter contracts"
	@echo "make messages  compile the translation catalogues in locale/"

venv: $(STAMP)

# Reinstalls whenever a requirements file changes.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: export DJANGO_DEBUG ?= 1
run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# DATABASE_URL, REDIS_URL and SQLITE_PATH pass through from the environment.
# pytest exits non-zero when no test is collected (exit 5), which fails make.
# Runs on one pytest-xdist worker per CPU (`-n auto`; each worker has its own test
# database, test_<name>_gw0, _gw1, ... on PostgreSQL). `--dist loadgroup` hands tests out
# one by one, except those marked xdist_group: the browser tests (tests/e2e) share one
# worker, so that two Chromiums never compete for this machine's two cores. PYTEST_ARGS
# goes last: PYTEST_ARGS="-n 0" runs serially, PYTEST_ARGS="tests/people -x" one folder.
TEST_WORKERS ?= auto
test: export DJANGO_DEBUG = 1
test: export DJANGO_SECRET_KEY ?= test-secret-key-not-for-production
test: venv
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

messages: export DJANGO_DEBUG ?= 1
messages: venv
	$(BIN)/python manage.py compilemessages --ignore=.venv

# issue 10 point 2: run after `manage.py generate_province --seed 1 --scale district|province`
# on the database of DATABASE_URL (or SQLITE_PATH). Not part of `make test`: tests/perf/bench.py
# is a plain runner, no test_ module. BENCH_REPEAT calls per figure; the table goes to bench.json.
BENCH_REPEAT ?= 20
bench: export DJANGO_DEBUG ?= 1
bench: venv
	$(BIN)/python -m tests.perf.bench --repeat $(BENCH_REPEAT) --json bench.json
