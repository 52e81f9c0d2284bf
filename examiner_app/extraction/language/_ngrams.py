"""Character n-gram profiles: our own evidence for the pairs the detectors cannot or do not separate.

No detector here knows Dari, none separates Tigrinya from Amharic well, and on a word or two they confuse
neighbours (Spanish/French/Tagalog, Persian/Urdu, Hindi/Nepali/Marathi, Indonesian/Malay). A multinomial naive
Bayes over character n-grams (1 to ``MAX_N`` characters of each word, with word boundaries; single characters and
pairs for Han) gives, per script, a log-likelihood for every candidate language it has a profile of. The combiner
(``_model``) weighs it beside the detectors, so it is one more voice, calibrated on the dev half, not a verdict.

The profiles are fitted by ``evaluation/langid_eval.py --fit`` on the dev half of ../shared/data only (TICO-19,
CC0; Lingua test data, Apache-2.0, drawn from the Leipzig corpora, CC BY: attribution in docs/language-id.md and
in ``ngrams.json`` itself) and stored as counts in ``ngrams.json`` beside this module. Without that file the
feature is neutral (0 for every candidate).
"""

from __future__ import annotations

import functools
import json
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

from examiner_app.extraction.scripts import words_in_script

#: Longest n-gram (characters, word boundaries included) of alphabetic scripts.
MAX_N = 4
#: Whole words (with their boundaries) are counted too: on a single word, the word itself is the best evidence.
WHOLE_WORDS = True
#: Additive smoothing of the n-gram counts.
ALPHA = 0.5
_ZWNJ = "\u200c"
_SCRIPTS_WITHOUT_SPACES = frozenset({"Han"})


def tokens(text: str) -> list[str]:
    """Lower-cased words: runs of letters and combining marks (and ZWNJ, a Persian spelling habit)."""
    words: list[str] = []
    current: list[str] = []
    for ch in unicodedata.normalize("NFC", text).lower():
        if unicodedata.category(ch)[0] in "LM" or ch == _ZWNJ:
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def ngrams(text: str, script: str) -> Counter[str]:
    """The n-grams the profiles of ``script`` count in ``text``."""
    grams: Counter[str] = Counter()
    if script in _SCRIPTS_WITHOUT_SPACES:
        for word in tokens(text):
            grams.update(word)
            grams.update(word[i : i + 2] for i in range(len(word) - 1))
        return grams
    for word in tokens(text):
        padded = f" {word} "
        for n in range(1, MAX_N + 1):
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1) if padded[i : i + n] != " ")
        if WHOLE_WORDS and len(padded) > MAX_N:
            grams[padded] += 1
    return grams


# --- fitting (used by evaluation/langid_eval.py --fit; kept here beside the scoring it must match) ----------


def fit_profiles(
    texts: Mapping[str, Mapping[str, Iterable[str]]], min_count: int = 3, keep: int = 20_000
) -> dict[str, Any]:
    """Profiles from ``{script: {language: texts}}``: per script the classes, their totals and n-gram counts.

    N-grams seen fewer than ``min_count`` times in a script are dropped, and at most ``keep`` of the most
    frequent are kept per script (the file must stay small); each class's total still counts every n-gram, so
    a dropped n-gram is simply not read.
    """
    profiles: dict[str, Any] = {}
    for script, per_language in sorted(texts.items()):
        classes = sorted(per_language)
        counts = {c: Counter[str]() for c in classes}
        for c in classes:
            for text in per_language[c]:
                counts[c].update(ngrams(text, script))
        overall: Counter[str] = Counter()
        for counter in counts.values():
            overall.update(counter)
        vocabulary = [g for g, n in overall.most_common(keep) if n >= min_count]
        profiles[script] = {
            "settings": _settings(),
            "classes": classes,
            "totals": [sum(counts[c].values()) for c in classes],
            # Sparse rows, flat for a small file: [class index, count, class index, count, ...].
            "grams": {
                g: [v for i, c in enumerate(classes) if counts[c][g] for v in (i, counts[c][g])]
                for g in sorted(vocabulary)
            },
        }
    return profiles


# --- scoring ------------------------------------------------------------------------------------------------


Table = tuple[tuple[str, ...], dict[str, tuple[float, ...]]]
_installed: dict[str, Table] | None = None


def _profiles() -> Mapping[str, Table]:
    """Per script: the classes and n-gram -> log P(n-gram | class); loaded from ``ngrams.json`` on first use
    (its log-probabilities read from disk per n-gram once written there, ``_tables``)."""
    global _installed
    if _installed is None:
        _installed = _on_disk()
    if _installed is None:
        install(_shipped())
    assert _installed is not None
    return _installed


def _shipped() -> dict[str, Any]:
    try:
        raw = resources.files("examiner_app.extraction.language").joinpath("ngrams.json").read_text("utf-8")
    except FileNotFoundError:
        raw = "{}"
    profiles: dict[str, Any] = json.loads(raw).get("profiles", {})
    return profiles


class _ScriptRows:
    """One script's n-gram -> log-probabilities, read from the shared table."""

    def __init__(self, table: Any, script: str) -> None:
        self._table = table
        self._prefix = f"{script}\x00"

    def get(self, gram: str) -> tuple[float, ...] | None:
        row: tuple[float, ...] | None = self._table.get(self._prefix + gram)
        return row


