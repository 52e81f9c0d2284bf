"""Page rewriting: the spans to replace on a page, the new text and words, the burnt-out page image, and a fresh
OCR pass over that image that must not find any original value."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from examiner_app.domain import BBox, PageText, Word

from .names import ARABIC, HAN, KATAKANA, LATIN, MYANMAR, SINHALA, TAMIL, script_of


@dataclass(frozen=True, slots=True)
class Replacement:
    start: int
    end: int
    new: str
    kind: str  # name, date, number, mrz, place
    original: str


@dataclass(frozen=True, slots=True)
class AppliedReplacement:
    """A replacement with its span in the new text and the boxes it burnt out on the image."""

    replacement: Replacement
    new_start: int
    new_end: int
    boxes: tuple[BBox, ...]


_PRIORITY = {"mrz": 0, "date": 1, "number": 2, "name": 3, "role": 3, "place": 4}


def resolve(replacements: Iterable[Replacement]) -> list[Replacement]:
    """Non-overlapping replacements: MRZ before dates before numbers before names before places, longer first."""
    chosen: list[Replacement] = []
    for r in sorted(replacements, key=lambda r: (_PRIORITY[r.kind], -(r.end - r.start), r.start)):
        if r.end <= r.start or r.new == r.original:
            continue
        if any(r.start < c.end and c.start < r.end for c in chosen):
            continue
        chosen.append(r)
    return sorted(chosen, key=lambda r: r.start)


@dataclass(frozen=True, slots=True)
class RewrittenPage:
    text: str
    words: tuple[Word, ...]
    applied: tuple[AppliedReplacement, ...]

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the original text in the new text (replaced parts inside it grow or shrink with them)."""
        return self._map(start, True), self._map(end, False)

    def _map(self, pos: int, is_start: bool) -> int:
        delta = 0
        for a in self.applied:
            r = a.replacement
            if pos <= r.start:
                break
            if pos >= r.end:
                delta = a.new_end - r.end
                continue
            return a.new_start if is_start else a.new_end  # inside a replaced span: its whole new span
        return pos + delta


def rewrite(page: PageText, replacements: Sequence[Replacement]) -> RewrittenPage:
    chosen = resolve(replacements)
    pieces: list[str] = []
    applied: list[AppliedReplacement] = []
    cursor = 0
    new_len = 0
    for r in chosen:
        pieces.append(page.text[cursor : r.start])
        new_len += r.start - cursor
        boxes = page.boxes_for_span(r.start, r.end)
        applied.append(AppliedReplacement(r, new_len, new_len + len(r.new), boxes))
        pieces.append(r.new)
        new_len += len(r.new)
        cursor = r.end
    pieces.append(page.text[cursor:])
    text = "".join(pieces)
    result = RewrittenPage(text, (), tuple(applied))
    words: list[Word] = []
    for w in page.words:
        if any(w.start < a.replacement.end and a.replacement.start < w.end for a in applied):
            continue
        s, e = result.map_span(w.start, w.end)
        words.append(Word(text[s:e], s, e, w.bbox, w.confidence, w.block, w.line))
    for a in applied:
        for line_text, s, e, box in _new_words(a, page):
            words.append(Word(line_text, s, e, box, None, 0, 0))
    words.sort(key=lambda w: w.start)
    return RewrittenPage(text, tuple(words), tuple(applied))


def _line_boxes(a: AppliedReplacement, page: PageText) -> list[BBox]:
    """The replaced span's boxes merged per OCR line, in reading order."""
    lines: dict[tuple[int, int], BBox] = {}
    for w in page.words_in_span(a.replacement.start, a.replacement.end):
        if w.bbox is None:
            continue
        box: BBox = w.bbox
        key = (w.block, w.line) if w.block or w.line else (0, box.y0 // max(1, box.y1 - box.y0))
        lines[key] = lines[key].union(box) if key in lines else box
    return sorted(lines.values(), key=lambda b: (b.y0, b.x0))


def _new_words(a: AppliedReplacement, page: PageText) -> list[tuple[str, int, int, BBox | None]]:
    boxes = _line_boxes(a, page)
    parts = a.replacement.new.split("\n")
    if len(parts) == len(boxes) and len(parts) > 1:
        out: list[tuple[str, int, int, BBox | None]] = []
        pos = a.new_start
        for part, box in zip(parts, boxes, strict=True):
            out.append((part, pos, pos + len(part), box))
            pos += len(part) + 1
        return out
    return [(a.replacement.new, a.new_start, a.new_end, BBox.enclosing(boxes))]


# --------------------------------------------------------------------------------------------
# Page images
# --------------------------------------------------------------------------------------------

_FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))
_FONTS = {
    LATIN: "NotoSans-Regular.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    TAMIL: "NotoSansTamil-Regular.ttf",
    SINHALA: "NotoSansSinhala-Regular.ttf",
    MYANMAR: "NotoSansMyanmar-Regular.ttf",
    KATAKANA: "NotoSansCJK-Regular.ttc",
    HAN: "NotoSansCJK-Regular.ttc",
}
PAD = 3  # pixels around each OCR box: antialiased edges of the old letters go too


