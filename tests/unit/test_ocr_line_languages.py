"""Automatic languages on single lines, the cheap page-language refinement, and the lazy ``ocr`` command (issue 17)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from examiner_app.extraction import ocr
from examiner_app.extraction.ocr import TesseractEngine, page_language_packs

pytestmark = pytest.mark.skipif(ocr._tesseract_binary() is None, reason="tesseract not installed")

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "ocr-tesseract-test-pages"
if not SHARED.exists():
    SHARED = Path("/work/shared/data/ocr-tesseract-test-pages")
SAMPLES = ROOT / "resources" / "samples"


def _lines(image: Image.Image, truth: str) -> list[tuple[Image.Image, str]]:
    sys.path.insert(0, str(ROOT / "evaluation"))
    from ocr_real_eval import cut_lines

    lines = [line.strip() for line in truth.splitlines() if line.strip()]
    crops = cut_lines(image, lines)
    assert crops is not None, "the ink bands should match the truth's lines"
    return list(zip(crops, lines, strict=True))


@pytest.fixture(scope="module")
def phototest_line() -> tuple[Image.Image, str]:
    if not (SHARED / "phototest.tif").exists():
        pytest.skip("shared test pages not present")
    truth = (SHARED / "phototest.txt").read_text(encoding="utf-8")
    return _lines(Image.open(SHARED / "phototest.tif"), truth)[0]


def test_english_line_is_read_with_english_and_no_osd(
    phototest_line: tuple[Image.Image, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    image, truth = phototest_line

    def no_osd(self: TesseractEngine, image: Image.Image) -> None:
        raise AssertionError("OSD must not run on a single line")

    monkeypatch.setattr(TesseractEngine, "_osd", no_osd)
    result = TesseractEngine().read(image, None)
    assert result.languages == "eng"
    assert "+line" in result.engine
    assert result.text.split() == truth.split()


def test_tamil_line_gets_the_tamil_pack_without_being_told() -> None:
    if "tam" not in ocr.installed_languages():
        pytest.skip("no Tamil pack")
    truth_file = json.loads((SAMPLES / "lk-journalist-en" / "ground_truth.json").read_text(encoding="utf-8"))
    (page,) = [p for d in truth_file["documents"] if d["file"] == "letter_from_mother_ta.png" for p in d["pages"]]
    from examiner_app.extraction import deskew

    image = Image.open(SAMPLES / "lk-journalist-en" / "letter_from_mother_ta.png").convert("L")
    skew = deskew.estimate_skew(image)
    image = deskew.straighten(image, skew.angle) if skew.worth_correcting else image
    crop, line = _lines(image, page["text"])[2]  # "அன்புள்ள மகள் கவிதாவுக்கு,"
    assert not line.isascii()
    result = TesseractEngine().read(crop, None)
    assert result.languages.split("+")[0] == "tam"
    assert "+line" in result.engine
    told = TesseractEngine().read(crop, "tam")
    assert result.text == told.text or result.mean_confidence >= (told.mean_confidence or 0.0)


def test_a_non_latin_pack_reading_latin_letters_is_no_evidence(phototest_line: tuple[Image.Image, str]) -> None:
    image, _ = phototest_line
    reading = TesseractEngine()._data(ocr._Page(image, 0, 0.0, ocr.SINGLE_LINE_PSM), "eng")
    assert ocr._reading_script(reading) == "Latin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This is a lot of 12 point text to test the ocr code and see if it works on all types of file format.", "eng"),
        ("Le renard brun rapide saute par-dessus le chien paresseux. La volpe marrone rapida salta.", "fra+eng"),
        ("میرا نام نوید احمد چوہدری ہے۔ میں 9 نومبر 1987 کو ربوہ، ضلع چنیوٹ، پاکستان میں پیدا ہوا۔", "urd+eng"),
        ("நான் இங்கு நலமாக இருக்கிறேன். நீ ஜப்பானில் பாதுகாப்பாக இருப்பாய் என்று நம்புகிறேன்.", "tam+eng"),
    ],
)
def test_page_language_packs(text: str, expected: str) -> None:
    installed = ocr.installed_languages()
    if not set(expected.split("+")) <= installed:
        pytest.skip("pack not installed")
    assert page_language_packs(text) == expected


def test_ocr_text_output_loads_no_language_detectors(phototest_line: tuple[Image.Image, str], tmp_path: Path) -> None:
    image, truth = phototest_line
    path = tmp_path / "line.png"
    image.save(path)
    script = (
        "import sys, io, contextlib\n"
        "from examiner_app.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = main(['ocr', {str(path)!r}])\n"
        "loaded = [m for m in sys.modules if m.startswith(('examiner_app.extraction.language', 'langdetect',"
        " 'py3langid', 'wordfreq', 'lingua'))]\n"
        "print(code, loaded, repr(out.getvalue()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, timeout=300
    )
    code, rest = done.stdout.split(" ", 1)
    assert code == "0"
    assert rest.startswith("[]"), rest
    assert truth.split()[0] in rest
