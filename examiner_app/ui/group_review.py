"""Deciding a group of the same value found in several places: one dialog, one reason, both ways alike.

The dialog lists every source of the value (file, page, characters) and asks for a reason whether the examiner
accepts or rejects the group (accepting is never easier than rejecting). Its two buttons are the same size, both
disabled until a reason is written; the key that opened it (A or R) only chooses which one is the default. The
workspace then records one decision per suggestion through ``Workbench.decide_group`` in a worker.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from examiner_app.summaries.grouping import ValueGroup
from examiner_app.ui import i18n
from examiner_app.ui.reason_recall import ReasonRecall

ACCEPT, REJECT = "accept", "reject"


class GroupDecisionDialog(QDialog):
    """Accept or reject every suggestion of one value, with one reason kept with each decision."""

    def __init__(self, group: ValueGroup, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.chosen = action
        field = i18n.field_label(group.field)
        self.setWindowTitle(i18n.fmt(self.tr("Same value in %1 places — %2"), group.size, field))
        self.setMinimumWidth(520)
        values = " / ".join(group.values_as_written)
        sources = "".join(f"<li>{html.escape(c)}</li>" for c in group.citations)
        summary = QLabel(
            "<b>"
            + html.escape(values)
            + "</b>"
            + (f" → <code>{html.escape(group.key)}</code>" if group.key not in values.casefold() else "")
            + f"<ul style='margin-left:-20px'>{sources}</ul>",
            self,
        )
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(
            self.tr(
                "One decision is recorded for each source, with this reason. Look at the sources first: a reading "
                "can be wrong in one place and right in another; to decide them one by one, untick “Group same values”."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setObjectName("muted")
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("groupReason")
        self.reason.setPlaceholderText(
            self.tr(
                "Why? (required either way — kept with each decision in the audit log; ↑ recalls a reason you gave "
                "before)"
            )
        )
        # Ctrl+Enter records the action chosen with A or R (the default button), as in ReasonDialog: the same keys
        # whichever way the decision goes.
        self.recall = ReasonRecall(self.reason, submit=lambda: self._choose(self.chosen))
        self.reason.setFixedHeight(70)
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.accept_button: QPushButton = self.buttons.addButton(
            i18n.fmt(self.tr("Accept all %1"), group.size), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.reject_button: QPushButton = self.buttons.addButton(
            i18n.fmt(self.tr("Reject all %1"), group.size), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setObjectName("groupAccept")
        self.reject_button.setObjectName("groupReject")
        (self.accept_button if action == ACCEPT else self.reject_button).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(note)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.accept_button.clicked.connect(lambda: self._choose(ACCEPT))
        self.reject_button.clicked.connect(lambda: self._choose(REJECT))
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._validate)
        self._validate()
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _validate(self) -> None:
        ready = bool(self.reason_text())
        self.accept_button.setEnabled(ready)
        self.reject_button.setEnabled(ready)

    def _choose(self, action: str) -> None:
        if not self.reason_text():
            return
        self.chosen = action
        ReasonRecall.remember(self.reason_text())
        self.accept()
