"""Similar-case ranking over plain profiles: what matches, why, filters; never an outcome."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np

from examiner_app.summaries.similar import CaseProfile, FactRef, SimilarFilters, SimilarIndex


def profile(
    case_id: str,
    country: str,
    grounds: set[str],
    profile_values: dict[str, set[str]],
    text: str = "",
    decided: date | None = None,
    kind: str = "prior",
) -> CaseProfile:
    facts = [FactRef("country_of_origin", country, f"{case_id} facts")]
    facts += [FactRef("claimed_ground", g, f"{case_id} facts") for g in grounds]
    facts += [FactRef(k, v, f"{case_id} facts") for k, values in profile_values.items() for v in values]
    words = frozenset(w.strip(".,").lower() for w in text.split() if len(w) > 3)
    passages = (FactRef("summary", text, f"{case_id}, summary sentence 1"),) if text else ()
    return CaseProfile(
        kind=kind,
        id=case_id,
        reference=case_id.upper(),
        title=case_id,
        countries=frozenset({country}),
        grounds=frozenset(grounds),
        profile={k: frozenset(v) for k, v in profile_values.items()},
        facts=tuple(facts),
        passages=passages,
        passage_words=(words,) if text else (),
        words=words,
        decided_on=decided,
    )


TARGET = profile(
    "target",
    "LK",
    {"political_opinion"},
    {"ethnicity": {"tamil"}, "occupation": {"journalist"}},
    "Summoned by the police about newspaper sources after reporting land seizures.",
    kind="case",
)
CANDIDATES = [
    profile(
        "journalist",
        "LK",
        {"political_opinion", "race"},
        {"ethnicity": {"tamil"}, "occupation": {"journalist"}},
        "Tamil journalist summoned about newspaper sources after reporting land seizures.",
        date(2023, 2, 11),
    ),
    profile("farmer", "LK", {"race"}, {"ethnicity": {"tamil"}}, "Army visits to the family farm.", date(2022, 9, 30)),
    profile(
        "syria", "SY", {"political_opinion"}, {"occupation": {"student"}}, "Fled military service.", date(2022, 1, 1)
    ),
    profile("unrelated", "ER", {"religion"}, {}, "Arrested during prayers.", date(2023, 1, 1)),
]


def test_ranks_by_shared_facts_and_explains_both_sides() -> None:
    results = SimilarIndex(CANDIDATES).rank(TARGET, top=10)
    assert [r.id for r in results][:3] == ["journalist", "farmer", "syria"]
    assert "unrelated" not in [r.id for r in results], "nothing in common: not listed"
    best = results[0]
    kinds = {(m.kind, m.value) for m in best.reasons}
    assert {
        ("country", "LK"),
        ("ground", "political_opinion"),
        ("profile", "tamil"),
        ("profile", "journalist"),
    } <= kinds
    country = next(m for m in best.reasons if m.kind == "country")
    assert country.this_case, "the facts of both cases are cited"
    assert country.other_case
    assert best.passages
    assert {"newspaper", "sources"} <= set(best.passages[0].shared_terms)
    assert 0 < best.similarity <= 1
    assert set(best.components) == {"country", "ground", "profile", "text"}


def test_filters_by_country_ground_date_kind_and_readable_cases() -> None:
    index = SimilarIndex(CANDIDATES)
    assert [r.id for r in index.rank(TARGET, filters=SimilarFilters(country="SY"))] == ["syria"]
    assert {r.id for r in index.rank(TARGET, filters=SimilarFilters(ground="race"))} == {"journalist", "farmer"}
    recent = index.rank(TARGET, filters=SimilarFilters(decided_from=date(2023, 1, 1)))
    assert [r.id for r in recent] == ["journalist"]
    assert index.rank(TARGET, filters=SimilarFilters(kinds=frozenset({"case"}))) == []
    store_case = dataclasses.replace(CANDIDATES[0], id="other-case", kind="case")
    index = SimilarIndex([store_case, CANDIDATES[1]])
    assert [r.id for r in index.rank(TARGET, allowed_case_ids=set())] == ["farmer"]


def test_text_scores_from_an_engine_replace_word_overlap() -> None:
    index = SimilarIndex(CANDIDATES)
    scores = np.array([0.0, 0.0, 0.0, 0.9])
    results = index.rank(TARGET, text_scores=scores)
    unrelated = next(r for r in results if r.id == "unrelated")
    assert unrelated.components["text"] == 0.9
    assert any(m.kind == "text" for m in unrelated.reasons)


def test_the_case_itself_is_never_its_own_match() -> None:
    index = SimilarIndex([*CANDIDATES, TARGET])
    assert "target" not in [r.id for r in index.rank(TARGET)]


def test_results_have_no_outcome_anywhere() -> None:
    for result in SimilarIndex(CANDIDATES).rank(TARGET):
        names = {f.name for f in dataclasses.fields(result)}
        assert not any("outcome" in n or "decision" in n or "verdict" in n for n in names)
