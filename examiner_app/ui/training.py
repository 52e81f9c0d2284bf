"""The trainer's workspace: the link confirmation and redaction preview before a pack is exported, and a trainee's
scored exercise (the trainee's facts beside the key on the page image, colour-coded).

All core work (building the preview, exporting, scoring) runs in the job runner; the widgets only show results.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import Case
from examiner_app.training import progress_chart, roles
from examiner_app.training.pack import PackDraft, PackOptions
from examiner_app.training.progress import ScorePoint
from examiner_app.training.scoring import ExerciseScore
from examiner_app.training.service import Training
from examiner_app.ui.dialogs import show_error
from examiner_app.ui.workers import JobRunner

# Colour per outcome (with a text label beside it: colour is never the only cue).
OUTCOME_COLOURS = {
    "correct": QColor(27, 158, 119),
    "partial": QColor(230, 159, 0),
    "wrong": QColor(213, 94, 0),
    "missed": QColor(120, 120, 120),
    "spurious": QColor(117, 112, 179),
}


def _pixmap(png: bytes | None) -> QPixmap:
    pixmap = QPixmap()
    if png:
        pixmap.loadFromData(png, "PNG")
    return pixmap


class PageImage(QLabel):
    """A page image scaled to the width, with coloured boxes drawn over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self._png: bytes | None = None
        self._boxes: list[tuple[list[int], QColor, str]] = []
        self.display_width = 760

    def show_page(self, png: bytes | None, boxes: list[tuple[list[int], QColor, str]] | None = None) -> None:
        self._png = png
        self._boxes = boxes or []
        self._render()

    def _render(self) -> None:
        base = _pixmap(self._png)
        if base.isNull():
            self.setText(self.tr("No page image"))
            return
        image = base.toImage().convertToFormat(QImage.Format.Format_RGB32)
        painter = QPainter(image)
        for box, colour, label in self._boxes:
            x0, y0, x1, y1 = box
            fill = QColor(colour)
            fill.setAlpha(60)
            painter.fillRect(QRectF(x0, y0, x1 - x0, y1 - y0), QBrush(fill))
            painter.setPen(QPen(colour, 4))
            painter.drawRect(QRectF(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4))
            font = painter.font()
            font.setPixelSize(22)
            painter.setFont(font)
            painter.drawText(int(x0), int(y0) - 6, label)
        painter.end()
        self.setPixmap(
            QPixmap.fromImage(image).scaledToWidth(self.display_width, Qt.TransformationMode.SmoothTransformation)
        )


