# eventwire: `make demo` sets everything up and codes the bundled sample articles;
# `make test` sets everything up and runs the whole test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup setup-ray demo test test-ray quality bench clean browser

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Ray is an optional extra; the test suite checks the Ray path too.
setup-ray: $(VENV)/.ray-installed

$(VENV)/.ray-installed: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,ray]'
	touch $@

# Headless Chromium for the dashboard's browser tests (Debian package; Playwright drives it).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

demo: setup
	$(BIN)/eventwire code samples/*.txt
	rm -f demo.db
	$(BIN)/eventwire ingest samples --db demo.db
	$(BIN)/eventwire stats --db demo.db

test: setup-ray browser
	$(BIN)/pytest -q -m "not ray"
	$(MAKE) --no-print-directory test-ray

# Ray probes cloud metadata addresses when it starts: its tests run in a network namespace with
# loopback only (needs root, as on CI), so nothing can leave the machine.
test-ray: setup-ray
	unshare -n sh -c 'ip link set lo up && $(BIN)/pytest -q -m ray'

# The accuracy gate alone (also part of `make test`).
quality: setup
	$(BIN)/eventwire eval tests/gold --floors tests/gold/floors.json

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build dist *.egg-info demo.db
