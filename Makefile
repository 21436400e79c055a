# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
UV_VERSION := 0.9.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test install ui browser nginx lint format clean

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
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# The deployment tests run `nginx -t` and a live nginx on the gateway configs (Debian's nginx).
nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null)

run: install ui
	$(PY) scripts/run.py

test: install ui browser nginx
	$(PY) scripts/test.py

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf var .venv $(TOOLS) frontend/node_modules frontend/dist
