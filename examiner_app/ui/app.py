"""Composition root of the desktop app: options, settings, translations, store, sign-in, main window.

``main(argv)`` is the only place that reads the environment and builds the real
:class:`examiner_app.services.Workbench`; everything below it receives what it needs. Start-up
never blocks the event loop either: opening (and migrating) the store and signing in run in
workers while the window system stays responsive.

Options: ``--demo``, ``--data-dir``, ``--db``, ``--ai-off``, ``--ui-language ja|en``.
Environment: ``EXAMINER_USER="Name:role"`` signs in without the dialog (demos, screenshots; in a store
with password accounts it only fills in the name);
``EXAMINER_UI_LANGUAGE`` and the other ``EXAMINER_*`` settings of :mod:`examiner_app.config`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QDialog

from examiner_app.config import Settings
from examiner_app.domain import Role, User
from examiner_app.errors import ConfigurationError, ExaminerError
from examiner_app.ui import i18n
from examiner_app.ui.backend import UiContext, WorkbenchPort
from examiner_app.ui.dialogs import PassphraseDialog, SignInDialog, show_error
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.theme import apply_theme
from examiner_app.ui.workers import JobRunner

log = logging.getLogger(__name__)

# Pool threads: an import, a page image and a review action must never queue behind each other.
MIN_POOL_THREADS = 4


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options and the rest (left to Qt, e.g. ``-platform offscreen``)."""
    parser = argparse.ArgumentParser(prog="examiner-app", description="Examiner Workbench desktop app")
    parser.add_argument("--demo", action="store_true", help="import the bundled fictional sample cases")
    parser.add_argument("--data-dir", type=Path, help="folder of the local store (default: per-user data dir)")
    parser.add_argument("--db", help="database URL (default: SQLite in the data dir)")
    parser.add_argument("--ai-off", action="store_true", help="turn every model and suggestion engine off")
    parser.add_argument("--ui-language", choices=["ja", "en"], help="UI language (default: system locale)")
    return parser.parse_known_args(argv)


def parse_user(value: str) -> tuple[str, Role] | None:
    """``"Name:role"`` -> (name, Role); None if malformed (then the sign-in dialog is shown)."""
    name, _, role = value.rpartition(":")
    try:
        return (name.strip(), Role(role.strip().lower())) if name.strip() else None
    except ValueError:
        return None


class PassphraseRequired(ExaminerError):
    """The store is encrypted and no (or the wrong) passphrase was given; the message says which."""


SQLITE_HEADER = b"SQLite format 3\x00"


def _encrypted_sqlite_file(settings: Settings) -> bool:
    """Does the settings' SQLite file exist with a header that is not plain SQLite (i.e. SQLCipher)?"""
    url = settings.database_url
    if not url.startswith("sqlite:///"):
        return False
    try:
        with Path(url.removeprefix("sqlite:///")).open("rb") as handle:
            header = handle.read(16)
    except OSError:
        return False
    return bool(header) and header != SQLITE_HEADER


@dataclass(frozen=True)
class Opened:
    """An open store: the Workbench, whether it uses password accounts, and (profile mode) the profiles."""

    workbench: WorkbenchPort
    users: list[User]
    accounts: bool


def open_workbench(settings: Settings) -> Opened:
    """Open (and migrate) the store and build the Workbench. Blocking: runs in a worker."""
    from examiner_app import services  # heavy imports (SQLAlchemy, extraction) off the UI thread

    try:
        store = services.open_store(settings)
    except ConfigurationError as exc:
        if _encrypted_sqlite_file(settings):
            raise PassphraseRequired(exc.message) from exc
        raise
    workbench = services.Workbench(store, settings)
    accounts = workbench.has_accounts()
    # With accounts, who has one is nobody's business before they sign in: list profiles only in profile mode.
    return Opened(workbench, [] if accounts else workbench.users(), accounts)


