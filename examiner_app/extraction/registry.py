"""Pick an extractor for a file by what its bytes say it is, never by its name.

``sniff_mime`` looks at the first bytes; each extractor scores the MIME type (``None`` declines) and the
best score wins. The ``*_task`` functions are what worker processes run: they open the untrusted file, so
the calling process only ever passes paths and options.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from examiner_app.domain import PageText
from examiner_app.errors import FileTooLargeError, MalformedFileError, UnsupportedFormatError

if TYPE_CHECKING:
    from examiner_app.extraction.ocr import OcrEngine
    from examiner_app.extraction.reader import ReadOptions

HEAD_BYTES = 8192

PDF = "application/pdf"
TIFF = "image/tiff"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
TEXT = "text/plain"

#: What we read, as the user knows the formats; every "unsupported" message lists these.
SUPPORTED_FORMATS = "PDF, TIFF (also multi-page), PNG, JPEG, WebP and UTF-8 plain text"


class Extractor(Protocol):
    """Reads one family of formats. Runs in a worker process; must not keep state between documents
    beyond caches keyed by path."""

    name: str

    def score(self, mime_type: str) -> int | None:
        """How well this extractor reads ``mime_type``; None declines."""

    def page_count(self, path: Path, mime_type: str, options: ReadOptions) -> int:
        """Number of pages, found without decoding page contents. Raises typed errors (encrypted, malformed)."""

    def read_page(
        self, path: Path, mime_type: str, index: int, options: ReadOptions, engine: OcrEngine
    ) -> tuple[PageText, bytes]:
        """Page ``index`` (0-based) as PageText plus the PNG of the image its word boxes refer to (b"" if none)."""


def sniff_mime(head: bytes) -> str | None:
    """The MIME type of a file we can read, from its first bytes; None if it is none of ours."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if b"%PDF-" in head[:1024]:  # readers accept junk before the header; so do we
        return PDF
    if _looks_like_utf8_text(head):
        return TEXT
    return None


def _looks_like_utf8_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end of the head is fine
    except UnicodeDecodeError:
        return False
    return True


_KNOWN_OTHERS: Sequence[tuple[bytes, int, str]] = (
    (b"PK\x03\x04", 0, "a ZIP archive (a Word .docx, OpenDocument file or .zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office file (.doc, .xls or Outlook .msg)"),
    (b"GIF8", 0, "a GIF image"),
    (b"BM", 0, "a BMP image"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"\xff\xfe", 0, "UTF-16 text"),
    (b"\xfe\xff", 0, "UTF-16 text"),
    (b"\x00\x00\x00\x0cjP  ", 0, "a JPEG 2000 image"),
    (b"Rar!", 0, "a RAR archive"),
    (b"7z\xbc\xaf", 0, "a 7-Zip archive"),
)


def describe_unsupported(head: bytes) -> str:
    """What an unreadable file appears to be, for the error message."""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
            return "a HEIC photo (iPhone)"
        return "a video or MP4/QuickTime file"
    for magic, offset, description in _KNOWN_OTHERS:
        if head[offset : offset + len(magic)] == magic:
            return description
    if head and b"\x00" not in head and sum(b < 0x20 and b not in b"\t\n\r\f" for b in head) < len(head) / 100:
        return "text in an encoding other than UTF-8 (such as Windows-1252 or Windows-1256)"
    return "not a format we recognise"


def unsupported(path: Path, head: bytes) -> UnsupportedFormatError:
    what = describe_unsupported(head)
    text = "UTF-16" in what or "encoding" in what
    hint = (
        " Open it in a text editor and save it as UTF-8."
        if text
        else " Convert it to PDF or an image, then import that."
    )
    return UnsupportedFormatError(path, f"this file is {what}. We read {SUPPORTED_FORMATS}.{hint}")


#: (module, class, the MIME types it may take): a worker imports only the extractors a file's type may need. PDFium
#: and the PDF module are ~0.11 s of each worker's start; an image-only case file never needs them (issue 17).
_EXTRACTORS: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    ("examiner_app.extraction.pdf", "PdfExtractor", lambda mime_type: mime_type == PDF),
    ("examiner_app.extraction.images", "ImageExtractor", lambda mime_type: mime_type.startswith("image/")),
    ("examiner_app.extraction.textfile", "TextExtractor", lambda mime_type: mime_type == TEXT),
)


def extractors(mime_type: str | None = None) -> Sequence[Extractor]:
    """The extractors (all, or those that may take ``mime_type``); each decides by its own ``score``."""
    import importlib

    return tuple(
        getattr(importlib.import_module(module), name)()
        for module, name, may_take in _EXTRACTORS
        if mime_type is None or may_take(mime_type)
    )


def select(mime_type: str, candidates: Sequence[Extractor] | None = None) -> Extractor | None:
    """The extractor with the best score for ``mime_type``, or None if all decline."""
    best: tuple[int, Extractor] | None = None
    for extractor in candidates if candidates is not None else extractors(mime_type):
        score = extractor.score(mime_type)
        if score is not None and (best is None or score > best[0]):
            best = (score, extractor)
    return None if best is None else best[1]


def read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEAD_BYTES)


# --- what worker processes run ---------------------------------------------------------------------


def probe_task(path_name: str, options: ReadOptions) -> tuple[str, int]:
    """(MIME type, page count) of the file, after checking type, encryption and the page limit."""
    path = Path(path_name)
    head = read_head(path)
    if not head:
        raise MalformedFileError(path, "the file is empty (0 bytes). Ask for the original again.")
    mime_type = sniff_mime(head)
    extractor = select(mime_type) if mime_type else None
    if mime_type is None or extractor is None:
        raise unsupported(path, head)
    count = extractor.page_count(path, mime_type, options)
    if count > options.max_pages:
        raise FileTooLargeError(
            path,
            f"the file has {count:,} pages, more than the limit of {options.max_pages:,}. "
            "Split it into smaller files, or raise the page limit in the settings if it is genuine.",
        )
    if count < 1:
        raise MalformedFileError(path, "the file has no pages. Ask for the original again.")
    return mime_type, count


def read_page_task(
    path_name: str, mime_type: str, index: int, options: ReadOptions, engine: OcrEngine
) -> tuple[PageText, bytes]:
    """Page ``index`` (0-based) of a probed file."""
    path = Path(path_name)
    extractor = select(mime_type)
    if extractor is None:
        raise unsupported(path, read_head(path))
    return extractor.read_page(path, mime_type, index, options, engine)
