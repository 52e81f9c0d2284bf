"""OCR on real scans: the pipeline against plain Tesseract, per document type and per stage (issue 17).

The development set (``evaluation/ocr_real/SOURCES.md``): real scans nobody on this project made —
the 4 Tesseract test pages in ../shared/data, OCRmyPDF's test scans (``evaluation/ocr_real/files``), and
single text lines cut from those scans (the lines of their ground truth, matched ink band by ink band).

For every page it reads with

* ``plain``: the ``tesseract`` CLI with its defaults, ``tesseract FILE - -l eng`` (PDF pages rendered at
  300 dpi to a PNG first, the same pixels the pipeline gets);
* ``told``: the same CLI with the page's right packs (``--psm 7`` for single lines: the line mode a caller who
  knows the image is one line would use) — the reference for automatic languages;
* ``pipeline``: our TesseractEngine with automatic languages, as ``examiner-app ocr FILE`` reads the page;
* ``-<stage>``: the pipeline with one stage off (``--stages``): ``deskew``, ``line`` (psm 7 for one-line
  images), ``flatten`` (evening out photographed paper), ``osd`` (orientation and script detection: the page
  is read upright with ``eng``), ``probe`` (second-script probe of weak words), ``refine`` (re-reading with
  the language the first reading's text is in), ``lang`` (languages given as ``eng``: no language choice).

Scores: word F1 and CER (``evaluation/ocr_eval.py``'s: NFKC, whitespace ignored by CER), per page and as the
mean per document type; ``--json`` writes everything.

    python evaluation/ocr_real_eval.py [--json evaluation/results/ocr_real_eval.json] [--stages ...] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "evaluation"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from ocr_eval import cer, word_f1  # noqa: E402
from PIL import Image  # noqa: E402

from examiner_app.extraction import deskew, ocr  # noqa: E402
from examiner_app.extraction.images import normalize_mode  # noqa: E402

HERE = REPO / "evaluation" / "ocr_real"
FILES = HERE / "files"
TRUTH = HERE / "truth"
SHARED = REPO.parent / "shared" / "data" / "ocr-tesseract-test-pages"
if not SHARED.exists():  # a worktree beside the main checkout
    SHARED = Path("/work/shared/data/ocr-tesseract-test-pages")
KINDS = ("running text", "layout", "photos", "single lines", "generated lines")
SAMPLES = REPO / "resources" / "samples"
#: Lines cut from the generated sample scans (``--generated``): no real Tamil/Arabic/Persian/Urdu/Sinhala line
#: scans were found, so automatic languages on non-Latin lines can only be checked on these (never tuned on).
GENERATED_LINES = (
    ("lk-journalist-en/letter_from_mother_ta.png", "tam"),
    ("sd-masalit-ar/statement_ar.png", "ara"),
    ("af-hazara-fa/statement_fa.png", "fas"),
    ("pk-ahmadi-ur/statement_ur.png", "urd"),
    ("lk-journalist-en/police_receipt_si.png", "sin"),
)
STAGES = ("deskew", "line", "flatten", "osd", "probe", "refine", "lang")
LINE_MARGIN = 6


@dataclass(frozen=True)
class Page:
    name: str
    kind: str
    path: str  # a PNG/TIFF file the plain CLI reads (rendered or cut pages live in a temporary folder)
    truth: str
    told: str  # Tesseract packs of the page's language ("eng" where the right pack is not installed)


def _render_pdf(path: Path, out_dir: Path, dpi: int = 300) -> list[Path]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    paths = []
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil().convert("L")
        target = out_dir / f"{path.stem}-p{index + 1}.png"
        image.save(target, dpi=(dpi, dpi))
        paths.append(target)
    document.close()
    return paths


def cut_lines(image: Image.Image, truth_lines: list[str]) -> list[Image.Image] | None:
    """The image's text lines as separate images, one per ground-truth line, or None when the ink bands do
    not match the truth's lines one to one (then the page gives no line images).

    Rows with ink form bands; while there are more bands than lines, the thinnest band (dots, accents, Arabic
    vowel marks) joins its nearer neighbour. The result must look like lines (heights within 3x of each other)."""
    import numpy as np

    gray_image = image.convert("L")
    gray = np.asarray(gray_image, dtype=np.uint8)
    ink = (gray < 128).sum(axis=1)
    rows = np.flatnonzero(ink > max(1, gray.shape[1] // 400))
    if rows.size == 0:
        return None
    breaks = np.flatnonzero(np.diff(rows) > 2)
    bands = [list(b) for b in zip(rows[np.r_[0, breaks + 1]].tolist(), rows[np.r_[breaks, -1]].tolist(), strict=True)]
    while len(bands) > len(truth_lines):
        thinnest = min(range(len(bands)), key=lambda i: bands[i][1] - bands[i][0])
        above = bands[thinnest][0] - bands[thinnest - 1][1] if thinnest > 0 else None
        below = bands[thinnest + 1][0] - bands[thinnest][1] if thinnest + 1 < len(bands) else None
        other = thinnest - 1 if below is None or (above is not None and above <= below) else thinnest + 1
        low, high = sorted((thinnest, other))
        bands[low : high + 1] = [[bands[low][0], bands[high][1]]]
    heights = [b - a + 1 for a, b in bands]
    if len(bands) != len(truth_lines) or max(heights) > 3 * min(heights):
        return None
    crops = []
    for top, bottom in bands:
        part = gray[top : bottom + 1]
        cols = np.flatnonzero((part < 128).sum(axis=0) > 0)
        x0, x1 = int(cols[0]), int(cols[-1])
        box = (
            max(0, x0 - LINE_MARGIN),
            max(0, top - LINE_MARGIN),
            min(image.width, x1 + LINE_MARGIN + 1),
            min(image.height, bottom + LINE_MARGIN + 1),
        )
        crops.append(gray_image.crop(box))
    return crops


def generated_lines(work: Path) -> list[Page]:
    pages = []
    for name, told in GENERATED_LINES:
        path = SAMPLES / name
        truth = json.loads((path.parent / "ground_truth.json").read_text(encoding="utf-8"))
        (page,) = [p for d in truth["documents"] if d["file"] == path.name for p in d["pages"]]
        lines = [line.strip() for line in page["text"].splitlines() if line.strip()]
        image = normalize_mode(Image.open(path)).convert("L")
        skew = deskew.estimate_skew(image)  # the generated scans are turned 0.5-1.75 degrees
        crops = cut_lines(deskew.straighten(image, skew.angle) if skew.worth_correcting else image, lines)
        if crops is None:
            print(f"(lines: {path.name} bands do not match its {len(lines)} truth lines; skipped)", file=sys.stderr)
            continue
        for number, (crop, line) in enumerate(zip(crops, lines, strict=True), 1):
            if line.isascii():
                continue  # the Latin lines of these pages (dates, references) say nothing about choosing a script
            target = work / f"{path.stem}-line{number:02d}.png"
            crop.save(target)
            pages.append(Page(f"generated/{path.stem}#{number}", "generated lines", str(target), line, told))
    return pages


def development_set(work: Path) -> list[Page]:
    pages: list[Page] = []
    for name in ("8071_093.3B", "8087_054.3B", "eurotext", "phototest"):
        tif = SHARED / f"{name}.tif"
        if tif.exists():
            truth = (SHARED / f"{name}.txt").read_text(encoding="utf-8", errors="replace")
            pages.append(Page(f"shared/{name}", "running text", str(tif), truth, "eng"))
    typewriter = (TRUTH / "typewriter.txt").read_text(encoding="utf-8")
    pages.append(Page("ocrmypdf/typewriter", "running text", str(FILES / "typewriter.png"), typewriter, "eng"))
    linn = (TRUTH / "linn.txt").read_text(encoding="utf-8")
    pages.append(Page("ocrmypdf/linn", "layout", str(FILES / "linn.png"), linn, "eng"))
    for stem in ("skew", "rotated_skew", "cardinal"):
        for number, png in enumerate(_render_pdf(FILES / f"{stem}.pdf", work), 1):
            pages.append(Page(f"ocrmypdf/{stem}#{number}", "layout", str(png), linn, "eng"))
    (c03,) = _render_pdf(FILES / "c03-29.pdf", work)
    pages.append(Page("ocrmypdf/c03-29", "photos", str(c03), (TRUTH / "c03-29.txt").read_text(encoding="utf-8"), "eng"))
    # Single lines: the lines of the clean single-column scans.
    sources = [
        ("phototest", SHARED / "phototest.tif", (SHARED / "phototest.txt").read_text(encoding="utf-8")),
        ("eurotext", SHARED / "eurotext.tif", (SHARED / "eurotext.txt").read_text(encoding="utf-8")),
        ("typewriter", FILES / "typewriter.png", typewriter),
    ]
    for stem, path, truth in sources:
        if not path.exists():
            continue
        lines = [line.strip() for line in truth.splitlines() if line.strip()]
        crops = cut_lines(normalize_mode(Image.open(path)), lines)
        if crops is None:
            print(f"(lines: {path.name} bands do not match its {len(lines)} truth lines; skipped)", file=sys.stderr)
            continue
        for number, (crop, line) in enumerate(zip(crops, lines, strict=True), 1):
            target = work / f"{stem}-line{number:02d}.png"
            crop.save(target)
            pages.append(Page(f"line/{stem}#{number}", "single lines", str(target), line, _line_told(stem, line)))
    return pages


def _line_told(stem: str, line: str) -> str:
    """eurotext's lines are in six languages; the right pack where one is installed."""
    if stem != "eurotext":
        return "eng"
    french = ("renard", "rapide", "paresseux")
    installed = ocr.installed_languages()
    if any(word in line for word in french) and "fra" in installed:
        return "fra"
    return "eng"


