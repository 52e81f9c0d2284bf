"""Repositories: read and write the store, speaking domain objects. Callers own the session."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from examiner_app.domain import (
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
from examiner_app.errors import NotFoundError
from examiner_app.store.orm import (
    CaseRow,
    DecisionRow,
    DocumentBlobRow,
    DocumentRow,
    PageRow,
    SuggestionRow,
    UserRow,
)

# --- conversions -----------------------------------------------------------------------------


def _box(raw: Sequence[int] | None) -> BBox | None:
    return BBox(*raw) if raw else None


def _guesses(raw: Sequence[Any]) -> tuple[LanguageGuess, ...]:
    return tuple(LanguageGuess(str(g[0]), float(g[1])) for g in raw)


def words_to_json(words: Sequence[Word]) -> list[list[Any]]:
    # Compact rows: a page can hold thousands of words.
    return [
        [w.text, w.start, w.end, w.bbox.as_list() if w.bbox else None, w.confidence, w.block, w.line] for w in words
    ]


def words_from_json(raw: Sequence[Sequence[Any]]) -> tuple[Word, ...]:
    return tuple(Word(str(r[0]), int(r[1]), int(r[2]), _box(r[3]), r[4], int(r[5]), int(r[6])) for r in raw)


def page_to_domain(row: PageRow) -> PageText:
    return PageText(
        page_number=row.page_number,
        text=row.text,
        words=words_from_json(row.words),
        source=PageSource(row.source),
        mean_confidence=row.mean_confidence,
        rotation=row.rotation,
        width=row.width,
        height=row.height,
        dpi=row.dpi,
        languages=_guesses(row.languages),
        blocks=tuple(TextBlock(int(b[0]), int(b[1]), _box(b[2]), _guesses(b[3])) for b in row.blocks),
        ocr_languages=row.ocr_languages,
        engine=row.engine,
    )


def user_to_domain(row: UserRow) -> User:
    return User(row.id, row.name, Role(row.role))


def document_to_domain(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        case_id=row.case_id,
        file_name=row.file_name,
        sha256=row.sha256,
        size=row.size,
        mime_type=row.mime_type,
        status=DocumentStatus(row.status),
        error=row.error,
        page_count=row.page_count,
        imported_at=row.imported_at,
    )


def suggestion_to_domain(row: SuggestionRow) -> Suggestion:
    provenance = None
    if row.document_id is not None and row.page_number is not None:
        provenance = Provenance(
            document_id=row.document_id,
            file_name=row.file_name,
            page=row.page_number,
            start=row.span_start if row.span_start is not None else 0,
            end=row.span_end if row.span_end is not None else 0,
            bboxes=tuple(BBox(*b) for b in row.bboxes),
            model=ModelRef(row.engine, row.model, row.model_version),
            ocr_confidence=row.ocr_confidence,
        )
    return Suggestion(
        id=row.id,
        case_id=row.case_id,
        field=FactField(row.field),
        value=row.value,
        normalized=row.normalized,
        confidence=row.confidence,
        provenance=provenance,
        status=SuggestionStatus(row.status),
        note=row.note,
        reviewed_value=row.reviewed_value,
        attributes=tuple((str(k), str(v)) for k, v in row.attributes),
        version=row.version or 1,
    )


def decision_to_domain(row: DecisionRow) -> Decision:
    return Decision(
        id=row.id,
        suggestion_id=row.suggestion_id,
        user_id=row.user_id,
        action=DecisionAction(row.action),
        value_before=row.value_before,
        value_after=row.value_after,
        reason=row.reason,
        decided_at=row.decided_at,
    )


# --- users -----------------------------------------------------------------------------------


def get_or_create_user(session: Session, name: str, role: Role) -> User:
    """The user of that name, created if new.

    Safe when several processes sign in under one name at the same moment (the worker processes of one machine all
    start as its service account): the insert runs in a savepoint, and a lost race reads the winner's row instead of
    failing the sign-in. Without this one of two workers started together died at start-up now and then.
    """
    query = select(UserRow).where(UserRow.name == name)
    row = session.execute(query).scalar_one_or_none()
    if row is None:
        try:
            with session.begin_nested():
                row = UserRow(name=name, role=role.value)
                session.add(row)
        except IntegrityError:
            row = session.execute(query).scalar_one()
    return user_to_domain(row)


def get_user(session: Session, user_id: str) -> User:
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFoundError(f"No user with id {user_id}. Sign in again with an existing profile.")
    return user_to_domain(row)


def list_users(session: Session) -> list[User]:
    return [user_to_domain(r) for r in session.execute(select(UserRow).order_by(UserRow.name)).scalars()]


# --- cases -----------------------------------------------------------------------------------


def create_case(
    session: Session, title: str, *, reference: str = "", created_by: str | None = None, anonymized: bool = False
) -> Case:
    row = CaseRow(title=title, reference=reference, created_by=created_by, anonymized=anonymized)
    session.add(row)
    session.flush()
    return get_case(session, row.id)


def get_case(session: Session, case_id: str) -> Case:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise NotFoundError(f"No case with id {case_id}. List cases with 'examiner-app case show' or create one.")
    documents = session.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.case_id == case_id))
    pending = session.scalar(
        select(func.count())
        .select_from(SuggestionRow)
        .where(SuggestionRow.case_id == case_id, SuggestionRow.status == SuggestionStatus.PENDING.value)
    )
    return Case(row.id, row.title, row.created_at, row.reference, row.anonymized, documents or 0, pending or 0)


def cases_by_id(session: Session, case_ids: set[str]) -> dict[str, Case]:
    """Several cases in one query, without their document and pending counts (their rows stay in the session,
    so access checks that follow need no further query)."""
    if not case_ids:
        return {}
    rows = session.execute(select(CaseRow).where(CaseRow.id.in_(sorted(case_ids)))).scalars()
    return {r.id: Case(r.id, r.title, r.created_at, r.reference, r.anonymized) for r in rows}


def list_cases(session: Session) -> list[Case]:
    doc_counts: dict[str, int] = dict(
        session.execute(select(DocumentRow.case_id, func.count()).group_by(DocumentRow.case_id)).all()
    )
    pending_counts: dict[str, int] = dict(
        session.execute(
            select(SuggestionRow.case_id, func.count())
            .where(SuggestionRow.status == SuggestionStatus.PENDING.value)
            .group_by(SuggestionRow.case_id)
        ).all()
    )
    rows = session.execute(select(CaseRow).order_by(CaseRow.created_at.desc(), CaseRow.title)).scalars()
    return [
        Case(
            r.id, r.title, r.created_at, r.reference, r.anonymized, doc_counts.get(r.id, 0), pending_counts.get(r.id, 0)
        )
        for r in rows
    ]


# --- documents and pages ---------------------------------------------------------------------


def find_document_by_hash(session: Session, case_id: str, sha256: str) -> Document | None:
    row = session.execute(
        select(DocumentRow).where(DocumentRow.case_id == case_id, DocumentRow.sha256 == sha256)
    ).scalar_one_or_none()
    return document_to_domain(row) if row else None


def add_document(
    session: Session, case_id: str, file_name: str, content: bytes, sha256: str, mime_type: str
) -> Document:
    row = DocumentRow(
        case_id=case_id,
        file_name=file_name,
        sha256=sha256,
        size=len(content),
        mime_type=mime_type,
        status=DocumentStatus.IMPORTED.value,
    )
    session.add(row)
    session.flush()
    session.add(DocumentBlobRow(document_id=row.id, content=content))
    session.flush()
    return document_to_domain(row)


def get_document(session: Session, document_id: str) -> Document:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFoundError(f"No document with id {document_id}.")
    return document_to_domain(row)


def document_content(session: Session, document_id: str) -> bytes:
    row = session.get(DocumentBlobRow, document_id)
    if row is None:
        raise NotFoundError(f"The original of document {document_id} is missing from the store.")
    return row.content


def list_documents(session: Session, case_id: str) -> list[Document]:
    rows = session.execute(
        select(DocumentRow)
        .where(DocumentRow.case_id == case_id)
        .order_by(DocumentRow.imported_at, DocumentRow.file_name)
    ).scalars()
    return [document_to_domain(r) for r in rows]


def set_document_status(
    session: Session,
    document_id: str,
    status: DocumentStatus,
    *,
    error: str = "",
    page_count: int | None = None,
    mime_type: str | None = None,
) -> None:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFoundError(f"No document with id {document_id}.")
    row.status = status.value
    row.error = error
    if page_count is not None:
        row.page_count = page_count
    if mime_type is not None:
        row.mime_type = mime_type


def _set_languages(row: PageRow, page: PageText) -> None:
    row.languages = [[g.code, g.confidence] for g in page.languages]
    row.blocks = [
        [b.start, b.end, b.bbox.as_list() if b.bbox else None, [[g.code, g.confidence] for g in b.languages]]
        for b in page.blocks
    ]


def _page_row(session: Session, document_id: str, page_number: int) -> PageRow | None:
    return session.execute(
        select(PageRow).where(PageRow.document_id == document_id, PageRow.page_number == page_number)
    ).scalar_one_or_none()


def save_page(session: Session, document_id: str, page: PageText, image_png: bytes | None) -> None:
    """Insert or replace one page (re-OCR replaces)."""
    row = _page_row(session, document_id, page.page_number)
    if row is None:
        row = PageRow(document_id=document_id, page_number=page.page_number)
        session.add(row)
    row.text = page.text
    row.words = words_to_json(page.words)
    _set_languages(row, page)
    row.source = page.source.value
    row.mean_confidence = page.mean_confidence
    row.rotation = page.rotation
    row.width = page.width
    row.height = page.height
    row.dpi = page.dpi
    row.ocr_languages = page.ocr_languages
    row.engine = page.engine
    if image_png is not None:
        row.image_png = image_png
    session.flush()


def update_page_languages(session: Session, document_id: str, page: PageText) -> None:
    row = _page_row(session, document_id, page.page_number)
    if row is None:
        raise NotFoundError(f"Page {page.page_number} of document {document_id} is not in the store.")
    _set_languages(row, page)


def saved_page_numbers(session: Session, document_id: str) -> frozenset[int]:
    return frozenset(session.execute(select(PageRow.page_number).where(PageRow.document_id == document_id)).scalars())


def list_pages(session: Session, document_id: str) -> list[PageText]:
    rows = session.execute(select(PageRow).where(PageRow.document_id == document_id).order_by(PageRow.page_number))
    return [page_to_domain(r) for r in rows.scalars()]


def get_page(session: Session, document_id: str, page_number: int) -> PageText:
    row = session.execute(
        select(PageRow).where(PageRow.document_id == document_id, PageRow.page_number == page_number)
    ).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"Page {page_number} of document {document_id} is not in the store.")
    return page_to_domain(row)


def page_image(session: Session, document_id: str, page_number: int) -> bytes | None:
    row = session.execute(
        select(PageRow)
        .options(undefer(PageRow.image_png))
        .where(PageRow.document_id == document_id, PageRow.page_number == page_number)
    ).scalar_one_or_none()
    return row.image_png if row else None


# --- suggestions and decisions ---------------------------------------------------------------


def add_suggestion(session: Session, case_id: str, suggestion: Suggestion) -> Suggestion:
    prov = suggestion.provenance
    row = SuggestionRow(
        case_id=case_id,
        document_id=prov.document_id if prov else None,
        file_name=prov.file_name if prov else "",
        page_number=prov.page if prov else None,
        field=suggestion.field.value,
        value=suggestion.value,
        normalized=suggestion.normalized,
        confidence=suggestion.confidence,
        span_start=prov.start if prov else None,
        span_end=prov.end if prov else None,
        bboxes=[b.as_list() for b in prov.bboxes] if prov else [],
        engine=prov.model.engine if prov else "examiner",
        model=prov.model.model if prov else "manual",
        model_version=prov.model.version if prov else "",
        ocr_confidence=prov.ocr_confidence if prov else None,
        note=suggestion.note,
        attributes=[list(a) for a in suggestion.attributes],
        status=suggestion.status.value,
        reviewed_value=suggestion.reviewed_value,
    )
    session.add(row)
    session.flush()
    return dataclasses.replace(suggestion, id=row.id, case_id=case_id)


def delete_pending_suggestions(session: Session, document_id: str) -> int:
    """Drop a document's undecided suggestions before regenerating them; decided ones stay."""
    rows = (
        session.execute(
            select(SuggestionRow).where(
                SuggestionRow.document_id == document_id, SuggestionRow.status == SuggestionStatus.PENDING.value
            )
        )
        .scalars()
        .all()
    )
    for row in rows:
        session.delete(row)
    return len(rows)


