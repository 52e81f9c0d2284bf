"""How forms and claimants phrase facts in each language: labels, relatives, departure dates, ports, no-values.

Every text here is invented for the test (none is taken from the gold set).
"""

from __future__ import annotations

import pytest

from examiner_app.domain import FactCandidate, FactField, LanguageGuess, PageText
from examiner_app.extraction.facts import default_extractors, extract_facts
from examiner_app.extraction.facts.base import FactExtractor
from examiner_app.extraction.facts.dates import find_dates


@pytest.fixture(scope="module")
def rules() -> list[FactExtractor]:
    return default_extractors(ai_enabled=False)


def facts(rules: list[FactExtractor], text: str, language: str) -> list[FactCandidate]:
    page = PageText(1, text, languages=(LanguageGuess(language, 0.99),))
    found = extract_facts(page, rules)
    for c in found:
        assert text[c.start : c.end] == c.value
    return found


def values(found: list[FactCandidate], field: FactField) -> list[str]:
    return [c.value for c in found if c.field is field]


@pytest.mark.parametrize(
    ("text", "language", "relative", "relation", "label_word"),
    [
        ("ولدیت: عبدالستار\nتاریخ پیدائش: ۱۲/۰۵/۱۹۸۸", "ur", "عبدالستار", "father", "ولدیت"),
        ("கணவர்: ராஜேந்திரன் குமார்\nமதம்: இந்து", "ta", "ராஜேந்திரன் குமார்", "husband", "கணவர்"),
        ("භාර්යාව: සඳමාලි පෙරේරා\nආගම: බෞද්ධ", "si", "සඳමාලි පෙරේරා", "wife", "භාර්යාව"),
        ("ဖခင်အမည်: ဦးမောင်မောင်\nလူမျိုး: ရခိုင်", "my", "ဦးမောင်မောင်", "father", "ဖခင်"),
        ("Épouse : Aminata Keïta\nReligion : musulmane", "fr", "Aminata Keïta", "wife", "Épouse"),
    ],
)
def test_relative_after_a_relation_label(
    rules: list[FactExtractor], text: str, language: str, relative: str, relation: str, label_word: str
) -> None:
    found = facts(rules, text, language)
    relatives = [c for c in found if c.field is FactField.FAMILY_MEMBER]
    assert [(c.value, c.normalized) for c in relatives] == [(relative, relation)]
    # the label word itself is not a second relative
    assert not any(c.value.startswith(label_word) for c in relatives)


def test_a_relation_word_opening_a_sentence_is_no_label(rules: list[FactExtractor]) -> None:
    found = facts(rules, "پدر من معلم بود و در کابل زندگی می‌کرد.", "fa")
    assert not any(c.field is FactField.FAMILY_MEMBER and c.value == "من معلم بود" for c in found)


@pytest.mark.parametrize(
    ("text", "language", "prior"),
    [
        ("سابقہ درخواست: کوئی نہیں", "ur", "کوئی نہیں"),
        ("முந்தைய விண்ணப்பம்: இல்லை", "ta", "இல்லை"),
        ("පෙර අයදුම්පත්: නැත", "si", "නැත"),
        ("ယခင်လျှောက်ထားမှု: မရှိ", "my", "မရှိ"),
        ("درخواست قبلی: ندارد", "prs", "ندارد"),
        ("Demande d'asile antérieure : aucune", "fr", "aucune"),
    ],
)
def test_no_earlier_application_on_a_form(rules: list[FactExtractor], text: str, language: str, prior: str) -> None:
    found = [c for c in facts(rules, text, language) if c.field is FactField.PRIOR_APPLICATION]
    assert [(c.value, c.normalized) for c in found] == [(prior, "none")]


