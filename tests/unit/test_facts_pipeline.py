"""extract_facts and default_extractors: languages per block, de-duplication, order, AI on/off."""

from __future__ import annotations

from pathlib import Path

import pytest

from examiner_app.domain import FactCandidate, FactField, LanguageGuess, PageText, TextBlock
from examiner_app.extraction.facts import (
    DateExtractor,
    FactExtractor,
    NullExtractor,
    SpacyPersonExtractor,
    default_extractors,
    extract_facts,
)
from examiner_app.extraction.facts.base import rules_model

STATEMENT = """STATEMENT OF THE APPLICANT
Name: Kumar Selvarajah
Date of birth: 14/07/1988
Nationality: Sri Lankan
Passport No.: N4567890

I am a Tamil from Jaffna, Sri Lanka. I am Hindu. My father, Selvarajah Murugesu, was a fisherman.
In 2009 my elder brother Ravi was taken by the army and we never saw him again. On 12 March 2018 I was arrested
by the CID in Vavuniya because they suspected I supported the LTTE. I was detained for three weeks and tortured.
Later Mr. Rajan Perera, a lawyer, helped my mother. I left Sri Lanka on 3 June 2019 and travelled from Colombo to
Bangkok, then to Tokyo. I arrived at Narita Airport on 5 June 2019. The interview was held on 15 January 2021.
"""


def english(text: str) -> PageText:
    return PageText(1, text, languages=(LanguageGuess("en", 0.99),))


@pytest.fixture(scope="module")
def ai_extractors() -> list[FactExtractor]:
    """spaCy loads once for the module (about 1-2 s)."""
    return default_extractors(ai_enabled=True)


@pytest.fixture(scope="module")
def rule_extractors() -> list[FactExtractor]:
    return default_extractors(ai_enabled=False)


def check(page: PageText, found: list[FactCandidate]) -> None:
    for c in found:
        assert page.text[c.start : c.end] == c.value
        assert c.model.engine in {"rules", "spacy", "transformers"}
        assert c.note
    assert [(c.start, c.field.value) for c in found] == sorted((c.start, c.field.value) for c in found)


def test_rules_only_when_ai_is_off(rule_extractors: list[FactExtractor], monkeypatch: pytest.MonkeyPatch) -> None:
    import examiner_app.models as models

    def no_spacy(*_: object) -> None:
        raise AssertionError("spaCy must not load with AI off")

    monkeypatch.setattr(models, "load_spacy", no_spacy)
    extractors = default_extractors(ai_enabled=False)
    assert [e.name for e in extractors] == ["dates", "places", "identity", "age", "form74"]
    page = english(STATEMENT)
    found = extract_facts(page, rule_extractors)
    check(page, found)
    assert {c.model.engine for c in found} == {"rules"}


def test_spacy_adds_english_names(ai_extractors: list[FactExtractor]) -> None:
    assert any(isinstance(e, SpacyPersonExtractor) for e in ai_extractors)
    page = english(STATEMENT)
    found = extract_facts(page, ai_extractors)
    check(page, found)
    spacy_names = [c for c in found if c.model.engine == "spacy"]
    assert spacy_names, "expected spaCy PERSON names"
    assert all(
        c.field is FactField.PERSON_NAME and str(c.model).startswith("spacy/en_core_web_sm@3.8") for c in spacy_names
    )
    assert "Rajan Perera" in {c.value for c in spacy_names}
    # names inside a family_member suggestion are the relative's, not reported again as person_name
    assert "Selvarajah Murugesu" not in {c.value for c in spacy_names}
    # the labelled applicant name survives de-duplication with the rule's higher confidence
    applicant = [c for c in found if c.field is FactField.PERSON_NAME and c.value == "Kumar Selvarajah"]
    assert len(applicant) == 1
    assert applicant[0].model.engine == "rules"


def test_spacy_skips_other_languages(ai_extractors: list[FactExtractor]) -> None:
    spacy = next(e for e in ai_extractors if isinstance(e, SpacyPersonExtractor))
    assert spacy.extract(PageText(1, "Je m'appelle Marie Kabila."), "fr") == []


