#!/usr/bin/env bash
# Quick start 1: install what is missing, then open the app on the bundled fictional sample cases.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh app
export OMP_THREAD_LIMIT=1
export EXAMINER_DATA_DIR=${EXAMINER_DATA_DIR:-$HOME/.local/share/examiner-workbench-demo}
# The demo store holds only fictional cases; it is still encrypted at rest, with this published passphrase.
export EXAMINER_PASSPHRASE=${EXAMINER_PASSPHRASE:-fictional-demo-data-only}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting the app on a virtual screen (xvfb-run). Run this from a desktop session to see it." >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/examiner-app --demo "$@"
fi
exec .venv/bin/examiner-app --demo "$@"
