# Every task a contributor or CI runs. Each target bootstraps .venv from pinned versions first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Dates in the build come from the last commit, so two builds of one commit are byte-identical.
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: serve build build-zensical test test-fast typecheck validate browser office lock clean bench audit

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

serve: $(BIN)/.installed  ## build the site and serve it with live reload on http://127.0.0.1:8000/handbook/ (the path of site_url)
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

build: $(BIN)/.installed  ## build the site into site/
	$(BIN)/mkdocs build --strict

build-zensical: $(BIN)/.installed  ## the same site built by Zensical into site-zensical/, from the docs tree MkDocs generates
	$(BIN)/python -m handbook.export

validate: $(BIN)/.installed  ## check every data file
	$(BIN)/handbook validate data

browser:  ## install Debian's Chromium for the browser tests, which fail without it
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "!!! could not install chromium: the browser tests will FAIL"; \
	  else echo "!!! chromium is not installed and cannot be installed here: the browser tests will FAIL"; fi; }

office:  ## install LibreOffice (Writer, Calc) for the document tests, which fail without it
	@command -v soffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null) \
	      || echo "!!! could not install LibreOffice: the document tests will FAIL"; \
	  else echo "!!! LibreOffice (soffice) is not installed and cannot be installed here: the document tests will FAIL"; fi; }

typecheck: $(BIN)/.installed  ## mypy over the package
	$(BIN)/python -m mypy

test: $(BIN)/.installed browser office typecheck  ## run the whole test suite
	$(BIN)/python -m pytest

test-fast: $(BIN)/.installed typecheck  ## every test but the browser tests and those that build the site more than once, on both cores
	$(BIN)/python -m pytest -m "not browser and not slow" -n 2

audit/node_modules/.installed: audit/package.json audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund --loglevel=error
	touch $@

audit: build browser audit/node_modules/.installed  ## Lighthouse (pinned in audit/package-lock.json, mobile defaults) on a page of each kind; not part of test
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python audit/lighthouse.py site \
	  "$$(sed -n 's|^site_url: *[a-z]*://[^/]*||p' mkdocs.yml)"

lock:  ## re-pin every dependency after editing pyproject.toml
	rm -rf /tmp/handbook-lock && $(PYTHON) -m venv /tmp/handbook-lock
	/tmp/handbook-lock/bin/pip install --quiet setuptools==80.9.0 -e '.[test]'
	{ sed -n '1,2p' requirements.lock; /tmp/handbook-lock/bin/pip freeze --exclude-editable --all | grep -v '^pip=='; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf site site-zensical .zensical .pytest_cache

bench: $(BIN)/.installed  ## cold build cost against plain MkDocs at 10 and 100 roles, written to bench/results/latest.json and BENCHMARKS.md; BENCH_SIZES=10 for a quick run, written under bench/work/
	$(BIN)/python bench/run.py
