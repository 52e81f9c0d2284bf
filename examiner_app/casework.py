"""What an examiner records about a case beside its facts: reasoning per element, confirmed links, confirmed dates.

Every write needs a signed-in examiner (or admin) who may decide on the case, adds a row (append-only tables of
migration 0010: the newest row per key holds, earlier ones stay readable) and its audit event in one transaction.
The tool never writes any of these by itself: a possible earlier application stays a hint until an examiner
confirms the link here, a date read from a document is a suggestion until an examiner confirms it here, and the
reasoning per element is the examiner's own text, never drafted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from examiner_app import accounts, audit
from examiner_app.domain import User
from examiner_app.errors import PermissionDeniedError, ReviewError
from examiner_app.review import DECIDING_ROLES
from examiner_app.store import repositories as repo
from examiner_app.store.orm import CaseDateRow, EarlierApplicationLinkRow, ElementReasoningRow, UserRow
from examiner_app.summaries.evidence import CoiCitation, ElementReasoning, GuideElement

MAX_REASONING_CHARS = 20_000


class CaseDateKind:
    """The dates the case clock counts from (examiner-confirmed)."""

    APPLICATION = "application"  # the date the application was lodged
    EARLIER_DECISION = "earlier_decision"  # the date of the decision on the earlier application

    ALL = (APPLICATION, EARLIER_DECISION)


@dataclass(frozen=True)
class EarlierApplicationLink:
    id: str
    case_id: str
    earlier_case_id: str
    confirmed: bool
    reason: str
    user_id: str
    user_name: str
    decided_at: datetime
    hint_id: str = ""


@dataclass(frozen=True)
class ConfirmedDate:
    id: str
    case_id: str
    kind: str
    value: date
    suggestion_id: str | None
    reason: str
    user_id: str
    user_name: str
    confirmed_at: datetime


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)  # SQLite returns naive UTC


def _require_examiner(session: Session, user: User | None, case_id: str) -> User:
    if user is None:
        raise PermissionDeniedError("Sign in as an examiner first; what you record is kept under your name.")
    if user.role not in DECIDING_ROLES:
        raise PermissionDeniedError(f"{user.name} is signed in as {user.role.value}; only an examiner can record this.")
    repo.get_case(session, case_id)
    accounts.require_decide(session, user, case_id)
    return user


# --- reasoning per element --------------------------------------------------------------------------------------


def save_reasoning(
    session: Session, user: User | None, case_id: str, element: GuideElement, text: str
) -> ElementReasoning:
    """Store the examiner's text for one element (an empty text clears it); audited as ``evidence.reasoning``."""
    user = _require_examiner(session, user, case_id)
    element = GuideElement(element)
    text = text.strip()
    if len(text) > MAX_REASONING_CHARS:
        raise ReviewError(f"Keep the reasoning on one element under {MAX_REASONING_CHARS} characters.")
    current = current_reasoning(session, case_id).get(element)
    if current is not None and current.text == text:
        return current
    row = ElementReasoningRow(case_id=case_id, element=element.value, text=text, user_id=user.id)
    session.add(row)
    session.flush()
    audit.record(
        session,
        user.id,
        "evidence.reasoning",
        case_id=case_id,
        subject=row.id,
        details={
            "element": element.value,
            "user_name": user.name,
            "text_before": current.text if current is not None else "",
            "text_after": text,
        },
    )
    return ElementReasoning(element, text, user.id, user.name, _aware(row.written_at), row.id)


def current_reasoning(session: Session, case_id: str) -> dict[GuideElement, ElementReasoning]:
    """The newest text per element (elements whose newest text is empty are left out)."""
    rows = session.execute(
        select(ElementReasoningRow, UserRow.name)
        .join(UserRow, UserRow.id == ElementReasoningRow.user_id)
        .where(ElementReasoningRow.case_id == case_id)
        .order_by(ElementReasoningRow.written_at, ElementReasoningRow.id)
    ).all()
    newest: dict[GuideElement, ElementReasoning] = {}
    for row, name in rows:
        try:
            element = GuideElement(row.element)
        except ValueError:
            continue
        newest[element] = ElementReasoning(element, row.text, row.user_id, name, _aware(row.written_at), row.id)
    return {e: r for e, r in newest.items() if r.text}


def reasoning_history(session: Session, case_id: str) -> list[ElementReasoning]:
    rows = session.execute(
        select(ElementReasoningRow, UserRow.name)
        .join(UserRow, UserRow.id == ElementReasoningRow.user_id)
        .where(ElementReasoningRow.case_id == case_id)
        .order_by(ElementReasoningRow.written_at, ElementReasoningRow.id)
    ).all()
    return [
        ElementReasoning(GuideElement(r.element), r.text, r.user_id, name, _aware(r.written_at), r.id)
        for r, name in rows
    ]


# --- confirmed earlier applications -----------------------------------------------------------------------------


