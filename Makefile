# Navet: `make run` starts the product, `make test` runs every check. Both install what they need.
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NAVET_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test install lint unit-sqlite unit-postgresql messages bench clean

$(INSTALLED): pyproject.toml
	scripts/system-deps run
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(INSTALLED)

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

run: install
	mkdir -p var
	$(BIN)/navet migrate --noinput
	$(BIN)/navet seed demo
	scripts/run-dev

test: install
	scripts/system-deps test
	$(MAKE) --no-print-directory node_modules/.installed lint unit-sqlite unit-postgresql

lint:
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/djhtml --check $$(find src -name '*.html')
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/navet makemigrations --check --dry-run

unit-sqlite:
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest --numprocesses=auto

unit-postgresql:
	@echo "== Test suite on PostgreSQL"
	$(BIN)/python scripts/with_postgres.py $(BIN)/pytest --numprocesses=auto

# Not part of `make test`. The matching engine alone on 5 000 made-up calls and 1 040 needs, then
# pages, matching and ingestion on generated data (BENCH_SCALE: county or national) on SQLite and
# on a throwaway PostgreSQL; the tables go to var/bench/ (docs/performance.md).
BENCH_SCALE ?= national
bench: install
	$(BIN)/python scripts/bench_matching.py
	env -u DATABASE_URL $(BIN)/python scripts/bench.py --scale $(BENCH_SCALE)
	$(BIN)/python scripts/with_postgres.py $(BIN)/python scripts/bench.py --scale $(BENCH_SCALE)

messages:
	cd src/navet && ../../$(BIN)/navet makemessages -l sv --no-obsolete && ../../$(BIN)/navet compilemessages

clean:
	rm -rf $(VENV) node_modules var
