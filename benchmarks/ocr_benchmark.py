"""Reading speed: our reader against plain baselines, measured in the same run on the same pages.

1. OCR of a multi-page scanned document: ``read_document`` (worker processes, ``OMP_THREAD_LIMIT=1``, OSD +
   script-chosen packs, or fixed ``eng``) against the plain ``tesseract`` CLI run page by page with its defaults
   (OpenMP threads as it pleases, ``eng``). Pages: generated A4 text pages at 300 dpi, plus the real scans in
   ``../shared/data/ocr-tesseract-test-pages`` when that folder is present (skipped cleanly when not).
   Word recall (share of ground-truth words found) guards against "fast because it read less".
2. Text layer of a 100-page born-digital PDF: pdfplumber against pypdfium2, plain text and words with boxes,
   per page in one process; then the whole ``read_document`` (which also renders each page to PNG).

Prints a table and writes ``benchmarks/results/ocr_benchmark.json``::

    .venv/bin/python benchmarks/ocr_benchmark.py            # everything (~2-3 minutes on 2 cores)
    .venv/bin/python benchmarks/ocr_benchmark.py --quick    # 4 OCR pages, 30 PDF pages
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from examiner_app.extraction import pdf as pdf_module  # noqa: E402
from examiner_app.extraction.reader import ReaderPool, ReadOptions, read_document  # noqa: E402
from examiner_app.progress import NullProgress  # noqa: E402

SHARED_PAGES = ROOT.parent / "shared" / "data" / "ocr-tesseract-test-pages"
RESULTS = ROOT / "benchmarks" / "results" / "ocr_benchmark.json"
FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")

PARAGRAPH = (
    "The applicant states that she left her home town in March 2019 after her brother was arrested by the "
    "police. She travelled through Iran and Turkey before arriving in Greece by boat on 4 May 2019. Her "
    "passport number was P1234567 and it was taken by the smuggler in Istanbul. She fears persecution because "
    "of her political opinion and her membership of a particular social group."
)


# --- inputs ----------------------------------------------------------------------------------------


def wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def generated_pages(count: int, folder: Path) -> list[tuple[Path, str]]:
    """A4 pages at 300 dpi with ~30 lines of 11-point text each; returns (image, ground truth)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 46)  # ~11 pt at 300 dpi
    pages = []
    for number in range(count):
        text = f"Page {number + 1}. " + " ".join([PARAGRAPH] * 3)
        lines = wrap(text, 80)
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((220, 260 + row * 80), line, font=font, fill=0)
        path = folder / f"generated-{number + 1:02d}.png"
        image.save(path, dpi=(300, 300))
        pages.append((path, "\n".join(lines)))
    return pages


def shared_pages() -> list[tuple[Path, str]]:
    if not SHARED_PAGES.is_dir():
        return []
    return [
        (tif, tif.with_suffix(".txt").read_text(errors="replace"))
        for tif in sorted(SHARED_PAGES.glob("*.tif"))
        if tif.with_suffix(".txt").exists()
    ]


def as_multipage_tiff(pages: list[tuple[Path, str]], path: Path) -> Path:
    from PIL import Image

    images = [Image.open(p).convert("L") for p, _ in pages]
    images[0].save(
        path, format="TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate", dpi=(300, 300)
    )
    return path


def word_recall(truth: str, found: str) -> float:
    """Share of ground-truth words (case-folded, punctuation stripped) present in the output, with multiplicity."""

    def words(text: str) -> list[str]:
        return [w for w in re.findall(r"\w+", text.casefold()) if len(w) > 1]

    pool: dict[str, int] = {}
    for word in words(found):
        pool[word] = pool.get(word, 0) + 1
    expected = words(truth)
    hits = 0
    for word in expected:
        if pool.get(word, 0) > 0:
            pool[word] -= 1
            hits += 1
    return hits / len(expected) if expected else 1.0


def born_digital_pdf(pages: int, path: Path) -> Path:
    from fpdf import FPDF

    document = FPDF()
    document.add_font("noto", fname=str(FONT))
    document.set_font("noto", size=10)
    document.set_auto_page_break(False)
    for number in range(pages):
        document.add_page()
        document.set_xy(15, 15)
        document.multi_cell(180, 5, f"Page {number + 1}\n" + "\n\n".join([PARAGRAPH] * 7))
    document.output(str(path))
    return path


# --- runs ----------------------------------------------------------------------------------------


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def ours(path: Path, languages: str | None, workers: int) -> tuple[float, list[str]]:
    options = ReadOptions(ocr_languages=languages, workers=workers)
    with ReaderPool() as pool:
        # Start the workers first: a case import pays this once, not per document.
        warm = path.with_name("warm.txt")
        warm.write_text("warm")
        list(read_document(warm, options, NullProgress(), pool=pool))
        seconds, reads = timed(lambda: list(read_document(path, options, NullProgress(), pool=pool)))
    return seconds, [r.page.text for r in reads]


def tesseract_cli(pages: list[tuple[Path, str]]) -> tuple[float, list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}  # its defaults, as a user runs it

    def run() -> list[str]:
        return [
            subprocess.run(["tesseract", str(p), "stdout"], capture_output=True, text=True, env=env, check=True).stdout
            for p, _ in pages
        ]

    return timed(run)


