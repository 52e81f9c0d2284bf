"""benchmarks/broken_files.py's verdicts on an import's answer: a hang, a crash, a traceback and a malformed
answer are told apart from an import and a typed one-line error."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "broken_files.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("broken_files_under_test", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def answer(bench: ModuleType, code: int | None, documents: list[dict[str, object]] | None, stderr: str = ""):
    stdout = "" if documents is None else json.dumps({"documents": documents})
    return bench.Answer(code, stdout, stderr, 1.0)


def test_verdicts(bench: ModuleType, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(b"%PDF-1.4")
    b.write_bytes(b"x")
    ok = {"file": "a.pdf", "status": "done", "error": None, "pages": 2}
    bad = {"file": "b.pdf", "status": "malformed", "error": "b.pdf: the PDF is damaged. Ask for another copy."}
    results = bench.classify(answer(bench, 1, [ok, bad]), [a, b], tmp_path)
    assert [(r.outcome, r.status) for r in results] == [("imported", "done"), ("error", "malformed")]
    assert results[1].detail == bad["error"]

    def single(code: int | None, documents: list[dict[str, object]] | None, stderr: str = "") -> str:
        (result,) = bench.classify(answer(bench, code, documents, stderr), [b], tmp_path)
        return f"{result.outcome}: {result.detail}"

    assert single(None, None).startswith("HANG")
    assert single(-11, None) == "CRASH: SIGSEGV"
    assert single(1, None, "Traceback (most recent call last):\n  ...\nTypeError: x").startswith("TRACEBACK: TypeError")
    assert single(1, None, "garbage").startswith("OTHER")
    two_lines = dict(bad, error="b.pdf: first\nsecond")
    assert single(1, [two_lines]).startswith("OTHER")
    # A group that went wrong as a whole is split: no verdict for its files yet.
    assert bench.classify(answer(bench, None, None), [a, b], tmp_path) is None


def test_files_are_found_once_per_content(bench: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "pkg" / "tests").mkdir(parents=True)
    (tmp_path / "pkg" / "docs").mkdir()
    (tmp_path / "pkg" / "tests" / "one.pdf").write_bytes(b"%PDF-1")
    (tmp_path / "pkg" / "tests" / "copy.pdf").write_bytes(b"%PDF-1")
    (tmp_path / "pkg" / "tests" / "scan.PNG").write_bytes(b"png")
    (tmp_path / "pkg" / "tests" / "code.py").write_text("x")
    (tmp_path / "pkg" / "docs" / "logo.png").write_bytes(b"logo")
    found = [p.name for p in bench.find_files(tmp_path)]
    assert found == ["copy.pdf", "scan.PNG"]