@pytest.mark.parametrize(
    ("text", "language", "departure"),
    [
        ("Date of departure: 14/03/2021", "en", "14/03/2021"),
        ("Date de sortie du territoire : 02/11/2019", "fr", "02/11/2019"),
        ("ملک چھوڑنے کی تاریخ: ۰۵ مئی ۲۰۲۱", "ur", "۰۵ مئی ۲۰۲۱"),
        ("வெளியேறிய திகதி: 11.04.2020", "ta", "11.04.2020"),
        ("පිටවූ දිනය: 2019.08.21", "si", "2019.08.21"),
        ("ထွက်ခွာသည့်နေ့: ၂၀၂၁ မေ ၃", "my", "၂၀၂၁ မေ ၃"),
        ("Ülkeden çıkış tarihi: 03.02.2020", "tr", "03.02.2020"),
    ],
)
def test_a_departure_date_on_a_form_is_an_event_date(
    rules: list[FactExtractor], text: str, language: str, departure: str
) -> None:
    found = facts(rules, text, language)
    assert values(found, FactField.EVENT_DATE) == [departure]
    assert not values(found, FactField.PROCEDURAL_DATE)


def test_burmese_month_followed_by_a_particle() -> None:
    text = "၂၀၂၀ ဇန်နဝါရီလတွင် ဖမ်းဆီးခံရသည်။"
    assert [(text[d.start : d.end], d.normalized) for d in find_dates(text, "my")] == [("၂၀၂၀ ဇန်နဝါရီလ", "2020-01")]


@pytest.mark.parametrize(
    ("text", "language", "port", "cc"),
    [
        ("داخلے کی جگہ: لاہور ایئرپورٹ", "ur", "لاہور ایئرپورٹ", "PK"),
        ("محل ورود: میدان هوایی کابل", "prs", "میدان هوایی کابل", "AF"),
        ("வந்து சேர்ந்த இடம்: திருச்சி விமான நிலையம்", "ta", "திருச்சி விமான நிலையம்", None),
        ("ඇතුළු වූ ස්ථානය: මෙල්බර්න් ගුවන් තොටුපළ", "si", "මෙල්බර්න් ගුවන් තොටුපළ", None),
        ("ဝင်ရောက်သည့်နေရာ: မဲဆောက်", "my", "မဲဆောက်", "TH"),
        ("Giriş yeri: İstanbul Havalimanı", "tr", "İstanbul Havalimanı", "TR"),
    ],
)
def test_port_of_entry_after_a_place_of_entry_label(
    rules: list[FactExtractor], text: str, language: str, port: str, cc: str | None
) -> None:
    found = [c for c in facts(rules, text, language) if c.field is FactField.PORT_OF_ENTRY]
    assert [c.value for c in found] == [port]
    if cc is not None:
        assert dict(found[0].attributes).get("country_code") == cc


def test_an_airport_named_after_landing(rules: list[FactExtractor]) -> None:
    text = "I flew from Nairobi and asked for protection at Schiphol Airport when I landed."
    ports = values(facts(rules, text, "en"), FactField.PORT_OF_ENTRY)
    assert len(ports) == 1
    assert ports[0].startswith("Schiphol")


def test_urdu_qaumiyat_is_a_nationality_label(rules: list[FactExtractor]) -> None:
    found = facts(rules, "قومیت: پاکستانی\nمذہب: اسلام", "ur")
    assert [(c.value, c.normalized) for c in found if c.field is FactField.NATIONALITY] == [("پاکستانی", "PK")]


def test_a_country_inside_an_organisation_name_is_neither_origin_nor_place(rules: list[FactExtractor]) -> None:
    text = "نام: رحیم‌الله\nتابعیت: افغان\nوظیفه: سرباز اردوی ملی افغانستان\nتاریخ خروج از افغانستان: ۱۲ حمل ۱۴۰۱"
    found = facts(rules, text, "prs")
    army = text.index("اردوی ملی افغانستان") + len("اردوی ملی ")
    assert not any(c.start == army for c in found if c.field in (FactField.COUNTRY_OF_ORIGIN, FactField.PLACE))
    assert values(found, FactField.COUNTRY_OF_ORIGIN) == ["افغانستان"]


