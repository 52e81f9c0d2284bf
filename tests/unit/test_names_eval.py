"""The person/place dev set is consistent, and names_eval scores spans as it says (no models loaded)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation import names_eval  # noqa: E402
from evaluation.facts_eval import Pred  # noqa: E402

GOLD = names_eval.load_gold()


def test_every_product_language_file_is_there_with_enough_spans_of_both_labels() -> None:
    assert {"en", "fr", "ja", "ar", "fa", "ur", "ta", "my", "ps", "ti", "am", "zh", "id", "ne", "es"} <= set(GOLD)
    product = names_eval.product_languages()
    for lang, sentences in GOLD.items():
        assert lang in product, lang
        labels = [e.label for s in sentences for e in s.entities]
        assert len(labels) >= names_eval.MIN_ENTITIES_PER_LANGUAGE, lang
        assert labels.count("PERSON") >= 10, lang
        assert labels.count("PLACE") >= 10, lang


@pytest.mark.parametrize("lang", sorted(GOLD))
def test_gold_offsets_hold_the_entity_text(lang: str) -> None:
    ids = set()
    for s in GOLD[lang]:
        assert s.id not in ids
        ids.add(s.id)
        for e in s.entities:
            assert e.label in names_eval.LABELS
            assert s.text[e.start : e.end] == e.text == e.text.strip()


def test_an_invalid_gold_line_is_refused_with_its_place(tmp_path: Path) -> None:
    bad = '{"id": "x", "language": "xx", "text": "Ali went to Kabul", "entities": [{"start": 0, "end": 4, "label": "PERSON", "text": "Ali "}, {"start": 12, "end": 17, "label": "GPE", "text": "Kabul"}]}'
    (tmp_path / "xx.jsonl").write_text(bad + "\n", encoding="utf-8")
    with pytest.raises(names_eval.GoldError, match=r"xx.jsonl:1 entity 0.*xx.jsonl:1 entity 1: label 'GPE'"):
        names_eval.load_gold(tmp_path)


def test_scores_by_span_overlap_per_label_and_language() -> None:
    text = "Li Wenliang and Ai Fen worked in Wuhan, China."
    ents = (
        names_eval.Entity(0, 11, "PERSON", "Li Wenliang"),
        names_eval.Entity(16, 22, "PERSON", "Ai Fen"),
        names_eval.Entity(33, 38, "PLACE", "Wuhan"),
        names_eval.Entity(40, 45, "PLACE", "China"),
    )
    gold = {"xx": [names_eval.Sentence("s1", "xx", text, ents)]}
    preds = {
        "s1": [
            Pred("person_name", "Li", None, 0, 2),  # overlaps Li Wenliang: right
            Pred("person_name", "Wenliang", None, 3, 11),  # second hit on the same span: duplicate, not scored
            Pred("place", "Ai Fen", None, 16, 22),  # a person's span suggested as a place: wrong
            Pred("country_of_origin", "China", "CN", 40, 45),  # a country field counts as a place: right
            Pred("place", "worked", None, 23, 29),  # nothing there: wrong
        ]
    }
    report = names_eval.evaluate(gold, preds)
    lang = report["languages"]["xx"]
    person, place, both = lang["PERSON"], lang["PLACE"], lang["combined"]
    assert (person["n"], person["tp"], person["fp"], person["fn"]) == (2, 1, 0, 1)
    assert person["precision"] == 1.0
    assert person["recall"] == 0.5
    assert person["f1"] == pytest.approx(2 / 3)
    assert (place["n"], place["tp"], place["fp"], place["fn"]) == (2, 1, 2, 1)
    assert place["precision"] == pytest.approx(1 / 3)
    assert place["recall"] == 0.5
    assert place["f1"] == pytest.approx(0.4)
    assert (both["tp"], both["fp"], both["fn"]) == (2, 2, 2)
    assert both["f1"] == pytest.approx(0.5)
    macro = names_eval.macro({"a": lang, "b": {**lang, "combined": {"f1": 1.0}}})
    assert macro["combined"] == pytest.approx(0.75)
