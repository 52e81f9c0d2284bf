"""OCR accuracy: automatic language choice against Tesseract told the right language, on the same pages.

Pages: the sample cases' scanned pages (resources/samples, text from their ground truth) and, when present,
the real scans of ../shared/data/ocr-tesseract-test-pages. For each page it prints the character error rate
(CER) and word-level F1 of

* ``told``: Tesseract with the page's true languages (the ground truth's, mapped to packs), and
* ``auto``: our TesseractEngine with languages chosen automatically (OSD script + language of a first reading),

and the ratio auto/told CER. Target (issue 3): for non-Latin scripts auto within 5% of told.

    python evaluation/ocr_eval.py [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from PIL import Image  # noqa: E402

from examiner_app.extraction.ocr import TesseractEngine  # noqa: E402

SAMPLES = REPO / "resources" / "samples"
SHARED = REPO.parent / "shared" / "data" / "ocr-tesseract-test-pages"
PACKS = {
    "en": "eng",
    "ja": "jpn",
    "ar": "ara",
    "fa": "fas",
    "ur": "urd",
    "ta": "tam",
    "si": "sin",
    "my": "mya",
    "fr": "fra",
    "tr": "tur",
}
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def normalize(text: str) -> str:
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def cer(truth: str, read: str) -> float:
    """Character error rate ignoring whitespace: Tesseract spaces out Japanese characters."""
    a, b = normalize(truth).replace(" ", ""), normalize(read).replace(" ", "")
    if not a:
        return 0.0 if not b else 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / len(a)


def word_f1(truth: str, read: str) -> float:
    t, r = Counter(normalize(truth).split()), Counter(normalize(read).split())
    hit = sum((t & r).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(r.values()), hit / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def pages() -> list[tuple[str, Image.Image, str, str, bool]]:
    """(name, image, truth, told languages, latin-only) for every scanned page."""
    found = []
    for gt_path in sorted(SAMPLES.glob("*/ground_truth.json")):
        gt = json.loads(gt_path.read_text(encoding="utf-8"))
        for doc in gt["documents"]:
            if doc["format"] == "pdf":
                continue
            image = Image.open(gt_path.parent / doc["file"])
            for page in doc["pages"]:
                image.seek(page["page"] - 1)
                langs = [c for c in page["languages"] if c in PACKS]
                told = "+".join(dict.fromkeys(PACKS[c] for c in langs)) or "eng"
                name = f"{gt_path.parent.name}/{doc['file']}#{page['page']}" + (
                    " (photo)" if page["photo_like"] else ""
                )
                found.append((name, image.convert("L"), page["text"], told, set(langs) <= {"en", "fr", "tr"}))
    if SHARED.exists():
        for tif in sorted(SHARED.glob("*.tif")):
            truth = tif.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
            found.append((f"shared/{tif.name}", Image.open(tif).convert("L"), truth, "eng", True))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    engine = TesseractEngine()
    rows = []
    print(f"{'page':<58}{'told':>10}{'CER told':>10}{'CER auto':>10}{'auto langs':>12}{'F1 told':>9}{'F1 auto':>9}")
    for name, image, truth, told_langs, latin in pages():
        told = engine.read(image, told_langs)
        auto = engine.read(image, None)
        row = {
            "page": name,
            "told_languages": told_langs,
            "auto_languages": auto.languages,
            "latin": latin,
            "cer_told": round(cer(truth, told.text), 4),
            "cer_auto": round(cer(truth, auto.text), 4),
            "f1_told": round(word_f1(truth, told.text), 4),
            "f1_auto": round(word_f1(truth, auto.text), 4),
        }
        rows.append(row)
        print(
            f"{name[:57]:<58}{told_langs:>10}{row['cer_told']:>10.3f}{row['cer_auto']:>10.3f}"
            f"{auto.languages:>12}{row['f1_told']:>9.3f}{row['f1_auto']:>9.3f}"
        )
    non_latin = [r for r in rows if not r["latin"] and "photo" not in r["page"]]
    if non_latin:
        told_mean = sum(r["cer_told"] for r in non_latin) / len(non_latin)
        auto_mean = sum(r["cer_auto"] for r in non_latin) / len(non_latin)
        ratio = auto_mean / told_mean if told_mean else float("inf")
        print(
            f"\nnon-Latin pages: mean CER told {told_mean:.4f}, auto {auto_mean:.4f}, ratio {ratio:.2f} "
            f"(target: auto within 5% of told, i.e. ratio <= 1.05 or an absolute gap <= 0.005) -> "
            f"{'PASS' if ratio <= 1.05 or auto_mean - told_mean <= 0.005 else 'FAIL'}"
        )
    latin = [r for r in rows if r["latin"]]
    if latin:
        print(
            f"Latin pages: mean word F1 told {sum(r['f1_told'] for r in latin) / len(latin):.3f}, "
            f"auto {sum(r['f1_auto'] for r in latin) / len(latin):.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps({"pages": rows}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
