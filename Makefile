# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
UV_VERSION := 0.9.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
# Debian packages the tests and benchmarks need, installed only when missing.
APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

.PHONY: run test fuzz faults install ui browser nginx wrk lint format clean bench-api

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

# Installs (or updates) the whole workspace exactly as uv.lock pins it.
install: $(UV)
	$(UV) sync --all-packages --locked --quiet

# The web UI: packages exactly as package-lock.json pins them, then the production build
# (served by `vite preview` on port 1000, which also proxies the API per DESIGN §3).
frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

ui: frontend/node_modules/.installed
	cd frontend && npm run build --silent

# Browser tests drive Debian's chromium (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null || ($(APT_INSTALL) chromium >/dev/null)

# The deployment tests run `nginx -t` and a live nginx on the gateway configs (Debian's nginx).
# bench/api.py's load generator, Debian's wrk.
wrk:
	@command -v wrk >/dev/null || ($(APT_INSTALL) wrk >/dev/null)

nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || ($(APT_INSTALL) --no-install-recommends nginx-light >/dev/null)

run: install ui
	$(PY) scripts/run.py

test: install ui browser nginx
	$(PY) scripts/test.py

# The long fuzz: each service against its own OpenAPI schema as every role (its test_fuzz.py),
# with many more examples per operation than `make test` runs, plus schemathesis' coverage
# cases. `make fuzz FUZZ_EXAMPLES=500` goes further.
FUZZ_EXAMPLES ?= 100
FUZZ_SERVICES := auth_service workflow_api ticket_service messaging_service notification_service
fuzz: install
	@failed=""; for s in $(FUZZ_SERVICES); do \
		echo "===== fuzz $$s ($(FUZZ_EXAMPLES) examples)"; start=$$SECONDS; \
		(cd $$s && FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_COVERAGE=1 ../.venv/bin/pytest -q -k test_fuzz) || failed="$$failed $$s"; \
		echo "$$s: $$((SECONDS - start))s"; \
	done; \
	if [ -n "$$failed" ]; then echo "FUZZ FAILED:$$failed"; exit 1; fi; echo "FUZZ PASSED"

# Issue 12 item 2: the read endpoints under wrk at 100,000 and 1,000,000 tickets (own
# databases, dropped after). `make bench-api BENCH_API_ARGS="--sizes 100000 --duration 10"`.
BENCH_API_ARGS ?=
bench-api: install wrk
	$(PY) bench/api.py $(BENCH_API_ARGS)

# The fault tests (e2e/faults/README.md) at full size: 5,000 tickets per scenario and a
# one-minute network cut; `make test` runs them with 400 tickets.
FAULT_TICKETS ?= 5000
FAULT_CUT_SECONDS ?= 60
faults: install
	FAULT_TICKETS=$(FAULT_TICKETS) FAULT_CUT_SECONDS=$(FAULT_CUT_SECONDS) $(PY) scripts/test.py faults

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf var .venv $(TOOLS) frontend/node_modules frontend/dist
