"""``examiner-app case evidence|clock|confirm-date|confirm-link|repeat|package``: JSON out, errors as one line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from examiner_app.cli import main


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> object:
    assert main(["--data-dir", str(tmp_path), *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_casework_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXAMINER_USER", "Aiko Tanaka")
    first = run(capsys, tmp_path, "case", "new", "--title", "First")["case_id"]  # type: ignore[index]
    second = run(capsys, tmp_path, "case", "new", "--title", "Second")["case_id"]  # type: ignore[index]
    evidence = run(capsys, tmp_path, "case", "evidence", second)
    assert [e["empty"] for e in evidence["elements"]][-1] == "Nothing in the file on state protection."  # type: ignore[index]
    assert run(capsys, tmp_path, "case", "clock", second)["application_date"] is None  # type: ignore[index]
    run(capsys, tmp_path, "case", "confirm-date", second, "--kind", "application", "--date", "2024-01-05")
    assert run(capsys, tmp_path, "case", "clock", second)["triage_date"] == "2024-03-05"  # type: ignore[index]
    assert main(["--data-dir", str(tmp_path), "case", "confirm-link", second, first, "--reason", " "]) == 1
    assert "Give a reason" in capsys.readouterr().err
    run(capsys, tmp_path, "case", "confirm-link", second, first, "--reason", "same passport number")
    (comparison,) = run(capsys, tmp_path, "case", "repeat", second)["comparisons"]  # type: ignore[index]
    assert comparison["earlier_case_id"] == first
    out = tmp_path / "package.json"
    result = run(capsys, tmp_path, "case", "package", second, "--out", str(out))
    assert result["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()  # type: ignore[index]
    assert json.loads(out.read_text(encoding="utf-8"))["earlier_applications"][0]["reason"] == "same passport number"
