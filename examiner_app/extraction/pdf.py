"""PDFs: the text layer where a page has one, OCR of the rendered page where it does not.

Runs in worker processes. The text layer is read with pypdfium2 (PDFium's text page): measured on a
100-page born-digital PDF it takes ~5 ms a page for text plus word boxes against ~90 ms for pdfplumber's
``extract_words`` (``benchmarks/ocr_benchmark.py``), and PDFium returns right-to-left text in logical order with
presentation forms folded. ``text_layer_pdfplumber`` is kept as the cross-check and fallback engine; it needs
``bidi.reorder_words`` to undo the visual order pdfplumber hands back.

Coordinates: word boxes of a text-layer page are pixels of the page rendered at ``TEXT_LAYER_DPI`` (the PNG
returned with it); for an OCR'd page, pixels of the image Tesseract read (after its rotation).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examiner_app.domain import BBox, PageSource, PageText, Word
from examiner_app.errors import EncryptedFileError, ExaminerError, FileTooLargeError, MalformedFileError
from examiner_app.extraction import bidi, registry
from examiner_app.extraction.images import encode_display_png, ocr_page
from examiner_app.extraction.ocr import OcrEngine

if TYPE_CHECKING:
    import pypdfium2
    from PIL import Image

    from examiner_app.extraction.reader import ReadOptions

TEXT_LAYER_DPI = 150  # display image of a text-layer page: sharp enough on screen, 4x fewer pixels than 300
MIN_OCR_DPI = 50  # a page so large that even this exceeds max_pixels is refused, not read as mush
#: A page with a little text over a page-sized image (a scan with a stamped header or page number) is OCR'd:
#: its few characters are not its content.
SPARSE_TEXT_CHARS = 80
IMAGE_COVER_FRACTION = 0.5

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_SECURITY_ERROR = 6  # FPDF_ERR_SECURITY: an unsupported security handler


@functools.cache
def engine_name() -> str:
    """``pypdfium2@<version>``: the pinned package fixes the PDFium build."""
    import pypdfium2

    return f"pypdfium2@{pypdfium2.PYPDFIUM_INFO}"


_open_document: tuple[tuple[str, int, int], pypdfium2.PdfDocument] | None = None


def _close_cached() -> None:
    global _open_document
    if _open_document is not None:
        _open_document[1].close()
        _open_document = None


def open_pdf(path: Path) -> pypdfium2.PdfDocument:
    """The document, kept open in this worker while its pages are read (one file at a time)."""
    global _open_document
    import pypdfium2

    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if _open_document is not None and _open_document[0] == key:
        return _open_document[1]
    _close_cached()
    _reset_last_error()
    try:
        document = pypdfium2.PdfDocument(path)
        _open_document = (key, document)
        return document
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == _PASSWORD_ERROR:
            raise EncryptedFileError(
                path,
                "the PDF is password-protected. Ask the applicant or their representative for the password "
                "or for an unprotected copy, then import that.",
            ) from exc
        if code == _SECURITY_ERROR:
            raise EncryptedFileError(
                path, "the PDF uses an encryption scheme we cannot open. Ask for an unprotected copy."
            ) from exc
        raise MalformedFileError(
            path, "the PDF is damaged and cannot be opened (truncated or not a real PDF). Ask for another copy."
        ) from exc


def _reset_last_error() -> None:
    """Set PDFium's last error to a known value before a load.

    ``FPDF_GetLastError`` is per thread and some load failures do not set it, so without this a damaged file
    would be reported with whatever error the worker's previous file left (measured: pikepdf's
    newline-buffer-test.pdf read as "password-protected" after an encrypted file, "damaged" after another).
    Loading an empty buffer fails with FPDF_ERR_FORMAT: such a file is then reported as damaged, every time.
    """
    import pypdfium2

    with contextlib.suppress(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(b"").close()


atexit.register(_close_cached)  # close before PDFium shuts down, quietly


def _load_page(path: Path, document: pypdfium2.PdfDocument, index: int) -> pypdfium2.PdfPage:
    import pypdfium2

    try:
        return document[index]
    except pypdfium2.PdfiumError as exc:
        raise MalformedFileError(
            path, f"page {index + 1} of the PDF is damaged and cannot be read. Ask for another copy."
        ) from exc


# --- text layer -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    text: str
    first: int  # PDFium char indexes covered, inclusive
    last: int


def _clean_chars(raw: str) -> tuple[str, list[int]]:
    """Page text from PDFium's characters and, for each output character, the PDFium char index it came from.

    Line breaks PDFium generates (``\\r\\n``) become ``\\n``; tabs become spaces; other control characters go,
    except U+0002, PDFium's mark for a hyphen at a line end; presentation forms are folded (which may
    lengthen the text, hence the index map).
    """
    out: list[str] = []
    source: list[int] = []
    for index, char in enumerate(raw):
        if char == "\r":
            continue
        if char == "\x02":
            char = "-"
        elif char == "\t":
            char = " "
        elif char != "\n" and unicodedata.category(char) == "Cc":
            continue
        for piece in bidi.normalize_presentation_forms(char) if ord(char) >= 0xFB00 else char:
            out.append(piece)
            source.append(index)
    return "".join(out), source


def _page_chars(textpage: pypdfium2.PdfTextPage) -> str:
    """All characters of the text page, one Python character per PDFium char index."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: ask one by one so indexes line up
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count))
    return text


