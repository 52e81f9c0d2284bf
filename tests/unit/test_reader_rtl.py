"""Right-to-left text layers: visual order and presentation forms back to logical text, boxes kept."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bidi import get_display

from examiner_app.domain import PageSource
from examiner_app.extraction import bidi
from examiner_app.extraction import pdf as pdf_module
from examiner_app.extraction.reader import ReadOptions, read_document
from examiner_app.progress import NullProgress

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Arabic presentation forms and Latin in one font

PURE_RTL = "مرحبا بالعالم في بغداد"
MIXED = "ولدت في 12 مارس 1990 في Kabul مع عائلتي"
LTR_WITH_ARABIC = "The city بغداد is big"

_NOT_JOINING_LEFT = set("اأإآدذرزوؤةى")


def shape(text: str) -> str:
    """Arabic letters -> contextual presentation forms, as a PDF producer's shaping leaves them."""

    def arabic(char: str) -> bool:
        return "\u0621" <= char <= "\u064a"

    out = []
    for i, char in enumerate(text):
        if not arabic(char):
            out.append(char)
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        joins_before = arabic(before) and before not in _NOT_JOINING_LEFT
        joins_after = arabic(after) and char not in _NOT_JOINING_LEFT
        form = {(False, False): "ISOLATED", (False, True): "INITIAL", (True, True): "MEDIAL", (True, False): "FINAL"}[
            (joins_before, joins_after)
        ]
        for name in (f"{unicodedata.name(char)} {form} FORM", f"{unicodedata.name(char)} ISOLATED FORM"):
            try:
                out.append(unicodedata.lookup(name))
                break
            except KeyError:
                continue
        else:
            out.append(char)
    return "".join(out)


def visual(logical: str) -> str:
    """What a producer draws left to right: shaped glyphs in display order."""
    direction = bidi.paragraph_direction(logical)
    result = get_display(shape(logical), base_dir=direction)
    assert isinstance(result, str)
    return result


# --- the algorithm -------------------------------------------------------------------------------


def test_presentation_forms_fold_to_letters_and_nothing_else_changes() -> None:
    assert bidi.normalize_presentation_forms(shape("بغداد")) == "بغداد"
    assert bidi.normalize_presentation_forms("ﻻ") == "لا"
    assert bidi.normalize_presentation_forms("ﬁle") == "file"
    assert bidi.normalize_presentation_forms("１２³ ｶﾅ") == "１２³ ｶﾅ"  # full-width, superscript, half-width kana kept


@pytest.mark.parametrize("logical", [PURE_RTL, MIXED, LTR_WITH_ARABIC, "رقم الهاتف 0770 123 4567 في أربيل"])
def test_visual_line_back_to_logical(logical: str) -> None:
    assert visual(logical) != logical
    assert bidi.visual_to_logical(visual(logical)) == logical


def test_latin_lines_are_untouched() -> None:
    assert bidi.visual_to_logical("Born 12 March 1990 (Herat)") == "Born 12 March 1990 (Herat)"


@pytest.mark.parametrize("logical", [PURE_RTL, MIXED, LTR_WITH_ARABIC])
def test_words_reordered_with_exact_spans_and_links_to_their_boxes(logical: str) -> None:
    drawn = visual(logical).split(" ")
    line, words = bidi.reorder_words(drawn)
    assert line == logical
    assert [w.text for w in words] == logical.split(" ")
    for word in words:
        assert line[word.start : word.end] == word.text
        # the link back to the drawn word (and so to its box) holds
        assert bidi.visual_to_logical(drawn[word.visual_index]) == word.text


def test_paragraph_direction_counts_letters_not_the_first_one() -> None:
    assert bidi.paragraph_direction("Kabul في بغداد مع عائلتي") == "R"
    assert bidi.paragraph_direction("The city بغداد is big") == "L"


# --- PDFs ----------------------------------------------------------------------------------------


def rtl_pdf(path: Path, lines: list[str]) -> Path:
    """Lines drawn in visual order with presentation forms, as common producers write Arabic."""
    from fpdf import FPDF

    document = FPDF(unit="pt", format="A4")
    document.add_font("dejavu", fname=str(DEJAVU))
    document.add_page()
    document.set_font("dejavu", size=16)
    for number, line in enumerate(lines):
        document.set_xy(72, 72 + 30 * number)
        document.cell(text=visual(line))
    document.output(str(path))
    return path


LINES = [PURE_RTL, MIXED, LTR_WITH_ARABIC]


def test_rtl_pdf_reads_in_logical_order_through_the_reader(tmp_path: Path) -> None:
    path = rtl_pdf(tmp_path / "arabic.pdf", LINES)
    [read] = list(read_document(path, ReadOptions(ocr_enabled=False), NullProgress()))
    page = read.page
    assert page.source is PageSource.TEXT_LAYER
    assert page.text.split("\n") == LINES
    assert all(page.text[w.start : w.end] == w.text for w in page.words)
    assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in page.text)  # no presentation forms left
    baghdad = [w for w in page.words if w.text == "بغداد"]
    assert len(baghdad) == 2
    assert all(w.bbox is not None for w in baghdad)


def test_rtl_pdf_through_pdfplumber_needs_and_gets_the_bidi_fix(tmp_path: Path) -> None:
    path = rtl_pdf(tmp_path / "arabic.pdf", LINES)
    import pdfplumber

    with pdfplumber.open(path) as document:
        raw = document.pages[0].extract_text()
    assert raw.split("\n")[0] != PURE_RTL  # reversed and in presentation forms, as the field notes say
    text, words = pdf_module.text_layer_pdfplumber(path, 0, 150 / 72)
    assert text.split("\n") == LINES
    assert all(text[w.start : w.end] == w.text for w in words)
    # A word keeps its own box: the first logical word of an RTL line is drawn rightmost.
    first_line = [w for w in words if w.start < len(PURE_RTL)]
    assert first_line[0].text == "مرحبا"
    assert first_line[0].bbox is not None
    assert all(w.bbox is not None and first_line[0].bbox.x0 > w.bbox.x0 for w in first_line[1:])
