"""Photographed pages are evened out before OCR; clean scans are left alone."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from examiner_app.extraction.ocr import flatten_background, looks_photographed


def page(background: np.ndarray) -> Image.Image:
    image = Image.fromarray(background.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for y in range(100, 700, 40):
        draw.text((80, y), "Name: Kamal Perera  Date of birth: 12 March 1990", fill=20)
    return image


def test_a_clean_scan_is_not_flattened() -> None:
    assert not looks_photographed(page(np.full((800, 600), 255.0)))


def test_uneven_light_on_grey_paper_is_flattened_to_white_paper_and_dark_text() -> None:
    ramp = np.linspace(120, 215, 600)[None, :].repeat(800, axis=0)  # a lamp on the left, shadow on the right
    photo = page(ramp)
    assert looks_photographed(photo)
    flat = np.asarray(flatten_background(photo), dtype=np.float32)
    paper = flat[20:80, :]  # a strip without text
    assert paper.mean() > 235
    assert paper.std() < 10
    assert flat.min() < 80  # the text is still there


def test_a_bilevel_scan_with_a_black_photo_block_is_not_flattened() -> None:
    background = np.full((800, 600), 255.0)
    background[300:600, 100:400] = 0  # a printed picture
    assert not looks_photographed(page(background))