@lru_cache(maxsize=64)
def _font_file(script: str) -> Path | None:
    name = _FONTS.get(script, _FONTS[LATIN])
    for folder in _FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


def _font(script: str, size: int) -> object | None:
    from PIL import ImageFont

    path = _font_file(script)
    if path is None:
        return None
    return ImageFont.truetype(str(path), size=max(6, size), layout_engine=ImageFont.Layout.RAQM)


def burn(
    image_png: bytes, page: PageText, rewritten: RewrittenPage, *, draw_surrogates: bool = True
) -> tuple[bytes, int]:
    """The page image with every replaced span filled opaquely at its OCR boxes (never blurred), every region of ink
    that no OCR word covers filled too (a photo, a signature, a stamp, a line the OCR skipped), and the surrogate
    drawn in the freed space where it fits. Returns the image and the number of unread regions filled."""
    from PIL import Image, ImageDraw

    opened = Image.open(io.BytesIO(image_png))
    opened.load()
    image: Image.Image = opened if opened.mode in ("L", "RGB") else opened.convert("RGB")
    paper: int | tuple[int, int, int] = 255 if image.mode == "L" else (255, 255, 255)
    ink: int | tuple[int, int, int] = 20 if image.mode == "L" else (20, 20, 20)
    draw = ImageDraw.Draw(image)
    sx = image.width / page.width if page.width else 1.0
    sy = image.height / page.height if page.height else 1.0
    for a in rewritten.applied:
        for box in a.boxes:
            draw.rectangle(_scaled(box, sx, sy, PAD), fill=paper)
    mask, unread = unread_ink(image, [_scaled(w.bbox, sx, sy, 0) for w in page.words if w.bbox is not None])
    if unread:
        import numpy as np
        from PIL import Image as PilImage

        pixels = np.array(image)
        pixels[mask] = paper
        image = PilImage.fromarray(pixels, mode=image.mode)
        draw = ImageDraw.Draw(image)
    if draw_surrogates:
        for a in rewritten.applied:
            for text, _s, _e, line_box in _new_words(a, page):
                if line_box is not None and text.strip():
                    _draw_fitted(draw, text, _scaled(line_box, sx, sy, 0), ink)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue(), unread


CELL = 16  # pixels per side of the grid ink is counted on
MIN_CELLS = 6  # smaller blobs are toner noise


def unread_ink(image: object, word_boxes: Sequence[tuple[int, int, int, int]]) -> tuple[Any, int]:
    """Pixels of ink regions that no OCR word covers, and how many regions: ink is what is clearly darker than the
    page's paper, counted on a grid of 16 px cells; connected cells of six or more make a region (smaller blobs are
    toner noise). The mask never touches a word box, so the words kept stay whole."""
    import numpy as np
    from scipy import ndimage

    gray = np.asarray(image.convert("L"), dtype=np.int16)  # type: ignore[attr-defined]
    paper = int(np.percentile(gray, 90))
    ink = gray < paper - 70
    keep = np.zeros(ink.shape, dtype=bool)
    margin = 8
    for x0, y0, x1, y1 in word_boxes:
        keep[max(0, y0 - margin) : y1 + margin, max(0, x0 - margin) : x1 + margin] = True
    ink &= ~keep
    h, w = ink.shape
    ch, cw = h // CELL, w // CELL
    cells = ink[: ch * CELL, : cw * CELL].reshape(ch, CELL, cw, CELL).mean(axis=(1, 3)) > 0.03
    labels, count = ndimage.label(cells, structure=np.ones((3, 3)))
    sizes = ndimage.sum(cells, labels, index=np.arange(1, count + 1)) if count else np.zeros(0)
    big = np.zeros(count + 1, dtype=bool)
    big[1:] = sizes >= MIN_CELLS
    chosen = big[labels]
    mask = np.zeros(ink.shape, dtype=bool)
    grown = ndimage.binary_dilation(chosen, iterations=1)
    mask[: ch * CELL, : cw * CELL] = np.repeat(np.repeat(grown, CELL, axis=0), CELL, axis=1)
    mask &= ~keep
    return mask, int(big.sum())


def _scaled(box: BBox, sx: float, sy: float, pad: int) -> tuple[int, int, int, int]:
    return (int(box.x0 * sx) - pad, int(box.y0 * sy) - pad, int(box.x1 * sx) + pad, int(box.y1 * sy) + pad)


