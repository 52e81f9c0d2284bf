"""Natasha (Russian) and underthesea (Vietnamese) name engines: lazy, routed to their language's blocks only, cited
with provenance, and the Vietnamese words found again in the original text."""

from __future__ import annotations

import pytest

from examiner_app.domain import (
    Document,
    DocumentStatus,
    FactField,
    LanguageGuess,
    PageSource,
    PageText,
    TextBlock,
)
from examiner_app.extraction.facts import extract_facts, language_ner_extractors
from examiner_app.extraction.facts.language_ner import LanguageNerExtractor, is_form_label
from examiner_app.extraction.facts.natasha_ner import NatashaNerExtractor
from examiner_app.extraction.facts.underthesea_ner import UndertheseaNerExtractor, align_entities
from examiner_app.models import load_manifest
from examiner_app.pipeline import Pipeline

RUSSIAN = "Меня зовут Ахмед Рахими. Я родился в городе Кабул, потом жил в Москве."
VIETNAMESE = "Tôi tên là Nguyễn Văn An, sinh ra ở Hà Nội.\nSau đó tôi chuyển đến Đà Nẵng."


def _extractor(name: str, cls: type[LanguageNerExtractor]) -> LanguageNerExtractor:
    spec = load_manifest()[name]
    if not spec.available():
        pytest.skip(spec.missing_reason())
    return cls(spec)


def _document(case_id: str) -> Document:
    return Document(
        id=f"doc-{case_id}",
        case_id=case_id,
        file_name="statement.txt",
        sha256="0" * 64,
        size=1,
        mime_type="text/plain",
        status=DocumentStatus.DONE,
    )


def test_registered_lazily_and_never_run_on_another_language() -> None:
    engines = {type(e): e for e in language_ner_extractors(load_manifest())}
    if NatashaNerExtractor not in engines or UndertheseaNerExtractor not in engines:
        pytest.skip("natasha or underthesea is not installed")
    natasha, underthesea = engines[NatashaNerExtractor], engines[UndertheseaNerExtractor]
    english = PageText(
        page_number=1, text="My name is Ahmed Rahimi. I was born in Kabul.", source=PageSource.PLAIN_TEXT
    )
    extract_facts(english, [natasha, underthesea])
    # Ukrainian is close enough to Russian for Natasha to answer; it must not be asked.
    ukrainian = PageText(
        page_number=1, text="Мене звуть Ахмед Рахімі. Я народився в Кабулі.", source=PageSource.PLAIN_TEXT
    )
    assert natasha.extract(ukrainian, "uk") == []
    assert underthesea.extract(PageText(page_number=1, text=RUSSIAN, source=PageSource.PLAIN_TEXT), "ru") == []
    assert natasha._nlp is None  # routing decided before any loading
    assert underthesea._nlp is None


def test_russian_person_and_city_from_natasha_with_provenance() -> None:
    natasha = _extractor("natasha", NatashaNerExtractor)
    page = PageText(page_number=1, text=RUSSIAN, source=PageSource.PLAIN_TEXT, languages=(LanguageGuess("ru", 0.99),))
    suggestions = Pipeline.suggestions_for_page(_document("ru"), page, [natasha])
    found = {(s.field, s.value) for s in suggestions}
    assert (FactField.PERSON_NAME, "Ахмед Рахими") in found
    assert {(FactField.PLACE, "Кабул"), (FactField.PLACE, "Москве")} <= found
    for s in suggestions:
        prov = s.provenance
        assert prov is not None
        assert (prov.document_id, prov.page) == ("doc-ru", 1)
        assert RUSSIAN[prov.start : prov.end] == s.value
        assert (prov.model.engine, prov.model.model, prov.model.version) == ("natasha", "natasha", "1.6.0")


def test_vietnamese_names_from_underthesea_in_a_vietnamese_block_only() -> None:
    underthesea = _extractor("underthesea", UndertheseaNerExtractor)
    english = "My name is An. I was born in Vietnam.\n"
    text = english + VIETNAMESE
    page = PageText(
        page_number=1,
        text=text,
        source=PageSource.PLAIN_TEXT,
        blocks=(
            TextBlock(0, len(english), None, (LanguageGuess("en", 0.99),)),
            TextBlock(len(english), len(text), None, (LanguageGuess("vi", 0.99),)),
        ),
    )
    found = {(c.field, c.value, c.start) for c in extract_facts(page, [underthesea])}
    offset = len(english)
    assert (FactField.PERSON_NAME, "Nguyễn Văn An", offset + VIETNAMESE.index("Nguyễn")) in found
    assert (FactField.PLACE, "Hà Nội", offset + VIETNAMESE.index("Hà Nội")) in found
    assert (FactField.PLACE, "Đà Nẵng", offset + VIETNAMESE.index("Đà Nẵng")) in found
    assert all(start >= offset for _, _, start in found)  # nothing from the English block


def test_vietnamese_words_found_again_despite_tone_mark_normalisation_and_spacing() -> None:
    # underthesea hands back "Hòa" for the "Hoà" written, and single spaces for the double one.
    line = "Ông  Trần Văn Hoà, ở Đà Nẵng."
    tagged = [("Ông", "O"), ("Trần Văn Hòa", "B-PER"), (",", "O"), ("ở", "O"), ("Đà Nẵng", "B-LOC"), (".", "O")]
    assert [(label, line[s:e]) for label, s, e in align_entities(line, tagged)] == [
        ("PER", "Trần Văn Hoà"),
        ("LOC", "Đà Nẵng"),
    ]
    # A word that is not in the line stops the alignment instead of citing the wrong characters.
    assert list(align_entities("Ông An", [("Ông", "O"), ("Bình", "B-PER")])) == []


def test_a_name_before_a_colon_in_running_text_is_kept_but_a_form_label_is_not() -> None:
    natasha = _extractor("natasha", NatashaNerExtractor)
    text = "BBC цитирует слова Рори О'Коннора: «Изоляция вредит людям»."
    page = PageText(page_number=1, text=text, source=PageSource.PLAIN_TEXT)
    persons = {c.value for c in natasha.extract(page, "ru") if c.field is FactField.PERSON_NAME}
    assert "Рори О'Коннора" in persons  # a quotation follows the colon: prose, not a form
    for form, label in [
        ("Pays : Guinée", "Pays"),
        ("Country / Pays : Guinée", "Pays"),
        ("Nom : Diallo    Pays :", "Pays"),
    ]:
        start = form.rindex(label)
        assert is_form_label(form, start, start + len(label)), form
    assert not is_form_label(text, text.index("Рори"), text.index(":"))


class _BrokenNatasha(NatashaNerExtractor):
    def _load(self) -> object:
        raise OSError("navec_news_v1_1B_250K_300d_100q.tar: unexpected end of data")


def test_a_model_that_fails_inside_its_package_is_reported_as_one_to_reinstall(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = _BrokenNatasha(load_manifest()["natasha"])
    page = PageText(page_number=1, text=RUSSIAN, source=PageSource.PLAIN_TEXT)
    assert broken.extract(page, "ru") == []
    assert "natasha could not load model 'natasha' (navec_news" in caplog.text
    assert "Reinstall it: pip install natasha==" in caplog.text
    assert broken.extract(page, "ru") == []  # not retried on every page
    assert caplog.text.count("could not load") == 1
