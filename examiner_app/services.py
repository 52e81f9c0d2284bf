"""The application's use cases, shared by the desktop app and the command line.

``Workbench`` binds a store, the settings and the signed-in user. Every read of case content
that a person makes is audited here (who opened which case, viewed which page), so the UI and
the CLI cannot forget to. Methods are blocking: the UI calls them from worker threads only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examiner_app import accounts, audit, earlier_applications, review
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
from examiner_app.earlier_applications import EarlierApplicationHints
from examiner_app.errors import PermissionDeniedError
from examiner_app.extraction.facts import name_match
from examiner_app.extraction.reader import ReadOptions
from examiner_app.keys import load_or_create_audit_key
from examiner_app.pipeline import ImportOutcome, Pipeline, PipelineContext
from examiner_app.progress import ProgressReporter
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.summaries import ChronologyEntry, FactSheet, build_chronology, build_fact_sheet
from examiner_app.summaries.sign_off import PinnedExcerpt, SignOff, SignOffState

if TYPE_CHECKING:  # the COI modules load numpy; they are imported inside the methods that use them
    from examiner_app.casework import ConfirmedDate, EarlierApplicationLink
    from examiner_app.coi.embeddings import EmbeddingEngine
    from examiner_app.coi.prior_cases import PriorLoadReport, SimilarResults
    from examiner_app.coi.types import ExcerptSuggestion, ImportedReport, LibraryCountry, Pin, SearchResults
    from examiner_app.qa.service import QaService
    from examiner_app.summaries.clock import CaseClock
    from examiner_app.summaries.evidence import ElementReasoning, EvidenceView, ExaminerPrompt
    from examiner_app.summaries.repeat import RepeatComparison


@dataclass(frozen=True)
class CaseSummary:
    fact_sheet: FactSheet
    chronology: list[ChronologyEntry]
    pins: list[PinnedExcerpt] = field(default_factory=list)  # COI excerpts pinned to the case, cited
    sign_off: SignOffState | None = None  # draft, signed off, or changed since the sign-off


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    documents: list[Document]
    suggestions: list[Suggestion]
    decisions: list[Decision]


def open_store(settings: Settings) -> Store:
    """The store for these settings. With ``db_owner_url`` (PostgreSQL), migrations run as the tables' owner
    and the app connects as ``db_url``, a role that does not own them, so row-level security applies."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if settings.db_owner_url:
        Store(settings.db_owner_url).dispose()
    return Store(
        settings.database_url,
        audit_key=load_or_create_audit_key(settings.data_dir),
        passphrase=settings.passphrase,
        migrate=not settings.db_owner_url,
    )


