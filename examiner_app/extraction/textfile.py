"""UTF-8 plain text (.txt): one page, words split on whitespace, no boxes.

We do not guess other encodings: a wrong guess silently garbles names and dates an examiner will cite, so a
file that is not UTF-8 is refused with a message saying how to convert it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from examiner_app.domain import PageSource, PageText, Word
from examiner_app.errors import FileTooLargeError, UnsupportedFormatError
from examiner_app.extraction import registry

if TYPE_CHECKING:
    from examiner_app.extraction.ocr import OcrEngine
    from examiner_app.extraction.reader import ReadOptions


#: One page of text; a statement runs to kilobytes. Far beyond this the words alone would need gigabytes.
MAX_TEXT_BYTES = 16 * 2**20


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a BOM is dropped), line ends as ``\\n``, NULs removed."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise FileTooLargeError(
            path,
            f"the text file is {size / 2**20:,.0f} MiB; we read text files up to {MAX_TEXT_BYTES // 2**20} MiB as "
            "one page. Split it into smaller files.",
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormatError(
            path,
            f"the text is not UTF-8 (byte {exc.start:,} cannot be decoded). Open it in a text editor, "
            "save it as UTF-8, and import it again.",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def text_words(text: str) -> tuple[Word, ...]:
    return tuple(Word(m.group(), m.start(), m.end(), None) for m in re.finditer(r"\S+", text))


class TextExtractor:
    """Plain text files, as one page."""

    name = "text"

    def score(self, mime_type: str) -> int | None:
        return 10 if mime_type == registry.TEXT else None

    def page_count(self, path: Path, mime_type: str, options: ReadOptions) -> int:
        read_text(path)  # refuse a file that is not UTF-8 at probe time, not after import
        return 1

    def read_page(
        self, path: Path, mime_type: str, index: int, options: ReadOptions, engine: OcrEngine
    ) -> tuple[PageText, bytes]:
        text = read_text(path)
        page = PageText(
            page_number=1,
            text=text,
            words=text_words(text),
            source=PageSource.PLAIN_TEXT,
            mean_confidence=None,
            dpi=0,
            engine="text@1",
        )
        return page, b""
