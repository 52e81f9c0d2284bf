"""Display images of text-layer PDF pages: grey pages stored losslessly as a grey palette, colour kept."""

from __future__ import annotations

import dataclasses
import io
import pickle
from pathlib import Path

import numpy as np
from PIL import Image

from examiner_app.domain import BBox, Word
from examiner_app.extraction import registry
from examiner_app.extraction.images import encode_display_png
from examiner_app.extraction.ocr import NullOcrEngine, OcrResult
from examiner_app.extraction.reader import ReadOptions


def make_pdf(path: Path, colour: tuple[int, int, int]) -> Path:
    from fpdf import FPDF

    document = FPDF(unit="pt", format="A4")
    document.add_page()
    document.set_font("helvetica", size=14)
    document.set_text_color(*colour)
    document.cell(text="Date of birth: 12 March 1990")
    document.output(str(path))
    return path


def test_a_black_on_white_page_is_stored_as_an_exact_grey_palette(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "grey.pdf", (0, 0, 0))
    page, png = registry.read_page_task(str(pdf), registry.PDF, 0, ReadOptions(), NullOcrEngine())
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P"
    assert (image.width, image.height) == (page.width, page.height)
    grey = np.asarray(image.convert("L"))
    assert grey.min() == 0  # the text ...
    assert grey.max() == 255  # ... and the paper, with the anti-aliased levels between
    assert "Date of birth" in page.text


def test_a_page_with_colour_keeps_it(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "red.pdf", (200, 0, 0))
    _, png = registry.read_page_task(str(pdf), registry.PDF, 0, ReadOptions(), NullOcrEngine())
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = np.asarray(image).reshape(-1, 3)
    red = pixels[(pixels[:, 0] > 150) & (pixels[:, 1] < 80)]
    assert len(red) > 50


def test_grey_palette_round_trips_every_level() -> None:
    levels = np.tile(np.arange(256, dtype=np.uint8), (8, 1))
    png = encode_display_png(Image.fromarray(levels))
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("L")), levels)


def test_words_cross_process_boundaries_unchanged() -> None:
    words = [Word("Perera", 6, 12, BBox(1, 2, 3, 4), 0.5, 1, 2), Word("x", 0, 1, None)]
    assert pickle.loads(pickle.dumps(words)) == words


class _TurnedEngine(NullOcrEngine):
    """An engine that says the page was upright only after a quarter turn (as OSD does for a sideways scan)."""

    def read(self, image: Image.Image, languages: str | None) -> OcrResult:
        return dataclasses.replace(super().read(image, languages), rotation=90)


def test_without_page_images_a_text_layer_page_has_the_same_words_boxes_and_size(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "grey.pdf", (0, 0, 0))
    shown, png = registry.read_page_task(str(pdf), registry.PDF, 0, ReadOptions(), NullOcrEngine())
    bare, no_png = registry.read_page_task(str(pdf), registry.PDF, 0, ReadOptions(page_images=False), NullOcrEngine())
    assert png
    assert no_png == b""
    assert (bare.width, bare.height) == (shown.width, shown.height) == Image.open(io.BytesIO(png)).size
    assert bare.words == shown.words
    assert bare.text == shown.text


def test_without_page_images_a_turned_scan_reports_the_upright_size(tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    Image.new("L", (300, 200), 255).save(scan)
    options = ReadOptions(page_images=False)
    page, png = registry.read_page_task(str(scan), "image/png", 0, options, _TurnedEngine())
    assert png == b""
    assert (page.width, page.height) == (200, 300)  # what the image after the engine's quarter turn measures
    shown, shown_png = registry.read_page_task(str(scan), "image/png", 0, ReadOptions(), _TurnedEngine())
    assert (shown.width, shown.height) == (200, 300) == Image.open(io.BytesIO(shown_png)).size
