"""Scans and photos: TIFF (multi-page), PNG, JPEG, WebP, read with Pillow and OCR'd.

Runs in worker processes. Size is checked from the header before any pixel is decoded (``Image.open`` reads
headers only), and Pillow's decompression-bomb warning is an error here: an image over ``max_pixels`` ends in
FileTooLargeError, never in a multi-gigabyte allocation. EXIF orientation is applied first (phone photos), then
the OCR engine may turn the page upright (OSD); the PNG handed back is the image the word boxes refer to.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from examiner_app.domain import PageSource, PageText
from examiner_app.errors import ExaminerError, FileTooLargeError, MalformedFileError
from examiner_app.extraction import registry
from examiner_app.extraction.ocr import OcrEngine, rotate_upright
from examiner_app.extraction.ocr_text import clean_page_text

if TYPE_CHECKING:
    from PIL import Image

    from examiner_app.extraction.reader import ReadOptions

_PILLOW_FORMATS = {registry.TIFF: "TIFF", registry.PNG: "PNG", registry.JPEG: "JPEG", registry.WEBP: "WEBP"}
DEFAULT_DPI = 300  # what a scan without resolution metadata is assumed to be


def _too_large(path: Path, pixels: int, options: ReadOptions, page: int | None = None) -> FileTooLargeError:
    where = f"page {page} of the image" if page else "the image"
    return FileTooLargeError(
        path,
        f"{where} is {pixels / 1e6:,.0f} megapixels, over the limit of {options.max_pixels / 1e6:,.0f} "
        "(a decompression bomb, or a scan at a needlessly high resolution). Rescan at 300 dpi and import that.",
    )


@contextlib.contextmanager
def open_image(path: Path, mime_type: str, options: ReadOptions) -> Iterator[Image.Image]:
    """Open ``path`` (headers only) with the pixel limit enforced; third-party failures become typed errors."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = options.max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path, formats=[_PILLOW_FORMATS[mime_type]])
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise FileTooLargeError(
                path,
                f"the image is larger than the limit of {options.max_pixels / 1e6:,.0f} megapixels "
                "(a decompression bomb, or a needlessly high-resolution scan). Rescan at 300 dpi and import that.",
            ) from exc
        except UnidentifiedImageError as exc:
            raise MalformedFileError(
                path, "the image is damaged: it starts like an image but cannot be read. Ask for another copy."
            ) from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise MalformedFileError(path, f"the image header is damaged ({exc}). Ask for another copy.") from exc
        with image:
            if image.width * image.height > options.max_pixels:
                raise _too_large(path, image.width * image.height, options)
            yield image


def _decode_failure(path: Path, page: int, exc: Exception) -> MalformedFileError:
    return MalformedFileError(
        path, f"page {page} of the image is damaged and cannot be decoded ({type(exc).__name__}). Ask for another copy."
    )


def normalize_mode(image: Image.Image) -> Image.Image:
    """Grey or RGB (or 1-bit), the modes OCR and PNG display handle; transparency goes onto white."""
    from PIL import Image

    mode = image.mode
    if mode in ("1", "L", "RGB"):
        return image
    if mode.startswith("I;16") or mode == "I":
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if mode == "F":
        extrema = image.getextrema()  # one (low, high) pair for a single-band image
        low, high = (float(v) for v in extrema)  # type: ignore[arg-type]
        span = high - low or 1.0
        return image.point(lambda value: (value - low) * 255.0 / span).convert("L")
    if mode in ("RGBA", "LA", "PA", "P", "La", "RGBa") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def encode_png(image: Image.Image) -> bytes:
    """PNG for display; compression level 1 is ~2x faster than the default for a few % more bytes."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def encode_display_png(image: Image.Image) -> bytes:
    """PNG of a page image for the viewer, fast enough not to show in import times.

    A grey page is stored as an exact grey palette (every level kept): Pillow writes palette PNGs without
    per-row filters, about 2x faster than greyscale (and 5x faster than RGB) for the same size on rendered text
    (benchmarks/ocr_benchmark.py, 100-page PDF). On 300 dpi scans it is 26 ms instead of 65 ms a page for
    10-17% more bytes: worth it where every page waits for it.
    """
    if image.mode == "L":
        image = image.convert("P")
    return encode_png(image)


def ocr_page(
    image: Image.Image, page_number: int, dpi: int, options: ReadOptions, engine: OcrEngine
) -> tuple[PageText, bytes]:
    """OCR an upright-ish page image; the PNG is the image after the engine's rotation (what boxes refer to)."""
    if options.ocr_languages is None and options.ocr_languages_hint:
        result = engine.read_hinted(image, options.ocr_languages_hint)
    else:
        result = engine.read(image, options.ocr_languages)
    if options.page_images:
        shown = rotate_upright(image, result.rotation)
        width, height = shown.size
    else:
        width, height = image.size if result.rotation in (0, 180) else image.size[::-1]
    text, words = clean_page_text(result.text, result.words)  # Tesseract's spaces between CJK characters, etc.
    page = PageText(
        page_number=page_number,
        text=text,
        words=words,
        source=PageSource.OCR,
        mean_confidence=result.mean_confidence,
        rotation=result.rotation,
        width=width,
        height=height,
        dpi=dpi,
        ocr_languages=result.languages,
        engine=result.engine,
    )
    return page, encode_display_png(shown) if options.page_images else b""


class ImageExtractor:
    """TIFF, PNG, JPEG and WebP through Pillow; every page goes to OCR."""

    name = "pillow"

    def score(self, mime_type: str) -> int | None:
        return 10 if mime_type in _PILLOW_FORMATS else None

    def page_count(self, path: Path, mime_type: str, options: ReadOptions) -> int:
        with open_image(path, mime_type, options) as image:
            try:
                return int(getattr(image, "n_frames", 1))
            except ExaminerError:
                raise
            except Exception as exc:  # a broken IFD chain in a TIFF
                raise _decode_failure(path, 1, exc) from exc

    def read_page(
        self, path: Path, mime_type: str, index: int, options: ReadOptions, engine: OcrEngine
    ) -> tuple[PageText, bytes]:
        from PIL import Image, ImageOps

        page_number = index + 1
        with open_image(path, mime_type, options) as image:
            try:
                if index:
                    image.seek(index)
                if image.width * image.height > options.max_pixels:
                    raise _too_large(path, image.width * image.height, options, page_number)
                with warnings.catch_warnings():
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                    image.load()
                    upright = ImageOps.exif_transpose(image) or image
                    normalized = normalize_mode(upright)
            except ExaminerError:
                raise
            except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
                raise _too_large(path, image.width * image.height, options, page_number) from exc
            except MemoryError:
                raise
            except Exception as exc:
                raise _decode_failure(path, page_number, exc) from exc
            dpi = image.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))
        try:
            stated = round(float(dpi[0]))
        except (TypeError, ValueError, IndexError):
            stated = DEFAULT_DPI
        return ocr_page(normalized, page_number, stated if 50 <= stated <= 2400 else DEFAULT_DPI, options, engine)
