"""Which PDF pages count as having a text layer: real text, or a few characters over a page-sized scan."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from examiner_app.extraction.pdf import has_text_layer


def make_pdf(path: Path, *, text: str, image: bool) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    if image:  # a scan: a grey page-sized image
        pdf.image(Image.new("L", (420, 594), 200), x=0, y=0, w=210, h=297)
    pdf.set_font("helvetica", size=10)
    pdf.text(20, 20, text)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(
    ("text", "image", "expected"),
    [
        ("Page 1", True, False),  # a stamped page number over a scan: OCR it
        ("Page 1", False, True),  # a short page of real text
        ("Statement of the applicant, made on 5 April 2021 in Tokyo, about events in 2019 and 2020." * 2, True, True),
    ],
)
def test_sparse_text_over_a_page_sized_image_is_not_a_text_layer(
    text: str, image: bool, expected: bool, tmp_path: Path
) -> None:
    document = pypdfium2.PdfDocument(make_pdf(tmp_path / "page.pdf", text=text, image=image))
    try:
        page = document[0]
        textpage = page.get_textpage()
        raw = textpage.get_text_range()
        assert has_text_layer(page, raw) is expected
        textpage.close()
        page.close()
    finally:
        document.close()
