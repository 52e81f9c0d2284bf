"""Gazetteer places in several scripts, their roles, and exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from examiner_app.domain import FactCandidate, FactField, PageText
from examiner_app.extraction.facts.base import NormText
from examiner_app.extraction.facts.places import PlaceExtractor, alpha2_for_code, find_places


@pytest.fixture(scope="module")
def extractor() -> PlaceExtractor:
    return PlaceExtractor()


def run(extractor: PlaceExtractor, text: str, language: str = "und") -> list[FactCandidate]:
    found = extractor.extract(PageText(1, text), language)
    for c in found:
        assert text[c.start : c.end] == c.value, c
        assert str(c.model) == "rules/places@1"
    return found


def by_field(found: list[FactCandidate], field: FactField) -> list[tuple[str, str | None]]:
    return [(c.value, c.normalized) for c in found if c.field is field]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He lives in Sri Lanka.", "Sri Lanka"),
        ("ශ්‍රී ලංකාව", "ශ්‍රී ලංකාව"),
        ("நான் இலங்கையில் பிறந்தேன்", "இலங்கையில்"),  # the Tamil case ending stays in the cited word
        ("スリランカに住んでいました", "スリランカ"),
        ("عشت في سريلانكا", "سريلانكا"),
        ("در سری‌لانکا زندگی می‌کردم", "سری‌لانکا"),
        ("Sri Lanka'da yaşadım", "Sri Lanka"),
    ],
)
def test_sri_lanka_in_many_scripts(extractor: PlaceExtractor, text: str, value: str) -> None:
    found = run(extractor, text)
    assert [(c.value, c.normalized) for c in found] == [(value, "LK")]


def test_sinhala_with_and_without_zero_width_joiner(extractor: PlaceExtractor) -> None:
    assert by_field(run(extractor, "ශ්රී ලංකාවේ ජීවත් වෙමි"), FactField.PLACE) == [("ශ්රී ලංකාවේ", "LK")]
    assert by_field(run(extractor, "ශ්‍රී ලංකාවේ ජීවත් වෙමි"), FactField.PLACE) == [("ශ්‍රී ලංකාවේ", "LK")]
    # "I was born in Sri Lanka": the country of birth is suggested as the country of origin
    assert by_field(run(extractor, "ශ්‍රී ලංකාවේ උපන්නෙමි"), FactField.COUNTRY_OF_ORIGIN) == [("ශ්‍රී ලංකාවේ", "LK")]


def test_offsets_survive_normalisation(extractor: PlaceExtractor) -> None:
    # full-width, combining marks, stray ZWNJ (Tamil OCR) and Arabic diacritics before the name
    text = "Ｘ café\u0301 ﬁ — இலங்\u200cகை and سُورِيَا and  New   Delhi"
    found = run(extractor, text)
    assert {(c.value, c.normalized) for c in found} == {("இலங்\u200cகை", "LK"), ("سُورِيَا", "SY"), ("New   Delhi", "IN")}


def test_word_boundaries(extractor: PlaceExtractor) -> None:
    assert [c.value for c in run(extractor, "The turkey was served. Omani chad. ネクタイ. インドネシア")] == [
        "インドネシア"
    ]
    assert by_field(run(extractor, "インドネシアに行きました"), FactField.PLACE) == [("インドネシア", "ID")]
    assert run(extractor, "日本語を話します") == []  # a language, not Japan
    assert by_field(run(extractor, "بسوريا"), FactField.PLACE) == [("سوريا", "SY")]  # after the clitic "in"


def test_nationality(extractor: PlaceExtractor) -> None:
    cases = [
        ("Nationality: Sri Lankan", "Sri Lankan", "LK", "en"),
        ("I am a Syrian national.", "Syrian", "SY", "en"),
        ("Je suis de nationalité afghane.", "afghane", "AF", "fr"),
        ("国籍：スリランカ", "スリランカ", "LK", "ja"),
        ("私はシリア人です。", "シリア人", "SY", "ja"),
        ("الجنسية: سوري", "سوري", "SY", "ar"),
        ("تابعیت: افغانستان", "افغانستان", "AF", "fa"),
        ("ملیت: ایرانی", "ایرانی", "IR", "fa"),
        ("من افغان هستم", "افغان", "AF", "fa"),
        ("Nationality: LKA", "LKA", "LK", "en"),
    ]
    for text, value, cc, lang in cases:
        assert by_field(run(extractor, text, lang), FactField.NATIONALITY) == [(value, cc)], text


def test_demonym_without_nationality_context_is_not_reported(extractor: PlaceExtractor) -> None:
    assert run(extractor, "The Sri Lankan army came to the village.") == []


def test_country_of_origin(extractor: PlaceExtractor) -> None:
    assert by_field(run(extractor, "I am from Afghanistan."), FactField.COUNTRY_OF_ORIGIN) == [("Afghanistan", "AF")]
    assert by_field(run(extractor, "I fled Syria in 2015."), FactField.COUNTRY_OF_ORIGIN) == [("Syria", "SY")]
    assert by_field(run(extractor, "Country of origin: Eritrea"), FactField.COUNTRY_OF_ORIGIN) == [("Eritrea", "ER")]
    assert by_field(run(extractor, "私はスリランカ出身です。", "ja"), FactField.COUNTRY_OF_ORIGIN) == [
        ("スリランカ", "LK")
    ]
    assert by_field(run(extractor, "أنا من سوريا", "ar"), FactField.COUNTRY_OF_ORIGIN) == [("سوريا", "SY")]
    assert by_field(run(extractor, "من اهل افغانستان هستم", "fa"), FactField.COUNTRY_OF_ORIGIN) == [("افغانستان", "AF")]
    # the gold convention: a city the applicant comes from is a place; the country is the country of origin
    found = run(extractor, "I am a Tamil from Jaffna, Sri Lanka.")
    assert by_field(found, FactField.COUNTRY_OF_ORIGIN) == [("Sri Lanka", "LK")]
    assert by_field(found, FactField.PLACE) == [("Jaffna", "LK")]
    # once the country of origin is known, every plain mention of it is one too ("I left Afghanistan")
    found = run(extractor, "I am from Afghanistan. I left Afghanistan in 2021 and went to Iran.")
    assert by_field(found, FactField.COUNTRY_OF_ORIGIN) == [("Afghanistan", "AF"), ("Afghanistan", "AF")]


def test_places_cities_every_mention(extractor: PlaceExtractor) -> None:
    found = run(extractor, "I lived in Kabul. Kabul was dangerous. Later I moved to Herat.")
    places = [c for c in found if c.field is FactField.PLACE]
    assert [(c.value, c.normalized) for c in places] == [("Kabul", "AF"), ("Kabul", "AF"), ("Herat", "AF")]
    assert places[1].confidence < places[0].confidence  # a repetition: cited, but no new fact
    assert all(("place_type", "city") in c.attributes for c in places)


def test_port_of_entry(extractor: PlaceExtractor) -> None:
    found = run(extractor, "I flew from Bangkok and arrived at Narita International Airport on 5 May 2019.")
    (port,) = [c for c in found if c.field is FactField.PORT_OF_ENTRY]
    assert (port.value, port.normalized) == ("Narita International Airport", "Narita International Airport")
    assert ("country_code", "JP") in port.attributes
    found = run(extractor, "2019年5月5日に成田空港に到着しました。", "ja")
    assert by_field(found, FactField.PORT_OF_ENTRY) == [("成田空港", "Narita International Airport")]
    found = run(extractor, "در فرودگاه ناریتا وارد ژاپن شدم.", "fa")
    assert by_field(found, FactField.PORT_OF_ENTRY) == [("فرودگاه ناریتا", "Narita International Airport")]
    found = run(extractor, "Port of entry: Kansai International Airport")
    assert by_field(found, FactField.PORT_OF_ENTRY) == [
        ("Kansai International Airport", "Kansai International Airport")
    ]
    found = run(extractor, "I arrived at Mehrabad Airport.")  # not in the gazetteer: the pattern finds it
    assert by_field(found, FactField.PORT_OF_ENTRY) == [("Mehrabad Airport", "Mehrabad Airport")]


def test_travel_route(extractor: PlaceExtractor) -> None:
    cases = [
        ("I travelled from Colombo to Bangkok and then flew to Tokyo.", "LK>TH>JP", "en"),
        ("I flew to Japan via Thailand.", "TH>JP", "en"),
        ("I came to Japan from Malaysia.", "MY>JP", "en"),
        ("スリランカからタイを経由して日本に来ました。", "LK>TH>JP", "ja"),
        ("هربت من حلب إلى تركيا ثم إلى اليونان.", "SY>TR>GR", "ar"),
        ("از افغانستان فرار کردم و از طریق ایران به ترکیه رفتم.", "AF>IR>TR", "fa"),
    ]
    for text, chain, lang in cases:
        routes = [c for c in run(extractor, text, lang) if c.field is FactField.TRAVEL_ROUTE]
        assert [(c.value, c.normalized) for c in routes] == [(text, chain)], text


def test_no_route_without_travel_context(extractor: PlaceExtractor) -> None:
    assert by_field(run(extractor, "Sri Lanka and India share a long history."), FactField.TRAVEL_ROUTE) == []


def test_codes() -> None:
    assert alpha2_for_code("LKA") == "LK"
    assert alpha2_for_code("D<<") == "DE"
    assert alpha2_for_code("UTO") is None


def test_normtext_maps_back() -> None:
    text = "A\u200d B\u0301  ｃ"
    nt = NormText(text)
    assert nt.norm == "a b c"  # a Latin letter's accents are folded away: OCR drops and swaps them
    for i in range(len(nt.norm)):
        a, b = nt.span(i, i + 1)
        assert 0 <= a < b <= len(text)


def test_gazetteer_size() -> None:
    hits = find_places(
        "Afghanistan Iran Iraq Syria Myanmar Eritrea Ethiopia Somalia Sudan Pakistan Bangladesh Nepal Turkey "
        "Cambodia Yemen Egypt Libya Nigeria Ukraine Russia China Japan France Germany Greece Italy Thailand "
        "Malaysia India Lebanon Jordan Bolivia"
    )
    assert len({h.payload.cc for h in hits}) == 32


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("وُلدت في مدينة حمص بتاريخ ١٢ مارس.", "ar", "حمص"),  # the place noun before the name is not cited
        ("They kept me in Maekelawi prison for six months.", "en", "Maekelawi prison"),
        ("私服の隊員が私をエヴィン刑務所に拘束しました。", "ja", "エヴィン刑務所"),
        ("12 Mayıs 1984 tarihinde Kayseri'de doğdum.", "tr", "Kayseri"),  # the Turkish suffix is left out
        ("Je travaillais pour une radio locale de Croix-des-Bouquets.", "fr", "Croix-des-Bouquets"),
        ("ඇය 1990 දී ගාල්ලේ උපන්නාය. මම ගාල්ලේ උපන්නෙමි.", "si", "ගාල්ලේ"),
        ("2021年10月20日にタイのバンコクから羽田空港に到着しました。", "ja", "バンコク"),
    ],
)
def test_local_places_from_context(extractor: PlaceExtractor, text: str, language: str, value: str) -> None:
    places = [v for v, _ in by_field(run(extractor, text, language), FactField.PLACE)]
    assert value in places


def test_local_places_need_a_cue(extractor: PlaceExtractor) -> None:
    found = run(extractor, "Ayşe Yılmaz'ı gözaltına aldılar. In May I met Hassan.", "tr")
    assert by_field(found, FactField.PLACE) == []
    found = run(extractor, "ကျွန်ုပ်တို့ရွာကို မီးရှို့ခဲ့သည်။", "my")  # "our village": no name
    assert by_field(found, FactField.PLACE) == []


def test_tamil_case_endings_on_city_names(extractor: PlaceExtractor) -> None:
    text = "நான் கொழும்பிலிருந்து சென்னைக்குச் சென்றேன்."
    places = by_field(run(extractor, text, "ta"), FactField.PLACE)
    assert ("கொழும்பிலிருந்து", "LK") in places


def test_one_country_journey_sentences(extractor: PlaceExtractor) -> None:
    for text, lang in [
        ("I entered Japan at Narita Airport on 3 October 2023.", "en"),
        ("2019年12月24日、成田空港から本邦に上陸しました。", "ja"),
        ("18 Haziran 2018'de Frankfurt Havalimanı'ndan Almanya'ya giriş yaptım.", "tr"),
    ]:
        assert len(by_field(run(extractor, text, lang), FactField.TRAVEL_ROUTE)) == 1, text
    # a form line and a visit are not journeys
    for text in ("Arrival: 14 Nov 2022, Kansai International Airport", "Agents came to my shop in Qamishli."):
        assert by_field(run(extractor, text, "en"), FactField.TRAVEL_ROUTE) == [], text


def test_ports_in_more_forms(extractor: PlaceExtractor) -> None:
    text = "මම කටුනායක ගුවන් තොටුපළෙන් පිටත්ව මෙල්බර්න් ගුවන් තොටුපළට පැමිණියෙමි."
    ports = [v for v, _ in by_field(run(extractor, text, "si"), FactField.PORT_OF_ENTRY)]
    assert ports == ["මෙල්බර්න් ගුවන් තොටුපළට"]  # the airport left ("-ෙන්", from) is not the port
    text = "I flew from Nairobi to OR Tambo International Airport in Johannesburg."
    ports = [v for v, _ in by_field(run(extractor, text, "en"), FactField.PORT_OF_ENTRY)]
    assert ports == ["OR Tambo International Airport"]
    text = "Bu yüzden 2 Şubat 2022'de Van'dan Türkiye'ye girdim."
    assert [v for v, _ in by_field(run(extractor, text, "tr"), FactField.PORT_OF_ENTRY)] == ["Van"]


def test_the_gazetteer_is_kept_on_disk_and_read_back_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from examiner_app.extraction.facts import places

    monkeypatch.setenv("EXAMINER_CACHE_DIR", str(tmp_path))
    places.gazetteer.cache_clear()
    try:
        built = places.gazetteer()  # no file yet: built, and written
        (written,) = (tmp_path / "gazetteer").glob("gazetteer-*.json")
        places.gazetteer.cache_clear()
        read = places.gazetteer()  # the next process: read from the file
        fresh = places._build_gazetteer().normalized_state()
        for matcher in (built, read):
            state = matcher.normalized_state()
            assert dict(state["keys"]) == dict(fresh["keys"])
            assert state["capitalized"] == fresh["capitalized"]
            assert state["katakana_compound_stops"] == fresh["katakana_compound_stops"]
        text = "I was born in Jaffna, Sri Lanka, and flew from Colombo to Narita Airport via Bangkok."
        assert [(h.start, h.end, h.payload) for h in read.find(NormText(text))] == [
            (h.start, h.end, h.payload) for h in built.find(NormText(text))
        ]
        written.write_text("{not json", encoding="utf-8")  # a damaged file is rebuilt, not trusted
        places.gazetteer.cache_clear()
        assert len(places.gazetteer()) == len(built)
    finally:
        places.gazetteer.cache_clear()


def test_district_names_that_are_common_words_or_name_parts_are_no_place_where_nothing_says_so(
    extractor: PlaceExtractor,
) -> None:
    # A magazine page: a byline in capitals and a sentence starting with "Most" (ISO 3166-2 CV-PA and CZ-425), a
    # town in a university's name, an Afghan province as a man's surname.
    text = (
        "PAUL SMITH\nMost people read this column. I studied at Ambo University. "
        "Her husband, Yusuf Abdi Farah, was shot."
    )
    assert by_field(run(extractor, text, "en"), FactField.PLACE) == []


def test_the_same_district_names_stay_places_when_the_text_says_they_are(extractor: PlaceExtractor) -> None:
    text = "I was born in Most. We fled Farah Province. NANGARHAR was unsafe. I grew up in Ambo, near Addis Ababa."
    places = [value for value, _ in by_field(run(extractor, text, "en"), FactField.PLACE)]
    assert places == ["Most", "Farah Province", "NANGARHAR", "Ambo", "Addis Ababa"]


def test_new_york_is_one_us_city_not_york_in_england(extractor: PlaceExtractor) -> None:
    text = "El gobernador de Nueva York anunció los ensayos. He moved from New York to York."
    assert by_field(run(extractor, text, "es"), FactField.PLACE) == [
        ("Nueva York", "US"),
        ("New York", "US"),
        ("York", "GB"),
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Россия отправила самолеты. Чад и Италия.", "ru", [("Россия", "RU"), ("Чад", "TD"), ("Италия", "IT")]),
        ("चीन र इटाली", "ne", [("चीन", "CN"), ("इटाली", "IT")]),
        ("ኣብ ቻይና፣ ጃፓንን ጀርመንን", "ti", [("ቻይና", "CN"), ("ጃፓንን", "JP"), ("ጀርመንን", "DE")]),
        ("Ke Cina, Jepang dan Italia", "id", [("Cina", "CN"), ("Jepang", "JP"), ("Italia", "IT")]),
        ("意大利和西班牙", "zh", [("意大利", "IT"), ("西班牙", "ES")]),
    ],
)
def test_country_names_in_more_languages_from_the_iso_codes_translations(
    extractor: PlaceExtractor, text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    assert by_field(run(extractor, text, language), FactField.PLACE) == expected


def test_translated_names_that_are_words_or_peoples_are_no_place(extractor: PlaceExtractor) -> None:
    # Russian "того" (of that) is Togo only with its capital; 俄罗斯人 and ቻይናውያን are people; Tamil "பெரு" (Peru)
    # starts "பெருநிலம்" (mainland); "Además," before a country is a word, not a town in apposition.
    for text, language in (
        ("Помимо того, это было давно.", "ru"),
        ("俄罗斯人将继续获得报酬", "zh"),
        ("ክልተ ቻይናውያን በጻሕቲ", "ti"),
        ("சீன பெருநிலப் பகுதிக்கு வெளியே", "ta"),
    ):
        assert by_field(run(extractor, text, language), FactField.PLACE) == [], text
    assert by_field(run(extractor, "Además, Turquía incautó respiradores.", "es"), FactField.PLACE) == [
        ("Turquía", "TR")
    ]


def test_amharic_prefixes_and_nepali_postpositions_written_on_a_country_name(extractor: PlaceExtractor) -> None:
    assert by_field(run(extractor, "በጃፓን ውስጥ ከቻይና", "am"), FactField.PLACE) == [("ጃፓን", "JP"), ("ቻይና", "CN")]
    assert by_field(run(extractor, "इटालीमा र चीनबाट", "ne"), FactField.PLACE) == [("इटाली", "IT"), ("चीन", "CN")]
    assert by_field(run(extractor, "चीनी बासिन्दा", "ne"), FactField.PLACE) == []  # "Chinese": no postposition


def test_russian_place_names_in_their_oblique_cases(extractor: PlaceExtractor) -> None:
    text = "Вспышка в Китае и Южной Корее; самолеты отправили в Италию из Ирана."
    assert by_field(run(extractor, text, "ru"), FactField.PLACE) == [
        ("Китае", "CN"),
        ("Южной Корее", "KR"),
        ("Италию", "IT"),
        ("Ирана", "IR"),
    ]
