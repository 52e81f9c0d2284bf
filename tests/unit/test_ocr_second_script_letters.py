"""A mixed reading (``ara+eng`` on a page OSD called Latin) is kept only when it reads letters of that script.

On OCRmyPDF's cardinal.pdf (an English two-column leaflet) the poorly read list bullets probed as Arabic, and the
``ara+eng`` reading was more confident: it read the bullets as Arabic-Indic zeros and, laying the page out
right-to-left, put the second column first (same words, CER 0.017 -> 0.444 in ``evaluation/ocr_real_eval.py``).
"""

from __future__ import annotations

from examiner_app.extraction.ocr import SECOND_SCRIPT_MIN_LETTERS, OcrResult, reads_script_letters


def _reading(text: str, languages: str = "ara+eng") -> OcrResult:
    return OcrResult(text=text, words=(), mean_confidence=0.9, rotation=0, languages=languages, engine="tesseract")


def test_bullets_read_as_arabic_indic_digits_are_no_arabic_text() -> None:
    leaflet = "\n".join(f"٠ Operation is similar to a multi-track tape recorder, item {n}." for n in range(11))
    assert not reads_script_letters(_reading(leaflet), "Arabic")


def test_arabic_answers_on_an_english_form_are() -> None:
    form = "Name: محمد عبد الله\nPlace of birth: الجنينة، غرب دارفور\nReligion: مسلم"
    assert reads_script_letters(_reading(form), "Arabic")


def test_the_threshold_counts_letters_of_that_script_only() -> None:
    few = "Name: " + "ب" * (SECOND_SCRIPT_MIN_LETTERS - 1) + " and a long English sentence with many Latin letters"
    assert not reads_script_letters(_reading(few), "Arabic")
    assert reads_script_letters(_reading(few + " ب"), "Arabic")


def test_japanese_counts_kana_and_han_together() -> None:
    answers = "氏名 グエン・ヴァン・アン 国籍 ベトナム"
    assert reads_script_letters(_reading(answers, "jpn+eng"), "Japanese")
    assert not reads_script_letters(_reading(answers, "jpn+eng"), "Arabic")
