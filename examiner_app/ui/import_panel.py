"""A non-modal panel showing a running import: what it is doing, how far it is, and Cancel.

It renders a :class:`~examiner_app.ui.workers.QtProgress` (the core's ProgressReporter) and
never blocks: the examiner keeps reviewing while files are read. After the import it shows a
one-line summary until dismissed (or for a while).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QStyle, QToolButton, QWidget

from examiner_app.ui import i18n
from examiner_app.ui.workers import QtProgress

SUMMARY_SECONDS = 30


class ImportPanel(QFrame):
    """``start`` with a progress object; ``finish`` with a summary. ``cancel_clicked`` for tests."""

    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPanel")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("importTitle")
        self.stage_label = QLabel(self)
        self.stage_label.setObjectName("muted")
        self.stage_label.setMinimumWidth(200)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(240)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserStop), self.tr("Cancel"), self
        )
        self.cancel_button.setToolTip(self.tr("Stop after the current page; everything read so far is kept"))
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setToolTip(self.tr("Dismiss"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 8, 5)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.stage_label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.close_button)

        self._progress: QtProgress | None = None
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(self.hide)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button.clicked.connect(self.hide)
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return self._progress is not None

    def start(self, title: str, progress: QtProgress) -> None:
        self._hide_timer.stop()
        self._progress = progress
        progress.changed.connect(self._update)
        self.title_label.setText(title)
        self.stage_label.setText(self.tr("Starting…"))
        self.stage_label.setStyleSheet("")
        self.bar.setRange(0, 0)  # busy until the first report
        self.bar.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.close_button.setVisible(False)
        self.setVisible(True)

    def _update(self, done: int, total: int, stage: str) -> None:
        if self._progress is None:
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(f"{done} / {total}")
        else:
            self.bar.setRange(0, 0)
        if not self._progress.cancelled():
            self.stage_label.setText(i18n.stage_label(stage))

    def _cancel(self) -> None:
        if self._progress is None:
            return
        self._progress.cancel()
        self.cancel_button.setEnabled(False)
        self.stage_label.setText(self.tr("Cancelling — finishing the current page; what was read is kept…"))
        self.cancel_clicked.emit()

    def finish(self, summary: str, *, problem: bool = False) -> None:
        """Show the outcome; the panel hides itself after a while."""
        self._progress = None
        self.bar.setVisible(False)
        self.cancel_button.setVisible(False)
        self.close_button.setVisible(True)
        self.stage_label.setText(summary)
        self.stage_label.setStyleSheet("color: #a3141e;" if problem else "")
        self.stage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hide_timer.start(SUMMARY_SECONDS * 1000)
