"""Reading speed: our reader against plain baselines, measured in the same run on the same pages.

1. OCR of a multi-page scanned document: ``read_document`` (worker processes, ``OMP_THREAD_LIMIT=1``, Tesseract
   in process through its C API, OSD + script-chosen packs, or fixed ``eng``) against two baselines on the same pages: the plain ``tesseract`` CLI run
   page by page with its defaults (OpenMP threads as it pleases, ``eng``), and the 2-core Tesseract limit: two
   ``tesseract`` CLI processes at a time with ``OMP_THREAD_LIMIT=1``, one page each (nothing but Tesseract, no
   decoding, preprocessing or result handling). Targets (issue 3): pipeline within 1.1x of the limit, and at
   most half the time of the plain CLI. Pages: generated A4 text pages at 300 dpi, plus the real scans in
   ``../shared/data/ocr-tesseract-test-pages`` when that folder is present (skipped cleanly when not).
   Word recall (share of ground-truth words found) guards against "fast because it read less".
2. Text layer of a 100-page born-digital PDF: pdfplumber against pypdfium2, plain text and words with boxes,
   per page in one process; then the whole ``read_document`` (which also renders each page to PNG).

Prints a table and writes ``benchmarks/results/ocr_benchmark.json``::

    .venv/bin/python benchmarks/ocr_benchmark.py            # everything, 3 interleaved OCR rounds (~6 minutes)
    .venv/bin/python benchmarks/ocr_benchmark.py --quick    # 4 OCR pages, 30 PDF pages
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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


def generated_pages(count: int, folder: Path, lines: int | None = None) -> list[tuple[Path, str]]:
    """A4 pages at 300 dpi with ~30 lines of 11-point text each (or the first ``lines``); (image, ground truth)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 46)  # ~11 pt at 300 dpi
    pages = []
    for number in range(count):
        text = f"Page {number + 1}. " + " ".join([PARAGRAPH] * 3)
        rows = wrap(text, 80)[:lines]
        image = Image.new("L", (2480, 3508) if lines is None else (2480, 400 + 80 * len(rows)), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(rows):
            draw.text((220, 260 + row * 80), line, font=font, fill=0)
        path = folder / f"generated-{'' if lines is None else 'short-'}{number + 1:02d}.png"
        image.save(path, dpi=(300, 300))
        pages.append((path, "\n".join(rows)))
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

    # Bilevel scans stay bilevel, as a scanner's multi-page TIFF holds them (and as the CLI baselines read them).
    images = [image if image.mode in ("1", "L") else image.convert("L") for image in (Image.open(p) for p, _ in pages)]
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


def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (Tesseract runs, worker processes and theirs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


#: One OCR run: wall seconds, CPU seconds, page texts.
Run = tuple[float, float, list[str]]


def ours(path: Path | None, languages: str | None, workers: int, warm: Path) -> Run:
    """``read_document`` on ``path`` in a fresh pool warmed on ``warm``; ``path=None`` runs the warm-up alone
    (its CPU time is subtracted: workers are only reaped, and their CPU counted, when the pool closes)."""
    options = ReadOptions(ocr_languages=languages, workers=workers)
    cpu_before = cpu_seconds()
    seconds, texts = 0.0, []
    with ReaderPool() as pool:
        # Start the workers and their imports (Tesseract, the language detectors) on a small scan first: a case
        # import pays this once per worker process (recycled every 100 pages), not per document.
        list(read_document(warm, options, NullProgress(), pool=pool))
        if path is not None:
            seconds, reads = timed(lambda: list(read_document(path, options, NullProgress(), pool=pool)))
            texts = [r.page.text for r in reads]
    return seconds, cpu_seconds() - cpu_before, texts


def tesseract_cli(pages: list[tuple[Path, str]]) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}  # its defaults, as a user runs it

    def run() -> list[str]:
        return [
            subprocess.run(["tesseract", str(p), "stdout"], capture_output=True, text=True, env=env, check=True).stdout
            for p, _ in pages
        ]

    cpu_before = cpu_seconds()
    seconds, texts = timed(run)
    return seconds, cpu_seconds() - cpu_before, texts


def tesseract_limit(pages: list[tuple[Path, str]], processes: int) -> Run:
    """The 2-core limit: ``processes`` tesseract CLIs at a time, one page each, one OpenMP thread each."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(page: Path) -> str:
        return subprocess.run(
            ["tesseract", str(page), "stdout", "-l", "eng"], capture_output=True, text=True, env=env, check=True
        ).stdout

    def run() -> list[str]:
        with ThreadPoolExecutor(max_workers=processes) as pool:
            return list(pool.map(one, [p for p, _ in pages]))

    cpu_before = cpu_seconds()
    seconds, texts = timed(run)
    return seconds, cpu_seconds() - cpu_before, texts


def ocr_section(
    pages: list[tuple[Path, str]], label: str, folder: Path, workers: int, repeat: int
) -> list[dict[str, Any]]:
    """Each run ``repeat`` times, interleaved, keeping the fastest: on a shared machine, load that comes and goes
    during one run would otherwise decide the ratios. The plain CLI runs once (it is 3-6x over its target).

    CPU seconds (all processes) are recorded beside wall time: with both cores busy, wall time is about CPU time
    over 2 for the limit and for the pipeline alike, and CPU time does not change when other jobs share the
    machine, so ``cpu_vs_limit`` is the steadier estimate of ``time_vs_limit``."""
    document = as_multipage_tiff(pages, folder / f"{label}.tif")
    warm = as_multipage_tiff(generated_pages(2, folder, lines=3), folder / "warm.tif")
    truths = [t for _, t in pages]
    # The mean, not the fastest, of the warm-ups: subtracting the fastest would flatter every pipeline run.
    warm_cpu = {
        languages: sum(ours(None, languages, workers, warm)[1] for _ in range(2)) / 2 for languages in ("eng", None)
    }
    runs: list[tuple[str, Callable[[], Run]]] = [
        ("tesseract CLI, page by page, defaults", lambda: tesseract_cli(pages)),
        (
            f"2-core limit: {workers} tesseract CLIs in parallel, OMP_THREAD_LIMIT=1",
            lambda: tesseract_limit(pages, workers),
        ),
        (f"read_document, {workers} workers, eng", lambda: ours(document, "eng", workers, warm)),
        (
            f"read_document, {workers} workers, automatic (OSD + script packs)",
            lambda: ours(document, None, workers, warm),
        ),
    ]
    warm_of = {runs[2][0]: warm_cpu["eng"], runs[3][0]: warm_cpu[None]}
    times: dict[str, list[float]] = {name: [] for name, _ in runs}
    cpu: dict[str, list[float]] = {name: [] for name, _ in runs}
    loads: dict[str, list[float]] = {name: [] for name, _ in runs}
    texts: dict[str, list[str]] = {}
    for round_number in range(repeat):
        for index, (name, run) in enumerate(runs):
            if index == 0 and round_number > 0:
                continue
            loads[name].append(round(os.getloadavg()[0], 2))  # other jobs on the cores show here
            seconds, cpu_spent, texts[name] = run()
            times[name].append(seconds)
            cpu[name].append(cpu_spent - warm_of.get(name, 0.0))
    rows: list[dict[str, Any]] = []
    for name, _ in runs:
        seconds = min(times[name])
        recall = sum(word_recall(t, f) for t, f in zip(truths, texts[name], strict=True)) / len(truths)
        rows.append(
            {
                "set": label,
                "run": name,
                "pages": len(pages),
                "seconds": round(seconds, 2),
                "seconds_each_round": [round(t, 2) for t in times[name]],
                "load_each_round": loads[name],
                "cpu_seconds": round(min(cpu[name]), 2),
                "s_per_page": round(seconds / len(pages), 3),
                "word_recall": round(recall, 4),
            }
        )
    baseline, limit, limit_cpu = float(rows[0]["seconds"]), float(rows[1]["seconds"]), float(rows[1]["cpu_seconds"])
    for row in rows:
        row["cpu_vs_limit"] = round(float(row["cpu_seconds"]) / limit_cpu, 3)
        row["speedup_vs_cli"] = round(baseline / float(row["seconds"]), 2)
        row["time_vs_cli"] = round(float(row["seconds"]) / baseline, 3)  # target <= 0.5
        row["time_vs_limit"] = round(float(row["seconds"]) / limit, 3)  # target <= 1.1
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
    parser.add_argument("--repeat", type=int, default=3, help="OCR rounds, interleaved; the fastest counts")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    ocr_pages = 4 if args.quick else args.ocr_pages
    pdf_pages = 30 if args.quick else args.pdf_pages
    repeat = 1 if args.quick else max(1, args.repeat)

    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": " ".join([".venv/bin/python benchmarks/ocr_benchmark.py", *sys.argv[1:]]),
        "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
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
                generated_pages(ocr_pages, folder), "generated A4 300 dpi", folder, args.workers, repeat
            )
            real = shared_pages()
            if real:
                results["ocr"] += ocr_section(real, "shared real scans", folder, args.workers, repeat)
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
        [
            "set",
            "run",
            "pages",
            "seconds",
            "s_per_page",
            "time_vs_limit",
            "cpu_seconds",
            "cpu_vs_limit",
            "time_vs_cli",
            "word_recall",
        ],
    )
    for row in results["ocr"]:
        if row["run"].startswith("read_document"):
            # Judged on the larger ratio: when other jobs share the cores, wall time alone can flatter either side.
            worst = max(row["time_vs_limit"], row["cpu_vs_limit"])
            print(
                f"{row['set']} / {row['run']}: {row['time_vs_limit']:.2f}x the 2-core limit in wall time, "
                f"{row['cpu_vs_limit']:.2f}x in CPU time (target <= 1.1: {'met' if worst <= 1.1 else 'NOT met'}), "
                f"{row['time_vs_cli']:.2f}x the plain CLI (target <= 0.5: {'met' if row['time_vs_cli'] <= 0.5 else 'NOT met'})"
            )
    print_table(
        "PDF text layer (wall time)",
        results["text_layer"],
        ["run", "pages", "seconds", "ms_per_page", "speedup_vs_pdfplumber_text", "items"],
    )
    results["load_average_at_end"] = [round(v, 2) for v in os.getloadavg()]
    print(
        f"load average (1, 5, 15 min): {results['load_average_at_start']} at start, {results['load_average_at_end']} at end"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