# --- readings -------------------------------------------------------------------------------------


def plain_cli(path: str, languages: str, psm: int | None = None) -> tuple[str, float]:
    command = ["tesseract", path, "-", "-l", languages]
    if psm is not None:
        command += ["--psm", str(psm)]
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=False, env=_cli_env()).stdout
    return out, time.perf_counter() - start


def _cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("OMP_THREAD_LIMIT", None)  # plain Tesseract: its defaults, as a user would run it
    return env


@contextmanager
def stage_off(stage: str) -> Iterator[dict[str, Any]]:
    """Engine settings and patches that switch one stage off."""
    engine_kwargs: dict[str, Any] = {}
    saved: list[tuple[Any, str, Any]] = []

    def patch(owner: Any, attribute: str, value: Any) -> None:
        # From the class or module dict, not getattr: a staticmethod must be put back as one.
        saved.append((owner, attribute, vars(owner)[attribute]))
        setattr(owner, attribute, value)

    if stage == "deskew":
        engine_kwargs["deskew"] = False
    elif stage == "line":
        engine_kwargs["line_mode"] = False
    elif stage == "flatten":
        patch(ocr, "looks_photographed", lambda image: False)
    elif stage == "osd":
        patch(ocr.TesseractEngine, "_osd", lambda self, image: None)
    elif stage == "probe":
        patch(ocr.TesseractEngine, "_second_script", lambda self, image, first: None)
    elif stage == "refine":
        patch(ocr.TesseractEngine, "_refined_languages", staticmethod(lambda first: None))
    try:
        yield engine_kwargs
    finally:
        for owner, attribute, value in reversed(saved):
            setattr(owner, attribute, value)


