"""Signing off a case summary: stored with who, when and the content's SHA-256, audited in one transaction.

What is signed and how staleness is judged is pure code in ``summaries.sign_off``. This module is the
store side; it sits at the COI layer (beside ``pins``) because the signed content includes the pinned COI
excerpts and the layer contract keeps ``summaries`` below the store.

A sign-off needs someone who may record findings on the case (its assigned examiner, or an admin), and
the hash of the summary they were shown: if the findings or pins changed between loading the summary and
signing, the sign-off is refused, so nobody signs content they have not seen. Rows are never updated or
deleted; the newest sign-off is the one compared with the summary as it is now.
"""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import select
from sqlalchemy.orm import Session

from examiner_app import accounts, audit
from examiner_app.coi import repository as coi_repo
from examiner_app.domain import User
from examiner_app.errors import ReviewError
from examiner_app.store import repositories as repo
from examiner_app.store.orm import SummarySignOffRow, UserRow
from examiner_app.summaries.fact_sheet import FactSheet, build_fact_sheet
from examiner_app.summaries.sign_off import (
    PinnedExcerpt,
    SignOff,
    SignOffState,
    content_sha256,
    sign_off_state,
    signed_content,
)

AUDIT_ACTION = "summary.sign_off"


def pinned_excerpts(session: Session, case_id: str) -> list[PinnedExcerpt]:
    """The case's active pins as the summary shows and signs them, oldest first."""
    return [
        PinnedExcerpt(
            pin_id=pin.id,
            passage_id=pin.passage.id,
            suggestion_id=pin.suggestion_id,
            fact_label=pin.fact_label,
            citation=pin.citation,
            excerpt=pin.passage.text,
            note=pin.note,
        )
        for pin in coi_repo.list_pins(session, case_id)
    ]


def latest_sign_off(session: Session, case_id: str) -> SignOff | None:
    row = session.execute(
        select(SummarySignOffRow, UserRow.name)
        .join(UserRow, UserRow.id == SummarySignOffRow.user_id)
        .where(SummarySignOffRow.case_id == case_id)
        .order_by(SummarySignOffRow.signed_at.desc(), SummarySignOffRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    sign_off, name = row
    signed_at = sign_off.signed_at
    if signed_at.tzinfo is None:  # SQLite hands back naive datetimes; they were written in UTC
        signed_at = signed_at.replace(tzinfo=UTC)
    return SignOff(
        id=sign_off.id,
        case_id=sign_off.case_id,
        user_id=sign_off.user_id,
        user_name=name,
        signed_at=signed_at,
        content_sha256=sign_off.content_sha256,
        findings=sign_off.findings,
        pins=sign_off.pins,
    )


def current_state(session: Session, case_id: str, fact_sheet: FactSheet, pins: list[PinnedExcerpt]) -> SignOffState:
    """Draft, signed or stale: the newest sign-off against the findings and pins as they are now."""
    return sign_off_state(latest_sign_off(session, case_id), content_sha256(signed_content(fact_sheet, pins)))


def sign_off_summary(session: Session, user: User | None, case_id: str, *, expected_sha256: str) -> SignOff:
    """Sign the case summary off as ``user``; writes the row and a ``summary.sign_off`` audit event.

    ``expected_sha256`` is ``SignOffState.current_sha256`` of the summary the examiner looked at.
    Refused when it no longer matches (reload and check first), when there is nothing recorded to
    sign, or when the same content is already signed off.
    """
    accounts.require_decide(session, user, case_id)
    assert user is not None  # require_decide refuses anonymous users
    signer = accounts.find_user(session, user.id)  # the account must exist in this store
    fact_sheet = build_fact_sheet(repo.list_suggestions(session, case_id))
    pins = pinned_excerpts(session, case_id)
    content = signed_content(fact_sheet, pins)
    digest = content_sha256(content)
    if digest != expected_sha256:
        raise ReviewError(
            "The findings or pinned excerpts changed since this summary was loaded. "
            "Refresh the summary, check it, then sign it off."
        )
    if fact_sheet.findings == 0 and not pins:
        raise ReviewError("There is nothing to sign off yet: accept or record at least one fact first.")
    previous = latest_sign_off(session, case_id)
    if previous is not None and previous.content_sha256 == digest:
        raise ReviewError(
            f"This summary is already signed off by {previous.user_name} on "
            f"{previous.signed_at:%Y-%m-%d %H:%M} UTC and has not changed since."
        )
    row = SummarySignOffRow(
        case_id=case_id,
        user_id=signer.id,
        content_sha256=digest,
        content=content,
        findings=fact_sheet.findings,
        pins=len(pins),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        signer.id,
        AUDIT_ACTION,
        case_id=case_id,
        subject=row.id,
        details={
            "content_sha256": digest,
            "findings": fact_sheet.findings,
            "pins": len(pins),
            "pending_not_signed": fact_sheet.pending,
            "replaces": previous.id if previous is not None else None,
        },
    )
    return SignOff(
        id=row.id,
        case_id=case_id,
        user_id=signer.id,
        user_name=signer.name,
        signed_at=row.signed_at,
        content_sha256=digest,
        findings=fact_sheet.findings,
        pins=len(pins),
    )
