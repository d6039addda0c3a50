# The two commands that matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
TYPED := daemon/autobangumi_daemon rest_bridge/autobangumi_bridge src/autobangumi_app \
         src/autobangumi/rpc.py src/autobangumi/contract.py src/autobangumi/jsonmap.py

.PHONY: run venv dev proto web-types web web-typecheck lint test test-deps test-core test-api test-postgres test-ha bench clean

run: venv
	$(VENV)/bin/autobangumi serve

venv:
	@bash tools/bootstrap.sh

dev:
	@bash tools/bootstrap.sh dev

proto:
	python3 tools/gen_proto.py

# The web page's TypeScript types and route table, from the same descriptors.
web-types: dev
	$(PY) tools/gen_web_types.py

# The web page's packages, from the lock file; installed again only when the lock file changes.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

# Build the web page into the bridge package (committed, so running and installing need no Node),
# then stamp the bundle with the digest of its sources (tests/contract/test_web_bundle.py).
web: dev web-types web/node_modules/.package-lock.json
	cd web && npm run build
	$(PY) tools/web_stamp.py write

web-typecheck: web/node_modules/.package-lock.json
	cd web && npx --no-install tsc --noEmit

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict $(TYPED)
	$(VENV)/bin/hadolint Dockerfile

test-deps:
	@bash tools/install-test-deps.sh

# Every suite: lint and types, the contract, the API against a real daemon and bridge, the
# parser, feeds and library against real qBittorrent, Transmission and aria2, the API,
# pipeline and library again on PostgreSQL, then Home Assistant.
test: dev test-deps lint web-typecheck
	rm -rf .test-reports
	$(VENV)/bin/pytest -q -p no:cacheprovider --junitxml=.test-reports/project.xml
	AB_TEST_STORE=postgres $(VENV)/bin/pytest -q -p no:cacheprovider --junitxml=.test-reports/postgres.xml \
	    tests/api tests/feeds tests/library
	bash tools/test-ha.sh --junitxml=$(CURDIR)/.test-reports/home-assistant.xml
	@$(PY) tools/test_summary.py

# The Home Assistant component inside a real Home Assistant (its own Python 3.13 venv).
test-ha: dev
	bash tools/test-ha.sh

# The component's HACS repository (hacs.json, README.md, custom_components/) in build/hacs.
.PHONY: ha-package
ha-package:
	python3 tools/ha_package.py

test-core: dev
	$(VENV)/bin/pytest -q tests/core tests/contract

test-api: dev
	$(VENV)/bin/pytest -q tests/api

# The API, pipeline and library suites again with every daemon on PostgreSQL (a throw-away cluster on
# loopback from Debian's postgresql, installed by test-deps; a database per test).
test-postgres: dev test-deps
	AB_TEST_STORE=postgres $(VENV)/bin/pytest -q -p no:cacheprovider tests/api tests/feeds tests/library

bench: dev
	$(PY) bench/api.py

# Fault and load scripts (kill -9, downloader and upstream failures, a locked database, 200
# clients): each bounds itself and writes its section of docs/reliability.md.
.PHONY: reliability
reliability: dev test-deps
	$(PY) bench/reliability/run.py

clean:
	rm -rf $(VENV) .venv-proto .venv-ha .mypy_cache .ruff_cache .pytest_cache
