"""Dialogs: sign-in, new case, the reason for an edit or rejection, and errors.

None of them touches the core. Dialogs whose answer needs the database (sign-in, new case)
emit ``submitted`` and stay open; the caller runs the work in a worker and then calls
``accept()`` or ``show_error(message)``. All are opened with ``open()``, never ``exec()``, so
the event loop keeps running underneath.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import Role, Suggestion, SuggestionStatus, User
from examiner_app.errors import ExaminerError
from examiner_app.ui import i18n
from examiner_app.ui.reason_recall import ReasonRecall


def error_text(exc: BaseException) -> tuple[str, str | None]:
    """The user-facing message of ``exc`` and, for unexpected errors only, a traceback for a report."""
    if isinstance(exc, ExaminerError):
        return exc.message, None
    message = i18n.fmt(
        QCoreApplication.translate(
            "Errors",
            "Something went wrong that the workbench did not expect (%1). Nothing you recorded is lost. "
            "Try again; if it happens again, report it with the details below.",
        ),
        f"{exc.__class__.__name__}: {exc}",
    )
    return message, "".join(traceback.format_exception(exc))


def show_error(parent: QWidget | None, exc: BaseException | str, title: str = "") -> QMessageBox:
    """Open a non-blocking error box with the typed message (what happened and what to do)."""
    message, details = (exc, None) if isinstance(exc, str) else error_text(exc)
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Errors", "Examiner Workbench"))
    box.setText(message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class _InlineError(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("inlineError")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class SignInDialog(QDialog):
    """Sign in: a local profile (name + role) in single-user mode, or name + password once the
    store has accounts. Emits ``submitted(name, role)`` or ``password_submitted(name, password)``.
    """

    submitted = Signal(str, object)
    password_submitted = Signal(str, str)

    def __init__(
        self, users: Sequence[User], parent: QWidget | None = None, *, password_mode: bool = False, name: str = ""
    ) -> None:
        super().__init__(parent)
        self.password_mode = password_mode
        self.setWindowTitle(self.tr("Sign in — Examiner Workbench"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("Every decision you record is kept under your name in the audit log."), self)
        intro.setWordWrap(True)
        self.profile = QComboBox(self)
        for user in users:
            self.profile.addItem(f"{user.name} — {i18n.role_label(user.role)}", user)
        self.profile.addItem(self.tr("New profile…"), None)
        self.name = QLineEdit(name, self)
        self.name.setPlaceholderText(self.tr("Your full name"))
        self.role = QComboBox(self)
        for role in Role:
            self.role.addItem(i18n.role_label(role), role)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Your password"))
        self.error = _InlineError(self)
        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)

        form = QFormLayout()
        if password_mode:
            form.addRow(self.tr("Name"), self.name)
            form.addRow(self.tr("Password"), self.password)
            self.profile.setVisible(False)
            self.role.setVisible(False)
        else:
            form.addRow(self.tr("Profile"), self.profile)
            form.addRow(self.tr("Name"), self.name)
            form.addRow(self.tr("Role"), self.role)
            self.password.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.name.textChanged.connect(self._validate)
        self.password.textChanged.connect(self._validate)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        if password_mode:
            (self.password if name else self.name).setFocus()
            self._validate()
        else:
            self.profile.currentIndexChanged.connect(self._profile_changed)
            self._profile_changed()

    def _profile_changed(self) -> None:
        user = self.profile.currentData()
        is_new = not isinstance(user, User)
        self.name.setEnabled(is_new)
        self.role.setEnabled(is_new)
        if isinstance(user, User):
            self.name.setText(user.name)
            self.role.setCurrentIndex(self.role.findData(user.role))
        else:
            self.name.clear()
            self.name.setFocus()
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.name.text().strip()) and (not self.password_mode or bool(self.password.text()))
        self.sign_in_button.setEnabled(ok)

    def selected_role(self) -> Role:
        role = self.role.currentData()  # Qt hands a StrEnum back as its str value
        return Role(role) if role in Role._value2member_map_ else Role.EXAMINER

    def _submit(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_error(self.tr("Enter your name to sign in."))
            return
        self.set_busy(True)
        if self.password_mode:
            self.password_submitted.emit(name, self.password.text())
        else:
            self.submitted.emit(name, self.selected_role())

    def set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        if busy:
            self.error.show_message("")

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.password.clear()
        self.error.show_message(message)


class PassphraseDialog(QDialog):
    """The passphrase of an encrypted store; ``submitted(passphrase)``. It is never stored or logged."""

    submitted = Signal(str)

    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypted store — Examiner Workbench"))
        self.setMinimumWidth(440)
        intro = QLabel(
            i18n.fmt(self.tr("The case store %1 is encrypted. Enter its passphrase to open it."), location), self
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _InlineError(self)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(self.tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.passphrase.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text)))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.open_button.setEnabled(False)

    def _submit(self) -> None:
        self.open_button.setEnabled(False)
        self.error.show_message("")
        self.submitted.emit(self.passphrase.text())

    def show_error(self, message: str) -> None:
        self.passphrase.clear()
        self.passphrase.setFocus()
        self.error.show_message(message)


class NewCaseDialog(QDialog):
    """Title (required) and reference of a new case; ``submitted(title, reference)``."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New case"))
        self.setMinimumWidth(420)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("e.g. Applicant 0412 — asylum claim"))
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("File reference (optional)"))
        self.error = _InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton(self.tr("Create case"), QDialogButtonBox.ButtonRole.AcceptRole)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Reference"), self.reference)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(lambda text: self.create_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.create_button.setEnabled(False)

    def _submit(self) -> None:
        if not self.title.text().strip():
            self.show_error(self.tr("A case needs a title."))
            return
        self.create_button.setEnabled(False)
        self.submitted.emit(self.title.text().strip(), self.reference.text().strip())

    def show_error(self, message: str) -> None:
        self.create_button.setEnabled(True)
        self.error.show_message(message)


