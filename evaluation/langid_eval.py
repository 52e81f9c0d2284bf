"""Language-identification accuracy: our combined system against each detector alone, on held-out data.

Data (../shared/data, read-only, never needed by the app):
* ``langid-lingua-testdata/lingua_testdata_sample.tsv``: web sentences, word pairs and single words;
* ``langid-tico19-test/tico19_test_sample.tsv``: parallel COVID-19 sentences incl. Pashto, Dari, Sorani, Kurmanji,
  Tigrinya, Amharic, Burmese, Khmer, Nepali (labels ``ku-kmr``/``ku-ckb``/``fa-prs`` become ``kmr``/``ckb``/``prs``).

Each file is split deterministically into a dev half (may be used for tuning, incl. ``--fit``) and a held-out
test half (reported; never used for tuning): by SHA-256 of the TICO line number (parallel translations of one
English sentence stay in the same half) or of the lingua text. Languages we do not support (mr ms pt uk ko th
de pa gu) are distractors: the right answer for them is ``und``.

Besides the files' own items the script derives short fragments, reported separately as "fragments": from each
TICO sentence its first word of at least 5 letters and its first two words of at least 10 characters (mirroring
lingua's single words and word pairs, so short text is measured for the languages lingua lacks), and from each
lingua Japanese sentence its first run of two or more kanji (kanji-only Japanese looks Chinese to detectors).

Usage::

    python evaluation/langid_eval.py [--limit N] [--json out.json] [--half test|dev] [--jobs 2]
    python evaluation/langid_eval.py --fit      # refit ngrams.json and weights.json on the dev half, then evaluate

The n-gram profiles (``ngrams.json``) and the combiner weights (``weights.json``) are fitted on the dev half only;
inside it, each item's n-gram feature (for the weights, for ``--half dev`` and for the threshold sweep) comes from
profiles fitted without its fold (5 folds by split key), so dev figures are not in-sample for the profiles.

Exits 0 with a message when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import json
import math
import os
import re
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATA = Path(os.environ.get("EXAMINER_SHARED_DATA", REPO.parent / "shared" / "data"))
LINGUA = DATA / "langid-lingua-testdata" / "lingua_testdata_sample.tsv"
TICO = DATA / "langid-tico19-test" / "tico19_test_sample.tsv"
TICO_LABELS = {"ku-kmr": "kmr", "ku-ckb": "ckb", "fa-prs": "prs"}
DISTRACTORS = ("mr", "ms", "pt", "uk", "ko", "th", "de", "pa", "gu")
#: Random letter strings (one or two "words" of 3-8 letters) per alphabet, generated with a fixed seed and scored
#: on the test half only: nonsense must not get a confident language ("gibberish" category; lower is better).
GIBBERISH_ALPHABETS = {
    "zz-latn": "abcdefghijklmnopqrstuvwxyz",
    "zz-cyrl": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "zz-arab": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
}
GIBBERISH_PER_ALPHABET = 300
SHORT = 40  # characters: "short" items are shorter than this
SINGLES = ("langdetect", "py3langid", "pycld2", "fasttext", "lingua", "wordfreq")
_KANJI_RUN = re.compile(r"[\u4e00-\u9fff\u3005]{2,}")
WEIGHTS = REPO / "examiner_app" / "extraction" / "language" / "weights.json"
NGRAMS = REPO / "examiner_app" / "extraction" / "language" / "ngrams.json"


@dataclass(frozen=True)
class Item:
    source: str  # "lingua" | "tico" | "lingua-fragment" | "tico-fragment"
    kind: str  # "sentences" | "word-pairs" | "single-words"
    label: str
    text: str
    half: str  # "dev" | "test"
    group: str = ""  # the split key: TICO line (all its translations and fragments) or lingua text


def _half(key: str) -> str:
    return "dev" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _fragments(text: str) -> list[tuple[str, str]]:
    """(kind, fragment): lingua-like single word (>= 5 letters) and word pair (>= 10 chars) from a sentence."""
    words = [w.strip(".,;:!?()[]{}\"'«»“”‘’،؛؟।፡።") for w in text.split()]
    words = [w for w in words if w]
    found: list[tuple[str, str]] = []
    single = next((w for w in words if sum(ch.isalpha() for ch in w) >= 5), None)
    if single:
        found.append(("single-words", single))
    pair = next((f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if len(f"{a} {b}") >= 10), None)
    if pair:
        found.append(("word-pairs", pair))
    return found


def gibberish_items(per_alphabet: int = GIBBERISH_PER_ALPHABET, seed: int = 7) -> list[Item]:
    """Random letter strings per alphabet (deterministic), labelled ``zz-<script>``; test half only."""
    import random

    rng = random.Random(seed)
    items = []
    for label, letters in GIBBERISH_ALPHABETS.items():
        for _ in range(per_alphabet):
            words = ("".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(rng.randint(1, 2)))
            text = " ".join(words)
            items.append(Item("generated", "gibberish", label, text, "test", f"gibberish:{text}"))
    return items


def load_items(limit: int | None = None) -> list[Item]:
    """All items of both files (plus TICO fragments), each tagged with its half; ``limit`` per label/kind/half."""
    items: list[Item] = []
    for row in _rows(LINGUA):
        half = _half(row["text"])
        items.append(Item("lingua", row["kind"], row["lang"], row["text"], half, row["text"]))
        if row["lang"] == "ja" and row["kind"] == "sentences":
            # Kanji-only Japanese (headings, names of offices) looks like Chinese to most detectors.
            run = next(iter(_KANJI_RUN.findall(row["text"])), None)
            if run:
                items.append(Item("lingua-fragment", "kanji-runs", "ja", run, half, row["text"]))
    for row in _rows(TICO):
        label = TICO_LABELS.get(row["lang"], row["lang"])
        half = _half(row["line_no"])
        group = f"tico:{row['line_no']}"
        items.append(Item("tico", "sentences", label, row["text"], half, group))
        for kind, fragment in _fragments(row["text"]):
            items.append(Item("tico-fragment", kind, label, fragment, half, group))
    items.extend(gibberish_items())
    if limit:
        seen: collections.Counter[tuple[str, str, str, str]] = collections.Counter()
        kept = []
        for item in items:
            key = (item.source, item.label, item.kind, item.half)
            if seen[key] < limit:
                seen[key] += 1
                kept.append(item)
        items = kept
    return items


# --- running the systems -------------------------------------------------------------------------------------


def _run_one(text: str) -> dict[str, Any]:
    from examiner_app.extraction.language import _decide, _rank
    from examiner_app.extraction.language._detectors import all_votes
    from examiner_app.extraction.scripts import detect_scripts, dominant_script

    script = dominant_script(detect_scripts(text))
    ranked, votes = _rank(text)
    if votes is None:
        votes = all_votes(text, script)
    first = _decide(ranked, 1)[0]
    singles = {name: (max(vote.items(), key=lambda kv: kv[1])[0] if vote else "und") for name, vote in votes.items()}
    return {
        "ours": first.code,
        "confidence": first.confidence,
        "ranked": [(code, round(p, 5)) for code, p in ranked[:4]],
        "singles": singles,
        "script": script,
        "votes": votes,
    }


def run_cached(items: Sequence[Item], jobs: int, cache: Path) -> list[dict[str, Any]]:
    """Like ``run_all``, but the detectors' votes are read from ``cache`` (a pickle of text -> votes) when there,
    and the cache is extended with the texts it lacked. Votes do not depend on our model, so refits and reruns
    after a change to the combiner need not run the detectors again; our answers are recomputed by ``_rerank``.
    Delete the cache after upgrading a detector."""
    import pickle

    stored: dict[str, dict[str, Any]] = pickle.loads(cache.read_bytes()) if cache.is_file() else {}
    missing = list(dict.fromkeys(item.text for item in items if item.text not in stored))
    if missing:
        for text, result in zip(missing, run_all([Item("", "", "", t, "") for t in missing], jobs), strict=True):
            stored[text] = result["votes"]
        cache.write_bytes(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
    results = []
    for item in items:
        votes = stored[item.text]
        singles = {name: (max(v.items(), key=lambda kv: kv[1])[0] if v else "und") for name, v in votes.items()}
        results.append({"votes": votes, "singles": singles})
    return results


def run_all(items: Sequence[Item], jobs: int) -> list[dict[str, Any]]:
    texts = [item.text for item in items]
    if jobs <= 1:
        return [_run_one(t) for t in texts]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_run_one, texts, chunksize=200)


# --- fitting (dev half only) ---------------------------------------------------------------------------------


FOLDS = 5  # cross-fitting of the n-gram profiles inside the dev half
_KANJI = re.compile(r"[\u4e00-\u9fff\u3005]+")


def _fold(item: Item) -> int:
    # By the split key, like the halves: a TICO sentence, its translations and its fragments share a fold.
    return hashlib.sha256(f"fold:{item.group}".encode()).digest()[0] % FOLDS


def _target(script: str, label: str) -> str | None:
    """The candidate of ``script``'s group an item of ``label`` should get (``other`` for unsupported ones)."""
    from examiner_app.extraction.language import _model

    candidates = _model.GROUPS[script]
    if label in candidates:
        return label
    return _model.OTHER if _model.OTHER in candidates else None


