"""Asking the tesseract binary for its packs or version ends in a typed error, never a raw exception, on a
machine too busy to answer or with a binary that cannot run."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from examiner_app.errors import ConfigurationError, MissingDependencyError
from examiner_app.extraction import ocr


def test_a_tesseract_that_does_not_answer_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(command: list[str], **kwargs: Any) -> None:
        raise subprocess.TimeoutExpired(command, kwargs["timeout"])

    monkeypatch.setattr(ocr.subprocess, "run", slow)
    with pytest.raises(ConfigurationError, match="did not answer '--list-langs' within 120 s"):
        ocr._ask_tesseract("/usr/bin/tesseract", "--list-langs")


def test_a_tesseract_that_cannot_run_is_a_missing_dependency(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(command: list[str], **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ocr.subprocess, "run", broken)
    with pytest.raises(MissingDependencyError, match="Permission denied"):
        ocr._ask_tesseract("/usr/bin/tesseract", "--version")
