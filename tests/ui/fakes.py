"""A small in-memory Workbench for UI tests: same method shapes as examiner_app.services.Workbench.

Page images are real PNGs drawn with Pillow, with word boxes measured from the drawing, so
highlights can be checked against known pixel boxes. Blocking behaviour (slow images, imports
that wait for a cancel) is controlled with ``threading.Event``s the tests own, never sleeps in
the test itself.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw, ImageFont

from examiner_app.coi.types import ExcerptSuggestion, ImportedReport, LibraryCountry, Pin, SearchResults
from examiner_app.config import Settings
from examiner_app.domain import (
    AuditEvent,
    BBox,
    Case,
    Decision,
    DecisionAction,
    Document,
    DocumentStatus,
    FactField,
    LanguageGuess,
    ModelRef,
    PageSource,
    PageText,
    Provenance,
    Role,
    Suggestion,
    SuggestionStatus,
    TextBlock,
    User,
    Word,
)
from examiner_app.errors import CancelledError, ExaminerError, NotFoundError, PermissionDeniedError, ReviewError
from examiner_app.extraction.facts.name_match import same_person
from examiner_app.progress import ProgressReporter
from examiner_app.summaries import ChronologyEntry, FactSheet, build_chronology, build_fact_sheet
from examiner_app.summaries.evidence import (
    ElementReasoning,
    EvidenceView,
    GuideElement,
    build_evidence,
    classify_document,
)
from examiner_app.summaries.sign_off import (
    PinnedExcerpt,
    SignOff,
    SignOffState,
    content_sha256,
    sign_off_state,
    signed_content,
)

if TYPE_CHECKING:
    from examiner_app.casework import EarlierApplicationLink
    from examiner_app.coi.prior_cases import PriorLoadReport, SimilarResults
    from examiner_app.earlier_applications import EarlierApplicationHints
    from examiner_app.summaries.clock import CaseClock
    from examiner_app.summaries.repeat import RepeatComparison

FONT_PATH = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
RULES = ModelRef("rules", "dates", "1.0")


def render_page(
    number: int, lines: list[str], low_words: Iterable[str] = (), size: tuple[int, int] = (900, 1200)
) -> tuple[PageText, bytes]:
    """Draw ``lines`` on a white page; return its PageText (words with real boxes) and the PNG."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(FONT_PATH, 28)
    except OSError:
        font = ImageFont.load_default()
    low = set(low_words)
    words: list[Word] = []
    text_parts: list[str] = []
    offset = 0
    y = 80
    for line_number, line in enumerate(lines):
        x = 70
        for position, token in enumerate(line.split(" ")):
            if position:
                text_parts.append(" ")
                offset += 1
                x += 12
            left, top, right, bottom = draw.textbbox((x, y), token, font=font)
            draw.text((x, y), token, font=font, fill=20)
            confidence = 0.42 if token in low else 0.95
            words.append(
                Word(
                    token,
                    offset,
                    offset + len(token),
                    BBox(left, top, right, bottom),
                    confidence,
                    block=0,
                    line=line_number,
                )
            )
            text_parts.append(token)
            offset += len(token)
            x = right
        text_parts.append("\n")
        offset += 1
        y += 52
    text = "".join(text_parts)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    page = PageText(
        page_number=number,
        text=text,
        words=tuple(words),
        source=PageSource.OCR,
        mean_confidence=0.91,
        width=size[0],
        height=size[1],
        dpi=200,
        languages=(LanguageGuess("en", 0.98), LanguageGuess("fr", 0.31)),
        blocks=(TextBlock(0, len(text), None, (LanguageGuess("en", 0.98),)),),
        ocr_languages="eng",
        engine="tesseract@5.3.0",
    )
    return page, buffer.getvalue()


def fact(
    case_id: str,
    document: Document,
    page: PageText,
    field_: FactField,
    value: str,
    confidence: float,
    normalized: str | None = None,
) -> Suggestion:
    """A pending suggestion whose provenance points at the first occurrence of ``value`` on ``page``."""
    start = page.text.index(value)
    end = start + len(value)
    return Suggestion(
        id=f"s-{field_.value}-{page.page_number}-{start}",
        case_id=case_id,
        field=field_,
        value=value,
        normalized=normalized,
        confidence=confidence,
        provenance=Provenance(
            document.id,
            document.file_name,
            page.page_number,
            start,
            end,
            page.boxes_for_span(start, end),
            RULES,
            page.confidence_for_span(start, end),
        ),
        status=SuggestionStatus.PENDING,
        note="test fact",
    )


