"""Long English decisions and statements: a date of birth given as an age, nationality said with the people."""

from __future__ import annotations

from examiner_app.domain import FactField, LanguageGuess, PageSource, PageText
from examiner_app.extraction.facts import default_extractors, extract_facts


def _facts(text: str, lang: str = "en") -> list[tuple[FactField, str, str | None]]:
    page = PageText(page_number=1, text=text, source=PageSource.PLAIN_TEXT, languages=(LanguageGuess(lang, 1.0),))
    return [(c.field, c.value, c.normalized) for c in extract_facts(page, default_extractors(ai_enabled=False))]


def test_age_at_a_year_gives_the_two_possible_birth_years() -> None:
    found = _facts("The appellant, who was aged 23 in 2019, is a citizen of Eritrea.")
    assert (FactField.DATE_OF_BIRTH, "aged 23 in 2019", "1995/1996") in found
    assert (FactField.NATIONALITY, "Eritrea", "ER") in found
    found = _facts("She was 17 years old in March 2015 when she left.")
    assert (FactField.DATE_OF_BIRTH, "17 years old in March 2015", "1997/1998") in found
    assert (FactField.DATE_OF_BIRTH, "âgée de 30 ans en 2020", "1989/1990") in _facts(
        "Je suis âgée de 30 ans en 2020.", "fr"
    )


def test_a_relatives_age_is_not_the_applicants_birth() -> None:
    assert not [f for f in _facts("His brother, aged 30 in 2019, was arrested.") if f[0] is FactField.DATE_OF_BIRTH]


def test_nationality_through_a_demonym_and_an_ethnic_group() -> None:
    assert (FactField.NATIONALITY, "Iraqi", "IQ") in _facts("The appellant is an Iraqi Kurd from Kirkuk.")
    assert (FactField.NATIONALITY, "Sri Lankan", "LK") in _facts("The appellant is a Sri Lankan Tamil.")
    assert not [f for f in _facts("The Syrian army attacked the town.") if f[0] is FactField.NATIONALITY]


def test_entry_date_after_the_means_of_travel() -> None:
    found = _facts("He entered the UK in the back of a lorry in March 2018 and claimed asylum the next day.")
    assert (FactField.DATE_OF_ENTRY, "March 2018", "2018-03") in found
