"""Agency-mode throughput: real OCR pages on 1 and 2 worker processes against the machine's own parallel speedup.

Usage::

    EXAMINER_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:54334/postgres \\
        .venv/bin/python benchmarks/agency_benchmark.py [--documents 6] [--rounds 1] [--out benchmarks/results/agency.json]

The pages are real scans (../shared/data/ocr-tesseract-test-pages, else tests/data), bundled into multi-page
TIFFs (each bundle a different page order, so each is a distinct file). In the same run, interleaved:

* baseline: the in-process pipeline (``Pipeline.import_files``, the desktop's path) with 1 and then 2 reader
  processes: the machine's own parallel speedup S_base = t(1) / t(2);
* agency: the same files deferred to 1 and then 2 ``examiner-app worker`` processes, timed until every document
  is done: S_agency = t(1) / t(2).

Two figures for each run, measured separately:

* start-up: for workers, from spawning them until all say ``serving queues`` (a worker preloads the extractors,
  the language detectors and its reader process before it serves, see examiner_app/agency/warmup.py); in process,
  the same preload (agency.warmup.preload with the run's read options) in the benchmark's own process;
* steady state: from the first file handed over until every document is done, everything already loaded.

The target (ratio >= 0.8) compares the steady-state speedups: an office's workers start once and read for
days. The speedups from cold (start-up + steady state, one interval on the clock) are printed beside it.
``--rounds N`` repeats the four interleaved runs; each figure is then the median of its N measurements.

Prints a table and writes JSON: pages/s, both speedups, their ratio, the queue's overhead per page (agency with
1 worker minus in-process with 1 process, steady state, per page) and the load average (the machine is shared:
compare ratios measured in one run, not absolute times across runs).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from examiner_app.agency import warmup  # noqa: E402
from examiner_app.config import Settings  # noqa: E402
from examiner_app.domain import Role  # noqa: E402
from examiner_app.extraction.reader import ReadOptions  # noqa: E402
from examiner_app.pipeline import Pipeline, PipelineContext  # noqa: E402
from examiner_app.services import Workbench  # noqa: E402
from examiner_app.store import Store  # noqa: E402

SCANS = [
    Path(os.environ.get("EXAMINER_SHARED_DATA", ROOT.parent / "shared" / "data")) / "ocr-tesseract-test-pages",
    ROOT.parent.parent / "shared" / "data" / "ocr-tesseract-test-pages",  # from a worktree under /work/wt
    ROOT / "tests" / "data",
]


def real_pages() -> list[Path]:
    for folder in SCANS:
        found = sorted(p for p in folder.glob("*.tif*") if p.is_file())
        if found:
            return found
    raise SystemExit("no real scans found (../shared/data/ocr-tesseract-test-pages or tests/data)")


def bundles(folder: Path, documents: int) -> tuple[list[Path], int]:
    from PIL import Image

    pages = [Image.open(p).convert("L") for p in real_pages()]
    paths, count = [], 0
    for d in range(documents):
        order = pages[d % len(pages) :] + pages[: d % len(pages)]
        if d >= len(pages):
            order = list(reversed(order))
        path = folder / f"bundle-{d + 1:02d}.tiff"
        order[0].save(path, save_all=True, append_images=order[1:], dpi=(300, 300), compression="tiff_lzw")
        paths.append(path)
        count += len(order)
    return paths, count


def fresh_database(base: str) -> tuple[str, object]:
    name = f"agency_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(base).set(database=name).render_as_string(hide_password=False), (admin, name)


def drop_database(handle: object) -> None:
    admin, name = handle  # type: ignore[misc]
    with admin.connect() as connection:  # type: ignore[attr-defined]
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@dataclass(frozen=True)
class Timing:
    startup_s: float  # loading what the work needs (workers: spawn until serving)
    steady_s: float  # the work itself, everything loaded

    @property
    def from_cold_s(self) -> float:
        return self.startup_s + self.steady_s


def in_process(files: list[Path], processes: int, data: Path) -> Timing:
    store = Store(f"sqlite:///{data / f'inproc-{processes}-{uuid.uuid4().hex[:6]}.db'}")
    bench = Workbench(store, Settings(data_dir=data, ai_enabled=False))
    bench.sign_in("Bench", Role.EXAMINER)
    case = bench.create_case("bench")
    options = ReadOptions(ocr_languages="eng", workers=processes)
    context = PipelineContext(read_options=options, ai_enabled=False, actor=bench.actor)
    start = time.perf_counter()
    # The same preload as a worker's, on the pool this run reads with (a new size starts new reader processes).
    loaded = warmup.preload(None, False, options)
    started = time.perf_counter()
    outcomes = Pipeline(store, context, extractors=loaded.extractors).import_files(case.id, files)
    elapsed = time.perf_counter() - started
    assert all(o.status.value == "done" for o in outcomes), outcomes
    store.dispose()
    return Timing(started - start, elapsed)


def agency(files: list[Path], processes: int, base_url: str, data: Path) -> tuple[Timing, list[str]]:
    from examiner_app.agency import service

    url, handle = fresh_database(base_url)
    store = Store(url)
    bench = Workbench(store, Settings(data_dir=data, db_url=url, ai_enabled=False, ocr_languages="eng"))
    bench.sign_in("Bench", Role.EXAMINER)
    case = bench.create_case("bench")
    env = dict(
        os.environ, PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1", EXAMINER_AI_ENABLED="0", EXAMINER_OCR_LANGUAGES="eng"
    )
    env.pop("EXAMINER_USER", None)
    logs = [(data / f"worker-{processes}-{i}.log") for i in range(processes)]
    spawned = time.perf_counter()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "examiner_app",
                "--db",
                url,
                "--data-dir",
                str(data),
                "worker",
                "--concurrency",
                "1",
            ],
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        for log in logs
    ]
    try:
        deadline = time.monotonic() + 180
        while not all("serving queues" in log.read_text(errors="replace") for log in logs):
            if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
                raise SystemExit(
                    "workers did not start:\n" + "\n".join(log.read_text(errors="replace") for log in logs)
                )
            time.sleep(0.05)
        start = time.perf_counter()
        outcomes = service.defer_import(store, bench.pipeline().context, case.id, files)
        ids = [o.document_id for o in outcomes if o.document_id]
        state = service.wait(store, ids, poll_s=0.1, timeout_s=1800)
        elapsed = time.perf_counter() - start
        assert all(f.status.value == "done" for f in state), state
        preloads = [
            line.split(": preloaded ", 1)[1]
            for log in logs
            for line in log.read_text(errors="replace").splitlines()
            if ": preloaded " in line
        ]
    finally:
        for worker in workers:
            os.kill(worker.pid, signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.kill(worker.pid, signal.SIGKILL)
        store.dispose()
        drop_database(handle)
    return Timing(start - spawned, elapsed), preloads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=1, help="repeat the interleaved runs; figures are medians")
    parser.add_argument("--db", default=os.environ.get("EXAMINER_TEST_PG_URL"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "agency.json")
    args = parser.parse_args()
    if not args.db:
        raise SystemExit(
            "give --db or set EXAMINER_TEST_PG_URL (a PostgreSQL server the benchmark may create databases on)"
        )
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory(prefix="agency-bench-") as tmp:
        folder = Path(tmp)
        files, pages = bundles(folder, args.documents)
        load_before = os.getloadavg()
        rounds: list[dict[str, Timing]] = []
        preloads: list[str] = []
        for _ in range(args.rounds):
            # Interleaved: baseline 1, agency 1, baseline 2, agency 2 (a load change hits both sides alike).
            base1 = in_process(files, 1, folder)
            agency1, loaded1 = agency(files, 1, args.db, folder)
            base2 = in_process(files, 2, folder)
            agency2, loaded2 = agency(files, 2, args.db, folder)
            rounds.append({"in_process_1": base1, "agency_1": agency1, "in_process_2": base2, "agency_2": agency2})
            preloads += loaded1 + loaded2
        load_after = os.getloadavg()
    # Each figure is the median over the rounds (one round: the figure itself).
    runs = {
        key: Timing(
            statistics.median(r[key].startup_s for r in rounds), statistics.median(r[key].steady_s for r in rounds)
        )
        for key in rounds[0]
    }
    base1, agency1, base2, agency2 = (runs[k] for k in ("in_process_1", "agency_1", "in_process_2", "agency_2"))
    per_round = [
        (r["agency_1"].steady_s / r["agency_2"].steady_s) / (r["in_process_1"].steady_s / r["in_process_2"].steady_s)
        for r in rounds
    ]
    s_base = base1.steady_s / base2.steady_s
    s_agency = agency1.steady_s / agency2.steady_s
    cold_base = base1.from_cold_s / base2.from_cold_s
    cold_agency = agency1.from_cold_s / agency2.from_cold_s
    overhead_per_page_s = (agency1.steady_s - base1.steady_s) / pages
    result = {
        "documents": len(files),
        "pages": pages,
        "scans": str(real_pages()[0].parent),
        "target_compares": "steady state (start-up excluded)",
        "seconds": {key: t.steady_s for key, t in runs.items()},
        "startup_seconds": {key: t.startup_s for key, t in runs.items()},
        "pages_per_s": {key: pages / t.steady_s for key, t in runs.items()},
        "speedup_in_process": s_base,
        "speedup_agency": s_agency,
        "ratio": s_agency / s_base,
        "target_ratio": 0.8,
        "from_cold": {
            "speedup_in_process": cold_base,
            "speedup_agency": cold_agency,
            "ratio": cold_agency / cold_base,
        },
        "rounds": len(rounds),
        "ratio_per_round": per_round,
        "seconds_per_round": [{key: t.steady_s for key, t in r.items()} for r in rounds],
        "worker_preload": preloads,
        "queue_overhead_per_page_s": overhead_per_page_s,
        "load_average_before": load_before,
        "load_average_after": load_after,
        "cpu_count": os.cpu_count(),
    }
    print(f"{'run':<16}{'start-up s':>12}{'steady s':>10}{'pages/s':>10}")
    for key, t in runs.items():
        print(f"{key:<16}{t.startup_s:>12.1f}{t.steady_s:>10.1f}{pages / t.steady_s:>10.2f}")
    print(
        f"steady state: speedup in process {s_base:.2f}, agency {s_agency:.2f}, "
        f"ratio {s_agency / s_base:.2f} (target >= 0.8)"
    )
    print(
        f"from cold (start-up + steady): speedup in process {cold_base:.2f}, agency {cold_agency:.2f}, "
        f"ratio {cold_agency / cold_base:.2f} (not the target)"
    )
    if len(rounds) > 1:
        print(f"(medians of {len(rounds)} rounds; steady-state ratio per round {[round(x, 2) for x in per_round]})")
    for line in preloads:
        print(f"worker preload: {line}")
    print(f"queue overhead per page {overhead_per_page_s * 1000:.0f} ms; load {load_before} -> {load_after}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
