"""Generate the hostile-input corpus: files an applicant's case could contain by accident or on purpose.

Nothing here is committed as binary data: every file is built by code, small files and huge-on-decode
files alike, so the corpus is reproducible and reviewable. Run it to write the corpus to a folder::

    .venv/bin/python tests/data/make_hostile.py /tmp/hostile

Tests call :func:`make_corpus` into pytest's ``tmp_path``. Each entry names the typed error the reader must
end in (``None``: the file must read fine, e.g. a JPEG whose name says ``.pdf``).

The PDFs are written by hand (``build_pdf``) rather than by a PDF library, because a library refuses to
write the broken structures we need (self-referencing page trees, xref loops, truncated files).
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "secret"


# --- a minimal PDF writer ------------------------------------------------------------------------


def build_pdf(objects: Sequence[bytes], *, root: int = 1, trailer_extra: bytes = b"", xref: bool = True) -> bytes:
    """A PDF whose object ``i + 1`` is ``objects[i]`` (the body between ``obj`` and ``endobj``)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        start,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(pages: Sequence[str]) -> bytes:
    """A small valid PDF with one line of Helvetica text per page (a text layer)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for text in pages:
        content = b"BT /F1 14 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
        objects.append(stream(content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font, len(objects))
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return build_pdf(objects)


# --- the hostile files ---------------------------------------------------------------------------


def zero_byte() -> bytes:
    return b""


def truncated_pdf() -> bytes:
    """A valid PDF cut before its page objects, catalog and xref: nothing left to repair from."""
    whole = text_pdf(["Statement of the applicant", "Second page"])
    return whole[:60]


def circular_pdf() -> bytes:
    """A page tree whose only kid is the tree itself, and an xref section whose /Prev points to itself."""
    body = build_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"],
    )
    start = body.rindex(b"startxref")
    xref_offset = int(body[start:].split()[1])
    return body.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref_offset)


def encrypted_pdf() -> bytes:
    """A PDF that needs the user password ``secret`` to open (fpdf2, AES-128)."""
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="Confidential statement")
    pdf.set_encryption(
        owner_password="owner-" + PASSWORD, user_password=PASSWORD, encryption_method=EncryptionMethod.AES_128
    )
    return bytes(pdf.output())


def deflate_repeated(chunk: bytes, repeats: int) -> bytes:
    """zlib data for ``chunk * repeats``, built in milliseconds.

    After a full flush the compressor starts afresh, so every later copy of the chunk compresses to the same
    bytes: compress two, repeat the second, end with an empty final block and the Adler-32 of the whole.
    """
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(repeats):
        checksum = zlib.adler32(chunk, checksum)
    return first + again * (repeats - 1) + b"\x03\x00" + struct.pack(">I", checksum)


def inflate_bomb_pdf(inflated_bytes: int = 1024**3) -> bytes:
    """A ~1 MB PDF whose page content stream inflates to ``inflated_bytes`` of spaces (valid content syntax)."""
    chunk = b" " * (1 << 20)
    data = deflate_repeated(chunk, inflated_bytes // len(chunk))
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            stream(data, b"/Filter /FlateDecode "),
        ]
    )


def huge_page_pdf() -> bytes:
    """One blank page 14,400 points (200 inches) square: rendering it for OCR at any useful dpi is gigapixels."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
            stream(b""),
        ]
    )


def many_pages_pdf(count: int = 50_000) -> bytes:
    """``count`` pages sharing one empty content stream: a few MB, instant to write, slow to parse page by page."""
    first_page = 4
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first_page + i) for i in range(count)), count),
        stream(b""),
    ]
    objects.extend(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>" for _ in range(count))
    return build_pdf(objects)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG that says it is 100,000 x 100,000 pixels (10 gigapixels) in a few hundred bytes."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    idat = zlib.compress(row * 16, 9)  # the first rows only: decoding would have to allocate the whole image first
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def garbage_png() -> bytes:
    """A PNG signature followed by noise."""
    return b"\x89PNG\r\n\x1a\n" + bytes((i * 7919 + 13) % 251 for i in range(4096))


def truncated_jpeg() -> bytes:
    """A real JPEG header (so Pillow opens it) cut off a few bytes into its scan data."""
    from PIL import Image, ImageDraw

    buffer = io.BytesIO()
    image = Image.new("RGB", (320, 240), "white")
    ImageDraw.Draw(image).text((10, 10), "statement " * 5, fill="black")
    image.save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    return data[: data.index(b"\xff\xda") + 40]


def noisy_jpeg() -> bytes:
    """A JPEG whose scan data is replaced by noise: libjpeg recovers (a grey page), so it reads, with no text."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), "white").save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    scan = data.index(b"\xff\xda")
    noise = bytes((i * 131 + 7) % 256 for i in range(2048)).replace(b"\xff", b"\x00")
    return data[: scan + 14] + noise[:64] + b"\xff\xd9"


def random_bytes() -> bytes:
    """Bytes with no known signature and NULs in them: not any format we read."""
    return bytes((i * 2654435761 >> 7) & 0xFF for i in range(8192))


def zip_named_pdf() -> bytes:
    """A ZIP archive (what a .docx is) with a .pdf name."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def jpeg_named_pdf() -> bytes:
    """A valid JPEG whose name says .pdf: detection by content must still read it."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def latin1_text() -> bytes:
    """A text file that is not UTF-8 (Windows-1252): we ask for UTF-8 rather than guess."""
    return "Déclaration du demandeur: né à Kaboul.\n".encode("cp1252")


@dataclass(frozen=True)
class Hostile:
    name: str  # file name, extension included (sometimes a lying one)
    make: Callable[[], bytes]
    expected: str | None  # name of the examiner_app.errors class the reader must raise; None: reads fine
    large: bool = False  # big or slow to build: tests build these in tmp only when needed


CORPUS: tuple[Hostile, ...] = (
    Hostile("zero-byte.pdf", zero_byte, "MalformedFileError"),
    Hostile("truncated.pdf", truncated_pdf, "MalformedFileError"),
    Hostile("circular.pdf", circular_pdf, "MalformedFileError"),
    Hostile("encrypted.pdf", encrypted_pdf, "EncryptedFileError"),
    Hostile("bomb.png", png_bomb, "FileTooLargeError"),
    Hostile("garbage.png", garbage_png, "MalformedFileError"),
    Hostile("truncated.jpg", truncated_jpeg, "MalformedFileError"),
    Hostile("noisy-scan.jpg", noisy_jpeg, None),
    Hostile("random.bin", random_bytes, "UnsupportedFormatError"),
    Hostile("docx-named.pdf", zip_named_pdf, "UnsupportedFormatError"),
    Hostile("photo-named.pdf", jpeg_named_pdf, None),
    Hostile("latin1.txt", latin1_text, "UnsupportedFormatError"),
    Hostile("huge-page.pdf", huge_page_pdf, "FileTooLargeError"),
    Hostile("50000-pages.pdf", many_pages_pdf, "FileTooLargeError", large=True),
    Hostile("inflate-bomb.pdf", inflate_bomb_pdf, "OutOfMemoryError", large=True),
)


def make_corpus(folder: Path, *, include_large: bool = True) -> dict[str, Path]:
    """Write the corpus into ``folder``; returns file name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for item in CORPUS:
        if item.large and not include_large:
            continue
        path = folder / item.name
        path.write_bytes(item.make())
        written[item.name] = path
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("hostile")
    for name, path in make_corpus(target).items():
        print(f"{path.stat().st_size:>12,d}  {name}")
