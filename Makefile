# Every target sets up what it needs: a virtual environment in .venv with pinned versions.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
CONFIG ?= experiments/default.toml
REAL_DEV ?= ../shared/real-dev/sentences.jsonl

.DEFAULT_GOAL := help
.PHONY: help setup train test evaluate experiments bench export clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(READY): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

setup: $(READY) ## create .venv and install the package with pinned dependencies

train: $(READY) ## train the default model: models/default/ with metrics.json, report.md, plots
	$(BIN)/classifier train --config $(CONFIG)

test: $(READY) ## run the tests
	$(BIN)/python -m pytest

evaluate: $(READY) ## evaluate models/default on the real-dev sentences (if ../shared is present)
	$(BIN)/classifier evaluate --model models/default --data $(REAL_DEV)

clean: ## remove the virtual environment and trained models
	rm -rf $(VENV) models

experiments: $(READY) ## cross-validate every experiment grouped by article: experiments/results.md
	$(BIN)/classifier experiments

bench: $(READY) ## annotation throughput, cold start, peak memory, safe export (medians; trains first if needed)
	@test -f models/default/model.joblib || $(MAKE) train
	$(BIN)/python tools/bench.py models/default

export: $(READY) ## write models/default/model.skops, safe to load from untrusted sources
	$(BIN)/classifier export models/default
