"""Dates written year first, with ordinal day words, relative to an earlier date; transit versus entry."""

from __future__ import annotations

import pytest

from examiner_app.domain import FactCandidate, FactField, PageText
from examiner_app.extraction.facts.dates import DateExtractor, find_dates


def run(text: str, language: str) -> list[FactCandidate]:
    found = DateExtractor().extract(PageText(1, text), language)
    for c in found:
        assert text[c.start : c.end] == c.value, c
    return found


@pytest.mark.parametrize(
    ("text", "language", "value", "normalized"),
    [
        ("Doğum tarihi: 1 Ocak 1990.", "tr", "1 Ocak 1990", "1990-01-01"),
        ("Mahkeme beni 2019 Haziran'ında cezaya çarptırdı.", "tr", "2019 Haziran", "2019-06"),
        ("நான் 1987 ஆம் ஆண்டு மே மாதம் 12 ஆம் திகதி பிறந்தேன்.", "ta", "1987 ஆம் ஆண்டு மே மாதம் 12 ஆம் திகதி", "1987-05-12"),
        ("2021 மார்ச் 4 அன்று கைது செய்தனர்.", "ta", "2021 மார்ச் 4", "2021-03-04"),
        ("මම 1982 අප්\u200dරේල් 3 වන දින උපන්නෙමි.", "si", "1982 අප්\u200dරේල් 3", "1982-04-03"),
        ("၁၉၉၆ ခုနှစ် ဇန်နဝါရီလ ၁၀ ရက်နေ့တွင် မွေးဖွားခဲ့ပါသည်။", "my", "၁၉၉၆ ခုနှစ် ဇန်နဝါရီလ ၁၀ ရက်နေ့", "1996-01-10"),
        ("ولدت في الأول من يناير ٢٠٠٠.", "ar", "الأول من يناير ٢٠٠٠", "2000-01-01"),
        ("ج: پانزدهم مهر ۱۳۷۵.", "fa", "پانزدهم مهر ۱۳۷۵", "1996-10-06"),
        ("وہ یکم جنوری 1994 کو پیدا ہوا۔", "ur", "یکم جنوری 1994", "1994-01-01"),
        ("昭和60年（1985年）4月21日、生まれた。", "ja", "昭和60年（1985年）4月21日", "1985-04-21"),
    ],
)
def test_formats(text: str, language: str, value: str, normalized: str) -> None:
    found = find_dates(text, language)
    assert [(text[d.start : d.end], d.normalized) for d in found] == [(value, normalized)]


def test_relative_dates_resolve_against_the_date_before() -> None:
    text = "خرجت من مطار القاهرة في 10 ديسمبر 2021 ووصلت إلى مطار هيثرو في لندن في اليوم نفسه."
    found = {c.value: c for c in run(text, "ar")}
    assert found["10 ديسمبر 2021"].field is FactField.EVENT_DATE
    same = found["اليوم نفسه"]
    assert same.field is FactField.DATE_OF_ENTRY
    assert same.normalized == "2021-12-10"
    assert same.confidence < found["10 ديسمبر 2021"].confidence
    assert "relative" in same.note
    ja = {
        c.value: c.normalized
        for c in run("2022年9月、デモに参加しました。同年10月2日、逮捕されました。翌日釈放されました。", "ja")
    }
    assert ja["同年10月2日"] == "2022-10-02"
    assert ja["翌日"] == "2022-10-03"


def test_departure_is_an_event_and_arrival_the_entry() -> None:
    text = "මම 2020 ජනවාරි 10 වන දින කටුනායක ගුවන් තොටුපළෙන් පිටත්ව 2020 ජනවාරි 11 වන දින මෙල්බර්න් ගුවන් තොටුපළට පැමිණියෙමි."
    fields = {c.value: c.field for c in run(text, "si")}
    assert fields == {"2020 ජනවාරි 10": FactField.EVENT_DATE, "2020 ජනවාරි 11": FactField.DATE_OF_ENTRY}


def test_an_earlier_arrival_is_a_transit() -> None:
    text = "در تاریخ ۲۰ شهریور ۱۴۰۰ از مرز بازرگان وارد ترکیه شدم و سپس در ۱۵ نوامبر ۲۰۲۱ وارد هلند شدم."
    fields = {c.value: c.field for c in run(text, "fa")}
    assert fields == {"۲۰ شهریور ۱۴۰۰": FactField.EVENT_DATE, "۱۵ نوامبر ۲۰۲۱": FactField.DATE_OF_ENTRY}


def test_answer_takes_the_role_of_its_question() -> None:
    text = "Soru: Doğum tarihiniz?\nCevap: 1 Ocak 1990. Pasaportumda öyle yazıyor."
    assert [(c.value, c.field) for c in run(text, "tr")] == [("1 Ocak 1990", FactField.DATE_OF_BIRTH)]
