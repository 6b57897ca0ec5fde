# New Unity website. `make run` serves the site with demo content; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.requirements-installed
# Local checks of the production stack: loopback only, plain HTTP.
SERVE_ENV := DJANGO_SETTINGS_MODULE=newunity.settings.production \
	SECRET_KEY="$${SECRET_KEY:-local-serve-only-$$(cat .admin-password 2>/dev/null)-not-for-production}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false

.PHONY: run test test-fast test-browser lint format serve requirements audit bench

# The virtual environment is (re)built only when a requirements file changes.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py create_local_admin
# Scheduled publishing and the other timed jobs run beside the server, and stop with it.
	$(BIN)/python manage.py run_scheduled_work & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests run in a pass of their own, last: see tests/browser/conftest.py.
test: test-fast test-browser

test-fast: $(STAMP)
	$(BIN)/python -m pytest --ignore=tests/browser $(PYTEST_ARGS)

test-browser: $(STAMP)
	$(BIN)/python -m pytest tests/browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve: $(STAMP)
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/gunicorn newunity.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT)

# Lighthouse scores per reader page type, production stack on loopback: scripts/audit.py.
audit: $(STAMP)
	$(BIN)/python -m scripts.audit

# Regenerate the exact pins from requirements.in and requirements-dev.in.
requirements: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 requirements.in -o requirements.txt
	$(BIN)/uv pip compile --quiet --python-version 3.11 requirements-dev.in -o requirements-dev.txt

# Requests per second and latency per page type, cold and warm cache, against the same
# HTML as a static file; 10, 1,000 and 10,000 articles. Loopback only: bench/run.py.
bench: $(STAMP)
	$(BIN)/python -m bench.run
