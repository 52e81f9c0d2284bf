"""What is new in a repeat application (summaries/repeat.py), on a scripted pair of cases: new, changed and same
facts, facts only in the earlier file, documents not in the earlier file, COI published since the decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from examiner_app.domain import Document, DocumentStatus, FactField, ModelRef, Provenance, Suggestion, SuggestionStatus
from examiner_app.summaries.evidence import CoiCitation
from examiner_app.summaries.repeat import Change, compare

MODEL = ModelRef("rules", "test", "1")


def finding(case: str, sid: str, field: FactField, value: str, normalized: str | None, file: str) -> Suggestion:
    prov = Provenance(f"{case}-{file}", file, 1, 10, 10 + len(value), (), MODEL)
    return Suggestion(sid, case, field, value, normalized, 0.9, prov, SuggestionStatus.ACCEPTED)


def doc(case: str, file: str, sha: str) -> Document:
    return Document(f"{case}-{file}", case, file, sha * 64, 1, "image/png", DocumentStatus.DONE)


EARLIER = [
    finding("c1", "e1", FactField.PERSON_NAME, "Kyaw Min Htet", "Kyaw Min Htet", "form_2021.png"),
    finding("c1", "e2", FactField.DATE_OF_BIRTH, "1996年7月22日", "1996-07-22", "form_2021.png"),
    finding("c1", "e3", FactField.EVENT, "I joined the protest in Osaka.", None, "statement_2021.png"),
    finding("c1", "e4", FactField.PORT_OF_ENTRY, "Kansai", "Kansai International Airport", "form_2021.png"),
    finding("c1", "e5", FactField.FAMILY_MEMBER, "my uncle", None, "statement_2021.png"),
    replace(
        finding("c1", "e6", FactField.RELIGION, "Buddhism", "Buddhism", "form_2021.png"),
        status=SuggestionStatus.PENDING,
    ),
]
CURRENT = [
    finding("c2", "n1", FactField.PERSON_NAME, "KYAW MIN HTET", "Kyaw Min Htet", "form_2024.png"),
    finding("c2", "n2", FactField.DATE_OF_BIRTH, "22 July 1996", "1996-07-22", "passport.png"),
    finding("c2", "n3", FactField.EVENT, "I joined the protest in Osaka.", None, "statement_2024.png"),
    finding("c2", "n4", FactField.EVENT, "In 2023 my brother was detained in Mandalay.", None, "statement_2024.png"),
    finding("c2", "n5", FactField.PORT_OF_ENTRY, "Narita", "Narita International Airport", "form_2024.png"),
    replace(
        finding("c2", "n6", FactField.AGENT_OF_PERSECUTION, "the military", "Tatmadaw", "statement_2024.png"),
        status=SuggestionStatus.EDITED,
        reviewed_value="the army",
    ),
    replace(
        finding("c2", "n7", FactField.RELIGION, "Islam", "Islam", "form_2024.png"), status=SuggestionStatus.REJECTED
    ),
]


def pin(pid: str, published: date | None) -> CoiCitation:
    return CoiCitation(
        pid, 1, "Fictional Monitor", "Myanmar report", published, "ab" * 32, f"Fictional Monitor {pid}", "…"
    )


def test_a_scripted_pair_gives_new_changed_same_and_earlier_only_facts_each_cited() -> None:
    result = compare(
        "c2",
        CURRENT,
        "c1",
        EARLIER,
        earlier_title="First application (2021)",
        current_documents=[
            doc("c2", "form_2024.png", "a"),
            doc("c2", "statement_copy.png", "b"),
            doc("c2", "passport.png", "c"),
        ],
        earlier_documents=[doc("c1", "form_2021.png", "d"), doc("c1", "statement_2021.png", "b")],
        pins=[pin("old", date(2021, 5, 1)), pin("new", date(2024, 2, 1)), pin("undated", None)],
        earlier_decision=date(2022, 3, 1),
    )

    def fields(change: Change) -> list[tuple[str, list[str], list[str]]]:
        return [(f.field.value, [x.value for x in f.current], [x.value for x in f.earlier]) for f in result.of(change)]

    assert fields(Change.SAME) == [
        ("person_name", ["KYAW MIN HTET"], ["Kyaw Min Htet"]),  # the same normalised name
        ("date_of_birth", ["22 July 1996"], ["1996年7月22日"]),  # the same ISO date, written two ways
        ("event", ["I joined the protest in Osaka."], ["I joined the protest in Osaka."]),
    ]
    assert fields(Change.CHANGED) == [("port_of_entry", ["Narita"], ["Kansai"])]
    assert fields(Change.NEW) == [
        ("agent_of_persecution", ["the army"], []),  # the examiner's edit is what counts
        ("event", ["In 2023 my brother was detained in Mandalay."], []),
    ]
    assert fields(Change.EARLIER_ONLY) == [("family_member", [], ["my uncle"])]
    assert all(x.citation.endswith(tuple("0123456789")) for f in result.facts for x in (*f.current, *f.earlier))
    same_dob = result.of(Change.SAME)[1]
    assert same_dob.current[0].citation.startswith("passport.png, p. 1")
    assert same_dob.earlier[0].citation.startswith("form_2021.png, p. 1")
    # Pending and rejected facts are not part of either file.
    assert all(f.field is not FactField.RELIGION for f in result.facts)
    # Documents: the statement copy has the earlier statement's bytes (renamed): not new.
    assert [d.file_name for d in result.new_documents] == ["form_2024.png", "passport.png"]
    assert [d.file_name for d in result.same_documents] == ["statement_copy.png"]
    assert [p.pin_id for p in result.coi_since] == ["new"]
    assert [p.pin_id for p in result.coi_undated] == ["undated"]


def test_without_a_confirmed_decision_date_no_coi_is_called_newer() -> None:
    result = compare("c2", CURRENT, "c1", EARLIER, pins=[pin("new", date(2024, 2, 1))])
    assert result.coi_since == ()
    assert [p.pin_id for p in result.coi_undated] == ["new"]
    assert result.earlier_decision is None
