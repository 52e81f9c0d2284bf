#!/usr/bin/env bash
# Install whatever is missing, and nothing else: Debian packages (apt-get) and a .venv with the
# pinned Python dependencies. Safe to run again: a second run checks and changes nothing.
#   scripts/bootstrap.sh [app|dev]   (dev adds the test/lint tools and PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-app}

APT_APP=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-jpn tesseract-ocr-ara tesseract-ocr-fas
  tesseract-ocr-tur tesseract-ocr-urd tesseract-ocr-ben tesseract-ocr-hin tesseract-ocr-nep tesseract-ocr-tam
  tesseract-ocr-sin tesseract-ocr-mya tesseract-ocr-khm tesseract-ocr-kmr tesseract-ocr-fra
  fonts-noto-core fonts-noto-cjk xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 python3 python3-venv python3-dev)
APT_DEV=(postgresql poppler-utils)

packages=("${APT_APP[@]}")
[ "$MODE" = dev ] && packages+=("${APT_DEV[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# This workplace's Python may come from pyenv rather than Debian: then python3-venv/-dev are not needed.
if python3 -c 'import ensurepip, sysconfig, os, sys; sys.exit(0 if os.path.exists(sysconfig.get_paths()["include"] + "/Python.h") else 1)' 2>/dev/null; then
  filtered=(); for p in "${missing[@]}"; do case "$p" in python3|python3-venv|python3-dev) ;; *) filtered+=("$p");; esac; done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
reqs=(requirements.txt)
[ "$MODE" = dev ] && reqs+=(requirements-dev.txt)
stamp=".venv/.installed-$MODE"
want=$(cat "${reqs[@]}" pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Python packages into .venv ($MODE)" >&2
  # pip's output goes to a log, shown only if it fails: CI logs stay readable.
  log=.venv/pip-install.log
  { .venv/bin/python -m pip install --disable-pip-version-check -r "${reqs[-1]}" &&
    .venv/bin/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e . ; } >"$log" 2>&1 ||
    { tail -n 60 "$log" >&2; echo "pip install failed; full log in $log" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
