"""Facts from OCR output as it really is: MRZ slips, dates split over lines or read with letters for digits,
armed groups not taken for people, low-confidence readings kept and flagged."""

from __future__ import annotations

import pytest

from examiner_app.domain import BBox, DocumentStatus, FactField, LanguageGuess, PageSource, PageText, Word
from examiner_app.extraction.facts import default_extractors, extract_facts
from examiner_app.extraction.facts.base import FactExtractor
from examiner_app.extraction.facts.dates import DateExtractor, find_dates
from examiner_app.extraction.facts.identity import IdentityExtractor, parse_mrz


def _page(text: str, lang: str = "en", words: tuple[Word, ...] = ()) -> PageText:
    return PageText(
        page_number=1,
        text=text,
        words=words,
        source=PageSource.OCR if words else PageSource.PLAIN_TEXT,
        languages=(LanguageGuess(lang, 1.0),),
    )


def test_mrz_read_with_a_stray_mark_an_extra_filler_and_q_for_zero() -> None:
    text = (
        "MRZ:\nP<IRNHOSSEINI<<ALI<REZA<<<<<<<<<<<<<<<<<<<<<.\n"  # a full stop after the line
        "K412987654IRN9005178M2709097<<<<<<<<<<<<<<0Q2\n"  # one "<" too many, Q for 0
    )
    (z,) = parse_mrz(text)
    assert z.valid
    assert z.corrected
    assert (z.surname, z.given_names, z.document_number, z.birth_date) == (
        "HOSSEINI",
        "ALI REZA",
        "K41298765",
        "900517",
    )
    facts = {c.field: c for c in IdentityExtractor().extract(_page(text), "en")}
    assert facts[FactField.DATE_OF_BIRTH].normalized == "1990-05-17"
    assert facts[FactField.NATIONALITY].normalized == "IR"
    assert "OCR slips" in facts[FactField.DOCUMENT_NUMBER].note


def test_dates_split_over_lines_with_ocr_bars_and_letters_for_digits() -> None:
    text = "I was born on 30 |\nApril 1992. | On 1O/O3/2O19 they came."
    found = {d.normalized for d in find_dates(text, "en")}
    assert "1992-04-30" in found
    assert "2019-03-10" in found
    births = [c for c in DateExtractor().extract(_page(text), "en") if c.field is FactField.DATE_OF_BIRTH]
    assert [c.value for c in births] == ["30 |\nApril 1992"]


@pytest.fixture(scope="module")
def ai_extractors() -> list[FactExtractor]:
    extractors = default_extractors(ai_enabled=True, sentence_tagging=False)
    if not any(getattr(e, "name", "") == "spacy_person" for e in extractors):
        pytest.skip("en_core_web_sm is not installed")
    return extractors


@pytest.mark.parametrize(
    "sentence",
    ["Members of Boko Haram attacked our village.", "Ansar Dine fighters came to the market."],
)
def test_an_armed_group_is_not_a_person(ai_extractors: list[FactExtractor], sentence: str) -> None:
    found = extract_facts(_page(sentence), ai_extractors)
    assert not [c for c in found if c.field is FactField.PERSON_NAME]


def test_a_person_is_still_a_person(ai_extractors: list[FactExtractor]) -> None:
    found = extract_facts(_page("My friend John Smith helped me."), ai_extractors)
    assert [c.value for c in found if c.field is FactField.PERSON_NAME] == ["John Smith"]


def test_low_confidence_words_keep_their_fact_with_a_flag_and_the_ocr_confidence() -> None:
    from examiner_app.domain import Document
    from examiner_app.fact_suggestions import LOW_OCR_CONFIDENCE
    from examiner_app.pipeline import Pipeline

    text = "Date of birth: 12 March 1990"
    words = []
    pos = 0
    for i, token in enumerate(text.split(" ")):
        start = text.index(token, pos)
        conf = 0.35 if token == "March" else 0.95
        words.append(Word(token, start, start + len(token), BBox(10 * i, 0, 10 * i + 9, 10), conf, 1, 1))
        pos = start + len(token)
    page = _page(text, words=tuple(words))
    document = Document(
        id="d1",
        case_id="c1",
        file_name="scan.png",
        sha256="0" * 64,
        size=1,
        mime_type="image/png",
        status=DocumentStatus.DONE,
    )
    (dob,) = [
        s
        for s in Pipeline.suggestions_for_page(document, page, [DateExtractor()])
        if s.field is FactField.DATE_OF_BIRTH
    ]
    assert dob.normalized == "1990-03-12"
    assert dob.provenance is not None
    assert dob.provenance.ocr_confidence == pytest.approx(0.35)
    assert LOW_OCR_CONFIDENCE > 0.35
    assert ("ocr", "low_confidence") in dob.attributes
    assert "unclear OCR words (35%)" in dob.note
    assert dob.confidence < 0.4  # shown as the doubtful reading it is


def test_a_bar_ocr_read_at_a_line_end_does_not_end_the_sentence() -> None:
    from examiner_app.extraction.facts.base import sentence_spans

    text = (
        "On 9 January 2022 I flew from Jomo Kenyatta International Airport to Amsterdam and |\n"
        "asked for protection at Schiphol when I landed.\nName: Grace"
    )
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans[0].endswith("when I landed.")
    assert spans[1] == "Name: Grace"
