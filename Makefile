# Every target sets up what it needs: on a fresh machine `make demo` or `make test` is enough.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# checkov scans deploy/ in the tests (tests/code/test_k8s.py). It pins older packaging,
# cachetools and importlib-metadata than ours, so it gets a venv of its own, outside ours; the
# stamp names the version, so changing it here installs that one.
CHECKOV_VERSION := 3.3.30
CHECKOV := .venv-checkov/.installed-$(CHECKOV_VERSION)

.PHONY: setup demo test test-fast check lint bench container clean

setup: $(STAMP) $(CHECKOV)

# Re-install only when the dependency list changes, so a second run starts in seconds.
# Every extra (`all`: analysis, learn, pipeline, serve, postgres, deep) and the tools (`dev`): the
# tests cover every month, and in CI a missing extra fails them (tests/code/test_extras.py).
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "aieng needs Python 3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[all,dev]'
	@touch $(STAMP)

# The scanner's venv (see CHECKOV above).
$(CHECKOV):
	@test -x .venv-checkov/bin/python || $(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/pip install --quiet checkov==$(CHECKOV_VERSION)
	@rm -f .venv-checkov/.installed-* && touch $(CHECKOV)

demo: setup
	@bash scripts/demo.sh

# pytest exits 5 when it collects no test: make treats that as the failure it is.
test: setup
	$(PY) -m pytest

# The inner loop: the tests not marked slow, spread by pytest-xdist over one process per core.
# `make test` stays the whole suite in one process, and it is what CI and `make check` run.
test-fast: setup
	$(PY) -m pytest -m "not slow" -n auto

lint: setup
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/mypy

check: lint test

# Build the service's image and run it (what tests/e2e/test_container.py does in CI): installs
# docker.io and debootstrap with apt when missing, so it needs root on Debian.
container: setup
	bash scripts/container-test.sh

# Speed and memory beside the tool a user would otherwise pick (figures go in the README).
# ydata-profiling pins older pandas and NumPy, so it gets a venv of its own, outside ours.
YDATA := benchmarks/.venv-ydata/bin/python
bench: setup $(YDATA)
	$(PY) benchmarks/m01_clean.py
	$(PY) benchmarks/m02_explore.py --ydata-python $(YDATA)
	$(PY) benchmarks/m03_least_squares.py
	$(PY) benchmarks/learn_check.py
	$(PY) benchmarks/cli_start.py
	$(PY) benchmarks/predlog_commit.py
	$(PY) benchmarks/deep_loop.py
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(PY) benchmarks/serving/bench.py
	$(PY) benchmarks/serving/abuse.py

$(YDATA):
	$(PYTHON) -m venv benchmarks/.venv-ydata
	benchmarks/.venv-ydata/bin/pip install --quiet ydata-profiling==4.18.4

clean:
	rm -rf $(VENV) .venv-checkov benchmarks/.venv-ydata benchmarks/.cache build *.egg-info src/*.egg-info .pytest_cache \
		.mypy_cache .ruff_cache
