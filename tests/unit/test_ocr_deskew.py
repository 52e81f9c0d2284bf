"""Small-angle deskew: the angle is found by projection profile, the page straightened, word boxes mapped back."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from examiner_app.domain import BBox
from examiner_app.extraction import deskew
from examiner_app.extraction.ocr import TesseractEngine

FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
STATEMENT = (
    "The applicant states that she left her home town in March 2019 after her brother was arrested by the "
    "police. She travelled through Iran and Turkey before arriving in Greece by boat on 4 May 2019. Her "
    "passport number was P1234567 and it was taken by the smuggler in Istanbul. She fears persecution because "
    "of her political opinion and her membership of a particular social group."
)

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="fonts-noto-core is not installed")


def statement_page() -> tuple[Image.Image, str]:
    """A clean rendered page of running text (lines of ~60 characters) and its text."""
    font = ImageFont.truetype(str(FONT), 36)
    lines, line = [], ""
    for word in STATEMENT.split():
        if len(line) + len(word) + 1 > 60:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    image = Image.new("L", (1400, 100 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, text in enumerate(lines):
        draw.text((60, 50 + number * 60), text, font=font, fill=0)
    return image, "\n".join(lines)


def word_f1(truth: str, read: str) -> float:
    expected, found = Counter(truth.split()), Counter(read.split())
    hits = sum((expected & found).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(found.values()), hits / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def turned(image: Image.Image, degrees: float) -> Image.Image:
    """``image`` turned counter-clockwise (negative: clockwise), as a crooked feed leaves a scan."""
    return image.rotate(degrees, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


# --- estimation ------------------------------------------------------------------------------------


@needs_font
@pytest.mark.parametrize("degrees", [3.0, -3.0, 7.5, -1.2])
def test_the_skew_of_a_turned_page_is_found_to_a_tenth_of_a_degree(degrees: float) -> None:
    page, _ = statement_page()
    skew = deskew.estimate_skew(turned(page, degrees))
    assert skew.angle == pytest.approx(-degrees, abs=0.1)
    assert skew.worth_correcting


@needs_font
def test_a_straight_page_is_left_alone() -> None:
    page, _ = statement_page()
    skew = deskew.estimate_skew(page)
    assert abs(skew.angle) < deskew.MIN_SKEW
    assert not skew.worth_correcting


def test_a_blank_page_has_no_skew() -> None:
    skew = deskew.estimate_skew(Image.new("L", (800, 1000), 255))
    assert skew == deskew.Skew(0.0, 1.0)
    assert not skew.worth_correcting


def test_straightened_size_is_pillows_expanded_canvas() -> None:
    for size, angle in (((1400, 800), 3.0), ((641, 479), -2.35), ((2480, 3508), 0.55), ((90, 33), -9.95)):
        expected = Image.new("L", size).rotate(angle, expand=True).size
        assert deskew.straightened_size(size, angle) == expected


def test_a_box_on_the_straightened_page_maps_back_onto_the_page_as_given() -> None:
    page = Image.new("L", (900, 600), 255)
    page.paste(0, (300, 200, 340, 220))  # a dark "word" on the skewed page
    straight = deskew.straighten(page, -4.0)
    ys, xs = np.nonzero(np.asarray(straight) < 128)
    box = BBox(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    back = deskew.unskew_box(box, -4.0, page.size, straight.size)
    # The mapped box encloses the original word, a pixel or two larger from resampling, never shifted.
    assert 296 <= back.x0 <= 300
    assert 196 <= back.y0 <= 200
    assert 340 <= back.x1 <= 344
    assert 220 <= back.y1 <= 224


def test_boxes_are_clipped_to_the_page() -> None:
    back = deskew.unskew_box(BBox(0, 0, 40, 40), 5.0, (100, 100), deskew.straightened_size((100, 100), 5.0))
    assert 0 <= back.x0 <= back.x1 <= 100
    assert 0 <= back.y0 <= back.y1 <= 100


# --- with Tesseract --------------------------------------------------------------------------------


@needs_tesseract
@needs_font
@pytest.mark.slow
def test_deskew_raises_word_f1_on_a_page_turned_3_degrees() -> None:
    page, truth = statement_page()
    skewed = turned(page, -3.0)  # 3 degrees clockwise: Tesseract 5.3 alone drops and garbles words here
    without = TesseractEngine(deskew=False).read(skewed, "eng")
    with_deskew = TesseractEngine().read(skewed, "eng")
    assert with_deskew.skew == pytest.approx(3.0, abs=0.1)
    assert with_deskew.engine.endswith("+deskew")
    assert word_f1(truth, with_deskew.text) > word_f1(truth, without.text)
    assert word_f1(truth, with_deskew.text) >= 0.98
    # Boxes refer to the image as given (what the viewer shows), and each encloses its word's ink.
    ink = np.asarray(skewed) < 128
    for word in with_deskew.words:
        assert word.bbox is not None
        assert 0 <= word.bbox.x0 < word.bbox.x1 <= skewed.width
        assert 0 <= word.bbox.y0 < word.bbox.y1 <= skewed.height
        assert ink[word.bbox.y0 : word.bbox.y1, word.bbox.x0 : word.bbox.x1].any()
    # The box of a word sits where that word is on the skewed page: the straight page's box, turned by 3 degrees
    # about the centre, has the same centre (within a few pixels).
    straight = TesseractEngine().read(page, "eng")
    for result in (straight, with_deskew):
        assert any(w.text.startswith("P1234567") for w in result.words)
    expected = next(w.bbox for w in straight.words if w.text.startswith("P1234567"))
    found = next(w.bbox for w in with_deskew.words if w.text.startswith("P1234567"))
    assert expected is not None
    assert found is not None
    where = deskew.unskew_box(expected, 3.0, skewed.size, page.size)
    assert abs((where.x0 + where.x1) - (found.x0 + found.x1)) / 2 <= 6
    assert abs((where.y0 + where.y1) - (found.y0 + found.y1)) / 2 <= 6


@needs_tesseract
@needs_font
@pytest.mark.slow
def test_a_straight_page_is_read_without_deskew() -> None:
    page, truth = statement_page()
    result = TesseractEngine().read(page, "eng")
    assert result.skew == 0.0
    assert "+deskew" not in result.engine
    assert word_f1(truth, result.text) >= 0.98
