"""Model/View adapters over the core's domain objects (cases, documents, pages, fact suggestions).

The models hold plain frozen domain objects already fetched by a worker; they never call the
core themselves. Each exposes the object behind a row through a custom role so views and
delegates never re-derive it from display text. Display text goes through ``tr()``/``i18n``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from examiner_app.domain import Case, Decision, DecisionAction, Document, FactField, Suggestion, SuggestionStatus
from examiner_app.ui import i18n

# Below this a fact's confidence is labelled "low" and shown in amber (red below VERY_LOW).
LOW_CONFIDENCE = 0.6
VERY_LOW_CONFIDENCE = 0.3

AMBER = QColor("#8a5300")
AMBER_BG = QColor("#fff1cc")
RED = QColor("#a3141e")
RED_BG = QColor("#fde3e3")
MUTED = QColor("#6b717a")
FAILURE = QColor("#c0262d")

AnyIndex = QModelIndex | QPersistentModelIndex
_FIELD_ORDER = {field: position for position, field in enumerate(FactField)}


class Roles(IntEnum):
    """Custom item data roles shared by the models, delegates and tests."""

    OBJECT = Qt.ItemDataRole.UserRole + 1  # the domain object behind the row
    # Note: StrEnum values (STATUS, FIELD) come back out of Qt as plain ``str``; compare by value.
    SORT = Qt.ItemDataRole.UserRole + 2
    STATUS = Qt.ItemDataRole.UserRole + 3
    CONFIDENCE = Qt.ItemDataRole.UserRole + 4
    FIELD = Qt.ItemDataRole.UserRole + 5
    DETAIL = Qt.ItemDataRole.UserRole + 6  # a second line of text (document status)
    FAILED = Qt.ItemDataRole.UserRole + 7


def confidence_level(confidence: float) -> str:
    """``"ok"``, ``"low"`` or ``"very-low"``: how prominently to flag a fact's confidence."""
    if confidence < VERY_LOW_CONFIDENCE:
        return "very-low"
    if confidence < LOW_CONFIDENCE:
        return "low"
    return "ok"


# --- cases -----------------------------------------------------------------------------------


