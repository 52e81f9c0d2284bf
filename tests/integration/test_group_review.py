"""Reviewing the same value found in several places at once (review.decide_group), on SQLite and PostgreSQL:
one Decision and one audit event per suggestion, the same reason, a reason needed to accept as to reject."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from examiner_app import audit, review
from examiner_app.domain import DecisionAction, FactField, Role, Suggestion, SuggestionStatus, User
from examiner_app.errors import ReviewError
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow
from examiner_app.summaries.grouping import group_pending


def setup(store: Store) -> tuple[User, list[str], str]:
    with store.session() as session:
        user = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
        case = repo.create_case(session, "Group review", created_by=user.id)
        ids = []
        for value, normalized in (
            ("14 March 1989", "1989-03-14"),
            ("14/03/1989", "1989-03-14"),
            ("1989年3月14日", "1989-03-14"),
        ):
            s = Suggestion("", case.id, FactField.DATE_OF_BIRTH, value, normalized, 0.9, None, SuggestionStatus.PENDING)
            ids.append(repo.add_suggestion(session, case.id, s).id)
        other = Suggestion("", case.id, FactField.NATIONALITY, "Sri Lankan", "LK", 0.9, None, SuggestionStatus.PENDING)
        other_id = repo.add_suggestion(session, case.id, other).id
    return user, ids, other_id


@pytest.mark.parametrize("action", [DecisionAction.ACCEPT, DecisionAction.REJECT])
def test_a_group_decision_is_one_decision_per_suggestion_with_one_reason(
    any_store: Store, tmp_path: Path, action: DecisionAction
) -> None:
    user, ids, _ = setup(any_store)
    with any_store.session() as session:
        groups = group_pending(repo.list_suggestions(session, repo.get_suggestion(session, ids[0]).case_id))
    dob = next(g for g in groups if g.field is FactField.DATE_OF_BIRTH)
    assert sorted(dob.ids) == sorted(ids)  # three spellings, one normalised value

    with pytest.raises(ReviewError, match="Give a reason"):
        review.decide_group(any_store, user, dob.ids, action, "  ")
    decisions = review.decide_group(any_store, user, dob.ids, action, "same date in form, passport and statement")

    assert sorted(d.suggestion_id for d in decisions) == sorted(ids)
    assert {d.reason for d in decisions} == {"same date in form, passport and statement"}
    assert {d.action for d in decisions} == {action}
    with any_store.session() as session:
        statuses = {repo.get_suggestion(session, sid).status for sid in ids}
        events = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == f"suggestion.{action.value}")
        ).all()
        assert len(events) == 3
        assert all(e.details["group"]["size"] == 3 for e in events)
        assert audit.verify(session).ok
    expected = SuggestionStatus.ACCEPTED if action is DecisionAction.ACCEPT else SuggestionStatus.REJECTED
    assert statuses == {expected}


def test_a_group_must_be_one_pending_value(store: Store) -> None:
    user, ids, other_id = setup(store)
    with pytest.raises(ReviewError, match="not one value"):
        review.decide_group(store, user, [ids[0], other_id], DecisionAction.ACCEPT, "checked")
    review.accept(store, user, ids[0])
    with pytest.raises(ReviewError, match="decided already"):
        review.decide_group(store, user, ids, DecisionAction.REJECT, "checked")
    with pytest.raises(ReviewError, match="one by one"):
        review.decide_group(store, user, ids[1:], DecisionAction.EDIT, "checked")
    with store.session() as session:  # nothing was recorded by the refused calls
        assert [repo.get_suggestion(session, sid).status for sid in ids[1:]] == [SuggestionStatus.PENDING] * 2
