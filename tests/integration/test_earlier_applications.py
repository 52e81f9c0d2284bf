"""Possible earlier applications: the same or a similar name in another case of the store, as a hint.

Runs on SQLite and PostgreSQL (``any_store``). An examiner sees the details of cases they may read;
for any other case they learn only that a possible match exists and whom to ask, with no personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import pytest
from sqlalchemy import select

from examiner_app import accounts, review
from examiner_app.config import Settings
from examiner_app.domain import FactField, ModelRef, Provenance, Role, Suggestion, SuggestionStatus, User
from examiner_app.errors import NotFoundError
from examiner_app.services import Workbench
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow

PASSWORD = "correct horse battery"
RULES = ModelRef("rules", "identity", "1")


def _add(store: Store, case_id: str, field: FactField, value: str, normalized: str | None = None) -> str:
    """One suggestion read from its own small document, page 1."""
    content = f"{case_id} {field} {value}".encode()
    with store.session() as session:
        doc = repo.add_document(
            session, case_id, f"{field.value}.txt", content, hashlib.sha256(content).hexdigest(), "text/plain"
        )
        suggestion = repo.add_suggestion(
            session,
            case_id,
            Suggestion(
                id="",
                case_id=case_id,
                field=field,
                value=value,
                normalized=normalized,
                confidence=0.9,
                provenance=Provenance(doc.id, doc.file_name, 1, 6, 6 + len(value), (), RULES),
                status=SuggestionStatus.PENDING,
            ),
        )
        return suggestion.id


def _case(store: Store, admin: User, title: str, reference: str, examiner: User, facts: dict[str, str]) -> str:
    with store.session() as session:
        case = repo.create_case(session, title, reference=reference)
        accounts.assign(session, admin, case.id, examiner.id)
    for name in facts.get("names", "").split("|"):
        if name:
            _add(store, case.id, FactField.PERSON_NAME, name)
    if "dob" in facts:
        _add(store, case.id, FactField.DATE_OF_BIRTH, facts["dob"], facts["dob"])
    if "nationality" in facts:
        _add(store, case.id, FactField.NATIONALITY, facts["nationality"], facts["nationality"])
    return case.id


@pytest.fixture
def world(any_store: Store, tmp_path: Path) -> dict[str, object]:
    with any_store.session() as session:
        admin = accounts.create_account(session, None, "Admin", Role.ADMIN, PASSWORD)
        one = accounts.create_account(session, admin, "Ex One", Role.EXAMINER, PASSWORD)
        two = accounts.create_account(session, admin, "Ex Two", Role.EXAMINER, PASSWORD)
    cases = {
        "this": _case(
            any_store,
            admin,
            "Current claim",
            "NOW-1",
            one,
            {"names": "Mohammad Reza Hosseini|محمد رضا حسینی", "dob": "1990-03-02", "nationality": "IR"},
        ),
        "earlier": _case(
            any_store,
            admin,
            "Claim of 2019",
            "OLD-2019",
            one,
            {"names": "HOSSEINI, Mohammad Reza", "dob": "1990-03-02", "nationality": "IR"},
        ),
        "other_dob": _case(
            any_store, admin, "Another claim", "OLD-2021", one, {"names": "Mohamad Reza Hoseini", "dob": "1975-01-01"}
        ),
        "weak_same_dob": _case(
            any_store, admin, "Weak", "OLD-2020", one, {"names": "Mohammad Karimi", "dob": "1990-03-02"}
        ),
        "weak_alone": _case(any_store, admin, "Weak alone", "OLD-2018", one, {"names": "Mohammad Karimi"}),
        "unrelated": _case(any_store, admin, "Unrelated", "OLD-2017", one, {"names": "Hassan Ahmadi"}),
        "not_assigned": _case(
            any_store, admin, "Someone else's claim", "SECRET-9", two, {"names": "Muhammad Reza Husseini"}
        ),
    }
    rejected = _case(any_store, admin, "Rejected name", "OLD-2016", one, {})
    suggestion = _add(any_store, rejected, FactField.PERSON_NAME, "Mohammad Reza Hosseini")
    review.reject(any_store, admin, suggestion, "not the applicant's name")
    settings = Settings(data_dir=tmp_path, ai_enabled=False)
    return {
        "cases": cases,
        "one": Workbench(any_store, settings, one),
        "two": Workbench(any_store, settings, two),
        "admin": Workbench(any_store, settings, admin),
        "store": any_store,
    }


def test_hints_show_both_names_sources_and_what_strengthens_or_weakens_them(world: dict[str, object]) -> None:
    cases: dict[str, str] = world["cases"]  # type: ignore[assignment]
    bench: Workbench = world["one"]  # type: ignore[assignment]
    result = bench.earlier_application_hints(cases["this"])
    readable = [h for h in result.hints if not h.restricted]
    assert [h.case_id for h in readable] == [cases["earlier"], cases["weak_same_dob"], cases["other_dob"]]

    best = readable[0]
    assert best.strength == "strong"
    assert best.case_reference == "OLD-2019"
    assert best.message == "Possible earlier application: same or similar name in case OLD-2019 — check."
    assert best.other_name is not None
    assert best.other_name.name == "HOSSEINI, Mohammad Reza"
    assert best.other_name.file_name == "person_name.txt"
    assert best.other_name.page == 1
    assert best.this_name.name in ("Mohammad Reza Hosseini", "محمد رضا حسینی")
    assert best.this_name.citation.startswith("person_name.txt, p. 1, chars 6")
    assert "3 of 3 name parts match" in best.reason
    assert best.supporting == ("same date of birth: 1990-03-02", "same nationality: IR")

    weak = readable[1]
    assert weak.strength == "weak"
    assert weak.supporting == ("same date of birth: 1990-03-02",)
    other = readable[2]
    assert other.strength == "strong"
    assert other.weakening == ("different date of birth: 1990-03-02 here, 1975-01-01 there",)

    # Within the case: the Latin and the Persian spelling shown together as one person, nothing merged.
    assert [sorted(m.name for m in group) for group in result.same_person] == [
        ["Mohammad Reza Hosseini", "محمد رضا حسینی"]
    ]
    assert result.cases_compared == len(cases) - 1  # the case whose only name was rejected has nothing to compare


def test_a_case_the_examiner_may_not_read_gives_a_hint_without_personal_data(world: dict[str, object]) -> None:
    cases: dict[str, str] = world["cases"]  # type: ignore[assignment]
    bench: Workbench = world["one"]  # type: ignore[assignment]
    result = bench.earlier_application_hints(cases["this"])
    restricted = [h for h in result.hints if h.restricted]
    assert len(restricted) == 1
    hint = restricted[0]
    assert hint.message == (
        "Possible earlier application: a same or similar name appears in a case you are not assigned to. "
        "Ask your supervisor to check it."
    )
    assert hint.other_name is None
    assert (hint.case_id, hint.case_title, hint.case_reference, hint.reason, hint.score) == ("", "", "", "", 0.0)
    assert hint.supporting == hint.weakening == ()
    shown = json.dumps(asdict(hint), ensure_ascii=False)
    for secret in ("Husseini", "Muhammad", cases["not_assigned"], "SECRET-9", "Someone else"):
        assert secret not in shown

    # The administrator (a supervisor) sees that case in full, and finds it in the audit log as well.
    admin: Workbench = world["admin"]  # type: ignore[assignment]
    full = {h.case_id: h for h in admin.earlier_application_hints(cases["this"]).hints}
    assert full[cases["not_assigned"]].other_name.name == "Muhammad Reza Husseini"  # type: ignore[union-attr]
    store: Store = world["store"]  # type: ignore[assignment]
    with store.session() as session:
        events = session.execute(
            select(AuditEventRow).where(AuditEventRow.action == "earlier_application.hints")
        ).scalars()
        by_actor = {e.actor: e.details for e in events}
    mine = by_actor[bench.user.id]  # type: ignore[union-attr]
    logged = {h["case_id"]: h for h in mine["hints"]}
    assert logged[cases["not_assigned"]]["shown_in_full"] is False
    assert logged[cases["not_assigned"]]["score"] >= 0.9
    assert logged[cases["earlier"]]["shown_in_full"] is True
    assert mine["same_person_groups"] == 1


def test_only_readers_of_the_case_get_hints_and_new_names_are_seen(world: dict[str, object]) -> None:
    cases: dict[str, str] = world["cases"]  # type: ignore[assignment]
    two: Workbench = world["two"]  # type: ignore[assignment]
    with pytest.raises(NotFoundError):
        two.earlier_application_hints(cases["this"])
    # From the other side: examiner two's case matches cases they may not read, without details.
    hints = two.earlier_application_hints(cases["not_assigned"]).hints
    assert hints
    assert all(h.restricted for h in hints)
    assert all(h.other_name is None and h.case_id == "" for h in hints)

    one: Workbench = world["one"]  # type: ignore[assignment]
    store: Store = world["store"]  # type: ignore[assignment]
    before = {h.case_id for h in one.earlier_application_hints(cases["this"]).hints}
    assert cases["unrelated"] not in before
    _add(store, cases["unrelated"], FactField.PERSON_NAME, "Husseini Mohamed Reza")  # the cache notices
    after = {h.case_id for h in one.earlier_application_hints(cases["this"]).hints}
    assert after == before | {cases["unrelated"]}


def test_case_show_json_carries_the_hints_without_personal_data_of_unreadable_cases(world: dict[str, object]) -> None:
    from examiner_app.cli import _earlier_hints_json

    cases: dict[str, str] = world["cases"]  # type: ignore[assignment]
    bench: Workbench = world["one"]  # type: ignore[assignment]
    shown = _earlier_hints_json(bench.earlier_application_hints(cases["this"]))
    text = json.dumps(shown, ensure_ascii=False)
    assert shown["hints"][0]["case_reference"] == "OLD-2019"
    assert shown["hints"][0]["other_name"]["file"] == "person_name.txt"
    restricted = [h for h in shown["hints"] if h["restricted"]]
    assert restricted == [
        {
            "message": restricted[0]["message"],
            "restricted": True,
            "case_id": None,
            "case_reference": None,
            "case_title": None,
            "strength": "strong",
            "score": 0.0,
            "reason": None,
            "supporting": [],
            "weakening": [],
            "this_name": restricted[0]["this_name"],
            "other_name": None,
        }
    ]
    assert "Husseini" not in text
    assert len(shown["same_person"]) == 1
