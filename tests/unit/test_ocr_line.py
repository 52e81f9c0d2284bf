"""A narrow image of one text line is read as a line (Tesseract --psm 7), not laid out as a page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from examiner_app.extraction.ocr import SINGLE_LINE_PSM, TesseractEngine, looks_like_one_line

FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="fonts-noto-core is not installed")


def tight_line(text: str, size: int = 28, margin: int = 2) -> Image.Image:
    """One line cropped close around its ink, as a field cut out of a form or a caption is."""
    font = ImageFont.truetype(str(FONT), size)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("L", (right + 2 * margin, bottom - top + 2 * margin), 255)
    ImageDraw.Draw(image).text((margin, margin - top), text, font=font, fill=0)
    return image


def paragraph(lines: int) -> Image.Image:
    font = ImageFont.truetype(str(FONT), 28)
    image = Image.new("L", (900, 40 + 50 * lines), 255)
    draw = ImageDraw.Draw(image)
    for number in range(lines):
        draw.text((20, 20 + 50 * number), "She travelled through Iran and Turkey by bus", font=font, fill=0)
    return image


@needs_font
def test_a_cropped_line_looks_like_one_line() -> None:
    assert looks_like_one_line(tight_line("Passport number P1234567 issued 4 May 2019"))
    assert looks_like_one_line(tight_line("Colombo 7", margin=10))
    # Dots and accents above the letters do not make a second line.
    assert looks_like_one_line(tight_line("Mérida, Düzce, Gjirokastër, Ñuñoa", size=40))


@needs_font
def test_two_lines_a_page_or_a_blank_image_are_not_one_line() -> None:
    assert not looks_like_one_line(paragraph(2))  # wide enough, but two bands of ink
    assert not looks_like_one_line(paragraph(12))  # a page: not wide enough for one line
    assert not looks_like_one_line(Image.new("L", (900, 60), 255))  # nothing written
    line_with_margin = Image.new("L", (900, 400), 255)
    line_with_margin.paste(tight_line("Colombo 7"), (20, 180))
    assert not looks_like_one_line(line_with_margin)  # one line on a mostly empty sheet: left to page layout


@needs_tesseract
@needs_font
@pytest.mark.slow
@pytest.mark.parametrize("languages", ["eng", None])
def test_a_short_tight_line_is_read_as_a_line(languages: str | None) -> None:
    image = tight_line("Colombo 7")
    # Measured with Tesseract 5.3: page layout (psm 3) finds no text block in this crop and returns nothing.
    as_page = TesseractEngine(line_mode=False).read(image, languages)
    as_line = TesseractEngine().read(image, languages)
    assert as_line.text == "Colombo 7"
    assert as_line.engine.endswith("+line")
    assert len(as_line.words) > len(as_page.words)
    assert all(w.bbox is not None and w.bbox.x1 <= image.width for w in as_line.words)


@needs_tesseract
@needs_font
@pytest.mark.slow
def test_a_page_keeps_page_layout() -> None:
    result = TesseractEngine().read(paragraph(6), "eng")
    assert "+line" not in result.engine
    assert result.text.count("Turkey") == 6
    assert SINGLE_LINE_PSM == 7
