"""Progress reporting as a Protocol the UI (or the CLI) renders.

The core calls ``update`` between units of work and checks ``cancelled()`` at the same points;
it never knows who is listening.
"""

from __future__ import annotations

import threading
from typing import Protocol

from examiner_app.errors import CancelledError


class ProgressReporter(Protocol):
    def update(self, done: int, total: int, stage: str) -> None:
        """Report that ``done`` of ``total`` units of ``stage`` are finished."""

    def cancelled(self) -> bool:
        """True once the user asked to stop; the core stops at the next safe point."""


class NullProgress:
    """Reports nowhere and is never cancelled."""

    def update(self, done: int, total: int, stage: str) -> None:
        return None

    def cancelled(self) -> bool:
        return False


class CancelToken:
    """A thread-safe cancel flag with a progress callback, usable from any thread."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def cancelled(self) -> bool:
        return self._event.is_set()

    def update(self, done: int, total: int, stage: str) -> None:
        return None


def check_cancelled(progress: ProgressReporter) -> None:
    """Raise CancelledError at a safe point if the user asked to stop."""
    if progress.cancelled():
        raise CancelledError()
