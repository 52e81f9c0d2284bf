"""A Burmese statement scan is read whole: sparse-text mode replaces the page layout's fragments (real Tesseract).

The page is the development statement my-01 rendered as a scan by the evaluation's renderer (Noto Sans Myanmar),
the material the step was measured on (docs/ocr.md): the page layout (--psm 3) reads about a fifth of it."""

from __future__ import annotations

import io
import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.facts_scan import render_pages  # noqa: E402
from examiner_app.extraction.ocr import TesseractEngine, installed_languages  # noqa: E402

pytestmark = pytest.mark.skipif("mya" not in installed_languages(), reason="the Tesseract pack 'mya' is not installed")


def _similarity(truth: str, read: str) -> float:
    return SequenceMatcher(None, "".join(truth.split()), "".join(read.split()), autojunk=False).ratio()


def test_a_burmese_page_is_read_in_sparse_mode_and_nearly_whole() -> None:
    gold = json.loads((ROOT / "evaluation" / "facts" / "gold" / "my-01.json").read_text(encoding="utf-8"))
    assert gold["split"] == "dev"  # never a test-split document
    (page,) = render_pages(gold["text"], "my", seed=1)
    result = TesseractEngine().read(Image.open(io.BytesIO(page)), None)
    assert "mya" in result.languages.split("+")
    assert result.engine.endswith("+sparse"), result.engine
    assert _similarity(gold["text"], result.text) >= 0.9
