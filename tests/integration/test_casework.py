"""Reasoning per element, confirmed earlier-application links and confirmed dates on the store (SQLite and,
with EXAMINER_TEST_PG_URL, PostgreSQL): who may write them, the newest text holds, every change is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from examiner_app import audit
from examiner_app.config import Settings
from examiner_app.domain import FactField, Role, Suggestion, SuggestionStatus, User
from examiner_app.errors import PermissionDeniedError, ReviewError
from examiner_app.services import Workbench
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow
from examiner_app.summaries.evidence import GuideElement


def account(store: Store, name: str, role: Role = Role.EXAMINER) -> User:
    with store.session() as session:
        return repo.get_or_create_user(session, name, role)


def new_case(store: Store, owner: User, title: str = "Evidence test case") -> str:
    with store.session() as session:
        case = repo.create_case(session, title, created_by=owner.id)
        for field, value in ((FactField.AGENT_OF_PERSECUTION, "the police"), (FactField.RELIGION, "Ahmadi")):
            repo.add_suggestion(
                session, case.id, Suggestion("", case.id, field, value, None, 0.9, None, SuggestionStatus.PENDING)
            )
        return case.id


def bench(store: Store, tmp_path: Path, user: User) -> Workbench:
    return Workbench(store, Settings(data_dir=tmp_path, ai_enabled=False), user)


def actions(store: Store, case_id: str) -> list[str]:
    with store.session() as session:
        return list(
            session.scalars(
                select(AuditEventRow.action).where(AuditEventRow.case_id == case_id).order_by(AuditEventRow.id)
            )
        )


def test_reasoning_is_stored_audited_and_shown_in_the_evidence_view(any_store: Store, tmp_path: Path) -> None:
    examiner = account(any_store, "Aiko Tanaka")
    case_id = new_case(any_store, examiner)
    wb = bench(any_store, tmp_path, examiner)

    view = wb.evidence(case_id)
    assert view.element(GuideElement.STATE_PROTECTION).items  # the agent of persecution
    assert view.element(GuideElement.STATE_PROTECTION).reasoning is None
    assert view.element(GuideElement.WELL_FOUNDED_FEAR).empty

    wb.save_reasoning(case_id, "state_protection", "First draft.")
    saved = wb.save_reasoning(case_id, "state_protection", "  The applicant says the police refused a complaint.  ")
    assert saved.text == "The applicant says the police refused a complaint."
    again = wb.save_reasoning(case_id, "state_protection", saved.text)  # unchanged: no new row, no new event
    assert again.id == saved.id

    view = wb.evidence(case_id)
    reasoning = view.element(GuideElement.STATE_PROTECTION).reasoning
    assert reasoning is not None
    assert (reasoning.text, reasoning.user_name) == (saved.text, "Aiko Tanaka")
    assert actions(any_store, case_id).count("evidence.reasoning") == 2
    assert "case.evidence" in actions(any_store, case_id)
    with any_store.session() as session:
        event = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "evidence.reasoning").order_by(AuditEventRow.id.desc())
        ).first()
        assert event is not None
        assert event.details["text_before"] == "First draft."
        assert audit.verify(session).ok

    wb.save_reasoning(case_id, "state_protection", "")  # cleared
    assert wb.evidence(case_id).element(GuideElement.STATE_PROTECTION).reasoning is None


def test_only_an_examiner_on_the_case_writes_reasoning(any_store: Store, tmp_path: Path) -> None:
    examiner = account(any_store, "Aiko Tanaka")
    reviewer = account(any_store, "Ren Sato", Role.REVIEWER)
    case_id = new_case(any_store, examiner)
    with pytest.raises(PermissionDeniedError):
        bench(any_store, tmp_path, reviewer).save_reasoning(case_id, "persecution", "text")
    with pytest.raises(ValueError, match="not a valid"):
        bench(any_store, tmp_path, examiner).save_reasoning(case_id, "credibility", "text")


def test_an_earlier_application_link_needs_a_reason_both_ways(any_store: Store, tmp_path: Path) -> None:
    examiner = account(any_store, "Aiko Tanaka")
    this_case = new_case(any_store, examiner, "Second application")
    earlier = new_case(any_store, examiner, "First application")
    wb = bench(any_store, tmp_path, examiner)
    assert wb.earlier_application_links(this_case) == []
    with pytest.raises(ReviewError, match="reason to confirm"):
        wb.confirm_earlier_application(this_case, earlier, "  ")
    with pytest.raises(ReviewError, match="own earlier application"):
        wb.confirm_earlier_application(this_case, this_case, "same person")
    link = wb.confirm_earlier_application(this_case, earlier, "same name, date of birth and passport number")
    assert [x.earlier_case_id for x in wb.earlier_application_links(this_case)] == [earlier]
    assert link.user_name == "Aiko Tanaka"
    with pytest.raises(ReviewError, match="reason to withdraw"):
        wb.confirm_earlier_application(this_case, earlier, "", confirmed=False)
    wb.confirm_earlier_application(this_case, earlier, "different mother's name", confirmed=False)
    assert wb.earlier_application_links(this_case) == []
    assert actions(any_store, this_case).count("earlier_application.confirm") == 1
    assert actions(any_store, this_case).count("earlier_application.withdraw") == 1


def test_confirmed_dates_keep_the_newest(store: Store, tmp_path: Path) -> None:
    from examiner_app import casework

    examiner = account(store, "Aiko Tanaka")
    case_id = new_case(store, examiner)
    with store.session() as session:
        casework.confirm_date(session, examiner, case_id, "application", date(2024, 1, 5), reason="form")
        casework.confirm_date(session, examiner, case_id, "application", date(2024, 1, 9), reason="stamp")
    with store.session() as session:
        dates = casework.confirmed_dates(session, case_id)
        assert dates["application"].value == date(2024, 1, 9)
        with pytest.raises(ReviewError, match="Unknown date"):
            casework.confirm_date(session, examiner, case_id, "deadline", date(2024, 1, 9))


def test_repeat_comparison_needs_a_confirmed_link_and_uses_the_confirmed_decision_date(
    any_store: Store, tmp_path: Path
) -> None:
    examiner = account(any_store, "Aiko Tanaka")
    earlier = new_case(any_store, examiner, "First application")
    this_case = new_case(any_store, examiner, "Second application")
    wb = bench(any_store, tmp_path, examiner)
    for case_id in (earlier, this_case):
        with any_store.session() as session:
            ids = [s.id for s in repo.list_suggestions(session, case_id)]
        for sid in ids:
            wb.accept(sid)
    with any_store.session() as session:
        extra = Suggestion(
            "", this_case, FactField.EVENT, "My shop was burned in 2023.", None, 0.9, None, SuggestionStatus.PENDING
        )
        extra_id = repo.add_suggestion(session, this_case, extra).id
    wb.accept(extra_id)
    assert wb.repeat_comparison(this_case) == []  # a hint is not a link
    wb.confirm_earlier_application(this_case, earlier, "same name, date of birth and passport")
    wb.confirm_case_date(this_case, "earlier_decision", date(2022, 3, 1), reason="decision letter")
    (result,) = wb.repeat_comparison(this_case)
    assert result.earlier_case_id == earlier
    assert result.earlier_decision == date(2022, 3, 1)
    assert [(f.field.value, f.change.value) for f in result.facts] == [
        ("religion", "same"),
        ("agent_of_persecution", "same"),
        ("event", "new"),
    ]
    assert "case.repeat_comparison" in actions(any_store, this_case)


def test_record_package_holds_decisions_reasons_coi_and_reasoning_and_the_clock_counts_days(
    any_store: Store, tmp_path: Path
) -> None:
    import json

    from examiner_app.record_package import sha256_hex

    examiner = account(any_store, "Aiko Tanaka")
    case_id = new_case(any_store, examiner)
    wb = bench(any_store, tmp_path, examiner)
    with any_store.session() as session:
        first, second = (s.id for s in repo.list_suggestions(session, case_id))
    wb.accept(first)
    wb.reject(second, "not what the statement says")
    wb.save_reasoning(case_id, "state_protection", "Police named as the agent; no complaint in the file.")
    package, data = wb.record_package(case_id)
    assert json.loads(data) == package
    assert [(d["action"], d["reason"]) for d in package["decisions"]] == [
        ("accept", ""),
        ("reject", "not what the statement says"),
    ]
    protection = next(e for e in package["elements"] if e["element"] == "state_protection")
    assert protection["reasoning"]["text"] == "Police named as the agent; no complaint in the file."
    assert package["coi_relied_on"] == []
    wb.record_package_exported(case_id, {"package.json": sha256_hex(data)})
    with any_store.session() as session:
        event = session.scalars(select(AuditEventRow).where(AuditEventRow.action == "case.record_package")).one()
        assert event.details["files"]["package.json"] == sha256_hex(data)

    assert wb.case_clock(case_id, today=date(2024, 3, 1)).confirmed is False
    wb.confirm_case_date(case_id, "application", date(2023, 12, 31), reason="receipt stamp")
    clock = wb.case_clock(case_id, today=date(2024, 3, 1))
    assert clock.days_since_application == 61
    assert clock.triage_date == date(2024, 2, 29)  # two months on, the month's last day
    assert clock.days_since_triage_date == 1