def test_missing_model_falls_back_to_rules(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text(
        '[models.en_core_web_sm]\nengine = "spacy"\npath = "not-there"\nversion = "3.8.0"\npurpose = "test"\n',
        encoding="utf-8",
    )
    assert [e.name for e in default_extractors(tmp_path, ai_enabled=True)] == [
        "dates",
        "places",
        "identity",
        "age",
        "form74",
    ]


def test_statement_facts(rule_extractors: list[FactExtractor]) -> None:
    page = english(STATEMENT)
    found = extract_facts(page, rule_extractors)
    got = {(c.field, c.normalized) for c in found}
    expected = {
        (FactField.PERSON_NAME, "Kumar Selvarajah"),
        (FactField.DATE_OF_BIRTH, "1988-07-14"),
        (FactField.NATIONALITY, "LK"),
        (FactField.DOCUMENT_NUMBER, "N4567890"),
        (FactField.ETHNICITY, "Tamil"),
        (FactField.RELIGION, "Hinduism"),
        (FactField.COUNTRY_OF_ORIGIN, "LK"),
        (FactField.EVENT_DATE, "2018-03-12"),
        (FactField.AGENT_OF_PERSECUTION, "CID"),
        (FactField.AGENT_OF_PERSECUTION, "army"),
        (FactField.TRAVEL_ROUTE, "LK>TH>JP"),
        (FactField.PORT_OF_ENTRY, "Narita International Airport"),
        (FactField.DATE_OF_ENTRY, "2019-06-05"),
        (FactField.PROCEDURAL_DATE, "2021-01-15"),
        (FactField.CLAIMED_GROUND, "political_opinion"),
    }
    assert expected <= got, expected - got


def test_block_languages_are_used() -> None:
    """A Persian block on an English page reads ۱۴۰۰ as a Solar Hijri year; offsets stay page-wide."""
    english_part = "Applicant statement.\n"
    persian_part = "تاریخ تولد: ۱۴۰۰/۰۵/۱۲"
    text = english_part + persian_part
    page = PageText(
        1,
        text,
        languages=(LanguageGuess("en", 0.6),),
        blocks=(
            TextBlock(0, len(english_part), None, (LanguageGuess("en", 0.9),)),
            TextBlock(len(english_part), len(text), None, (LanguageGuess("fa", 0.95),)),
        ),
    )
    (c,) = extract_facts(page, [DateExtractor()])
    assert (c.value, c.normalized, c.start) == ("۱۴۰۰/۰۵/۱۲", "2021-08-03", len(english_part) + len("تاریخ تولد: "))


class _Fixed:
    """An extractor returning fixed candidates, to test de-duplication."""

    name = "fixed"

    def __init__(self, found: list[FactCandidate]) -> None:
        self.found = found

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        return list(self.found)


class _Broken:
    name = "broken"

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        raise RuntimeError("boom")


def test_dedupe_keeps_the_surer_overlapping_candidate() -> None:
    text = "born 5 May 1990"
    model = rules_model("fixed")
    a = FactCandidate(FactField.DATE_OF_BIRTH, "5 May 1990", "1990-05-05", 5, 15, 0.9, model, "a")
    b = FactCandidate(FactField.DATE_OF_BIRTH, "May 1990", "1990-05", 7, 15, 0.6, model, "b")
    c = FactCandidate(FactField.DATE, "5 May 1990", "1990-05-05", 5, 15, 0.5, model, "c")  # other field: kept
    g1 = FactCandidate(FactField.CLAIMED_GROUND, text, "religion", 0, 15, 0.6, model, "g")
    g2 = FactCandidate(FactField.CLAIMED_GROUND, text, "race", 0, 15, 0.7, model, "g")
    found = extract_facts(PageText(1, text), [_Fixed([b, a, c, g1, g2]), _Broken(), NullExtractor()])
    assert [(x.field, x.note) for x in found] == [
        (FactField.CLAIMED_GROUND, "g"),
        (FactField.CLAIMED_GROUND, "g"),
        (FactField.DATE, "c"),
        (FactField.DATE_OF_BIRTH, "a"),
    ]


def test_bad_offsets_are_refused() -> None:
    bad = FactCandidate(FactField.DATE, "wrong", None, 0, 5, 0.5, rules_model("fixed"), "x")
    with pytest.raises(AssertionError):
        extract_facts(PageText(1, "hello world"), [_Fixed([bad])])


def test_empty_page(rule_extractors: list[FactExtractor]) -> None:
    assert extract_facts(PageText(1, ""), rule_extractors) == []
    assert extract_facts(PageText(1, "   \n "), rule_extractors) == []


def test_the_english_spacy_model_loads_on_the_first_english_block_only() -> None:
    extractors = default_extractors(ai_enabled=True)
    spacy = next(e for e in extractors if isinstance(e, SpacyPersonExtractor))
    assert not spacy.loaded  # building the extractors loads nothing
    urdu = PageText(1, "میرا نام نوید احمد چوہدری ہے۔ میں لاہور میں رہتا تھا۔", languages=(LanguageGuess("ur", 0.99),))
    extract_facts(urdu, extractors)
    assert not spacy.loaded
    found = extract_facts(english(STATEMENT), extractors)
    assert spacy.loaded
    assert any(c.model.engine == "spacy" for c in found)
