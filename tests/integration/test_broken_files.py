"""Real broken files (tests/data/broken, from PDF libraries' test corpora: SOURCES.md) through the real
``examiner-app case import``: each ends in an import or exactly one typed one-line error, and the case stays
intact. The whole set, quiet and under load, is benchmarks/broken_files.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BROKEN = REPO_ROOT / "tests" / "data" / "broken"
LAUNCHER = "import sys; from examiner_app.launcher import main; sys.exit(main())"
# Files that need no OCR (the sample's scans are left to the benchmark), with the status each must end in.
EXPECTED = {
    "ocrmypdf-invalid.pdf": "malformed",  # not a PDF
    "ocrmypdf-negzero.pdf": "done",  # a few characters over an image (once an AttributeError)
    "pikepdf-378014596.pdf": "malformed",  # fuzzer-found
    "pikepdf-cyclic-toc.pdf": "done",
    "pypdfium2-toc_circular.pdf": "done",
    "pypdfium2-encrypted.pdf": "encrypted",
    "pypdf-r6-user-password.pdf": "encrypted",
}


def run_app(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EXAMINER_DATA_DIR=str(data_dir), EXAMINER_AI_ENABLED="0", EXAMINER_OCR_LANGUAGES="eng")
    env.pop("EXAMINER_DB_URL", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=300,  # a hang fails the test instead of the suite
        check=False,
    )


def test_the_sample_is_documented() -> None:
    files = {p.name for p in BROKEN.iterdir()} - {"SOURCES.md"}
    sources = (BROKEN / "SOURCES.md").read_text(encoding="utf-8")
    assert set(EXPECTED) <= files
    for name in files:
        assert f"`{name}`" in sources, f"{name} has no row in SOURCES.md"
    assert sum((BROKEN / name).stat().st_size for name in files) < 300 * 1024


@pytest.mark.slow
def test_broken_files_end_in_one_typed_error_or_an_import_and_the_case_stays_intact(tmp_path: Path) -> None:
    created = run_app(["case", "new", "--title", "broken files"], tmp_path)
    assert created.returncode == 0, created.stderr
    case_id = json.loads(created.stdout)["case_id"]
    files = [str(BROKEN / name) for name in EXPECTED]
    imported = run_app(["case", "import", case_id, *files], tmp_path)
    assert "Traceback" not in imported.stderr
    assert imported.returncode == 1  # some files failed; the others were imported
    documents = json.loads(imported.stdout)["documents"]
    assert [d["file"] for d in documents] == list(EXPECTED)
    for document in documents:
        name, status, error = document["file"], document["status"], document["error"]
        assert status == EXPECTED[name], f"{name}: {status}: {error}"
        if status == "done":
            assert error is None
            assert document["pages"] >= 1
        else:
            assert error.startswith(f"{name}: ")
            assert "\n" not in error
            assert len(error) > len(name) + 30  # says what happened and what to do
    shown = run_app(["case", "show", case_id], tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert len(json.loads(shown.stdout)["documents"]) == len(EXPECTED)
    verified = run_app(["audit", "verify"], tmp_path)
    assert verified.returncode == 0, verified.stdout
