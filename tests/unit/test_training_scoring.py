"""Exercise scoring: SemEval-2013 partial credit, and values equivalent across calendars and scripts."""

from __future__ import annotations

from typing import Any

import pytest

from examiner_app.training.scoring import equivalent, score

KEY: list[dict[str, Any]] = [
    {
        "field": "date_of_birth",
        "value": "10 مارچ 1988",
        "normalized": "1988-03-10",
        "document": "doc1",
        "page": 1,
        "start": 10,
        "end": 22,
    },
    {
        "field": "person_name",
        "value": "حسن جعفری منصور",
        "normalized": None,
        "document": "doc1",
        "page": 1,
        "start": 30,
        "end": 45,
    },
    {
        "field": "event_date",
        "value": "12 جولائی 2022",
        "normalized": "2022-07-12",
        "document": "doc1",
        "page": 1,
        "start": 60,
        "end": 74,
    },
    {
        "field": "document_number",
        "value": "W2918073",
        "normalized": "W2918073",
        "document": "doc2",
        "page": 1,
        "start": 5,
        "end": 13,
    },
]


def test_calendar_and_script_equivalents_are_correct() -> None:
    # the same day in the Solar Hijri calendar (20 Esfand 1366), and the same name in Latin script
    assert equivalent("date_of_birth", {"value": "۲۰ اسفند ۱۳۶۶", "normalized": None}, KEY[0])
    assert equivalent("person_name", {"value": "Hassan Jafari Mansour"}, KEY[1])
    assert not equivalent("date_of_birth", {"value": "11 March 1988"}, KEY[0])


def test_partial_wrong_missed_spurious_and_f1() -> None:
    trainee: list[dict[str, Any]] = [
        # the same date written in another calendar, on the key's span: correct
        {
            "field": "date_of_birth",
            "value": "۲۰ اسفند ۱۳۶۶",
            "normalized": None,
            "document": "doc1",
            "page": 1,
            "start": 10,
            "end": 22,
        },
        # only the first two name parts: partial
        {
            "field": "person_name",
            "value": "حسن جعفری",
            "normalized": None,
            "document": "doc1",
            "page": 1,
            "start": 30,
            "end": 39,
        },
        # the event date recorded as a date of entry: wrong
        {
            "field": "date_of_entry",
            "value": "12 جولائی 2022",
            "normalized": "2022-07-12",
            "document": "doc1",
            "page": 1,
            "start": 60,
            "end": 74,
        },
        # a fact the key does not have: spurious
        {
            "field": "religion",
            "value": "احمدیہ",
            "normalized": None,
            "document": "doc1",
            "page": 1,
            "start": 100,
            "end": 106,
        },
    ]
    result = score(KEY, trainee)
    by_field = {f.field: f for f in result.fields}
    assert (by_field["date_of_birth"].correct, by_field["date_of_birth"].f1) == (1, 1.0)
    assert by_field["person_name"].partial == 1
    assert by_field["person_name"].precision == pytest.approx(0.5)
    assert by_field["event_date"].wrong == 1
    assert by_field["document_number"].missed == 1
    assert by_field["religion"].spurious == 1
    total = result.total
    assert (total.correct, total.partial, total.wrong, total.missed, total.spurious) == (1, 1, 1, 1, 1)
    # precision = recall = (1 + 0.5) / 4
    assert total.precision == pytest.approx(0.375)
    assert total.recall == pytest.approx(0.375)
    out = result.as_json()
    assert out["f1"] == pytest.approx(0.375)
    assert set(out["fields"][0]) == {
        "field",
        "correct",
        "partial",
        "wrong",
        "missed",
        "spurious",
        "precision",
        "recall",
        "f1",
    }
    assert sorted(f.outcome for f in result.facts) == ["correct", "missed", "partial", "spurious", "wrong"]
