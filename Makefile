# Two commands for a fresh machine: `make serve` (preview with live reload) and `make test` (everything).
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python
SITE := site

.PHONY: serve build test bench csp review-due review-lines review-packet go-live-check rules lock system clean zensical-check

# The virtual environment with the pinned build packages (what Netlify installs).
.venv/.build: requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Plus the pinned test-only packages.
.venv/.test: .venv/.build requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Node tools for the tests and the benchmark, exactly as package-lock.json records them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium (browser tests, Lighthouse), a Java runtime (HTML validator) and nginx (benchmark),
# installed with apt-get only when missing.
system:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v nginx >/dev/null || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing:$$missing (no apt-get here: install them by hand)"; fi; \
	fi

# Live preview at http://127.0.0.1:8000. To look at it from a phone on the same network: make serve HOST=0.0.0.0
HOST ?= 127.0.0.1
PORT ?= 8000
serve: .venv/.build
	PYTHONPATH=. $(PY) -m kapsite.serve --host $(HOST) --port $(PORT)

# The build Netlify runs: source checks, mkdocs build --strict, checks on the built HTML.
build: .venv/.build
	$(PY) -m kapsite.build $(SITE)

test: .venv/.test node_modules/.installed system
	.venv/bin/codespell --config .codespellrc docs
	$(PY) -m kapsite.zensical_check
	$(PY) -m pytest

bench: .venv/.test node_modules/.installed system
	$(PY) bench/run.py

# Prints the Content-Security-Policy for netlify.toml: the hashes of the theme's known inline scripts
# (kapsite/allowlist.py) in a fresh build; refuses if the site holds any other inline script.
csp: .venv/.build
	$(PY) -m kapsite.csp

review-due: .venv/.build
	$(PY) -m kapsite.check review-due

# One printable packet per page that needs clinical review, for the reviewing clinician: review-packet/index.html
review-packet: .venv/.build
	$(PY) -m kapsite.review_packet review-packet

# After a clinician has reviewed a whole page: the front matter lines that record it. make review-lines PAGE=docs/faq.md
review-lines: .venv/.build
	$(PY) -m kapsite.check review-lines $(PAGE)

# What a production build still refuses: clinic details, clinicians, reviewers, pending reviews, texts to supply.
go-live-check: .venv/.build
	$(PY) -m kapsite.check go-live

# Every publish rule, with its id and what it checks.
rules: .venv/.build
	$(PY) -m kapsite.check rules

# Re-pin requirements.txt after changing a version (then run make test).
lock:
	rm -rf /tmp/kap-lock && python3 -m venv /tmp/kap-lock
	/tmp/kap-lock/bin/pip install --quiet $$(grep -E '^(mkdocs|mkdocs-material|pymdown-extensions)==' requirements.txt)
	{ sed -n '1,2p' requirements.txt; /tmp/kap-lock/bin/pip freeze; } > requirements.txt.new && mv requirements.txt.new requirements.txt

clean:
	rm -rf $(SITE) .pytest_cache

# Builds the site with Zensical, Material's successor, as well and compares each page's key contents with the
# MkDocs build (kapsite/zensical_check.py; what legitimately differs is in README.md, "Zensical").
zensical-check: .venv/.test
	$(PY) -m kapsite.zensical_check
