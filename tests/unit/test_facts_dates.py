"""Dates in many formats and calendars, their roles, and exact offsets."""

from __future__ import annotations

import pytest

from examiner_app.domain import FactCandidate, FactField, PageText
from examiner_app.extraction.facts.dates import DateExtractor, find_dates


def run(text: str, language: str = "en") -> list[FactCandidate]:
    found = DateExtractor().extract(PageText(1, text), language)
    for c in found:
        assert text[c.start : c.end] == c.value, c
        assert 0 < c.confidence < 1
        assert str(c.model) == "rules/dates@1"
        assert c.note
    return found


def one(text: str, language: str = "en") -> FactCandidate:
    found = run(text, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "normalized"),
    [
        ("Date: 2021-04-05", "2021-04-05", "2021-04-05"),
        ("Date: 2021/04/05", "2021/04/05", "2021-04-05"),
        ("Date: 23/04/2021", "23/04/2021", "2021-04-23"),
        ("Date: 23.04.2021", "23.04.2021", "2021-04-23"),
        ("Date: 23-04-2021", "23-04-2021", "2021-04-23"),
        ("Date: 23 / 04 / 2021", "23 / 04 / 2021", "2021-04-23"),
        ("Signed 5 April 2021 in Tokyo", "5 April 2021", "2021-04-05"),
        ("Signed 5th of April, 2021", "5th of April, 2021", "2021-04-05"),
        ("Signed April 5, 2021", "April 5, 2021", "2021-04-05"),
        ("Signed Sept. 5, 2021", "Sept. 5, 2021", "2021-09-05"),
        ("Fait le 1er mai 2020", "1er mai 2020", "2020-05-01"),
        ("Fait le 15 février 2019", "15 février 2019", "2019-02-15"),
        ("Signed in March 2019", "March 2019", "2019-03"),
    ],
)
def test_gregorian_formats(text: str, value: str, normalized: str) -> None:
    c = one(text, "fr" if "Fait" in text else "en")
    assert (c.value, c.normalized) == (value, normalized)
    assert ("calendar", "persian") not in c.attributes


def test_ambiguous_day_month_gets_lower_confidence_and_a_note() -> None:
    ambiguous = one("Date: 03/04/2021")
    clear = one("Date: 23/04/2021")
    assert ambiguous.normalized == "2021-04-03"
    assert "ambiguous" in ambiguous.note
    assert ambiguous.confidence < clear.confidence


def test_month_first_when_day_is_over_twelve() -> None:
    c = one("Issued 04/23/2015")
    assert c.normalized == "2015-04-23"
    assert c.field is FactField.DOCUMENT_ISSUE_DATE
    assert "month/day" in c.note


def test_japanese_dates_and_eras() -> None:
    assert one("2021年4月5日", "ja").normalized == "2021-04-05"
    c = one("令和3年4月5日", "ja")
    assert (c.value, c.normalized) == ("令和3年4月5日", "2021-04-05")
    c = one("平成元年に生まれました。", "ja")
    assert (c.value, c.normalized) == ("平成元年", "1989")
    assert c.field is FactField.DATE_OF_BIRTH
    assert one("生年月日：昭和６０年１２月１日", "ja").normalized == "1985-12-01"  # full-width digits
    assert one("平成31年4月30日", "ja").normalized == "2019-04-30"


def test_solar_hijri_with_persian_digits() -> None:
    c = one("تاریخ تولد: ۱۴۰۰/۰۵/۱۲", "fa")
    assert c.normalized == "2021-08-03"
    assert c.field is FactField.DATE_OF_BIRTH
    assert ("calendar", "persian") in c.attributes
    assert ("original", "۱۴۰۰/۰۵/۱۲") in c.attributes


def test_persian_and_dari_month_names() -> None:
    assert one("در تاریخ ۱۲ مرداد ۱۴۰۰ دستگیر شدم", "fa").normalized == "2021-08-03"
    c = one("به تاریخ ۱۲ اسد ۱۴۰۰ دستگیر شدم", "prs")  # Dari month names
    assert c.normalized == "2021-08-03"
    assert c.field is FactField.EVENT_DATE


