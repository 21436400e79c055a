# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
UV_VERSION := 0.9.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test install lint format clean

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

# Installs (or updates) the whole workspace exactly as uv.lock pins it.
install: $(UV)
	$(UV) sync --all-packages --locked --quiet

run: install
	$(PY) scripts/run.py

test: install
	$(PY) scripts/test.py

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf var .venv $(TOOLS)
