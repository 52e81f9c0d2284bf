"""Single-language name and place pipelines: lazy, routed to their language's blocks only, cited with provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examiner_app.domain import Document, DocumentStatus, FactField, LanguageGuess, PageSource, PageText
from examiner_app.extraction.facts.spacy_ner import SpacyNerExtractor
from examiner_app.models import load_manifest
from examiner_app.pipeline import Pipeline

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "mm-sur-place-ja" / "ground_truth.json"


def _extractor(name: str) -> SpacyNerExtractor:
    spec = load_manifest()[name]
    if not spec.available():
        pytest.skip(spec.missing_reason())
    return SpacyNerExtractor(spec)


def test_not_loaded_at_start_and_never_run_on_another_language() -> None:
    ginza = _extractor("ja-ginza")
    page = PageText(page_number=1, text="اسمي محمود عبد الرحمن الحلبي، ولدت في حمص.", source=PageSource.PLAIN_TEXT)
    assert ginza.extract(page, "ar") == []
    assert ginza.extract(page, "fa") == []
    assert ginza._nlp is None  # routing decided before any loading


def test_japanese_sample_case_names_and_places_from_ginza_with_provenance() -> None:
    ginza = _extractor("ja-ginza")
    truth = json.loads(SAMPLE.read_text(encoding="utf-8"))
    statement = next(d for d in truth["documents"] if d["file"] == "statement_ja.png")
    text = statement["pages"][0]["text"]
    page = PageText(page_number=1, text=text, source=PageSource.PLAIN_TEXT, languages=(LanguageGuess("ja", 0.99),))
    document = Document(
        id="doc-ja",
        case_id="mm-sur-place-ja",
        file_name="statement_ja.png",
        sha256="0" * 64,
        size=1,
        mime_type="image/png",
        status=DocumentStatus.DONE,
    )
    suggestions = Pipeline.suggestions_for_page(document, page, [ginza])
    persons = {s.value for s in suggestions if s.field is FactField.PERSON_NAME}
    places = {s.value for s in suggestions if s.field is FactField.PLACE}
    assert {"チョー・ミン・テッ", "ウー・テイン・マウン", "ドー・キン・ミャ"} <= persons  # whole dotted names
    assert {"マンダレー", "ヤンゴン", "バンコク", "東京"} <= places
    assert "ビルマ族" not in places  # a people, not a place
    for s in suggestions:
        prov = s.provenance
        assert prov is not None
        assert (prov.document_id, prov.file_name, prov.page) == ("doc-ja", "statement_ja.png", 1)
        assert text[prov.start : prov.end] == s.value
        assert (prov.model.engine, prov.model.model, prov.model.version) == ("spacy", "ja-ginza", "5.3.0")
    mandalay = next(s for s in suggestions if s.value == "マンダレー")
    assert mandalay.normalized == "MM"


def test_french_pipeline_on_french_text_only() -> None:
    fr = _extractor("fr-core-news-sm")
    text = "Je m'appelle Boubacar Diallo. Je suis né à Conakry en Guinée."
    page = PageText(page_number=1, text=text, source=PageSource.PLAIN_TEXT)
    assert fr.extract(page, "en") == []
    found = {(c.field, c.value) for c in fr.extract(page, "fr")}
    assert (FactField.PERSON_NAME, "Boubacar Diallo") in found
    assert (FactField.PLACE, "Conakry") in found