def test_an_interview_summary_tells_events_and_relatives_in_the_third_person(rules: list[FactExtractor]) -> None:
    text = (
        "The applicant states that she lived in Baidoa with her mother. She explains that in 2019 armed men "
        "shot her brother in the market. She states that she was threatened because she refused the marriage."
    )
    found = facts(rules, text, "en")
    assert {"mother", "brother"} <= {c.normalized for c in found if c.field is FactField.FAMILY_MEMBER}
    events = values(found, FactField.EVENT)
    assert any("shot her brother" in e for e in events)


@pytest.mark.parametrize(
    ("text", "language", "agent"),
    [
        ("In 2021 a group of men from my village beat me with sticks.", "en", "a group of men from my village"),
        ("J'ai été frappé par des Imbonerakure à Ngozi en 2020.", "fr", "Imbonerakure"),
        ("۲۰۲۰ میں لشکر جھنگوی کے لوگوں نے میرے گھر پر فائرنگ کی۔", "ur", "لشکر جھنگوی"),
    ],
)
def test_more_actors_of_harm(rules: list[FactExtractor], text: str, language: str, agent: str) -> None:
    agents = values(facts(rules, text, language), FactField.AGENT_OF_PERSECUTION)
    assert any(agent in a or a in agent for a in agents), agents


@pytest.mark.parametrize(
    ("text", "language", "ground"),
    [
        (
            "ကျွန်မသည် ဆန္ဒပြပွဲများတွင် ပါဝင်ခဲ့သောကြောင့် စစ်တပ်က ဖမ်းဆီးခဲ့သည်။",
            "my",
            "political_opinion",
        ),
        ("Ils me reprochaient mes opinions politiques et m'ont battu.", "fr", "political_opinion"),
    ],
)
def test_grounds_in_more_phrasings(rules: list[FactExtractor], text: str, language: str, ground: str) -> None:
    found = facts(rules, text, language)
    assert ground in {c.normalized for c in found if c.field is FactField.CLAIMED_GROUND}


@pytest.mark.parametrize(
    ("text", "language", "city", "cc"),
    [
        ("I was born in Bujumbura.", "en", "Bujumbura", "BI"),
        ("میں کوئٹہ، بلوچستان میں پیدا ہوا۔", "ur", "بلوچستان", "PK"),
        ("මම කුරුණෑගල උපන්නෙමි.", "si", "කුරුණෑගල", "LK"),
        ("Ma sœur vit à Bruxelles depuis 2015.", "fr", "Bruxelles", "BE"),
    ],
)
def test_more_cities_in_the_gazetteer(rules: list[FactExtractor], text: str, language: str, city: str, cc: str) -> None:
    found = facts(rules, text, language)
    places = [(c.value, c.normalized) for c in found if c.field is FactField.PLACE]
    assert (city, cc) in places


