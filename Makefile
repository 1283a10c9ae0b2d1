# Newsroom: `make run` to try it, `make test` to check it. See README.md.

PYTHON_CANDIDATES := python3.13 python3.12
PYTHON := $(firstword $(foreach candidate,$(PYTHON_CANDIDATES),$(shell command -v $(candidate) >/dev/null 2>&1 && $(candidate) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $(candidate))))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DJANGO_SETTINGS_MODULE := newsroom.settings

.PHONY: run test test-browser lint install clean

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

test: $(STAMP)
	@$(BIN)/python -m pytest -n auto; status=$$?; $(BROWSER_SKIPPED_NOTICE); exit $$status

test-browser: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || { echo "Chromium is not installed (Debian: apt-get install chromium)." >&2; exit 1; }
	$(BIN)/python -m pytest -n auto -m browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