def has_text_layer(page: pypdfium2.PdfPage, text: str) -> bool:
    """True if the page's text is its content: some text, and not just a few characters over a full-page scan."""
    visible = sum(1 for c in text if not c.isspace())
    if visible == 0:
        return False
    if visible >= SPARSE_TEXT_CHARS:
        return True
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    covered = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        # pypdfium2 5 renamed get_pos to get_bounds; an object PDFium cannot place covers nothing.
        bounds = getattr(obj, "get_bounds", None) or obj.get_pos
        try:
            left, bottom, right, top = bounds()
        except pypdfium2.PdfiumError:
            continue
        covered += max(0.0, right - left) * max(0.0, top - bottom)
    return covered < IMAGE_COVER_FRACTION * width * height


class _Mapper:
    """PDF page coordinates -> pixels of the page rendered at ``size`` (PDFium applies /Rotate and crop boxes)."""

    def __init__(self, page: pypdfium2.PdfPage, size: tuple[int, int]) -> None:
        import pypdfium2.raw as pdfium_c

        self._function = pdfium_c.FPDF_PageToDevice
        self._page = page.raw
        self._width, self._height = size
        self._x, self._y = ctypes.c_int(), ctypes.c_int()

    def point(self, x: float, y: float) -> tuple[int, int]:
        self._function(
            self._page, 0, 0, self._width, self._height, 0, x, y, ctypes.byref(self._x), ctypes.byref(self._y)
        )
        return self._x.value, self._y.value

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        xs, ys = zip(self.point(left, top), self.point(right, bottom), strict=True)
        return BBox(max(0, min(xs)), max(0, min(ys)), min(self._width, max(xs)), min(self._height, max(ys)))


def text_layer_words(textpage: pypdfium2.PdfTextPage, raw: str, mapper: _Mapper) -> tuple[str, tuple[Word, ...]]:
    """Page text and words (runs of non-space characters) with boxes from PDFium's per-run rectangles."""
    text, source = _clean_chars(raw)
    words: list[Word] = []
    for match in re.finditer(r"\S+", text):
        first, last = source[match.start()], source[match.end() - 1]
        box: BBox | None = None
        for i in range(textpage.count_rects(first, last - first + 1)):
            rect = mapper.box(*textpage.get_rect(i))
            box = rect if box is None else box.union(rect)
        words.append(Word(match.group(), match.start(), match.end(), box))
    return text, tuple(words)


