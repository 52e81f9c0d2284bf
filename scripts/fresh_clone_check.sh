#!/usr/bin/env bash
# The whole CI run on a fresh clone, as on a machine that never ran anything: a clone of HEAD (committed work
# only) in a new folder, an empty HOME (no user data folder, no pip, Hugging Face or font caches), no
# EXAMINER_* or PYTHONPATH from this shell, and a new .venv that scripts/bootstrap.sh installs from the
# requirements files alone. Arguments go to pytest (e.g. -x -q).
#   [PG_PORT=N] scripts/fresh_clone_check.sh [pytest args]   # keeps the folder when it fails, removes it when it passes
set -euo pipefail
SRC=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
WORK=$(mktemp -d /tmp/examiner-fresh-XXXXXX)
echo "fresh clone of $(git -C "$SRC" rev-parse --short HEAD) in $WORK" >&2
git clone -q "$SRC" "$WORK/repo"
mkdir -p "$WORK/home"
# A copy of ../shared beside the clone, as CI has it (tests that need shared data skip without it).
[ -d "$SRC/../shared" ] && [ ! -e "$WORK/shared" ] && cp -r "$SRC/../shared" "$WORK/shared" 2>/dev/null || true
# The interpreter this shell's python3 really is (a pyenv shim would look for its versions under the old HOME).
PY=$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))')
started=$(date +%s)
set +e
env -i PATH="$(dirname "$PY"):/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" HOME="$WORK/home" \
  LANG=C.UTF-8 CI=true PYTHON="$PY" PG_PORT="${PG_PORT:-54329}" bash -c 'cd "$1/repo" && bash .ci/run "${@:2}"' _ "$WORK" "$@"
status=$?
set -e
echo "fresh-clone run: exit $status after $(( $(date +%s) - started )) s (clone, install and tests)" >&2
if [ $status -eq 0 ]; then rm -rf "$WORK"; else echo "kept $WORK for a look" >&2; fi
exit $status
