# Thin wrappers: the logic lives in scripts/*.sh.
SHELL := /bin/bash

.PHONY: setup train test run lint format

## Create .venv (Python 3.10) and install requirements when they changed
setup:
	@scripts/setup.sh

## Train the Rasa model if domain/config/data changed; models/current -> it
train: setup
	@scripts/train.sh

## Lint, data checks, train if stale, then pytest (what CI runs)
test: setup
	@scripts/test.sh

## Start everything (actions, Rasa, demo page, dashboard, jobs) and print the URLs; Ctrl-C stops all
run: train
	@scripts/run.sh

lint: setup
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .

format: setup
	@.venv/bin/ruff format .
	@.venv/bin/ruff check --fix .
