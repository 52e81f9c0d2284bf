"""Fact extraction on the fictional sample cases' ground-truth page text: per-field precision/recall.

Runs the rule extractors (AI off: fast and deterministic) on every page text of
resources/samples/*/ground_truth.json and compares with the annotated facts. Prints a per-field
table (run with ``-s`` to see it) and asserts floors measured on the samples, so a regression shows.

Matching: a suggestion is right when the ground truth has a fact of the same field on the same page
whose normalized value equals the suggestion's, or whose value contains / is contained in it. Both
sides are reduced to distinct (file, page, field, key) facts first: repeating a true fact is not a
false positive, and finding it twice is not two hits. Fields the ground truth never annotates (e.g.
plain ``date``) are not scored.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from examiner_app.domain import FactCandidate, LanguageGuess, PageText
from examiner_app.extraction.facts import default_extractors, extract_facts

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
GROUND_TRUTH = sorted(SAMPLES.glob("*/ground_truth.json"))

# Floors below what was measured (P 0.96, R 0.94 on 5 sample cases, rules only, 2026-11-25; the rules were
# tuned on these samples, so held-out accuracy will be lower). Raise them when extraction improves.
# Precision floor lowered from 0.85 (2026-11): the samples' ground truth marks only the applicant as person_name,
# while the gold set's convention (evaluation/facts/README.md) marks every person, relatives included, and the
# extractors now follow the gold set; the relatives' names count as false positives here (about 20 of them).
MIN_PRECISION = 0.80
MIN_RECALL = 0.80


def guess_language(text: str) -> str:
    """Dominant script -> language, good enough to pick calendars and cue words in tests."""
    counts: dict[str, int] = defaultdict(int)
    for ch in text:
        cp = ord(ch)
        if 0x0600 <= cp <= 0x06FF:
            counts["arabic_script"] += 1
            counts["persian_letters"] += ch in "پچژگکی"
        elif 0x3040 <= cp <= 0x30FF or 0x4E00 <= cp <= 0x9FFF:
            counts["ja"] += 1
        elif 0x0B80 <= cp <= 0x0BFF:
            counts["ta"] += 1
        elif 0x0D80 <= cp <= 0x0DFF:
            counts["si"] += 1
        elif 0x1000 <= cp <= 0x109F:
            counts["my"] += 1
        elif 0x1200 <= cp <= 0x137F:
            counts["am"] += 1
        elif ch.isalpha() and cp < 0x250:
            counts["latin"] += 1
    if not counts:
        return "und"
    persian = counts.pop("persian_letters", 0)
    best = max(counts, key=lambda k: counts[k])
    if best == "arabic_script":
        return "fa" if persian >= 2 else "ar"
    if best == "latin":
        lower = f" {text.lower()} "
        french = sum(lower.count(w) for w in (" je ", " le ", " la ", " les ", " de ", " et ", " des "))
        english = sum(lower.count(w) for w in (" i ", " the ", " and ", " of ", " was ", " my "))
        return "fr" if french > english else "en"
    return best


def _norm(value: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value)).casefold().split())


def _matches(pred: FactCandidate, gold: dict[str, Any]) -> bool:
    same_normalized = pred.normalized is not None and _norm(pred.normalized) == _norm(gold.get("normalized") or "")
    if same_normalized:
        return True
    g, p = _norm(gold.get("value", "")), _norm(pred.value)
    if g and p and (g in p or p in g):
        return True
    # a part of a name that the ground truth gives in full ("KAVITHA" for "Kavitha Arulnesan")
    gn = _norm(gold.get("normalized") or "")
    return pred.field.value in ("person_name", "family_member") and len(p) >= 3 and p in gn


def _score() -> tuple[dict[str, list[int]], list[str]]:
    extractors = default_extractors(ai_enabled=False)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    misses: list[str] = []
    for path in GROUND_TRUTH:
        truth = json.loads(path.read_text(encoding="utf-8"))
        gold_by_page: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
        for fact in truth.get("facts", []):
            gold_by_page[(fact["file"], int(fact["page"]))].append(fact)
        fields = {f["field"] for f in truth.get("facts", [])}
        for document in truth.get("documents", []):
            for page_data in document.get("pages", []):
                text = page_data["text"]
                lang = guess_language(text)
                page = PageText(int(page_data["page"]), text, languages=(LanguageGuess(lang, 0.9),))
                found = [c for c in extract_facts(page, extractors) if c.field.value in fields]
                for c in found:
                    assert text[c.start : c.end] == c.value
                gold = gold_by_page.get((document["file"], int(page_data["page"])), [])
                matched_gold: set[int] = set()
                seen_pred: set[tuple[str, str]] = set()
                for c in found:
                    key = (c.field.value, _norm(c.normalized if c.normalized is not None else c.value))
                    if key in seen_pred:
                        continue
                    seen_pred.add(key)
                    hit = [i for i, g in enumerate(gold) if g["field"] == c.field.value and _matches(c, g)]
                    if hit:
                        if not matched_gold.issuperset(hit):
                            stats[c.field.value][0] += 1
                        matched_gold.update(hit)
                    else:
                        stats[c.field.value][1] += 1
                        misses.append(
                            f"FP {path.parent.name} {document['file']} p{page_data['page']} "
                            f"{c.field.value}: {c.value[:60]!r} -> {c.normalized}"
                        )
                for i, g in enumerate(gold):
                    if i not in matched_gold:
                        stats[g["field"]][2] += 1
                        misses.append(
                            f"FN {path.parent.name} {document['file']} p{page_data['page']} "
                            f"{g['field']}: {str(g.get('value'))[:60]!r} -> {g.get('normalized')}"
                        )
    return stats, misses


@pytest.mark.skipif(not GROUND_TRUTH, reason="no resources/samples/*/ground_truth.json yet")
def test_sample_ground_truth_precision_recall() -> None:
    stats, misses = _score()
    print(f"\n{'field':26} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6}")
    for field in sorted(stats):
        tp, fp, fn = stats[field]
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{field:26} {tp:4d} {fp:4d} {fn:4d} {p:6.2f} {r:6.2f}")
    tp, fp, fn = (sum(s[i] for s in stats.values()) for i in range(3))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{'ALL':26} {tp:4d} {fp:4d} {fn:4d} {precision:6.2f} {recall:6.2f}")
    for line in misses[:80]:
        print(line)
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_guess_language() -> None:
    assert guess_language("I was arrested by the police.") == "en"
    assert guess_language("Je suis arrivé en France et je suis malade.") == "fr"
    assert guess_language("من در افغانستان زندگی می‌کردم") == "fa"
    assert guess_language("اعتقلتني الشرطة في دمشق") == "ar"
    assert guess_language("私はスリランカ出身です") == "ja"
