"""Up and Down in an empty reason field recall the reasons this session already gave, for any decision.

Typing the same reason again for every rejection or group decision made grouped review cost more key presses than
deciding one by one (benchmarks/review_keys_benchmark.py). Recall keeps the rule that accepting is never easier
than rejecting: it works the same in every reason field (reject, edit, change, group accept and group reject), it
only ever offers the examiner's own earlier words, and only when asked with a key; a field is never pre-filled.

The history lives in this process only (one signed-in examiner per desktop session) and is never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

MAX_REMEMBERED = 20


class ReasonRecall(QObject):
    """An event filter on a reason field: Up shows the previous reason given, Down the next one (or empty);
    Ctrl+Enter calls ``submit`` (the dialog's own checks still decide whether anything is recorded)."""

    _history: ClassVar[list[str]] = []  # most recent first

    def __init__(self, field: QPlainTextEdit, submit: Callable[[], None] | None = None) -> None:
        super().__init__(field)
        self.field = field
        self.submit = submit
        self.index = -1  # -1: the examiner's own text (empty), 0: the most recent reason, ...
        field.installEventFilter(self)

    @classmethod
    def remember(cls, reason: str) -> None:
        text = reason.strip()
        if not text:
            return
        if text in cls._history:
            cls._history.remove(text)
        cls._history.insert(0, text)
        del cls._history[MAX_REMEMBERED:]

    @classmethod
    def history(cls) -> tuple[str, ...]:
        return tuple(cls._history)

    @classmethod
    def forget_all(cls) -> None:
        """On sign-out (and between benchmark runs): the next examiner starts with no history."""
        cls._history.clear()

    def _recalling(self) -> bool:
        text = self.field.toPlainText()
        if not text:
            return True
        return 0 <= self.index < len(self._history) and text == self._history[self.index]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is not self.field or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if self.submit is not None:
                self.submit()
                return True
            return False
        if not self._history:
            return False
        if key not in (Qt.Key.Key_Up, Qt.Key.Key_Down) or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if not self._recalling():
            return False  # the examiner is writing: arrows move the cursor as usual
        if not self.field.toPlainText():
            self.index = -1
        step = 1 if key == Qt.Key.Key_Up else -1
        self.index = max(-1, min(len(self._history) - 1, self.index + step))
        self.field.setPlainText(self._history[self.index] if self.index >= 0 else "")
        self.field.moveCursor(self.field.textCursor().MoveOperation.End)
        return True
