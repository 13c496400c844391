# Helhedsplan CMS. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEV := DJANGO_SETTINGS_MODULE=cms.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Where `make run` is reached: the base of the document and image URLs in the API, the
# links in mails, the printed admin URL, and the GraphQL URL the worker and the jobs read.
# Set it for a server reached under another name: make run HOST=0.0.0.0 RUN_BASE_URL=http://192.168.1.20:8000
RUN_BASE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
RUN_ENV := $(DEV) WAGTAILADMIN_BASE_URL=$(RUN_BASE_URL) CMS_GRAPHQL_URL=$(RUN_BASE_URL)/graphql/

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements (runtime and development)

run: install ## Migrate, load demo content, ensure a local admin, serve on HOST:PORT (127.0.0.1:8000) with a task worker
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo_content
	$(RUN_ENV) $(PY) manage.py ensure_dev_admin
	@# The task worker (newsletter mails, Facebook runs) beside the server, stopped with it.
	$(RUN_ENV) $(PY) manage.py db_worker --queue-name '*' --interval 2 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (DATABASE_URL picks the database; default SQLite)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install ## ruff lint and format check, and the import layers (.importlinter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

schema: install ## Write the GraphQL schema to schema.graphql
	$(DEV) $(PY) manage.py export_schema schema.graphql

codegen: ## Typed-client check: generate TypeScript from schema.graphql and the contract operations, then tsc
	cd codegen && npm ci --no-audit --no-fund && npx graphql-codegen --config codegen.ts && npx tsc --noEmit -p tsconfig.json

messages: install ## Compile locale/*/LC_MESSAGES/*.po into the committed .mo files (polib; no gettext needed)
	$(PY) locale/build_mo.py

demo: install ## Reload the demo content (idempotent)
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo_content

# The benchmark: PostgreSQL required; Redis used when it answers on 127.0.0.1:6379.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/helhedsplan_bench
BENCH_REDIS_URL ?= $(shell (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1) && echo redis://127.0.0.1:6379/7)
BENCH_SIZES ?= S M
BENCH_SOAK ?= 60
BENCH_ENV := DJANGO_SETTINGS_MODULE=cms.settings.bench DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL)

bench-db: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "The benchmark needs wrk, the HTTP load generator: apt-get install wrk (or brew install wrk)"; exit 1; }
	$(BENCH_ENV) $(PY) -m bench.db
	$(BENCH_ENV) $(PY) manage.py migrate --noinput

bench: bench-db ## Benchmark sizes S and M on PostgreSQL side by side, with a 60 s soak; writes bench/results/
	$(BENCH_ENV) $(PY) -m bench.run --sizes $(BENCH_SIZES) --soak $(BENCH_SOAK) --soak-size M

bench-l: bench-db ## Benchmark size L (20,000 pages; takes longer)
	$(BENCH_ENV) $(PY) -m bench.run --sizes L

bench-data: bench-db ## Build a benchmark data set only: make bench-data SIZE=M
	$(BENCH_ENV) $(PY) manage.py generate_bench_data --size $(or $(SIZE),S)

.PHONY: help install run test lint format schema codegen messages demo bench bench-db bench-l bench-data