def test_persian_year_only_is_an_interval() -> None:
    c = one("متولد ۱۳۷۰ هستم", "fa")
    assert (c.normalized or "").startswith("1991-03-21/1992-03-")  # the end depends on the leap year rule
    assert c.field is FactField.DATE_OF_BIRTH
    assert ("precision", "year") in c.attributes


def test_islamic_hijri_with_marker() -> None:
    c = one("اعتقلت في 12 رمضان 1442 هـ", "ar")
    assert c.normalized == "2021-04-24"
    assert ("calendar", "islamic") in c.attributes
    assert c.value.endswith("هـ")
    c = one("Dated 1 Muharram 1445 AH".replace("Muharram", "محرم"), "ar")
    assert c.normalized == "2023-07-19"


def test_arabic_indic_digits_and_arabic_month_names() -> None:
    c = one("تاريخ الميلاد: ٥ نيسان ١٩٩٠", "ar")
    assert (c.normalized, c.field) == ("1990-04-05", FactField.DATE_OF_BIRTH)
    assert one("وصلت في ١٠ أغسطس ٢٠٢٠", "ar").normalized == "2020-08-10"


def test_ethiopian_calendar() -> None:
    c = one("መስከረም 1 2013 ዓ.ም", "am")
    assert c.normalized == "2020-09-11"
    assert ("calendar", "ethiopian") in c.attributes


def test_roles_from_context() -> None:
    text = (
        "Date of birth: 12 May 1985\n"
        "I arrived in Japan on 3 June 2019.\n"
        "Passport issued 1 February 2018, date of expiry 31 January 2028.\n"
        "The hearing is scheduled for 15 January 2024.\n"
        "On 3 March 2019 I was arrested by the police.\n"
        "Printed 4 April 2024"
    )
    fields = {c.value: c.field for c in run(text)}
    assert fields == {
        "12 May 1985": FactField.DATE_OF_BIRTH,
        "3 June 2019": FactField.DATE_OF_ENTRY,
        "1 February 2018": FactField.DOCUMENT_ISSUE_DATE,
        "31 January 2028": FactField.DATE,
        "15 January 2024": FactField.PROCEDURAL_DATE,
        "3 March 2019": FactField.EVENT_DATE,
        "4 April 2024": FactField.DATE,
    }


def test_hearing_date_is_not_a_date_of_birth() -> None:
    for text in [
        "Date of birth: 1 May 1990. Hearing date: 2 June 2023",
        "Hearing date: 2 June 2023 Date of birth: 1 May 1990",
    ]:
        fields = {c.value: c.field for c in run(text)}
        assert fields["2 June 2023"] is FactField.PROCEDURAL_DATE
        assert fields["1 May 1990"] is FactField.DATE_OF_BIRTH


def test_multilingual_roles() -> None:
    assert one("2021年4月5日に入国しました。", "ja").field is FactField.DATE_OF_ENTRY
    assert one("2019年5月3日、警察に逮捕されました。", "ja").field is FactField.EVENT_DATE
    assert one("面接日：2022年1月20日", "ja").field is FactField.PROCEDURAL_DATE
    assert one("وصلت في 2021/04/05", "ar").field is FactField.DATE_OF_ENTRY
    assert one("Je suis né le 1er mai 1988", "fr").field is FactField.DATE_OF_BIRTH
    assert one("東京入国管理局 2021年6月1日", "ja").field is FactField.DATE  # an office, not an entry


def test_a_relatives_birth_date_is_marked() -> None:
    mine = one("I was born on 5 March 1990.")
    theirs = one("My brother was born on 5 March 1992.")
    assert mine.field is theirs.field is FactField.DATE_OF_BIRTH
    assert ("subject", "family_member") in theirs.attributes
    assert theirs.confidence < mine.confidence


def test_event_year_in_a_narrative() -> None:
    c = one("In 2009 my brother was arrested.")
    assert (c.value, c.normalized, c.field) == ("2009", "2009", FactField.EVENT_DATE)


def test_no_false_dates() -> None:
    assert run("Phone 0312-456-7890, case 2021/4567, 12/13/14, ID 1234.56.7890, invoice 31/02/2021") == []
    assert run("I was there in 2019.") == []  # a bare year without a role is noise
    assert find_dates("version 1.2.2021a") == []