class ExportTab(QWidget):
    """Choose a decided case, preview the pseudonym links and the redacted pages, then export."""

    preview_ready = Signal(object)
    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, training: Training, runner: JobRunner, cases: list[Case], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.training = training
        self.runner = runner
        self.draft: PackDraft | None = None
        self.case_box = QComboBox(self)
        for case in cases:
            if not case.anonymized:
                self.case_box.addItem(f"{case.title} ({case.reference or case.id[:8]})", case.id)
        self.k_box = QSpinBox(self)
        self.k_box.setRange(1, 1000)
        self.k_box.setValue(5)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why this pack is made (recorded with your name)"))
        self.preview_button = QPushButton(self.tr("Preview redaction"), self)
        self.export_button = QPushButton(self.tr("Export pack…"), self)
        self.export_button.setEnabled(False)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Decided case"), self.case_box)
        form.addRow(self.tr("k (cases that must share the quasi-identifiers)"), self.k_box)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)

        self.links = QTableWidget(0, 4, self)
        self.links.setHorizontalHeaderLabels(
            [self.tr("Same person"), self.tr("Spelling"), self.tr("Spelling"), self.tr("Why linked")]
        )
        self.links.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.links.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people = QTableWidget(0, 3, self)
        self.people.setHorizontalHeaderLabels(
            [self.tr("Spellings in the case"), self.tr("Pseudonym"), self.tr("Replaced by")]
        )
        self.people.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pages = QListWidget(self)
        self.show_original = QCheckBox(self.tr("Show the original page"), self)
        self.replacements = QTableWidget(0, 3, self)
        self.replacements.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Original"), self.tr("In the pack")])
        self.replacements.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.image = PageImage(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Name links (untick to split two people)"), left))
        left_layout.addWidget(self.links, 2)
        left_layout.addWidget(self.people, 2)
        left_layout.addWidget(QLabel(self.tr("Pages"), left))
        left_layout.addWidget(self.pages, 1)
        left_layout.addWidget(self.show_original)
        left_layout.addWidget(self.replacements, 3)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([640, 800])

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.choose_export)
        self.pages.currentRowChanged.connect(self._show_page)
        self.show_original.toggled.connect(lambda _on: self._show_page(self.pages.currentRow()))

    def role_names(self) -> dict[str, str]:
        """What a person can be replaced by: a pseudonym ("") or a role, in the trainer's language."""
        return {
            "": self.tr("a pseudonym"),
            roles.INTERPRETER: self.tr("their role: interpreter"),
            roles.LAWYER: self.tr("their role: lawyer"),
            roles.OFFICIAL: self.tr("their role: official"),
            roles.DOCTOR: self.tr("their role: doctor"),
            roles.POLICE_OFFICER: self.tr("their role: police officer"),
            roles.JUDGE: self.tr("their role: judge"),
        }

    def role_choices(self) -> dict[str, str]:
        """The trainer's changes to the roles found: a spelling of the person -> a role, or "" for a pseudonym."""
        choices: dict[str, str] = {}
        for row in range(self.people.rowCount()):
            box = self.people.cellWidget(row, 2)
            spellings = self.people.item(row, 0)
            if isinstance(box, QComboBox) and spellings is not None:
                chosen, found = box.currentData(), box.property("role_found")
                if chosen != found:
                    choices[spellings.data(Qt.ItemDataRole.UserRole)] = chosen
        return choices

    def options(self) -> PackOptions:
        splits = []
        for row in range(self.links.rowCount()):
            box, left, right = (self.links.item(row, c) for c in (0, 1, 2))
            if box is not None and left and right and box.checkState() == Qt.CheckState.Unchecked:
                splits.append((left.text(), right.text()))
        return PackOptions(
            k=self.k_box.value(), reason=self.reason.text().strip(), splits=splits, roles=self.role_choices()
        )

    def preview(self) -> None:
        case_id = self.case_box.currentData()
        if not case_id:
            return
        options = self.options()
        options.ocr_check = False  # the fresh OCR pass runs at export
        self.preview_button.setEnabled(False)
        self.status.setText(self.tr("Building the preview…"))
        self.runner.submit(
            "training.preview",
            lambda: self.training.preview(case_id, options),
            on_result=self._preview_done,
            on_error=self._error,
            on_finished=lambda: self.preview_button.setEnabled(True),
            owner=self,
        )

    def _preview_done(self, draft: PackDraft) -> None:
        keep_split = {(a, b) for a, b in self.options().splits}
        kept_roles = self.role_choices()
        self.draft = draft
        self.links.setRowCount(0)
        for link in draft.table.links + [
            link for link in self._split_links(keep_split) if link not in draft.table.links
        ]:
            row = self.links.rowCount()
            self.links.insertRow(row)
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            split = (link.left, link.right) in keep_split
            check.setCheckState(Qt.CheckState.Unchecked if split else Qt.CheckState.Checked)
            self.links.setItem(row, 0, check)
            self.links.setItem(row, 1, QTableWidgetItem(link.left))
            self.links.setItem(row, 2, QTableWidgetItem(link.right))
            self.links.setItem(row, 3, QTableWidgetItem(link.reason))
        self.people.setRowCount(0)
        names = self.role_names()
        for cluster, (spellings, pseudonym) in enumerate(
            zip(draft.table.clusters, draft.table.cluster_pseudonyms, strict=True)
        ):
            row = self.people.rowCount()
            self.people.insertRow(row)
            item = QTableWidgetItem(" / ".join(spellings))
            item.setData(Qt.ItemDataRole.UserRole, spellings[0])
            self.people.setItem(row, 0, item)
            self.people.setItem(row, 1, QTableWidgetItem(pseudonym))
            box = QComboBox(self.people)
            for role, name in names.items():
                box.addItem(name, role)
            finding = draft.role_findings.get(cluster)
            found = finding.role if finding and finding.role else ""
            box.setProperty("role_found", found)
            # the roles shown are the ones the preview used (the trainer's earlier choices included)
            chosen = kept_roles.get(spellings[0], draft.table.roles.get(cluster, ""))
            box.setCurrentIndex(max(0, box.findData(chosen)))
            if finding and finding.words:
                box.setToolTip(
                    self.tr("Written beside the name: %1 (%2 of %3 mentions)")
                    .replace("%1", ", ".join(finding.words))
                    .replace("%2", str(finding.with_role_word))
                    .replace("%3", str(finding.occurrences))
                )
            self.people.setCellWidget(row, 2, box)
        self.pages.clear()
        for page, reps, _original in draft.previews:
            self.pages.addItem(
                self.tr("%1, page %2: %3 replaced")
                .replace("%1", page.file_name)
                .replace("%2", str(page.page_number))
                .replace("%3", str(len(reps)))
            )
        reid = draft.reid
        self.status.setText(
            self.tr("%1 people, dates shifted; %2 of %3 corpus cases share the quasi-identifiers (k = %4).")
            .replace("%1", str(len(draft.table.clusters)))
            .replace("%2", str(reid.shared))
            .replace("%3", str(reid.corpus_size))
            .replace("%4", str(reid.k))
        )
        self.export_button.setEnabled(bool(self.reason.text().strip()))
        if self.pages.count():
            self.pages.setCurrentRow(0)
        self.preview_ready.emit(draft)

    def _split_links(self, pairs: set[tuple[str, str]]) -> list[Any]:
        from examiner_app.training.names import NameLink

        return [NameLink(a, b, 0.0, self.tr("split by the trainer")) for a, b in sorted(pairs)]

    def _show_page(self, row: int) -> None:
        if self.draft is None or row < 0 or row >= len(self.draft.previews):
            return
        page, reps, original = self.draft.previews[row]
        self.replacements.setRowCount(0)
        for kind, before, after in reps:
            r = self.replacements.rowCount()
            self.replacements.insertRow(r)
            for column, value in enumerate((kind, before, after)):
                self.replacements.setItem(r, column, QTableWidgetItem(value))
        self.image.show_page(original if self.show_original.isChecked() else page.image_png)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export training pack"), "", self.tr("Training pack (*.zip)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        case_id = self.case_box.currentData()
        options = self.options()
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting: reading every redacted page again to check nothing is left…"))
        self.runner.submit(
            "training.export",
            lambda: self.training.export(case_id, path, options),
            on_result=lambda _draft: self._exported(path),
            on_error=self._error,
            on_finished=lambda: self.export_button.setEnabled(True),
            owner=self,
        )

    def _exported(self, path: Path) -> None:
        self.status.setText(self.tr("Pack written: %1").replace("%1", str(path)))
        self.exported.emit(str(path))

    def _error(self, exc: BaseException) -> None:
        self.status.setText(str(getattr(exc, "message", exc)))
        self.failed.emit(str(getattr(exc, "message", exc)))
        if not isinstance(exc, Exception) or not hasattr(exc, "message"):
            show_error(self, exc)


