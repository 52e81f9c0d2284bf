from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime

from examiner_app.domain import FactField, ModelRef, Provenance, Suggestion, SuggestionStatus
from examiner_app.summaries import build_chronology, build_fact_sheet
from examiner_app.summaries.sign_off import (
    SIGNED_CONTENT_VERSION,
    PinnedExcerpt,
    SignOff,
    SignOffStatus,
    content_sha256,
    sign_off_state,
    signed_content,
)

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


# --- sign-off: what is hashed, and when a signature stops holding -------------------------------------------


def _signed_digest(suggestions: list[Suggestion], pins: tuple[PinnedExcerpt, ...] = ()) -> str:
    return content_sha256(signed_content(build_fact_sheet(suggestions), pins))


def _pin(pin_id: str = "p1", note: str = "") -> PinnedExcerpt:
    return PinnedExcerpt(pin_id, 7, None, "", "NRDC, Tamils, 10 June 2024, url, p. 2, para. 3", "Returnees...", note)


def test_signed_content_covers_findings_and_pins_but_not_pending_suggestions() -> None:
    finding = sug("b", FactField.PERSON_NAME, "K. Perera", "Kamal Perera", SuggestionStatus.ACCEPTED)
    pending = sug("a", FactField.RELIGION, "Hindu", "hindu")
    base = _signed_digest([finding, pending])
    assert base == _signed_digest([finding])  # pending lines are never signed
    assert base == _signed_digest([pending, finding])  # order of reading does not matter
    assert base != _signed_digest([finding, replace(pending, status=SuggestionStatus.ACCEPTED)])
    assert base != _signed_digest([replace(finding, status=SuggestionStatus.REJECTED)])
    edited = replace(finding, status=SuggestionStatus.EDITED, reviewed_value="Kamal Perera")
    assert base != _signed_digest([edited])
    moved = replace(finding, provenance=replace(finding.provenance, page=2))  # type: ignore[type-var]
    assert base != _signed_digest([moved])  # the source is part of what is signed
    assert base != _signed_digest([finding], (_pin(),))
    assert _signed_digest([finding], (_pin(),)) != _signed_digest([finding], (_pin(note="airport"),))
    content = json.loads(signed_content(build_fact_sheet([finding, pending]), (_pin(),)))
    assert content["version"] == SIGNED_CONTENT_VERSION
    assert [f["id"] for f in content["findings"]] == ["b"]
    assert content["findings"][0]["source"] == "statement.png, p. 1, chars 0\u20135"
    assert [p["id"] for p in content["pins"]] == ["p1"]
    assert base == hashlib.sha256(signed_content(build_fact_sheet([finding]), ()).encode()).hexdigest()


def test_sign_off_state_is_draft_signed_or_stale() -> None:
    digest = _signed_digest([sug("b", FactField.PERSON_NAME, "K. Perera", None, SuggestionStatus.ACCEPTED)])
    assert sign_off_state(None, digest).status is SignOffStatus.DRAFT
    signed = SignOff("s1", "case", "u1", "Aiko Tanaka", datetime(2026, 11, 25, 9, 0, tzinfo=UTC), digest, 1, 0)
    holds = sign_off_state(signed, digest)
    assert holds.signed
    assert holds.sign_off is signed
    changed = sign_off_state(signed, "0" * 64)
    assert changed.status is SignOffStatus.STALE
    assert not changed.signed
    assert changed.sign_off is signed  # who signed and when stay known, to say "changed since"
