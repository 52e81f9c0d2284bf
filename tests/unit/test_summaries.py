from __future__ import annotations

from examiner_app.domain import FactField, ModelRef, Provenance, Suggestion, SuggestionStatus
from examiner_app.summaries import build_chronology, build_fact_sheet

RULES = ModelRef("rules", "dates", "1")


def sug(
    sid: str,
    field: FactField,
    value: str,
    normalized: str | None,
    status: SuggestionStatus = SuggestionStatus.PENDING,
    page: int = 1,
    start: int = 0,
    end: int = 5,
    confidence: float = 0.8,
    reviewed: str | None = None,
) -> Suggestion:
    prov = Provenance("doc1", "statement.png", page, start, end, (), RULES)
    return Suggestion(sid, "case", field, value, normalized, confidence, prov, status, reviewed_value=reviewed)


def test_findings_first_pending_marked_rejected_left_out() -> None:
    sheet = build_fact_sheet(
        [
            sug("a", FactField.PERSON_NAME, "Kamal Perera", "Kamal Perera", confidence=0.9),
            sug("b", FactField.PERSON_NAME, "K. Perera", "Kamal Perera", SuggestionStatus.ACCEPTED, confidence=0.4),
            sug("c", FactField.RELIGION, "Hindu", "hindu", SuggestionStatus.REJECTED),
        ]
    )
    (names,) = sheet.groups
    assert [ln.suggestion_id for ln in names.lines] == ["b", "a"]
    assert names.lines[0].is_finding
    assert not names.lines[1].is_finding
    assert (sheet.findings, sheet.pending) == (1, 1)
    assert names.lines[0].citation == "statement.png, p. 1, chars 0\u20135"


def test_two_dates_of_birth_are_a_conflict_shown_side_by_side() -> None:
    sheet = build_fact_sheet(
        [
            sug("a", FactField.DATE_OF_BIRTH, "12/03/1990", "1990-03-12"),
            sug("b", FactField.DATE_OF_BIRTH, "1991年3月12日", "1991-03-12", page=2),
            sug("c", FactField.PLACE, "Colombo", "LK"),
            sug("d", FactField.PLACE, "Jaffna", "LK"),
        ]
    )
    groups = {g.field: g for g in sheet.groups}
    assert groups[FactField.DATE_OF_BIRTH].conflict
    assert len(groups[FactField.DATE_OF_BIRTH].lines) == 2
    assert not groups[FactField.PLACE].conflict  # many places are normal, not a conflict
    assert [g.field for g in sheet.conflicts] == [FactField.DATE_OF_BIRTH]


def test_chronology_orders_dates_and_attaches_the_event_sentence() -> None:
    entries = build_chronology(
        [
            sug("e", FactField.EVENT, "On 4 May 2021 the police arrested me in Colombo.", None, start=0, end=49),
            sug("d1", FactField.EVENT_DATE, "4 May 2021", "2021-05-04", start=3, end=13),
            sug("d0", FactField.DATE_OF_BIRTH, "12/03/1990", "1990-03-12", SuggestionStatus.ACCEPTED, page=2),
            sug(
                "d2",
                FactField.DATE_OF_ENTRY,
                "2 Feb 2022",
                "2022-02-01",
                SuggestionStatus.EDITED,
                page=3,
                reviewed="2022-02-02",
            ),
            sug("x", FactField.EVENT_DATE, "1 Jan 2020", "2020-01-01", SuggestionStatus.REJECTED),
        ]
    )
    assert [e.date for e in entries] == ["1990-03-12", "2021-05-04", "2022-02-02"]
    assert entries[1].what.startswith("On 4 May 2021 the police")
    assert entries[2].status is SuggestionStatus.EDITED
