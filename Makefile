# nno: `make run` (the app with demo data on SQLite) and `make test` (the whole suite).
# Both set themselves up: a virtual environment with a Python >= 3.12, the packages,
# the JavaScript test tools and the database tables.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format vendor clean help

help:
	@echo "make run    run nno with demo data at http://$(HOST):$(PORT) (SQLite, DEBUG on)"
	@echo "make test   run the whole test suite (browser tests need Debian's chromium)"
	@echo "make lint   ruff check and format check"
	@echo "make install  only set up: the virtual environment, packages and axe-core (npm)"

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || { py=$$(bin/find-python) && echo "Creating $(VENV) with $$py" && $$py -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

install: $(STAMP) node_modules/.package-lock.json

run: $(STAMP)
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP) node_modules/.package-lock.json
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Copy the front-end libraries from their npm packages into static/vendor/ (committed).
vendor: node_modules/.package-lock.json
	rm -rf static/vendor && mkdir -p static/vendor/bootstrap static/vendor/leaflet static/vendor/chart.js
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* node_modules/bootstrap/LICENSE static/vendor/bootstrap/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images node_modules/leaflet/LICENSE static/vendor/leaflet/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map node_modules/chart.js/LICENSE.md static/vendor/chart.js/

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
