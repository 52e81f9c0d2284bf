"""The document's languages as a hint: later pages skip OSD and the pack comparison, but only when it reads well."""

from __future__ import annotations

from pathlib import Path

import pytest

from examiner_app.extraction import ocr
from examiner_app.extraction.ocr import TesseractEngine
from examiner_app.extraction.reader import ReaderPool, ReadOptions
from examiner_app.progress import NullProgress

from .test_ocr import ARABIC_FONT, ARABIC_LINES, ENGLISH_LINES, needs_tesseract, render_lines

pytestmark = [needs_tesseract, pytest.mark.slow]


def test_a_page_in_the_hinted_language_is_read_with_it_without_osd(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = TesseractEngine()
    calls: list[str] = []
    real_osd = TesseractEngine._osd
    monkeypatch.setattr(TesseractEngine, "_osd", lambda self, path: calls.append(path) or real_osd(self, path))
    result = engine.read_hinted(render_lines(ENGLISH_LINES * 2), "eng")
    assert calls == []
    assert result.languages == "eng"
    assert result.engine.endswith("+hint")
    assert "Greece" in result.text


def test_a_page_in_another_script_ignores_the_hint() -> None:
    if "ara" not in ocr.installed_languages():
        pytest.skip("tesseract-ocr-ara is not installed")
    result = TesseractEngine().read_hinted(render_lines(ARABIC_LINES * 3, ARABIC_FONT, size=44, rtl=True), "eng")
    assert result.languages == "ara+eng"
    assert "+hint" not in result.engine
    assert "بغداد" in result.text


def test_a_rotated_page_ignores_the_hint_and_is_turned_back() -> None:
    sideways = render_lines(ENGLISH_LINES * 2).rotate(90, expand=True)
    result = TesseractEngine().read_hinted(sideways, "eng")
    assert result.rotation == 90
    assert "+hint" not in result.engine
    assert "applicant" in result.text


def test_later_pages_of_a_scan_get_the_first_pages_languages(tmp_path: Path) -> None:
    upright = render_lines(ENGLISH_LINES * 2)
    pages = [upright, upright, upright, upright.rotate(90, expand=True)]
    scan = tmp_path / "statement.tif"
    pages[0].save(scan, save_all=True, append_images=pages[1:], dpi=(300, 300))
    with ReaderPool() as pool:
        read = [r.page for r in pool.read_document(scan, ReadOptions(workers=2), NullProgress())]
    # Pages 1 and 2 start before anything is known; page 3 gets the hint; page 4, turned, reads poorly with it
    # and gets the full automatic choice.
    assert ["+hint" in p.engine for p in read] == [False, False, True, False]
    assert [p.rotation for p in read] == [0, 0, 0, 90]
    assert all("Greece" in p.text for p in read)
