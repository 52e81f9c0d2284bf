"""read_document on every format we read, through the real worker processes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from examiner_app.domain import PageSource
from examiner_app.errors import CancelledError, ProcessingTimeoutError
from examiner_app.extraction import pdf as pdf_module
from examiner_app.extraction.reader import ReaderPool, ReadOptions, ReadPage, probe_document, read_document
from examiner_app.progress import NullProgress
from tests.unit.test_ocr import ENGLISH_LINES, LATIN_FONT, needs_tesseract, render_lines

FAST = ReadOptions(ocr_languages="eng", workers=2)
NO_OCR = ReadOptions(ocr_enabled=False, workers=2)


@pytest.fixture(scope="module")
def pool() -> Iterator[ReaderPool]:
    with ReaderPool() as shared:
        yield shared


def read_all(path: Path, options: ReadOptions, pool: ReaderPool, **kwargs: object) -> list[ReadPage]:
    return list(read_document(path, options, NullProgress(), pool=pool, **kwargs))  # type: ignore[arg-type]


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.size


def text_pdf(path: Path, scan: Image.Image | None = None) -> Path:
    """Page 1: a text layer in NotoSans; page 2 (if ``scan``): the scan image only, no text layer."""
    from fpdf import FPDF

    document = FPDF(unit="pt", format="A4")
    document.add_font("noto", fname=str(LATIN_FONT))
    document.add_page()
    document.set_font("noto", size=14)
    document.set_xy(72, 72)
    document.multi_cell(400, 20, "Statement of the applicant\nBorn 12 March 1990 in Herat.\nNationality: Afghan")
    if scan is not None:
        document.add_page()
        document.image(scan, x=36, y=36, w=520)
    document.output(str(path))
    return path


def multipage_tiff(path: Path, words: list[str]) -> Path:
    pages = [render_lines([f"Page {word} of the file", "The applicant signed it."]) for word in words]
    pages[0].save(
        path, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(300, 300)
    )
    return path


# --- PDF -------------------------------------------------------------------------------------------


def test_text_layer_pdf_words_boxes_and_exact_offsets(tmp_path: Path, pool: ReaderPool) -> None:
    path = text_pdf(tmp_path / "statement.pdf")
    assert probe_document(path, NO_OCR, pool=pool).page_count == 1
    [read] = read_all(path, NO_OCR, pool)
    page = read.page
    assert page.source is PageSource.TEXT_LAYER
    assert page.text == "Statement of the applicant\nBorn 12 March 1990 in Herat.\nNationality: Afghan"
    assert page.engine.startswith("pypdfium2@")
    assert page.dpi == 150
    assert (page.width, page.height) == png_size(read.image_png)
    assert [w.text for w in page.words][:4] == ["Statement", "of", "the", "applicant"]
    for word in page.words:
        assert page.text[word.start : word.end] == word.text
        assert word.bbox is not None
        assert word.confidence is None
        assert 0 <= word.bbox.x0 < word.bbox.x1 <= page.width
        assert 0 <= word.bbox.y0 < word.bbox.y1 <= page.height
    # The first word sits where it was drawn: 72 pt (+ fpdf's 1 mm cell margin) from the left and top.
    first = page.words[0].bbox
    assert first is not None
    assert 150 <= first.x0 <= 160
    assert 145 <= first.y0 <= 175
    # Every box agrees with pdfplumber's, an independent reading of the same glyph positions.
    _, reference = pdf_module.text_layer_pdfplumber(path, 0, 150 / 72)
    assert [w.text for w in reference] == [w.text for w in page.words]
    for ours, theirs in zip(page.words, reference, strict=True):
        assert ours.bbox is not None
        assert theirs.bbox is not None
        # Within a side bearing (PDFium measures ink, pdfplumber the advance box): a few pixels at 150 dpi.
        assert abs(ours.bbox.x0 - theirs.bbox.x0) <= 5
        assert abs(ours.bbox.x1 - theirs.bbox.x1) <= 5
        # pdfplumber's box runs down to the font's descent; PDFium's stops nearer the baseline.
        assert abs(ours.bbox.y0 - theirs.bbox.y0) <= 3
        assert theirs.bbox.y1 - 12 <= ours.bbox.y1 <= theirs.bbox.y1 + 2


def test_pdfplumber_cross_check_gives_the_same_words(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "statement.pdf")
    text, words = pdf_module.text_layer_pdfplumber(path, 0, 150 / 72)
    assert text == "Statement of the applicant\nBorn 12 March 1990 in Herat.\nNationality: Afghan"
    assert all(text[w.start : w.end] == w.text for w in words)


@needs_tesseract
@pytest.mark.slow
def test_pdf_page_without_text_layer_is_ocrd(tmp_path: Path, pool: ReaderPool) -> None:
    path = text_pdf(tmp_path / "mixed.pdf", scan=render_lines(ENGLISH_LINES, size=48).convert("RGB"))
    reads = read_all(path, FAST, pool)
    assert [r.page.source for r in reads] == [PageSource.TEXT_LAYER, PageSource.OCR]
    scanned = reads[1].page
    assert scanned.page_number == 2
    assert scanned.dpi == 300
    assert scanned.ocr_languages == "eng"
    assert "applicant" in scanned.text
    assert "Greece" in scanned.text
    assert (scanned.width, scanned.height) == png_size(reads[1].image_png)
    assert all(scanned.text[w.start : w.end] == w.text for w in scanned.words)


# --- images ------------------------------------------------------------------------------------


@needs_tesseract
@pytest.mark.slow
def test_multipage_tiff_pages_come_in_order(tmp_path: Path, pool: ReaderPool) -> None:
    path = multipage_tiff(tmp_path / "scan.tif", ["ALPHA", "BRAVO", "CHARLIE"])
    assert probe_document(path, FAST, pool=pool).page_count == 3
    reads = read_all(path, FAST, pool)
    assert [r.page.page_number for r in reads] == [1, 2, 3]
    for read, word in zip(reads, ["ALPHA", "BRAVO", "CHARLIE"], strict=True):
        assert word in read.page.text
        assert read.page.source is PageSource.OCR
        assert read.page.dpi == 300


@needs_tesseract
@pytest.mark.slow
def test_exif_rotated_jpeg_is_read_upright(tmp_path: Path, pool: ReaderPool) -> None:
    upright = render_lines(ENGLISH_LINES).convert("RGB")
    # A phone stores the sensor image sideways and says so in EXIF (orientation 6: turn 90 clockwise to view).
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "photo.jpg"
    stored.save(path, format="JPEG", quality=95, exif=exif)
    [read] = read_all(path, FAST, pool)
    assert (read.page.width, read.page.height) == upright.size
    assert read.page.rotation == 0  # EXIF did it; OCR did not have to
    assert "applicant" in read.page.text


@needs_tesseract
@pytest.mark.slow
def test_webp_with_a_wrong_extension_is_read_by_content(tmp_path: Path, pool: ReaderPool) -> None:
    path = tmp_path / "statement.txt"
    render_lines(ENGLISH_LINES[:2]).save(path, format="WEBP", lossless=True)
    probe = probe_document(path, FAST, pool=pool)
    assert probe.mime_type == "image/webp"
    [read] = read_all(path, FAST, pool)
    assert "Kabul" in read.page.text


def test_ocr_off_gives_empty_pages_with_images(tmp_path: Path, pool: ReaderPool) -> None:
    path = tmp_path / "scan.png"
    render_lines(ENGLISH_LINES).save(path)
    [read] = read_all(path, NO_OCR, pool)
    assert read.page.text == ""
    assert read.page.words == ()
    assert png_size(read.image_png) == (read.page.width, read.page.height)


# --- plain text --------------------------------------------------------------------------------


def test_utf8_text_is_one_page_of_words_without_boxes(tmp_path: Path, pool: ReaderPool) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("\ufeffName: Kamal Perera\r\nأنا من بغداد\n".encode())
    [read] = read_all(path, FAST, pool)
    page = read.page
    assert page.source is PageSource.PLAIN_TEXT
    assert read.image_png == b""
    assert page.text == "Name: Kamal Perera\nأنا من بغداد\n"
    assert [w.text for w in page.words] == ["Name:", "Kamal", "Perera", "أنا", "من", "بغداد"]
    assert all(page.text[w.start : w.end] == w.text and w.bbox is None for w in page.words)


# --- resuming, progress, cancelling, time limits ----------------------------------------------------


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.updates: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after

    def update(self, done: int, total: int, stage: str) -> None:
        self.updates.append((done, total, stage))

    def cancelled(self) -> bool:
        return self.cancel_after is not None and bool(self.updates) and self.updates[-1][0] >= self.cancel_after


def test_resume_skips_saved_pages_and_progress_counts_them(tmp_path: Path, pool: ReaderPool) -> None:
    path = multipage_tiff(tmp_path / "scan.tif", ["ONE", "TWO", "THREE", "FOUR"])
    progress = Recorder()
    reads = list(read_document(path, NO_OCR, progress, frozenset({1, 3}), pool=pool))
    assert [r.page.page_number for r in reads] == [2, 4]
    assert progress.updates == [(2, 4, "ocr"), (3, 4, "ocr"), (4, 4, "ocr")]


def test_cancel_stops_between_pages_and_keeps_what_was_yielded(tmp_path: Path, pool: ReaderPool) -> None:
    path = multipage_tiff(tmp_path / "scan.tif", ["ONE", "TWO", "THREE", "FOUR"])
    progress = Recorder(cancel_after=1)
    seen: list[int] = []

    def consume() -> None:
        for read in read_document(path, NO_OCR, progress, pool=pool):
            seen.append(read.page.page_number)

    with pytest.raises(CancelledError):
        consume()
    assert seen == [1]
    # The pool is fine afterwards.
    assert len(read_all(path, NO_OCR, pool)) == 4


@needs_tesseract
def test_page_timeout_stops_the_page_and_the_pool_recovers(tmp_path: Path, pool: ReaderPool) -> None:
    path = tmp_path / "scan.png"
    render_lines(ENGLISH_LINES * 3).save(path)
    with pytest.raises(ProcessingTimeoutError, match=r"page 1 took longer than"):
        read_all(path, ReadOptions(ocr_languages="eng", page_timeout_s=0.05), pool)
    text = tmp_path / "after.txt"
    text.write_text("still working")
    assert read_all(text, FAST, pool)[0].page.text == "still working"


def test_document_timeout(tmp_path: Path, pool: ReaderPool) -> None:
    path = multipage_tiff(tmp_path / "scan.tif", ["ONE", "TWO"])
    with pytest.raises(ProcessingTimeoutError, match=r"reading the document took longer"):
        read_all(path, ReadOptions(ocr_enabled=False, document_timeout_s=0.0), pool)


def test_module_functions_share_one_pool_across_documents(tmp_path: Path) -> None:
    from examiner_app.extraction import reader

    first = tmp_path / "a.txt"
    first.write_text("first")
    second = tmp_path / "b.txt"
    second.write_text("second")
    assert list(read_document(first, FAST, NullProgress()))[0].page.text == "first"
    shared = reader._default_pool
    assert shared is not None
    assert shared._pool is not None
    pids = shared._pool.pids
    assert list(read_document(second, FAST, NullProgress()))[0].page.text == "second"
    assert shared._pool.pids == pids  # same workers: no start-up per file
    reader.shutdown_default_pool()