@pytest.mark.parametrize(
    ("text", "language", "route_codes"),
    [
        ("Itinéraire : Conakry, Bamako, Agadez, Tripoli", "fr", "GN>ML>NE>LY"),
        ("経路：ヤンゴン→バンコク→成田空港", "ja", "MM>TH>JP"),
        ("سفری راستہ: لاہور، دبئی، استنبول", "ur", "PK>AE>TR"),
        ("பயண வழி: கொழும்பு, டுபாய், சென்னை", "ta", "LK>AE>IN"),
        ("ගමන් මාර්ගය: කොළඹ, ඩුබායි, ලන්ඩන්", "si", "LK>AE>GB"),
        ("ခရီးစဉ်: ရန်ကုန်၊ ဘန်ကောက်၊ တိုကျို", "my", "MM>TH>JP"),
    ],
)
def test_route_fields_in_more_languages(rules: list[FactExtractor], text: str, language: str, route_codes: str) -> None:
    routes = [c for c in facts(rules, text, language) if c.field is FactField.TRAVEL_ROUTE]
    assert [c.normalized for c in routes] == [route_codes]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Children: Ali (son), Sara (daughter)", "en", [("Ali", "son"), ("Sara", "daughter")]),
        ("Enfants : Moussa (fils), Awa (fille)", "fr", [("Moussa", "son"), ("Awa", "daughter")]),
        ("Children: Omar, Leila", "en", [("Omar", "child"), ("Leila", "child")]),
    ],
)
def test_relatives_listed_with_the_relation_in_brackets(
    rules: list[FactExtractor], text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    found = facts(rules, text, language)
    assert [(c.value, c.normalized) for c in found if c.field is FactField.FAMILY_MEMBER] == expected


def test_a_relation_inside_a_longer_label_is_not_a_relative(rules: list[FactExtractor]) -> None:
    found = facts(rules, "نام: محمد اقبال\nوالد کا نام: محمد اکرم", "ur")
    assert [(c.value, c.normalized) for c in found if c.field is FactField.FAMILY_MEMBER] == [("محمد اکرم", "father")]


def test_a_religion_word_inside_a_place_name_is_the_place(rules: list[FactExtractor]) -> None:
    found = facts(rules, "میں ۱۲ مئی ۲۰۲۲ کو اسلام آباد سے دبئی کے راستے لندن پہنچا۔", "ur")
    assert not values(found, FactField.RELIGION)
    assert "اسلام آباد" in values(found, FactField.PLACE)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mon frère aîné, Ibrahima Sow, a été arrêté en 2019.", "fr"),
        ("My brother Yusuf was arrested in 2019.", "en"),
        ("Ağabeyim Ahmet 2018'de tutuklandı.", "tr"),
    ],
)
def test_a_relative_in_the_passive_voice_is_the_victim_not_the_actor(
    rules: list[FactExtractor], text: str, language: str
) -> None:
    found = facts(rules, text, language)
    assert values(found, FactField.FAMILY_MEMBER)
    assert not values(found, FactField.AGENT_OF_PERSECUTION)


@pytest.mark.parametrize(
    ("text", "language", "date"),
    [
        ("En janvier 2020, des militaires ont incendié notre maison.", "fr", "janvier 2020"),
        ("In March 2019 men from the militia set our shop on fire.", "en", "March 2019"),
        ("في عام ٢٠١٨ قام الأمن بمداهمة منزلنا.", "ar", "٢٠١٨"),
    ],
)
def test_dates_of_raids_and_burnings_are_event_dates(
    rules: list[FactExtractor], text: str, language: str, date: str
) -> None:
    found = facts(rules, text, language)
    assert values(found, FactField.EVENT_DATE) == [date]
    assert values(found, FactField.EVENT) == [text]


@pytest.mark.parametrize(
    ("text", "language", "years"),
    [
        ("From 2012 to 2017 I served in the army at Sawa.", "en", ["2012", "2017"]),
        ("از ۱۳۹۵ تا ۱۴۰۰ در کابل معلم بودم و کار می‌کردم.", "prs", ["۱۳۹۵", "۱۴۰۰"]),
        ("۲۰۱۸ میں پولیس نے مجھے گرفتار کیا۔", "ur", ["۲۰۱۸"]),
        ("2019 இல் இராணுவம் என்னைக் கைது செய்தது.", "ta", ["2019"]),
        ("2019 දී පොලිසිය මා අත්අඩංගුවට ගත්තා.", "si", ["2019"]),
    ],
)
def test_bare_years_and_spans_of_years(rules: list[FactExtractor], text: str, language: str, years: list[str]) -> None:
    assert values(facts(rules, text, language), FactField.EVENT_DATE) == years


def test_turkish_birth_and_entry_dates(rules: list[FactExtractor]) -> None:
    text = (
        "Adım Deniz Aydın, 3 Mayıs 1991 Van doğumluyum.\n"
        "8 Haziran 2020'de Meriç Nehri'ni botla geçerek Yunanistan'a girdim."
    )
    found = facts(rules, text, "tr")
    assert values(found, FactField.DATE_OF_BIRTH) == ["3 Mayıs 1991"]
    assert values(found, FactField.DATE_OF_ENTRY) == ["8 Haziran 2020"]
