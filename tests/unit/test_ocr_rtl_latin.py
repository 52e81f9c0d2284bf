"""Latin misreadings of Arabic-script words: which words are read again, when the new reading wins, the splice.

The word texts are what Tesseract 5.3 (``fas+eng``, ``ara+eng``, ``urd+eng``) read on the dev scans."""

from __future__ import annotations

from examiner_app.domain import BBox, Word
from examiner_app.extraction import ocr_rtl_latin as rtl


def _line(tokens: list[str], line: int = 1, confidence: float = 0.8) -> list[Word]:
    return [
        Word(t, 0, len(t), BBox(100 * i, 10 * line, 100 * i + 80, 10 * line + 30), confidence, 1, line)
        for i, t in enumerate(tokens)
    ]


def _page(lines: list[list[Word]]) -> tuple[str, tuple[Word, ...]]:
    parts, words, pos = [], [], 0
    for n, line in enumerate(lines):
        if n:
            parts.append("\n")
            pos += 1
        for k, w in enumerate(line):
            if k:
                parts.append(" ")
                pos += 1
            words.append(Word(w.text, pos, pos + len(w.text), w.bbox, w.confidence, w.block, w.line))
            parts.append(w.text)
            pos += len(w.text)
    return "".join(parts), tuple(words)


def test_only_short_latin_words_inside_right_to_left_lines_are_candidates() -> None:
    text, words = _page(
        [
            _line(["ج:", "من", "در", "Ghai\u200f", "بازداشت", "شدم."], 1),
            _line(["رقم", "جواز", "سفري:", "N008812345"], 2),  # a document number: digits, left alone
            _line(["Registered", "with", "UNHCR", "in", "2020"], 3),  # a Latin line: left alone
        ]
    )
    assert [words[i].text for i in rtl.candidates(words)] == ["Ghai\u200f"]


def test_a_line_with_as_many_latin_words_as_arabic_ones_is_left_alone() -> None:
    _, words = _page([_line(["UNHCR", "Karimi", "مفوضية", "اللاجئين"])])
    assert rtl.candidates(words) == []


def test_the_arabic_script_reading_wins_only_when_it_is_one_confident_word_in_that_script() -> None:
    assert rtl.accept("تهران", 0.91, 0.73)
    assert not rtl.accept("تهران", 0.91, 0.95)  # the Latin reading of the crop is surer: a real Latin word
    assert not rtl.accept("تهران", 0.4, None)  # too unsure to replace anything
    assert not rtl.accept("0+4", 0.9, 0.2)  # digits: neither pack reads Arabic-Indic digits reliably
    assert not rtl.accept("عبد Al", 0.9, 0.2)  # two words, one still Latin
    assert not rtl.accept("", 0.9, 0.2)


def test_the_pack_read_again_is_the_right_to_left_one_and_only_beside_another_pack() -> None:
    assert rtl.rtl_pack("fas+eng") == "fas"
    assert rtl.rtl_pack("ara+eng") == "ara"
    assert rtl.rtl_pack("ara") is None  # nothing to confuse it with
    assert rtl.rtl_pack("jpn+eng") is None


def test_the_splice_keeps_every_word_on_its_characters_and_box() -> None:
    text, words = _page([_line(["اس", "کے", "چھوٹے", "Slay\u200f", "شاہ", "میر", "کو", "اغوا"])])
    (i,) = rtl.candidates(words)
    new_text, new_words = rtl.splice(text, words, {i: ("بھائی", 0.88)})
    assert new_text == "اس کے چھوٹے بھائی شاہ میر کو اغوا"
    assert all(new_text[w.start : w.end] == w.text for w in new_words)
    assert [w.bbox for w in new_words] == [w.bbox for w in words]
    assert new_words[i].confidence == 0.88
    assert rtl.splice(text, words, {}) == (text, words)


def test_the_crop_is_padded_and_kept_inside_the_image() -> None:
    assert rtl.crop_box(BBox(2, 3, 50, 40), 48, 100) == (0, 0, 48, 46)
