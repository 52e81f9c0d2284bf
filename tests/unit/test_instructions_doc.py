"""The declared accuracy in docs/instructions-for-use.md is the measured one (evaluation/results)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_instructions_for_use_match_the_evaluation_results() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "make_instructions.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