def ocr_section(pages: list[tuple[Path, str]], label: str, folder: Path, workers: int) -> list[dict[str, Any]]:
    document = as_multipage_tiff(pages, folder / f"{label}.tif")
    truths = [t for _, t in pages]
    rows: list[dict[str, Any]] = []
    for name, run in (
        ("tesseract CLI, page by page, defaults", lambda: tesseract_cli(pages)),
        (f"read_document, {workers} workers, eng", lambda: ours(document, "eng", workers)),
        (f"read_document, {workers} workers, automatic (OSD + script packs)", lambda: ours(document, None, workers)),
    ):
        seconds, texts = run()
        recall = sum(word_recall(t, f) for t, f in zip(truths, texts, strict=True)) / len(truths)
        rows.append(
            {
                "set": label,
                "run": name,
                "pages": len(pages),
                "seconds": round(seconds, 2),
                "s_per_page": round(seconds / len(pages), 3),
                "word_recall": round(recall, 4),
            }
        )
    baseline = float(rows[0]["seconds"])
    for row in rows:
        row["speedup_vs_cli"] = round(baseline / float(row["seconds"]), 2)
    return rows


def text_layer_section(path: Path, pages: int, workers: int) -> list[dict[str, Any]]:
    import pdfplumber
    import pypdfium2

    def plumber_text() -> int:
        with pdfplumber.open(path) as document:
            return sum(len(page.extract_text() or "") for page in document.pages)

    def plumber_words() -> int:
        with pdfplumber.open(path) as document:
            return sum(len(page.extract_words()) for page in document.pages)

    def pdfium_text() -> int:
        document = pypdfium2.PdfDocument(path)
        try:
            return sum(len(document[i].get_textpage().get_text_range()) for i in range(len(document)))
        finally:
            document.close()

    def pdfium_words() -> int:
        document = pypdfium2.PdfDocument(path)
        total = 0
        try:
            for i in range(len(document)):
                page = document[i]
                textpage = page.get_textpage()
                width, height = page.get_size()
                size = (round(width * 150 / 72), round(height * 150 / 72))
                raw = pdf_module._page_chars(textpage)
                _, words = pdf_module.text_layer_words(textpage, raw, pdf_module._Mapper(page, size))
                total += len(words)
        finally:
            document.close()
        return total

    def reader_pages() -> int:
        options = ReadOptions(ocr_enabled=False, workers=workers)
        with ReaderPool() as pool:
            warm = path.with_name("warm.txt")
            warm.write_text("warm")
            list(read_document(warm, options, NullProgress(), pool=pool))
            started = time.perf_counter()
            count = sum(1 for _ in read_document(path, options, NullProgress(), pool=pool))
            reader_pages.seconds = time.perf_counter() - started  # type: ignore[attr-defined]
        return count

    rows: list[dict[str, Any]] = []
    for name, run in (
        ("pdfplumber extract_text", plumber_text),
        ("pdfplumber extract_words (words + boxes)", plumber_words),
        ("pypdfium2 get_text_range", pdfium_text),
        ("pypdfium2 text + word boxes (ours, 1 process)", pdfium_words),
        (f"read_document, {workers} workers (+ 150 dpi PNG per page)", reader_pages),
    ):
        seconds, count = timed(run)
        seconds = getattr(run, "seconds", seconds)
        rows.append(
            {
                "run": name,
                "pages": pages,
                "seconds": round(seconds, 3),
                "ms_per_page": round(1000 * seconds / pages, 2),
                "items": count,
            }
        )
    baseline = float(rows[0]["seconds"])
    for row in rows:
        row["speedup_vs_pdfplumber_text"] = round(baseline / float(row["seconds"]), 1)
    return rows


def print_table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    print(f"\n{title}")
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="4 OCR pages and 30 PDF pages")
    parser.add_argument("--ocr-pages", type=int, default=8)
    parser.add_argument("--pdf-pages", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    ocr_pages = 4 if args.quick else args.ocr_pages
    pdf_pages = 30 if args.quick else args.pdf_pages

    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "tesseract": subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        if shutil.which("tesseract")
        else None,
        "ocr": [],
        "text_layer": [],
    }
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        folder = Path(tmp)
        if shutil.which("tesseract"):
            results["ocr"] += ocr_section(
                generated_pages(ocr_pages, folder), "generated A4 300 dpi", folder, args.workers
            )
            real = shared_pages()
            if real:
                results["ocr"] += ocr_section(real, "shared real scans", folder, args.workers)
            else:
                print(f"(skipping real scans: {SHARED_PAGES} is absent)")
        else:
            print("(skipping OCR: tesseract is not installed)")
        results["text_layer"] = text_layer_section(
            born_digital_pdf(pdf_pages, folder / "born-digital.pdf"), pdf_pages, args.workers
        )

    print_table(
        "OCR (wall time, same pages, same run)",
        results["ocr"],
        ["set", "run", "pages", "seconds", "s_per_page", "speedup_vs_cli", "word_recall"],
    )
    print_table(
        "PDF text layer (wall time)",
        results["text_layer"],
        ["run", "pages", "seconds", "ms_per_page", "speedup_vs_pdfplumber_text", "items"],
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
