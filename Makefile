# Carnet: `make run` serves the demo, `make test` runs the suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH ?=
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-deu poppler-utils gettext

.PHONY: run setup system-packages venv migrate demo serve test lint format bench worker clean

run: setup migrate demo serve

setup: system-packages venv messages

system-packages:
	@bash scripts/system_packages.sh $(SYSTEM_PACKAGES)

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PIP) install -q --upgrade pip
	@$(PIP) install -q -c requirements.lock -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

messages: venv
	@$(PY) manage.py compilemessages -v0 --ignore=.venv

migrate: venv
	@$(PY) manage.py migrate -v0

demo: venv
	@$(PY) manage.py generate_demo --tenant demo --if-missing

serve: venv
	@bash scripts/serve.sh $(HOST) $(PORT)

worker: venv
	@$(VENV)/bin/celery -A config worker -Q default,ocr -l info --concurrency=2

test: setup
	@$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(PY) manage.py makemigrations --check --dry-run -v0

format: venv
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

bench: setup
	@$(PY) -m bench.run $(if $(BENCH),--only $(BENCH),)

clean:
	rm -rf $(VENV) media staticfiles carnet.sqlite3*