@dataclass
class FakeDetail:
    case: Case
    documents: list[Document]
    suggestions: list[Suggestion]
    decisions: list[Decision]


@dataclass(frozen=True)
class FakeSummary:
    fact_sheet: FactSheet
    chronology: list[ChronologyEntry]
    pins: list[PinnedExcerpt] = field(default_factory=list)
    sign_off: SignOffState | None = None


@dataclass(frozen=True)
class FakeVerify:
    ok: bool
    events_checked: int
    first_broken_id: int | None = None
    problem: str = ""


@dataclass
class FakeWorkbench:
    """The subset of Workbench the UI uses, thread-safe enough for tests (one lock)."""

    user: User | None = None
    cases: dict[str, Case] = field(default_factory=dict)
    documents: dict[str, list[Document]] = field(default_factory=dict)
    page_texts: dict[str, list[PageText]] = field(default_factory=dict)
    images: dict[tuple[str, int], bytes] = field(default_factory=dict)
    suggestions: dict[str, Suggestion] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    audit: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    image_gate: threading.Event | None = None  # when set: page_image waits for it
    import_steps: int = 5
    import_step_wait: float = 0.0
    import_until_cancelled: bool = False
    import_error: ExaminerError | None = None
    import_cancelled: bool = False
    users_list: list[User] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)  # name -> password: "accounts" mode when not empty
    settings: Settings = field(default_factory=lambda: Settings(data_dir=Path("/nonexistent/examiner-test")))
    reocr_gate: threading.Event | None = None  # when set: reocr_page waits for it (or for a cancel)
    reocr_calls: list[tuple[str, int, str | None, bool]] = field(default_factory=list)  # ..., ai_enabled
    import_ai: list[bool] = field(default_factory=list)  # settings.ai_enabled seen by each import
    exports: list[tuple[str, str, str]] = field(default_factory=list)  # record_export calls
    audit_broken: bool = False
    coi_calls: list[tuple[str, str | None]] = field(default_factory=list)  # (method, case_id): COI and similar
    coi_library: dict[str, str] = field(default_factory=dict)  # file name -> report id (coi_import)
    prior_loads: list[Path] = field(default_factory=list)
    sign_offs: dict[str, list[SignOff]] = field(default_factory=dict)  # case id -> sign-offs, oldest first
    sign_off_gate: threading.Event | None = None  # when set: sign_off_summary waits for it
    earlier_hints: dict[str, EarlierApplicationHints] = field(default_factory=dict)  # case id -> hints
    earlier_gate: threading.Event | None = None  # when set: earlier_application_hints waits for it
    earlier_calls: list[str] = field(default_factory=list)  # case ids asked for earlier-application hints
    reasoning: dict[str, dict[GuideElement, ElementReasoning]] = field(default_factory=dict)  # case -> element -> text
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # case -> confirmed (earlier case, reason)
    application_dates: dict[str, date] = field(default_factory=dict)  # case -> examiner-confirmed application date
    lock: threading.Lock = field(default_factory=threading.Lock)

    # --- sign-in ---------------------------------------------------------------------------------

    def has_accounts(self) -> bool:
        return bool(self.passwords)

    def sign_in_with_password(self, name: str, password: str) -> User:
        if self.passwords.get(name) != password:
            raise PermissionDeniedError(
                "Unknown name or wrong password. Try again or ask an administrator to reset it."
            )
        self.user = next(u for u in self.users_list if u.name == name)
        return self.user

    def sign_in(self, name: str, role: Role) -> User:
        if self.passwords:
            raise PermissionDeniedError("This store uses accounts: sign in with your name and password.")
        if not name.strip():
            raise PermissionDeniedError("Enter your name to sign in.")
        existing = next((u for u in self.users_list if u.name == name), None)
        if existing and existing.role is not role:
            raise PermissionDeniedError(f"The profile {name} has the role {existing.role.value}.")
        self.user = existing or User(f"u-{len(self.users_list) + 1}", name, role)
        if existing is None:
            self.users_list.append(self.user)
        return self.user

    def users(self) -> list[User]:
        return list(self.users_list)

    # --- cases -----------------------------------------------------------------------------------

    def list_cases(self) -> list[Case]:
        with self.lock:
            result = []
            for case in self.cases.values():
                pending = sum(
                    1
                    for s in self.suggestions.values()
                    if s.case_id == case.id and s.status is SuggestionStatus.PENDING
                )
                result.append(replace(case, document_count=len(self.documents.get(case.id, [])), pending_count=pending))
            return result

    def create_case(self, title: str, reference: str = "") -> Case:
        if not title.strip():
            raise PermissionDeniedError("A case needs a title.")
        with self.lock:
            case = Case(f"c-{len(self.cases) + 1}", title, datetime.now(UTC), reference)
            self.cases[case.id] = case
            self.documents[case.id] = []
            return case

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> FakeDetail:
        with self.lock:
            if case_id not in self.cases:
                raise NotFoundError("No such case.")
            if audit_open:
                self.audit.append(("case.open", {"case": case_id}))
            return FakeDetail(
                self.cases[case_id],
                list(self.documents.get(case_id, [])),
                [s for s in self.suggestions.values() if s.case_id == case_id],
                [d for d in self.decisions if self.suggestions[d.suggestion_id].case_id == case_id],
            )

    def pages(self, document_id: str) -> list[PageText]:
        return list(self.page_texts.get(document_id, []))

    def page_image(self, document_id: str, page_number: int) -> bytes | None:
        if self.image_gate is not None:
            self.image_gate.wait(10)
        with self.lock:
            self.audit.append(("document.view", {"document": document_id, "page": page_number}))
        return self.images.get((document_id, page_number))

    def page_thumbnails(self, document_id: str, page_numbers: Iterable[int]) -> dict[int, bytes | None]:
        numbers = sorted(set(page_numbers))
        with self.lock:
            self.audit.append(("document.thumbnails", {"document": document_id, "pages": numbers}))
        return {n: self.images.get((document_id, n)) for n in numbers}

    # --- import ----------------------------------------------------------------------------------

    def import_files(
        self, case_id: str, paths: Iterable[Path], progress: ProgressReporter | None = None
    ) -> list[object]:
        paths = list(paths)
        self.import_ai.append(self.settings.ai_enabled)
        if self.import_error is not None:
            raise self.import_error
        waiter = threading.Event()
        step = 0
        while True:
            if progress is not None and progress.cancelled():
                self.import_cancelled = True
                raise CancelledError()
            if not self.import_until_cancelled and step >= self.import_steps:
                break
            if self.import_until_cancelled and step > 2000:  # a safety net: never hang a test run
                break
            if progress is not None:
                progress.update(min(step, self.import_steps), self.import_steps, f"1/{len(paths)} x.png · reading text")
            waiter.wait(self.import_step_wait or 0.005)
            step += 1
        return [{"file": p.name, "status": "done"} for p in paths]

    # --- review ----------------------------------------------------------------------------------

    def _decide(
        self, suggestion_id: str, action: DecisionAction, value: str | None, reason: str, source_viewed: bool
    ) -> Decision:
        if self.user is None or self.user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError("Only an examiner can decide.")
        with self.lock:
            s = self.suggestions[suggestion_id]
            if action is not DecisionAction.ACCEPT and not reason.strip():
                raise ReviewError("Give a reason; it is kept with the decision in the audit log.")
            if action is DecisionAction.EDIT and not (value or "").strip():
                raise ReviewError("An edited fact needs a value.")
            status = {
                DecisionAction.ACCEPT: SuggestionStatus.ACCEPTED,
                DecisionAction.EDIT: SuggestionStatus.EDITED,
                DecisionAction.REJECT: SuggestionStatus.REJECTED,
            }[action]
            self.suggestions[suggestion_id] = replace(
                s, status=status, reviewed_value=value if action is DecisionAction.EDIT else s.reviewed_value
            )
            decision = Decision(
                f"d-{len(self.decisions) + 1}",
                suggestion_id,
                self.user.id,
                action,
                s.effective_value,
                value
                if action is DecisionAction.EDIT
                else (None if action is DecisionAction.REJECT else s.effective_value),
                reason,
                datetime.now(UTC),
            )
            self.decisions.append(decision)
            self.audit.append(
                (f"suggestion.{action.value}", {"suggestion": suggestion_id, "source_viewed": source_viewed})
            )
            return decision

    # expected_version: the real workbench refuses stale decisions (review.py); the fake has one examiner.
    def accept(
        self, suggestion_id: str, *, source_viewed: bool = False, reason: str = "", expected_version: int | None = None
    ) -> Decision:
        return self._decide(suggestion_id, DecisionAction.ACCEPT, None, reason, source_viewed)

    def edit(
        self,
        suggestion_id: str,
        new_value: str,
        reason: str,
        *,
        source_viewed: bool = False,
        expected_version: int | None = None,
    ) -> Decision:
        return self._decide(suggestion_id, DecisionAction.EDIT, new_value, reason, source_viewed)

    def reject(
        self, suggestion_id: str, reason: str, *, source_viewed: bool = False, expected_version: int | None = None
    ) -> Decision:
        return self._decide(suggestion_id, DecisionAction.REJECT, None, reason, source_viewed)

    def decide_group(
        self, suggestion_ids: list[str], action: str, reason: str, *, source_viewed: bool = False
    ) -> list[Decision]:
        """As review.decide_group: a reason both ways, one decision per suggestion."""
        if not reason.strip():
            raise ReviewError("Give a reason to decide several suggestions at once.")
        return [self._decide(sid, DecisionAction(action), None, reason, source_viewed) for sid in suggestion_ids]

    def add_fact(
        self, case_id: str, field_: FactField, value: str, provenance: Provenance | None, reason: str = ""
    ) -> Suggestion:
        if self.user is None or self.user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError("Only an examiner can record facts.")
        if not value.strip():
            raise ReviewError("A fact needs a value.")
        with self.lock:
            suggestion = Suggestion(
                f"s-added-{len(self.suggestions) + 1}",
                case_id,
                field_,
                value.strip(),
                None,
                1.0,
                replace(provenance, model=ModelRef("examiner", "manual", "1")) if provenance else None,
                SuggestionStatus.ACCEPTED,
                note="added by the examiner",
            )
            self.suggestions[suggestion.id] = suggestion
            self.decisions.append(
                Decision(
                    f"d-{len(self.decisions) + 1}",
                    suggestion.id,
                    self.user.id,
                    DecisionAction.ADD,
                    None,
                    suggestion.value,
                    reason,
                    datetime.now(UTC),
                )
            )
            self.audit.append(("suggestion.add", {"suggestion": suggestion.id, "reason": reason}))
            return suggestion

    def reocr_page(
        self, document_id: str, page_number: int, ocr_languages: str | None, progress: ProgressReporter | None = None
    ) -> PageText:
        self.reocr_calls.append((document_id, page_number, ocr_languages, self.settings.ai_enabled))
        if progress is not None:
            progress.update(0, 1, "reading text")
        if self.reocr_gate is not None:
            while not self.reocr_gate.wait(0.01):
                if progress is not None and progress.cancelled():
                    raise CancelledError()
        with self.lock:
            pages = self.page_texts[document_id]
            index = next(i for i, p in enumerate(pages) if p.page_number == page_number)
            page = replace(pages[index], ocr_languages=ocr_languages or "", engine="tesseract@5.3.0 (again)")
            pages[index] = page
        if progress is not None:
            progress.update(1, 1, "reading text")
        return page

    def summary(self, case_id: str) -> FakeSummary:
        with self.lock:
            suggestions = [s for s in self.suggestions.values() if s.case_id == case_id]
            self.audit.append(("case.summary", {"case": case_id}))
            latest = (self.sign_offs.get(case_id) or [None])[-1]
        sheet = build_fact_sheet(suggestions, same_person=same_person)  # as Workbench.summary
        state = sign_off_state(latest, content_sha256(signed_content(sheet, [])))
        return FakeSummary(sheet, build_chronology(suggestions), [], state)

    def evidence(self, case_id: str, *, findings_only: bool = False) -> EvidenceView:
        """As Workbench.evidence: the case's facts under the Guide's elements, with the reasoning saved here."""
        with self.lock:
            suggestions = [s for s in self.suggestions.values() if s.case_id == case_id]
            documents = {d.id: classify_document(d.file_name) for d in self.documents.get(case_id, [])}
            texts = {(doc, p.page_number): p.text for doc, pages in self.page_texts.items() for p in pages}
            reasoning = dict(self.reasoning.get(case_id, {}))
            self.audit.append(("case.evidence", {"case": case_id}))
        return build_evidence(
            suggestions, documents=documents, page_texts=texts, reasoning=reasoning, findings_only=findings_only
        )

    def record_package(self, case_id: str) -> tuple[dict[str, Any], bytes]:
        """A small package of the same shape as record_package.build_package (the UI writes it as PDF + JSON)."""
        import json as json_module

        view = self.evidence(case_id)
        with self.lock:
            case = self.cases[case_id]
            package: dict[str, Any] = {
                "version": 1,
                "notice": "What the software showed and what the examiner recorded.",
                "case": {"id": case.id, "title": case.title, "reference": case.reference},
                "documents": [
                    {"id": d.id, "file": d.file_name, "sha256": d.sha256, "kind": "statement"}
                    for d in self.documents.get(case_id, [])
                ],
                "shown": [
                    {"suggestion_id": s.id, "field": s.field.value, "status": s.status.value, "source": None}
                    for s in self.suggestions.values()
                    if s.case_id == case_id
                ],
                "decisions": [
                    {
                        "suggestion_id": d.suggestion_id,
                        "action": d.action.value,
                        "by": "Aiko Tanaka",
                        "value_before": d.value_before,
                        "value_after": d.value_after,
                        "reason": d.reason,
                    }
                    for d in self.decisions
                ],  # fmt: skip
                "coi_relied_on": [],
                "elements": [
                    {
                        "title": e.title,
                        "empty": e.empty_text if e.empty else None,
                        "reasoning": {"text": e.reasoning.text, "by": e.reasoning.user_name, "at": "2026-12-06"}
                        if e.reasoning
                        else None,
                    }
                    for e in view.elements
                ],  # fmt: skip
            }
        return package, json_module.dumps(package, sort_keys=True, ensure_ascii=False).encode("utf-8")

    def case_clock(self, case_id: str) -> CaseClock:
        from datetime import date as date_type

        from examiner_app.summaries.clock import case_clock

        return case_clock(self.application_dates.get(case_id), date_type(2024, 3, 1))

    def record_package_exported(self, case_id: str, files: dict[str, str]) -> None:
        with self.lock:
            self.audit.append(("case.record_package", {"case": case_id, "files": dict(files)}))

    def repeat_comparison(self, case_id: str) -> list[RepeatComparison]:
        from examiner_app.summaries.repeat import compare

        with self.lock:
            self.audit.append(("case.repeat_comparison", {"case": case_id}))
            facts = list(self.suggestions.values())
            return [
                compare(
                    case_id,
                    [s for s in facts if s.case_id == case_id],
                    earlier,
                    [s for s in facts if s.case_id == earlier],
                    earlier_title=self.cases[earlier].reference,
                    current_documents=self.documents.get(case_id, []),
                    earlier_documents=self.documents.get(earlier, []),
                )
                for earlier, _reason in self.links.get(case_id, [])
            ]

    def confirm_earlier_application(
        self, case_id: str, earlier_case_id: str, reason: str, *, hint_id: str = "", confirmed: bool = True
    ) -> EarlierApplicationLink:
        from examiner_app.casework import EarlierApplicationLink

        if self.user is None or self.user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError("Only an examiner can confirm a link.")
        if not reason.strip():
            raise ReviewError("Give a reason to confirm the link.")
        with self.lock:
            self.links.setdefault(case_id, []).append((earlier_case_id, reason.strip()))
            self.audit.append(("earlier_application.confirm", {"case": case_id, "earlier": earlier_case_id}))
        return EarlierApplicationLink(
            "l-1", case_id, earlier_case_id, confirmed, reason.strip(), self.user.id, self.user.name, datetime.now(UTC)
        )

    def save_reasoning(self, case_id: str, element: str, text: str) -> ElementReasoning:
        if self.user is None or self.user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError("Only an examiner can write reasoning.")
        reasoning = ElementReasoning(
            GuideElement(element), text.strip(), self.user.id, self.user.name, datetime.now(UTC)
        )
        with self.lock:
            if reasoning.text:
                self.reasoning.setdefault(case_id, {})[reasoning.element] = reasoning
            else:
                self.reasoning.get(case_id, {}).pop(reasoning.element, None)
            self.audit.append(("evidence.reasoning", {"case": case_id, "element": element, "text": reasoning.text}))
        return reasoning

    def sign_off_summary(self, case_id: str, expected_sha256: str) -> SignOff:
        """The core's rules in small: examiners and admins, only the content shown, not twice the same."""
        if self.sign_off_gate is not None:
            self.sign_off_gate.wait(10)
        if self.user is None or self.user.role not in (Role.EXAMINER, Role.ADMIN):
            raise PermissionDeniedError("Only an examiner can sign off a summary.")
        with self.lock:
            sheet = build_fact_sheet(s for s in self.suggestions.values() if s.case_id == case_id)
            digest = content_sha256(signed_content(sheet, []))
            if digest != expected_sha256:
                raise ReviewError("The findings or pinned excerpts changed since this summary was loaded.")
            signed = SignOff(
                f"so-{len(self.sign_offs.get(case_id, [])) + 1}",
                case_id,
                self.user.id,
                self.user.name,
                datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
                digest,
                sheet.findings,
                0,
            )
            self.sign_offs.setdefault(case_id, []).append(signed)
            self.audit.append(("summary.sign_off", {"case": case_id, "content_sha256": digest}))
        return signed

    def record_export(self, case_id: str, kind: str, file_name: str) -> None:
        with self.lock:
            self.exports.append((case_id, kind, file_name))
            self.audit.append(("case.export", {"case": case_id, "kind": kind, "file": file_name}))

    def audit_events(self, case_id: str | None = None, limit: int = 500) -> list[AuditEvent]:
        if self.user is None or self.user.role not in (Role.ADMIN, Role.REVIEWER):
            raise PermissionDeniedError("Only administrators and reviewers can read the audit log.")
        with self.lock:
            events = [
                AuditEvent(
                    number,
                    datetime(2024, 5, 1, 9, 0, number % 60, tzinfo=UTC),
                    self.users_list[0].id if self.users_list else "system",
                    action,
                    "c-1",
                    None,
                    dict(details),
                )
                for number, (action, details) in enumerate(self.audit, start=1)
            ]
            self.audit.append(("audit.view", {"limit": limit}))
        return list(reversed(events))[:limit]

    def verify_audit(self) -> FakeVerify:
        with self.lock:
            count = len(self.audit)
        if self.audit_broken:
            return FakeVerify(False, count, 3, "event 3 was changed after it was written")
        return FakeVerify(True, count)

    def export_audit(self, out: Path) -> int:
        if self.user is None or self.user.role is not Role.ADMIN:
            raise PermissionDeniedError("Only administrators can export the audit log.")
        with self.lock:
            lines = [f'{{"action": "{action}"}}' for action, _details in self.audit]
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return len(lines)

    # --- COI and similar cases: an empty library (the panels have their own fakes with data) -------

    def _coi_call(self, method: str, case_id: str | None) -> None:
        with self.lock:
            self.coi_calls.append((method, case_id))

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
        """Reports "imported" by file name (a second import of a name is a duplicate), two passages each."""
        results = []
        paths = list(paths)
        for number, path in enumerate(paths, start=1):
            if progress is not None:
                if progress.cancelled():
                    raise CancelledError()
                progress.update(number, len(paths), f"reading {path.name}")
            with self.lock:
                duplicate = path.name in self.coi_library
                self.coi_library.setdefault(path.name, f"coi-{len(self.coi_library) + 1}")
                report_id = self.coi_library[path.name]
            results.append(ImportedReport(report_id, str(path), 2, duplicate, 0))
        return results

    def load_prior_cases(self, folder: Path, progress: ProgressReporter | None = None) -> PriorLoadReport:
        from examiner_app.coi.prior_cases import PriorLoadReport

        if progress is not None:
            if progress.cancelled():
                raise CancelledError()
            progress.update(1, 1, "reading prior cases")
        with self.lock:
            self.prior_loads.append(folder)
        return PriorLoadReport(3, 0, ("prior.json",), (), 0)

    def coi_countries(self) -> list[LibraryCountry]:
        self._coi_call("coi_countries", None)
        return [LibraryCountry("LK", "Sri Lanka", 2, 14), LibraryCountry("SY", "Syria", 1, 6)]

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
        self._coi_call("coi_search", case_id)
        return SearchResults(query, (), "hybrid")

    def suggest_excerpts(self, case_id: str, top: int = 5) -> list[ExcerptSuggestion]:
        self._coi_call("suggest_excerpts", case_id)
        return []

    def pin_excerpt(self, case_id: str, passage_id: int, *, suggestion_id: str | None = None, note: str = "") -> Pin:
        raise NotFoundError(f"No COI passage {passage_id} (the fake library is empty).")

    def unpin_excerpt(self, pin_id: str) -> None:
        raise NotFoundError(f"No pin {pin_id}.")

    def pins(self, case_id: str) -> list[Pin]:
        self._coi_call("pins", case_id)
        return []

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
        from examiner_app.coi.prior_cases import SimilarResults

        self._coi_call("similar_cases", case_id)
        return SimilarResults(case_id, (), "facts+meaning")

    def earlier_application_hints(self, case_id: str) -> EarlierApplicationHints:
        from examiner_app.earlier_applications import EarlierApplicationHints

        if self.earlier_gate is not None:
            self.earlier_gate.wait(10)
        with self.lock:
            if case_id not in self.cases:
                raise NotFoundError(f"No case with id {case_id} that you may open.")
            self.earlier_calls.append(case_id)  # audited by the real core as "earlier_application.hints"
            return self.earlier_hints.get(case_id) or EarlierApplicationHints(case_id, (), (), len(self.cases) - 1, 0.1)


