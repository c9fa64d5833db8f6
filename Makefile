# reception — two commands: `make run` and `make test`. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps

.PHONY: run test test-quick docs lint typecheck pytest bench dist translations system-run system-test clean

run: system-run $(STAMPS)/venv
	$(PY) -m reception gui $(ARGS)

test: system-test $(STAMPS)/venv lint typecheck pytest

lint: $(STAMPS)/venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMPS)/venv
	$(VENV)/bin/mypy

pytest: $(STAMPS)/venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# The inner loop: lint and the tests, without the PyInstaller build (`packaging`), the tests
# that drive the real pcscd (`pcsc`), the fuzz suite (`fuzz`) and the end-to-end walk-ins
# (`e2e`); no type check. `make test` (and CI) still runs everything.
test-quick: $(STAMPS)/venv lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not packaging and not pcsc and not fuzz and not e2e" $(PYTEST_ARGS)

# Two walk-ins through the real window, offscreen, on the simulators, to the development
# upload server (also part of `make test`, through pytest). RECEPTION_E2E_OUT=DIR keeps
# a PNG per step and summary.json; RECEPTION_E2E_SERVER=URL uploads to another server.
e2e: system-test $(STAMPS)/venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m e2e tests/e2e -q $(PYTEST_ARGS)

# The README's picture of the window: offscreen, on the simulators, mid-walk-in.
screenshot: $(STAMPS)/venv
	QT_QPA_PLATFORM=offscreen $(PY) scripts/window_screenshot.py docs/window.png

# The architecture picture, drawn by Graphviz from its text (both are committed).
docs: docs/architecture.png

docs/architecture.png: docs/architecture.dot
	@command -v dot >/dev/null || scripts/system-deps.sh test
	dot -Tpng -Gdpi=80 docs/architecture.dot -o docs/architecture.png

bench: system-test $(STAMPS)/venv
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

dist: system-run $(STAMPS)/venv
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# Refresh the Vietnamese source file from the code, then compile it (both are committed).
translations: $(STAMPS)/venv
	$(VENV)/bin/pyside6-lupdate $$(find ui -name '*.py' | sort) \
		-ts resources/translations/reception_vi.ts -no-obsolete
	$(VENV)/bin/pyside6-lrelease resources/translations/reception_vi.ts \
		-qm resources/translations/reception_vi.qm
	$(VENV)/bin/pyside6-lrelease resources/translations/qtbase_vi.ts \
		-qm resources/translations/qtbase_vi.qm

system-run:
	@scripts/system-deps.sh run

system-test:
	@scripts/system-deps.sh test

# The virtual environment, rebuilt when the project's dependencies change.
$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

clean:
	rm -rf build dist $(STAMPS) .mypy_cache .ruff_cache .pytest_cache
