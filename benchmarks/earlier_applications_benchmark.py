"""Possible-earlier-application hints at scale: ``Workbench.earlier_application_hints`` over 10,000 cases.

Synthetic, fictional data written into a fresh SQLite store: every case has one to three spellings of its
applicant's name (Latin variants and Arabic script), a date of birth and a nationality. Measured:

* ``cold``: the first call, which reads every name, date of birth and nationality and builds the skeleton
  index (once per store, until a suggestion or decision changes);
* ``warm``: later calls (index cached): the lookup, access checks, and the audit event;
* ``baseline``: the same comparison without the index (every name of the case against every name in the
  store with ``compare_names``), measured in the same run for a few cases.

    .venv/bin/python benchmarks/earlier_applications_benchmark.py              # 10,000 cases, ~1 minute
    .venv/bin/python benchmarks/earlier_applications_benchmark.py --cases 2000 # quick

Prints a table and writes benchmarks/results/earlier_applications_benchmark.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from examiner_app.config import Settings  # noqa: E402
from examiner_app.domain import FactField, Role  # noqa: E402
from examiner_app.extraction.facts.name_match import compare_names  # noqa: E402
from examiner_app.services import Workbench  # noqa: E402
from examiner_app.store import Store  # noqa: E402
from examiner_app.store import repositories as repo  # noqa: E402
from examiner_app.store.orm import CaseRow, SuggestionRow  # noqa: E402

GIVEN = [
    ("Mohammad", "محمد"),
    ("Ali", "علی"),
    ("Hassan", "حسن"),
    ("Hussein", "حسين"),
    ("Fatima", "فاطمة"),
    ("Zainab", "زينب"),
    ("Omar", "عمر"),
    ("Yusuf", "يوسف"),
    ("Maryam", "مریم"),
    ("Reza", "رضا"),
    ("Khalid", "خالد"),
    ("Ahmad", "احمد"),
]
FAMILY = [
    ("Karimi", "کریمی"),
    ("Ahmadi", "احمدی"),
    ("Rahimi", "رحیمی"),
    ("Haddad", "حداد"),
    ("Mansour", "منصور"),
    ("Saleh", "صالح"),
    ("Nasser", "ناصر"),
    ("Jafari", "جعفری"),
    ("Kazemi", "کاظمی"),
    ("Sadeghi", "صادقی"),
    ("Hosseini", "حسینی"),
    ("Mousavi", "موسوی"),
    ("Rostami", "رستمی"),
    ("Azizi", "عزیزی"),
    ("Habibi", "حبیبی"),
    ("Bakr", "بكر"),
]
SPELLINGS = {"Mohammad": ["Muhammad", "Mohamed"], "Hussein": ["Husain", "Hussain"], "Yusuf": ["Youssef"]}


def populate(store: Store, cases: int, seed: int) -> str:
    """``cases`` cases with names, dates of birth and nationalities; returns an examiner's id."""
    rng = random.Random(seed)
    with store.session() as session:
        examiner = repo.get_or_create_user(session, "Bench Examiner", Role.EXAMINER)
        case_rows = [CaseRow(title=f"Case {n}", reference=f"B-{n:05d}", created_by=examiner.id) for n in range(cases)]
        session.add_all(case_rows)
        session.flush()
        rows: list[SuggestionRow] = []
        for case in case_rows:
            g, f = rng.choice(GIVEN), rng.choice(FAMILY)
            names = [f"{g[0]} {f[0]}"]
            if rng.random() < 0.5:
                names.append(f"{g[1]} {f[1]}")
            if rng.random() < 0.3:
                names.append(f"{f[0].upper()}, {rng.choice(SPELLINGS.get(g[0], [g[0]]))}")
            facts = [(FactField.PERSON_NAME, n, None) for n in names]
            dob = f"19{rng.randint(60, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            facts += [(FactField.DATE_OF_BIRTH, dob, dob), (FactField.NATIONALITY, "IR", "IR")]
            for field, value, normalized in facts:
                rows.append(
                    SuggestionRow(
                        case_id=case.id,
                        file_name="statement.txt",
                        page_number=1,
                        field=field.value,
                        value=value,
                        normalized=normalized,
                        confidence=0.9,
                        span_start=0,
                        span_end=len(value),
                        engine="rules",
                        model="identity",
                        model_version="1",
                    )
                )
        session.add_all(rows)
    return str(examiner.id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "earlier_applications_benchmark.json"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        started = time.perf_counter()
        examiner_id = populate(store, args.cases, args.seed)
        populate_s = time.perf_counter() - started
        with store.session() as session:
            user = repo.get_user(session, examiner_id)
            case_ids = [c.id for c in repo.list_cases(session)]
        bench = Workbench(store, Settings(data_dir=Path(tmp), ai_enabled=False), user)
        rng = random.Random(args.seed + 1)
        queries = rng.sample(case_ids, min(args.queries, len(case_ids)))
        started = time.perf_counter()
        first = bench.earlier_application_hints(queries[0])
        cold_ms = (time.perf_counter() - started) * 1000
        warm: list[float] = []
        hint_counts: list[int] = []
        for case_id in queries[1:]:
            started = time.perf_counter()
            result = bench.earlier_application_hints(case_id)
            warm.append((time.perf_counter() - started) * 1000)
            hint_counts.append(len(result.hints))
        # Baseline: no index, every name against every name (what the index avoids), for a few cases.
        with store.session() as session:
            all_names = [(s.case_id, s.value) for s in session.query(SuggestionRow).filter_by(field="person_name")]
        baseline: list[float] = []
        for case_id in queries[1:4]:
            mine = [n for c, n in all_names if c == case_id]
            started = time.perf_counter()
            for name in mine:
                for other_case, other in all_names:
                    if other_case != case_id:
                        compare_names(name, other)
            baseline.append((time.perf_counter() - started) * 1000)
        store.dispose()
    report = {
        "cases": args.cases,
        "names": len(all_names),
        "populate_s": round(populate_s, 2),
        "cold_ms": round(cold_ms, 1),
        "warm_median_ms": round(statistics.median(warm), 1),
        "warm_max_ms": round(max(warm), 1),
        "baseline_no_index_median_ms": round(statistics.median(baseline), 1),
        "hints_per_case_median": statistics.median(hint_counts),
        "first_case_cases_compared": first.cases_compared,
        "load": os.getloadavg()[0],
    }
    print(f"{'measure':34} value")
    for key, value in report.items():
        print(f"{key:34} {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