def _on_disk() -> dict[str, Table] | None:
    """The shipped profiles' log-probabilities as a table on disk, or ``None`` (tables off, no ``ngrams.json``)."""
    from pathlib import Path

    from examiner_app.extraction.language import _tables

    shipped = Path(str(resources.files("examiner_app.extraction.language").joinpath("ngrams.json")))
    if not shipped.is_file():
        return None

    def load() -> tuple[dict[str, Any], Iterable[tuple[str, Sequence[float]]]]:
        computed = {s: _log_probabilities(e) for s, e in _shipped().items() if e.get("settings") == _settings()}
        meta = {"classes": {script: list(classes) for script, (classes, _) in computed.items()}}
        rows = ((f"{script}\x00{gram}", row) for script, (_, t) in computed.items() for gram, row in t.items())
        return meta, rows

    stamp = f"ngrams {_tables.file_stamp(shipped)} {json.dumps(_settings())} {ALPHA}"
    table = _tables.vector_table("ngrams", stamp, load)
    if table is None:
        return None
    return {
        script: (tuple(classes), _ScriptRows(table, script))  # type: ignore[misc]
        for script, classes in table.meta["classes"].items()
    }


def install(profiles: Mapping[str, Mapping[str, Any]] | None) -> None:
    """Use ``profiles`` (as ``fit_profiles`` returns them) from now on; ``None`` reloads ``ngrams.json``.

    The fitting uses it to score each dev fold with profiles fitted without that fold.
    """
    global _installed
    _in_script_likelihoods.cache_clear()
    if profiles is None:
        _installed = None
        return
    # Profiles counted with other n-gram settings would be read wrongly: leave them out (the feature is then 0).
    _installed = {s: _log_probabilities(e) for s, e in profiles.items() if e.get("settings") == _settings()}


def _settings() -> dict[str, Any]:
    return {"max_n": MAX_N, "whole_words": WHOLE_WORDS}


def _log_probabilities(entry: Mapping[str, Any]) -> Table:
    classes = tuple(entry["classes"])
    vocabulary = len(entry["grams"]) + 1
    denominators = [total + ALPHA * vocabulary for total in entry["totals"]]
    unseen = [math.log(ALPHA / d) for d in denominators]
    table = {}
    for gram, sparse in entry["grams"].items():
        row = list(unseen)
        for i in range(0, len(sparse), 2):
            row[sparse[i]] = math.log((sparse[i + 1] + ALPHA) / denominators[sparse[i]])
        table[gram] = tuple(row)
    return classes, table


def log_likelihoods(text: str, script: str) -> tuple[dict[str, float], int, int]:
    """Per profiled language of ``script``: the log-likelihood of ``text``'s known n-grams; how many n-grams were
    known, and how many the text has.

    ``({}, 0, n)`` when ``script`` has no profiles or ``text`` has no n-gram they know.
    """
    grams = ngrams(text, script)
    total = sum(grams.values())
    profile = _profiles().get(script)
    if profile is None:
        return {}, 0, total
    classes, table = profile
    scores = [0.0] * len(classes)
    known = 0
    for gram, count in grams.items():
        row = table.get(gram)
        if row is None:
            continue
        known += count
        scores = [t + count * x for t, x in zip(scores, row, strict=True)]
    if not known:
        return {}, 0, total
    return dict(zip(classes, scores, strict=True)), known, total


#: Probability given to an n-gram no profile of the script knows, for ``plausibility``.
UNKNOWN_NGRAM_PROBABILITY = 1e-6


def plausibility(text: str, script: str, language: str | None = None) -> float | None:
    """Mean log-probability of ``text``'s n-grams under the best-fitting profile of ``script``, or under
    ``language``'s profile when given (n-grams no profile knows count ``UNKNOWN_NGRAM_PROBABILITY``); ``None``
    without profiles for the script (or the language) or without n-grams.

    Language, even a word or a name, is made of n-grams its language uses; random letters and OCR debris are not.
    """
    if script not in _profiles():
        return None
    scores, known, total = _in_script_likelihoods(text, script)
    if not total:
        return None
    if language is not None and scores and language not in scores:
        return None
    best = (scores[language] if language is not None else max(scores.values())) if scores else 0.0
    return (best + (total - known) * math.log(UNKNOWN_NGRAM_PROBABILITY)) / total


@functools.lru_cache(maxsize=8)
def _in_script_likelihoods(text: str, script: str) -> tuple[dict[str, float], int, int]:
    # Only the words written in the script: names and terms in other scripts are not this script's language.
    # Cached: a text's plausibility is asked twice (for the script, then for the language answered).
    return log_likelihoods(words_in_script(text, script), script)


def column(text: str, script: str, candidates: Sequence[str]) -> list[float]:
    """The combiner's n-gram feature: per candidate, its mean log-likelihood ratio to the best profiled candidate.

    The mean is over all the text's n-grams, unknown ones counting 0: a paragraph does not outvote every detector
    by its length alone (the combiner's length buckets weigh it per length), and a text the profiles mostly do not
    know (gibberish, a foreign language) gets little say. A candidate without a profile (``other`` in a script
    whose unsupported neighbours the dev data lacks) gets the best value: no evidence against it.
    """
    scores, known, total = log_likelihoods(text, script)
    present = [scores[c] for c in candidates if c in scores]
    if not known or not present:
        return [0.0] * len(candidates)
    best = max(present)
    return [(scores[c] - best) / total if c in scores else 0.0 for c in candidates]
