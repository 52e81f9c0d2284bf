"""Real multi-page scans through ``examiner-app ocr`` against plain Tesseract and the 2-core limit (issue 17).

One document per type of the real development set (``evaluation/ocr_real/SOURCES.md``), as a multi-page TIFF:

* running text: the 4 Tesseract test pages and the typewriter scan;
* running text x4: the same 5 pages 4 times in one 20-page file (a case file's length: the start-up, ~1 s once,
  weighs there what it does in use; on 5 pages that Tesseract reads in ~6 s at the limit it is a sixth);
* layout: linn.png and its skewed, rotated and turned copies (7 pages);
* photos: the photographed book page c03-29 (one page, repeated 4 times: there is only one real photo);
* single lines: the 25 line images, given to one ``examiner-app ocr`` call as 25 files.

Runs, interleaved, ``--repeat`` times (the fastest kept, the load average recorded before each):

* ``pipeline``: ``python -m examiner_app ocr FILE`` (text output) as a subprocess: interpreter start, worker
  start, reading, page language detection and output all included; languages automatic;
* ``pipeline eng``: the same with ``--lang eng``;
* ``plain``: the ``tesseract`` CLI page by page with its defaults (``tesseract PAGE - -l eng``; OpenMP as it
  pleases);
* ``limit``: the 2-core Tesseract limit: two ``tesseract PAGE - -l eng`` processes at a time with
  ``OMP_THREAD_LIMIT=1``, one page each, nothing else.

Word F1 / CER (``evaluation/ocr_eval.py``'s) per page, averaged per document; wall time as ratios to the limit and
to plain. Target: pipeline wall <= 1.1x the limit, word F1 >= plain - 0.005. Writes
``benchmarks/results/ocr_real_benchmark.json``::

    python benchmarks/ocr_real_benchmark.py [--repeat 3] [--only running,casefile,layout]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from ocr_eval import cer, word_f1  # noqa: E402
from ocr_real_eval import Page, development_set  # noqa: E402
from PIL import Image  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "ocr_real_benchmark.json"
TYPES = {
    "running": "running text",
    "casefile": "running text x4",
    "layout": "layout",
    "photos": "photos",
    "lines": "single lines",
}
#: Pages of the running-text document in the "casefile" run: the 5 real pages 4 times, a case file's length, where
#: the one-off start-up (interpreter, workers, Tesseract's models: ~1 s) weighs what it does in real use.
CASEFILE_COPIES = 4


def documents(work: Path) -> dict[str, tuple[list[Path], list[str], list[Path]]]:
    """Type -> (files given to the pipeline, truth per page, one image file per page for the CLI runs)."""
    pages = development_set(work)
    out: dict[str, tuple[list[Path], list[str], list[Path]]] = {}
    for key, kind in TYPES.items():
        mine: list[Page] = [p for p in pages if p.kind == kind.removesuffix(" x4")]
        if key == "photos":
            mine = mine * 4
        if key == "casefile":
            mine = mine * CASEFILE_COPIES
        if not mine:
            continue
        files = [Path(p.path) for p in mine]
        if key == "lines":
            out[key] = (files, [p.truth for p in mine], files)
            continue
        images = [Image.open(f) for f in files]
        images = [im if im.mode in ("1", "L") else im.convert("L") for im in images]
        tiff = work / f"{key}.tif"
        images[0].save(tiff, format="TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
        out[key] = ([tiff], [p.truth for p in mine], files)
    return out


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    env.update(extra)
    return env


def run_pipeline(files: list[Path], languages: str | None) -> tuple[float, list[str]]:
    command = [sys.executable, "-m", "examiner_app", "ocr", *map(str, files)]
    if languages:
        command[4:4] = ["--lang", languages]
    env = _env(PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1")
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    took = time.perf_counter() - start
    # The text output (what `examiner-app ocr FILE` prints): pages separated by form feeds, files in order.
    return took, done.stdout.removesuffix("\n").split("\f")


def run_plain(pages: list[Path]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    texts = [
        subprocess.run(["tesseract", str(p), "-", "-l", "eng"], capture_output=True, text=True, env=_env()).stdout
        for p in pages
    ]
    return time.perf_counter() - start, texts


def run_limit(pages: list[Path]) -> tuple[float, list[str]]:
    env = _env(OMP_THREAD_LIMIT="1")

    def one(page: Path) -> str:
        return subprocess.run(
            ["tesseract", str(page), "-", "-l", "eng"], capture_output=True, text=True, env=env
        ).stdout

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(one, pages))
    return time.perf_counter() - start, texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=",".join(TYPES), help="comma-separated: " + ", ".join(TYPES))
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    wanted = [w for w in args.only.split(",") if w]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ocr-real-bench-") as folder:
        docs = {k: v for k, v in documents(Path(folder)).items() if k in wanted}
        runs = {
            "pipeline": lambda files, pages: run_pipeline(files, None),
            "pipeline eng": lambda files, pages: run_pipeline(files, "eng"),
            "plain": lambda files, pages: run_plain(pages),
            "limit": lambda files, pages: run_limit(pages),
        }
        for key, (files, truths, pages) in docs.items():
            times: dict[str, list[float]] = {name: [] for name in runs}
            loads: dict[str, list[float]] = {name: [] for name in runs}
            texts: dict[str, list[str]] = {}
            for round_number in range(args.repeat):
                order = list(runs) if round_number % 2 == 0 else list(reversed(runs))
                for name in order:
                    loads[name].append(round(os.getloadavg()[0], 2))
                    took, texts[name] = runs[name](files, pages)
                    times[name].append(took)
            limit = min(times["limit"])
            plain = min(times["plain"])
            for name in runs:
                got = texts[name]
                if len(got) != len(truths):
                    raise SystemExit(f"{key}/{name}: {len(got)} pages read, {len(truths)} expected")
                f1 = sum(word_f1(t, g) for t, g in zip(truths, got, strict=True)) / len(truths)
                error = sum(cer(t, g) for t, g in zip(truths, got, strict=True)) / len(truths)
                rows.append(
                    {
                        "type": TYPES[key],
                        "run": name,
                        "pages": len(truths),
                        "word_f1": round(f1, 4),
                        "cer": round(error, 4),
                        "seconds": round(min(times[name]), 2),
                        "seconds_each_round": [round(t, 2) for t in times[name]],
                        "load_each_round": loads[name],
                        "wall_vs_limit": round(min(times[name]) / limit, 3),
                        "wall_vs_plain": round(min(times[name]) / plain, 3),
                    }
                )
            print(f"({TYPES[key]} done; load {os.getloadavg()[0]:.2f})", file=sys.stderr)
    print("| type | pages | run | word F1 | CER | wall vs limit | wall vs plain | load (each round) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        loads_text = "/".join(f"{x:.1f}" for x in r["load_each_round"])
        print(
            f"| {r['type']} | {r['pages']} | {r['run']} | {r['word_f1']:.3f} | {r['cer']:.3f} | "
            f"{r['wall_vs_limit']:.2f} | {r['wall_vs_plain']:.2f} | {loads_text} |"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {"rows": rows, "repeat": args.repeat, "cpus": os.cpu_count(), "uptime": _uptime()}
    args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