class Startup(QObject):
    """Open the store (asking for its passphrase if it is encrypted), sign in, show the main window,
    and import the sample cases when asked to or when the examiner has no case yet.

    ``ready(MainWindow)`` is emitted once the window is shown (scripts and tests hook in here).
    """

    ready = Signal(object)

    def __init__(self, settings: Settings, runner: JobRunner, *, demo: bool, preset_user: str | None) -> None:
        super().__init__()
        self.settings = settings
        self.runner = runner
        self.demo = demo
        self.preset_user = preset_user
        self.window: MainWindow | None = None
        self._opened: Opened | None = None
        self._dialog: SignInDialog | None = None
        self._passphrase_dialog: PassphraseDialog | None = None

    def start(self) -> None:
        settings = self.settings
        self.runner.submit(
            "open_store", lambda: open_workbench(settings), on_result=self._opened_store, on_error=self._open_failed
        )

    def _fatal(self, exc: BaseException) -> None:
        box = show_error(None, exc, self.tr("Examiner Workbench cannot start"))
        box.finished.connect(lambda _result: QApplication.exit(1))

    def _open_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PassphraseRequired):
            self._fatal(exc)
            return
        if self._passphrase_dialog is None:
            dialog = PassphraseDialog(_describe_store(self.settings))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.submitted.connect(self._passphrase_given)
            dialog.rejected.connect(lambda: QApplication.exit(0))
            self._passphrase_dialog = dialog
            dialog.open()
        if self.settings.passphrase:  # a wrong one: say so; the first prompt needs no error
            self._passphrase_dialog.show_error(exc.message if isinstance(exc, ExaminerError) else str(exc))

    def _passphrase_given(self, passphrase: str) -> None:
        self.settings = replace(self.settings, passphrase=passphrase)
        self.start()

    def _opened_store(self, opened: Opened) -> None:
        self._opened = opened
        if self._passphrase_dialog is not None:
            self._passphrase_dialog.done(QDialog.DialogCode.Accepted)
            self._passphrase_dialog = None
        preset = parse_user(self.preset_user) if self.preset_user and not opened.accounts else None
        if preset is not None:
            self._sign_in(*preset)
            return
        self._show_sign_in()

    def _show_sign_in(self, error: str = "") -> None:
        assert self._opened is not None
        preset_name = (self.preset_user or "").rpartition(":")[0] if self._opened.accounts else ""
        dialog = SignInDialog(self._opened.users, password_mode=self._opened.accounts, name=preset_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self._sign_in)
        dialog.password_submitted.connect(self._sign_in_with_password)
        dialog.rejected.connect(lambda: QApplication.exit(0))
        self._dialog = dialog
        dialog.open()
        if error:
            dialog.show_error(error)

    def _sign_in(self, name: str, role: Role) -> None:
        assert self._opened is not None
        workbench = self._opened.workbench
        self.runner.submit(
            "sign_in", lambda: workbench.sign_in(name, role), on_result=self._signed_in, on_error=self._sign_in_failed
        )

    def _sign_in_with_password(self, name: str, password: str) -> None:
        assert self._opened is not None
        workbench = self._opened.workbench
        self.runner.submit(
            "sign_in",
            lambda: workbench.sign_in_with_password(name, password),
            on_result=self._signed_in,
            on_error=self._sign_in_failed,
        )

    def _sign_in_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ExaminerError):
            self._fatal(exc)
        elif self._dialog is not None:
            self._dialog.show_error(exc.message)
        else:
            # EXAMINER_USER named a profile with another role: fall back to the dialog and say why.
            self._show_sign_in(exc.message)

    def _signed_in(self, user: User) -> None:
        assert self._opened is not None
        if self._dialog is not None:
            self._dialog.done(QDialog.DialogCode.Accepted)
            self._dialog = None
        samples = self.settings.resources_dir / "samples"
        coi = self.settings.resources_dir / "coi"
        context = UiContext(
            user=user,
            ai_enabled=self.settings.ai_enabled,
            data_location=_describe_store(self.settings),
            samples_dir=samples if samples.is_dir() else None,
            coi_dir=coi if coi.is_dir() else None,
        )
        window = MainWindow(self._opened.workbench, self.runner, context)
        self.window = window
        window.show()

        first = True

        def first_cases() -> None:
            # Only the first list decides. The connection stays (a flag, not disconnect(): PySide6 6.12's
            # Signal.disconnect releases a reference it never took, which aborts Python at exit).
            nonlocal first
            if not first:
                return
            first = False
            # An examiner without a case yet gets the fictional samples: they show how the tool works.
            if window.can_create_cases and (self.demo or window.case_list.model.rowCount() == 0):
                window.start_demo_import()

        window.cases_loaded.connect(first_cases)
        window.refresh_cases()
        self.ready.emit(window)


def _describe_store(settings: Settings) -> str:
    url = settings.database_url
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    return url.split("@")[-1]  # never show a password


def build(argv: list[str]) -> tuple[QApplication, Startup, list[Any]]:
    """Create the application, install theme and translators, and prepare (not start) start-up."""
    args, qt_args = parse_args(argv)
    overrides: dict[str, object] = {"data_dir": args.data_dir, "db_url": args.db, "ui_language": args.ui_language}
    settings = Settings.from_env(**overrides)
    if args.ai_off:
        settings = replace(settings, ai_enabled=False)
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else "examiner-app", *qt_args])
    )
    app.setApplicationName("Examiner Workbench")
    app.setOrganizationName("examiner-workbench")
    apply_theme(app)
    translations = settings.resources_dir / "translations"
    language = i18n.choose_language(settings.ui_language, QLocale.system(), translations)
    translators: list[Any] = i18n.install_translators(app, language, translations)
    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(max(MIN_POOL_THREADS, pool.maxThreadCount()))
    runner = JobRunner(pool, app)
    startup = Startup(settings, runner, demo=args.demo, preset_user=os.environ.get("EXAMINER_USER"))
    return app, startup, translators


def main(argv: list[str]) -> int:
    """Run the desktop app; returns the exit code."""
    logging.basicConfig(level=os.environ.get("EXAMINER_LOG_LEVEL", "WARNING"))
    app, startup, _translators = build(argv)
    startup.start()
    code = app.exec()
    if startup.window is not None:
        startup.window.cancel_import()
    # Workers hold sessions and files: let them reach a safe point before the process ends.
    startup.runner.wait_for_done(60_000)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
