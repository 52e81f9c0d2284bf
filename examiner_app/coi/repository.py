"""Reading and writing the COI tables, speaking the frozen objects of ``coi.types``. Callers own the session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from examiner_app.coi.citation import cite
from examiner_app.coi.types import CoiPassage, CoiReport, Pin
from examiner_app.errors import NotFoundError
from examiner_app.store.coi_orm import CoiDocumentRow, CoiPassageRow, CoiPinRow
from examiner_app.store.orm import utcnow


def report_to_domain(row: CoiDocumentRow) -> CoiReport:
    return CoiReport(
        id=row.id,
        source=row.source,
        title=row.title,
        country=row.country,
        published=row.published,
        url=row.url,
        language=row.language,
        file_name=row.file_name,
        sha256=row.sha256,
        page_count=row.page_count,
        passage_count=row.passage_count,
        extra=dict(row.extra or {}),
        imported_at=row.imported_at,
    )


def passage_to_domain(row: CoiPassageRow) -> CoiPassage:
    return CoiPassage(row.id, row.document_id, row.page, row.paragraph, row.text, row.language)


def find_report_by_hash(session: Session, sha256: str) -> CoiReport | None:
    row = session.execute(select(CoiDocumentRow).where(CoiDocumentRow.sha256 == sha256)).scalar_one_or_none()
    return report_to_domain(row) if row else None


def list_reports(session: Session, country: str | None = None) -> list[CoiReport]:
    query = select(CoiDocumentRow).order_by(CoiDocumentRow.country, CoiDocumentRow.published.desc())
    if country:
        query = query.where(CoiDocumentRow.country == country.upper())
    return [report_to_domain(r) for r in session.execute(query).scalars()]


def library_countries(session: Session) -> list[tuple[str, int, int]]:
    """(country code, reports, passages) for every country the library has reports about, by code."""
    rows = session.execute(
        select(CoiDocumentRow.country, func.count(), func.coalesce(func.sum(CoiDocumentRow.passage_count), 0))
        .group_by(CoiDocumentRow.country)
        .order_by(CoiDocumentRow.country)
    ).all()
    return [(str(code), int(reports), int(passages)) for code, reports, passages in rows]


def get_report(session: Session, coi_id: str) -> CoiReport:
    row = session.get(CoiDocumentRow, coi_id)
    if row is None:
        raise NotFoundError(f"No COI report with id {coi_id}. Search the library with 'examiner-app coi search'.")
    return report_to_domain(row)


def passages_only(session: Session, ids: Iterable[int]) -> dict[int, CoiPassage]:
    """Passages by id, read as plain columns (no ORM objects): the search path, whose reports are cached."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(
            CoiPassageRow.id,
            CoiPassageRow.document_id,
            CoiPassageRow.page,
            CoiPassageRow.paragraph,
            CoiPassageRow.text,
            CoiPassageRow.language,
        ).where(CoiPassageRow.id.in_(wanted))
    ).all()
    return {int(r[0]): CoiPassage(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows}


def passages_by_id(session: Session, ids: Iterable[int]) -> dict[int, tuple[CoiPassage, CoiReport]]:
    """Passages with their reports, for a set of passage ids (unknown ids are left out)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(CoiPassageRow, CoiDocumentRow)
        .join(CoiDocumentRow, CoiDocumentRow.id == CoiPassageRow.document_id)
        .where(CoiPassageRow.id.in_(wanted))
    ).all()
    reports: dict[str, CoiReport] = {}
    out: dict[int, tuple[CoiPassage, CoiReport]] = {}
    for passage_row, document_row in rows:
        report = reports.get(document_row.id) or reports.setdefault(document_row.id, report_to_domain(document_row))
        out[passage_row.id] = (passage_to_domain(passage_row), report)
    return out


def get_passage(session: Session, passage_id: int) -> tuple[CoiPassage, CoiReport]:
    found = passages_by_id(session, [passage_id])
    if passage_id not in found:
        raise NotFoundError(f"No COI passage with id {passage_id}. Search again; the library may have changed.")
    return found[passage_id]


def list_passages(session: Session, coi_id: str) -> list[CoiPassage]:
    rows = session.execute(
        select(CoiPassageRow).where(CoiPassageRow.document_id == coi_id).order_by(CoiPassageRow.ordinal)
    ).scalars()
    return [passage_to_domain(r) for r in rows]


def passages_missing_vectors(session: Session, model: str, limit: int = 256) -> list[tuple[int, str, str]]:
    """(id, report title, text) of passages without a vector from ``model``, oldest first."""
    rows = session.execute(
        select(CoiPassageRow.id, CoiDocumentRow.title, CoiPassageRow.text)
        .join(CoiDocumentRow, CoiDocumentRow.id == CoiPassageRow.document_id)
        .where(CoiPassageRow.embedding_model != model)
        .order_by(CoiPassageRow.id)
        .limit(limit)
    ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def set_vectors(session: Session, model: str, vectors: Sequence[tuple[int, bytes]]) -> None:
    for passage_id, raw in vectors:
        row = session.execute(
            select(CoiPassageRow).options(undefer(CoiPassageRow.embedding)).where(CoiPassageRow.id == passage_id)
        ).scalar_one()
        row.embedding = raw
        row.embedding_model = model


# --- pins ----------------------------------------------------------------------------------------


def pin_to_domain(row: CoiPinRow, passage: CoiPassage, report: CoiReport) -> Pin:
    return Pin(
        id=row.id,
        case_id=row.case_id,
        suggestion_id=row.suggestion_id,
        fact_label=row.fact_label,
        passage=passage,
        report=report,
        user_id=row.user_id,
        pinned_at=row.pinned_at,
        citation=cite(report, passage).short(),
        note=row.note,
    )


def active_pin(session: Session, case_id: str, passage_id: int, suggestion_id: str | None) -> CoiPinRow | None:
    query = select(CoiPinRow).where(
        CoiPinRow.case_id == case_id, CoiPinRow.passage_id == passage_id, CoiPinRow.removed_at.is_(None)
    )
    query = query.where(
        CoiPinRow.suggestion_id.is_(None) if suggestion_id is None else CoiPinRow.suggestion_id == suggestion_id
    )
    return session.execute(query).scalars().first()


def add_pin(
    session: Session,
    *,
    case_id: str,
    passage_id: int,
    user_id: str,
    suggestion_id: str | None,
    fact_label: str,
    note: str,
) -> tuple[Pin, bool]:
    """Pin a passage; returns (pin, created). Pinning the same passage to the same target twice is a no-op."""
    passage, report = get_passage(session, passage_id)
    existing = active_pin(session, case_id, passage_id, suggestion_id)
    if existing is not None:
        return pin_to_domain(existing, passage, report), False
    row = CoiPinRow(
        case_id=case_id,
        passage_id=passage_id,
        user_id=user_id,
        suggestion_id=suggestion_id,
        fact_label=fact_label,
        note=note,
    )
    session.add(row)
    session.flush()
    return pin_to_domain(row, passage, report), True


def get_pin_row(session: Session, pin_id: str) -> CoiPinRow:
    row = session.get(CoiPinRow, pin_id)
    if row is None:
        raise NotFoundError(f"No pinned excerpt with id {pin_id}. Reload the case.")
    return row


def remove_pin(session: Session, pin_id: str, user_id: str) -> CoiPinRow:
    row = get_pin_row(session, pin_id)
    if row.removed_at is None:
        row.removed_at = utcnow()
        row.removed_by = user_id
    return row


def list_pins(session: Session, case_id: str) -> list[Pin]:
    rows = (
        session.execute(
            select(CoiPinRow)
            .where(CoiPinRow.case_id == case_id, CoiPinRow.removed_at.is_(None))
            .order_by(CoiPinRow.pinned_at)
        )
        .scalars()
        .all()
    )
    found = passages_by_id(session, (r.passage_id for r in rows))
    return [pin_to_domain(r, *found[r.passage_id]) for r in rows if r.passage_id in found]


def pinned_passages(session: Session, case_ids: Iterable[str] | None = None) -> dict[str, set[int]]:
    """Active pins per case: case id -> passage ids (all cases when ``case_ids`` is None)."""
    query = select(CoiPinRow.case_id, CoiPinRow.passage_id).where(CoiPinRow.removed_at.is_(None))
    if case_ids is not None:
        query = query.where(CoiPinRow.case_id.in_(list(case_ids)))
    out: dict[str, set[int]] = {}
    for case_id, passage_id in session.execute(query).all():
        out.setdefault(case_id, set()).add(passage_id)
    return out


def parse_date(value: str | date | None) -> date | None:
    """ISO ``YYYY-MM-DD`` (or a date) to a date; None stays None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value.strip())
