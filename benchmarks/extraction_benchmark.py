"""Fact extraction speed on a 10-page case, models loaded (issue target: under 10 s on 2 cores).

Pages are the gold documents' texts (evaluation/facts/gold) packed into ten A4-sized pages. It times
language detection + every extractor per page once the models are loaded (a first pass that loads them
is reported apart), beside a baseline of the rules alone (AI off) in the same run.

    python benchmarks/extraction_benchmark.py [--pages 10] [--repeat 3]

Prints a table and writes benchmarks/results/extraction_benchmark.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from examiner_app.domain import PageSource, PageText  # noqa: E402
from examiner_app.extraction.facts import default_extractors, extract_facts  # noqa: E402
from examiner_app.extraction.facts.base import FactExtractor  # noqa: E402
from examiner_app.extraction.language import detect_page_languages  # noqa: E402

GOLD = REPO / "evaluation" / "facts" / "gold"
PAGE_CHARS = 3000  # about one typed A4 page


def make_pages(count: int) -> list[PageText]:
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(GOLD.glob("*.json"))]
    pages: list[PageText] = []
    buffer = ""
    for text in texts * 4:
        buffer += text + "\n\n"
        if len(buffer) >= PAGE_CHARS:
            pages.append(PageText(len(pages) + 1, buffer, source=PageSource.PLAIN_TEXT))
            buffer = ""
        if len(pages) == count:
            break
    return pages


def run(pages: list[PageText], extractors: list[FactExtractor]) -> tuple[float, int]:
    start = time.perf_counter()
    facts = 0
    for page in pages:
        facts += len(extract_facts(detect_page_languages(page), extractors))
    return time.perf_counter() - start, facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = make_pages(args.pages)
    rows = []
    for label, ai in (("rules only (AI off)", False), ("rules + models (AI on)", True)):
        load_start = time.perf_counter()
        extractors = default_extractors(ai_enabled=ai)
        # One pass over every page loads the models lazily: spaCy and the sentence tagger load on the first
        # English block, which need not be on the first page.
        warm, _ = run(pages, extractors)
        load = time.perf_counter() - load_start
        times = []
        facts = 0
        for _ in range(args.repeat):
            seconds, facts = run(pages, extractors)
            times.append(seconds)
        rows.append(
            {
                "engine": label,
                "pages": len(pages),
                "chars": sum(len(p.text) for p in pages),
                "load_and_first_pass_s": round(load, 3),
                "median_s": round(statistics.median(times), 3),
                "s_per_page": round(statistics.median(times) / len(pages), 4),
                "facts": facts,
            }
        )
    print(f"{'engine':<24}{'pages':>6}{'load+1st pass':>14}{'median s':>10}{'s/page':>9}{'facts':>7}")
    for r in rows:
        print(
            f"{r['engine']:<24}{r['pages']:>6}{r['load_and_first_pass_s']:>14}{r['median_s']:>10}"
            f"{r['s_per_page']:>9}{r['facts']:>7}"
        )
    print(
        f"target: a 10-page case under 10 s once models are loaded -> "
        f"{'PASS' if rows[-1]['median_s'] < 10 else 'FAIL'} ({rows[-1]['median_s']} s)"
    )
    out = REPO / "benchmarks" / "results" / "extraction_benchmark.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"rows": rows, "target_s": 10}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
