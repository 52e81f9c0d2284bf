"""Places, streets and organisations in a statement's free text that a training pack generalises."""

from __future__ import annotations

import pytest

from examiner_app.training.free_text import ADDRESS, ORGANISATION, PLACE, find_spans


def _found(text: str, language: str = "en", **kwargs: object) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in find_spans(text, language, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("My father still lives in the village of Kalar Pur with my uncle.", "en", ("Kalar Pur", PLACE)),
        ("Our shop was at 14 Mall Road, near the market.", "en", ("14 Mall Road", ADDRESS)),
        ("J'habitais au 12, rue de la Paix à Conakry.", "fr", ("12, rue de la Paix", ADDRESS)),
        (
            "I worked for the Northern Lantern, a small Tamil weekly newspaper.",
            "en",
            ("the Northern Lantern", ORGANISATION),
        ),
        ("I wrote for the newspaper Al-Watan until 2019.", "en", ("Al-Watan", ORGANISATION)),
        ("میں روزنامہ جنگ میں کام کرتا تھا۔", "ur", ("جنگ", ORGANISATION)),
        ("ہمارا گھر گلی نمبر 4 میں تھا۔", "ur", ("گلی نمبر 4", ADDRESS)),
        ("住所は大阪市生野区桃谷2丁目4番8号です。", "ja", ("大阪市生野区桃谷2丁目4番8号", ADDRESS)),
        ("من در روستای سنگ‌ماشه به دنیا آمدم.", "fa", ("سنگ\u200cماشه", PLACE)),
    ],
)
def test_identifying_spans_are_found_with_their_kind(text: str, language: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text, language)


def test_countries_airports_regions_and_kept_cities_stay() -> None:
    text = (
        "I was born in Jaffna, in the Northern Province of Sri Lanka, and flew from Colombo "
        "to Narita International Airport."
    )
    assert _found(text) == []


def test_cities_go_when_the_region_is_suppressed() -> None:
    found = _found("I was born in Jaffna and flew from Colombo to Japan.", keep_cities=False)
    assert ("Jaffna", PLACE) in found
    assert ("Colombo", PLACE) in found
    assert all(value != "Japan" for value, _ in found)


def test_a_generalised_place_is_found_at_every_mention_in_any_case() -> None:
    text = "Born in Rabwah. My father lives in RABWAH; the police in rabwah know us."
    found = _found(text, generalised_values=["Rabwah"])
    assert [v for v, k in found if k == PLACE] == ["Rabwah", "RABWAH", "rabwah"]


def test_an_unnamed_organisation_is_not_a_span() -> None:
    # "a religious organisation" names none; "a newspaper in" is followed by a particle, not a name.
    assert _found("ایک مذہبی تنظیم کے لوگوں نے احتجاج کیا۔ میں ایک اخبار میں کام کرتا تھا۔", "ur") == []