def ngram_training_texts(items: Iterable[Item]) -> dict[str, dict[str, list[str]]]:
    """Texts per script and candidate for the n-gram profiles: every item except derived fragments (they repeat
    their sentence); Japanese sentences lend their kanji to the Han profile of ``ja``."""
    from examiner_app.extraction.language import _model, text_script

    texts: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for item in items:
        if item.source.endswith("-fragment"):
            continue
        script, _share, _letters = text_script(item.text)
        if script == "Japanese" and item.label == "ja":
            texts["Han"]["ja"].append(" ".join(_KANJI.findall(item.text)))
        elif script in _model.GROUPS and (target := _target(script, item.label)) is not None:
            texts[script][target].append(item.text)
    return texts


def fit_ngrams(items: Sequence[Item]) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """N-gram profiles fitted on all ``items`` (dev), and per fold the profiles fitted without that fold."""
    from examiner_app.extraction.language import _ngrams

    dev = [i for i in items if i.half == "dev"]
    final = _ngrams.fit_profiles(ngram_training_texts(dev))
    per_fold = {f: _ngrams.fit_profiles(ngram_training_texts(i for i in dev if _fold(i) != f)) for f in range(FOLDS)}
    return final, per_fold


#: Regularisation (L2) of the shared weights and of the per-candidate adjustments. The adjustments are held
#: close to 0: dev-half cross-validation (weights fitted on four folds, scored on the fifth) preferred 0.1.
REGULARISATION = 0.01
CANDIDATE_REGULARISATION = 0.1
#: Length buckets (``_model.BUCKETS``) whose candidates get their own adjustments: none. Measured on the dev half
#: (cross-validated) and on the test half, adjustments on the two short buckets raised short-item macro
#: accuracy by 0.004 (0.893 -> 0.897 held out), but the fitted model then answered gibberish ("zzkv qxw") as
#: Kurmanji with 0.92: a language the detectors rarely name gets less weight on their votes, so when every
#: detector is at a loss it loses least. Without a guard against that, a confident wrong answer costs more than
#: the gain. On sentences (the last bucket) they gained nothing. Set e.g. (0, 1) to refit with them.
ADJUSTED_BUCKETS: tuple[int, ...] = ()
#: Scripts whose texts must reach a plausibility floor (``_ngrams.plausibility``): the lowest, over the script's
#: supported languages, of the dev half's ``PLAUSIBILITY_QUANTILE`` of that language's short texts, each scored
#: with out-of-fold profiles.
#: Han is left out (any two characters are plausible Chinese) and so are scripts that decide alone.
PLAUSIBILITY_SCRIPTS = frozenset({"Latin", "Cyrillic", "Arabic", "Devanagari", "Ethiopic"})
PLAUSIBILITY_QUANTILE = 0.01
#: A language needs this many dev short items for its quantile to count.
MIN_PLAUSIBILITY_ITEMS = 100
#: A candidate needs this many dev items in a bucket to get its own adjustments there.
MIN_CANDIDATE_ITEMS = 20


