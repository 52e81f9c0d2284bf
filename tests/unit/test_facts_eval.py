"""The fact-extraction gold set is valid, and the harness reports in the agreed shape.

The gold set is what ``evaluation/facts_eval.py`` scores the extractors against (and what
``docs/declared-accuracy.md`` declares), so its format is checked here: exact offsets, known fields,
well-formed normalized values, enough documents and languages, and both splits present.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "evaluation" / "facts" / "gold"


def _load_harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("facts_eval", REPO / "evaluation" / "facts_eval.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("facts_eval", module)
    spec.loader.exec_module(module)
    return module


facts_eval = _load_harness()
GOLD_FILES = sorted(GOLD.glob("*.json"))


def _raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_file_is_valid(path: Path) -> None:
    raw = _raw(path)
    assert facts_eval.validate_gold(raw, path.name) == []
    assert raw["id"] == path.stem, "the file is named after the document id"
    assert raw["facts"], "every document has annotated facts"
    for fact in raw["facts"]:
        assert raw["text"][fact["start"] : fact["end"]] == fact["value"]


def test_gold_set_size_languages_and_splits() -> None:
    docs = facts_eval.load_gold("all")
    assert len(docs) >= 48
    assert len({d.id for d in docs}) == len(docs)
    languages = Counter(d.language for d in docs)
    assert len(languages) >= 6
    assert {"en", "ja", "ar", "fr", "tr"} <= set(languages)
    assert {"fa", "prs"} & set(languages)
    splits = Counter(d.split for d in docs)
    assert splits["dev"] > 0
    assert splits["test"] > 0
    assert 0.3 <= splits["test"] / len(docs) <= 0.5
    assert {d.kind for d in docs} == {"statement", "form"}
    fields = {f.field for d in docs for f in d.facts}
    assert set(facts_eval.CORE_FIELDS) <= fields, "every core field is annotated somewhere"
    test_fields = {f.field for d in docs if d.split == "test" for f in d.facts}
    assert set(facts_eval.CORE_FIELDS) <= test_fields, "every core field is measured on the test split"


def test_load_gold_filters_by_split() -> None:
    test = facts_eval.load_gold("test")
    dev = facts_eval.load_gold("dev")
    assert {d.split for d in test} == {"test"}
    assert {d.split for d in dev} == {"dev"}
    assert len(test) + len(dev) == len(facts_eval.load_gold("all"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": 1}, "not the value"),
        ({"field": "shoe_size"}, "unknown field"),
        ({"normalized": "14/03/1994"}, "ISO date"),
    ],
)
def test_validation_catches_broken_facts(change: dict[str, Any], message: str) -> None:
    raw: dict[str, Any] = {
        "id": "x",
        "language": "en",
        "split": "dev",
        "kind": "statement",
        "text": "I was born on 14 March 1994.",
        "facts": [
            {"field": "date_of_birth", "value": "14 March 1994", "normalized": "1994-03-14", "start": 14, "end": 27}
        ],
    }
    assert facts_eval.validate_gold(raw) == []
    raw["facts"][0].update(change)
    problems = facts_eval.validate_gold(raw)
    assert any(message in p for p in problems), problems


def test_validation_checks_codes_and_grounds() -> None:
    base = {"id": "x", "language": "en", "split": "test", "kind": "form", "text": "Nationality: Syrian"}
    bad_country = {
        **base,
        "facts": [{"field": "nationality", "value": "Syrian", "normalized": "SYR", "start": 13, "end": 19}],
    }
    assert any("ISO 3166" in p for p in facts_eval.validate_gold(bad_country))
    bad_ground = {
        **base,
        "facts": [{"field": "claimed_ground", "value": "Syrian", "normalized": "war", "start": 13, "end": 19}],
    }
    assert any("claimed_ground" in p for p in facts_eval.validate_gold(bad_ground))
    bad_split = {**base, "split": "train", "facts": []}
    assert any("split" in p for p in facts_eval.validate_gold(bad_split))


def test_matching_counts_overlaps_duplicates_and_ignored() -> None:
    gold = [
        facts_eval.GoldFact("date_of_birth", "14 March 1994", "1994-03-14", 10, 23),
        facts_eval.GoldFact("country_of_origin", "Syria", "SY", 30, 35),
        facts_eval.GoldFact("event_date", "2012", "2012", 40, 44),
    ]
    preds = [
        facts_eval.Pred("date_of_birth", "March 1994", "1994-03", 13, 23),  # overlaps; normalized differs
        facts_eval.Pred("date_of_birth", "14 March", None, 10, 18),  # second hit on the same fact
        facts_eval.Pred("place", "Syria", "SY", 30, 35),  # a place on a country of origin: ignored
        facts_eval.Pred("event_date", "1999", "1999", 50, 54),  # nothing there
    ]
    counts, errors = facts_eval.match_document(gold, preds, "d", "en")
    dob = counts["date_of_birth"]
    assert (dob.tp, dob.fp, dob.fn, dob.dup, dob.strict_tp) == (1, 0, 0, 1, 0)
    assert counts["place"].ignored == 1
    assert counts["place"].fp == 0
    assert counts["country_of_origin"].fn == 1
    assert (counts["event_date"].tp, counts["event_date"].fp, counts["event_date"].fn) == (0, 1, 1)
    assert {(e.field, e.kind) for e in errors} == {
        ("date_of_birth", "normalized"),
        ("country_of_origin", "missed"),
        ("event_date", "missed"),
        ("event_date", "spurious"),
    }


def test_partial_dates_match_intervals_that_start_in_them() -> None:
    assert facts_eval._norm_equal("2020", "2020-03-20/2021-03-20")
    assert facts_eval._norm_equal("ir", "IR")
    assert not facts_eval._norm_equal("1996-10-06", "1996-09-22/1996-10-21")
    assert not facts_eval._norm_equal("2021-08", "2021-09")


def test_harness_report_structure_on_dev_documents() -> None:
    docs = [d for d in facts_eval.load_gold("dev")][:2]
    predictions = facts_eval.predict(docs, ai_enabled=False)
    report = facts_eval.evaluate(docs, predictions, max_errors=5)
    assert report["documents"] == 2
    assert set(report["fields"]) == set(facts_eval.SCORED_FIELDS)
    for name, d in report["fields"].items():
        assert {"gold", "predicted", "tp", "fp", "fn", "duplicates", "precision", "recall", "f1", "strict"} <= set(d)
        assert d["gold"] == d["tp"] + d["fn"]
        assert (d["strict"] is not None) == (name in facts_eval.STRICT_FIELDS)
    assert set(report["languages"]) == {d.language for d in docs}
    assert [g.name for g in facts_eval.GROUPS] == list(report["groups"])
    for g in report["groups"].values():
        assert isinstance(g["pass"], bool)
        assert g["target"] in (0.8, 0.9)
    assert len(report["errors"]) <= 5
    text = facts_eval.format_tables(report)
    assert "Per field" in text
    assert "PASS" in text or "FAIL" in text
    doc = facts_eval.render_doc(report, "python evaluation/facts_eval.py", facts_eval.dt.datetime(2025, 1, 1), False)
    assert "Intended purpose" in doc
    assert "never findings" in doc


def test_write_doc_refuses_the_dev_split(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        facts_eval.main(["--split", "dev", "--write-doc"])
    assert exc.value.code == 2
    assert "test split" in capsys.readouterr().err
