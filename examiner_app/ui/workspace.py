"""The case workspace: documents, page thumbnails, the page image and text, and the facts.

It coordinates what is on screen: selecting a fact opens its source page and highlights its
words in the image and its characters in the text; a review key records the decision through the
core. Every core call runs in a :class:`~examiner_app.ui.workers.JobRunner` job; results that
arrive after the examiner has moved on (another case, document or page) are dropped.

Below the page sit four tabs: the facts to review, the case summary (fact sheet and
chronology, exported as a PDF working note), country information (COI search, citations, excerpts
pinned to the case or a fact) and similar cases (for consistency, never a prediction). Facts can also be recorded by hand from words
selected on the page image or in the page text, and a page can be read again with languages the
examiner chooses.

Signals (for the main window and tests): ``case_loaded(case_id)``, ``page_shown(document_id,
page)``, ``highlight_shown(suggestion_id)``, ``decision_recorded(Decision)``, ``fact_added(Suggestion)``,
``summary_loaded(case_id)``, ``export_finished(Path, bool audited)``, ``page_reread(document_id, page)``.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import (
    Case,
    Decision,
    Document,
    PageText,
    Provenance,
    Suggestion,
    SuggestionStatus,
)
from examiner_app.review import DECIDING_ROLES
from examiner_app.summaries.clock import CaseClock
from examiner_app.summaries.grouping import ValueGroup
from examiner_app.summaries.sign_off import SignOff
from examiner_app.ui import i18n
from examiner_app.ui.backend import CaseDetailLike, CaseSummaryLike, UiContext, WorkbenchPort
from examiner_app.ui.coi_panel import CoiPanel
from examiner_app.ui.delegates import DocumentDelegate
from examiner_app.ui.dialogs import ReasonDialog, show_error
from examiner_app.ui.earlier_applications import EarlierApplicationsBox
from examiner_app.ui.evidence_panel import EvidencePanel
from examiner_app.ui.facts_panel import ACCEPT, EDIT, REJECT, FactsPanel
from examiner_app.ui.group_review import GroupDecisionDialog
from examiner_app.ui.page_text import PageTextPanel
from examiner_app.ui.page_viewer import PageViewer
from examiner_app.ui.qt_models import DocumentListModel, PageThumbnailModel
from examiner_app.ui.repeat_panel import RepeatPanel
from examiner_app.ui.similar_panel import SimilarCasesPanel
from examiner_app.ui.summary_panel import SummaryPanel
from examiner_app.ui.workers import JobRunner, QtProgress
from examiner_app.ui.workspace_exports import EXPORT_KIND, ExportsMixin  # noqa: F401 - EXPORT_KIND re-exported
from examiner_app.ui.workspace_page_actions import (  # noqa: F401 - re-exported: the helpers lived here
    MANUAL,
    PageActionsMixin,
    selected_span,
    selected_words,
)

IMAGE_CACHE_PAGES = 12


def installed_ocr_packs() -> list[str]:
    """The Tesseract language packs installed here. Blocking (asks Tesseract): runs in a worker."""
    from examiner_app.extraction.ocr import installed_languages

    return sorted(installed_languages(refresh=True))


@dataclass(frozen=True)
class DecodedPage:
    """A page image decoded in a worker (QImage is safe off the UI thread; QPixmap is not)."""

    image: QImage | None
    thumbnail: QImage | None


def decode_page(png: bytes | None, thumb_size: QSize) -> DecodedPage:
    """Decode stored page bytes and make a thumbnail. Runs in a worker."""
    if not png:
        return DecodedPage(None, None)
    image = QImage.fromData(png)
    if image.isNull():
        return DecodedPage(None, None)
    thumb = image.scaled(thumb_size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return DecodedPage(image, thumb)


class CaseWorkspace(PageActionsMixin, ExportsMixin, QWidget):
    """Everything about the open case. Owns no data source: it asks the runner for everything."""

    case_loaded = Signal(str)
    page_shown = Signal(str, int)
    highlight_shown = Signal(str)
    decision_recorded = Signal(object)
    facts_changed = Signal()
    status_message = Signal(str)
    fact_added = Signal(object)
    summary_loaded = Signal(str)
    summary_signed_off = Signal(object)  # the SignOff the core recorded
    export_finished = Signal(object, bool)
    package_exported = Signal(object, object)  # the path without suffix, {file name: SHA-256}
    page_reread = Signal(str, int)

    def __init__(
        self, workbench: WorkbenchPort, runner: JobRunner, context: UiContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.runner = runner
        self.context = context
        self._case_id: str | None = None
        self._documents: dict[str, Document] = {}
        self._suggestions: list[Suggestion] = []
        self._pages: dict[str, list[PageText]] = {}
        self._doc_id: str | None = None
        self._page = 0
        self._target: Suggestion | None = None
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._thumbs: dict[tuple[str, int], QPixmap] = {}
        self._thumb_jobs: set[str] = set()
        self._deciding: set[str] = set()
        self._image_request: tuple[str, int] | None = None
        self._case: Case | None = None
        self._summary_stale = True
        self._select_after_reload: str | None = None
        self._reread_progress: QtProgress | None = None

        self.title_label = QLabel(self)
        self.title_label.setObjectName("caseTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("muted")

        self.documents = DocumentListModel(self)
        self.document_view = QListView(self)
        self.document_view.setObjectName("documentList")
        self.document_view.setModel(self.documents)
        self.document_view.setItemDelegate(DocumentDelegate(self.document_view))
        self.document_view.setUniformItemSizes(False)
        self.document_view.setWordWrap(True)
        self.document_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.document_view.setResizeMode(QListView.ResizeMode.Adjust)

        self.thumbnails = PageThumbnailModel(self)
        self.thumbnail_view = QListView(self)
        self.thumbnail_view.setObjectName("thumbnails")
        self.thumbnail_view.setModel(self.thumbnails)
        self.thumbnail_view.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnail_view.setFlow(QListView.Flow.LeftToRight)
        self.thumbnail_view.setWrapping(True)
        self.thumbnail_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.thumbnail_view.setMovement(QListView.Movement.Static)
        self.thumbnail_view.setIconSize(PageThumbnailModel.THUMB_SIZE)
        self.thumbnail_view.setGridSize(
            QSize(PageThumbnailModel.THUMB_SIZE.width() + 18, PageThumbnailModel.THUMB_SIZE.height() + 30)
        )
        self.thumbnail_view.setSpacing(2)
        self.thumbnail_view.setUniformItemSizes(True)

        self.viewer = PageViewer(self)
        self.text_panel = PageTextPanel(self)
        self.facts = FactsPanel(self)
        self.summary = SummaryPanel(self)
        self.evidence = EvidencePanel(workbench, runner, self)  # evidence by the Guide's elements
        self.repeat = RepeatPanel(workbench, runner, self)  # what is new against a confirmed earlier application
        self.coi = CoiPanel(workbench, runner, self)
        self.similar = SimilarCasesPanel(workbench, runner, self)
        self.earlier = EarlierApplicationsBox(workbench, runner, self)  # possible earlier applications
        self.facts.set_banner(self.earlier)
        self.coi.title_label.hide()  # the tab names them
        self.similar.title_label.hide()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("bottomTabs")
        self.tabs.setDocumentMode(True)
        self.facts_tab = self.tabs.addTab(self.facts, self.tr("Facts to review"))
        self.summary_tab = self.tabs.addTab(self.summary, self.tr("Summary"))
        self.evidence_tab = self.tabs.addTab(self.evidence, self.tr("Evidence by element"))
        self.repeat_tab = self.tabs.addTab(self.repeat, self.tr("What is new"))
        self.coi_tab = self.tabs.addTab(self.coi, self.tr("Country information"))
        self.similar_tab = self.tabs.addTab(self.similar, self.tr("Similar cases"))
        self.tabs.setTabToolTip(self.facts_tab, self.tr("Suggested and recorded facts; review keys A, E, R"))
        self.tabs.setTabToolTip(
            self.summary_tab, self.tr("Fact sheet and chronology with sources; export a working note (PDF)")
        )
        self.tabs.setTabToolTip(
            self.evidence_tab,
            self.tr("What the file holds on each element of the Guide, with sources; your reasoning per element"),
        )
        self.tabs.setTabToolTip(
            self.coi_tab, self.tr("Search country reports, see citations, pin excerpts to the case")
        )
        self.tabs.setTabToolTip(self.similar_tab, self.tr("Cases with similar facts, for consistency, not predictions"))
        can_decide = context.user.role in DECIDING_ROLES
        self.can_decide = can_decide
        why_not = i18n.fmt(
            self.tr("Signed in as %1: only an examiner can accept, edit or reject facts."),
            i18n.role_label(context.user.role),
        )
        self.facts.set_can_decide(can_decide, "" if can_decide else why_not)
        self.text_panel.set_can_add_facts(can_decide, "" if can_decide else why_not)
        self.coi.set_can_pin(can_decide, "" if can_decide else why_not)
        self.summary.set_can_sign(can_decide, "" if can_decide else why_not)
        self.evidence.set_can_write(can_decide, "" if can_decide else why_not)
        self.repeat.set_can_confirm(can_decide, "" if can_decide else why_not)
        self.viewer.select_button.setEnabled(can_decide)
        self.viewer.read_again_button.setEnabled(can_decide)
        if not can_decide:
            for button in (self.viewer.select_button, self.viewer.read_again_button):
                button.setToolTip(why_not)
        self.facts.set_user_names({context.user.id: context.user.name})

        self._build_layout()
        # Names for the decision history ("who decided"); a cheap read, done once.
        self.runner.submit(
            "users",
            workbench.users,
            owner=self,
            on_result=lambda users: self.facts.set_user_names({u.id: u.name for u in users}),
        )
        self.document_view.selectionModel().currentRowChanged.connect(self._document_clicked)
        self.thumbnail_view.selectionModel().currentRowChanged.connect(self._thumbnail_clicked)
        self.viewer.page_requested.connect(self.show_page)
        self.viewer.low_button.toggled.connect(self.text_panel.set_low_confidence_visible)
        self.facts.selection_changed.connect(self._fact_selected)
        self.facts.decide_requested.connect(self._decide_requested)
        self.facts.group_decide_requested.connect(self.ask_group_decision)
        self.summary.source_requested.connect(self.show_source_of)
        self.evidence.source_requested.connect(self.show_source_of)
        self.evidence.status_message.connect(self.status_message)
        self.evidence.package_requested.connect(self.choose_package_file)
        self.facts_changed.connect(self.evidence.invalidate)
        self.facts_changed.connect(self.repeat.invalidate)
        self.repeat.source_requested.connect(self.show_source_of)
        self.repeat.status_message.connect(self.status_message)
        self.summary.refresh_requested.connect(lambda: self.load_summary(force=True))
        self.summary.export_requested.connect(self.choose_export_file)
        self.summary.sign_off_requested.connect(self.sign_off_summary)
        # A fact clicked in the COI or similar-cases panel opens its source page (open_fact carries its id;
        # open_source would do the same a second time).
        self.coi.open_fact.connect(self.show_source_of)
        self.similar.open_fact.connect(self.show_source_of)
        # A name in an earlier-application hint selects its row (and so shows its page); if a filter hides the
        # row, the page is shown all the same.
        self.earlier.open_fact.connect(self._show_hint_name)
        self.case_loaded.connect(self.earlier.load_if_pending)
        self.coi.status_message.connect(self.status_message)
        self.similar.status_message.connect(self.status_message)
        self.facts.selection_changed.connect(
            lambda s: self.coi.set_current_fact(s.id if isinstance(s, Suggestion) else None)
        )
        self.facts_changed.connect(self.similar.invalidate)
        self.tabs.currentChanged.connect(lambda _index: self._tab_changed())
        self.viewer.view.words_selected.connect(self._words_selected)
        self.text_panel.add_fact_requested.connect(self._text_selected)
        self.viewer.read_again_requested.connect(self.read_page_again)
        self.clear()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 10, 6)
        header.setSpacing(10)
        header.addWidget(self.title_label)
        header.addWidget(self.subtitle_label, 1)
        header_frame = QFrame(self)
        header_frame.setObjectName("caseHeader")
        header_frame.setLayout(header)

        documents_title = QLabel(self.tr("Documents"), self)
        documents_title.setObjectName("sectionTitle")
        pages_title = QLabel(self.tr("Pages"), self)
        pages_title.setObjectName("sectionTitle")
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(_titled(documents_title, self.document_view))
        left.addWidget(_titled(pages_title, self.thumbnail_view))
        left.setSizes([190, 300])
        left.setChildrenCollapsible(False)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(left)
        top.addWidget(self.viewer)
        top.addWidget(self.text_panel)
        top.setStretchFactor(1, 3)
        top.setStretchFactor(2, 2)
        top.setSizes([190, 520, 420])
        top.setChildrenCollapsible(False)

        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([470, 360])
        body.setChildrenCollapsible(False)
        self.top_splitter, self.body_splitter = top, body

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header_frame)
        layout.addWidget(body, 1)

    def _ocr_packs(self) -> list[str]:
        """The installed packs for the read-again dialog (looked up here, so tests can replace the lookup)."""
        return installed_ocr_packs()

    # --- public ------------------------------------------------------------------------------

    def apply_default_layout(self, width: int, height: int) -> None:
        """Pages column 200 px, image a bit wider than the text; facts get about 40% of the height."""
        rest = max(400, width - 200)
        self.top_splitter.setSizes([200, int(rest * 0.56), rest - int(rest * 0.56)])
        body = max(400, height - 100)
        self.body_splitter.setSizes([int(body * 0.58), body - int(body * 0.58)])
        self.facts.splitter.setSizes([int(width * 0.66), width - int(width * 0.66)])
        self.summary.splitter.setSizes([int(width * 0.46), width - int(width * 0.46)])
        tab = body - int(body * 0.58)  # search and results over the pins, about three to one
        self.coi.splitter.setSizes([int(tab * 0.76), tab - int(tab * 0.76)])

    @property
    def case_id(self) -> str | None:
        return self._case_id

    @property
    def current_document_id(self) -> str | None:
        return self._doc_id

    @property
    def current_page(self) -> int:
        return self._page

    def clear(self) -> None:
        """Show the empty state (no case open)."""
        self._case_id = None
        self._case = None
        self._documents = {}
        self._suggestions = []
        self._pages = {}
        self._images.clear()
        self._thumbs = {}
        self._thumb_jobs = set()
        self._doc_id, self._page, self._target = None, 0, None
        self.title_label.setText(self.tr("No case open"))
        self.subtitle_label.setText(self.tr("Choose a case on the left, or create one and import its files."))
        self.documents.set_documents([])
        self.thumbnails.set_pages([])
        self.viewer.view.clear_page(self.tr("No document open"))
        self.viewer.set_navigation(0, 0, "")
        self.text_panel.set_page(None)
        self.facts.set_facts([], [], keep_selection=False)
        self.summary.set_summary(None)
        self._summary_stale = True
        self.evidence.set_case(None)
        self.repeat.set_case(None)
        self.coi.set_case(None)
        self.similar.set_case(None)
        self.earlier.set_case(None)

    def load_case(self, case_id: str, *, audit_open: bool = True) -> None:
        """Load (or reload, keeping what is on screen) a case's documents and facts in a worker."""
        reloading = case_id == self._case_id
        if not reloading:
            self.clear()
            self._case_id = case_id
            self.title_label.setText(self.tr("Loading case…"))
            self.coi.set_case(case_id)
            self.similar.set_case(case_id)
            self.evidence.set_case(case_id)
            self.repeat.set_case(case_id)
            self.earlier.set_case(case_id, load=False)  # looked up once the case is loaded (case_loaded)
        workbench = self.workbench
        self.runner.submit(
            "case_detail",
            lambda: workbench.case_detail(case_id, audit_open=audit_open and not reloading),
            on_result=lambda detail: self._case_detail_loaded(case_id, detail, reloading),
            owner=self,
        )

    def reload(self) -> None:
        """Refresh the open case from the store (after an import); not audited as a new opening."""
        if self._case_id is not None:
            for document_id in list(self._pages):
                document = self._documents.get(document_id)
                if document is None or not document.status.is_finished:
                    self._pages.pop(document_id, None)
            self.load_case(self._case_id, audit_open=False)
            self.similar.invalidate()  # an import may have brought new facts
            self.earlier.invalidate()  # ... and new names: looked up again when the reload arrives

    def source_visible(self, suggestion: Suggestion) -> bool:
        """Is the fact's source page on screen with its highlighted words in view?"""
        prov = suggestion.provenance
        if prov is None or prov.document_id != self._doc_id or prov.page != self._page:
            return False
        if self.viewer.view.has_image():
            return not prov.bboxes or self.viewer.view.highlight_visible()
        return bool(self.text_panel.highlighted_text())

    # --- loading -----------------------------------------------------------------------------

    def _case_detail_loaded(self, case_id: str, detail: CaseDetailLike, reloading: bool) -> None:
        if case_id != self._case_id:
            return  # the examiner opened another case meanwhile
        case = detail.case
        self._case = case
        self.title_label.setText(case.title)
        parts = [case.reference] if case.reference else []
        parts.append(i18n.fmt(self.tr("documents: %1"), len(detail.documents)))
        self.subtitle_label.setText(" · ".join(parts))
        self._load_clock(case_id, " · ".join(parts))
        self._documents = {d.id: d for d in detail.documents}
        self._suggestions = list(detail.suggestions)
        self.documents.set_documents(detail.documents)
        self.facts.set_facts(detail.suggestions, detail.decisions, keep_selection=reloading)
        if self._select_after_reload is not None:
            self.facts.select_suggestion(self._select_after_reload)
            self._select_after_reload = None
        self._summary_stale = True
        if self.tabs.currentWidget() is self.summary:
            self.load_summary()
        self.evidence.invalidate()
        if self.tabs.currentWidget() is self.evidence:
            self.evidence.load()
        current = self._doc_id if self._doc_id in self._documents else None
        if current is None and detail.documents:
            readable = [d for d in detail.documents if not d.status.is_failure] or detail.documents
            current = readable[0].id
        if current is not None:
            self._select_document_row(current)
            if reloading and current == self._doc_id and current in self._pages:
                self._refresh_page_counts()
            else:
                self.open_document(current, self._page if reloading and current == self._doc_id else 1)
        self.case_loaded.emit(case_id)

    def _load_clock(self, case_id: str, subtitle: str) -> None:
        """Days since the confirmed application date, for workload (the same for every case: no priority)."""
        clock_of = getattr(self.workbench, "case_clock", None)
        if not callable(clock_of):
            return

        def shown(clock: CaseClock) -> None:
            if case_id != self._case_id or not clock.confirmed:
                return
            since = clock.days_since_triage_date or 0
            triage = (
                i18n.fmt(self.tr("two-month date %1 passed %2 days ago"), clock.triage_date, since)
                if since >= 0
                else i18n.fmt(self.tr("two-month date %1 in %2 days"), clock.triage_date, -since)
            )
            days = i18n.fmt(self.tr("day %1 since the application"), clock.days_since_application)
            self.subtitle_label.setText(f"{subtitle} · {days} · {triage}")

        self.runner.submit("case_clock", lambda: clock_of(case_id), on_result=shown, owner=self)

    def open_document(self, document_id: str, page: int = 1) -> None:
        """Show a document's page (its text list is fetched in a worker if not cached)."""
        self._doc_id = document_id
        self._select_document_row(document_id)
        document = self._documents.get(document_id)
        if document is not None and document.status.is_failure:
            self._page = 0
            self.thumbnails.set_pages([])
            self.viewer.view.clear_page(self.tr("This file could not be read."))
            self.viewer.set_navigation(0, 0, document.file_name)
            self.text_panel.set_page(
                None, i18n.fmt("%1\n\n%2", i18n.document_status_label(document.status), document.error)
            )
            return
        if document_id in self._pages:
            self._pages_loaded(document_id, self._pages[document_id], page)
            return
        self.viewer.view.clear_page(self.tr("Loading…"))
        workbench = self.workbench
        self.runner.submit(
            "pages",
            lambda: workbench.pages(document_id),
            on_result=lambda pages: self._pages_loaded(document_id, pages, page),
            owner=self,
        )

    def _pages_loaded(self, document_id: str, pages: list[PageText], page: int) -> None:
        document = self._documents.get(document_id)
        if document is not None and document.status.is_finished:
            self._pages[document_id] = pages
        if document_id != self._doc_id:
            return
        self._refresh_page_counts(pages)
        for number in [p.page_number for p in pages]:
            thumb = self._thumbs.get((document_id, number))
            if thumb is not None:
                self.thumbnails.set_thumbnail(number, thumb)
        if not pages:
            self._page = 0
            self.viewer.view.clear_page(self.tr("No pages read yet"))
            self.viewer.set_navigation(0, 0, document.file_name if document else "")
            self.text_panel.set_page(None, self.tr("No text has been read from this document yet."))
            return
        numbers = [p.page_number for p in pages]
        self.show_page(page if page in numbers else numbers[0])
        self._load_thumbnails(document_id, numbers)

    def _refresh_page_counts(self, pages: list[PageText] | None = None) -> None:
        if self._doc_id is None:
            return
        pages = pages if pages is not None else self._pages.get(self._doc_id, [])
        counts: dict[int, int] = {}
        for s in self._suggestions:
            if s.provenance and s.provenance.document_id == self._doc_id:
                counts[s.provenance.page] = counts.get(s.provenance.page, 0) + 1
        self.thumbnails.set_pages([p.page_number for p in pages], counts)
        for p in pages:
            thumb = self._thumbs.get((self._doc_id, p.page_number))
            if thumb is not None:
                self.thumbnails.set_thumbnail(p.page_number, thumb)
        self._select_thumbnail_row(self._page)

    def _page_text(self, document_id: str, number: int) -> PageText | None:
        return next((p for p in self._pages.get(document_id, []) if p.page_number == number), None)

    def show_page(self, number: int) -> None:
        """Show page ``number`` of the open document: text at once, image from cache or a worker."""
        document_id = self._doc_id
        if document_id is None:
            return
        page = self._page_text(document_id, number)
        if page is None:
            return
        self._page = number
        document = self._documents.get(document_id)
        self.viewer.set_navigation(
            number, len(self._pages.get(document_id, [])), document.file_name if document else ""
        )
        self._select_thumbnail_row(number)
        self.text_panel.set_page(page)
        key = (document_id, number)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            self._display(document_id, number, image)
            return
        self.viewer.view.clear_page(self.tr("Loading page…"))
        self._image_request = key
        workbench, size = self.workbench, PageThumbnailModel.THUMB_SIZE
        self.runner.submit(
            "page_image",
            lambda: decode_page(workbench.page_image(document_id, number), size),
            on_result=lambda decoded: self._image_loaded(document_id, number, decoded),
            owner=self,
        )

    def _image_loaded(self, document_id: str, number: int, decoded: DecodedPage) -> None:
        if decoded.thumbnail is not None:
            self._store_thumbnail(document_id, number, decoded.thumbnail)
        if decoded.image is not None:
            self._images[(document_id, number)] = decoded.image
            while len(self._images) > IMAGE_CACHE_PAGES:
                self._images.popitem(last=False)
        if (document_id, number) != (self._doc_id, self._page):
            return
        self._display(document_id, number, decoded.image)

    def _display(self, document_id: str, number: int, image: QImage | None) -> None:
        page = self._page_text(document_id, number)
        self.viewer.view.set_page(image, page, self.tr("No page image for this document (plain text)."))
        self._apply_target()
        self.page_shown.emit(document_id, number)

    def _store_thumbnail(self, document_id: str, number: int, thumbnail: QImage) -> None:
        pixmap = QPixmap.fromImage(thumbnail)
        self._thumbs[(document_id, number)] = pixmap
        if document_id == self._doc_id:
            self.thumbnails.set_thumbnail(number, pixmap)

    def _load_thumbnails(self, document_id: str, numbers: list[int]) -> None:
        missing = [n for n in numbers if (document_id, n) not in self._thumbs and n != self._page]
        if not missing or document_id in self._thumb_jobs:
            return
        self._thumb_jobs.add(document_id)
        workbench, size = self.workbench, PageThumbnailModel.THUMB_SIZE

        def load() -> list[tuple[int, QImage]]:
            result = []
            for number, png in workbench.page_thumbnails(document_id, missing).items():
                decoded = decode_page(png, size)
                if decoded.thumbnail is not None:
                    result.append((number, decoded.thumbnail))
            return result

        def loaded(thumbs: list[tuple[int, QImage]]) -> None:
            for number, thumb in thumbs:
                self._store_thumbnail(document_id, number, thumb)

        self.runner.submit(
            "thumbnails", load, on_result=loaded, on_finished=lambda: self._thumb_jobs.discard(document_id), owner=self
        )

    # --- selection ---------------------------------------------------------------------------

    def _select_document_row(self, document_id: str) -> None:
        row = self.documents.row_of(document_id)
        if row < 0:
            return
        selection = self.document_view.selectionModel()
        if selection.currentIndex().row() == row:
            return
        selection.blockSignals(True)
        selection.setCurrentIndex(self.documents.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.blockSignals(False)
        self.document_view.viewport().update()

    def _select_thumbnail_row(self, number: int) -> None:
        row = self.thumbnails.row_of(number)
        selection = self.thumbnail_view.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.thumbnails.index(row)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.thumbnail_view.scrollTo(index)
        else:
            selection.clear()
        selection.blockSignals(False)
        self.thumbnail_view.viewport().update()

    def _document_clicked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        document = self.documents.document_at(current.row())
        if document is not None and document.id != self._doc_id:
            target = self._target.provenance if self._target else None
            page = target.page if target and target.document_id == document.id else 1
            self.open_document(document.id, page)

    def _thumbnail_clicked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        number = self.thumbnails.page_at(current.row())
        if number is not None and number != self._page:
            self.show_page(number)

    def show_source_of(self, suggestion_id: str) -> None:
        """Open the page of a fact (from the summary) and highlight its words; the fact table is left alone."""
        suggestion = next((s for s in self._suggestions if s.id == suggestion_id), None)
        if suggestion is None:
            suggestion = self._summary_line_as_suggestion(suggestion_id)
        if suggestion is None:
            return
        if suggestion.provenance is None:
            self.status_message.emit(self.tr("This fact was entered by hand without a source document."))
        self._fact_selected(suggestion)

    def _show_hint_name(self, suggestion_id: str) -> None:
        """A name in an earlier-application hint: select its row (which shows its page), or just its page."""
        if not self.facts.select_suggestion(suggestion_id):
            self.show_source_of(suggestion_id)

    def _summary_line_as_suggestion(self, suggestion_id: str) -> Suggestion | None:
        summary = self.summary.summary
        if summary is None or self._case_id is None:
            return None
        for group in summary.fact_sheet.groups:
            for line in group.lines:
                if line.suggestion_id == suggestion_id:
                    return Suggestion(
                        line.suggestion_id,
                        self._case_id,
                        line.field,
                        line.value,
                        line.normalized,
                        line.confidence,
                        line.provenance,
                        line.status,
                    )
        return None

    def _fact_selected(self, suggestion: Suggestion | None) -> None:
        self._target = suggestion
        prov: Provenance | None = suggestion.provenance if suggestion else None
        if prov is None:
            self._apply_target()
            return
        if prov.document_id != self._doc_id:
            self.open_document(prov.document_id, prov.page)
        elif prov.page != self._page:
            self.show_page(prov.page)
        else:
            self._apply_target()

    def _apply_target(self) -> None:
        target = self._target
        prov = target.provenance if target else None
        if target is None or prov is None or prov.document_id != self._doc_id or prov.page != self._page:
            self.viewer.view.set_highlight([])
            self.text_panel.clear_highlight()
            return
        self.viewer.view.set_highlight(prov.bboxes)
        self.text_panel.highlight_span(prov.start, prov.end)
        self.highlight_shown.emit(target.id)

    # --- review ------------------------------------------------------------------------------

    def _decide_requested(self, action: str, suggestion: Suggestion) -> None:
        if suggestion.id in self._deciding:
            return  # a decision on this fact is already on its way
        if action == ACCEPT:
            if suggestion.status is SuggestionStatus.ACCEPTED:
                self.status_message.emit(self.tr("This fact is already accepted."))
            elif suggestion.status is SuggestionStatus.PENDING:
                self._record(ACCEPT, suggestion, value="", reason="")
            else:
                self._ask_reason("change", suggestion, ACCEPT)
        elif action == EDIT:
            self._ask_reason("edit", suggestion, EDIT)
        elif action == REJECT and suggestion.status is not SuggestionStatus.REJECTED:
            self._ask_reason("reject", suggestion, REJECT)

    def ask_group_decision(self, action: str, group: ValueGroup) -> GroupDecisionDialog:
        """One reason for every suggestion of the same value (both ways), then one decision each, in a worker."""
        dialog = GroupDecisionDialog(group, action, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("groupDecisionDialog")

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._record_group(dialog.chosen, group, dialog.reason_text())
            self.facts.table.setFocus()

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def _record_group(self, action: str, group: ValueGroup, reason: str) -> None:
        ids = [sid for sid in group.ids if sid not in self._deciding]
        if not ids:
            return
        # The group's row shows the representative's source; the others are listed in the dialog.
        viewed = self.source_visible(group.representative)
        workbench = self.workbench
        self._deciding.update(ids)

        def recorded(decisions: list[Decision]) -> None:
            self._summary_stale = True
            for decision in decisions:
                self.facts.apply_decision(decision)
                self.decision_recorded.emit(decision)
            self._suggestions = self.facts.model.suggestions()
            self.facts_changed.emit()

        def refused(exc: BaseException) -> None:
            show_error(self, exc, self.tr("Decisions not recorded"))

        self.runner.submit(
            f"review.group_{action}",
            lambda: workbench.decide_group(ids, action, reason, source_viewed=viewed),
            on_result=recorded,
            on_error=refused,
            on_finished=lambda: self._deciding.difference_update(ids),
            owner=self,
        )

    def _ask_reason(self, kind: str, suggestion: Suggestion, action: str) -> ReasonDialog:
        dialog = ReasonDialog(kind, suggestion, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("reasonDialog")

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._record(action, suggestion, value=dialog.value_text(), reason=dialog.reason_text())
            self.facts.table.setFocus()

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def _record(self, action: str, suggestion: Suggestion, *, value: str, reason: str) -> None:
        """Record a decision in a worker; ``source_viewed`` says whether its source was on screen."""
        viewed = self.source_visible(suggestion)
        workbench, sid, version = self.workbench, suggestion.id, suggestion.version
        if action == ACCEPT:

            def work() -> Decision:
                return workbench.accept(sid, source_viewed=viewed, reason=reason, expected_version=version)
        elif action == EDIT:

            def work() -> Decision:
                return workbench.edit(sid, value, reason, source_viewed=viewed, expected_version=version)
        else:

            def work() -> Decision:
                return workbench.reject(sid, reason, source_viewed=viewed, expected_version=version)

        self._deciding.add(sid)

        def recorded(decision: Decision) -> None:
            self._summary_stale = True
            self.facts.apply_decision(decision)
            self._suggestions = self.facts.model.suggestions()
            if not viewed and action in (ACCEPT, EDIT):
                self.facts.show_notice(
                    self.tr(
                        "Recorded without its source page on screen. Suggestions can be wrong: look at the "
                        "highlighted words on the page image before you rely on this finding."
                    )
                )
            self.decision_recorded.emit(decision)
            self.facts_changed.emit()

        def refused(exc: BaseException) -> None:
            current = getattr(exc, "current", None)
            if isinstance(current, Suggestion):  # StaleDecisionError: another examiner decided meanwhile
                self.facts.model.replace_suggestion(current)
                self._suggestions = self.facts.model.suggestions()
            show_error(self, exc, self.tr("Decision not recorded"))

        self.runner.submit(
            f"review.{action}",
            work,
            on_result=recorded,
            on_error=refused,
            on_finished=lambda: self._deciding.discard(sid),
            owner=self,
        )

    # --- summary and working note ------------------------------------------------------------

    def show_summary(self) -> None:
        self.tabs.setCurrentWidget(self.summary)

    def show_coi(self) -> None:
        """Show the country-information tab with the cursor in its search box."""
        self.tabs.setCurrentWidget(self.coi)
        self.coi.query_edit.setFocus()

    def show_similar(self) -> None:
        self.tabs.setCurrentWidget(self.similar)

    def show_evidence(self) -> None:
        self.tabs.setCurrentWidget(self.evidence)

    def show_repeat(self) -> None:
        self.tabs.setCurrentWidget(self.repeat)

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.summary:
            self.load_summary()
        elif self.tabs.currentWidget() is self.evidence:
            self.evidence.load()
        elif self.tabs.currentWidget() is self.repeat:
            self.repeat.load()

    def load_summary(self, *, force: bool = False) -> None:
        """Fetch the summary in a worker (the core audits each fetch, so only when shown and out of date)."""
        case_id = self._case_id
        if case_id is None or not (force or self._summary_stale):
            return
        self._summary_stale = False
        self.summary.set_loading()
        workbench = self.workbench

        def loaded(summary: CaseSummaryLike) -> None:
            if case_id != self._case_id:
                return
            self.summary.set_summary(summary)
            self.summary_loaded.emit(case_id)

        def failed(exc: BaseException) -> None:
            self._summary_stale = True
            self.summary.set_summary(None)
            show_error(self, exc, self.tr("Summary not available"))

        self.runner.submit("summary", lambda: workbench.summary(case_id), on_result=loaded, on_error=failed, owner=self)

    def sign_off_summary(self, expected_sha256: str) -> None:
        """Sign the summary off in a worker (the examiner confirmed it in the panel), then show it again."""
        case_id = self._case_id
        if case_id is None:
            self.summary.set_signing(False)
            return
        workbench = self.workbench

        def signed(sign_off: SignOff) -> None:
            self.status_message.emit(
                i18n.fmt(self.tr("Summary signed off by %1; the working note now says so."), sign_off.user_name)
            )
            self.summary_signed_off.emit(sign_off)

        def refused(exc: BaseException) -> None:
            show_error(self, exc, self.tr("Summary not signed off"))

        def finished() -> None:
            self.summary.set_signing(False)
            if case_id == self._case_id:
                self.load_summary(force=True)

        self.runner.submit(
            "sign_off_summary",
            lambda: workbench.sign_off_summary(case_id, expected_sha256),
            on_result=signed,
            on_error=refused,
            on_finished=finished,
            owner=self,
        )

    @property
    def _case_reference(self) -> str:
        return self._case.reference if self._case is not None else ""


def _titled(title: QLabel, body: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    title.setContentsMargins(8, 4, 8, 4)
    layout.addWidget(title)
    layout.addWidget(body, 1)
    return box