@contextmanager
def fired_stages() -> Iterator[set[str]]:
    """Which of osd / probe / refine changed anything during a reading (recorded from their return values)."""
    fired: set[str] = set()
    engine = ocr.TesseractEngine
    originals = {name: vars(engine)[name] for name in ("_osd", "_second_script", "_refined_languages")}

    def osd(self: Any, image: Any) -> Any:
        found = originals["_osd"](self, image)
        if found is not None and (
            (found.rotation and found.orientation_confidence >= ocr.OSD_MIN_ORIENTATION_CONFIDENCE)
            or (found.script != "Latin" and found.script_confidence >= ocr.OSD_MIN_SCRIPT_CONFIDENCE)
        ):
            fired.add("osd")
        return found

    def probe(self: Any, image: Any, first: Any) -> Any:
        found = originals["_second_script"](self, image, first)
        if found is not None:
            fired.add("probe")
        return found

    def refine(first: Any) -> Any:
        found = originals["_refined_languages"].__func__(first)
        if found is not None:
            fired.add("refine")
        return found

    engine._osd = osd  # type: ignore[method-assign]
    engine._second_script = probe  # type: ignore[method-assign]
    engine._refined_languages = staticmethod(refine)  # type: ignore[method-assign,assignment]
    try:
        yield fired
    finally:
        for name, value in originals.items():
            setattr(engine, name, value)


def pipeline(path: str, stage: str | None = None) -> tuple[str, float, str, str, set[str]]:
    image = normalize_mode(Image.open(path))
    image.load()
    languages = "eng" if stage == "lang" else None
    with stage_off(stage or "") as kwargs, fired_stages() as fired:
        engine = ocr.TesseractEngine(**kwargs)
        start = time.perf_counter()
        result = engine.read(image, languages)
        took = time.perf_counter() - start
    return result.text, took, result.languages, result.engine, fired


