"""Per-field precision, recall and F1 of the facts read from the Japanese application forms of the sample cases.

The forms: ``tr-kurdish-form74-ja/application_form74_ja.png`` (Form 74 as revised in December 2023, bilingual
labels, tick boxes) and ``mm-sur-place-ja/application_form_ja.png`` (a bilingual form with the same items). Scored
against the samples' ground truth, as tests/unit/test_facts_samples.py scores (a suggestion is right when the page
has an annotated fact of the same field whose normalised value equals it, or whose value contains / is contained
in it; facts are reduced to distinct (field, key) per page first). Two inputs:

* ``text``: the page's ground-truth text (what a perfect OCR gives);
* ``ocr``: Tesseract (``jpn+eng``, ``OMP_THREAD_LIMIT=1``) on the PNG, when Tesseract and the packs are installed.

Each with the rule extractors alone (``without_form74``) and with the Form 74 reader (``with_form74``). Fields the
ground truth does not annotate (``event``, plain dates) are not scored. Fiction, and only two forms: n per field is
small and the figures say what the reader does on these layouts, not on every office's scans.

    .venv/bin/python evaluation/form74_eval.py      # writes evaluation/results/form74_eval.json
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from examiner_app.domain import FactCandidate, LanguageGuess, PageText  # noqa: E402
from examiner_app.extraction.facts import default_extractors, extract_facts  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
FORMS = (("tr-kurdish-form74-ja", "application_form74_ja.png"), ("mm-sur-place-ja", "application_form_ja.png"))
OUT = ROOT / "evaluation" / "results" / "form74_eval.json"


def _norm(value: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value)).casefold().split())


def _matches(pred: FactCandidate, gold: dict[str, Any]) -> bool:
    if pred.normalized is not None and _norm(pred.normalized) == _norm(gold.get("normalized") or ""):
        return True
    g, p = _norm(gold["value"]), _norm(pred.value)
    return bool(g and p and (g in p or p in g))


def ocr_text(path: Path) -> str | None:
    if shutil.which("tesseract") is None:
        return None
    import pytesseract
    from PIL import Image

    if not {"jpn", "eng"} <= set(pytesseract.get_languages(config="")):
        return None
    with Image.open(path) as image:
        return str(pytesseract.image_to_string(image.convert("L"), lang="jpn+eng"))


def score(pages: list[tuple[str, list[dict[str, Any]]]], with_form74: bool) -> dict[str, Any]:
    extractors = [e for e in default_extractors(ai_enabled=False) if with_form74 or e.name != "form74"]
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for text, gold in pages:
        fields = {g["field"] for g in gold}
        page = PageText(1, text, languages=(LanguageGuess("ja", 0.9),))
        found = [c for c in extract_facts(page, extractors) if c.field.value in fields]
        matched: set[int] = set()
        seen: set[tuple[str, str]] = set()
        for c in found:
            key = (c.field.value, _norm(c.normalized if c.normalized is not None else c.value))
            if key in seen:
                continue
            seen.add(key)
            hit = [i for i, g in enumerate(gold) if g["field"] == c.field.value and _matches(c, g)]
            if hit:
                if not matched.issuperset(hit):
                    stats[c.field.value][0] += 1
                matched.update(hit)
            else:
                stats[c.field.value][1] += 1
        for i, g in enumerate(gold):
            if i not in matched:
                stats[g["field"]][2] += 1
    rows = []
    for field in sorted(stats):
        tp, fp, fn = stats[field]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append({"field": field, "n": tp + fn, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3),
                     "recall": round(r, 3), "f1": round(f1, 3)})  # fmt: skip
    tp, fp, fn = (sum(s[i] for s in stats.values()) for i in range(3))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"fields": rows, "micro": {"n": tp + fn, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3),
                                      "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}}  # fmt: skip


def main() -> None:
    inputs: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {"text": [], "ocr": []}
    for slug, file in FORMS:
        truth = json.loads((SAMPLES / slug / "ground_truth.json").read_text(encoding="utf-8"))
        doc = next(d for d in truth["documents"] if d["file"] == file)
        gold = [f for f in truth["facts"] if f["file"] == file]
        inputs["text"].append((doc["pages"][0]["text"], gold))
        read = ocr_text(SAMPLES / slug / file)
        if read is not None:
            inputs["ocr"].append((read, gold))
    results: dict[str, Any] = {"forms": [f"{s}/{f}" for s, f in FORMS]}
    for source, pages in inputs.items():
        if not pages:
            results[source] = None
            continue
        results[source] = {"with_form74": score(pages, True), "without_form74": score(pages, False)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for source in ("text", "ocr"):
        if results[source] is None:
            print(f"{source}: skipped (no Tesseract with jpn+eng)")
            continue
        print(f"\n{source}: {'field':22} {'n':>3} {'F1 without':>10} {'F1 with':>8}")
        without = {r["field"]: r for r in results[source]["without_form74"]["fields"]}
        for row in results[source]["with_form74"]["fields"]:
            base = without.get(row["field"], {"f1": 0.0})
            print(f"      {row['field']:22} {row['n']:3} {base['f1']:10.3f} {row['f1']:8.3f}")
        w, wo = results[source]["with_form74"]["micro"], results[source]["without_form74"]["micro"]
        print(f"      {'all (micro)':22} {w['n']:3} {wo['f1']:10.3f} {w['f1']:8.3f}")


if __name__ == "__main__":
    main()
