"""The only way a suggestion becomes a finding.

Every action needs a signed-in user whose role may decide, writes a Decision and its
AuditEvent in one transaction, and keeps the value before and after. Edits and rejections
need a reason; changing an earlier decision needs one too. Nothing in the pipeline calls this.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from examiner_app import accounts, audit
from examiner_app.domain import (
    Decision,
    DecisionAction,
    FactField,
    ModelRef,
    Provenance,
    Role,
    Suggestion,
    SuggestionStatus,
    User,
)
from examiner_app.errors import PermissionDeniedError, ReviewError, StaleDecisionError
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import DecisionRow, SuggestionRow, UserRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DECIDING_ROLES = frozenset({Role.EXAMINER, Role.ADMIN})
MANUAL_MODEL = ModelRef("examiner", "manual", "1")


def _require_decider(user: User | None) -> User:
    if user is None:
        raise PermissionDeniedError("Sign in as an examiner before recording a decision.")
    if user.role not in DECIDING_ROLES:
        raise PermissionDeniedError(
            f"{user.name} is signed in as {user.role.value}; only an examiner can accept, edit or reject a fact."
        )
    return user


def _clean_reason(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ReviewError(f"Give a reason to {what}; it is kept with the decision in the audit log.")
    return text


def _decide(
    store: Store,
    user: User | None,
    suggestion_id: str,
    action: DecisionAction,
    *,
    new_value: str | None = None,
    reason: str | None = None,
    source_viewed: bool = False,
    expected_version: int | None = None,
) -> Decision:
    user = _require_decider(user)
    with store.session() as session:
        return _decide_in(
            session,
            user,
            suggestion_id,
            action,
            new_value=new_value,
            reason=reason,
            source_viewed=source_viewed,
            expected_version=expected_version,
        )


def _decide_in(
    session: Session,
    user: User,
    suggestion_id: str,
    action: DecisionAction,
    *,
    new_value: str | None = None,
    reason: str | None = None,
    source_viewed: bool = False,
    group: dict[str, object] | None = None,
    expected_version: int | None = None,
) -> Decision:
    """One decision and its audit event in the caller's transaction (``group`` names a group decision).

    ``expected_version`` is the suggestion's version the examiner saw: if someone decided it since, nothing is
    recorded and StaleDecisionError carries the fresh state (optimistic versioning, agency mode)."""
    row = repo.get_suggestion_row(session, suggestion_id, lock=True)
    accounts.find_user(session, user.id)  # the account must exist in this store
    accounts.require_decide(session, user, row.case_id)
    if expected_version is not None and row.version != expected_version:
        raise _stale(session, row)
    before_status = SuggestionStatus(row.status)
    value_before = row.reviewed_value if row.reviewed_value is not None else row.value
    changing = before_status is not SuggestionStatus.PENDING and action is not DecisionAction.EDIT
    if changing and not (reason or "").strip():
        raise ReviewError(f"This fact was already {before_status.value}. Give a reason to change an earlier decision.")
    if action is DecisionAction.ACCEPT:
        if before_status is SuggestionStatus.ACCEPTED:
            raise ReviewError("This fact is already accepted.")
        status, value_after, kept_reason = SuggestionStatus.ACCEPTED, value_before, (reason or "").strip()
    elif action is DecisionAction.EDIT:
        value_after = (new_value or "").strip()
        if not value_after:
            raise ReviewError("An edited fact needs a value. To discard the suggestion, reject it instead.")
        kept_reason = _clean_reason(reason, "edit a fact")
        status = SuggestionStatus.EDITED
        row.reviewed_value = value_after
    elif action is DecisionAction.REJECT:
        kept_reason = _clean_reason(reason, "reject a fact")
        status, value_after = SuggestionStatus.REJECTED, None
    else:  # pragma: no cover - ADD goes through add_fact
        raise ReviewError(f"Unsupported review action {action}.")
    row.status = status.value
    row.version = (row.version or 1) + 1
    decision = DecisionRow(
        suggestion_id=row.id,
        user_id=user.id,
        action=action.value,
        value_before=value_before,
        value_after=value_after,
        reason=kept_reason,
    )
    session.add(decision)
    session.flush()
    audit.record(
        session,
        user.id,
        f"suggestion.{action.value}",
        case_id=row.case_id,
        subject=row.id,
        details={
            "decision_id": decision.id,
            "user_name": user.name,
            "field": row.field,
            "status_before": before_status.value,
            "status_after": status.value,
            "value_before": value_before,
            "value_after": value_after,
            "reason": kept_reason,
            "source": {
                "document_id": row.document_id,
                "page": row.page_number,
                "start": row.span_start,
                "end": row.span_end,
            },
            "model": f"{row.engine}/{row.model}@{row.model_version}",
            "confidence": row.confidence,
            # Automation-bias guard: was the source page on screen when the examiner decided?
            "source_viewed": source_viewed,
            **({"group": group} if group is not None else {}),
        },
    )
    return repo.decision_to_domain(decision)


def _stale(session: Session, row: SuggestionRow) -> StaleDecisionError:
    """The refusal when someone else decided after the suggestion was shown: who, what, and the fresh state."""
    current = repo.suggestion_to_domain(row)
    last = session.execute(
        select(DecisionRow, UserRow.name)
        .join(UserRow, UserRow.id == DecisionRow.user_id)
        .where(DecisionRow.suggestion_id == current.id)
        .order_by(DecisionRow.decided_at.desc())
        .limit(1)
    ).first()
    who = last[1] if last else "another examiner"
    return StaleDecisionError(
        f"{who} has just {current.status.value} this fact ({current.field.value}: {current.effective_value}). "
        "Nothing was recorded; the fact now shows their decision: review it again if you still disagree.",
        current,
    )


def accept(
    store: Store,
    user: User | None,
    suggestion_id: str,
    *,
    reason: str = "",
    source_viewed: bool = False,
    expected_version: int | None = None,
) -> Decision:
    """Record the suggestion as a finding, unchanged.

    ``expected_version``: the suggestion's ``version`` as the examiner saw it; when someone decided since,
    StaleDecisionError (with the fresh suggestion) is raised and nothing is recorded. The same for edit/reject.
    """
    return _decide(
        store,
        user,
        suggestion_id,
        DecisionAction.ACCEPT,
        reason=reason,
        source_viewed=source_viewed,
        expected_version=expected_version,
    )


def edit(
    store: Store,
    user: User | None,
    suggestion_id: str,
    new_value: str,
    reason: str,
    *,
    source_viewed: bool = False,
    expected_version: int | None = None,
) -> Decision:
    """Record the finding with the examiner's corrected value; the suggested value is kept."""
    return _decide(
        store,
        user,
        suggestion_id,
        DecisionAction.EDIT,
        new_value=new_value,
        reason=reason,
        source_viewed=source_viewed,
        expected_version=expected_version,
    )


