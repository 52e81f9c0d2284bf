"""The command-line contract of ../shared/CLI.md: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from examiner_app import __version__
from examiner_app.cli import main


def run_cli(args: list[str], data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EXAMINER_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "examiner_app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"examiner-app {__version__}"


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    result = run_cli(["case", "frobnicate"], tmp_path)
    assert result.returncode == 2


def test_case_new_show_and_audit_verify_then_tamper(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["case", "new", "--title", "CLI case", *data]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]
    assert main(["case", "show", case_id, *data]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["case_id"] == case_id
    assert shown["facts"] == []
    assert main(["audit", "verify", *data]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True

    import sqlite3

    with sqlite3.connect(tmp_path / "examiner.db") as db:
        (event_id,) = db.execute("SELECT id FROM audit_events WHERE action = 'case.create'").fetchone()
        db.execute('UPDATE audit_events SET details = \'{"title": "another title"}\' WHERE id = ?', (event_id,))
    assert main(["audit", "verify", *data]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["first_broken_event"] == event_id
    assert captured.err.count("\n") == 1


def test_unknown_case_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_cli(["case", "show", "nope"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().startswith("examiner-app: No case with id nope")
    assert result.stderr.count("\n") == 1
