# Two entry points: `make run` (demo site on SQLite) and `make test` (the whole suite).
# Everything they need is installed here, so both work on a fresh clone.

ifndef PYTHON
PYTHON := $(shell scripts/find-python)
endif

VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
ADDRESS ?= 127.0.0.1:8000

# uv must use the interpreter found above, never download one, and install into .venv.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_NO_PROGRESS := 1
# Installed packages are compiled once here: jieba 0.42's regexes warn (SyntaxWarning) when compiled
# at import, and the environment may forbid writing .pyc files then (PYTHONDONTWRITEBYTECODE).
export UV_COMPILE_BYTECODE := 1

MANAGE := $(VENV)/bin/python manage.py

.PHONY: install pdf-support browser-support nginx-support checkers-support run test lint prod-check format clean python

python:
	@test -n "$(PYTHON)" || { echo "make: no usable Python >= 3.12 (see the message above)"; exit 1; }

$(UV): | python
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed pdf-support browser-support nginx-support checkers-support

# Pango, HarfBuzz's subsetter and a CJK font for the PDFs (installed with apt-get when missing and
# possible), then the small copies of its faces that the PDFs embed (manage.py build_pdf_fonts).
pdf-support: $(VENV)/.installed
	@scripts/ensure-pdf-support

# Debian's Chromium for the browser tests: installed with apt-get when missing and possible.
browser-support:
	@scripts/ensure-browser

# The Nu HTML checker (on Java) and axe-core for the conformance tests (tests/conformance/).
checkers-support:
	@scripts/ensure-checkers

# nginx for the test of docs/deploy.md's proxy configuration: installed with apt-get when missing.
nginx-support:
	@scripts/ensure-nginx

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo
	@echo "Admin: http://$(ADDRESS)/admin/  (log in with a demo user printed above; see README.md)"
	@echo "Mail (subscriptions): $$($(VENV)/bin/python -c 'from config.email import mailers, where_mail_goes; print(where_mail_goes(mailers()["default"]))')  (EMAIL_URL=file:///tmp/mails to keep them as files)"
	@echo
	$(MANAGE) runserver $(ADDRESS)

test: install
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	# Which app knows which (pyproject.toml, [tool.importlinter]), and modules of one topic each.
	$(VENV)/bin/lint-imports --no-cache
	scripts/check-module-size
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

# The production settings as an operator checks them before going live (docs/deploy.md).
prod-check: install
	scripts/prod-check

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The performance benchmarks (bench/run.py; README.md, Performance): each figure against a floor
# measured in the same run, on SQLite or on the PostgreSQL server DATABASE_URL names.
.PHONY: bench bench-quick
bench: install
	$(VENV)/bin/python bench/run.py

# The same on a tenth of the data, in under two minutes.
bench-quick: install
	$(VENV)/bin/python bench/run.py --quick

# The public site under load: gunicorn, PostgreSQL and 100,000 generated standards (bench/load.py),
# without the page cache, then on the same database with it in Redis.
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/5
.PHONY: bench-load
bench-load: $(VENV)/.installed
	$(VENV)/bin/python bench/load.py --keep
	$(VENV)/bin/python bench/load.py --reuse --redis-url $(LOAD_REDIS_URL) \
		--output bench/load-results-redis.json

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache .pdf-fonts .pdf-fonts.*
