"""The combiner: one small log-linear model per script that weighs the detectors and the cues.

Within a script the candidates are our supported languages written in it plus ``other`` (any language we do
not support). For each candidate the model reads:

* each detector's log-probability for it. A detector that does not know the candidate either lends the vote
  of the language it confuses it with (langdetect says ``fa`` for Pashto, Sorani and Dari: that ``fa`` vote is
  shared by all four, so langdetect stays neutral among them) or abstains (its feature is its best vote among
  the candidates: no evidence against);
* for ``other``, each detector's log-probability of its most likely unsupported language;
* letter cues and marker words: Dari against Iranian Persian, Malay (``other``) against Indonesian (``_cues``);
* our own character n-gram profiles, fitted on the dev half (``_ngrams``): the only statistical evidence for Dari,
  and a second opinion on the neighbours the detectors confuse.

Score = features · weights + bias; a softmax over the candidates gives the probabilities. The weights are
shared by a script's candidates; ``weights.json`` may add per-candidate adjustments (a detector trusted more for
one language than for its neighbour), which the current fit leaves at 0 (docs/language-id.md says why). Only
``other`` has a bias. Weights and biases are fitted separately for three lengths of text (detectors are
trustworthy in different ways on a word and on a paragraph) by ``evaluation/langid_eval.py --fit`` on the dev
half of the shared data, and stored in ``weights.json`` beside this file. The n-gram feature of the dev items is computed with profiles fitted without
their own fold (cross-fitting), so its weight reflects how it does on unseen text. Without that file every
detector counts equally (weight 1), which is usable but less accurate.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from examiner_app.extraction.language import _cues, _ngrams
from examiner_app.extraction.language._detectors import DETECTORS, Vote, applies
from examiner_app.extraction.scripts import script_counts

OTHER = _cues.OTHER_CANDIDATE

#: Script -> candidate languages (``other`` last). Scripts that name a single language are decided without
#: a model (see ``SINGLE_LANGUAGE_SCRIPTS`` in the package).
GROUPS: Mapping[str, tuple[str, ...]] = {
    "Latin": ("en", "tr", "kmr", "fr", "so", "tl", "id", "vi", "es", OTHER),
    "Arabic": ("ar", "fa", "prs", "ur", "ps", "ckb", OTHER),
    "Devanagari": ("hi", "ne", OTHER),
    "Cyrillic": ("ru", OTHER),
    "Han": ("zh", "ja"),  # kanji-only Japanese (headings, office names) must stay possible
    "Ethiopic": ("am", "ti"),
}

#: Every language some group can answer; "unsupported" below means outside this set.
GROUP_LANGUAGES = frozenset(code for codes in GROUPS.values() for code in codes if code != OTHER)

# Labels a detector cannot produce, with the label it gives such text instead (its "proxy"). The proxy's
# probability is lent to the candidate, so the detector cannot tell them apart and stays neutral between them.
_PROXY: Mapping[tuple[str, str], str] = {
    ("langdetect", "ckb"): "fa",
    ("langdetect", "ps"): "fa",
    ("langdetect", "prs"): "fa",
    ("py3langid", "prs"): "fa",
    ("py3langid", "ti"): "am",
    ("pycld2", "prs"): "fa",
    ("fasttext", "prs"): "fa",
    ("fasttext", "ti"): "am",
    ("lingua", "prs"): "fa",
    ("wordfreq", "prs"): "fa",
}
# Labels a detector cannot produce and has no stable stand-in for: it abstains on them.
_UNKNOWN = frozenset(
    {("langdetect", "kmr"), ("langdetect", "am"), ("langdetect", "ti"), ("pycld2", "kmr")}
    | {(name, code) for name in ("lingua", "wordfreq") for code in ("kmr", "ckb", "ps", "ne", "am", "ti")}
    | {("wordfreq", "so")}
)

#: Prior probabilities of a script's candidates where they are not equal. The fit weighs classes equally, so
#: the model answers as if every candidate were equally common; that is right everywhere except Han-only text,
#: which is Chinese or kanji-only Japanese, and which no detector or profile tells apart reliably. Japanese text
#: nearly always carries kana (decided as Japanese by script) and kanji-only blocks on a page with kana are made
#: Japanese by the page (``detect_page_languages``), so a Han-only text on its own is taken to be Chinese four
#: times out of five. Dev half: Chinese words and pairs 0.93 -> 0.99 answered right, kanji-only Japanese
#: fragments 0.76 -> 0.31 (its probability still shows as the second candidate).
PRIORS: Mapping[str, Mapping[str, float]] = {"Han": {"zh": 0.8, "ja": 0.2}}

_EPS = 1e-4
FEATURES: tuple[str, ...] = (*DETECTORS, "own_letters", "foreign_letters", "lexicon", "zwnj", "ngrams")
#: Letter-count bounds of the length buckets: a word or two, a phrase, a sentence or more.
BUCKETS: tuple[int, ...] = (12, 35)


def bucket(letters: int) -> int:
    """Length bucket index of a text with ``letters`` letters."""
    return sum(1 for bound in BUCKETS if letters >= bound)


def features(
    text: str,
    script: str,
    votes: Mapping[str, Vote],
    ngram_column: Sequence[float] | None = None,
    letters: int | None = None,
) -> tuple[tuple[str, ...], list[list[float]]]:
    """The candidates of ``script`` and one feature row per candidate (columns as ``FEATURES``).

    ``ngram_column`` replaces the n-gram feature (the fitting passes out-of-fold values); ``letters`` is the
    text's letter count when the caller has it.
    """
    candidates = GROUPS[script]
    columns: list[list[float]] = []
    if letters is None:
        letters = sum(script_counts(text).values())
    for name in DETECTORS:
        # Votes of a detector not asked at this length are ignored (the evaluation's stored votes have them).
        vote = votes.get(name, {}) if applies(name, letters) else {}
        columns.append(_detector_column(name, vote, candidates))
    own, foreign = _cues.letter_cues(text, script, candidates)
    columns.append([math.log1p(x) for x in own])
    columns.append([math.log1p(x) for x in foreign])
    columns.append([math.log1p(x) for x in _cues.lexical_cues(text, script, candidates)])
    # ZWNJ joins speak for Iranian Persian (against Dari, which rarely types them).
    joins = math.log1p(_cues.zwnj_joins(text)) if script == "Arabic" else 0.0
    columns.append([joins if c == "fa" else 0.0 for c in candidates])
    columns.append(list(ngram_column) if ngram_column is not None else _ngrams.column(text, script, candidates))
    rows = [[column[i] for column in columns] for i in range(len(candidates))]
    return candidates, rows


def _detector_column(name: str, vote: Vote, candidates: Sequence[str]) -> list[float]:
    if not vote:  # the detector found nothing to read: no evidence either way
        return [0.0] * len(candidates)
    values: list[float | None] = []
    for c in candidates:
        if c == OTHER:
            # The single most likely unsupported language, not their sum: on a word, a detector spreads a little
            # probability over dozens of languages, and the sum would make every short text look foreign.
            unsupported = max((p for code, p in vote.items() if code not in GROUP_LANGUAGES), default=0.0)
            values.append(math.log(unsupported + _EPS))
        elif (name, c) in _UNKNOWN:
            values.append(None)
        else:
            values.append(math.log(vote.get(_PROXY.get((name, c), c), 0.0) + _EPS))
    # Abstaining means "no worse than the other supported languages", not "as likely as anything": the neutral
    # value leaves out ``other``, or foreign text would lend the candidate the detector's foreign vote.
    known = [v for c, v in zip(candidates, values, strict=True) if v is not None and c != OTHER]
    neutral = max(known) if known else 0.0
    return [neutral if v is None else v for v in values]


@functools.cache
def _weights() -> dict[str, Any]:
    try:
        raw = resources.files("examiner_app.extraction.language").joinpath("weights.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    data: dict[str, Any] = json.loads(raw)
    return data


def plausibility_floor(script: str) -> float | None:
    """Below this n-gram plausibility (``_ngrams.plausibility``) a text of ``script`` is not language: the dev
    half's 1st percentile for short texts of the script's supported languages, fitted with ``weights.json``."""
    floor = _weights().get("plausibility_floor", {}).get(script)
    return float(floor) if floor is not None else None


def language_plausibility_floor(script: str, language: str) -> float | None:
    """Below this plausibility under its own profile, a text answered ``language`` is not answered: the dev half's
    1st percentile of that language's short texts."""
    floor = _weights().get("language_plausibility_floor", {}).get(script, {}).get(language)
    return float(floor) if floor is not None else None