class ReasonDialog(QDialog):
    """Asks for the reason (always required) and, when editing, the corrected value.

    ``kind`` is ``"edit"``, ``"reject"`` or ``"change"`` (accepting a fact that was decided
    before). ``accept()`` refuses to close while the reason (or an edited value) is empty, so a
    decision without a reason can never leave this dialog.
    """

    def __init__(self, kind: str, suggestion: Suggestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.suggestion = suggestion
        field = i18n.field_label(suggestion.field)
        titles = {
            "edit": self.tr("Edit fact — %1"),
            "reject": self.tr("Reject suggestion — %1"),
            "change": self.tr("Change an earlier decision — %1"),
        }
        self.setWindowTitle(i18n.fmt(titles[kind], field))
        self.setMinimumWidth(480)
        prov = suggestion.provenance
        source = f"{prov.file_name} p.{prov.page}" if prov else self.tr("no source")
        summary = QLabel(
            i18n.fmt(
                self.tr("Suggested: “%1” (%2, %3)"), suggestion.value, source, i18n.percent(suggestion.confidence)
            ),
            self,
        )
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value = QLineEdit(suggestion.effective_value, self)
        self.value.setVisible(kind == "edit")
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(
            self.tr("Why? (required — kept with the decision in the audit log; ↑ recalls a reason you gave before)")
        )
        # Ctrl+Enter records from the reason field, the same keys in every reason dialog (see group_review).
        self.recall = ReasonRecall(self.reason, submit=self.accept)
        self.reason.setFixedHeight(84)
        self.reason.setTabChangesFocus(True)
        self.error = _InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        labels = {"edit": self.tr("Record edit"), "reject": self.tr("Reject"), "change": self.tr("Accept")}
        self.ok_button: QPushButton = self.buttons.addButton(labels[kind], QDialogButtonBox.ButtonRole.AcceptRole)

        form = QFormLayout()
        if kind == "edit":
            form.addRow(self.tr("Value"), self.value)
        if kind == "change" and suggestion.status is not SuggestionStatus.PENDING:
            note = QLabel(i18n.fmt(self.tr("This fact is currently %1."), i18n.status_label(suggestion.status)), self)
            form.addRow("", note)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.value.textChanged.connect(self._validate)
        self.reason.textChanged.connect(self._validate)
        self._validate()
        (self.value if kind == "edit" else self.reason).setFocus()

    def value_text(self) -> str:
        return self.value.text().strip()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def problem(self) -> str:
        """Why the dialog cannot be accepted yet ("" when it can)."""
        if self.kind == "edit" and not self.value_text():
            return self.tr("Enter the corrected value. To discard the suggestion, reject it instead.")
        if not self.reason_text():
            return self.tr("Give a reason; it is kept with the decision in the audit log.")
        return ""

    def _validate(self) -> None:
        self.ok_button.setEnabled(not self.problem())
        if not self.problem():
            self.error.show_message("")

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.show_message(problem)
            return
        ReasonRecall.remember(self.reason_text())
        super().accept()
