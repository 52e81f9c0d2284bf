"""A PDF that PDFium cannot open is reported by what it is, whatever file the worker opened before."""

from __future__ import annotations

from pathlib import Path

import pytest

from examiner_app.errors import EncryptedFileError, MalformedFileError
from examiner_app.extraction import pdf

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"
ENCRYPTED = BROKEN / "pypdfium2-encrypted.pdf"
# A load failure that sets no PDFium error of its own: it used to take the previous file's.
SILENT = BROKEN / "pikepdf-newline-buffer-test.pdf"
NOT_A_PDF = BROKEN / "ocrmypdf-invalid.pdf"


@pytest.mark.parametrize("before", [None, ENCRYPTED, NOT_A_PDF], ids=["first", "after-encrypted", "after-invalid"])
def test_the_error_does_not_depend_on_the_previous_file(before: Path | None) -> None:
    pdf._close_cached()
    if before is not None:
        with pytest.raises((EncryptedFileError, MalformedFileError)):
            pdf.open_pdf(before)
    with pytest.raises(MalformedFileError, match="damaged and cannot be opened"):
        pdf.open_pdf(SILENT)
    with pytest.raises(EncryptedFileError, match="password-protected"):
        pdf.open_pdf(ENCRYPTED)