def record_link(
    session: Session,
    user: User | None,
    case_id: str,
    earlier_case_id: str,
    *,
    confirmed: bool,
    reason: str,
    hint_id: str = "",
) -> EarlierApplicationLink:
    """An examiner confirms (or withdraws) that ``earlier_case_id`` is an earlier application of this applicant.

    A reason is needed both ways (the same friction to confirm and to withdraw); the examiner must be able to
    read the earlier case. Audited as ``earlier_application.confirm`` or ``earlier_application.withdraw``.
    """
    user = _require_examiner(session, user, case_id)
    reason = (reason or "").strip()
    if not reason:
        what = "confirm" if confirmed else "withdraw"
        raise ReviewError(f"Give a reason to {what} the link; it is kept with it in the audit log.")
    if earlier_case_id == case_id:
        raise ReviewError("A case cannot be its own earlier application; choose the other case.")
    accounts.require_read(session, user, earlier_case_id)
    row = EarlierApplicationLinkRow(
        case_id=case_id,
        earlier_case_id=earlier_case_id,
        confirmed=confirmed,
        hint_id=hint_id,
        reason=reason,
        user_id=user.id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        user.id,
        "earlier_application.confirm" if confirmed else "earlier_application.withdraw",
        case_id=case_id,
        subject=row.id,
        details={"earlier_case_id": earlier_case_id, "hint_id": hint_id, "reason": reason, "user_name": user.name},
    )
    return EarlierApplicationLink(
        row.id, case_id, earlier_case_id, confirmed, reason, user.id, user.name, _aware(row.decided_at), hint_id
    )


def confirmed_links(session: Session, case_id: str) -> list[EarlierApplicationLink]:
    """The earlier cases an examiner confirmed and did not withdraw since, oldest confirmation first."""
    rows = session.execute(
        select(EarlierApplicationLinkRow, UserRow.name)
        .join(UserRow, UserRow.id == EarlierApplicationLinkRow.user_id)
        .where(EarlierApplicationLinkRow.case_id == case_id)
        .order_by(EarlierApplicationLinkRow.decided_at, EarlierApplicationLinkRow.id)
    ).all()
    newest: dict[str, EarlierApplicationLink] = {}
    for r, name in rows:
        newest[r.earlier_case_id] = EarlierApplicationLink(
            r.id, r.case_id, r.earlier_case_id, r.confirmed, r.reason, r.user_id, name, _aware(r.decided_at), r.hint_id
        )
    return [link for link in newest.values() if link.confirmed]


# --- confirmed dates (case clock) -------------------------------------------------------------------------------


def confirm_date(
    session: Session,
    user: User | None,
    case_id: str,
    kind: str,
    value: date,
    *,
    suggestion_id: str | None = None,
    reason: str = "",
) -> ConfirmedDate:
    """An examiner confirms a procedural date (see :class:`CaseDateKind`); audited as ``case.date_confirm``."""
    user = _require_examiner(session, user, case_id)
    if kind not in CaseDateKind.ALL:
        raise ReviewError(f"Unknown date '{kind}'; use one of: {', '.join(CaseDateKind.ALL)}.")
    if suggestion_id is not None and repo.get_suggestion(session, suggestion_id).case_id != case_id:
        raise ReviewError("That fact belongs to another case; confirm a date read from this case's documents.")
    row = CaseDateRow(
        case_id=case_id,
        kind=kind,
        value=value.isoformat(),
        suggestion_id=suggestion_id,
        reason=(reason or "").strip(),
        user_id=user.id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        user.id,
        "case.date_confirm",
        case_id=case_id,
        subject=row.id,
        details={"kind": kind, "value": value.isoformat(), "suggestion_id": suggestion_id, "reason": row.reason},
    )
    return ConfirmedDate(
        row.id, case_id, kind, value, suggestion_id, row.reason, user.id, user.name, _aware(row.confirmed_at)
    )


def confirmed_dates(session: Session, case_id: str) -> dict[str, ConfirmedDate]:
    rows = session.execute(
        select(CaseDateRow, UserRow.name)
        .join(UserRow, UserRow.id == CaseDateRow.user_id)
        .where(CaseDateRow.case_id == case_id)
        .order_by(CaseDateRow.confirmed_at, CaseDateRow.id)
    ).all()
    newest: dict[str, ConfirmedDate] = {}
    for r, name in rows:
        newest[r.kind] = ConfirmedDate(
            r.id,
            r.case_id,
            r.kind,
            date.fromisoformat(r.value),
            r.suggestion_id,
            r.reason,
            r.user_id,
            name,
            _aware(r.confirmed_at),
        )
    return newest


# --- inputs of the evidence view ----------------------------------------------------------------------------------


def page_texts(session: Session, case_id: str) -> dict[tuple[str, int], str]:
    """Every page's text of the case by (document id, page number), without the words and images."""
    from examiner_app.store.orm import DocumentRow, PageRow

    rows = session.execute(
        select(PageRow.document_id, PageRow.page_number, PageRow.text)
        .join(DocumentRow, DocumentRow.id == PageRow.document_id)
        .where(DocumentRow.case_id == case_id)
    ).all()
    return {(r.document_id, r.page_number): r.text or "" for r in rows}


def coi_citations(session: Session, case_id: str) -> list[CoiCitation]:
    """The case's active COI pins with publisher, title, date and version (the report file's SHA-256)."""
    from examiner_app.coi import repository as coi_repo

    return [
        CoiCitation(
            pin_id=pin.id,
            passage_id=pin.passage.id,
            publisher=pin.report.source,
            title=pin.report.title,
            published=pin.report.published,
            version=pin.report.sha256,
            citation=pin.citation,
            excerpt=pin.passage.text,
            suggestion_id=pin.suggestion_id,
            note=pin.note,
        )
        for pin in coi_repo.list_pins(session, case_id)
    ]
