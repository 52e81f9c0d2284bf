"""The quality reviewer's workspace: plan, sample, blind review, agreement and charts.

Before a reviewer starts, the planner shows how many items a plan needs (``examiner_app.qa.planning``) and the
sample is drawn with a fixed seed (audited by the core). The blind pane shows only the page image, the span
highlighted on it and the value to judge — never the examiner's decision, the engine or any confidence (OCR
low-confidence outlines are switched off too). Verdicts: correct, wrong (with the right value) or missed (a
fact not suggested). Reviewers record verdicts, never findings. Agreement figures refresh in batches of
``AGREEMENT_BATCH`` items (see ``QaService.progress``) so no single decision can be read off a change; the
forest plot of the reviewer's own verdicts refreshes after each one. Every core call runs in a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import FactField, Role
from examiner_app.qa import charts, planning
from examiner_app.qa.agreement import Agreement
from examiner_app.qa.service import AGREEMENT_BATCH, DrawnSample, ItemView, SampleItem, SampleProgress
from examiner_app.ui import i18n
from examiner_app.ui.dialogs import show_error
from examiner_app.ui.page_viewer import PageView
from examiner_app.ui.workers import JobRunner

FRAMES = ("decisions", "suggestions", "empty-pages")


class QaPort(Protocol):
    """What the workspace needs from ``examiner_app.qa.service.QaService`` (blocking; called from workers)."""

    def draw_sample(
        self, size: int, seed: int, *, frame: str = ..., stratify: Sequence[str] = ..., floor: int = ...
    ) -> DrawnSample: ...

    def samples(self) -> list[dict[str, Any]]: ...

    def sample_items(self, sample_id: str) -> list[SampleItem]: ...

    def view_item(self, sample_id: str, item_id: str) -> ItemView: ...

    def record_verdict(
        self, sample_id: str, item_id: str, verdict: str, *, value: str | None = None, note: str = ""
    ) -> str: ...

    def progress(self, sample_id: str, *, seed: int = 0) -> SampleProgress: ...


def _canvas(figure: Figure, name: str, parent: QWidget) -> FigureCanvasQTAgg:
    canvas = FigureCanvasQTAgg(figure)
    canvas.setParent(parent)
    canvas.setObjectName(name)
    canvas.setMinimumHeight(220)
    return canvas


class QaWorkspace(QWidget):
    """Signals (for the window and tests): ``sample_loaded(str)``, ``item_shown(str)``,
    ``verdict_recorded(str)`` (verdict id) and ``progress_updated(object)`` (a SampleProgress)."""

    sample_loaded = Signal(str)
    item_shown = Signal(str)
    verdict_recorded = Signal(str)
    progress_updated = Signal(object)
    status_message = Signal(str)

    def __init__(self, qa: QaPort, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qa = qa
        self.runner = runner
        self.sample_id: str | None = None
        self.items: list[SampleItem] = []
        self.current: ItemView | None = None
        self.last_progress: SampleProgress | None = None
        self._busy = False

        # --- planner and sample --------------------------------------------------------------
        planner = QGroupBox(self.tr("1. Plan the sample"), self)
        form = QFormLayout(planner)
        self.plan_kind = QComboBox(planner)
        self.plan_kind.setObjectName("qaPlanKind")
        self.plan_kind.addItem(self.tr("Estimate a rate to a margin"), "margin")
        self.plan_kind.addItem(self.tr("Show the error rate is at most"), "max_error")
        self.plan_value = QDoubleSpinBox(planner)
        self.plan_value.setObjectName("qaPlanValue")
        self.plan_value.setRange(0.005, 0.5)
        self.plan_value.setSingleStep(0.01)
        self.plan_value.setDecimals(3)
        self.plan_value.setValue(0.05)
        self.confidence = QDoubleSpinBox(planner)
        self.confidence.setRange(0.5, 0.999)
        self.confidence.setDecimals(3)
        self.confidence.setValue(0.95)
        self.allowed = QSpinBox(planner)
        self.allowed.setRange(0, 10)
        self.plan_label = QLabel(planner)
        self.plan_label.setObjectName("qaPlanLabel")
        self.plan_label.setWordWrap(True)
        form.addRow(self.tr("Plan"), self.plan_kind)
        form.addRow(self.tr("Margin or error rate"), self.plan_value)
        form.addRow(self.tr("Confidence"), self.confidence)
        form.addRow(self.tr("Errors allowed"), self.allowed)
        form.addRow(self.plan_label)
        self.frame = QComboBox(planner)
        self.frame.setObjectName("qaFrame")
        labels = {
            "decisions": self.tr("Examiners' decisions"),
            "suggestions": self.tr("Engine suggestions"),
            "empty-pages": self.tr("Pages with nothing suggested"),
        }
        for frame in FRAMES:
            self.frame.addItem(labels[frame], frame)
        self.size_box = QSpinBox(planner)
        self.size_box.setObjectName("qaSize")
        self.size_box.setRange(1, 100_000)
        self.seed = QSpinBox(planner)
        self.seed.setObjectName("qaSeed")
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(20261206)
        strata = QHBoxLayout()
        self.by_field = QCheckBox(self.tr("field"), planner)
        self.by_language = QCheckBox(self.tr("language"), planner)
        strata.addWidget(self.by_field)
        strata.addWidget(self.by_language)
        self.draw_button = QPushButton(self.tr("Draw the sample"), planner)
        self.draw_button.setObjectName("qaDraw")
        form.addRow(self.tr("Frame"), self.frame)
        form.addRow(self.tr("Items"), self.size_box)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Stratify by"), strata)
        form.addRow(self.draw_button)

        self.sample_list = QListWidget(self)
        self.sample_list.setObjectName("qaSamples")
        self.item_list = QListWidget(self)
        self.item_list.setObjectName("qaItems")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(planner)
        left_layout.addWidget(QLabel(self.tr("Samples"), left))
        left_layout.addWidget(self.sample_list, 1)
        left_layout.addWidget(QLabel(self.tr("Items (blind)"), left))
        left_layout.addWidget(self.item_list, 2)

        # --- blind review pane ---------------------------------------------------------------
        self.blind = QGroupBox(self.tr("2. Blind review: is this value what the page says?"), self)
        self.blind.setObjectName("qaBlindPane")
        blind_layout = QVBoxLayout(self.blind)
        self.page_view = PageView(self.blind)
        self.page_view.setObjectName("qaPageView")
        self.page_view.set_low_confidence_visible(False)  # no confidence of any kind in the blind pane
        self.page_text = QTextBrowser(self.blind)
        self.page_text.setObjectName("qaPageText")
        self.page_text.setMaximumHeight(110)
        self.where = QLabel(self.blind)
        self.where.setObjectName("qaWhere")
        self.value = QLabel(self.blind)
        self.value.setObjectName("qaValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.right_value = QLineEdit(self.blind)
        self.right_value.setObjectName("qaRightValue")
        self.right_value.setPlaceholderText(self.tr("The right value (wrong) or the missed fact's words (missed)"))
        self.note = QLineEdit(self.blind)
        self.note.setObjectName("qaNote")
        self.note.setPlaceholderText(self.tr("Note (optional; why it is not a fact)"))
        buttons = QHBoxLayout()
        self.correct_button = QPushButton(self.tr("Correct"), self.blind)
        self.correct_button.setObjectName("qaCorrect")
        self.wrong_button = QPushButton(self.tr("Wrong"), self.blind)
        self.wrong_button.setObjectName("qaWrong")
        self.missed_button = QPushButton(self.tr("Missed fact"), self.blind)
        self.missed_button.setObjectName("qaMissed")
        for button in (self.correct_button, self.wrong_button, self.missed_button):
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        blind_layout.addWidget(self.where)
        blind_layout.addWidget(self.page_view, 3)
        blind_layout.addWidget(self.page_text, 1)
        blind_layout.addWidget(self.value)
        blind_layout.addWidget(self.right_value)
        blind_layout.addWidget(self.note)
        blind_layout.addLayout(buttons)

        # --- agreement and charts ------------------------------------------------------------
        figures = QGroupBox(self.tr("3. Agreement and accuracy"), self)
        fig_layout = QVBoxLayout(figures)
        self.progress_label = QLabel(figures)
        self.progress_label.setObjectName("qaProgress")
        self.agreement_label = QLabel(figures)
        self.agreement_label.setObjectName("qaAgreement")
        self.agreement_label.setWordWrap(True)
        self.forest_canvas = _canvas(
            charts.forest_plot([], title=self.tr("Your verdicts: accuracy")), "qaForest", figures
        )
        self.matrix_canvas = _canvas(charts.agreement_matrix(None), "qaMatrix", figures)
        fig_layout.addWidget(self.progress_label)
        fig_layout.addWidget(self.agreement_label)
        fig_layout.addWidget(self.forest_canvas, 3)
        fig_layout.addWidget(self.matrix_canvas, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.blind)
        splitter.addWidget(figures)
        splitter.setSizes([330, 640, 480])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for widget in (self.plan_kind, self.plan_value, self.confidence, self.allowed):
            signal = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.valueChanged
            signal.connect(self.update_plan)
        self.draw_button.clicked.connect(self.draw)
        self.sample_list.currentItemChanged.connect(self._sample_chosen)
        self.item_list.currentRowChanged.connect(self._item_chosen)
        self.correct_button.clicked.connect(lambda: self.record("correct"))
        self.wrong_button.clicked.connect(lambda: self.record("wrong"))
        self.missed_button.clicked.connect(lambda: self.record("missed"))
        self._set_item_enabled(False)
        self.update_plan()
        self.refresh_samples()

    # --- planner ---------------------------------------------------------------------------------

    def update_plan(self) -> None:
        """The plan's size and its one-line meaning, before any item is drawn (pure arithmetic)."""
        kind = self.plan_kind.currentData()
        value, confidence = self.plan_value.value(), self.confidence.value()
        try:
            if kind == "margin":
                plan = planning.margin_plan(value, confidence)
            else:
                plan = planning.acceptance_plan(value, confidence, self.allowed.value())
        except planning.PlanError as exc:
            self.plan_label.setText(exc.message)
            return
        self.allowed.setEnabled(kind == "max_error")
        self.size_box.setValue(plan.sample_size)
        if kind == "margin":
            text = i18n.fmt(
                self.tr("%1 items estimate a rate to ±%2 points at %3 % confidence."),
                str(plan.sample_size),
                f"{value * 100:g}",
                f"{confidence * 100:g}",
            )
        else:
            text = i18n.fmt(
                self.tr("%1 items: with at most %2 errors found, the error rate is at most %3 % (%4 % confidence)."),
                str(plan.sample_size),
                str(self.allowed.value()),
                f"{value * 100:g}",
                f"{confidence * 100:g}",
            )
        self.plan_label.setText(text)

    # --- samples -----------------------------------------------------------------------------

    def refresh_samples(self, select: str | None = None) -> None:
        def loaded(samples: list[dict[str, Any]]) -> None:
            self.sample_list.blockSignals(True)
            self.sample_list.clear()
            for s in samples:
                text = i18n.fmt(
                    self.tr("%1 · %2 items · seed %3 · %4 judged by you"),
                    str(s["frame"]),
                    str(s["size"]),
                    str(s["seed"]),
                    str(s["judged_by_me"]),
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s["sample_id"])
                self.sample_list.addItem(item)
            self.sample_list.blockSignals(False)
            if select is not None:
                for row in range(self.sample_list.count()):
                    if self.sample_list.item(row).data(Qt.ItemDataRole.UserRole) == select:
                        self.sample_list.setCurrentRow(row)

        self.runner.submit("qa.samples", self.qa.samples, on_result=loaded, owner=self)

    def draw(self) -> None:
        qa, size, seed, frame = self.qa, self.size_box.value(), self.seed.value(), str(self.frame.currentData())
        stratify = [d for d, box in (("field", self.by_field), ("language", self.by_language)) if box.isChecked()]
        if frame == "empty-pages":
            stratify = [d for d in stratify if d != "field"]
        self.draw_button.setEnabled(False)

        def work() -> DrawnSample:
            return qa.draw_sample(size, seed, frame=frame, stratify=stratify, floor=2)

        def drawn(sample: DrawnSample) -> None:
            self.status_message.emit(i18n.fmt(self.tr("Sample drawn: %1 items."), str(len(sample.items))))
            self.refresh_samples(select=sample.sample_id)

        self.runner.submit(
            "qa.draw",
            work,
            on_result=drawn,
            on_error=self._error,
            on_finished=lambda: self.draw_button.setEnabled(True),
            owner=self,
        )

    def _sample_chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if current is None:
            return
        self.open_sample(str(current.data(Qt.ItemDataRole.UserRole)))

    def open_sample(self, sample_id: str) -> None:
        qa = self.qa

        def loaded(items: list[SampleItem]) -> None:
            self.sample_id = sample_id
            self.items = items
            self.item_list.blockSignals(True)
            self.item_list.clear()
            for item in items:
                label = _field(item.field) if item.field else self.tr("page")
                self.item_list.addItem(f"{item.position}. {label} — {item.file_name} p.{item.page}")
            self.item_list.blockSignals(False)
            self.refresh_progress()
            if items:
                self.item_list.setCurrentRow(0)
            self.sample_loaded.emit(sample_id)

        self.runner.submit("qa.items", lambda: qa.sample_items(sample_id), on_result=loaded, owner=self)

    # --- blind pane --------------------------------------------------------------------------

    def _item_chosen(self, row: int) -> None:
        if self.sample_id is None or not 0 <= row < len(self.items):
            return
        qa, sample_id, item_id = self.qa, self.sample_id, self.items[row].item_id
        self._set_item_enabled(False)

        def shown(view: ItemView) -> None:
            row_now = self.item_list.currentRow()
            selected = self.items[row_now].item_id if 0 <= row_now < len(self.items) else None
            if self.sample_id != sample_id or view.item.item_id != item_id or selected != item_id:
                return  # the reviewer moved on
            self.show_item(view)

        self.runner.submit(
            "qa.view_item",
            lambda: qa.view_item(sample_id, item_id),
            on_result=shown,
            on_error=self._error,
            owner=self,
        )

    def show_item(self, view: ItemView) -> None:
        self.current = view
        item, page = view.item, view.page
        image = QImage.fromData(view.image_png) if view.image_png else None
        self.page_view.set_page(image, page, self.tr("No page image: see the text below."))
        self.page_view.set_low_confidence_visible(False)
        if item.start is not None and item.end is not None:
            self.page_view.set_highlight(page.boxes_for_span(item.start, item.end))
        self.page_text.setHtml(_highlighted(page.text, item.start, item.end))
        self.where.setText(
            i18n.fmt(
                self.tr("Item %1 of %2 · %3, page %4"),
                str(item.position),
                str(len(self.items)),
                item.file_name,
                str(item.page),
            )
        )
        if item.value:
            self.value.setText(i18n.fmt(self.tr("%1: %2"), _field(item.field), item.value))
        else:
            self.value.setText(self.tr("Nothing was suggested on this page. Is a fact missing?"))
        self.right_value.clear()
        self.note.clear()
        empty_page = not item.value
        self.wrong_button.setVisible(not empty_page)
        self._set_item_enabled(view.mine is None)
        if view.mine is not None:
            self.status_message.emit(self.tr("You already judged this item; verdicts are never overwritten."))
        self.item_shown.emit(item.item_id)

    def _error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _set_item_enabled(self, enabled: bool) -> None:
        for widget in (self.correct_button, self.wrong_button, self.missed_button, self.right_value, self.note):
            widget.setEnabled(enabled)

    def record(self, verdict: str) -> None:
        view = self.current
        if view is None or self.sample_id is None or self._busy:
            return
        value = self.right_value.text().strip() or None
        note = self.note.text().strip()
        if verdict == "missed" and value is None:
            self.status_message.emit(self.tr("Type or paste the missed fact's words first."))
            self.right_value.setFocus()
            return
        if verdict == "wrong" and value is None and not note:
            self.status_message.emit(self.tr("Give the right value, or a note saying why it is not a fact."))
            self.right_value.setFocus()
            return
        qa, sample_id, item_id = self.qa, self.sample_id, view.item.item_id
        self._busy = True
        self._set_item_enabled(False)

        def done(verdict_id: str) -> None:
            # Free before the next item shows: a click on it between this result and the job's "finished" was
            # silently ignored (the blind review test timed out on a loaded machine; a quick reviewer lost a click).
            self._busy = False
            self.verdict_recorded.emit(verdict_id)
            self.refresh_progress()
            row = self.item_list.currentRow()
            self.item_list.item(row).setText("✓ " + self.item_list.item(row).text())
            if row + 1 < self.item_list.count():
                self.item_list.setCurrentRow(row + 1)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._set_item_enabled(True)
            show_error(self, exc)

        def finished() -> None:
            self._busy = False

        self.runner.submit(
            "qa.verdict",
            lambda: qa.record_verdict(sample_id, item_id, verdict, value=value, note=note),
            on_result=done,
            on_error=failed,
            on_finished=finished,
            owner=self,
        )

    # --- figures -----------------------------------------------------------------------------

    def refresh_progress(self) -> None:
        if self.sample_id is None:
            return
        qa, sample_id = self.qa, self.sample_id
        self.runner.submit("qa.progress", lambda: qa.progress(sample_id), on_result=self.show_progress, owner=self)

    def show_progress(self, progress: SampleProgress) -> None:
        if progress.sample_id != self.sample_id:
            return
        self.last_progress = progress
        self.progress_label.setText(
            i18n.fmt(
                self.tr("%1 of %2 items judged (%3 by you)."),
                str(progress.judged),
                str(progress.size),
                str(progress.mine),
            )
        )
        self.agreement_label.setText(self._agreement_text(progress.agreement, progress.agreement_items))
        self._replace(self.forest_canvas, charts.forest_plot(progress.forest, title=self.tr("Your verdicts: accuracy")))
        self._replace(self.matrix_canvas, charts.agreement_matrix(progress.agreement, title=self.tr("Agreement")))
        self.progress_updated.emit(progress)

    def _agreement_text(self, result: Agreement | None, items: int) -> str:
        if result is None or result.n == 0:
            return i18n.fmt(
                self.tr("Agreement appears after every %1 judged items, so no single decision can be read off it."),
                str(AGREEMENT_BATCH),
            )

        def fmt(value: float | None, ci: Sequence[float] | None) -> str:
            if value is None:
                return "–"
            return f"{value:.2f} [{ci[0]:.2f}–{ci[1]:.2f}]" if ci else f"{value:.2f}"

        return i18n.fmt(
            self.tr(
                "Over the first %1 items (n=%2, %3 documents): raw %4 · kappa %5 · AC1 %6 (95 % bootstrap over documents)"
            ),
            str(items),
            str(result.n),
            str(result.documents),
            fmt(result.raw, result.raw_ci),
            fmt(result.kappa, result.kappa_ci),
            fmt(result.ac1, result.ac1_ci),
        )

    @staticmethod
    def _replace(canvas: FigureCanvasQTAgg, figure: Figure) -> None:
        """Put a new figure on the canvas, sized to it (the canvas only resizes figures on its own resize)."""
        if canvas.width() > 50 and canvas.height() > 50:
            figure.set_size_inches(canvas.width() / figure.dpi, canvas.height() / figure.dpi, forward=False)
        canvas.figure = figure
        figure.set_canvas(canvas)
        canvas.draw()

    def visible_texts(self) -> list[str]:
        """Every text the blind pane shows (labels, buttons, fields, tooltips), for checks that it stays blind."""
        texts: list[str] = []
        for widget in [self.blind, *self.blind.findChildren(QWidget)]:
            for getter in ("text", "toolTip", "placeholderText", "title", "toPlainText", "windowTitle"):
                method = getattr(widget, getter, None)
                if callable(method):
                    value = method()
                    if isinstance(value, str) and value:
                        texts.append(value)
        return texts


def _field(name: str) -> str:
    try:
        return i18n.field_label(FactField(name))
    except ValueError:
        return name.replace("_", " ")


def _highlighted(text: str, start: int | None, end: int | None) -> str:
    import html

    if start is None or end is None:
        return f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"
    return (
        "<pre style='white-space: pre-wrap'>"
        + html.escape(text[:start])
        + "<span style='background:#ffe08a'>"
        + html.escape(text[start:end])
        + "</span>"
        + html.escape(text[end:])
        + "</pre>"
    )


QA_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})


class QaWindow(QDialog):
    """The workspace in its own modeless window, opened from View › Quality review (reviewers, admins)."""

    def __init__(self, qa: QaPort, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quality review"))
        self.setObjectName("qaWindow")
        self.resize(1500, 900)
        self.workspace = QaWorkspace(qa, runner, self)
        self.status = QLabel(self)
        self.status.setObjectName("qaStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.workspace, 1)
        layout.addWidget(self.status)
        self.workspace.status_message.connect(self.status.setText)
