"""The list of cases, with the actions that start work on one: new case and import files.

A view over :class:`~examiner_app.ui.qt_models.CaseListModel`; the main window fills it from a
worker and reacts to ``case_selected``, ``new_case_requested`` and ``import_requested``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import Case
from examiner_app.ui.delegates import CaseDelegate
from examiner_app.ui.qt_models import CaseListModel, Roles


class CaseListPanel(QWidget):
    """Cases (title, reference, documents, pending) with a filter box and the case actions.

    ``view`` is the view (a list of two-line rows over the four-column model).
    """

    case_selected = Signal(object)  # str | None
    new_case_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        title = QLabel(self.tr("Cases"), self)
        title.setObjectName("sectionTitle")
        style = self.style()
        self.new_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder), self.tr("New case"), self
        )
        self.new_button.setToolTip(self.tr("Create an empty case (Ctrl+N)"))
        self.import_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton), self.tr("Import files…"), self
        )
        self.import_button.setToolTip(self.tr("Add PDFs, scans or text files to the selected case (Ctrl+I)"))
        self.import_button.setEnabled(False)
        self._can_create = True
        self._importing = False
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter cases"))
        self.filter.setClearButtonEnabled(True)

        # A list of two-line rows: a side panel is too narrow for four table columns, and the
        # delegate shows all four facts (title, reference, documents, pending badge) legibly.
        self.view = QListView(self)
        self.view.setObjectName("caseList")
        self.view.setModel(self.proxy)
        self.view.setModelColumn(CaseListModel.TITLE)
        self.view.setItemDelegate(CaseDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.sort(CaseListModel.TITLE, Qt.SortOrder.AscendingOrder)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)

        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.new_button.clicked.connect(self.new_case_requested)
        self.import_button.clicked.connect(self.import_requested)

    def set_cases(self, cases: Sequence[Case]) -> None:
        """Replace the list; the selected case stays selected (without a new ``case_selected``)."""
        selected = self.current_case_id()
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        self.model.set_cases(cases)
        if selected is not None:
            self._select(selected)
        selection.blockSignals(False)
        self.view.viewport().update()
        self._update_buttons()

    def current_case_id(self) -> str | None:
        index = self.view.currentIndex()
        case = index.siblingAtColumn(0).data(Roles.OBJECT) if index.isValid() else None
        return case.id if isinstance(case, Case) else None

    def current_case(self) -> Case | None:
        index = self.view.currentIndex()
        case = index.siblingAtColumn(0).data(Roles.OBJECT) if index.isValid() else None
        return case if isinstance(case, Case) else None

    def select_case(self, case_id: str) -> bool:
        """Select a case and announce it with ``case_selected``."""
        return self._select(case_id)

    def _select(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, CaseListModel.TITLE))
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = self.current_case_id() if current.isValid() else None
        self._update_buttons()
        self.case_selected.emit(case_id)

    def set_can_create(self, allowed: bool) -> None:
        """Offer New case / Import only to roles that may use them."""
        self._can_create = allowed
        self._update_buttons()

    def set_busy_importing(self, busy: bool) -> None:
        """One import at a time: Import is off while one runs."""
        self._importing = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self._can_create)
        self.import_button.setEnabled(self._can_create and not self._importing and self.current_case_id() is not None)