def sample_workbench(role: Role = Role.EXAMINER) -> FakeWorkbench:
    """One case: a two-page statement (facts on both pages) and a file that failed to import."""
    wb = FakeWorkbench()
    wb.user = User("u-1", "Aiko Tanaka", role)
    wb.users_list.append(wb.user)
    case = wb.create_case("Applicant 0412", "REF-0412")
    statement = Document(
        "d-1", case.id, "statement.png", "ab" * 32, 1000, "image/png", DocumentStatus.DONE, page_count=2
    )
    broken = Document(
        "d-2",
        case.id,
        "passport.pdf",
        "cd" * 32,
        10,
        "application/pdf",
        DocumentStatus.ENCRYPTED,
        error="passport.pdf: the PDF is password-protected. Ask the applicant's representative "
        "for an unprotected copy, or print it to PDF.",
    )
    wb.documents[case.id] = [statement, broken]
    page1, png1 = render_page(
        1,
        ["My name is Karim Haddad.", "I was born on 12 March 1990 in Aleppo.", "I speak Arabic and some English."],
        low_words=["Aleppo."],
    )
    page2, png2 = render_page(
        2, ["On 3 May 2021 I left Syria.", "I arrived in Tokyo on 9 June 2021.", "My brother Omar stayed behind."]
    )
    wb.page_texts[statement.id] = [page1, page2]
    wb.images[(statement.id, 1)] = png1
    wb.images[(statement.id, 2)] = png2
    for s in (
        fact(case.id, statement, page1, FactField.PERSON_NAME, "Karim Haddad", 0.93, "Karim Haddad"),
        fact(case.id, statement, page1, FactField.DATE_OF_BIRTH, "12 March 1990", 0.88, "1990-03-12"),
        fact(case.id, statement, page1, FactField.PLACE, "Aleppo", 0.40, "SY"),
        fact(case.id, statement, page2, FactField.EVENT_DATE, "3 May 2021", 0.81, "2021-05-03"),
        fact(case.id, statement, page2, FactField.DATE_OF_ENTRY, "9 June 2021", 0.55, "2021-06-09"),
        fact(case.id, statement, page2, FactField.FAMILY_MEMBER, "Omar", 0.22),
    ):
        wb.suggestions[s.id] = s
    return wb