class CaseListModel(QAbstractTableModel):
    """Cases with their title, reference, document count and number of undecided suggestions."""

    TITLE, REFERENCE, DOCUMENTS, PENDING = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases: list[Case] = []

    def set_cases(self, cases: Sequence[Case]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def case_at(self, row: int) -> Case | None:
        return self._cases[row] if 0 <= row < len(self._cases) else None

    def row_of(self, case_id: str) -> int:
        return next((row for row, case in enumerate(self._cases) if case.id == case_id), -1)

    def cases(self) -> list[Case]:
        return list(self._cases)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Case"), self.tr("Reference"), self.tr("Docs"), self.tr("Pending")][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("Case title"),
                self.tr("Case reference"),
                self.tr("Number of documents"),
                self.tr("Suggestions not yet reviewed"),
            ][section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        case = self.case_at(index.row()) if index.isValid() else None
        if case is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [case.title, case.reference, case.document_count, case.pending_count][column]
        if role == Roles.OBJECT:
            return case
        if role == Roles.DETAIL:
            parts = [case.reference] if case.reference else []
            parts.append(i18n.fmt(self.tr("documents: %1"), case.document_count))
            return " · ".join(parts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DOCUMENTS, self.PENDING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.PENDING and case.pending_count:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.REFERENCE, self.DOCUMENTS):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return i18n.fmt(
                self.tr("%1\nDocuments: %2 · suggestions to review: %3"),
                case.title,
                case.document_count,
                case.pending_count,
            )
        return None


# --- documents -------------------------------------------------------------------------------


class DocumentListModel(QAbstractListModel):
    """The documents of a case. Failed ones carry their typed error message (what to do next)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: list[Document] = []

    def set_documents(self, documents: Sequence[Document]) -> None:
        self.beginResetModel()
        self._documents = list(documents)
        self.endResetModel()

    def document_at(self, row: int) -> Document | None:
        return self._documents[row] if 0 <= row < len(self._documents) else None

    def row_of(self, document_id: str) -> int:
        return next((row for row, doc in enumerate(self._documents) if doc.id == document_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._documents)

    def status_text(self, document: Document) -> str:
        label = i18n.document_status_label(document.status)
        if document.status.is_failure:
            return f"{label}: {document.error}" if document.error else label
        if document.page_count:
            return f"{label} · " + i18n.fmt(self.tr("pages: %1"), document.page_count)
        return label

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        document = self.document_at(index.row()) if index.isValid() else None
        if document is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return document.file_name
        if role == Roles.DETAIL:
            return self.status_text(document)
        if role == Roles.FAILED:
            return document.status.is_failure
        if role == Roles.OBJECT:
            return document
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                document.file_name,
                self.status_text(document),
                i18n.fmt(self.tr("SHA-256 %1"), document.sha256[:16] + "…"),
            ]
            return "\n".join(lines)
        return None


# --- page thumbnails -------------------------------------------------------------------------


class PageThumbnailModel(QAbstractListModel):
    """Pages of the open document: a thumbnail (placeholder until loaded) and the page number."""

    THUMB_SIZE = QSize(92, 130)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages: list[int] = []
        self._thumbs: dict[int, QPixmap] = {}
        self._fact_counts: dict[int, int] = {}
        self._placeholder: QIcon | None = None

    def set_pages(self, page_numbers: Iterable[int], fact_counts: dict[int, int] | None = None) -> None:
        self.beginResetModel()
        self._pages = list(page_numbers)
        self._thumbs = {}
        self._fact_counts = dict(fact_counts or {})
        self.endResetModel()

    def set_thumbnail(self, page_number: int, pixmap: QPixmap) -> None:
        if page_number not in self._pages:
            return
        self._thumbs[page_number] = pixmap
        row = self._pages.index(page_number)
        self.dataChanged.emit(self.index(row), self.index(row), [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, page_number: int) -> bool:
        return page_number in self._thumbs

    def page_at(self, row: int) -> int | None:
        return self._pages[row] if 0 <= row < len(self._pages) else None

    def row_of(self, page_number: int) -> int:
        return self._pages.index(page_number) if page_number in self._pages else -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pages)

    def _placeholder_icon(self) -> QIcon:
        if self._placeholder is None:
            pixmap = QPixmap(self.THUMB_SIZE)
            pixmap.fill(QColor("#ffffff"))
            painter = QPainter(pixmap)
            painter.setPen(QPen(QColor("#d0d4da")))
            painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
            painter.end()
            self._placeholder = QIcon(pixmap)
        return self._placeholder

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        page = self.page_at(index.row()) if index.isValid() else None
        if page is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            count = self._fact_counts.get(page, 0)
            label = i18n.fmt(self.tr("p. %1"), page)
            return f"{label} · {count}" if count else label
        if role == Qt.ItemDataRole.DecorationRole:
            thumb = self._thumbs.get(page)
            return QIcon(thumb) if thumb is not None else self._placeholder_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            count = self._fact_counts.get(page, 0)
            return i18n.fmt(self.tr("Page %1 — suggested facts: %2"), page, count)
        if role == Roles.OBJECT:
            return page
        return None


# --- facts -----------------------------------------------------------------------------------


class FactTableModel(QAbstractTableModel):
    """Fact suggestions and findings of a case, one row each.

    Suggestions (pending) and findings (accepted/edited) are told apart by font and by the
    status column; rejected ones stay visible, struck through. Confidence is never hidden: the
    figure is shown as a percentage and low ones are labelled "low".
    """

    FIELD, VALUE, NORMALIZED, CONFIDENCE, SOURCE, MODEL, STATUS = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Suggestion] = []
        self._decisions: dict[str, list[Decision]] = {}
        self._group_sizes: dict[str, int] = {}  # a grouped row's suggestion id -> suggestions in its group

    # --- content -----------------------------------------------------------------------------

    def set_suggestions(self, suggestions: Sequence[Suggestion], decisions: Sequence[Decision] = ()) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self._decisions = {}
        for decision in decisions:
            self._decisions.setdefault(decision.suggestion_id, []).append(decision)
        self.endResetModel()

    def suggestions(self) -> list[Suggestion]:
        return list(self._rows)

    def set_group_sizes(self, sizes: dict[str, int]) -> None:
        """Rows that stand for a group of the same value found in several places (the source column says so)."""
        self._group_sizes = dict(sizes)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.SOURCE), self.index(len(self._rows) - 1, self.SOURCE))

    def group_size(self, suggestion_id: str) -> int:
        return self._group_sizes.get(suggestion_id, 1)

    def suggestion_at(self, row: int) -> Suggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, suggestion_id: str) -> int:
        return next((row for row, s in enumerate(self._rows) if s.id == suggestion_id), -1)

    def decisions_for(self, suggestion_id: str) -> list[Decision]:
        return list(self._decisions.get(suggestion_id, []))

    def apply_decision(self, decision: Decision) -> Suggestion | None:
        """Reflect a recorded decision in the row (the store already holds it); return the new row."""
        row = self.row_of(decision.suggestion_id)
        if row < 0:
            return None
        old = self._rows[row]
        if decision.action is DecisionAction.ACCEPT:
            new = replace(old, status=SuggestionStatus.ACCEPTED)
        elif decision.action is DecisionAction.EDIT:
            new = replace(old, status=SuggestionStatus.EDITED, reviewed_value=decision.value_after)
        elif decision.action is DecisionAction.REJECT:
            new = replace(old, status=SuggestionStatus.REJECTED)
        else:
            new = old
        new = replace(new, version=old.version + 1)  # the store bumped it with the decision
        self._rows[row] = new
        self._decisions.setdefault(decision.suggestion_id, []).append(decision)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))
        return new

    def replace_suggestion(self, suggestion: Suggestion) -> None:
        """Show a suggestion as the store has it now (another examiner decided on it meanwhile)."""
        row = self.row_of(suggestion.id)
        if row < 0:
            return
        self._rows[row] = suggestion
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))

    def counts(self) -> dict[SuggestionStatus, int]:
        result = dict.fromkeys(SuggestionStatus, 0)
        for suggestion in self._rows:
            result[suggestion.status] += 1
        return result

    # --- Qt interface ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("Field"),
                self.tr("Value"),
                self.tr("Normalized"),
                self.tr("Conf."),
                self.tr("Source"),
                self.tr("Model"),
                self.tr("Status"),
            ][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("What kind of fact"),
                self.tr("The text as written (or as corrected by the examiner)"),
                self.tr("Normalized form: ISO 8601 dates, ISO 3166 country codes, canonical names"),
                self.tr(
                    "Confidence of the suggestion: the extractor's own figure times the OCR confidence of "
                    "its words. It says how sure the reading is, never whether the fact is true."
                ),
                self.tr("Document and page the fact was read from"),
                self.tr("Engine, model and version that made the suggestion"),
                self.tr("Suggestion (not yet reviewed) or the examiner's decision"),
            ][section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        suggestion = self.suggestion_at(index.row()) if index.isValid() else None
        if suggestion is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(suggestion, column)
        if role == Roles.OBJECT:
            return suggestion
        if role == Roles.STATUS:
            return suggestion.status
        if role == Roles.CONFIDENCE:
            return suggestion.confidence
        if role == Roles.FIELD:
            return suggestion.field
        if role == Roles.SORT:
            return self._sort_key(suggestion, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(suggestion, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(suggestion, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(suggestion, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CONFIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def status_text(self, status: SuggestionStatus) -> str:
        label = i18n.status_label(status)
        if status in (SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED):
            return f"✓ {label}"
        if status is SuggestionStatus.REJECTED:
            return f"✗ {label}"
        return label

    def confidence_text(self, confidence: float) -> str:
        text = i18n.percent(confidence)
        if confidence_level(confidence) != "ok":
            text += " " + self.tr("low")
        return text

    def _display(self, s: Suggestion, column: int) -> str:
        if column == self.FIELD:
            return i18n.field_label(s.field)
        if column == self.VALUE:
            return s.effective_value
        if column == self.NORMALIZED:
            return s.normalized or ""
        if column == self.CONFIDENCE:
            return self.confidence_text(s.confidence)
        if column == self.SOURCE:
            text = f"{s.provenance.file_name} p.{s.provenance.page}" if s.provenance else self.tr("no source")
            size = self._group_sizes.get(s.id, 1)
            return text if size == 1 else i18n.fmt(self.tr("%1 + %2 more"), text, size - 1)
        if column == self.MODEL:
            model = s.provenance.model if s.provenance else None
            return f"{model.model}@{model.version}" if model else self.tr("examiner")
        return self.status_text(s.status)

    def _sort_key(self, s: Suggestion, column: int) -> tuple[Any, ...]:
        # Every key ends with the position in the case file, so equal values keep reading order.
        prov = s.provenance
        position = (prov.file_name, prov.page, prov.start) if prov else ("", 0, 0)
        if column == self.FIELD:
            return (_FIELD_ORDER.get(s.field, 99), *position)
        if column == self.CONFIDENCE:
            return (s.confidence, *position)
        if column == self.STATUS:
            return (list(SuggestionStatus).index(s.status), *position)
        if column == self.SOURCE:
            return position
        return (self._display(s, column).casefold(), *position)

    def _font(self, s: Suggestion, column: int) -> QFont | None:
        font = QFont()
        if s.status is SuggestionStatus.PENDING:
            font.setItalic(True)  # a suggestion: not yet anyone's finding
        elif s.status in (SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED):
            font.setBold(column in (self.VALUE, self.STATUS))
        elif s.status is SuggestionStatus.REJECTED and column == self.VALUE:
            font.setStrikeOut(True)
        return font

    def _foreground(self, s: Suggestion, column: int) -> QBrush | None:
        if column == self.CONFIDENCE:
            level = confidence_level(s.confidence)
            if level == "very-low":
                return QBrush(RED)
            if level == "low":
                return QBrush(AMBER)
        if s.status is SuggestionStatus.REJECTED or column in (self.SOURCE, self.MODEL, self.NORMALIZED):
            return QBrush(MUTED)
        return None

    def _tooltip(self, s: Suggestion, column: int) -> str:
        prov = s.provenance
        if column == self.CONFIDENCE:
            lines = [i18n.fmt(self.tr("Suggestion confidence: %1"), i18n.percent(s.confidence))]
            if prov and prov.ocr_confidence is not None:
                lines.append(
                    i18n.fmt(self.tr("OCR confidence of its weakest word: %1"), i18n.percent(prov.ocr_confidence))
                )
            if confidence_level(s.confidence) != "ok":
                lines.append(self.tr("Low: compare with the highlighted words on the page image."))
            return "\n".join(lines)
        if column == self.SOURCE and prov:
            return i18n.fmt(self.tr("%1, page %2, characters %3–%4"), prov.file_name, prov.page, prov.start, prov.end)
        if column == self.MODEL and prov:
            return i18n.fmt(self.tr("Suggested by %1"), prov.model)
        if column == self.VALUE:
            lines = [s.effective_value]
            if s.reviewed_value is not None and s.reviewed_value != s.value:
                lines.append(i18n.fmt(self.tr("Suggested: %1"), s.value))
            if s.note:
                lines.append(s.note)
            return "\n".join(lines)
        return self._display(s, column)


class FactFilterProxy(QSortFilterProxyModel):
    """Filters facts by status and minimum confidence; sorts by field, then position in the file.

    Filtering is the examiner's explicit choice and the panel always says how many rows it hides,
    so low-confidence facts are never silently dropped.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses: frozenset[SuggestionStatus] | None = None
        self._min_confidence = 0.0
        self._grouped_away: frozenset[str] = frozenset()  # members shown through their group's row
        self.setSortRole(Roles.SORT)
        self.setDynamicSortFilter(True)

    def set_statuses(self, statuses: Iterable[SuggestionStatus] | None) -> None:
        self.beginFilterChange()
        # Statuses may arrive as plain str (Qt item data turns StrEnums into str).
        self._statuses = frozenset(SuggestionStatus(s) for s in statuses) if statuses is not None else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_min_confidence(self, value: float) -> None:
        self.beginFilterChange()
        self._min_confidence = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_grouped_away(self, suggestion_ids: Iterable[str]) -> None:
        self.beginFilterChange()
        self._grouped_away = frozenset(suggestion_ids)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def min_confidence(self) -> float:
        return self._min_confidence

    def hidden_count(self) -> int:
        source = self.sourceModel()
        return (source.rowCount() if source is not None else 0) - self.rowCount()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent)
        suggestion = source.data(index, Roles.OBJECT)
        if not isinstance(suggestion, Suggestion):
            return False
        if suggestion.id in self._grouped_away and suggestion.status is SuggestionStatus.PENDING:
            return False
        if self._statuses is not None and suggestion.status not in self._statuses:
            return False
        # Facts the examiner recorded are findings, not suggestions: a confidence filter never hides them.
        return suggestion.status is not SuggestionStatus.PENDING or suggestion.confidence >= self._min_confidence

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a = left.data(Roles.SORT)
        b = right.data(Roles.SORT)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
