"""Short Latin-script texts read alone and as a short block on a page whose language is known (dev half only).

``detect_page_languages`` lets a short block (fewer letters than Lingua is asked about) take the language of its
page's long blocks when the block's own cheap evidence (every detector but Lingua, the cues, our n-grams) ranks that
language first (``_detect_in_context``). This script measures what that does to single words and word pairs of the
lingua test data's dev half (the held-out half is not read), in three settings:

* ``alone``: ``detect_language`` (Lingua included), today's answer for a text on its own;
* ``on en page``: the same text as a short block on an English page (the rule as implemented), with the number of
  items for which Lingua was still asked;
* ``on own page``: on a page in the item's own language (supported languages only);
* ``overturn 0.9``: the rejected variant in which the prior (0.9 for the page's language) may overturn the block's
  own evidence, on an English page.

The right answer for an unsupported language (pt de ms) is ``und``.

Usage::

    python evaluation/page_context_eval.py [--per-kind N]     # N items per language and kind (40)
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATA = Path(os.environ.get("EXAMINER_SHARED_DATA", REPO.parent / "shared" / "data"))
LINGUA = DATA / "langid-lingua-testdata" / "lingua_testdata_sample.tsv"
LANGUAGES = ("en", "es", "fr", "id", "so", "tl", "tr", "vi", "pt", "de", "ms")
KINDS = ("single-words", "word-pairs")


def _dev_items(per_kind: int) -> dict[tuple[str, str], list[str]]:
    items: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    with LINGUA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = (row["lang"], row["kind"])
            if row["lang"] not in LANGUAGES or row["kind"] not in KINDS or len(items[key]) >= per_kind:
                continue
            # The dev half as evaluation/langid_eval.py splits the lingua file (by SHA-256 of the text).
            if hashlib.sha256(row["text"].encode("utf-8")).digest()[0] % 2 == 0:
                items[key].append(row["text"])
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=40, help="items per language and kind (40)")
    args = parser.parse_args()
    if not LINGUA.is_file():
        print(f"no data at {LINGUA}: nothing to evaluate")
        return 0

    from examiner_app.extraction import language as lid
    from examiner_app.extraction.language import _detectors

    def lingua_calls() -> int:
        info = _detectors._lingua_detector.cache_info()
        return info.hits + info.misses

    def overturning(text: str, page_language: str) -> str:
        script, _share, letters = lid.text_script(text)
        if script != "Latin" or not _detectors.applies("lingua", letters):
            return lid.detect_language(text, 1)[0].code
        ranked, votes = lid._rank(text, without=lid._CONTEXT_SKIPS)
        if votes is None:
            return lid._decide(ranked, 1)[0].code
        posterior = lid._with_prior(ranked, page_language, 0.9)
        if posterior[0][0] != page_language or posterior[0][1] < lid.THRESHOLD:
            return lid.detect_language(text, 1)[0].code
        return lid._decide(posterior, 1)[0].code

    print("| language | kind | n | alone | on en page (Lingua asked) | on own page | overturn 0.9 on en page |")
    print("|---|---|---|---|---|---|---|")
    for (language, kind), texts in sorted(_dev_items(args.per_kind).items()):
        truth = language if language in lid.SUPPORTED_LANGUAGES else lid.UNDETERMINED
        right: collections.Counter[str] = collections.Counter()
        asked = 0
        for text in texts:
            right["alone"] += lid.detect_language(text, 1)[0].code == truth
            before = lingua_calls()
            right["en"] += lid._detect_in_context(text, {"Latin": "en"}, 1)[0].code == truth
            asked += lingua_calls() > before
            if truth != lid.UNDETERMINED:
                right["own"] += lid._detect_in_context(text, {"Latin": truth}, 1)[0].code == truth
            right["overturn"] += overturning(text, "en") == truth
        n = len(texts)
        own = f"{right['own'] / n:.2f}" if truth != lid.UNDETERMINED else "-"
        print(
            f"| {language} | {kind} | {n} | {right['alone'] / n:.2f} | {right['en'] / n:.2f} ({asked}) | {own} "
            f"| {right['overturn'] / n:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
