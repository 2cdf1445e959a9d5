# Two commands set everything up on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: book lite test serve lab generate check clean venv js handouts

# The virtualenv is remade when the requirements change. pyproject.toml lists every
# dependency; the requirements files install the project (editable) with its extras.
$(BIN)/.installed: requirements.txt pyproject.toml runtime/pyproject.toml runtime/jupyter-config/patientcourse_runtime.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	# The runtime's Jupyter server extension (an opened notebook is not marked changed): a wheel
	# install turns it on with this file; the editable install above does not copy data files.
	mkdir -p $(VENV)/etc/jupyter/jupyter_server_config.d
	cp runtime/jupyter-config/patientcourse_runtime.json $(VENV)/etc/jupyter/jupyter_server_config.d/
	touch $@

# JupyterLite's Pyodide kernel also installs its front end into this venv's JupyterLab, where it
# does not belong: made for JupyterLab 4.6, it is reported incompatible and breaks `make lab`
# (JupyterLab 4.5) with a console error. `make lite` takes that front end from its pinned wheel
# (patientcourse/lite/wheels.txt), never from the venv, so the venv's copy is removed.
LITE_IN_LAB := $(VENV)/share/jupyter/labextensions/@jupyterlite

$(BIN)/.installed-lite: $(BIN)/.installed requirements-lite.txt
	$(BIN)/pip install --quiet -r requirements-lite.txt
	rm -rf $(LITE_IN_LAB)
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed-lite requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	rm -rf $(LITE_IN_LAB)
	touch $@

venv: $(BIN)/.installed

## make book: create .venv, install, check and generate the course, build the book into _build/html
book: $(BIN)/.installed
	$(BIN)/patientcourse build

## make lite: the book plus the in-browser JupyterLab (_build/html/lite); needs npm (see README)
lite: $(BIN)/.installed-lite
	$(BIN)/patientcourse build --lite

## make test: install what the tests need and run the whole suite
test: $(BIN)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make serve: preview the built book on http://$(HOST):$(PORT)/
serve: $(BIN)/.installed
	@test -f _build/html/index.html || $(MAKE) book
	@echo "Serving the book at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server --bind $(HOST) --directory _build/html $(PORT)

## make lab: open JupyterLab on the quiz notebooks
lab: $(BIN)/.installed
	$(BIN)/jupyter lab --notebook-dir=notebooks

generate: $(BIN)/.installed
	$(BIN)/patientcourse generate

check: $(BIN)/.installed
	$(BIN)/patientcourse check

## make handouts: one printable PDF per chapter in handouts/ (builds the book if needed)
handouts: $(BIN)/.installed
	$(BIN)/patientcourse handouts --out handouts

## make js: rebuild patientcourse/static/patientcourse.js and .css from their sources in patientcourse/web/
js: $(BIN)/.installed
	$(BIN)/python -m patientcourse.web

clean:
	rm -rf _build