def _draw_fitted(draw: object, text: str, box: tuple[int, int, int, int], ink: object) -> None:
    script = script_of(text)
    x0, y0, x1, y1 = box
    height = max(6, y1 - y0)
    size = int(height * 0.85)
    rtl = script == ARABIC
    while size >= 6:
        font = _font(script, size)
        if font is None:
            return
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font, direction="rtl" if rtl else None)  # type: ignore[attr-defined]
        if right - left <= (x1 - x0) * 1.15 or size <= 8:
            break
        size -= 2
    x = x1 - (right - left) if rtl else x0
    draw.text(  # type: ignore[attr-defined]
        (x - left, y0 + (height - (bottom - top)) // 2 - top),
        text,
        font=font,
        fill=ink,
        direction="rtl" if rtl else None,
    )


# --------------------------------------------------------------------------------------------
# Leak check
# --------------------------------------------------------------------------------------------


def fold_for_check(text: str) -> str:
    """Lower case, ASCII digits, Arabic letter variants merged, no tatweel or ZWNJ, single spaces."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isdigit():
            out.append(str(unicodedata.digit(ch, 0)))
        else:
            out.append(ch)
    folded = "".join(out).casefold()
    for a, b in (("ي", "ی"), ("ى", "ی"), ("ك", "ک"), ("ة", "ه"), ("ہ", "ه"), ("ۀ", "ه"), ("ـ", ""), ("\u200c", " ")):
        folded = folded.replace(a, b)
    return re.sub(r"\s+", " ", folded)


@dataclass(frozen=True, slots=True)
class Secret:
    """An original value that must not appear anywhere in the pack."""

    kind: str  # name, date_of_birth, document_number, mrz
    value: str

    @property
    def needle(self) -> str:
        value = fold_for_check(self.value)
        if self.kind in ("document_number", "mrz"):
            return re.sub(r"[\s]", "", value)
        return value


def find_secrets(text: str, secrets: Sequence[Secret]) -> list[tuple[Secret, int]]:
    """Which secrets occur in ``text`` and where (offset in the folded text)."""
    folded = fold_for_check(text)
    squeezed = re.sub(r"\s", "", folded)
    found = []
    for s in secrets:
        needle = s.needle
        if len(needle) < 3:
            continue
        if s.kind in ("document_number", "mrz"):
            pos = squeezed.find(needle)
        elif s.kind == "name":
            # whole words ("Ahmad" is inside "Ahmadiyya", the name of a faith), and anywhere in MRZ-like runs
            m = re.search(rf"(?<![^\W\d_]){re.escape(needle)}(?![^\W\d_])", folded)
            pos = m.start() if m else -1
            if pos < 0:
                pos = next((t.start() for t in re.finditer(r"\S*<\S*", folded) if needle in t.group()), -1)
        else:
            pos = folded.find(needle)
        if pos >= 0:
            found.append((s, pos))
    return found


@dataclass(frozen=True, slots=True)
class OcrLeak:
    secret: Secret
    box: BBox | None
    text: str


_TESSERACT = {"en": "eng", "ar": "ara", "fa": "fas", "prs": "fas", "ur": "urd", "ja": "jpn", "ta": "tam"}
_TESSERACT.update({"si": "sin", "my": "mya", "ps": "pus", "fr": "fra", "de": "deu", "ru": "rus", "tr": "tur"})


def tesseract_languages(page: PageText) -> str:
    """The languages the page was read in; for a text layer, the packs of the page's detected languages."""
    if page.ocr_languages:
        return page.ocr_languages
    from examiner_app.extraction.ocr import installed_languages

    installed = installed_languages()
    codes = [_TESSERACT[g.code] for g in page.languages if g.code in _TESSERACT]
    packs = [c for c in dict.fromkeys([*codes, "eng"]) if c in installed]
    return "+".join(packs) or "eng"


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of a fresh OCR pass: its text and each word's span in it and box on the image."""

    text: str
    words: tuple[tuple[int, int, BBox], ...]

    def box_for(self, start: int, end: int) -> BBox | None:
        return BBox.enclosing(b for s, e, b in self.words if s < end and e > start)


def read_lines(image_png: bytes, languages: str) -> list[OcrLine]:
    """A fresh Tesseract pass over an image, in the given languages, as lines of words with boxes."""
    import pytesseract
    from PIL import Image

    image = Image.open(io.BytesIO(image_png))
    data = pytesseract.image_to_data(image, lang=languages or "eng", output_type=pytesseract.Output.DICT)
    grouped: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if str(word).strip():
            grouped.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    lines = []
    for indices in grouped.values():
        text = ""
        words = []
        for i in indices:
            if text:
                text += " "
            start = len(text)
            text += str(data["text"][i])
            box = BBox(
                data["left"][i], data["top"][i], data["left"][i] + data["width"][i], data["top"][i] + data["height"][i]
            )
            words.append((start, len(text), box))
        lines.append(OcrLine(text, tuple(words)))
    return lines


def ocr_leaks(image_png: bytes, languages: str, secrets: Sequence[Secret]) -> list[OcrLeak]:
    """A fresh Tesseract pass over the redacted image, in the page's languages; the secrets it still reads."""
    leaks: list[OcrLeak] = []
    for line in read_lines(image_png, languages):
        for secret, pos in find_secrets(line.text, secrets):
            leaks.append(OcrLeak(secret, line.box_for(0, len(line.text)), line.text))
            del pos
    return leaks