def reject(
    store: Store,
    user: User | None,
    suggestion_id: str,
    reason: str,
    *,
    source_viewed: bool = False,
    expected_version: int | None = None,
) -> Decision:
    """Record that the suggestion is not a finding."""
    return _decide(
        store,
        user,
        suggestion_id,
        DecisionAction.REJECT,
        reason=reason,
        source_viewed=source_viewed,
        expected_version=expected_version,
    )


def add_fact(
    store: Store,
    user: User | None,
    case_id: str,
    field: FactField,
    value: str,
    *,
    normalized: str | None = None,
    provenance: Provenance | None = None,
    reason: str = "",
) -> Suggestion:
    """An examiner records a fact by hand (e.g. by selecting words on the page): accepted at once."""
    user = _require_decider(user)
    value = value.strip()
    if not value:
        raise ReviewError("A fact needs a value.")
    with store.session() as session:
        repo.get_case(session, case_id)
        accounts.require_decide(session, user, case_id)
        if provenance is not None:
            provenance = replace(provenance, model=MANUAL_MODEL)
        suggestion = repo.add_suggestion(
            session,
            case_id,
            Suggestion(
                id="",
                case_id=case_id,
                field=field,
                value=value,
                normalized=normalized,
                confidence=1.0,
                provenance=provenance,
                status=SuggestionStatus.ACCEPTED,
                note="added by the examiner",
            ),
        )
        decision = DecisionRow(
            suggestion_id=suggestion.id,
            user_id=user.id,
            action=DecisionAction.ADD.value,
            value_before=None,
            value_after=value,
            reason=reason.strip(),
        )
        session.add(decision)
        session.flush()
        audit.record(
            session,
            user.id,
            "suggestion.add",
            case_id=case_id,
            subject=suggestion.id,
            details={
                "decision_id": decision.id,
                "user_name": user.name,
                "field": field.value,
                "value_after": value,
                "reason": reason.strip(),
                "source": {
                    "document_id": provenance.document_id,
                    "page": provenance.page,
                    "start": provenance.start,
                    "end": provenance.end,
                }
                if provenance
                else None,
            },
        )
        return suggestion


def decide_group(
    store: Store,
    user: User | None,
    suggestion_ids: list[str] | tuple[str, ...],
    action: DecisionAction,
    reason: str,
    *,
    source_viewed: bool = False,
) -> list[Decision]:
    """Accept or reject every suggestion of a group of the same value (``summaries.grouping``) in one transaction:
    one Decision and one audit event per suggestion, the same reason for all. The reason is required both ways,
    so accepting a group is never easier than rejecting it. Every member must be pending, of one case, one field
    and one value; otherwise nothing is recorded."""
    from examiner_app.summaries.grouping import value_key

    user = _require_decider(user)
    if action not in (DecisionAction.ACCEPT, DecisionAction.REJECT):
        raise ReviewError("A group can be accepted or rejected; edit its suggestions one by one.")
    ids = list(dict.fromkeys(suggestion_ids))
    if not ids:
        raise ReviewError("Choose the suggestions of the group first.")
    kept_reason = _clean_reason(reason, f"{action.value} {len(ids)} suggestions at once")
    with store.session() as session:
        members = [repo.get_suggestion(session, sid) for sid in ids]
        if len({(s.case_id, s.field, value_key(s)) for s in members}) != 1:
            raise ReviewError("These suggestions are not one value of one field; decide them one by one.")
        if any(s.status is not SuggestionStatus.PENDING for s in members):
            raise ReviewError("Some of these suggestions were decided already; decide the rest one by one.")
        group = {"size": len(ids), "members": ids}
        return [
            _decide_in(session, user, sid, action, reason=kept_reason, source_viewed=source_viewed, group=group)
            for sid in ids
        ]