def reload_weights() -> None:
    """Forget the cached ``weights.json`` (after ``langid_eval.py --fit`` rewrote it)."""
    _weights.cache_clear()


def parameters(script: str, length_bucket: int) -> tuple[list[list[float]], list[float]]:
    """(one weight row per candidate, per-candidate biases) for a script and length bucket.

    Each candidate's row is the bucket's shared weights plus that candidate's own adjustment (how far each
    detector and cue is to be trusted for that language: fastText on a Russian word, py3langid on Chinese),
    when the fit has one. A bucket the dev data could not fit borrows the nearest fitted bucket of the same
    script; a script never fitted gets equal detector weights and plain letter-cue weights.
    """
    candidates = GROUPS[script]
    fitted = _weights().get("groups", {}).get(script, {})
    for candidate_bucket in sorted(range(len(BUCKETS) + 1), key=lambda b: (abs(b - length_bucket), -b)):
        entry = fitted.get(str(candidate_bucket))
        if entry and entry.get("features") == list(FEATURES) and entry.get("candidates") == list(candidates):
            shared = list(entry["weights"])
            adjustments = entry.get("candidate_weights") or [[0.0] * len(shared) for _ in candidates]
            rows = [[w + a for w, a in zip(shared, own, strict=True)] for own in adjustments]
            return rows, list(entry["biases"])
    weights = [1.0] * len(DETECTORS) + [1.0, -1.0, 1.0, 0.5, 1.0]
    return [list(weights) for _ in candidates], [0.0] * len(candidates)


def probabilities(
    rows: Sequence[Sequence[float]], weights: Sequence[Sequence[float]], biases: Sequence[float]
) -> list[float]:
    """Softmax over candidates of ``row · candidate's weights + candidate's bias``."""
    scores = [
        sum(w * x for w, x in zip(own, row, strict=True)) + b for row, own, b in zip(rows, weights, biases, strict=True)
    ]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def combine(text: str, script: str, letters: int, votes: Mapping[str, Vote]) -> list[tuple[str, float]]:
    """Candidates of ``script`` with their combined probability, most likely first (``other`` included)."""
    candidates, rows = features(text, script, votes, letters=letters)
    weights, biases = parameters(script, bucket(letters))
    prior = PRIORS.get(script)
    if prior:
        biases = [b + math.log(prior[c]) for b, c in zip(biases, candidates, strict=True)]
    ranked = sorted(zip(candidates, probabilities(rows, weights, biases), strict=True), key=lambda cp: -cp[1])
    return ranked
