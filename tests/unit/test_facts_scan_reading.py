"""Facts from page text as Tesseract really returns it: wrapped and block-broken sentences, directional marks,
lost accents, "Iam", glued Japanese labels, a stray zero before a Persian year, a letter for an ordinal's digit.

Every OCR string here is what Tesseract 5.3 read from a rendered scan of a dev-split statement (the shape of the
artefact kept, names and places fictional)."""

from __future__ import annotations

from examiner_app.domain import BBox, FactField, LanguageGuess, PageSource, PageText, Word
from examiner_app.extraction.facts.base import NormText, sentence_spans
from examiner_app.extraction.facts.dates import DateExtractor, find_dates
from examiner_app.extraction.facts.identity import IdentityExtractor
from examiner_app.extraction.facts.places import PlaceExtractor
from examiner_app.extraction.ocr_text import clean_page_text, date_view, join_cjk_spaces, strip_bidi_marks


def _page(text: str, lang: str) -> PageText:
    return PageText(page_number=1, text=text, source=PageSource.OCR, languages=(LanguageGuess(lang, 1.0),))


def _fields(candidates: list, field: FactField) -> list[tuple[str, str | None]]:
    return [(c.value, c.normalized) for c in candidates if c.field is field]


def _words(text: str) -> tuple[Word, ...]:
    out, pos = [], 0
    for i, token in enumerate(text.split(" ")):
        if token:
            out.append(Word(token, pos, pos + len(token), BBox(10 * i, 0, 10 * i + 9, 9), 0.5 + i / 100, 1, 1))
        pos += len(token) + 1
    return tuple(out)


# --- sentences over OCR's line and block breaks ---------------------------------------------------------------


def test_a_tamil_line_ending_in_a_vowel_sign_wraps_into_the_next_and_keeps_its_birth_cue() -> None:
    text = "என் பெயர் கந்தசாமி ரமேஷ். நான் 1987 ஆம் ஆண்டு மே மாதம் 12 ஆம் திகதி\nயாழ்ப்பாணத்தில் பிறந்தேன். நான் இலங்கைப் பிரஜை."
    births = _fields(DateExtractor().extract(_page(text, "ta"), "ta"), FactField.DATE_OF_BIRTH)
    assert births == [("1987 ஆம் ஆண்டு மே மாதம் 12 ஆம் திகதி", "1987-05-12")]


def test_one_blank_line_tesseract_put_inside_a_long_sentence_does_not_end_it() -> None:
    text = (
        "Reason for claim: After my conversion I was arrested by the Ministry of Intelligence at\n\n"
        "a house church in Tehran on 8 August 2022.\nPrevious applications: none"
    )
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans[0].endswith("on 8 August 2022.")
    events = _fields(DateExtractor().extract(_page(text, "en"), "en"), FactField.EVENT_DATE)
    assert events == [("8 August 2022", "2022-08-08")]
    # a blank line after a short line (a heading, a label) still ends it
    assert len(sentence_spans("Statement of the applicant\n\nmy name is Ali.")) == 2


def test_a_burmese_full_stop_read_as_a_digit_still_ends_the_sentence_across_a_blank_line() -> None:
    text = (
        "အကြောင်းရင်း: ၂၀၂၁ ဒီဇင်ဘာလတွင် စစ်တပ်က ကျွန်တော့်ကို ဖမ်းဆီးပြီး ရိုက်နှက်ခဲ့သည်1\n\n"
        "ကျွန်တော်သည် CDM လှုပ်ရှားမှုတွင် ပါဝင်ခဲ့သောကြောင့် ဖမ်းဆီးခံရခြင်းဖြစ်သည်1"
    )
    assert len(sentence_spans(text)) == 2


def test_a_speck_read_as_a_symbol_at_the_end_of_a_line_does_not_end_the_sentence() -> None:
    text = (
        "I believe I was singled out because I am a Kurd and because they saw my ©\nclasses as political.\n5. My father"
    )
    assert [text[a:b] for a, b in sentence_spans(text)][0].endswith("classes as political.")


def test_a_japanese_line_ending_in_a_bracket_wraps_and_the_departure_cue_on_the_next_line_counts() -> None:
    text = (
        "私は女性であること及び政治的意見を理由として迫害を受けるおそれ\n"
        "があります。2023年1月8日、私はイラン・イスラム共和国の旅券 (旅券番号 H98765432)\n"
        "でイスタンブールに出国し、2023年2月14日に中部国際空港から日本に入国しました。"
    )
    events = _fields(DateExtractor().extract(_page(text, "ja"), "ja"), FactField.EVENT_DATE)
    assert ("2023年1月8日", "2023-01-08") in events


def test_a_single_country_route_sentence_wrapped_over_two_lines_is_a_route() -> None:
    text = (
        "I travelled overland through Iran and Turkey by bus. I arrived in the\n"
        "United Kingdom at Dover on 11 January 2022 hidden in a lorry. My mother stayed."
    )
    routes = [c.value for c in PlaceExtractor().extract(_page(text, "en"), "en") if c.field is FactField.TRAVEL_ROUTE]
    assert "I arrived in the\nUnited Kingdom at Dover on 11 January 2022 hidden in a lorry." in routes


