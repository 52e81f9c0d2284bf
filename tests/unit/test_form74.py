"""The Japanese application form (Form 74) reader: printed labels in Japanese and bilingual versions mapped to our
fields with exact characters, the five-reason tick boxes, and the interviewer-sex preference as a prompt only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examiner_app.domain import FactField, PageText
from examiner_app.extraction.facts.form74 import Form74Extractor, form_prompts, is_form74

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
FORM = SAMPLES / "tr-kurdish-form74-ja" / "ground_truth.json"


def form_text() -> str:
    truth = json.loads(FORM.read_text(encoding="utf-8"))
    return str(truth["documents"][0]["pages"][0]["text"])


@pytest.mark.skipif(not FORM.exists(), reason="sample not generated")
def test_the_sample_form_yields_its_fields_with_exact_characters_and_labels() -> None:
    text = form_text()
    found = Form74Extractor().extract(PageText(1, text), "ja")
    by_field = {(c.field, c.value): c for c in found}
    for c in found:
        assert text[c.start : c.end] == c.value
        assert c.note.startswith("Form 74: the answer to the printed label")
        assert dict(c.attributes)["form"] == "74"
    assert by_field[(FactField.DATE_OF_BIRTH, "1994年2月11日")].normalized == "1994-02-11"
    assert by_field[(FactField.DATE_OF_ENTRY, "令和5年9月4日")].normalized == "2023-09-04"
    assert by_field[(FactField.NATIONALITY, "トルコ")].normalized == "TR"
    assert by_field[(FactField.DOCUMENT_NUMBER, "U28491736")].normalized == "U28491736"
    assert by_field[(FactField.PRIOR_APPLICATION, "無 No")].normalized == "none"
    label = dict(by_field[(FactField.PORT_OF_ENTRY, "成田空港")].attributes)["label"]
    assert label == "入国港 Port of entry"
    grounds = sorted(c.normalized or "" for c in found if c.field is FactField.CLAIMED_GROUND)
    assert grounds == ["political_opinion", "race"]  # the ticked boxes only, not 宗教 or 国籍
    assert all(c.field.value != "interviewer_sex" for c in found)


@pytest.mark.skipif(not FORM.exists(), reason="sample not generated")
def test_the_interviewer_preference_is_a_prompt_not_a_fact() -> None:
    text = form_text()
    (prompt,) = form_prompts(text)
    assert prompt.value == "female"
    assert text[prompt.start : prompt.end] == "女性"
    assert "female interviewer" in prompt.message


def test_japanese_only_labels_and_other_pages() -> None:
    text = "難民認定申請書\n氏名 アフマド・カリミ\n生年月日 1990年1月2日\n国籍 アフガニスタン\n申請理由 宗教（改宗）\n"
    found = Form74Extractor().extract(PageText(1, text), "ja")
    assert {(c.field, c.value) for c in found} >= {
        (FactField.PERSON_NAME, "アフマド・カリミ"),
        (FactField.DATE_OF_BIRTH, "1990年1月2日"),
        (FactField.NATIONALITY, "アフガニスタン"),
        (FactField.CLAIMED_GROUND, "宗教"),
    }
    assert not is_form74("氏名 A\n国籍 B\n生年月日 C\n")  # labels without the form's title
    assert Form74Extractor().extract(PageText(1, "I was born in Kabul."), "en") == []


@pytest.mark.skipif(not FORM.exists(), reason="sample not generated")
def test_the_evidence_view_carries_the_prompt_apart_from_the_evidence() -> None:
    from examiner_app.services import _form_prompts
    from examiner_app.summaries.evidence import build_evidence

    prompts = _form_prompts({("d1", 1): form_text()}, {"d1": "application_form74_ja.png"})
    view = build_evidence([], prompts=prompts)
    (prompt,) = view.prompts
    assert prompt.citation.startswith("application_form74_ja.png, p. 1, chars ")
    assert all(element.empty for element in view.elements)  # a prompt is not evidence on any element