def get_suggestion_row(session: Session, suggestion_id: str, *, lock: bool = False) -> SuggestionRow:
    query = select(SuggestionRow).where(SuggestionRow.id == suggestion_id)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"No suggestion with id {suggestion_id}; it may have been regenerated. Reload the case.")
    return row


def get_suggestion(session: Session, suggestion_id: str) -> Suggestion:
    return suggestion_to_domain(get_suggestion_row(session, suggestion_id))


def list_suggestions(session: Session, case_id: str) -> list[Suggestion]:
    rows = session.execute(
        select(SuggestionRow)
        .where(SuggestionRow.case_id == case_id)
        .order_by(SuggestionRow.field, SuggestionRow.file_name, SuggestionRow.page_number, SuggestionRow.span_start)
    ).scalars()
    return [suggestion_to_domain(r) for r in rows]


def list_decisions(session: Session, case_id: str) -> list[Decision]:
    rows = session.execute(
        select(DecisionRow)
        .join(SuggestionRow, SuggestionRow.id == DecisionRow.suggestion_id)
        .where(SuggestionRow.case_id == case_id)
        .order_by(DecisionRow.decided_at)
    ).scalars()
    return [decision_to_domain(r) for r in rows]


# --- caches ----------------------------------------------------------------------------------


def change_stamp(session: Session, *aggregates: Any) -> tuple[object, ...]:
    """The values of ``aggregates`` (row counts, newest timestamps) in one round trip: an in-memory index built
    from those tables is stale when the tuple changes."""
    return tuple(session.execute(select(*(select(a).scalar_subquery() for a in aggregates))).one())
