"""Two examiners on the same suggestion at the same moment (SQLite and PostgreSQL): optimistic versioning.

Both saw version 1; the first decision records and bumps the version; the second is refused with a
StaleDecisionError naming who decided what, carrying the fresh state, and records nothing.
"""

from __future__ import annotations

import threading

import pytest

from examiner_app import review
from examiner_app.domain import Provenance, Role, Suggestion, SuggestionStatus
from examiner_app.errors import StaleDecisionError
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from tests.conftest import make_user


def _suggestion(store: Store) -> tuple[str, str]:
    from examiner_app.domain import FactField as Field
    from examiner_app.domain import ModelRef

    owner = make_user(store, "Aiko Tanaka", Role.EXAMINER)
    with store.session() as session:
        case = repo.create_case(session, "Shared case", created_by=owner.id)
        document = repo.add_document(session, case.id, "statement.txt", b"x", "0" * 64, "text/plain")
        suggestion = repo.add_suggestion(
            session,
            case.id,
            Suggestion(
                id="",
                case_id=case.id,
                field=Field.PERSON_NAME,
                value="Amina Yusuf",
                normalized=None,
                confidence=0.9,
                provenance=Provenance(document.id, "statement.txt", 1, 0, 11, (), ModelRef("rules", "names", "1")),
                status=SuggestionStatus.PENDING,
            ),
        )
    return case.id, suggestion.id


def test_second_examiner_gets_a_clear_refusal_and_the_fresh_state(any_store: Store) -> None:
    store = any_store
    _case_id, sid = _suggestion(store)
    first = make_user(store, "Aiko Tanaka", Role.EXAMINER)
    second = make_user(store, "Kenji Sato", Role.ADMIN)
    with store.session() as session:
        seen = repo.get_suggestion(session, sid)
    assert seen.version == 1
    review.accept(store, first, sid, expected_version=seen.version)
    with pytest.raises(StaleDecisionError) as refused:
        review.reject(store, second, sid, "not in the statement", expected_version=seen.version)
    assert "Aiko Tanaka has just accepted this fact" in refused.value.message
    current = refused.value.current
    assert isinstance(current, Suggestion)
    assert current.status is SuggestionStatus.ACCEPTED
    assert current.version == 2
    with store.session() as session:
        assert repo.get_suggestion(session, sid).status is SuggestionStatus.ACCEPTED
        assert len(repo.list_decisions(session, _case_id)) == 1
    # With the fresh state, the second examiner may still change it (a reason is required for that).
    review.reject(store, second, sid, "the name is of the father", expected_version=current.version)
    with store.session() as session:
        assert repo.get_suggestion(session, sid).version == 3


@pytest.mark.postgres
def test_simultaneous_decisions_on_postgres_one_wins_one_is_refused(any_store: Store) -> None:
    store = any_store
    if store.dialect != "postgresql":
        pytest.skip("the race needs two connections to one server")
    case_id, sid = _suggestion(store)
    users = [make_user(store, "Aiko Tanaka", Role.EXAMINER), make_user(store, "Kenji Sato", Role.ADMIN)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(index: int) -> None:
        barrier.wait(timeout=30)
        try:
            if index == 0:
                review.accept(store, users[0], sid, expected_version=1)
            else:
                review.edit(store, users[1], sid, "Amina Yusuf Ali", "full name on page 2", expected_version=1)
            outcomes.append("recorded")
        except StaleDecisionError:
            outcomes.append("refused")

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["recorded", "refused"]
    with store.session() as session:
        assert len(repo.list_decisions(session, case_id)) == 1
        assert repo.get_suggestion(session, sid).version == 2
