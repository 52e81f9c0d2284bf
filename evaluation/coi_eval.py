"""Retrieval accuracy of COI search on the fictional library: recall@3 and MRR per query language.

    .venv/bin/python evaluation/coi_eval.py                 # test split (the one not used for tuning)
    .venv/bin/python evaluation/coi_eval.py --split dev     # the split parameters were chosen on
    .venv/bin/python evaluation/coi_eval.py --split all --no-embeddings   # full text only
    .venv/bin/python evaluation/coi_eval.py --calibrate     # cosine distributions for embeddings.Calibration

The library (resources/coi/reports) is imported into a fresh SQLite store (embedding it takes about
30 s on two cores); ``--store PATH`` keeps that store and reuses it on the next run. Queries and
their answers are in evaluation/coi_queries.json: an answer is a report file plus a phrase that the
answering passage contains. A query is "cross-language" when none of its answers is in the query's
language. No country filter is used: the search has to find the country too.

Writes evaluation/results/coi_eval.json (or --out) with every figure printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from examiner_app.coi import search as coi_search  # noqa: E402
from examiner_app.coi.embeddings import EmbeddingEngine, NullEmbedder, default_engine  # noqa: E402
from examiner_app.coi.importer import import_reports  # noqa: E402
from examiner_app.coi.search import search  # noqa: E402
from examiner_app.store import Store  # noqa: E402

REPORTS = ROOT / "resources" / "coi" / "reports"
QUERIES = Path(__file__).resolve().parent / "coi_queries.json"
K = 3


def report_files() -> list[Path]:
    return sorted(p for p in REPORTS.iterdir() if p.is_file() and not p.name.endswith(".meta.json"))


def open_store(path: Path | None, engine: EmbeddingEngine) -> Store:
    """A store holding the whole library, embedded with ``engine`` (reused when ``path`` already has it)."""
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="coi-eval-")) / "eval.db"
    store = Store(f"sqlite:///{path}")
    started = time.perf_counter()
    imported = import_reports(store, report_files(), engine=engine)
    fresh = [r for r in imported if not r.duplicate]
    if fresh:
        print(f"imported {len(fresh)} reports in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if engine.available:
        from examiner_app.coi.importer import embed_missing

        embed_missing(store, engine)
    return store


def _language_of(file_name: str) -> str:
    meta = json.loads((REPORTS / f"{file_name}.meta.json").read_text(encoding="utf-8"))
    return str(meta.get("language") or "und")


def _is_answer(hit: Any, answers: list[dict[str, str]]) -> bool:
    return any(hit.report.file_name == a["file"] and a["contains"] in hit.passage.text for a in answers)


def evaluate(store: Store, engine: EmbeddingEngine, split: str, top: int = 10) -> dict[str, Any]:
    data = json.loads(QUERIES.read_text(encoding="utf-8"))
    rows = []
    for q in data["queries"]:
        if split != "all" and q["split"] != split:
            continue
        started = time.perf_counter()
        results = search(store, q["query"], top=top, engine=engine)
        elapsed = time.perf_counter() - started
        rank = next((i for i, h in enumerate(results.hits, start=1) if _is_answer(h, q["answers"])), None)
        answer_languages = {_language_of(a["file"]) for a in q["answers"]}
        rows.append(
            {
                "id": q["id"],
                "lang": q["lang"],
                "batch": q.get("batch", "original"),
                "cross": q["lang"] not in answer_languages,
                "rank": rank,
                "mode": results.mode,
                "ms": round(elapsed * 1000, 1),
                "top3": [f"{h.report.file_name} p{h.passage.page} para{h.passage.paragraph}" for h in results.hits[:K]],
            }
        )

    def summary(subset: list[dict[str, Any]]) -> dict[str, Any]:
        if not subset:
            return {"n": 0}
        return {
            "n": len(subset),
            f"recall@{K}": round(sum(1 for r in subset if r["rank"] and r["rank"] <= K) / len(subset), 3),
            "mrr": round(sum(1 / r["rank"] for r in subset if r["rank"]) / len(subset), 3),
        }

    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[f"lang={r['lang']}"].append(r)
        groups["cross-language" if r["cross"] else "same-language"].append(r)
        if r["lang"] == "en" and not r["cross"]:
            groups["English query, English answer"].append(r)
        groups["all"].append(r)
        # "after-glossary": queries written after the query-side glossary was frozen (never used for tuning).
        groups[f"batch={r['batch']}"].append(r)
        if r["cross"]:
            groups[f"batch={r['batch']}, cross-language"].append(r)
    return {
        "split": split,
        "engine": engine.name if engine.available else f"none ({engine.reason})",
        "groups": {name: summary(subset) for name, subset in sorted(groups.items())},
        "median_ms": statistics.median(r["ms"] for r in rows) if rows else None,
        "misses": [r for r in rows if not r["rank"] or r["rank"] > K],
        "queries": rows,
    }


def calibrate(store: Store, engine: EmbeddingEngine) -> dict[str, float]:
    """Cosine of dev queries with their answers and with everything else (for embeddings.Calibration)."""
    import numpy as np

    from examiner_app.coi import library

    data = json.loads(QUERIES.read_text(encoding="utf-8"))
    with store.session() as session:
        lib = library.library(store, session, model=engine.name, dim=engine.dim)
        from examiner_app.coi.repository import passages_by_id

        index = lib.vectors[engine.name]
        details = passages_by_id(session, [int(i) for i in index.ids])
    related: list[float] = []
    unrelated: list[float] = []
    for q in data["queries"]:
        if q["split"] != "dev":
            continue
        vector = engine.embed_queries([q["query"]])[0]
        scores = index.matrix @ vector
        for pid, score in zip(index.ids, scores, strict=True):
            passage, report = details[int(pid)]
            hit = any(report.file_name == a["file"] and a["contains"] in passage.text for a in q["answers"])
            (related if hit else unrelated).append(float(score))
    out = {
        "related_median": float(np.median(related)),
        "related_p10": float(np.percentile(related, 10)),
        "unrelated_median": float(np.median(unrelated)),
        "unrelated_p95": float(np.percentile(unrelated, 95)),
        "unrelated_p99": float(np.percentile(unrelated, 99)),
    }
    return {k: round(v, 4) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--no-embeddings", action="store_true", help="full text only (null engine)")
    parser.add_argument("--store", type=Path, help="SQLite file to keep (and reuse) the imported library in")
    parser.add_argument(
        "--no-expansion", action="store_true", help="no glossary expansion of full-text terms (coi.glossary)"
    )
    parser.add_argument("--calibrate", action="store_true", help="print cosine distributions on the dev split")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "coi_eval.json")
    parser.add_argument("--verbose", action="store_true", help="list the top 3 of every missed query")
    args = parser.parse_args(argv)
    if args.no_expansion:
        coi_search.MAX_EXPANSION_TERMS = 0  # ablation: the search as it was before the glossary
    engine: EmbeddingEngine = NullEmbedder("--no-embeddings") if args.no_embeddings else default_engine(True)
    store = open_store(args.store, engine)
    if args.calibrate:
        if not engine.available:
            print("calibration needs the embedding engine", file=sys.stderr)
            return 1
        print(json.dumps(calibrate(store, engine), indent=2))
        return 0
    report = evaluate(store, engine, args.split)
    print(f"COI retrieval, split={report['split']}, engine={report['engine']}")
    print(f"{'group':34} {'n':>4} {'recall@3':>9} {'MRR':>6}")
    for name, figures in report["groups"].items():
        if figures["n"]:
            print(f"{name:34} {figures['n']:>4} {figures[f'recall@{K}']:>9.3f} {figures['mrr']:>6.3f}")
    print(f"median query time {report['median_ms']} ms; misses: {[m['id'] for m in report['misses']]}")
    if args.verbose:
        for miss in report["misses"]:
            print(f"  {miss['id']} rank={miss['rank']} top3={miss['top3']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    key = f"{report['split']}/{'full_text' if args.no_embeddings else 'hybrid'}{'/no_expansion' if args.no_expansion else ''}"
    existing[key] = {k: v for k, v in report.items() if k != "queries"} | {"queries": report["queries"]}
    args.out.write_text(json.dumps(existing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
