"""PySide6 6.12.0 drains None's reference count on CPython 3.11; the UI package guards against the abort."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from examiner_app.ui.refcount_guard import IMMORTAL_COUNT, needs_guard

SCRIPT = textwrap.dedent(
    """
    import sys
    import examiner_app.ui  # the guard runs on import
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range({calls}):
        widget.update()
    print(before - sys.getrefcount(None))
    """
)


@pytest.mark.skipif(not needs_guard(), reason="None is immortal on this interpreter")
def test_none_survives_more_void_calls_than_its_own_reference_count() -> None:
    # Without the guard None's count is a few thousand at start-up: 200,000 void calls abort the interpreter
    # ("none_dealloc") at the latest when it exits. With it, the process ends normally.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(calls=200_000)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    drained = int(result.stdout.strip().splitlines()[-1])
    assert drained >= 0  # measured, not assumed: the leak itself is PySide's and may be fixed in a later release
    assert sys.getrefcount(None) > IMMORTAL_COUNT // 2
