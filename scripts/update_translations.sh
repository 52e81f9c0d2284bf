#!/usr/bin/env bash
# Refresh the UI translation catalogues from the source and compile them.
#
#   scripts/update_translations.sh            # update examiner_ja.ts (keeps existing translations), build .qm
#   scripts/update_translations.sh --check    # fail if a message has no translation (CI)
#
# Translators edit resources/translations/examiner_<lang>.ts (Qt Linguist: .venv/bin/pyside6-linguist);
# the app loads the compiled examiner_<lang>.qm. English is the source language and needs no catalogue.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${VENV_BIN:-$ROOT/.venv/bin}"
OUT="$ROOT/resources/translations"
LANGUAGES=(ja)

mkdir -p "$OUT"
mapfile -t SOURCES < <(find "$ROOT/examiner_app/ui" -name '*.py' | sort)

for lang in "${LANGUAGES[@]}"; do
    ts="$OUT/examiner_${lang}.ts"
    "$BIN/pyside6-lupdate" -no-obsolete -locations relative "${SOURCES[@]}" -ts "$ts"
    if [[ "${1:-}" == "--check" ]] && grep -q 'type="unfinished"' "$ts"; then
        echo "error: $ts has untranslated messages:" >&2
        grep -B3 'type="unfinished"' "$ts" | grep '<source>' >&2
        exit 1
    fi
    "$BIN/pyside6-lrelease" "$ts" -qm "$OUT/examiner_${lang}.qm"
done
