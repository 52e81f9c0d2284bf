"""OCR text clean-ups: CJK spaces joined with word boxes kept aligned; digits read through OCR confusions."""

from __future__ import annotations

from examiner_app.domain import BBox, PageSource, PageText, Word
from examiner_app.extraction.ocr_text import date_view, digit_view, is_cjk, join_cjk_spaces


def _words(tokens: list[tuple[str, str, float]]) -> tuple[str, tuple[Word, ...]]:
    """Page text and words from (separator-before, word, confidence) triples, boxes 10 px wide in a row."""
    text, words, x = "", [], 0
    for sep, token, conf in tokens:
        text += sep
        words.append(Word(token, len(text), len(text) + len(token), BBox(x, 0, x + 10, 12), conf, 1, 1))
        text += token
        x += 12
    return text, tuple(words)


def test_katakana_name_split_by_tesseract_is_one_word_with_union_box_and_min_confidence() -> None:
    text, words = _words([("", "グエン", 0.9), (" ", "・", 0.8), (" ", "ヴ", 0.5), (" ", "ァ", 0.95), (" ", "ン", 0.9)])
    joined, out = join_cjk_spaces(text, words)
    assert joined == "グエン・ヴァン"
    assert len(out) == 1
    assert out[0].text == "グエン・ヴァン"
    assert (out[0].start, out[0].end) == (0, 7)
    assert out[0].bbox == BBox(0, 0, 58, 12)
    assert out[0].confidence == 0.5


def test_dates_join_digits_to_kanji_but_latin_words_keep_their_spaces() -> None:
    text, words = _words(
        [
            ("", "2019", 0.9),
            (" ", "年", 0.9),
            (" ", "3", 0.7),
            (" ", "月", 0.9),
            (" ", "UNHCR", 0.9),
            (" ", "office", 0.9),
        ]
    )
    text += "\nend"  # text after the last word is kept
    joined, out = join_cjk_spaces(text, words)
    assert joined == "2019年3月 UNHCR office\nend"
    assert [w.text for w in out] == ["2019年3月", "UNHCR", "office"]
    for w in out:
        assert joined[w.start : w.end] == w.text
    assert out[0].confidence == 0.7


def test_line_breaks_are_not_joined_and_non_cjk_text_is_untouched() -> None:
    text, words = _words([("", "東京", 0.9), ("\n", "大阪", 0.9)])
    assert join_cjk_spaces(text, words)[0] == "東京\n大阪"
    latin, lw = _words([("", "Kabul", 0.9), (" ", "2019", 0.9)])
    assert join_cjk_spaces(latin, lw) == (latin, lw)


def test_joined_page_still_cites_boxes_and_confidence_of_a_span() -> None:
    text, words = _words([("", "山田", 0.9), (" ", "太", 0.4), (" ", "郎", 0.9), (" ", "です", 0.9)])
    joined, out = join_cjk_spaces(text, words)
    page = PageText(page_number=1, text=joined, words=out, source=PageSource.OCR)
    start = joined.index("山田太郎")
    assert page.confidence_for_span(start, start + 4) == 0.4
    assert page.boxes_for_span(start, start + 4)


def test_is_cjk() -> None:
    assert is_cjk("ア")
    assert is_cjk("漢")
    assert is_cjk("・")
    assert is_cjk("２")
    assert not is_cjk("A")
    assert not is_cjk("1")
    assert not is_cjk("ب")


def test_digit_view_undoes_confusions_inside_digit_runs_only() -> None:
    assert digit_view("1O/O3/l995") == "10/03/1995"
    assert digit_view("born 2S.O4.1990 in Oslo") == "born 25.04.1990 in Oslo"
    assert digit_view("Idlib SOS") == "Idlib SOS"
    assert date_view("30 |\nApril 1992") == "30  \nApril 1992"
    assert digit_view("۱۳۹۸/۰۵/۱۲ and ١٤٠١") == "1398/05/12 and 1401"
    for s in ("1O/O3/l995", "۱۳۹۸", "Oslo 1O"):
        assert len(digit_view(s)) == len(s)


def test_stray_zwnj_after_tamil_words_is_dropped_with_boxes_aligned_and_persian_keeps_its_own() -> None:
    from examiner_app.extraction.ocr_text import clean_page_text

    text, words = _words(
        [("", "என்\u200c", 0.9), (" ", "பெயர்\u200c", 0.8), (" ", "ரமேஷ்\u200c.", 0.9), ("\n", "می\u200cکشد", 0.9)]
    )
    cleaned, out = clean_page_text(text, words)
    assert cleaned == "என் பெயர் ரமேஷ்.\nمی\u200cکشد"
    for w in out:
        assert cleaned[w.start : w.end] == w.text
    assert [w.bbox for w in out] == [w.bbox for w in words]
    assert clean_page_text(cleaned, out) == (cleaned, out)  # idempotent
