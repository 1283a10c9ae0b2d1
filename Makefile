# Newsroom: `make run` to try it, `make test` to check it. See README.md.

PYTHON_CANDIDATES := python3.13 python3.12
PYTHON := $(firstword $(foreach candidate,$(PYTHON_CANDIDATES),$(shell command -v $(candidate) >/dev/null 2>&1 && $(candidate) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $(candidate))))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DJANGO_SETTINGS_MODULE := newsroom.settings

.PHONY: run test test-browser lint install clean serve-prod serve-edge bench bench-day bench-edge bench-import faults desk-screenshots

# The browser tests (tests/browser/) drive Debian's Chromium; without it pytest skips them.
BROWSER_SKIPPED_NOTICE := command -v chromium >/dev/null 2>&1 || printf '\n%s\n%s\n' \
	"*** Chromium is not installed: the browser tests in tests/browser/ were SKIPPED. ***" \
	"*** Install it (Debian: apt-get install chromium) to run them. ***" >&2

$(STAMP): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON)" ]; then \
		echo "Newsroom needs Python 3.12 or newer (python3.13 or python3.12 on PATH); none was found." >&2; \
		echo "Install Python 3.13 (Debian: apt-get install python3.13 python3.13-venv) and try again." >&2; \
		exit 1; \
	fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# nginx, Varnish and its xkey module, from Debian's packages when any is missing.
define EDGE_PACKAGES
	@command -v nginx >/dev/null && command -v openssl >/dev/null && command -v varnishd >/dev/null && \
		dpkg -s varnish-modules >/dev/null 2>&1 || \
		(apt-get update && apt-get install -y nginx openssl varnish varnish-modules)
endef

# Production, on this machine: DEBUG off, PostgreSQL and Redis on 127.0.0.1, collected static
# files, gunicorn (gunicorn.conf.py). Any variable can be overridden, e.g.
# `make serve-prod DATABASE_URL=postgres://…`; docs/deployment.md lists them all.
serve-prod serve-edge: export DEBUG := 0
serve-prod serve-edge: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
serve-prod serve-edge: export REDIS_URL ?= redis://127.0.0.1:6379/0
serve-prod serve-edge: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve-prod serve-edge: export TASKS_BACKEND ?= django_tasks_db.DatabaseBackend
serve-prod: export GUNICORN_BIND ?= 127.0.0.1:8000

# The database (created if missing, migrated), static files, every story's prepared parts and
# its item on the wire.
define PREPARE_PRODUCTION
	@psql "$${DATABASE_URL%/*}/postgres" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$${DATABASE_URL##*/}'" | grep -q 1 || \
		psql "$${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$${DATABASE_URL##*/}\""
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" $(BIN)/python manage.py collectstatic --no-input -v0
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" $(BIN)/python manage.py migrate --no-input
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" $(BIN)/python manage.py prepare_stories
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" $(BIN)/python manage.py record_wire_items
endef

serve-prod: $(STAMP) var/secret_key
	$(PREPARE_PRODUCTION)
	@# The background worker (readers/tasks.py) runs beside gunicorn, below its CPU priority
	@# (hosting.BACKGROUND_WORKER says why), and stops with it.
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" sh -c 'nice -n 10 $(BIN)/python manage.py db_worker & \
		worker=$$!; trap "kill $$worker" EXIT INT TERM; $(BIN)/gunicorn -c gunicorn.conf.py newsroom.wsgi'

# The shipped topology on this machine: nginx on https://127.0.0.1:8443 (self-signed), Varnish
# on 6081, two gunicorn instances on 8000 and 8001 and the background worker
# (hosting/edge.py; docs/deployment.md, "Varnish in front").
serve-edge: $(STAMP) var/secret_key
	$(EDGE_PACKAGES)
	$(PREPARE_PRODUCTION)
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" $(BIN)/python -m hosting.edge

# A random key, made once and kept out of git (var/ is ignored); SECRET_KEY in the environment
# takes precedence.
var/secret_key:
	@mkdir -p var
	@umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

test: $(STAMP)
	@$(BIN)/python -m pytest -n auto; status=$$?; $(BROWSER_SKIPPED_NOTICE); exit $$status

test-browser: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || { echo "Chromium is not installed (Debian: apt-get install chromium)." >&2; exit 1; }
	$(BIN)/python -m pytest -n auto -m browser

# Speed and scale, as production serves the site (docs/benchmarks.md); about 13 minutes.
bench: $(STAMP)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	$(BIN)/python -m benchmarks.run

# Readers spread over 100,000 stories while an editor works (docs/benchmarks.md); about 5 minutes
# once make bench has seeded the archive.
bench-day: $(STAMP)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	$(BIN)/python -m benchmarks.newsroom_day

# The same day through Varnish (deploy/varnish/), purged by key as content changes; about 4 minutes.
bench-edge: $(STAMP)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	command -v varnishd >/dev/null && dpkg -s varnish-modules >/dev/null 2>&1 || \
		(apt-get update && apt-get install -y varnish varnish-modules)
	$(BIN)/python -m benchmarks.edge_day

# A generated WordPress export of 100,000 posts imported into a fresh PostgreSQL database
# (nr_import_bench): the rate and the peak memory (docs/import.md); about 10 minutes.
bench-import: $(STAMP)
	$(BIN)/python -m benchmarks.wordpress_export

# Readers kept served while PostgreSQL, Redis and a gunicorn worker fail, behind the shipped
# Varnish and nginx (docs/reliability.md); its own servers on free ports, under five minutes.
faults: $(STAMP)
	$(EDGE_PACKAGES)
	$(BIN)/python -m faults.run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# The desk's screenshots in docs/desk.md, taken by the seed-story journey in a real browser.
desk-screenshots: $(STAMP)
	DESK_SCREENSHOTS_DIR=docs/screenshots/desk $(BIN)/pytest -p no:randomly tests/browser/test_desk_made_for_journalists.py
