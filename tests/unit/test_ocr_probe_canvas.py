"""The second-script probe on a sideways page read upright: the OcrError on OCRmyPDF's cardinal pages (issue 17).

Read upright (OSD off, or not confident), the page turned 270° gave 487 poorly read "words", one of them a 760 px
tall sliver of a sideways line. The probe image's rows are as high as its tallest word and there were ~4 words a
row, so it was 2000 x 94,464 px; Tesseract refuses images over 32,767 px and the page failed with
"Tesseract could not read this page". The same geometry, on a real scan turned sideways, must now be read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from examiner_app.domain import BBox, Word
from examiner_app.extraction import ocr
from examiner_app.extraction.ocr import SECOND_SCRIPT_MAX_HEIGHT, OcrResult, TesseractEngine

pytestmark = pytest.mark.skipif(ocr._tesseract_binary() is None, reason="tesseract not installed")

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "ocr-tesseract-test-pages"
if not SHARED.exists():
    SHARED = Path("/work/shared/data/ocr-tesseract-test-pages")


def _weak_reading(image: Image.Image) -> OcrResult:
    """The failing page's weak words: 486 word-sized boxes and one 760 px tall sliver, all poorly read."""
    boxes = [BBox(40 + (i % 30) * 60, 40 + (i // 30) * 50, 80 + (i % 30) * 60, 70 + (i // 30) * 50) for i in range(486)]
    boxes.append(BBox(600, 100, 686, 860))
    words = tuple(Word("x", 2 * i, 2 * i + 1, box, confidence=0.2) for i, box in enumerate(boxes))
    return OcrResult(" ".join("x" for _ in words), words, 0.2, 0, "eng", "tesseract")


def test_probe_of_a_sideways_page_stays_readable() -> None:
    path = SHARED / "phototest.tif"
    if not path.exists():
        pytest.skip("shared test pages not present")
    sideways = Image.open(path).convert("L").rotate(90, expand=True)
    first = _weak_reading(sideways)
    weak = [w.bbox for w in first.words if w.bbox is not None]
    assert (760 + 8) * (len(weak) // 4 + 2) > 32767  # the old probe image: more than Tesseract reads

    canvas = ocr._probe_canvas(sideways, weak)
    assert canvas.height <= SECOND_SCRIPT_MAX_HEIGHT
    assert canvas.height >= 760  # the tallest word still fits a row

    # The probe reads the canvas with English and one pack per installed script; none of them may fail.
    assert TesseractEngine()._second_script(sideways, first) in (None, *(script for script, _ in ocr._PROBE_PACKS))
