"""What the UI needs from the core, as a Protocol: :class:`examiner_app.services.Workbench` fits it.

The UI depends on this shape rather than importing ``services`` at module level, so widgets can be
tested with a small fake and the composition root (``app.py``) is the only place that builds the
real thing. Every method blocks; the UI calls them from workers only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from examiner_app.coi.types import ExcerptSuggestion, ImportedReport, LibraryCountry, Pin, SearchResults
from examiner_app.config import Settings
from examiner_app.domain import (
    AuditEvent,
    Case,
    Decision,
    Document,
    FactField,
    PageText,
    Provenance,
    Role,
    Suggestion,
    User,
)
from examiner_app.progress import ProgressReporter
from examiner_app.summaries import ChronologyEntry, FactSheet
from examiner_app.summaries.sign_off import PinnedExcerpt, SignOff, SignOffState

if TYPE_CHECKING:  # coi.prior_cases loads numpy; the UI only needs the shape
    from examiner_app.casework import EarlierApplicationLink
    from examiner_app.coi.prior_cases import PriorLoadReport, SimilarResults
    from examiner_app.earlier_applications import EarlierApplicationHints
    from examiner_app.summaries.evidence import ElementReasoning, EvidenceView
    from examiner_app.summaries.repeat import RepeatComparison
    from examiner_app.ui.qa_workspace import QaPort


class CaseDetailLike(Protocol):
    @property
    def case(self) -> Case: ...

    @property
    def documents(self) -> list[Document]: ...

    @property
    def suggestions(self) -> list[Suggestion]: ...

    @property
    def decisions(self) -> list[Decision]: ...


class CaseSummaryLike(Protocol):
    @property
    def fact_sheet(self) -> FactSheet: ...

    @property
    def chronology(self) -> list[ChronologyEntry]: ...

    @property
    def pins(self) -> list[PinnedExcerpt]: ...

    @property
    def sign_off(self) -> SignOffState | None: ...


class VerifyResultLike(Protocol):
    @property
    def ok(self) -> bool: ...

    @property
    def events_checked(self) -> int: ...

    @property
    def first_broken_id(self) -> int | None: ...

    @property
    def problem(self) -> str: ...


class WorkbenchPort(Protocol):
    user: User | None
    # Replaced as a whole (``dataclasses.replace``) when the examiner turns AI suggestions off or on.
    settings: Settings

    def has_accounts(self) -> bool: ...

    def sign_in(self, name: str, role: Role) -> User: ...

    def sign_in_with_password(self, name: str, password: str) -> User: ...

    def users(self) -> list[User]: ...

    def list_cases(self) -> list[Case]: ...

    def create_case(self, title: str, reference: str = "") -> Case: ...

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> CaseDetailLike: ...

    def pages(self, document_id: str) -> list[PageText]: ...

    def page_image(self, document_id: str, page_number: int) -> bytes | None: ...

    def page_thumbnails(self, document_id: str, page_numbers: Iterable[int]) -> dict[int, bytes | None]: ...

    def import_files(
        self, case_id: str, paths: Iterable[Path], progress: ProgressReporter | None = None
    ) -> list[Any]: ...

    def accept(
        self, suggestion_id: str, *, source_viewed: bool = False, reason: str = "", expected_version: int | None = None
    ) -> Decision: ...

    def edit(
        self,
        suggestion_id: str,
        new_value: str,
        reason: str,
        *,
        source_viewed: bool = False,
        expected_version: int | None = None,
    ) -> Decision: ...

    def reject(
        self, suggestion_id: str, reason: str, *, source_viewed: bool = False, expected_version: int | None = None
    ) -> Decision: ...

    def decide_group(
        self, suggestion_ids: list[str], action: str, reason: str, *, source_viewed: bool = False
    ) -> list[Decision]: ...

    def add_fact(
        self, case_id: str, field: FactField, value: str, provenance: Provenance | None, reason: str = ""
    ) -> Suggestion: ...

    def reocr_page(
        self, document_id: str, page_number: int, ocr_languages: str | None, progress: ProgressReporter | None = None
    ) -> PageText: ...

    def summary(self, case_id: str) -> CaseSummaryLike: ...

    def sign_off_summary(self, case_id: str, expected_sha256: str) -> SignOff: ...

    def audit_events(self, case_id: str | None = None, limit: int = 500) -> list[AuditEvent]: ...

    def export_audit(self, out: Path) -> int: ...

    def verify_audit(self) -> VerifyResultLike: ...

    def qa(self) -> QaPort: ...

    # Country-of-origin information (the COI panel) and similar cases (the similar-cases panel).

    def coi_import(
        self,
        paths: Iterable[Path],
        *,
        country: str | None = None,
        source: str | None = None,
        title: str | None = None,
        published: str | None = None,
        url: str | None = None,
        progress: ProgressReporter | None = None,
    ) -> list[ImportedReport]: ...

    def load_prior_cases(self, folder: Path, progress: ProgressReporter | None = None) -> PriorLoadReport: ...

    def coi_countries(self) -> list[LibraryCountry]: ...

    def coi_search(
        self,
        query: str,
        *,
        country: str | None = None,
        top: int = 10,
        published_from: date | None = None,
        published_to: date | None = None,
        case_id: str | None = None,
    ) -> SearchResults: ...

    def suggest_excerpts(self, case_id: str, top: int = 5) -> list[ExcerptSuggestion]: ...

    def pin_excerpt(
        self, case_id: str, passage_id: int, *, suggestion_id: str | None = None, note: str = ""
    ) -> Pin: ...

    def unpin_excerpt(self, pin_id: str) -> None: ...

    def pins(self, case_id: str) -> list[Pin]: ...

    def similar_cases(
        self,
        case_id: str,
        *,
        top: int = 10,
        country: str | None = None,
        ground: str | None = None,
        decided_from: date | None = None,
        decided_to: date | None = None,
    ) -> SimilarResults: ...

    # Possible earlier applications: the same or a similar name in another case (a hint, audited).

    def earlier_application_hints(self, case_id: str) -> EarlierApplicationHints: ...

    # Evidence by the Guide's elements and the examiner's reasoning per element (audited).

    def evidence(self, case_id: str, *, findings_only: bool = False) -> EvidenceView: ...

    def save_reasoning(self, case_id: str, element: str, text: str) -> ElementReasoning: ...

    # The record package (JSON from the core; the UI also writes it as a PDF) and its audited export.

    def record_package(self, case_id: str) -> tuple[dict[str, Any], bytes]: ...

    def record_package_exported(self, case_id: str, files: dict[str, str]) -> None: ...

    # What is new against an earlier application an examiner confirmed (audited).

    def repeat_comparison(self, case_id: str) -> list[RepeatComparison]: ...

    def confirm_earlier_application(
        self, case_id: str, earlier_case_id: str, reason: str, *, hint_id: str = "", confirmed: bool = True
    ) -> EarlierApplicationLink: ...


def record_export(workbench: WorkbenchPort, case_id: str, kind: str, file_name: str) -> bool:
    """Audit an export through ``Workbench.record_export`` when the core has it; False when it has not.

    Blocking (it writes the audit log): call from a worker. The core is asked for this method; until it
    exists the UI still exports and says in the status bar that the export was not audited.
    """
    recorder = getattr(workbench, "record_export", None)
    if not callable(recorder):
        return False
    recorder(case_id, kind, file_name)
    return True


@dataclass(frozen=True)
class UiContext:
    """Frozen facts about this session that widgets show; never read from globals by workers."""

    user: User
    ai_enabled: bool = True
    data_location: str = ""
    samples_dir: Path | None = None
    coi_dir: Path | None = None  # the bundled fictional COI library and prior cases (resources/coi)
