# OCOP Marketplace. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2

# `make run` serves the site as production does (DEBUG off, gunicorn, whitenoise) on
# plain HTTP at 127.0.0.1, so the HTTPS-only switches are turned off here.
RUN_ENV = DJANGO_SETTINGS_MODULE=marketplace.settings.production \
	DJANGO_SECRET_KEY="$$(cat var/secret_key)" \
	ALLOWED_HOSTS=127.0.0.1,localhost \
	CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$(PORT),http://localhost:$(PORT) \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_SECURE_HSTS_SECONDS=0 \
	SERVE_MEDIA=1 SITE_BASE_URL=http://127.0.0.1:$(PORT)

.PHONY: help run dev demo browser-deps test lint format check messages clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# A first `make run` prints a few progress lines; the details of each step go to $(LOG).
LOG := var/log/make.log
# Run a step quietly: its output to $(LOG), and the end of it on screen if it fails.
QUIET = >>$(LOG) 2>&1 || { echo "  failed: the last lines of $(LOG):"; tail -n 25 $(LOG); exit 1; }

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@mkdir -p var/log
	@echo "• Creating the virtualenv ($(VENV))"
	@$(PYTHON) -m venv $(VENV) $(QUIET)
	@$(PY) -m pip install --quiet --upgrade pip $(QUIET)
	@touch $@

$(VENV)/.installed: $(VENV)/.python-ok pyproject.toml
	@mkdir -p var/log
	@echo "• Installing the dependencies (details in $(LOG))"
	@$(PY) -m pip install --quiet -e . $(QUIET)
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

var/secret_key:
	@mkdir -p var
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@chmod 600 $@

var/.demo-loaded: $(VENV)/.installed var/secret_key $(wildcard marketplace/demo/*.py marketplace/demo/data/*)
	@mkdir -p var/log
	@echo "• Creating the database tables"
	@$(RUN_ENV) $(PY) manage.py migrate --noinput $(QUIET)
	@echo "• Loading the demo data"
	@$(RUN_ENV) $(PY) manage.py load_demo > var/log/demo.log 2>&1; status=$$?; \
		cat var/log/demo.log >> $(LOG); \
		if [ $$status -ne 0 ]; then echo "  failed: the last lines of var/log/demo.log:"; tail -n 25 var/log/demo.log; exit 1; fi; \
		sed -n '/^Demo marketplace ready/,$$p' var/log/demo.log | sed 's/^/  /'
	@touch $@

var/static/staticfiles.json: $(VENV)/.installed $(shell find static templates -type f 2>/dev/null)
	@mkdir -p var/log
	@echo "• Collecting static files"
	@$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0 $(QUIET)

run: var/.demo-loaded var/static/staticfiles.json ## Install, migrate, load demo data and serve http://127.0.0.1:8000 as production does
	@$(RUN_ENV) $(PY) manage.py migrate --noinput --verbosity 0 $(QUIET)
	@echo "• Serving the OCOP Marketplace on http://127.0.0.1:$(PORT)/ (Ctrl+C stops; details in $(LOG))"
	@$(RUN_ENV) $(VENV)/bin/gunicorn marketplace.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers $(WORKERS) --access-logfile - --forwarded-allow-ips 127.0.0.1 \
		--max-requests 20000 --max-requests-jitter 2000 \
		--logger-class marketplace.gunicorn.Logger

dev: $(VENV)/.installed ## Serve with Django's runserver and DEBUG on
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

demo: $(VENV)/.installed ## Rebuild the demo data from scratch (load_demo --reset)
	$(PY) manage.py load_demo --reset

browser-deps:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Browser tests need Debian's Chromium: sudo apt-get install chromium"; exit 1; fi; }

test: $(VENV)/.installed-test browser-deps ## Run the whole test suite
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test ## Lint with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test ## Format with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(VENV)/.installed ## Django's system checks, missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: $(VENV)/.installed ## Extract and compile translations (needs gettext)
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
