"""The gold documents as scans: rendered page images read by the real pipeline, predictions mapped back to gold.

Used by ``evaluation/facts_eval.py`` (every run scores the text and the scans side by side).

* **Render**: each gold text is drawn line by line (long lines wrapped at spaces, or between characters for
  Japanese, as a word processor would, so a date or a place may be split over two lines) on A4 pages at
  300 dpi in Noto fonts with Pillow's raqm layout (shaping, bidi), then degraded as a flatbed scan by
  ``scripts/make_samples.py``'s ``scan`` (blur, toner noise, dust, a slight skew; fixed seed per document).
* **Read**: the pages go through the product's reader (``extraction.reader.read_document``: orientation,
  deskew, Tesseract with automatic languages, one page per worker process), then page language detection
  and ``extract_facts`` per page, exactly as an imported scan.
* **Map back**: the OCR text of all pages is aligned with the gold text character by character (difflib on the
  texts without whitespace; replaced stretches map linearly), and every predicted span becomes the span of gold
  text its characters align with. A prediction none of whose characters align is unmatched (a false positive).

Renders and OCR readings are cached under ``evaluation/results/scan-cache/`` (not in git), keyed by the text
and the rendering parameters, and by the rendered image plus the source of the OCR modules and the Tesseract
version: a rerun after an extractor change reads nothing again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import pickle
import sys
import tempfile
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO / "evaluation" / "results" / "scan-cache"
RENDER_VERSION = "1"  # bump when the rendering below changes

DPI = 300
PAGE_W, PAGE_H = 2480, 3508  # A4 at 300 dpi
MARGIN_X, TOP_Y, BOTTOM_Y = 225, 225, 3508 - 260
BODY_PX = 50  # 12 pt at 300 dpi


def _samples_module() -> Any:
    """scripts/make_samples.py as a module (its fonts, shaping, wrapping and scan degradation)."""
    name = "_make_samples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "make_samples.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _lang(code: str) -> Any:
    ms = _samples_module()
    if code in ms.LANGS:
        return ms.LANGS[code]
    if code == "prs":
        return ms.Lang("prs", "arabic-sans", "rtl", "fa", 2.0, "fas")
    return ms.Lang(code, "latin", "ltr", code, 1.55, "eng")  # fr, tr and other Latin-script languages


# --- rendering -----------------------------------------------------------------------------------------------


def render_pages(text: str, language: str, seed: int) -> list[bytes]:
    """PNG bytes of the scan-like pages of ``text`` (one drawn line per wrapped text line)."""
    import numpy as np
    from PIL import Image, ImageDraw

    ms = _samples_module()
    lang = _lang(language)
    font = ms.get_font(lang.script, BODY_PX)
    step = BODY_PX * lang.leading
    width = PAGE_W - 2 * MARGIN_X
    rng = np.random.default_rng(seed)
    pages: list[bytes] = []
    image = Image.new("L", (PAGE_W, PAGE_H), 255)
    draw = ImageDraw.Draw(image)
    y: float = TOP_Y
    drawn = False

    def flush() -> None:
        nonlocal image, draw, y, drawn
        angle = float(rng.uniform(-0.4, 0.4))
        buffer = io.BytesIO()
        ms.scan(image, rng, angle).save(buffer, format="PNG", compress_level=1)
        pages.append(buffer.getvalue())
        image = Image.new("L", (PAGE_W, PAGE_H), 255)
        draw = ImageDraw.Draw(image)
        y, drawn = TOP_Y, False

    def measure(s: str) -> float:
        return float(ms.text_width(s, font, lang))

    for raw_line in text.split("\n"):
        if not raw_line.strip():
            y += step * 0.6
            continue
        for line in ms.wrap(raw_line.strip(), measure, lang, width):
            if y + step > BOTTOM_Y:
                flush()
            ms.place_line(draw, y, line, font, lang, "start", MARGIN_X, PAGE_W - MARGIN_X)
            drawn = True
            y += step
    if drawn or not pages:
        flush()
    return pages


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:20]


def cached_render(doc_id: str, text: str, language: str) -> list[bytes]:
    key = _digest(RENDER_VERSION, str(DPI), str(BODY_PX), language, text)
    folder = CACHE_DIR / "renders" / f"{doc_id}-{key}"
    if folder.is_dir():
        files = sorted(folder.glob("page-*.png"))
        if files:
            return [f.read_bytes() for f in files]
    seed = int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16)
    pages = render_pages(text, language, seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i, png in enumerate(pages, start=1):
        (folder / f"page-{i:02d}.png").write_bytes(png)
    return pages


# --- reading with the product's pipeline ---------------------------------------------------------------------


def _ocr_code_key() -> str:
    """What a raw OCR reading depends on: Tesseract and the OCR modules. The page-text clean-up
    (``ocr_text.clean_page_text``, idempotent) is applied again to cached pages, so changing it reads nothing again."""
    import inspect

    from examiner_app.extraction import images, ocr

    here = Path(ocr.__file__).parent
    sources = [
        (here / name).read_bytes() for name in ("ocr.py", "ocr_script_check.py", "ocr_rtl_latin.py", "deskew.py")
    ]
    return _digest(ocr.tesseract_version(), *sources, inspect.getsource(images.ocr_page))


def _cleaned(pages: list[Any]) -> list[Any]:
    from dataclasses import replace

    from examiner_app.extraction.ocr_text import clean_page_text

    out = []
    for p in pages:
        text, words = clean_page_text(p.text, p.words)
        out.append(p if text == p.text else replace(p, text=text, words=words))
    return out


def read_scan(doc_id: str, pages_png: Sequence[bytes], pool: Any = None) -> list[Any]:
    """The pages as the product reads them (PageText, no languages yet), cached per image and OCR code."""
    from examiner_app.extraction.reader import ReadOptions, read_document
    from examiner_app.progress import NullProgress

    key = _digest(_ocr_code_key(), *pages_png)
    path = CACHE_DIR / "ocr" / f"{doc_id}-{key}.pickle"
    if path.exists():
        with path.open("rb") as fh:
            cached: list[Any] = pickle.load(fh)
        return _cleaned(cached)
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        tiff = Path(tmp) / f"{doc_id}.tiff"
        images = [Image.open(io.BytesIO(png)) for png in pages_png]
        images[0].save(tiff, save_all=True, append_images=images[1:], dpi=(DPI, DPI), compression="tiff_lzw")
        pages = [p.page for p in read_document(tiff, ReadOptions(), NullProgress(), pool=pool)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(pages, fh)
    return pages


# --- alignment -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alignment:
    """Maps positions in the OCR text (pages joined) to positions in the gold text."""

    ocr_pos: tuple[int, ...]  # non-whitespace OCR characters' positions, sorted
    gold_pos: tuple[int, ...]  # the gold position each aligns with (-1: nothing)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        lo = bisect_right(self.ocr_pos, start - 1)
        hi = bisect_right(self.ocr_pos, end - 1)
        mapped = [g for g in self.gold_pos[lo:hi] if g >= 0]
        if not mapped:
            return None
        return min(mapped), max(mapped) + 1


def align(gold_text: str, ocr_text: str) -> Alignment:
    g_idx = [i for i, ch in enumerate(gold_text) if not ch.isspace()]
    o_idx = [i for i, ch in enumerate(ocr_text) if not ch.isspace()]
    g_str = "".join(gold_text[i] for i in g_idx)
    o_str = "".join(ocr_text[i] for i in o_idx)
    mapped = [-1] * len(o_idx)
    matcher = SequenceMatcher(None, o_str, g_str, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(a1 - a0):
                mapped[a0 + k] = g_idx[b0 + k]
        elif tag == "replace":
            for k in range(a1 - a0):
                mapped[a0 + k] = g_idx[b0 + min(b1 - b0 - 1, (k * (b1 - b0)) // (a1 - a0))]
    return Alignment(tuple(o_idx), tuple(mapped))


# --- the whole run ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanPrediction:
    """One prediction on the scan, with its span in the gold text (or -1, -1 when it aligns with nothing)."""

    field: Any
    value: str
    normalized: str | None
    start: int
    end: int
    ocr_confidence: float | None


def predict_scans(
    docs: Sequence[Any], extractors: Sequence[Any], log: Any = None
) -> tuple[dict[str, list[Any]], dict[str, Any]]:
    """Predictions on the scans mapped onto gold spans (same shape as ``facts_eval.predict``), and OCR stats."""
    from examiner_app.extraction.facts import extract_facts
    from examiner_app.extraction.language import detect_page_languages
    from examiner_app.extraction.reader import ReaderPool

    out: dict[str, list[Any]] = {}
    stats: dict[str, Any] = {}
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with ReaderPool() as pool:
        for doc in docs:
            pngs = cached_render(doc.id, doc.text, doc.language)
            pages = read_scan(doc.id, pngs, pool)
            pages = [detect_page_languages(p) for p in pages]
            joined: list[str] = []
            offsets: list[int] = []
            pos = 0
            for p in pages:
                offsets.append(pos)
                joined.append(p.text)
                pos += len(p.text) + 2
            ocr_text = "\n\n".join(joined)
            alignment = align(doc.text, ocr_text)
            preds: list[Any] = []
            for p, offset in zip(pages, offsets, strict=True):
                for c in extract_facts(p, extractors):
                    span = alignment.span(c.start + offset, c.end + offset)
                    start, end = span if span else (-1, -1)
                    preds.append(
                        ScanPrediction(
                            c.field, c.value, c.normalized, start, end, p.confidence_for_span(c.start, c.end)
                        )
                    )
            out[doc.id] = preds
            out[f"{doc.id}#languages"] = [g.code for g in pages[0].languages] if pages else []
            matched = sum(1 for g in alignment.gold_pos if g >= 0)
            stats[doc.id] = {
                "pages": len(pages),
                "ocr_chars": len(ocr_text),
                "aligned_share": round(matched / max(1, len(alignment.gold_pos)), 4),
                "mean_confidence": _mean([p.mean_confidence for p in pages if p.mean_confidence is not None]),
                "ocr_languages": [p.ocr_languages for p in pages],
            }
            if log is not None:
                log(f"  scan {doc.id}: {len(pages)} page(s), OCR {stats[doc.id]['ocr_languages']}")
    return out, stats


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None
