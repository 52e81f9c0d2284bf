"""The main window: case list on the left, the case workspace on the right, imports at the bottom.

It owns the case-level flows — listing cases, creating one, importing files (including the
bundled sample cases) — and shows errors. All of them run through the
:class:`~examiner_app.ui.workers.JobRunner`; nothing here waits on the core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDir, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import Case, Role
from examiner_app.errors import CancelledError
from examiner_app.ui import agency_view, i18n
from examiner_app.ui.audit_view import AUDIT_READERS, AuditLogDialog
from examiner_app.ui.backend import UiContext, WorkbenchPort
from examiner_app.ui.case_list import CaseListPanel
from examiner_app.ui.demo import (
    CoiLoad,
    SampleImport,
    find_coi_library,
    find_sample_cases,
    import_coi_library,
    import_samples,
)
from examiner_app.ui.dialogs import NewCaseDialog, show_error
from examiner_app.ui.import_panel import ImportPanel
from examiner_app.ui.page_dialogs import SupportedLanguagesDialog
from examiner_app.ui.qa_workspace import QA_ROLES, QaWindow
from examiner_app.ui.workers import JobRunner, QtProgress
from examiner_app.ui.workspace import CaseWorkspace

# Who may create cases and add files to them (the core checks again; the UI just doesn't offer it to others).
CASE_CREATORS = frozenset({Role.EXAMINER, Role.ADMIN})


class MainWindow(QMainWindow):
    """Signals for callers and tests: ``cases_loaded``, ``import_finished(list)`` (outcomes or
    sample imports; empty when cancelled or failed)."""

    cases_loaded = Signal()
    import_finished = Signal(object)
    coi_library_loaded = Signal(object)  # CoiLoad
    ai_changed = Signal(bool)

    def __init__(
        self, workbench: WorkbenchPort, runner: JobRunner, context: UiContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.runner = runner
        self.context = context
        self._import_progress: QtProgress | None = None
        self._laid_out = False
        self.audit_dialog: AuditLogDialog | None = None
        self.qa_window: QaWindow | None = None
        self.ai_confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Examiner Workbench"))
        self.resize(1400, 900)

        self.case_list = CaseListPanel(self)
        self.workspace = CaseWorkspace(workbench, runner, context, self)
        self.import_panel = ImportPanel(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.case_list)
        splitter.addWidget(self.workspace)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 1130])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.import_panel)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        if not self.can_create_cases:
            why = i18n.fmt(
                self.tr("Signed in as %1: only an examiner or an administrator can create cases and import files."),
                i18n.role_label(context.user.role),
            )
            for widget in (self.case_list.new_button, self.case_list.import_button):
                widget.setToolTip(why)
            for action in (self.new_case_action, self.import_action, self.samples_action):
                action.setEnabled(False)
            self.case_list.set_can_create(False)
        self.case_list.case_selected.connect(self._case_selected)
        self.case_list.new_case_requested.connect(self.new_case)
        self.case_list.import_requested.connect(self.choose_files)
        self.workspace.facts_changed.connect(self.refresh_cases)
        self.workspace.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.workspace.case_loaded.connect(self._case_loaded)
        self.runner.unhandled_error.connect(lambda exc: show_error(self, exc))

    @property
    def can_create_cases(self) -> bool:
        return self.context.user.role in CASE_CREATORS

    # --- chrome ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_case_action = QAction(self.tr("&New case…"), self)
        self.new_case_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_case_action.triggered.connect(self.new_case)
        self.import_action = QAction(self.tr("&Import files…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_files)
        self.samples_action = QAction(self.tr("Import the &sample cases"), self)
        self.samples_action.setEnabled(self.context.samples_dir is not None)
        self.samples_action.triggered.connect(self.start_demo_import)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (self.new_case_action, self.import_action, self.samples_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        low = QAction(self.tr("Outline &low-confidence words"), self)
        low.setCheckable(True)
        low.setChecked(True)
        low.toggled.connect(self.workspace.viewer.low_button.setChecked)
        self.workspace.viewer.low_button.toggled.connect(low.setChecked)
        view_menu.addAction(low)
        fit = QAction(self.tr("Fit page &width"), self)
        fit.triggered.connect(self.workspace.viewer.view.fit_width)
        view_menu.addAction(fit)
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self._refresh_all)
        view_menu.addAction(refresh)
        view_menu.addSeparator()
        self.facts_view_action = QAction(self.tr("&Facts to review"), self)
        self.facts_view_action.setShortcut(QKeySequence("Ctrl+1"))
        self.facts_view_action.triggered.connect(lambda: self.workspace.tabs.setCurrentWidget(self.workspace.facts))
        self.summary_action = QAction(self.tr("&Summary"), self)
        self.summary_action.setShortcut(QKeySequence("Ctrl+2"))
        self.summary_action.triggered.connect(self.workspace.show_summary)
        self.coi_action = QAction(self.tr("&Country information"), self)
        self.coi_action.setShortcut(QKeySequence("Ctrl+3"))
        self.coi_action.triggered.connect(self.workspace.show_coi)
        self.similar_action = QAction(self.tr("Si&milar cases"), self)
        self.similar_action.setShortcut(QKeySequence("Ctrl+4"))
        self.similar_action.triggered.connect(self.workspace.show_similar)
        for action in (self.facts_view_action, self.summary_action, self.coi_action, self.similar_action):
            view_menu.addAction(action)
        self.audit_action = QAction(self.tr("&Audit log…"), self)
        self.audit_action.triggered.connect(self.show_audit_log)
        # Only administrators and reviewers read the audit log; the item does not exist for anyone else.
        self.audit_action.setVisible(self.context.user.role in AUDIT_READERS)
        self.audit_action.setEnabled(self.context.user.role in AUDIT_READERS)
        view_menu.addAction(self.audit_action)
        self.training_action = QAction(self.tr("&Training packs and exercises…"), self)
        self.training_action.triggered.connect(self.show_training)
        self.training_action.setVisible(self.context.user.role in (Role.TRAINER, Role.ADMIN))
        view_menu.addAction(self.training_action)
        self.qa_action = QAction(self.tr("&Quality review…"), self)
        self.qa_action.setShortcut(QKeySequence("Ctrl+5"))
        self.qa_action.triggered.connect(self.show_qa_workspace)
        self.qa_action.setVisible(self.context.user.role in QA_ROLES)  # reviewers and administrators only
        view_menu.addAction(self.qa_action)
        # The workers' job queue: on the shared PostgreSQL store, for administrators and reviewers.
        self.queue_action = QAction(self.tr("&Job queue…"), self)
        self.queue_action.triggered.connect(self.show_queue)
        self.queue_action.setVisible(
            agency_view.uses_workers(self.workbench) and self.context.user.role in agency_view.QUEUE_VIEWERS
        )
        view_menu.addAction(self.queue_action)

        page_menu = self.menuBar().addMenu(self.tr("&Page"))
        viewer = self.workspace.viewer
        self.select_words_action = QAction(self.tr("&Select words to record a fact"), self)
        self.select_words_action.setCheckable(True)
        self.select_words_action.setEnabled(self.workspace.can_decide)
        self.select_words_action.toggled.connect(viewer.select_button.setChecked)
        viewer.select_button.toggled.connect(self.select_words_action.setChecked)
        self.record_text_action = QAction(self.tr("&Record selected text as a fact…"), self)
        self.record_text_action.setEnabled(self.workspace.can_decide)
        self.record_text_action.triggered.connect(self.workspace.text_panel.request_add_fact)
        self.read_again_action = QAction(self.tr("Read &again with languages…"), self)
        self.read_again_action.setEnabled(self.workspace.can_decide)
        self.read_again_action.triggered.connect(self.workspace.read_page_again)
        for action in (self.select_words_action, self.record_text_action, self.read_again_action):
            page_menu.addAction(action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self.ai_action = QAction(self.tr("&AI suggestions"), self)
        self.ai_action.setCheckable(True)
        self.ai_action.setChecked(self.context.ai_enabled)
        self.ai_action.setToolTip(self.tr("Turn the suggestion engines and models on or off for new reads"))
        self.ai_action.toggled.connect(self._ai_toggled)
        settings_menu.addAction(self.ai_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        languages = QAction(self.tr("Supported &languages"), self)
        languages.triggered.connect(self.show_supported_languages)
        help_menu.addAction(languages)
        about = QAction(self.tr("&About Examiner Workbench"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        user = self.context.user
        self.user_label = QLabel(i18n.fmt(self.tr("Signed in: %1 (%2)"), user.name, i18n.role_label(user.role)), self)
        self.ai_label = QLabel(self)
        self._show_ai_state()
        self.ai_label.setToolTip(
            self.tr(
                "When off, no model or suggestion engine runs: files are still read (OCR) and languages detected, "
                "and you record facts yourself."
            )
        )
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.ai_label)
        if self.context.data_location:
            self.store_label = QLabel(self.context.data_location, self)
            self.store_label.setObjectName("muted")
            self.statusBar().addPermanentWidget(self.store_label)

    # --- AI suggestions on/off ---------------------------------------------------------------

    @property
    def ai_enabled(self) -> bool:
        return self.context.ai_enabled

    def _show_ai_state(self) -> None:
        state = self.tr("on") if self.ai_enabled else self.tr("off")
        self.ai_label.setText(i18n.fmt(self.tr("AI suggestions: %1"), state))
        self.ai_label.setObjectName("" if self.ai_enabled else "aiOff")
        self.ai_label.style().unpolish(self.ai_label)
        self.ai_label.style().polish(self.ai_label)

    def _ai_toggled(self, wanted: bool) -> None:
        if wanted == self.ai_enabled:
            return
        # The menu tick follows the setting, not the click: it changes only once the examiner confirms.
        self.ai_action.blockSignals(True)
        self.ai_action.setChecked(self.ai_enabled)
        self.ai_action.blockSignals(False)
        self.confirm_ai(wanted)

    def confirm_ai(self, enabled: bool) -> QMessageBox:
        """Ask before switching; the answer applies to new imports and re-reads only."""
        box = QMessageBox(self)
        box.setObjectName("aiConfirmation")
        box.setIcon(QMessageBox.Icon.Question)
        if enabled:
            box.setWindowTitle(self.tr("Turn AI suggestions on?"))
            box.setText(
                self.tr(
                    "Files imported and pages read again from now on get suggested facts from the suggestion "
                    "engines and models again. Suggestions are never findings: each one waits for your decision."
                )
            )
        else:
            box.setWindowTitle(self.tr("Turn AI suggestions off?"))
            box.setText(
                self.tr(
                    "Files imported and pages read again from now on are read (OCR) and their languages detected, "
                    "but no model or suggestion engine runs: you record facts yourself by selecting words on the "
                    "page.\n\nSuggestions already made stay in the case, marked as suggestions, until you decide "
                    "on them. An import that is already running finishes as it started."
                )
            )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Turn on") if enabled else self.tr("Turn off"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.set_ai_enabled(enabled)

        box.buttonClicked.connect(clicked)
        self.ai_confirmation = box
        box.open()
        return box

    def set_ai_enabled(self, enabled: bool) -> None:
        """Switch AI suggestions for this session: the Workbench reads ``settings.ai_enabled`` in every new pipeline."""
        self.workbench.settings = replace(self.workbench.settings, ai_enabled=enabled)
        self.context = replace(self.context, ai_enabled=enabled)
        self.workspace.context = self.context
        self.ai_action.blockSignals(True)
        self.ai_action.setChecked(enabled)
        self.ai_action.blockSignals(False)
        self._show_ai_state()
        self.statusBar().showMessage(
            self.tr("AI suggestions are on for new imports and re-reads.")
            if enabled
            else self.tr("AI suggestions are off: new imports and re-reads run without models."),
            8000,
        )
        self.ai_changed.emit(enabled)

    # --- audit and help ----------------------------------------------------------------------

    def show_audit_log(self) -> AuditLogDialog | None:
        if self.context.user.role not in AUDIT_READERS:
            return None
        if self.audit_dialog is None:
            self.audit_dialog = AuditLogDialog(self.workbench, self.runner, self.context.user.role, self)
            self.audit_dialog.setObjectName("auditDialog")
        self.audit_dialog.show()
        self.audit_dialog.raise_()
        self.audit_dialog.refresh()
        return self.audit_dialog

    def show_training(self) -> None:
        """The trainer's workspace (issue 12); the case list is read off the UI thread first."""
        from examiner_app.training.service import Training
        from examiner_app.ui.training import TrainerWorkspace

        def opened(cases: object) -> None:
            training = Training(self.workbench.store, self.context.user)  # type: ignore[attr-defined]
            self.training_dialog = TrainerWorkspace(training, self.runner, list(cases), self)  # type: ignore[call-overload]
            self.training_dialog.show()

        self.runner.submit("training.cases", self.workbench.list_cases, on_result=opened, owner=self)

    def show_qa_workspace(self) -> QaWindow | None:
        if self.context.user.role not in QA_ROLES:
            return None
        if self.qa_window is None:
            self.qa_window = QaWindow(self.workbench.qa(), self.runner, self)
        self.qa_window.show()
        self.qa_window.raise_()
        return self.qa_window

    def show_queue(self) -> agency_view.QueueDialog:
        if getattr(self, "queue_dialog", None) is None:
            self.queue_dialog = agency_view.QueueDialog(self.workbench, self.runner, self)
            self.queue_dialog.setObjectName("queueDialog")
        self.queue_dialog.show()
        self.queue_dialog.raise_()
        self.queue_dialog.refresh()
        return self.queue_dialog

    def show_supported_languages(self) -> SupportedLanguagesDialog:
        from examiner_app.extraction.language import SUPPORTED_LANGUAGES  # a constant table; detectors load lazily

        dialog = SupportedLanguagesDialog(SUPPORTED_LANGUAGES, self)
        dialog.setObjectName("supportedLanguagesDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Examiner Workbench"))
        box.setText(
            self.tr(
                "Examiner Workbench reads an applicant's case file and suggests facts, each with its source.\n\n"
                "Evidence, never verdicts: it gives no score of credibility or outcome. Every finding is an "
                "examiner's decision, recorded with a reason in an append-only audit log."
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- cases -------------------------------------------------------------------------------

    def refresh_cases(self, select_id: str | None = None) -> None:
        """Reload the case list in a worker; optionally select (and open) a case afterwards."""
        workbench = self.workbench

        def loaded(cases: list[Case]) -> None:
            self.case_list.set_cases(cases)
            if select_id is not None:
                self.case_list.select_case(select_id)
            self.cases_loaded.emit()

        self.runner.submit("list_cases", workbench.list_cases, on_result=loaded, owner=self)

    def _refresh_all(self) -> None:
        self.refresh_cases()
        self.workspace.reload()

    def _case_selected(self, case_id: str | None) -> None:
        if case_id is None:
            self.workspace.clear()
        elif case_id != self.workspace.case_id:
            self.workspace.load_case(case_id)

    def _case_loaded(self, _case_id: str) -> None:
        case = self.case_list.current_case()
        self.setWindowTitle(
            i18n.fmt(self.tr("%1 — Examiner Workbench"), case.title) if case else self.tr("Examiner Workbench")
        )

    def new_case(self) -> NewCaseDialog | None:
        if not self.can_create_cases:
            return None
        dialog = NewCaseDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        workbench = self.workbench

        def submitted(title: str, reference: str) -> None:
            def created(case: Case) -> None:
                dialog.accept()
                self.refresh_cases(select_id=case.id)

            self.runner.submit(
                "create_case",
                lambda: workbench.create_case(title, reference),
                on_result=created,
                on_error=lambda exc: dialog.show_error(str(exc)),
                owner=dialog,
            )

        dialog.submitted.connect(submitted)
        dialog.open()
        return dialog

    # --- import ------------------------------------------------------------------------------

    def choose_files(self) -> None:
        if not self.can_create_cases:
            return
        case = self.case_list.current_case()
        if case is None:
            self.statusBar().showMessage(self.tr("Select or create a case first, then import its files."), 5000)
            return
        dialog = QFileDialog(self, i18n.fmt(self.tr("Import files into “%1”"), case.title), QDir.homePath())
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                self.tr("PDF, images and text (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.webp *.txt)"),
                self.tr("All files (*)"),
            ]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda files: self.import_files(case.id, [Path(f) for f in files], case.title))
        dialog.open()

    def import_files(self, case_id: str, paths: list[Path], title: str = "") -> bool:
        """Start importing ``paths`` into a case in the background; False if an import is running."""
        if not paths:
            return False
        progress = self._begin_import(
            i18n.fmt(self.tr("Importing into “%1”"), title) if title else self.tr("Importing")
        )
        if progress is None:
            return False
        workbench = self.workbench

        def done(outcomes: list[object]) -> None:
            failed = [o for o in outcomes if getattr(getattr(o, "status", None), "is_failure", False)]
            summary = i18n.fmt(
                self.tr("Imported %1 file(s): %2 read, %3 failed."),
                len(outcomes),
                len(outcomes) - len(failed),
                len(failed),
            )
            if failed:
                summary += " " + self.tr("Failed files are listed in red with what to do.")
            self._end_import(summary, outcomes, problem=bool(failed), case_id=case_id)

        self.runner.submit(
            "import_files",
            lambda: agency_view.import_files(workbench, case_id, paths, progress),  # workers on PostgreSQL
            on_result=done,
            on_error=lambda exc: self._import_failed(exc, case_id),
            owner=self,
        )
        return True

    def start_demo_import(self) -> bool:
        """Create and import the bundled sample cases in the background (``--demo``)."""
        samples_dir = self.context.samples_dir
        if samples_dir is None or not self.can_create_cases:
            return False
        progress = self._begin_import(self.tr("Importing the sample cases"))
        if progress is None:
            return False
        workbench = self.workbench
        progress.item_done.connect(
            lambda case_id: self.refresh_cases(select_id=case_id if self.case_list.current_case_id() is None else None)
        )

        def work() -> list[SampleImport]:
            samples = find_sample_cases(samples_dir)
            return import_samples(workbench, samples, progress, on_case_done=progress.item_done.emit)

        def done(results: list[SampleImport]) -> None:
            files = sum(len(r.outcomes) for r in results)
            if not results:
                self._end_import(i18n.fmt(self.tr("No sample cases found in %1."), samples_dir), [], problem=True)
                return
            summary = i18n.fmt(self.tr("Sample cases ready: %1 cases, %2 files."), len(results), files)
            self._end_import(
                summary,
                results,
                problem=False,
                case_id=self.workspace.case_id,
                select_id=results[0].case_id if self.case_list.current_case_id() is None else None,
            )
            # Then the fictional COI library and prior cases, so the country-information and similar-cases
            # tabs have something to show; the cases are usable meanwhile.
            self.start_coi_library_import()

        self.runner.submit(
            "import_samples", work, on_result=done, on_error=lambda exc: self._import_failed(exc, None), owner=self
        )
        return True

    def start_coi_library_import(self) -> bool:
        """Add the bundled fictional COI reports and prior cases to the store in the background, with
        progress (reports already there are recognised and skipped). False when there is nothing to load,
        the user may not add reports, or another import is running."""
        coi_dir = self.context.coi_dir
        if coi_dir is None or not self.can_create_cases:
            return False
        progress = self._begin_import(self.tr("Loading the fictional country information and prior cases"))
        if progress is None:
            return False
        workbench = self.workbench

        def work() -> CoiLoad:
            return import_coi_library(workbench, find_coi_library(coi_dir), progress)

        def done(load: CoiLoad) -> None:
            if load.reports == 0 and load.already:
                summary = i18n.fmt(self.tr("Country information already loaded: %1 reports."), load.already)
                self._end_import(summary, [], problem=False)
                self.coi_library_loaded.emit(load)
                return
            summary = i18n.fmt(
                self.tr("Country information ready: %1 new reports (%2 passages), %3 already there; %4 prior cases."),
                load.reports,
                load.passages,
                load.already,
                load.prior_cases,
            )
            self._end_import(summary, [], problem=False)
            self.workspace.similar.invalidate()
            self.coi_library_loaded.emit(load)

        self.runner.submit(
            "import_coi_library",
            work,
            on_result=done,
            on_error=lambda exc: self._import_failed(exc, None),
            owner=self,
        )
        return True

    def _begin_import(self, title: str) -> QtProgress | None:
        if self._import_progress is not None:
            self.statusBar().showMessage(self.tr("An import is already running; wait for it or cancel it."), 5000)
            return None
        progress = QtProgress(self)
        self._import_progress = progress
        self.import_panel.start(title, progress)
        self.import_action.setEnabled(False)
        self.samples_action.setEnabled(False)
        self.case_list.set_busy_importing(True)
        return progress

    def _end_import(
        self,
        summary: str,
        outcomes: Sequence[object],
        *,
        problem: bool,
        case_id: str | None = None,
        select_id: str | None = None,
    ) -> None:
        self._import_progress = None
        self.import_panel.finish(summary, problem=problem)
        self.import_action.setEnabled(self.can_create_cases)
        self.samples_action.setEnabled(self.can_create_cases and self.context.samples_dir is not None)
        self.case_list.set_busy_importing(False)
        self.statusBar().showMessage(summary, 8000)
        self.refresh_cases(select_id=select_id)
        if case_id is not None and case_id == self.workspace.case_id:
            self.workspace.reload()
        self.import_finished.emit(list(outcomes))

    def _import_failed(self, exc: BaseException, case_id: str | None) -> None:
        if isinstance(exc, CancelledError):
            self._end_import(exc.message, [], problem=False, case_id=case_id or self.workspace.case_id)
            return
        self._end_import(
            self.tr("Import stopped: see the message."), [], problem=True, case_id=case_id or self.workspace.case_id
        )
        show_error(self, exc, self.tr("Import stopped"))

    def cancel_import(self) -> None:
        if self._import_progress is not None:
            self.import_panel.cancel_button.click()

    # --- layout and closing ------------------------------------------------------------------

    CASE_LIST_WIDTH = 260

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._laid_out:  # splitter sizes in pixels only mean something once the window has its size
            self._laid_out = True
            self.apply_default_layout()

    def apply_default_layout(self) -> None:
        """Case list 260 px; the rest to the workspace, which splits it by its own proportions."""
        width = max(self.width(), 800)
        self.splitter.setSizes([self.CASE_LIST_WIDTH, width - self.CASE_LIST_WIDTH])
        self.workspace.apply_default_layout(width - self.CASE_LIST_WIDTH, self.height())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Stop a running import at its next safe point; what was read so far is kept and resumes later.
        if self._import_progress is not None:
            self._import_progress.cancel()
        super().closeEvent(event)
