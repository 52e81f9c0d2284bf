"""Pinning COI excerpts to a case or to one of its facts: stored and audited in one transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from examiner_app import accounts, audit
from examiner_app.coi import repository as coi_repo
from examiner_app.coi.types import Pin
from examiner_app.domain import User
from examiner_app.errors import NotFoundError
from examiner_app.store import repositories as repo


def pin_excerpt(
    session: Session,
    user: User | None,
    case_id: str,
    passage_id: int,
    *,
    suggestion_id: str | None = None,
    note: str = "",
) -> Pin:
    """Pin a passage to the case (``suggestion_id`` None) or to one fact of it; writes ``coi.pin``.

    Only someone who may record findings on the case (its examiner, or an admin) may pin. Pinning
    the same passage to the same target again returns the existing pin and records nothing new.
    """
    accounts.require_decide(session, user, case_id)
    assert user is not None  # require_decide refuses anonymous users
    label = ""
    if suggestion_id is not None:
        suggestion = repo.get_suggestion(session, suggestion_id)
        if suggestion.case_id != case_id:
            raise NotFoundError(f"The fact {suggestion_id} is not part of case {case_id}. Reload the case.")
        label = f"{suggestion.field.value}: {suggestion.effective_value}"
    pin, created = coi_repo.add_pin(
        session,
        case_id=case_id,
        passage_id=passage_id,
        user_id=user.id,
        suggestion_id=suggestion_id,
        fact_label=label,
        note=note.strip(),
    )
    if created:
        audit.record(
            session,
            user.id,
            "coi.pin",
            case_id=case_id,
            subject=pin.id,
            details={
                "passage_id": passage_id,
                "coi_id": pin.report.id,
                "suggestion_id": suggestion_id,
                "fact": label,
                "citation": pin.citation,
                "note": pin.note,
            },
        )
    return pin


def unpin_excerpt(session: Session, user: User | None, pin_id: str) -> None:
    """Remove a pin (kept in the table with who removed it and when); writes ``coi.unpin``."""
    row = coi_repo.get_pin_row(session, pin_id)
    accounts.require_decide(session, user, row.case_id)
    assert user is not None
    if row.removed_at is not None:
        return
    coi_repo.remove_pin(session, pin_id, user.id)
    audit.record(
        session, user.id, "coi.unpin", case_id=row.case_id, subject=pin_id, details={"passage_id": row.passage_id}
    )
