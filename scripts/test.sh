#!/usr/bin/env bash
# Quick start 2: install what is missing, then run every check CI runs: lint, types, import
# contracts and the whole test suite (real Tesseract, real models, SQLite and PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
export QT_QPA_PLATFORM=offscreen OMP_THREAD_LIMIT=1 PYTHONHASHSEED=0
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
V=.venv/bin

echo "== ruff" && $V/ruff check . && $V/ruff format --check .
echo "== mypy" && $V/mypy
echo "== import-linter" && $V/lint-imports

# A throwaway PostgreSQL on a loopback port for the store tests; stopped on exit.
source scripts/pg_throwaway.sh
pg_throwaway_start || echo "PostgreSQL not available: the PostgreSQL store tests will be skipped." >&2
trap pg_throwaway_stop EXIT

echo "== pytest"
$V/python -m pytest "$@"