def test_a_flight_to_an_airport_wrapped_over_lines_is_offered_as_the_entry() -> None:
    text = (
        "She stayed in Dadaab refugee camp for eleven months. She then flew from Nairobi to Istanbul and on to\n"
        "Madrid, arriving at Madrid-Barajas Airport on 15 December 2020.\n"
    )
    entries = _fields(DateExtractor().extract(_page(text, "en"), "en"), FactField.DATE_OF_ENTRY)
    assert entries == [("15 December 2020", "2020-12-15")]


# --- characters OCR adds, drops or merges ----------------------------------------------------------------------


def test_directional_marks_around_numbers_in_an_rtl_line_are_dropped_with_word_boxes_aligned() -> None:
    raw = "میں \u200e٢\u200f اگست \u200e۲۰۱۹\u200f کو لاہور"
    words = _words(raw)
    text, out = strip_bidi_marks(raw, words)
    assert text == "میں ٢ اگست ۲۰۱۹ کو لاہور"
    assert [w.text for w in out] == ["میں", "٢", "اگست", "۲۰۱۹", "کو", "لاہور"]
    assert all(text[w.start : w.end] == w.text for w in out)
    assert [(w.bbox, w.confidence) for w in out] == [(w.bbox, w.confidence) for w in words]
    assert clean_page_text(text, out) == (text, out)  # idempotent
    assert [d.normalized for d in find_dates(text, "ur")] == ["2019-08-02"]


def test_a_mark_between_two_words_keeps_them_apart() -> None:
    raw = "N0123\u200fعمرو"
    words = (Word("N0123", 0, 5, None, 0.9, 1, 1), Word("عمرو", 6, 10, None, 0.9, 1, 1))
    text, out = strip_bidi_marks(raw, words)
    assert text == "N0123 عمرو"
    assert [text[w.start : w.end] for w in out] == ["N0123", "عمرو"]


def test_accents_ocr_dropped_or_swapped_still_match_cues_and_demonyms() -> None:
    assert NormText("Doğum tarihiniz").norm == NormText("Dogum tarihiniz").norm == "dogum tarihiniz"
    assert NormText("Congrés").norm == NormText("Congrès").norm
    assert NormText("karımı").norm != NormText("Karimi").norm  # dotless ı is a letter of its own
    text = "Je suis Jean-Robert Pierre-Louis, né le 30 juin 1985 à Port-au-Prince, de nationalité haitienne."
    nationality = _fields(PlaceExtractor().extract(_page(text, "fr"), "fr"), FactField.NATIONALITY)
    assert nationality == [("haitienne", "HT")]
    turkish = "Soru: Dogum tarihiniz?\nCevap: 1 Ocak 1990. Pasaportumda öyle yazıyor."
    births = _fields(DateExtractor().extract(_page(turkish, "tr"), "tr"), FactField.DATE_OF_BIRTH)
    assert births == [("1 Ocak 1990", "1990-01-01")]


def test_iam_is_read_as_i_am() -> None:
    text = "Q: What is your nationality?\nA: Iam Syrian, but Iam Kurdish."
    page = _page(text, "en")
    assert _fields(PlaceExtractor().extract(page, "en"), FactField.NATIONALITY) == [("Syrian", "SY")]
    assert [v for v, _ in _fields(IdentityExtractor().extract(page, "en"), FactField.ETHNICITY)] == ["Kurdish"]
    assert NormText("Iambic Miam").norm == "iambic miam"  # only the word "Iam"


def test_a_japanese_label_whose_colon_ocr_lost_still_gives_its_date() -> None:
    text = "3生年月日1983/02/27\n6旅券番号・ BR0654321発行日2015/07/19"
    found = DateExtractor().extract(_page(text, "ja"), "ja")
    assert _fields(found, FactField.DATE_OF_BIRTH) == [("1983/02/27", "1983-02-27")]
    assert _fields(found, FactField.DOCUMENT_ISSUE_DATE) == [("2015/07/19", "2015-07-19")]
    assert find_dates("ID AB1983/02/27", "en") == []  # a Latin letter before it is still an ID


def test_a_list_number_is_not_glued_to_the_japanese_label_after_it() -> None:
    raw = "1 氏名 : MD RAHMAN KARIM\n3 生年月日 2019 年 3 月"
    text, _ = join_cjk_spaces(raw, _words_by_line(raw))
    assert text == "1 氏名 : MD RAHMAN KARIM\n3 生年月日2019年3月"


def _words_by_line(text: str) -> tuple[Word, ...]:
    out, pos = [], 0
    for line_no, line in enumerate(text.split("\n")):
        for token in line.split(" "):
            if token:
                out.append(Word(token, pos, pos + len(token), None, 0.9, 1, line_no))
            pos += len(token) + 1
    return tuple(out)


def test_a_zero_ocr_put_before_a_persian_year_is_read_through() -> None:
    text = "در ۲۵ آبان ۰۱۳۹۸ در جریان اعتراضات. نیروهای بسیج مرا در خیابان کتک زدند"
    assert [(d.normalized, text[d.start : d.end]) for d in find_dates(text, "fa")] == [("2019-11-16", "۲۵ آبان ۰۱۳۹۸")]
    assert date_view("01398 Châtillon") == "01398 Châtillon"  # ASCII digits: a postcode, left alone


def test_a_letter_for_the_digit_of_an_ordinal_day() -> None:
    text = "I was born on Sth January 1993 in Jaffna."
    births = _fields(DateExtractor().extract(_page(text, "en"), "en"), FactField.DATE_OF_BIRTH)
    assert births == [("Sth January 1993", "1993-01-05")]
    assert date_view("the lst of May, Isthmus") == "the 1st of May, Isthmus"