class ScoreTab(QWidget):
    """A trainee's recorded facts beside the key on the page image, colour-coded by outcome."""

    scored = Signal(object)
    failed = Signal(str)

    def __init__(self, training: Training, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.training = training
        self.runner = runner
        self.result: ExerciseScore | None = None
        self._images: dict[tuple[str, int], bytes] = {}
        self.pack_path = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        self.trainee = QLineEdit(self)
        self.score_button = QPushButton(self.tr("Score"), self)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 9, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Correct"),
                self.tr("Partial"),
                self.tr("Wrong"),
                self.tr("Missed"),
                self.tr("Spurious"),
                self.tr("Precision"),
                self.tr("Recall"),
                self.tr("F1"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.facts = QTableWidget(0, 4, self)
        self.facts.setHorizontalHeaderLabels(
            [self.tr("Outcome"), self.tr("Field"), self.tr("Trainee"), self.tr("Answer key")]
        )
        self.facts.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.facts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        legend = QLabel(
            " ".join(
                f'<span style="color:{c.name()}">■</span> {self._outcome_label(o)}' for o, c in OUTCOME_COLOURS.items()
            ),
            self,
        )
        self.image = PageImage(self)
        self.image.display_width = 700
        scroll = QScrollArea(self)
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Pack"), self))
        row.addWidget(self.pack_path, 2)
        row.addWidget(browse)
        row.addWidget(QLabel(self.tr("Trainee"), self))
        row.addWidget(self.trainee, 1)
        row.addWidget(self.score_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 2)
        left_layout.addWidget(legend)
        left_layout.addWidget(self.facts, 3)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([700, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Only facts are scored: never credibility, outcomes or reasons."), self))
        layout.addWidget(splitter, 1)
        browse.clicked.connect(self._browse)
        self.score_button.clicked.connect(self.score)
        self.facts.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._show_fact(r))

    def _outcome_label(self, outcome: str) -> str:
        return {
            "correct": self.tr("correct"),
            "partial": self.tr("partial"),
            "wrong": self.tr("wrong field"),
            "missed": self.tr("missed"),
            "spurious": self.tr("spurious"),
        }[outcome]

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open training pack"), "", self.tr("Training pack (*.zip)"))
        if path:
            self.pack_path.setText(path)

    def score(self) -> None:
        path = Path(self.pack_path.text().strip())
        trainee = self.trainee.text().strip()
        if not trainee or not path.name:
            return
        self.score_button.setEnabled(False)
        self.runner.submit(
            "training.score",
            lambda: (self.training.score(path, trainee), _page_images(path)),
            on_result=self._scored,
            on_error=self._score_failed,
            on_finished=lambda: self.score_button.setEnabled(True),
            owner=self,
        )

    def _score_failed(self, exc: BaseException) -> None:
        self.summary.setText(str(getattr(exc, "message", exc)))
        self.failed.emit(str(exc))

    def _scored(self, value: Any) -> None:
        (result, _pack, _case_id), images = value
        self.result = result
        self._images = images
        totals = result.as_json()
        self.summary.setText(
            self.tr("Overall F1 %1 (precision %2, recall %3; partial matches count half).")
            .replace("%1", f"{totals['f1']:.2f}")
            .replace("%2", f"{totals['precision']:.2f}")
            .replace("%3", f"{totals['recall']:.2f}")
        )
        self.table.setRowCount(0)
        for f in result.fields:
            r = self.table.rowCount()
            self.table.insertRow(r)
            values = [f.field, f.correct, f.partial, f.wrong, f.missed, f.spurious]
            values += [f"{f.precision:.2f}", f"{f.recall:.2f}", f"{f.f1:.2f}"]
            for column, value_ in enumerate(values):
                self.table.setItem(r, column, QTableWidgetItem(str(value_)))
        self.facts.setRowCount(0)
        for fact in result.facts:
            r = self.facts.rowCount()
            self.facts.insertRow(r)
            outcome = QTableWidgetItem(self._outcome_label(fact.outcome))
            outcome.setForeground(QBrush(OUTCOME_COLOURS[fact.outcome]))
            self.facts.setItem(r, 0, outcome)
            self.facts.setItem(r, 1, QTableWidgetItem(fact.field))
            self.facts.setItem(r, 2, QTableWidgetItem(str((fact.trainee or {}).get("value", "—"))))
            self.facts.setItem(r, 3, QTableWidgetItem(str((fact.key or {}).get("value", "—"))))
        self.show_page_of(result.facts[0] if result.facts else None)
        self.scored.emit(result)

    def _show_fact(self, row: int) -> None:
        if self.result is not None and 0 <= row < len(self.result.facts):
            self.show_page_of(self.result.facts[row])

    def show_page_of(self, focus: Any) -> None:
        """The page of ``focus`` with every scored fact on it: the key's boxes and the trainee's, by outcome."""
        if self.result is None or focus is None:
            return
        where = focus.key or focus.trainee or {}
        page_key = (str(where.get("document")), int(where.get("page") or 1))
        boxes: list[tuple[list[int], QColor, str]] = []
        for fact in self.result.facts:
            for side, label in ((fact.key, self.tr("key")), (fact.trainee, self.tr("trainee"))):
                if not side or (str(side.get("document")), int(side.get("page") or 0)) != page_key:
                    continue
                for box in side.get("boxes") or []:
                    boxes.append(
                        (list(box), OUTCOME_COLOURS[fact.outcome], f"{label}: {self._outcome_label(fact.outcome)}")
                    )
        self.image.show_page(self._images.get(page_key), boxes)


class ProgressTab(QWidget):
    """Each trainee's F1 over time (95 % Wilson intervals, n at each point) and the table behind the chart; the chart
    exports as PNG or PDF. Per trainee only: nothing is broken down by the nationality or language of the cases."""

    series_ready = Signal(object)
    chart_exported = Signal(str)
    failed = Signal(str)

    def __init__(self, training: Training, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.training = training
        self.runner = runner
        self.series: dict[str, list[ScorePoint]] = {}
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.export_button = QPushButton(self.tr("Export chart…"), self)
        self.export_button.setEnabled(False)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.canvas = FigureCanvasQTAgg(self._figure({}))
        self.canvas.setParent(self)
        self.canvas.setMinimumHeight(320)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Trainee"),
                self.tr("Exercise"),
                self.tr("Scored on"),
                self.tr("F1"),
                self.tr("95 % interval"),
                self.tr("n"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(
            QLabel(
                self.tr(
                    "F1 of the facts each trainee recorded, per scored exercise. The interval treats F1 as "
                    "(2 correct + partial) of n = trainee facts + key facts: a guide to how much one exercise says."
                ),
                self,
            )
        )
        layout.addWidget(self.status)
        layout.addWidget(self.canvas, 3)
        layout.addWidget(self.table, 2)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.choose_export)

    def _labels(self) -> progress_chart.ChartLabels:
        return progress_chart.ChartLabels(
            title=self.tr("F1 per scored exercise (95 % Wilson interval; n = trainee facts + key facts)"),
            y_axis=self.tr("F1"),
            x_axis=self.tr("Scored on"),
            empty=self.tr("No scored exercises yet"),
        )

    def _figure(self, series: dict[str, list[ScorePoint]]) -> Figure:
        return progress_chart.progress_figure(series, self._labels())

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Reading the scored exercises…"))
        self.runner.submit(
            "training.progress",
            self.training.progress,
            on_result=self._show,
            on_error=self._error,
            on_finished=lambda: self.refresh_button.setEnabled(True),
            owner=self,
        )

    def _show(self, series: dict[str, list[ScorePoint]]) -> None:
        self.series = series
        figure = self._figure(series)
        if self.canvas.width() > 50 and self.canvas.height() > 50:
            figure.set_size_inches(self.canvas.width() / figure.dpi, self.canvas.height() / figure.dpi, forward=False)
        self.canvas.figure = figure
        figure.set_canvas(self.canvas)
        self.canvas.draw()
        self.table.setRowCount(0)
        for trainee, points in sorted(series.items()):
            for point in points:
                r = self.table.rowCount()
                self.table.insertRow(r)
                interval = point.f1_interval
                values = [
                    trainee,
                    point.exercise,
                    point.scored_at.strftime("%Y-%m-%d %H:%M"),
                    f"{point.f1:.2f}",
                    f"{interval[0]:.2f}–{interval[1]:.2f}" if interval else "–",
                    str(point.n),
                ]
                for column, value in enumerate(values):
                    self.table.setItem(r, column, QTableWidgetItem(value))
        scored = sum(len(v) for v in series.values())
        self.status.setText(
            self.tr("%1 trainees, %2 scored exercises.").replace("%1", str(len(series))).replace("%2", str(scored))
        )
        self.export_button.setEnabled(scored > 0)
        self.series_ready.emit(series)

    def choose_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), "", self.tr("PNG image (*.png);;PDF document (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in progress_chart.FORMATS:
            target = target.with_suffix(".pdf" if "pdf" in chosen.lower() else ".png")
        self.export_chart(target)

    def export_chart(self, path: Path) -> None:
        """Write the chart shown (PNG or PDF by suffix), then record the export in the audit log."""
        try:
            progress_chart.save(self.canvas.figure, path)
        except Exception as exc:  # noqa: BLE001 - a full disk or a bad suffix is shown, not raised into Qt
            self._error(exc)
            return
        trainees = sorted(self.series)
        self.runner.submit(
            "training.progress_export",
            lambda: self.training.progress_exported(path, trainees),
            on_result=lambda _none: self._exported(path),
            on_error=self._error,
            owner=self,
        )

    def _exported(self, path: Path) -> None:
        self.status.setText(self.tr("Chart written: %1").replace("%1", str(path)))
        self.chart_exported.emit(str(path))

    def _error(self, exc: BaseException) -> None:
        message = str(getattr(exc, "message", exc))
        self.status.setText(message)
        self.failed.emit(message)


def _page_images(path: Path) -> dict[tuple[str, int], bytes]:
    import json

    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
        out = {}
        for doc in manifest["documents"]:
            for p in doc["pages"]:
                if "image" in p:
                    out[(str(doc["document"]), int(p["page"]))] = z.read(p["image"])
    return out


class TrainerWorkspace(QDialog):
    """The trainer's window: export packs (preview first), score exercises. Japanese and English."""

    def __init__(self, training: Training, runner: JobRunner, cases: list[Case], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Training — Examiner Workbench"))
        self.resize(1500, 950)
        self.tabs = QTabWidget(self)
        self.export_tab = ExportTab(training, runner, cases, self)
        self.score_tab = ScoreTab(training, runner, self)
        self.progress_tab = ProgressTab(training, runner, self)
        self.tabs.addTab(self.export_tab, self.tr("Export a pack"))
        self.tabs.addTab(self.score_tab, self.tr("Scored exercise"))
        self.tabs.addTab(self.progress_tab, self.tr("Trainees over time"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)


__all__ = ["OUTCOME_COLOURS", "ExportTab", "ProgressTab", "ScoreTab", "TrainerWorkspace", "io"]
