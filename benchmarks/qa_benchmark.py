"""``qa report`` time on 100,000 scripted decisions, on SQLite and PostgreSQL (target < 2 s).

Scripted decided suggestions (tests/qa_scripted.py ``bulk_decisions``: 5 fields x 4 languages, three engine
versions, accept / form edit / edit / reject by field and language) are inserted into a fresh store, then
``QaService.report`` (what ``qa report --format json`` runs, audit event included) is timed per stratification,
interleaved with a baseline measured in the same run: one SQL ``GROUP BY`` count of the same decisions (no
latest-decision rule, no form edits, no intervals), the least any report must cost. The first (cold) run is
reported apart: it fills the form-edit and interval caches.

    .venv/bin/python benchmarks/qa_benchmark.py                       # SQLite, and PostgreSQL if EXAMINER_TEST_PG_URL
    .venv/bin/python benchmarks/qa_benchmark.py --decisions 20000 --repeat 3   # quick

Prints a table and writes benchmarks/results/qa_benchmark.json, with the machine load (2 shared cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from examiner_app.qa.service import QaService  # noqa: E402
from examiner_app.store import Store  # noqa: E402
from examiner_app.store.orm import DecisionRow, SuggestionRow  # noqa: E402
from tests.qa_scripted import bulk_decisions, make_users  # noqa: E402

STRATIFICATIONS = (("field",), ("field", "language"), ("field", "language", "engine", "ocr_band"))


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def baseline(store: Store) -> None:
    with store.session() as session:
        session.execute(
            select(SuggestionRow.field, DecisionRow.action, func.count())
            .join(SuggestionRow, SuggestionRow.id == DecisionRow.suggestion_id)
            .group_by(SuggestionRow.field, DecisionRow.action)
        ).all()


def run(store: Store, label: str, decisions: int, repeat: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    made = bulk_decisions(store, decisions)
    load_s = time.perf_counter() - t0
    _, reviewers = make_users(store)
    qa = QaService(store, reviewers[0])
    rows: list[dict[str, Any]] = []
    for dims in STRATIFICATIONS:
        cold = _timed(lambda d=dims: qa.report(by=d))
        report = qa.report(by=dims)
        assert report["total"]["n"] == made, (report["total"]["n"], made)
        times, base = [], []
        for _ in range(repeat):  # interleaved with the baseline, so both see the same load
            times.append(_timed(lambda d=dims: qa.report(by=d)))
            base.append(_timed(lambda: baseline(store)))
        rows.append(
            {
                "database": label,
                "by": ",".join(dims),
                "strata": len(report["strata"]),
                "decisions": made,
                "cold_s": round(cold, 3),
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "baseline_median_s": round(statistics.median(base), 3),
                "ratio_to_baseline": round(statistics.median(times) / statistics.median(base), 1),
                "target_met": statistics.median(times) < 2.0,
            }
        )
    return {"database": label, "load_s": round(load_s, 1), "rows": rows}


def postgres_store(base_url: str) -> tuple[Store, Callable[[], None]]:
    name = f"qa_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    store = Store(make_url(base_url).set(database=name).render_as_string(hide_password=False))

    def drop() -> None:
        store.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return store, drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pg", default=os.environ.get("EXAMINER_TEST_PG_URL"), help="PostgreSQL server URL")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "qa_benchmark.json")
    args = parser.parse_args()
    results = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        results.append(run(store, "sqlite", args.decisions, args.repeat))
        store.dispose()
    if args.pg:
        store, drop = postgres_store(args.pg)
        try:
            results.append(run(store, "postgresql", args.decisions, args.repeat))
        finally:
            drop()
    load_after = os.getloadavg()
    print(
        f"{'database':<11} {'by':<34} {'strata':>6} {'cold s':>7} {'median s':>9} {'max s':>6} {'baseline s':>10} {'ratio':>6}"
    )
    for result in results:
        for r in result["rows"]:
            print(
                f"{r['database']:<11} {r['by']:<34} {r['strata']:>6} {r['cold_s']:>7.3f} {r['median_s']:>9.3f} "
                f"{r['max_s']:>6.3f} {r['baseline_median_s']:>10.3f} {r['ratio_to_baseline']:>6.1f}"
            )
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (2 shared cores)")
    out = {
        "run": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "decisions": args.decisions,
            "repeat": args.repeat,
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in load_after],
            "python": platform.python_version(),
            "command": "python " + " ".join(sys.argv),
        },
        "results": results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