def text_layer_pdfplumber(path: Path, index: int, scale: float) -> tuple[str, tuple[Word, ...]]:
    """The same page through pdfplumber (pdfminer): visual-order lines put back in logical order with
    ``bidi.reorder_words``; boxes scaled by ``scale`` (pixels per point). Raw pdfminer errors become typed ones."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            if index >= len(pdf.pages):
                raise MalformedFileError(path, f"page {index + 1} is missing from the PDF. Ask for another copy.")
            raw_words = pdf.pages[index].extract_words(keep_blank_chars=False, use_text_flow=False)
    except ExaminerError:
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError") or not str(exc).strip():
            raise EncryptedFileError(
                path, "the PDF is password-protected. Ask for the password or an unprotected copy."
            ) from exc
        raise MalformedFileError(path, "the PDF is damaged and cannot be read. Ask for another copy.") from exc
    except (TypeError, RecursionError, ValueError, KeyError, AttributeError) as exc:
        # pdfminer lets a few raw errors escape on broken object graphs.
        raise MalformedFileError(path, f"the PDF is damaged ({type(exc).__name__}). Ask for another copy.") from exc
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(raw_words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        if lines and abs(float(lines[-1][0]["top"]) - float(word["top"])) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    parts: list[str] = []
    words: list[Word] = []
    position = 0
    for number, line in enumerate(lines):
        line.sort(key=lambda w: float(w["x0"]))
        text, ordered = bidi.reorder_words([str(w["text"]) for w in line])
        if number:
            parts.append("\n")
            position += 1
        for item in ordered:
            source = line[item.visual_index]
            box = BBox(
                int(float(source["x0"]) * scale),
                int(float(source["top"]) * scale),
                math.ceil(float(source["x1"]) * scale),
                math.ceil(float(source["bottom"]) * scale),
            )
            words.append(Word(item.text, position + item.start, position + item.end, box))
        parts.append(text)
        position += len(text)
    return "".join(parts), tuple(words)


# --- the extractor -------------------------------------------------------------------------------


def _ocr_dpi(path: Path, page_number: int, size_pt: tuple[float, float], options: ReadOptions) -> int:
    """``options.dpi``, lowered so the rendered page stays under ``max_pixels`` (posters, hostile page boxes)."""
    width_in, height_in = size_pt[0] / 72.0, size_pt[1] / 72.0
    area = max(width_in * height_in, 1e-6)
    dpi = min(options.dpi, int(math.sqrt(options.max_pixels / area)))
    if dpi < MIN_OCR_DPI:
        raise FileTooLargeError(
            path,
            f"page {page_number} is {width_in:,.0f} x {height_in:,.0f} inches, too large to read even at "
            f"{MIN_OCR_DPI} dpi. Ask for the document at a normal page size.",
        )
    return dpi


class PdfExtractor:
    """PDF through PDFium: text layer where present, OCR of the rendered page otherwise."""

    name = "pdfium"

    def score(self, mime_type: str) -> int | None:
        return 10 if mime_type == registry.PDF else None

    def page_count(self, path: Path, mime_type: str, options: ReadOptions) -> int:
        # PDFium reads the page count from the page tree without loading any page (50,000 pages: ~50 ms).
        return len(open_pdf(path))

    def read_page(
        self, path: Path, mime_type: str, index: int, options: ReadOptions, engine: OcrEngine
    ) -> tuple[PageText, bytes]:
        document = open_pdf(path)
        page = _load_page(path, document, index)
        try:
            textpage = page.get_textpage()
            try:
                raw = _page_chars(textpage)
                if has_text_layer(page, raw):
                    return self._text_layer_page(path, page, textpage, raw, index, options)
            finally:
                textpage.close()
            return self._ocr_page(path, page, index, options, engine)
        finally:
            page.close()

    def _text_layer_page(
        self,
        path: Path,
        page: pypdfium2.PdfPage,
        textpage: pypdfium2.PdfTextPage,
        raw: str,
        index: int,
        options: ReadOptions,
    ) -> tuple[PageText, bytes]:
        dpi = _ocr_dpi(path, index + 1, page.get_size(), _with_dpi(options, TEXT_LAYER_DPI))
        image = _render_for_display(page, dpi) if options.page_images else None
        size = image.size if image is not None else _rendered_size(page, dpi)
        text, words = text_layer_words(textpage, raw, _Mapper(page, size))
        result = PageText(
            page_number=index + 1,
            text=text,
            words=words,
            source=PageSource.TEXT_LAYER,
            mean_confidence=None,
            rotation=0,
            width=size[0],
            height=size[1],
            dpi=dpi,
            engine=engine_name(),
        )
        return result, encode_display_png(image) if image is not None else b""

    def _ocr_page(
        self, path: Path, page: pypdfium2.PdfPage, index: int, options: ReadOptions, engine: OcrEngine
    ) -> tuple[PageText, bytes]:
        dpi = _ocr_dpi(path, index + 1, page.get_size(), options)
        image = page.render(scale=dpi / 72.0, grayscale=True).to_pil()
        if image.mode != "L":
            image = image.convert("L")
        return ocr_page(image, index + 1, dpi, options, engine)


def _rendered_size(page: pypdfium2.PdfPage, dpi: int) -> tuple[int, int]:
    """The pixel size ``page.render(scale=dpi / 72)`` gives (pypdfium2 rounds each side up), without rendering."""
    scale = dpi / 72.0
    return math.ceil(page.get_width() * scale), math.ceil(page.get_height() * scale)


def _render_for_display(page: pypdfium2.PdfPage, dpi: int) -> Image.Image:
    """The page in colour, or in grey when it has no colour (most text-layer pages: half the work to store)."""
    import numpy as np
    from PIL import Image as PilImage

    bitmap = page.render(scale=dpi / 72.0)
    pixels = bitmap.to_numpy()  # a view of PDFium's buffer, no copy
    if pixels.ndim == 3 and pixels.shape[2] == 3:
        blue, green, red = pixels[..., 0], pixels[..., 1], pixels[..., 2]
        if np.array_equal(blue, green) and np.array_equal(green, red):
            return PilImage.fromarray(np.ascontiguousarray(blue))
    return bitmap.to_pil()


def _with_dpi(options: ReadOptions, dpi: int) -> ReadOptions:
    import dataclasses

    return dataclasses.replace(options, dpi=dpi)
