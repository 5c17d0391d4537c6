# netportal: `make run` to start the site, `make test` to run every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.13: from PYTHON, pyenv's usual place, or the PATH.
# Each candidate is run, not just found: a pyenv shim can exist and still fail.
PYTHON ?= $(shell for p in /root/.pyenv/versions/3.13*/bin/python3 $(HOME)/.pyenv/versions/3.13*/bin/python3 python3.13 python3; do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' >/dev/null 2>&1; then command -v "$$p"; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install translations messages run test lint format check-deploy pytest e2e lighthouse browser-deps chromium varnish bench outdated clean flags

help:
	@echo "make run       create .venv, install, migrate, load demo content, serve on http://$(HOST):$(PORT)"
	@echo "make test      lint, migrations check, production deploy check and the full test suite"
	@echo "make e2e       only the browser tests (tests/e2e: journeys, axe-core, reflow, screenshots)"
	@echo "make lighthouse  Lighthouse scores of the key pages under production settings (bench/lighthouse.sh)"
	@echo "make bench     benchmarks (see bench/README.md)"
	@echo "make outdated  pinned packages that have newer releases"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "netportal needs Python 3.13. Install it (for example 'pyenv install 3.13') or run 'make PYTHON=/path/to/python3.13 run'." >&2; \
		exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 13) else 1)' || { \
		echo "netportal needs Python 3.13; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

# The interface's translations: locale/*/LC_MESSAGES/django.po, compiled to .mo (not committed).
# After changing interface text: `make messages` (needs GNU gettext), translate what is new, then
# `make translations`; tests/core/test_translations.py fails until every string is translated.
translations: install
	$(MANAGE) compile_translations

messages: install
	$(MANAGE) makemessages --all --add-location file \
		--ignore='.venv/*' --ignore='node_modules/*' --ignore='staticfiles/*' --ignore='tests/*' --ignore='bench/*'

run: install translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_portal_content
	$(MANAGE) ensure_admin
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Link checks run in the background: '$(MANAGE) enqueue_link_checks' queues one, '$(MANAGE) db_worker --backend linkchecks' (another terminal) runs it."
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Production settings must pass Django's deployment checks with no warning at all.
check-deploy: install
	DJANGO_SETTINGS_MODULE=netportal.settings.production \
	SECRET_KEY=check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') \
	ALLOWED_HOSTS=portal.example.org REDIS_URL=redis://127.0.0.1:6379/0 \
	$(MANAGE) check --deploy --fail-level WARNING

PYTEST := $(BIN)/pytest

pytest: install translations
	$(PYTEST) $(PYTEST_ARGS)

test: lint check-deploy translations browser-deps varnish
	DJANGO_SETTINGS_MODULE=netportal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(PYTEST) $(PYTEST_ARGS)

# Browser tests need Debian's chromium and the pinned npm packages (axe-core, lighthouse).
# Without them the browser tests skip with "skipped: no chromium"; with CI=true they fail instead.
browser-deps: chromium node_modules/.installed

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif [ "$$CI" = true ]; then echo "CI=true: no /usr/bin/chromium and no root to install it" >&2; exit 1; \
	else echo "skipped: no chromium (tests/e2e will be skipped; install Debian's chromium package)"; fi

# The edge-cache tests (tests/caching/test_varnish.py) run Debian's varnishd with docker/varnish's VCL.
# Only the binary is used: the package's own service is stopped and disabled.
varnish:
	@if [ -x /usr/sbin/varnishd ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's varnish for the edge-cache tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish >/dev/null; \
		(systemctl disable --now varnish >/dev/null 2>&1 || service varnish stop >/dev/null 2>&1 || true); \
	elif [ "$$CI" = true ]; then echo "CI=true: no /usr/sbin/varnishd and no root to install it" >&2; exit 1; \
	else echo "skipped: no varnishd (tests/caching/test_varnish.py will be skipped; install Debian's varnish package)"; fi

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$$CI" = true ]; then echo "CI=true: npm is needed for axe-core and lighthouse" >&2; exit 1; \
	else echo "skipped: no npm (axe-core checks will be skipped)"; fi

# The SVG flags in static/flags/ are copied from the flag-icons version pinned in package.json
# (committed, so running the site needs no Node). After changing the pin: `make flags` and commit.
flags: install node_modules/.installed
	$(MANAGE) copy_flags

e2e: install browser-deps
	$(BIN)/pytest tests/e2e -m e2e $(PYTEST_ARGS)

lighthouse: install browser-deps
	bench/lighthouse.sh

# Load test against PostgreSQL and Redis on 127.0.0.1 with gunicorn in production settings (bench/README.md).
bench: install varnish
	$(BIN)/python -m bench.run

# Only the packages pinned with == in requirements*.txt. pip's warnings (no network) are shown, except
# its notes about local find-links folders that do not exist.
outdated: install
	@pinned=" $$(sed -nE 's/^([A-Za-z0-9_.-]+)==.*/\1/p' requirements.txt requirements-dev.txt | tr 'A-Z_.' 'a-z--' | paste -sd' ') "; \
	$(BIN)/python -m pip list --outdated --format=columns --disable-pip-version-check \
		2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2) | \
	awk -v pinned="$$pinned" 'NR <= 2 { head = head $$0 "\n"; next } \
		{ name = tolower($$1); gsub(/[_.]/, "-", name); if (index(pinned, " " name " ")) rows = rows $$0 "\n" } \
		END { if (rows) printf "%s%s", head, rows; else print "Every pinned package is current." }'

clean:
	rm -rf $(VENV) staticfiles .test-media .pytest_cache
