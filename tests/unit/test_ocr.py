"""OCR engine: page-text building, script -> packs, dependency checks, and real Tesseract on rendered pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from examiner_app.domain import BBox
from examiner_app.errors import MissingDependencyError
from examiner_app.extraction import ocr
from examiner_app.extraction.ocr import NullOcrEngine, TesseractEngine, build_page_text, packs_for_script

FONTS = Path("/usr/share/fonts/truetype/noto")
LATIN_FONT = FONTS / "NotoSans-Regular.ttf"
ARABIC_FONT = FONTS / "NotoNaskhArabic-Regular.ttf"

ENGLISH_LINES = (
    "The applicant states that she left Kabul",
    "in March 2019 after her brother was arrested.",
    "She travelled through Iran and Turkey",
    "before arriving in Greece by boat.",
)
ARABIC_LINES = (
    "غادرت مدينة بغداد في شهر مارس",
    "بعد أن اعتقلت الشرطة أخي الأكبر",
    "وسافرت عبر تركيا إلى اليونان",
)

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def render_lines(
    lines: tuple[str, ...] | list[str],
    font_path: Path = LATIN_FONT,
    size: int = 40,
    width: int = 1400,
    rtl: bool = False,
) -> Image.Image:
    """A clean synthetic scan: black text on white, one line per entry (Pillow shapes Arabic with raqm)."""
    font = ImageFont.truetype(str(font_path), size)
    line_height = int(size * 1.8)
    image = Image.new("L", (width, 80 + line_height * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        y = 40 + number * line_height
        if rtl:
            draw.text((width - 60, y), line, font=font, fill=0, anchor="ra", direction="rtl")
        else:
            draw.text((60, y), line, font=font, fill=0)
    return image


# --- pure functions ------------------------------------------------------------------------------


def _tsv(rows: list[tuple[int, int, int, int, str, float]]) -> dict[str, list[object]]:
    """A pytesseract DICT with word rows (block, par, line, word, text, conf) plus one non-word row."""
    data: dict[str, list[object]] = {
        k: []
        for k in (
            "level",
            "block_num",
            "par_num",
            "line_num",
            "word_num",
            "left",
            "top",
            "width",
            "height",
            "conf",
            "text",
        )
    }

    def add(level: int, block: int, par: int, line: int, word: int, text: str, conf: float) -> None:
        for key, value in (
            ("level", level),
            ("block_num", block),
            ("par_num", par),
            ("line_num", line),
            ("word_num", word),
            ("left", 10 * word),
            ("top", 20 * line),
            ("width", 9),
            ("height", 12),
            ("conf", conf),
            ("text", text),
        ):
            data[key].append(value)

    add(1, 0, 0, 0, 0, "", -1)  # the page row
    for block, par, line, word, text, conf in rows:
        add(5, block, par, line, word, text, conf)
    return data


def test_build_page_text_joins_words_lines_and_blocks_with_exact_offsets() -> None:
    data = _tsv(
        [
            (1, 1, 1, 1, "Name:", 96.0),
            (1, 1, 1, 2, "Kamal", 91.5),
            (1, 1, 2, 1, "Born", 88.0),
            (1, 2, 1, 1, "1990", 80.0),  # a new paragraph in the same block: a new line
            (1, 2, 1, 2, " ", 95.0),  # empty words are dropped
            (2, 1, 1, 1, "Colombo", 42.0),
            (2, 1, 1, 2, "ghost", -1.0),  # conf -1: not a word
        ]
    )
    text, words = build_page_text(data)
    assert text == "Name: Kamal\nBorn\n1990\n\nColombo"
    assert [w.text for w in words] == ["Name:", "Kamal", "Born", "1990", "Colombo"]
    assert all(text[w.start : w.end] == w.text for w in words)
    assert [(w.block, w.line) for w in words] == [(1, 1), (1, 1), (1, 2), (1, 3), (2, 1)]
    assert words[0].confidence == pytest.approx(0.96)
    assert words[1].bbox == BBox(20, 20, 29, 32)
    assert ocr.mean_confidence(words) == pytest.approx((0.96 + 0.915 + 0.88 + 0.80 + 0.42) / 5)


def test_build_page_text_of_nothing_is_empty() -> None:
    assert build_page_text(_tsv([])) == ("", ())
    assert ocr.mean_confidence(()) is None


def test_packs_for_script_keeps_installed_packs_and_adds_english_to_other_scripts() -> None:
    installed = frozenset({"eng", "ara", "jpn", "osd"})
    assert packs_for_script("Latin", installed) == "eng"
    assert packs_for_script("Arabic", installed) == "ara+eng"
    assert packs_for_script("Japanese", installed) == "jpn+eng"
    assert packs_for_script("Ethiopic", installed) == ""  # no amh/tir pack: the caller falls back and logs
    assert packs_for_script("Klingon", installed) == ""


def test_rotate_upright_turns_clockwise_like_osd_asks() -> None:
    image = Image.new("L", (40, 10), 255)
    image.putpixel((0, 0), 0)  # top-left
    turned = ocr.rotate_upright(image, 90)
    assert turned.size == (10, 40)
    assert turned.getpixel((9, 0)) == 0  # clockwise: top-left goes to top-right
    assert ocr.rotate_upright(image, 0) is image


def test_missing_pack_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "_tesseract_binary", lambda: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "installed_languages", lambda refresh=False: frozenset({"eng", "osd"}))
    ocr.check_tesseract("eng")
    ocr.check_tesseract(None)
    with pytest.raises(MissingDependencyError, match=r"apt-get install tesseract-ocr-ara tesseract-ocr-chi-sim"):
        ocr.check_tesseract("eng+ara+chi_sim")


def test_missing_tesseract_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoBinary:
        def __call__(self) -> None:
            return None

        def cache_clear(self) -> None:
            return None

    monkeypatch.setattr(ocr, "_tesseract_binary", NoBinary())
    with pytest.raises(MissingDependencyError, match=r"apt-get install tesseract-ocr "):
        TesseractEngine().check(None)


def test_null_engine_reads_nothing() -> None:
    result = NullOcrEngine().read(Image.new("L", (10, 10), 255), None)
    assert (result.text, result.words, result.mean_confidence, result.rotation) == ("", (), None, 0)


# --- real Tesseract --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _one_openmp_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")  # what the workers set: 5x faster on 2 cores


@needs_tesseract
@pytest.mark.slow
def test_english_page_is_read_with_words_boxes_and_confidences() -> None:
    image = render_lines(ENGLISH_LINES)
    result = TesseractEngine().read(image, None)
    assert result.languages == "eng"
    assert result.rotation == 0
    assert result.engine.startswith("tesseract@5")
    for expected in ("applicant", "Kabul", "2019", "arrested", "Turkey", "Greece"):
        assert expected in result.text
    assert result.text.count("\n") >= 3  # four lines
    assert all(result.text[w.start : w.end] == w.text for w in result.words)
    assert all(w.bbox is not None and 0 <= w.bbox.x0 < w.bbox.x1 <= image.width for w in result.words)
    assert all(w.confidence is not None and 0.0 <= w.confidence <= 1.0 for w in result.words)
    assert result.mean_confidence is not None
    assert result.mean_confidence > 0.8
    kabul = next(w for w in result.words if w.text.startswith("Kabul"))
    assert kabul.bbox is not None
    assert kabul.bbox.y0 < 120


@needs_tesseract
@pytest.mark.slow
def test_arabic_page_script_is_detected_and_read_with_the_arabic_pack() -> None:
    if "ara" not in ocr.installed_languages():
        pytest.skip("tesseract-ocr-ara is not installed")
    result = TesseractEngine().read(render_lines(ARABIC_LINES, ARABIC_FONT, size=44, rtl=True), None)
    assert result.languages == "ara+eng"
    for expected in ("بغداد", "الشرطة", "تركيا"):
        assert expected in result.text
    assert all(result.text[w.start : w.end] == w.text for w in result.words)


@needs_tesseract
@pytest.mark.slow
def test_page_turned_90_degrees_is_detected_turned_back_and_read() -> None:
    upright = render_lines(ENGLISH_LINES * 2)
    sideways = upright.rotate(90, expand=True)  # counter-clockwise, as a scanner feeding landscape would
    result = TesseractEngine().read(sideways, None)
    assert result.rotation == 90
    assert "applicant" in result.text
    assert "Greece" in result.text
    # Boxes refer to the image after rotation: upright size, not the sideways one.
    assert max(w.bbox.x1 for w in result.words if w.bbox) <= upright.width
    assert max(w.bbox.y1 for w in result.words if w.bbox) <= upright.height


@needs_tesseract
@pytest.mark.slow
def test_chosen_languages_still_catch_an_upside_down_page() -> None:
    upside_down = render_lines(ENGLISH_LINES * 2).rotate(180)
    result = TesseractEngine().read(upside_down, "eng")
    assert result.rotation == 180
    assert "travelled" in result.text


@needs_tesseract
@pytest.mark.slow
def test_real_latin_words_in_an_arabic_page_keep_their_reading_when_latin_misreadings_are_read_again() -> None:
    if "ara" not in ocr.installed_languages():
        pytest.skip("tesseract-ocr-ara is not installed")
    # DejaVu Sans draws Arabic and Latin letters (Noto Naskh has no Latin glyphs: boxes that read as "DODD")
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("fonts-dejavu-core is not installed")
    lines = (*ARABIC_LINES, "سجلت لدى مكتب UNHCR في أنقرة ثم قابلت المحامي Smith هناك")
    result = TesseractEngine().read(render_lines(lines, font, size=44, rtl=True), None)
    assert "UNHCR" in result.text
    assert "Smith" in result.text
    assert "أنقرة" in result.text
    assert all(result.text[w.start : w.end] == w.text for w in result.words)
