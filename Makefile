# Two commands do everything on a fresh machine: `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONPATH := $(CURDIR)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test system serve bench report check-data lint lock clean

## site: set up from nothing (.venv, pinned dependencies) and build everything into site/
site: $(VENV)/.installed node_modules/.installed
	$(PY) -m scripts.build

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

## test: build the site, then run every test (Python, Node, real Chromium, nginx); installs what it needs
test: system site
	$(PY) -m ruff check scripts overrides tests
	node_modules/.bin/eslint .
	node --test tests/js/
	$(PY) -m pytest -q

## system: the Debian packages the tests need (installed when run as root, else one line says what to run)
system:
	@tests/support/system-packages.sh

## serve: live preview on http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve

## bench: timings (build, leaflets, Lighthouse) as one table
bench: site node_modules/.installed
	$(PY) -m scripts.bench

## report: what each staff link, place and campaign brought, from nginx's log: make report LOG=/var/log/nginx/access.log
report: $(VENV)/.installed
	@test -n "$(LOG)" || { echo "make report needs LOG=<nginx access log>, e.g. make report LOG='/var/log/nginx/access.log*'" >&2; exit 2; }
	$(PY) -m scripts.report $(LOG) --out $(or $(OUT),report)

## check-data: validate data/ and say what to fix
check-data: $(VENV)/.installed
	$(PY) -m scripts.check

lint: $(VENV)/.installed node_modules/.installed
	$(PY) -m ruff check scripts overrides tests
	node_modules/.bin/eslint .

## lock: regenerate requirements.txt (all pins) from requirements.in (direct pins)
lock:
	$(PY) -m pip install -r requirements.in && $(PY) -m pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf site .cache
