"""Tesseract in process (its C API) reads exactly what the CLI reads, and falls back to the CLI without it."""

from __future__ import annotations

import pytest

from examiner_app.errors import MissingDependencyError
from examiner_app.extraction import ocr
from examiner_app.extraction.ocr import TesseractEngine, rotate_upright

from .test_ocr import ENGLISH_LINES, needs_tesseract, render_lines

pytestmark = [needs_tesseract, pytest.mark.slow]

needs_library = pytest.mark.skipif(ocr._libtesseract() is None, reason="libtesseract is not loadable")


def _read_both(monkeypatch: pytest.MonkeyPatch, read: object) -> tuple[object, object]:
    assert callable(read)
    in_process = read()
    monkeypatch.setattr(ocr, "_libtesseract", lambda: None)
    return in_process, read()


@needs_library
def test_the_library_reads_the_same_words_and_boxes_as_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    page = render_lines(ENGLISH_LINES * 3)
    in_process, cli = _read_both(monkeypatch, lambda: TesseractEngine().read(page, "eng"))
    assert isinstance(in_process, ocr.OcrResult)
    assert isinstance(cli, ocr.OcrResult)
    assert in_process.words == cli.words
    assert in_process.text == cli.text
    assert "Kabul" in in_process.text


@needs_library
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_the_library_finds_the_same_orientation_and_script_as_the_cli(
    monkeypatch: pytest.MonkeyPatch, rotation: int
) -> None:
    # Turned back by ``rotation`` clockwise, the page is upright: OSD must ask for that turn.
    turned = rotate_upright(render_lines(ENGLISH_LINES * 3), (360 - rotation) % 360)
    in_process, cli = _read_both(monkeypatch, lambda: TesseractEngine()._osd(turned))
    assert in_process == cli
    assert isinstance(in_process, ocr._Osd)
    assert in_process.rotation == rotation
    assert in_process.script == "Latin"


@needs_library
def test_a_missing_language_pack_is_named_with_its_package() -> None:
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-xyz"):
        TesseractEngine().read(render_lines(ENGLISH_LINES), "xyz")


@needs_library
def test_too_little_text_for_osd_gives_no_orientation() -> None:
    from PIL import Image

    assert TesseractEngine()._osd(Image.new("L", (600, 400), 255)) is None


@needs_library
def test_a_bilevel_scan_is_read_from_its_bits_as_from_its_grey_copy() -> None:
    bilevel = render_lines(ENGLISH_LINES * 3).convert("1")
    from_bits = TesseractEngine().read(bilevel, None)
    from_grey = TesseractEngine().read(bilevel.convert("L"), None)
    assert from_bits.words == from_grey.words
    assert from_bits.languages == from_grey.languages == "eng"
    assert "Kabul" in from_bits.text