def evaluate_page(page: Page, stages: tuple[str, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {"page": page.name, "kind": page.kind, "told": page.told, "runs": {}}

    def score(label: str, text: str, took: float, **extra: Any) -> None:
        row["runs"][label] = {
            "word_f1": round(word_f1(page.truth, text), 4),
            "cer": round(cer(page.truth, text), 4),
            "s": round(took, 3),
            **extra,
        }

    score("plain", *plain_cli(page.path, "eng"))
    line = page.kind.endswith("lines")
    score("told", *plain_cli(page.path, page.told, 7 if line else None))
    text, took, languages, engine, fired = pipeline(page.path)
    score("pipeline", text, took, languages=languages, engine=engine)
    fired |= {stage for stage in _MARKED if f"+{stage}" in engine}
    if languages != "eng":
        fired.add("lang")
    for stage in stages:
        if stage not in fired:
            # The stage changed nothing (the engine string names every marked step applied; OSD found no
            # rotation or other script, the probe no second script, the refinement no other language; the
            # languages chosen were eng): off reads exactly as on.
            row["runs"][f"-{stage}"] = {**row["runs"]["pipeline"], "fired": False}
            continue
        text, took, languages, engine_off, _ = pipeline(page.path, stage)
        score(f"-{stage}", text, took, languages=languages, engine=engine_off, fired=True)
    print(
        f"{page.name:<30} plain {row['runs']['plain']['word_f1']:.3f} pipeline {row['runs']['pipeline']['word_f1']:.3f} "
        + " ".join(f"{k} {v['word_f1']:.3f}" for k, v in row["runs"].items() if k.startswith("-") and v.get("fired")),
        file=sys.stderr,
        flush=True,
    )
    return row


#: Stages the engine string names when applied.
_MARKED = frozenset({"deskew", "line", "flatten"})


def summarize(rows: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for kind in KINDS:
        mine = [r for r in rows if r["kind"] == kind]
        if not mine:
            continue
        labels = list(mine[0]["runs"])
        summary[kind] = {
            label: {
                "n": len(mine),
                "word_f1": round(sum(r["runs"][label]["word_f1"] for r in mine) / len(mine), 4),
                "cer": round(sum(r["runs"][label]["cer"] for r in mine) / len(mine), 4),
                "s": round(sum(r["runs"][label]["s"] for r in mine), 2),
            }
            for label in labels
        }
    return summary


def _print_table(summary: dict[str, dict[str, dict[str, float]]], rows: list[dict[str, Any]]) -> None:
    for row in rows:
        runs = row["runs"]
        cells = "  ".join(f"{k} {v['word_f1']:.3f}/{v['cer']:.3f}" for k, v in runs.items())
        print(f"{row['page']:<26} {cells}  [{runs['pipeline']['languages']} {runs['pipeline']['engine']}]")
    print()
    print("| type | n | run | word F1 | CER | seconds |")
    print("|---|---|---|---|---|---|")
    for kind, runs in summary.items():
        for label, v in runs.items():
            print(f"| {kind} | {v['n']} | {label} | {v['word_f1']:.3f} | {v['cer']:.3f} | {v['s']:.1f} |")


def _job(args: tuple[Page, tuple[str, ...]]) -> dict[str, Any]:
    return evaluate_page(*args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write pages and summary here")
    parser.add_argument("--stages", default=",".join(STAGES), help="stages to switch off one at a time ('' none)")
    parser.add_argument("--only", default="", help="comma-separated document types or page-name prefixes")
    parser.add_argument("--generated", action="store_true", help="add lines cut from the generated sample scans")
    parser.add_argument("--jobs", type=int, default=2, help="pages evaluated in parallel (processes)")
    args = parser.parse_args(argv)
    stages = tuple(s for s in args.stages.split(",") if s)
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="ocr-real-") as folder:
        pages = development_set(Path(folder)) + (generated_lines(Path(folder)) if args.generated else [])
        if args.only:
            wanted = [w.strip() for w in args.only.split(",") if w.strip()]
            pages = [p for p in pages if p.kind in wanted or any(p.name.startswith(w) for w in wanted)]
        print(f"{len(pages)} pages: " + ", ".join(f"{k} {sum(p.kind == k for p in pages)}" for k in KINDS))
        start = time.perf_counter()
        if args.jobs > 1:
            with ProcessPoolExecutor(args.jobs) as pool:
                rows = list(pool.map(_job, [(p, stages) for p in pages]))
        else:
            rows = [evaluate_page(p, stages) for p in pages]
        took = time.perf_counter() - start
    summary = summarize(rows)
    _print_table(summary, rows)
    print(f"\n{len(rows)} pages in {took:.0f} s; load {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"pages": rows, "summary": summary, "load_1min": os.getloadavg()[0]}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