class Workbench:
    def __init__(self, store: Store, settings: Settings, user: User | None = None) -> None:
        self.store = store
        self.settings = settings
        self._user: User | None = None
        self.user = user

    @property
    def user(self) -> User | None:
        return self._user

    @user.setter
    def user(self, user: User | None) -> None:
        # The store names the user to the database too (PostgreSQL row-level security).
        self._user = user
        self.store.acting_user_id = user.id if user else None

    # --- sign-in and accounts ------------------------------------------------------------------

    def has_accounts(self) -> bool:
        with self.store.session() as session:
            return accounts.has_accounts(session)

    def sign_in(self, name: str, role: Role) -> User:
        """Single-user mode: a local profile (name and role, no password) while the store has no accounts.

        Once an administrator account exists, everyone signs in with a password instead
        (``sign_in_with_password``); profiles are refused.
        """
        name = name.strip()
        if not name:
            raise PermissionDeniedError("Enter your name to sign in; every decision is recorded under it.")
        with self.store.session() as session:
            if accounts.has_accounts(session):
                raise PermissionDeniedError("This store uses accounts: sign in with your name and password.")
            user = repo.get_or_create_user(session, name, role)
            if user.role is not role:
                raise PermissionDeniedError(
                    f"The profile {name} has the role {user.role.value}; choose that role or another name."
                )
            audit.record(
                session, user.id, "user.sign_in", details={"name": name, "role": role.value, "mode": "profile"}
            )
        self.user = user
        return user

    def sign_in_with_password(self, name: str, password: str) -> User:
        """Check name and password (argon2id); every attempt, failed ones too, is audited."""
        session = self.store.new_session()
        try:
            user = accounts.authenticate(session, name, password)
        finally:
            session.commit()  # keeps the audit event of a failed attempt as well
            session.close()
        self.user = user
        return user

    def create_account(self, name: str, role: Role, password: str) -> User:
        """Admins create accounts; on a new store the first account (an admin) needs no sign-in."""
        with self.store.session() as session:
            return accounts.create_account(session, self.user, name, role, password)

    def assign(self, case_id: str, user_id: str) -> None:
        with self.store.session() as session:
            accounts.assign(session, self._signed_in(), case_id, user_id)

    def users(self) -> list[User]:
        with self.store.session() as session:
            return repo.list_users(session)

    def _signed_in(self) -> User:
        if self.user is None:
            raise PermissionDeniedError("Sign in first.")
        return self.user

    @property
    def actor(self) -> str:
        return self.user.id if self.user else audit.SYSTEM_ACTOR

    # --- cases -------------------------------------------------------------------------------

    def list_cases(self) -> list[Case]:
        with self.store.session() as session:
            return accounts.readable_cases(session, self.user)

    def create_case(self, title: str, reference: str = "") -> Case:
        title = title.strip()
        if not title:
            raise PermissionDeniedError("A case needs a title.")
        user = self._signed_in()
        if user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError(f"A {user.role.value} cannot create cases; an examiner or admin can.")
        with self.store.session() as session:
            case = repo.create_case(session, title, reference=reference, created_by=self.user.id if self.user else None)
            audit.record(session, self.actor, "case.create", case_id=case.id, details={"title": title})
            return case

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> CaseDetail:
        with self.store.session() as session:
            detail = CaseDetail(
                case=accounts.require_read(session, self.user, case_id),
                documents=repo.list_documents(session, case_id),
                suggestions=repo.list_suggestions(session, case_id),
                decisions=repo.list_decisions(session, case_id),
            )
            if audit_open:
                audit.record(session, self.actor, "case.open", case_id=case_id)
            return detail

    def pages(self, document_id: str) -> list[PageText]:
        with self.store.session() as session:
            accounts.require_read(session, self.user, repo.get_document(session, document_id).case_id)
            return repo.list_pages(session, document_id)

    def page_image(self, document_id: str, page_number: int) -> bytes | None:
        """One page's image, audited as a ``document.view`` of that page."""
        return self._page_images(document_id, [page_number], "document.view", {"page": page_number})[page_number]

    def page_thumbnails(self, document_id: str, page_numbers: Iterable[int]) -> dict[int, bytes | None]:
        """Page images for the thumbnail strip: read together and audited as one ``document.thumbnails`` event
        naming the pages (a view of each page is still a view; one event keeps the log readable)."""
        numbers = sorted(set(page_numbers))
        return self._page_images(document_id, numbers, "document.thumbnails", {"pages": numbers})

    def _page_images(
        self, document_id: str, numbers: list[int], action: str, details: dict[str, object]
    ) -> dict[int, bytes | None]:
        with self.store.session() as session:
            document = repo.get_document(session, document_id)
            accounts.require_read(session, self.user, document.case_id)
            images = {n: repo.page_image(session, document_id, n) for n in numbers}
            audit.record(session, self.actor, action, case_id=document.case_id, subject=document_id, details=details)
            return images

    # --- import ------------------------------------------------------------------------------

    def pipeline(self) -> Pipeline:
        options = ReadOptions(
            ocr_languages=self.settings.ocr_languages, workers=self.settings.workers, ocr_enabled=True
        )
        context = PipelineContext(
            read_options=options,
            ai_enabled=self.settings.ai_enabled,
            models_dir=self.settings.models_dir,
            actor=self.actor,
        )
        return Pipeline(self.store, context)

    def import_files(
        self,
        case_id: str,
        paths: Iterable[Path],
        progress: ProgressReporter | None = None,
        on_outcome: Callable[[ImportOutcome], None] | None = None,
    ) -> list[ImportOutcome]:
        """Import files into a case the signed-in examiner may work on; ``on_outcome`` hears each file as it ends."""
        with self.store.session() as session:
            accounts.require_decide(session, self.user, case_id)
        pipeline = self.pipeline()
        outcomes = pipeline.import_files(case_id, [Path(p) for p in paths], progress, on_outcome)
        if not progress or not progress.cancelled():
            pipeline.resume_unfinished(case_id, progress)
        return outcomes

    def reocr_page(
        self, document_id: str, page_number: int, ocr_languages: str | None, progress: ProgressReporter | None = None
    ) -> PageText:
        """Read one page again with the examiner's choice of Tesseract languages (e.g. "sin+eng")."""
        with self.store.session() as session:
            accounts.require_decide(session, self.user, repo.get_document(session, document_id).case_id)
        return self.pipeline().reread_page(document_id, page_number, ocr_languages, progress)

    # --- summaries and audit ------------------------------------------------------------------

    def record_export(self, case_id: str, kind: str, file_name: str) -> None:
        """Audit that case content left the store (a working note PDF, ...): who, what, which file."""
        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            audit.record(session, self.actor, "case.export", case_id=case_id, details={"kind": kind, "file": file_name})

    def summary(self, case_id: str) -> CaseSummary:
        """Fact sheet, chronology and pinned excerpts, every line cited; pending suggestions stay marked as such.

        Read in one transaction with the newest sign-off, so ``sign_off`` says whether exactly these
        findings and pins were signed off (``signed``), never were (``draft``) or changed since (``stale``).
        """
        from examiner_app.coi.sign_off import current_state, pinned_excerpts

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            suggestions = repo.list_suggestions(session, case_id)
            fact_sheet = build_fact_sheet(suggestions, same_person=name_match.same_person)
            pins = pinned_excerpts(session, case_id)
            state = current_state(session, case_id, fact_sheet, pins)
            audit.record(session, self.actor, "case.summary", case_id=case_id)
        return CaseSummary(fact_sheet, build_chronology(suggestions), pins, state)

    def sign_off_summary(self, case_id: str, expected_sha256: str) -> SignOff:
        """Sign the summary off (its examiner or an admin); ``expected_sha256`` is the shown summary's
        ``sign_off.current_sha256``, so a summary that changed meanwhile is refused. Audited as ``summary.sign_off``."""
        from examiner_app.coi.sign_off import sign_off_summary

        with self.store.session() as session:
            return sign_off_summary(session, self.user, case_id, expected_sha256=expected_sha256)

    def audit_events(self, case_id: str | None = None, limit: int = 500) -> list[AuditEvent]:
        """The newest events, for administrators and reviewers (who audit the others)."""
        user = self._signed_in()
        if user.role not in (Role.ADMIN, Role.REVIEWER):
            raise PermissionDeniedError("Only administrators and reviewers can read the audit log.")
        with self.store.session() as session:
            events = audit.recent_events(session, case_id=case_id, limit=limit)
            audit.record(session, user.id, "audit.view", case_id=case_id, details={"limit": limit})
            return events

    def prune_audit(self, before: datetime, archive: Path) -> int:
        """Archive and remove audit events older than ``before`` (administrators; never inside retention)."""
        user = self._signed_in()
        if user.role is not Role.ADMIN:
            raise PermissionDeniedError("Only administrators can prune the audit log.")
        try:
            with self.store.session() as session:
                return audit.prune(session, user.id, before, archive, retention_days=self.settings.audit_retention_days)
        except ValueError as exc:
            raise PermissionDeniedError(f"{exc} Keep the events, or archive only older ones.") from exc

    def export_audit(self, out: Path) -> int:
        """Write the whole chain as JSON Lines for an external archive; returns the number of events."""
        user = self._signed_in()
        if user.role is not Role.ADMIN:
            raise PermissionDeniedError("Only administrators can export the audit log.")
        with self.store.session() as session:
            audit.record(session, user.id, "audit.export", details={"file": out.name})
        with self.store.session() as session:
            return audit.export_jsonl(session, out)

    # --- review (delegates to review.py, the only writer of findings) -------------------------

    # ``expected_version``: the suggestion's version as shown; a decision someone made since raises
    # StaleDecisionError with the fresh suggestion (optimistic versioning, review.py).
    def accept(
        self, suggestion_id: str, *, source_viewed: bool = False, reason: str = "", expected_version: int | None = None
    ) -> Decision:
        return review.accept(
            self.store,
            self.user,
            suggestion_id,
            reason=reason,
            source_viewed=source_viewed,
            expected_version=expected_version,
        )

    def edit(
        self,
        suggestion_id: str,
        new_value: str,
        reason: str,
        *,
        source_viewed: bool = False,
        expected_version: int | None = None,
    ) -> Decision:
        return review.edit(
            self.store,
            self.user,
            suggestion_id,
            new_value,
            reason,
            source_viewed=source_viewed,
            expected_version=expected_version,
        )

    def reject(
        self, suggestion_id: str, reason: str, *, source_viewed: bool = False, expected_version: int | None = None
    ) -> Decision:
        return review.reject(
            self.store, self.user, suggestion_id, reason, source_viewed=source_viewed, expected_version=expected_version
        )

    def decide_group(
        self, suggestion_ids: list[str], action: str, reason: str, *, source_viewed: bool = False
    ) -> list[Decision]:
        """Accept or reject every suggestion of one value at once (``review.decide_group``): a reason both ways."""
        from examiner_app.domain import DecisionAction

        return review.decide_group(
            self.store, self.user, suggestion_ids, DecisionAction(action), reason, source_viewed=source_viewed
        )

    def add_fact(
        self, case_id: str, field: FactField, value: str, provenance: Provenance | None, reason: str = ""
    ) -> Suggestion:
        return review.add_fact(self.store, self.user, case_id, field, value, provenance=provenance, reason=reason)

    def qa(self) -> QaService:
        """Quality review for the signed-in reviewer (examiner_app.qa: audited; records verdicts, never findings)."""
        from examiner_app.qa.service import QaService

        return QaService(self.store, self.user)

    def verify_audit(self) -> audit.VerifyResult:
        with self.store.session() as session:
            return audit.verify(session)

    # --- country-of-origin information and similar cases (examiner_app.coi) ---------------------

    def coi_engine(self) -> EmbeddingEngine:
        """The multilingual embedding engine, or a null engine when AI is off or the engine is missing."""
        from examiner_app.coi.embeddings import default_engine

        return default_engine(self.settings.ai_enabled)

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
    ) -> list[ImportedReport]:
        """Add reports to the COI library (examiners and admins); one ``coi.import`` event per new report."""
        from examiner_app.coi.importer import import_reports

        user = self._signed_in()
        if user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError(f"A {user.role.value} cannot add reports to the COI library.")
        options = {"country": country, "source": source, "title": title, "published": published, "url": url}
        return import_reports(
            self.store,
            [Path(p) for p in paths],
            options=options,
            engine=self.coi_engine(),
            actor=self.actor,
            user_id=user.id,
            progress=progress,
        )

    def coi_search(
        self,
        query: str,
        *,
        country: str | None = None,
        top: int = 10,
        published_from: date | None = None,
        published_to: date | None = None,
        case_id: str | None = None,
    ) -> SearchResults:
        """Hybrid COI search (see coi.search); the query is audited as ``coi.search``."""
        from examiner_app.coi.search import search

        self._signed_in()
        if case_id is not None:
            with self.store.session() as session:
                accounts.require_read(session, self.user, case_id)
        results = search(
            self.store,
            query,
            country=country,
            published_from=published_from,
            published_to=published_to,
            top=top,
            engine=self.coi_engine(),
        )
        with self.store.session() as session:
            audit.record(
                session,
                self.actor,
                "coi.search",
                case_id=case_id,
                details={"query": query, **results.filters, "mode": results.mode, "results": len(results.hits)},
            )
        return results

    def suggest_excerpts(self, case_id: str, top: int = 5) -> list[ExcerptSuggestion]:
        """COI passages suggested from the case's facts (coi.search.suggest_excerpts); audited as ``coi.suggest``."""
        from examiner_app.coi.search import suggest_excerpts

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
        suggestions = suggest_excerpts(self.store, case_id, top, engine=self.coi_engine())
        with self.store.session() as session:
            audit.record(
                session,
                self.actor,
                "coi.suggest",
                case_id=case_id,
                details={"queries": sorted({q for s in suggestions for q in s.queries}), "results": len(suggestions)},
            )
        return suggestions

    def pin_excerpt(self, case_id: str, passage_id: int, *, suggestion_id: str | None = None, note: str = "") -> Pin:
        """Pin a COI passage to the case or to one fact; stored and audited (``coi.pin``) together."""
        from examiner_app.coi.pins import pin_excerpt

        with self.store.session() as session:
            return pin_excerpt(session, self.user, case_id, passage_id, suggestion_id=suggestion_id, note=note)

    def unpin_excerpt(self, pin_id: str) -> None:
        from examiner_app.coi.pins import unpin_excerpt

        with self.store.session() as session:
            unpin_excerpt(session, self.user, pin_id)

    def pins(self, case_id: str) -> list[Pin]:
        from examiner_app.coi import repository as coi_repo

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            return coi_repo.list_pins(session, case_id)

    def load_prior_cases(self, folder: Path, progress: ProgressReporter | None = None) -> PriorLoadReport:
        """Load decided, anonymized prior cases (examiners and admins); audited as ``prior_cases.load``.

        ``progress`` hears reading, embedding and saving; a cancel before saving writes nothing.
        """
        from examiner_app.coi.prior_cases import load_prior_cases

        user = self._signed_in()
        if user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError(f"A {user.role.value} cannot load prior cases.")
        return load_prior_cases(self.store, folder, engine=self.coi_engine(), actor=self.actor, progress=progress)

    def coi_countries(self) -> list[LibraryCountry]:
        """The countries the COI library has reports about, with counts (the COI panel's country filter).

        Library metadata, not case content: any signed-in user may list it, and it is not audited.
        """
        from examiner_app.coi import repository as coi_repo
        from examiner_app.coi.text import country_name
        from examiner_app.coi.types import LibraryCountry

        self._signed_in()
        with self.store.session() as session:
            rows = coi_repo.library_countries(session)
        return [LibraryCountry(code, country_name(code), reports, passages) for code, reports, passages in rows]

    def similar_cases(
        self,
        case_id: str,
        *,
        top: int = 10,
        country: str | None = None,
        ground: str | None = None,
        decided_from: date | None = None,
        decided_to: date | None = None,
    ) -> SimilarResults:
        """Prior and store cases like this one, explained, never an outcome; audited as ``similar.search``.

        Store cases the user may not read are left out (prior cases are anonymized reference material).
        """
        from examiner_app.coi.prior_cases import similar_cases
        from examiner_app.summaries.similar import SimilarFilters

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            readable = {c.id for c in accounts.readable_cases(session, self.user)}
        results = similar_cases(
            self.store,
            case_id,
            top=top,
            filters=SimilarFilters(country=country, ground=ground, decided_from=decided_from, decided_to=decided_to),
            engine=self.coi_engine(),
            allowed_case_ids=readable,
        )
        with self.store.session() as session:
            audit.record(
                session,
                self.actor,
                "similar.search",
                case_id=case_id,
                details={
                    "top": top,
                    "country": country,
                    "ground": ground,
                    "results": [{"kind": r.kind, "id": r.id} for r in results.results],
                },
            )
        return results

    # --- possible earlier applications (same or similar name in another case) --------------------

    def earlier_application_hints(self, case_id: str) -> EarlierApplicationHints:
        """Names in this case that match names in other cases of the store: hints to check, never conclusions.

        Person names (suggested, accepted or edited; not rejected) are compared with the transliteration-
        tolerant matcher (``extraction.facts.name_match``); a shared date of birth or nationality strengthens a
        hint, a different one weakens it, and a weak name match (one part in common) is a hint only with the
        same date of birth. Another case the user may not read gives a hint without any detail: only that a
        possible match exists and whom to ask. Within this case, spellings of one person are grouped
        (``same_person``). Audited as ``earlier_application.hints`` with the cases matched.
        """
        user = self._signed_in()
        with self.store.session() as session:
            return earlier_applications.find_hints(self.store, session, user, self.actor, case_id)

    # --- evidence by the Guide's elements, reasoning per element, confirmed links (examiner_app.casework) -------

    def evidence(self, case_id: str, *, findings_only: bool = False) -> EvidenceView:
        """The case's facts and pinned COI under the Guide's five elements, each cited and tagged by kind of
        evidence, with the examiner's reasoning per element; audited as ``case.evidence``."""
        from examiner_app import casework
        from examiner_app.summaries.evidence import build_evidence, classify_document

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            suggestions = repo.list_suggestions(session, case_id)
            texts = casework.page_texts(session, case_id)
            documents = {
                d.id: classify_document(d.file_name, texts.get((d.id, 1), ""))
                for d in repo.list_documents(session, case_id)
            }
            pins = casework.coi_citations(session, case_id)
            reasoning = casework.current_reasoning(session, case_id)
            names = {d.id: d.file_name for d in repo.list_documents(session, case_id)}
            audit.record(session, self.actor, "case.evidence", case_id=case_id)
        return build_evidence(
            suggestions,
            documents=documents,
            page_texts=texts,
            pins=pins,
            reasoning=reasoning,
            findings_only=findings_only,
            prompts=_form_prompts(texts, names),
        )

    def save_reasoning(self, case_id: str, element: str, text: str) -> ElementReasoning:
        """Store the examiner's own reasoning on one element (``GuideElement`` value); audited."""
        from examiner_app import casework
        from examiner_app.summaries.evidence import GuideElement

        with self.store.session() as session:
            return casework.save_reasoning(session, self.user, case_id, GuideElement(element), text)

    def confirm_earlier_application(
        self, case_id: str, earlier_case_id: str, reason: str, *, hint_id: str = "", confirmed: bool = True
    ) -> EarlierApplicationLink:
        """The examiner confirms (or, with ``confirmed=False``, withdraws) a hint's link; a reason either way."""
        from examiner_app import casework

        with self.store.session() as session:
            return casework.record_link(
                session, self.user, case_id, earlier_case_id, confirmed=confirmed, reason=reason, hint_id=hint_id
            )

    def repeat_comparison(self, case_id: str) -> list[RepeatComparison]:
        """For each earlier application an examiner confirmed: the diff of its findings against this case's (new,
        changed, same), documents not in the earlier file and COI pinned here published since the earlier decision
        (as an examiner confirmed its date). A diff, never a verdict; audited as ``case.repeat_comparison``."""
        from examiner_app import casework
        from examiner_app.summaries.repeat import compare

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            links = casework.confirmed_links(session, case_id)
            suggestions = repo.list_suggestions(session, case_id)
            documents = repo.list_documents(session, case_id)
            pins = casework.coi_citations(session, case_id)
            decided = casework.confirmed_dates(session, case_id).get(casework.CaseDateKind.EARLIER_DECISION)
            results = []
            for link in links:
                earlier = accounts.require_read(session, self.user, link.earlier_case_id)
                results.append(
                    compare(
                        case_id,
                        suggestions,
                        earlier.id,
                        repo.list_suggestions(session, earlier.id),
                        earlier_title=earlier.reference or earlier.title,
                        current_documents=documents,
                        earlier_documents=repo.list_documents(session, earlier.id),
                        pins=pins,
                        earlier_decision=decided.value if decided is not None else None,
                    )
                )
            audit.record(
                session,
                self.actor,
                "case.repeat_comparison",
                case_id=case_id,
                details={"earlier_cases": [link.earlier_case_id for link in links]},
            )
        return results

    def confirm_case_date(
        self, case_id: str, kind: str, value: date, *, suggestion_id: str | None = None, reason: str = ""
    ) -> ConfirmedDate:
        """The examiner confirms a date of the procedure (``casework.CaseDateKind``); audited."""
        from examiner_app import casework

        with self.store.session() as session:
            return casework.confirm_date(
                session, self.user, case_id, kind, value, suggestion_id=suggestion_id, reason=reason
            )

    def case_clock(self, case_id: str, today: date | None = None) -> CaseClock:
        """Days since the application and since the two-month triage date, from the application date an examiner
        confirmed (workload only: no priority, no score, no category)."""
        from examiner_app import casework
        from examiner_app.summaries.clock import case_clock

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            confirmed = casework.confirmed_dates(session, case_id).get(casework.CaseDateKind.APPLICATION)
        return case_clock(confirmed.value if confirmed else None, today or date.today())

    def record_package(self, case_id: str) -> tuple[dict[str, Any], bytes]:
        """The record package of the case (``record_package.build_package``) and its canonical JSON bytes."""
        from examiner_app.record_package import build_package, canonical_json

        with self.store.session() as session:
            package = build_package(session, self.user, case_id, datetime.now().astimezone())
        return package, canonical_json(package)

    def record_package_exported(self, case_id: str, files: dict[str, str]) -> None:
        """Audit a record package export with each file's SHA-256 (``{"package.json": "<sha256>", ...}``)."""
        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            audit.record(
                session,
                self.actor,
                "case.record_package",
                case_id=case_id,
                details={"files": dict(sorted(files.items()))},
            )

    def earlier_application_links(self, case_id: str) -> list[EarlierApplicationLink]:
        from examiner_app import casework

        with self.store.session() as session:
            accounts.require_read(session, self.user, case_id)
            return casework.confirmed_links(session, case_id)


def _form_prompts(texts: dict[tuple[str, int], str], names: dict[str, str]) -> list[ExaminerPrompt]:
    """Prompts for the examiner from application forms (Form 74's interviewer-sex preference), with their source."""
    from examiner_app.extraction.facts.form74 import form_prompts
    from examiner_app.summaries.evidence import ExaminerPrompt

    prompts = []
    for (document_id, page), text in sorted(texts.items()):
        for p in form_prompts(text):
            where = f"{names.get(document_id, document_id)}, p. {page}, chars {p.start}\u2013{p.end}"
            prompts.append(ExaminerPrompt(p.message, where, document_id, page, p.start, p.end))
    return prompts


def with_settings(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)  # type: ignore[arg-type]
