"""No network, ever: import, OCR, language ID, extraction (models included) and COI search run in processes
where every connection attempt and name lookup is refused and recorded (tests/netguard/sitecustomize.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, SAMPLES_DIR

GUARD = REPO_ROOT / "tests" / "netguard"
STATEMENT = SAMPLES_DIR / "lk-journalist-en" / "application_form.png"


def guarded(args: list[str], data: Path, log: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        EXAMINER_DATA_DIR=str(data),
        EXAMINER_NETGUARD_LOG=str(log),
        PYTHONPATH=os.pathsep.join([str(GUARD), str(REPO_ROOT)]),
        EXAMINER_AI_ENABLED="1",
    )
    # Deliberately no HF_HUB_OFFLINE: the code itself must not reach for a hub.
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "examiner_app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def test_the_guard_catches_a_connection(tmp_path: Path) -> None:
    """Control: proves the guard is active in a child process and records attempts."""
    log = tmp_path / "net.log"
    env = dict(os.environ, EXAMINER_NETGUARD_LOG=str(log), PYTHONPATH=str(GUARD))
    code = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\nexcept OSError as e:\n    print(e)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert "blocked by the test guard" in result.stdout
    assert log.exists()
    assert log.read_text().strip()


@pytest.mark.slow
def test_import_ocr_langid_extract_and_search_make_no_network_call(tmp_path: Path) -> None:
    if not STATEMENT.exists():
        pytest.skip("sample cases missing")
    log = tmp_path / "net.log"
    data = tmp_path / "data"
    created = guarded(["case", "new", "--title", "Offline"], data, log)
    assert created.returncode == 0, created.stderr
    case_id = json.loads(created.stdout)["case_id"]
    imported = guarded(["case", "import", case_id, str(STATEMENT)], data, log)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["documents"][0]["status"] == "done"
    extracted = guarded(["extract", str(STATEMENT)], data, log)
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["facts"]
    assert guarded(["ocr", str(STATEMENT)], data, log).returncode == 0
    langid = guarded(["langid"], data, log, stdin="Je suis arrivé en France en 2021.\nمن از افغانستان آمده‌ام\n")
    assert langid.returncode == 0, langid.stderr
    report = REPO_ROOT / "resources" / "coi" / "reports" / "af-ofdh-2024-hazaras.html"
    coi = guarded(["coi", "import", str(report)], data, log)
    assert coi.returncode == 0, coi.stderr
    search = guarded(["coi", "search", "ハザラ人への攻撃"], data, log)  # a Japanese query, multilingual model
    assert search.returncode == 0, search.stderr
    assert json.loads(search.stdout)["results"]
    assert not log.exists() or not log.read_text().strip(), log.read_text()