def fit(
    items: Sequence[Item],
    results: Sequence[Mapping[str, Any]],
    fold_profiles: Mapping[int, Mapping[str, Any]],
) -> dict[str, Any]:
    """Fit per-script, per-length-bucket weights on dev items; return the ``weights.json`` content.

    Conditional logit over each script's candidates: score = features . (w + w_c) + b_c, with weights ``w``
    shared by the candidates, on short texts a non-negative per-candidate adjustment ``w_c`` of the detectors'
    weights held near 0 by a stronger penalty (``CANDIDATE_REGULARISATION``), and a bias for ``other`` only. Classes are weighted to count equally,
    so the biases learn no language's share of the dev data. Each item's n-gram feature comes from the profiles
    fitted without its fold (``fold_profiles``), as it would on unseen text.
    """
    import numpy as np

    try:
        import scipy.optimize  # noqa: F401 - used by _fit_bucket; fail early and clearly
    except ImportError as exc:  # pragma: no cover - scipy comes with the dev tools
        raise SystemExit("--fit needs scipy (pip install scipy)") from exc
    from examiner_app.extraction.language import _model, _ngrams, text_script

    rows: dict[tuple[str, int], list[tuple[Any, int]]] = collections.defaultdict(list)
    plausibilities: dict[str, dict[str, list[float]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    own_plausibilities: dict[str, dict[str, list[float]]] = collections.defaultdict(
        lambda: collections.defaultdict(list)
    )
    try:
        for fold, profiles in fold_profiles.items():
            _ngrams.install(profiles)
            for item, result in zip(items, results, strict=True):
                if item.half != "dev" or _fold(item) != fold:
                    continue
                script, _share, letters = text_script(item.text)
                if script not in _model.GROUPS or (target := _target(script, item.label)) is None:
                    continue
                short_supported = script in PLAUSIBILITY_SCRIPTS and target != _model.OTHER and len(item.text) < SHORT
                if short_supported and (value := _ngrams.plausibility(item.text, script)) is not None:
                    plausibilities[script][target].append(value)
                if short_supported and (value := _ngrams.plausibility(item.text, script, target)) is not None:
                    own_plausibilities[script][target].append(value)
                candidates, x = _model.features(item.text, script, result["votes"])
                rows[(script, _model.bucket(letters))].append((np.array(x), candidates.index(target)))
    finally:
        _ngrams.install(None)

    groups: dict[str, dict[str, Any]] = {}
    for (script, bucket), data in sorted(rows.items()):
        labels = [label for _, label in data]
        if len(set(labels)) < 2:
            continue
        candidates = _model.GROUPS[script]
        xs = np.stack([x for x, _ in data])
        has_other = candidates[-1] == _model.OTHER
        weights, adjustments, biases = _fit_bucket(
            xs, np.array(labels), has_other, bucket in ADJUSTED_BUCKETS, len(_model.DETECTORS)
        )
        groups.setdefault(script, {})[str(bucket)] = {
            "features": list(_model.FEATURES),
            "candidates": list(candidates),
            "weights": [round(float(v), 4) for v in weights],
            "candidate_weights": [[round(float(v), 4) for v in row] for row in adjustments],
            "biases": [round(float(v), 4) for v in biases],
            "dev_items": len(data),
        }
        print(f"fitted {script:10} bucket {bucket}: {len(data):5} dev items", file=sys.stderr)
    floors = {}
    for script, per_language in sorted(plausibilities.items()):
        # Per language, then the lowest: a pooled quantile would fall mostly on one language (Vietnamese short
        # items lost 11 points to it on the dev half, the others almost nothing).
        quantiles = {
            language: sorted(values)[int(PLAUSIBILITY_QUANTILE * len(values))]
            for language, values in per_language.items()
            if len(values) >= MIN_PLAUSIBILITY_ITEMS
        }
        if not quantiles:
            continue
        floors[script] = round(min(quantiles.values()), 3)
        lowest = min(quantiles, key=quantiles.__getitem__)
        print(f"plausibility floor {script:10} {floors[script]:7.3f} (set by {lowest})", file=sys.stderr)
    language_floors = {
        script: {
            language: round(sorted(values)[int(PLAUSIBILITY_QUANTILE * len(values))], 3)
            for language, values in sorted(per_language.items())
            if len(values) >= MIN_PLAUSIBILITY_ITEMS
        }
        for script, per_language in sorted(own_plausibilities.items())
    }
    return {
        "about": "Fitted by evaluation/langid_eval.py --fit on the dev half of ../shared/data.",
        "groups": groups,
        "plausibility_floor": floors,
        "language_plausibility_floor": language_floors,
    }


def _fit_bucket(xs: Any, ys: Any, has_other: bool, adjusted: bool, adjusted_features: int) -> tuple[Any, Any, Any]:
    """(shared weights, per-candidate adjustments, biases) of one script and length bucket.

    ``xs``: items x candidates x features; ``ys``: index of each item's right candidate. With ``adjusted``, each
    candidate (with enough items) may add to the weights of the first ``adjusted_features`` features (the
    detectors): more trust in a detector for that language, never less, so a detector's silence about a language
    can never become evidence for it (a "learned" negative weight on gibberish would answer it confidently). Only
    ``other`` has a bias: a supported language must not learn to be likely or improbable from its share of a
    bucket of the dev data.
    """
    import numpy as np
    from scipy.optimize import minimize

    n, n_candidates, n_features = xs.shape
    counts = collections.Counter(ys.tolist())
    sample_weight = np.array([n / (len(counts) * counts[k]) for k in ys.tolist()])
    own = [adjusted and counts.get(c, 0) >= MIN_CANDIDATE_ITEMS for c in range(n_candidates)]
    n_adjusted = adjusted_features * n_candidates
    index = np.arange(n)

    def unpack(p: Any) -> tuple[Any, Any, Any]:
        shared = p[:n_features]
        adjustments = np.zeros((n_candidates, n_features))
        adjustments[:, :adjusted_features] = p[n_features + 1 :].reshape(n_candidates, adjusted_features)
        biases = np.zeros(n_candidates)
        if has_other:
            biases[-1] = p[n_features]
        return shared, adjustments, biases

    def objective(p: Any) -> Any:
        shared, adjustments, biases = unpack(p)
        s = np.einsum("icf,cf->ic", xs, shared + adjustments) + biases
        s -= s.max(1, keepdims=True)
        lse = np.log(np.exp(s).sum(1))
        loglik = ((s[index, ys] - lse) * sample_weight).sum()
        grad = -np.exp(s - lse[:, None])
        grad[index, ys] += 1
        grad *= sample_weight[:, None]
        per_candidate = np.einsum("ic,icf->cf", grad, xs)
        other = grad[:, -1].sum() if has_other else 0.0
        g = np.concatenate([per_candidate.sum(0), [other], per_candidate[:, :adjusted_features].ravel()])
        penalty = np.concatenate(
            [np.full(n_features + 1, REGULARISATION), np.full(n_adjusted, CANDIDATE_REGULARISATION)]
        )
        return -loglik + (penalty * p) @ p, -g + 2 * penalty * p

    # Bounds: adjustments >= 0, and exactly 0 for candidates with too few items or outside ADJUSTED_BUCKETS.
    bounds = [(None, None)] * (n_features + 1) + [
        (0.0, None if own[c] else 0.0) for c in range(n_candidates) for _ in range(adjusted_features)
    ]
    start = np.zeros(n_features + 1 + n_adjusted)
    return unpack(minimize(objective, start, jac=True, method="L-BFGS-B", bounds=bounds).x)


# --- scoring -------------------------------------------------------------------------------------------------


def _categories(item: Item) -> list[str]:
    if item.kind == "gibberish":
        return ["gibberish"]
    cats = []
    if item.source.endswith("-fragment"):
        cats.append("fragments")
    else:
        if item.kind == "sentences":
            cats.append("sentences")
        if len(item.text) < SHORT:
            cats.append("short")
        cats.append(f"{item.source}/{item.kind}")
    return cats


def mcnemar_p(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for ``b`` and ``c`` discordant items (a binomial test at 1/2): how likely a
    difference at least this large is between two systems that are equally good on these items."""
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, k) for k in range(min(b, c) + 1)) / 2**n
    return min(1.0, 2 * tail)


def score(items: Sequence[Item], results: Sequence[Mapping[str, Any]], half: str) -> dict[str, Any]:
    """Per category and language: accuracy of ours and of each single detector; distractor behaviour."""
    from examiner_app.extraction.language import SUPPORTED_LANGUAGES

    systems = ("ours", *SINGLES)
    hits: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for item, result in zip(items, results, strict=True):
        if item.half != half:
            continue
        answers = {"ours": result["ours"], **result["singles"]}
        for cat in _categories(item):
            counter = hits[(cat, item.label)]
            counter["n"] += 1
            right = {}
            for system in systems:
                answer = answers[system]
                if item.label in SUPPORTED_LANGUAGES:
                    right[system] = answer == item.label
                else:
                    # A distractor answered with a supported language is a confident wrong answer (for ours:
                    # at or above the threshold, since below it the first guess is "und").
                    right[system] = answer in SUPPORTED_LANGUAGES
                counter[system] += right[system]
            for single in SINGLES:  # discordant items, for the paired test against each detector
                counter[f"ours_only:{single}"] += right["ours"] and not right[single]
                counter[f"only:{single}"] += right[single] and not right["ours"]
    report: dict[str, Any] = {"half": half, "categories": {}}
    for (cat, label), counter in sorted(hits.items()):
        entry: dict[str, Any] = {"n": counter["n"], **{s: round(counter[s] / counter["n"], 4) for s in systems}}
        best = max(SINGLES, key=lambda s: counter[s])
        ours_only, best_only = counter[f"ours_only:{best}"], counter[f"only:{best}"]
        entry["vs_best"] = {
            "detector": best,
            "ours_only": ours_only,
            "best_only": best_only,
            "p": round(mcnemar_p(ours_only, best_only), 4),
        }
        report["categories"].setdefault(cat, {})[label] = entry
    for per_label in report["categories"].values():
        supported = [v for k, v in per_label.items() if k in SUPPORTED_LANGUAGES]
        if supported:
            per_label["_macro"] = {s: round(sum(v[s] for v in supported) / len(supported), 4) for s in systems}
            per_label["_macro"]["n"] = sum(v["n"] for v in supported)
    return report


def print_report(report: Mapping[str, Any], out: Any = sys.stdout) -> None:
    from examiner_app.extraction.language import SUPPORTED_LANGUAGES, THRESHOLD

    cats = report["categories"]
    order = ["sentences", "short", "fragments", "gibberish"] + sorted(c for c in cats if "/" in c)
    print(f"held-out half: {report['half']}   threshold {THRESHOLD}", file=out)
    for cat in order:
        if cat not in cats:
            continue
        per_label = cats[cat]
        print(f"\n== {cat}: accuracy on supported languages (und counts as wrong)", file=out)
        header = f"{'lang':6}{'n':>6}{'ours':>8}" + "".join(f"{s:>11}" for s in SINGLES) + f"{'best single':>13}"
        print(header, file=out)
        for label, v in per_label.items():
            if label not in SUPPORTED_LANGUAGES:
                continue
            best = max(SINGLES, key=lambda s: v[s])
            flag = " *" if v["ours"] < v[best] else ""
            singles = "".join(f"{v[s]:>11.3f}" for s in SINGLES)
            paired = _paired(v)
            print(f"{label:6}{v['n']:>6}{v['ours']:>8.3f}{singles}{v[best]:>8.3f} {best[:4]}{flag}  {paired}", file=out)
        if "_macro" in per_label:
            m = per_label["_macro"]
            print(f"{'macro':6}{m['n']:>6}{m['ours']:>8.3f}" + "".join(f"{m[s]:>11.3f}" for s in SINGLES), file=out)
        distractors = {k: v for k, v in per_label.items() if k in DISTRACTORS or k in GIBBERISH_ALPHABETS}
        if distractors:
            print("  distractors: share answered with a supported language (ours: confidence >= threshold)", file=out)
            for label, v in distractors.items():
                singles = "".join(f"{v[s]:>11.3f}" for s in SINGLES)
                print(f"  {label:4}{v['n']:>6}{v['ours']:>8.3f}{singles}", file=out)
    print(
        "\n* = ours below the best single detector for that language; +a/-b (p): items only ours / only the best"
        " detector got right, and the exact McNemar p-value of that difference",
        file=out,
    )
    if report.get("dev_threshold_sweep"):
        print("\n== dev half: macro accuracy and distractors refused at other thresholds", file=out)
        print(f"{'threshold':>10}{'sentences':>11}{'refused':>9}{'short':>9}{'refused':>9}", file=out)
        for row in report["dev_threshold_sweep"]:
            print(
                f"{row['threshold']:>10.2f}{row['sentences_macro']:>11.3f}{row['sentences_distractors_refused']:>9.3f}"
                f"{row['short_macro']:>9.3f}{row['short_distractors_refused']:>9.3f}",
                file=out,
            )


def _paired(v: Mapping[str, Any]) -> str:
    paired = v.get("vs_best")
    if not paired:
        return ""
    return f"+{paired['ours_only']}/-{paired['best_only']} (p {paired['p']:.2f})"


def markdown_table(report: Mapping[str, Any], category: str) -> str:
    """One category of the report as a Markdown table (used in docs/language-id.md)."""
    from examiner_app.extraction.language import SUPPORTED_LANGUAGES

    per_label = report["categories"].get(category, {})
    lines = [
        "| lang | n | ours | " + " | ".join(SINGLES) + " | best single | ours vs best: +only ours / -only best (p) |",
        "|---|---:|---:|" + "---:|" * len(SINGLES) + "---|---|",
    ]
    for label, v in per_label.items():
        if label not in SUPPORTED_LANGUAGES:
            continue
        best = max(SINGLES, key=lambda s: v[s])
        mark = " *" if v["ours"] < v[best] else ""
        cells = " | ".join(f"{v[s]:.3f}" for s in SINGLES)
        lines.append(
            f"| {label} | {v['n']} | **{v['ours']:.3f}**{mark} | {cells} | {best} {v[best]:.3f} | {_paired(v)} |"
        )
    if "_macro" in per_label:
        m = per_label["_macro"]
        lines.append(
            f"| macro | {m['n']} | **{m['ours']:.3f}** | " + " | ".join(f"{m[s]:.3f}" for s in SINGLES) + " | | |"
        )
    distractors = [(k, v) for k, v in per_label.items() if k in DISTRACTORS or k in GIBBERISH_ALPHABETS]
    if distractors:
        lines.append("")
        lines.append("| distractor | n | ours | " + " | ".join(SINGLES) + " |")
        lines.append("|---|---:|---:|" + "---:|" * len(SINGLES))
        for label, v in distractors:
            lines.append(
                f"| {label} | {v['n']} | {v['ours']:.3f} | " + " | ".join(f"{v[s]:.3f}" for s in SINGLES) + " |"
            )
    return "\n".join(lines) + "\n"


def threshold_sweep(items: Sequence[Item], results: Sequence[Mapping[str, Any]]) -> list[dict[str, float]]:
    """Dev half: macro accuracy (sentences, short) and distractor acceptance at other thresholds."""
    from examiner_app.extraction.language import SUPPORTED_LANGUAGES, _decide

    rows = []
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        acc: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
        for item, result in zip(items, results, strict=True):
            if item.half != "dev" or item.source.endswith("-fragment"):
                continue
            answer = _decide(result["ranked"], 1, threshold=threshold)[0].code
            ok = answer == item.label if item.label in SUPPORTED_LANGUAGES else answer not in SUPPORTED_LANGUAGES
            for cat in _categories(item)[:2]:
                acc[(cat, item.label)][0] += ok
                acc[(cat, item.label)][1] += 1
        row: dict[str, float] = {"threshold": threshold}
        for cat in ("sentences", "short"):
            sup = [a / n for (c, lab), (a, n) in acc.items() if c == cat and lab in SUPPORTED_LANGUAGES]
            dis = [a / n for (c, lab), (a, n) in acc.items() if c == cat and lab not in SUPPORTED_LANGUAGES]
            row[f"{cat}_macro"] = round(sum(sup) / len(sup), 4) if sup else math.nan
            row[f"{cat}_distractors_refused"] = round(sum(dis) / len(dis), 4) if dis else math.nan
        rows.append(row)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N items per language, kind and half")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--half", choices=("test", "dev"), default="test", help="which half to report (test)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    parser.add_argument("--fit", action="store_true", help="refit ngrams.json and weights.json on the dev half first")
    parser.add_argument("--markdown", type=Path, default=None, help="write the main tables as Markdown here")
    parser.add_argument(
        "--votes-cache",
        type=Path,
        default=None,
        help="pickle of the detectors' votes (e.g. /tmp/langid_votes.pkl): read if present, extended otherwise",
    )
    args = parser.parse_args(argv)
    if not LINGUA.is_file() or not TICO.is_file():
        print(f"langid_eval: shared data not found under {DATA}; nothing to evaluate (skipped).")
        return 0

    items = load_items(args.limit)
    started = time.perf_counter()
    # Dev items are needed to fit and for the threshold sweep; otherwise only the reported half is run.
    wanted = items if (args.fit or args.half == "dev") else [i for i in items if i.half == "test"]
    results = run_cached(wanted, args.jobs, args.votes_cache) if args.votes_cache else run_all(wanted, args.jobs)
    fold_profiles: dict[int, dict[str, Any]] = {}
    if any(i.half == "dev" for i in wanted):
        # Dev items are scored with n-gram profiles fitted without their fold, never with profiles that saw them.
        profiles, fold_profiles = fit_ngrams(wanted)
        if args.fit:
            dev = [(i, r) for i, r in zip(wanted, results, strict=True) if i.half == "dev"]
            weights = fit([i for i, _ in dev], [r for _, r in dev], fold_profiles)
            WEIGHTS.write_text(json.dumps(weights, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            NGRAMS.write_text(_ngrams_json(profiles), encoding="utf-8")
            print(f"wrote {WEIGHTS.relative_to(REPO)} and {NGRAMS.relative_to(REPO)}", file=sys.stderr)
        _rerank(wanted, results, fold_profiles)
    elif args.votes_cache:
        _rerank(wanted, results, {})
    elapsed = time.perf_counter() - started
    report = score(wanted, results, args.half)
    report["items"] = sum(1 for i in wanted if i.half == args.half)
    report["seconds"] = round(elapsed, 1)
    if any(i.half == "dev" for i in wanted):
        report["dev_threshold_sweep"] = threshold_sweep(wanted, results)
    print_report(report)
    print(f"\n{report['items']} items in {elapsed:.0f} s", file=sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.markdown:
        parts = [
            f"### {cat}\n\n{markdown_table(report, cat)}" for cat in ("sentences", "short", "fragments", "gibberish")
        ]
        args.markdown.write_text("\n".join(parts), encoding="utf-8")
    return 0


def _rerank(
    items: Sequence[Item], results: Sequence[dict[str, Any]], fold_profiles: Mapping[int, Mapping[str, Any]]
) -> None:
    """Recompute our answers from the stored votes (no detector runs again) with the current weights and
    n-gram profiles: ``ngrams.json`` for test items, the out-of-fold profiles for dev items."""
    from examiner_app.extraction.language import _decide, _model, _ngrams, _rank

    _model.reload_weights()
    by_profiles: dict[int | None, list[int]] = collections.defaultdict(list)
    for index, item in enumerate(items):
        by_profiles[_fold(item) if item.half == "dev" and fold_profiles else None].append(index)
    try:
        for fold, indices in by_profiles.items():
            _ngrams.install(fold_profiles[fold] if fold is not None else None)
            for index in indices:
                result = results[index]
                ranked, _ = _rank(items[index].text, result["votes"])
                first = _decide(ranked, 1)[0]
                result.update(
                    ours=first.code, confidence=first.confidence, ranked=[(c, round(p, 5)) for c, p in ranked[:4]]
                )
    finally:
        _ngrams.install(None)


def _ngrams_json(profiles: Mapping[str, Any]) -> str:
    """``ngrams.json``: the profiles with their provenance and licence (derived in part from CC BY text)."""
    about = {
        "about": "Character n-gram counts fitted by evaluation/langid_eval.py --fit on the dev half of ../shared/data.",
        "sources": [
            "TICO-19 test set (https://tico-19.github.io, via Helsinki-NLP/OPUS-MT-testsets), CC0 1.0.",
            "Lingua language test data (https://github.com/pemistahl/lingua-py, Apache-2.0), drawn from the Leipzig "
            "Corpora Collection (https://wortschatz.uni-leipzig.de), CC BY: (c) Leipzig University, "
            "Deutscher Wortschatz. Counts derived from these texts; no sentence is stored.",
        ],
        "profiles": profiles,
    }
    return json.dumps(about, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
