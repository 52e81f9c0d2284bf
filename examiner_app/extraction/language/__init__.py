"""Language identification for pages and blocks: Unicode scripts first, then detectors where they are strong.

How a text is decided (details in docs/language-id.md):

1. Count letters per script (``extraction.scripts``). No letters, fewer than ``MIN_LETTERS``, or a Latin or Cyrillic
   text with fewer than ``MIN_DISTINCT_LETTERS`` distinct letters: ``und``.
2. A script that names one supported language decides it: Sinhala -> ``si``, Myanmar -> ``my``, Khmer -> ``km``,
   Tamil -> ``ta``, Bengali -> ``bn`` (unless Assamese letters ৰ ৱ appear), any kana -> ``ja``. Scripts of no
   supported language (Hangul, Thai, Gujarati...) give ``und``.
3. Otherwise the script's candidates (Latin: en tr kmr fr so tl id vi es; Arabic: ar fa prs ur ps ckb;
   Devanagari: hi ne; Cyrillic: ru; Han: zh ja; Ethiopic: am ti; each plus "other") are scored by a small
   fitted model over six detectors (langdetect seeded, py3langid, pycld2, fastText lid.176 lite, Lingua, word
   frequencies), letter and vocabulary cues, and our own character n-gram profiles fitted on the dev half
   (``_model``, ``_cues``, ``_ngrams``).
4. The best candidate is returned only if its probability reaches ``THRESHOLD`` and it is a supported language;
   otherwise the first guess is ``und`` and the candidates follow. Persian is the exception that proves the
   rule: ``fa`` is also the ISO code of the Persian macrolanguage, which includes Dari, so when the text is
   surely Persian but the Dari/Iranian evidence is thin, ``fa`` is answered with their joint probability.

Everything is deterministic (langdetect is seeded) and offline; detectors load on first use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from examiner_app.domain import UNDETERMINED, BBox, LanguageGuess, PageText, TextBlock, Word
from examiner_app.extraction.language._detectors import Vote, applies, word_frequency
from examiner_app.extraction.language.tesseract import script_to_tesseract, tesseract_languages_for
from examiner_app.extraction.scripts import detect_scripts, dominant_script, script_counts, words_in_script

__all__ = [
    "MIN_LETTERS",
    "SUPPORTED_LANGUAGES",
    "THRESHOLD",
    "detect_language",
    "detect_page_languages",
    "detect_scripts",
    "script_to_tesseract",
    "tesseract_languages_for",
    "word_frequency",
]

#: Code -> English name of every language we identify (ISO 639-1 where one exists, else 639-3).
SUPPORTED_LANGUAGES: Mapping[str, str] = MappingProxyType(
    {
        "ja": "Japanese",
        "en": "English",
        "tr": "Turkish",
        "kmr": "Kurdish (Kurmanji)",
        "ckb": "Kurdish (Sorani)",
        "ur": "Urdu",
        "bn": "Bengali",
        "hi": "Hindi",
        "ne": "Nepali",
        "ta": "Tamil",
        "si": "Sinhala",
        "my": "Burmese",
        "km": "Khmer",
        "fa": "Persian (Farsi)",
        "prs": "Dari",
        "ar": "Arabic",
        "ps": "Pashto",
        "fr": "French",
        "ti": "Tigrinya",
        "am": "Amharic",
        "so": "Somali",
        "ru": "Russian",
        "zh": "Chinese",
        "vi": "Vietnamese",
        "id": "Indonesian",
        "tl": "Tagalog",
        "es": "Spanish",
    }
)

#: Below this probability the first guess is ``und``. Chosen on the dev half (evaluation/langid_eval.py prints
#: the trade-off): higher refuses more short texts of supported languages, lower lets more foreign ones through.
THRESHOLD = 0.5
#: Texts with fewer letters than this are ``und`` outright: no detector is meaningful on one or two letters...
MIN_LETTERS = 3
#: ...except where one character carries a word: a script that decides alone (a kana is Japanese, a Sinhala
#: letter Sinhala) or Han, whose characters are words.
MIN_LETTERS_BY_SCRIPT: Mapping[str, int] = MappingProxyType({"Han": 1})
_MIN_LETTERS_SINGLE_SCRIPT = 1

#: An alphabet's text with fewer distinct letters than this ("aaaa", "ababab", "mama") is ``und``: it is
#: nonsense or a word too short to tell, and detectors answered such strings confidently (Somali for "aaaa", 0.91).
MIN_DISTINCT_LETTERS = 3
#: Scripts whose letters are whole sounds. In abugidas (Devanagari) vowels are marks, not letters, and a real
#: two-consonant word would fall under the rule (Hindi short items 0.808 -> 0.777 held out when it applied there).
_ALPHABETS = frozenset({"Latin", "Cyrillic"})

#: Scripts written by exactly one supported language (among those we support).
SINGLE_LANGUAGE_SCRIPTS: Mapping[str, str] = MappingProxyType(
    {"Sinhala": "si", "Myanmar": "my", "Khmer": "km", "Tamil": "ta", "Bengali": "bn", "Japanese": "ja"}
)
_ASSAMESE_LETTERS = frozenset("ৰৱ")  # in Bengali script, only Assamese uses these
_PERSIAN = ("fa", "prs")
#: A non-Latin script with at least this share of the letters is read as the text's script even when Latin
#: letters are more numerous.
_MIN_NON_LATIN = 0.3
#: Candidates less likely than this are not listed after the first guess: they would only be noise.
_MIN_CANDIDATE = 0.01


def detect_language(text: str, top: int = 3) -> tuple[LanguageGuess, ...]:
    """Up to ``top`` guesses for the language of ``text``, best first, confidences 0..1.

    Contract: the first guess is a supported language only when its confidence is at least ``THRESHOLD``;
    otherwise it is ``LanguageGuess("und", c)`` where ``c`` is the probability that the best supported
    candidate is wrong (1.0 for a text without letters), and supported candidates (probability >= 0.01) may
    follow it. Codes are keys of ``SUPPORTED_LANGUAGES`` or ``"und"``. Deterministic; never uses the network.
    """
    ranked, _votes = _rank(text)
    return _decide(ranked, top)


Ranked = list[tuple[str, float]]


def _rank(
    text: str, votes: Mapping[str, Vote] | None = None, without: frozenset[str] = frozenset()
) -> tuple[Ranked, Mapping[str, Vote] | None]:
    """Candidates with probabilities, best first (may include ``other`` and ``und``), and the detectors' votes.

    The votes are ``None`` when the script decided without asking the detectors. ``votes`` may be passed in
    (the evaluation computes them once for all systems); detectors named in ``without`` are not asked (their
    vote is ``{}``, which the model reads as no evidence either way).
    """
    script, share, letters = text_script(text)
    if script is None:
        return [(UNDETERMINED, 1.0)], None
    if script in SINGLE_LANGUAGE_SCRIPTS:
        if letters < _MIN_LETTERS_SINGLE_SCRIPT or (script == "Bengali" and _ASSAMESE_LETTERS.intersection(text)):
            return [(UNDETERMINED, 1.0)], None
        return [(SINGLE_LANGUAGE_SCRIPTS[script], share)], None

    from examiner_app.extraction.language import _model

    if script not in _model.GROUPS or letters < MIN_LETTERS_BY_SCRIPT.get(script, MIN_LETTERS):
        return [(UNDETERMINED, 1.0)], None
    if script in _ALPHABETS and len({ch for ch in text.casefold() if ch.isalpha()}) < MIN_DISTINCT_LETTERS:
        return [(UNDETERMINED, 1.0)], None
    if _implausible(text, script):
        return [(UNDETERMINED, 1.0)], None
    if votes is None:
        from examiner_app.extraction.language._detectors import all_votes

        # The detectors read only the words of the text's script: on a bilingual form block the English labels
        # made langdetect, CLD2 and the word lists vote English, which says nothing about Arabic against Pashto.
        mixed = script_counts(text)[script] < letters
        votes = all_votes(words_in_script(text, script) if mixed else text, script, letters, without)
    ranked = _consensus_over_other(_model.combine(text, script, letters, votes), votes)
    if not _some_detector_names_one_of(_model.GROUPS[script], votes) or _implausible_as(text, script, ranked[0][0]):
        # Whatever our model prefers, no detector would answer it, or the text is unlike that language: a guess,
        # so "und" comes first and the candidates follow with their probabilities. Gibberish ("zzkv qxw") looked
        # most like Kurmanji, the language with the rarest letters, to a model that has to choose.
        ranked = [
            (_model.OTHER, dict(ranked).get(_model.OTHER, 0.0)),
            *((c, p) for c, p in ranked if c != _model.OTHER),
        ]
    return [(code, p * share) for code, p in ranked], votes


def _implausible(text: str, script: str) -> bool:
    """Whether ``text`` is less like language than 99 % of the dev half's short texts in its script: random letters
    and OCR debris, which detectors answer anyway (86 % of random Cyrillic strings came out Russian)."""
    from examiner_app.extraction.language import _model, _ngrams

    floor = _model.plausibility_floor(script)
    if floor is None:
        return False
    plausibility = _ngrams.plausibility(text, script)
    return plausibility is not None and plausibility < floor


def _implausible_as(text: str, script: str, language: str) -> bool:
    """Whether ``text`` is less like ``language`` than 99 % of the dev half's short texts in it (under that
    language's own profile): the script's floor is set by its most varied language and lets random Latin letters
    through, which the model then gave to Kurmanji or Somali."""
    from examiner_app.extraction.language import _model, _ngrams

    floor = _model.language_plausibility_floor(script, language)
    if floor is None:
        return False
    plausibility = _ngrams.plausibility(text, script, language)
    return plausibility is not None and plausibility < floor


def _some_detector_names_one_of(candidates: Sequence[str], votes: Mapping[str, Vote]) -> bool:
    """Whether any detector's first answer is one of the script's candidates (a detector that found nothing to
    read, or was not asked, does not count; with no such detector at all the model decides alone)."""
    tops = [max(vote.items(), key=lambda cp: cp[1])[0] for vote in votes.values() if vote]
    return not tops or any(code in candidates for code in tops)


#: Detectors whose top answer is a calibrated probability (py3langid's are flat over ~100 languages).
_CONSENSUS_DETECTORS = ("pycld2", "fasttext", "langdetect")
CONSENSUS_MIN_PROBABILITY = 0.7


def _consensus_over_other(ranked: Ranked, votes: Mapping[str, Vote]) -> Ranked:
    """When two calibrated detectors confidently agree on one supported language, "another language" does not win.

    The n-gram model's "other" class learnt Malay and Portuguese, whose corpora are full of names; an English form
    that is mostly labels and South Asian names ("Name: Kamal Perera") then looked "other" although every detector
    said English.
    """
    from examiner_app.extraction.language._model import OTHER

    if not ranked or ranked[0][0] != OTHER:
        return ranked
    agreeing: dict[str, list[float]] = {}
    for name in _CONSENSUS_DETECTORS:
        vote = votes.get(name) or {}
        if not vote:
            continue
        code, probability = max(vote.items(), key=lambda cp: cp[1])
        if code in SUPPORTED_LANGUAGES and probability >= CONSENSUS_MIN_PROBABILITY:
            agreeing.setdefault(code, []).append(probability)
    code, probabilities = max(agreeing.items(), key=lambda kv: len(kv[1]), default=("", []))
    if len(probabilities) < 2:
        return ranked
    p_consensus = min(probabilities)
    rest = [(c, p) for c, p in ranked if c != code]
    scale = (1.0 - p_consensus) / max(1e-9, sum(p for _, p in rest))
    return [(code, p_consensus), *((c, p * scale) for c, p in rest)]


def text_script(text: str) -> tuple[str | None, float, int]:
    """(the script ``text`` is read in, the certainty that it is that script, its number of letters).

    The script is ``None`` without letters. Kana anywhere make ``Japanese``; a non-Latin script with at least 30 %
    of the letters wins over Latin ones (names, terms, codes and URLs in other-script text). The certainty
    shrinks when the chosen script covers less than half of the letters.
    """
    counts = script_counts(text)
    letters = sum(counts.values())
    if letters == 0:
        return None, 0.0, 0
    scripts = {script: n / letters for script, n in counts.most_common()}
    script = dominant_script(scripts)
    if script is None:  # pragma: no cover - letters > 0 always yields a script
        return None, 0.0, letters
    if script == "Latin":
        script = next((s for s, share in scripts.items() if s != "Latin" and share >= _MIN_NON_LATIN), script)
    if script == "Japanese":
        share = sum(scripts.get(s, 0.0) for s in ("Han", "Hiragana", "Katakana"))
    else:
        share = scripts.get(script, 0.0)
    return script, min(1.0, 2.0 * share), letters


def _decide(ranked: Ranked, top: int, threshold: float = THRESHOLD) -> tuple[LanguageGuess, ...]:
    """The guesses for candidates ranked best first: the threshold, ``other`` and Persian rules applied."""
    top = max(1, top)
    probability = dict(ranked)
    best, p_best = ranked[0]
    persian = probability.get("fa", 0.0) + probability.get("prs", 0.0)
    if best in _PERSIAN and p_best < threshold <= persian:
        # Surely Persian, unsure which standard: answer the macrolanguage (ISO 639-1 "fa" covers Dari).
        rest = sorted(
            [("prs", probability["prs"]), *((c, p) for c, p in ranked if c not in _PERSIAN)], key=lambda cp: -cp[1]
        )
        ranked = [("fa", persian), *rest]
        best, p_best = ranked[0]
    candidates = [LanguageGuess(code, round(p, 4)) for code, p in ranked if code in SUPPORTED_LANGUAGES]
    if best in SUPPORTED_LANGUAGES and p_best >= threshold:
        return tuple(g for i, g in enumerate(candidates[:top]) if i == 0 or g.confidence >= _MIN_CANDIDATE)
    p_supported = candidates[0].confidence if candidates else 0.0
    und = LanguageGuess(UNDETERMINED, round(1.0 - p_supported, 4))
    return (und, *(g for g in candidates[: top - 1] if g.confidence >= _MIN_CANDIDATE))


# --- pages and blocks --------------------------------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")


#: A short block takes its page's language as a prior only when the page's long blocks of its script all say that
#: language with at least this letter-weighted confidence.
CONTEXT_MIN_CONFIDENCE = 0.9
#: The prior probability the page's language gets for such a short block whose own evidence already ranks that
#: language first; the script's other candidates (``other`` included) share the rest equally. It sets the block's
#: confidence in place of Lingua's confirmation. The prior is not allowed to overturn the block's own evidence:
#: on the dev half's Latin words and word pairs, a prior of 0.9 that could overturn it turned French words on an
#: English page from 0.88 right to 0.50 (German 0.97 -> 0.33), while this rule leaves them as they are
#: (``evaluation/page_context_eval.py``; docs/language-id.md).
CONTEXT_PRIOR = 0.9
#: The detector a short block on a decided page is not asked about: the one that loads slowly (Lingua's first
#: Latin-script vote reads 21 languages' models, ~3.4 s).
_CONTEXT_SKIPS = frozenset({"lingua"})


def detect_page_languages(page: PageText) -> PageText:
    """A copy of ``page`` with ``blocks`` (one per layout block, each with its languages) and ``languages``.

    Blocks: Tesseract's layout blocks (``Word.block``) when the words carry more than one; otherwise (a text
    layer, plain text, or no words) the text is split on blank lines. Each block's ``start``/``end`` index
    ``page.text`` and its ``bbox`` is the union of its words' boxes (``None`` without boxes).

    Page ``languages`` (up to three): the languages of the blocks, ordered by the share of the page's letters
    they cover, each with the letter-weighted confidence of its blocks. Blocks too short to decide are pooled
    and decided together (the fields of a form usually share a language). ``und`` comes first only when
    undecidable text is the largest share; a page without letters gets ``(und, 1.0)``.

    Short blocks (headlines, bylines, captions: fewer letters than Lingua is asked about) are decided after the
    long ones. When the long blocks of a script all say one language confidently (``_page_context``), a short block
    in that script whose own cheap evidence ranks that language first takes it, with the page as a prior
    (``_detect_in_context``), and Lingua is not asked; a block whose evidence points elsewhere is decided on its own
    as any text. A page with no long block (one line, a
    snippet) is decided block by block exactly as ``detect_language`` does.
    """
    spans = _block_spans(page)
    japanese_page = _has_kana(page.text)
    long_guesses = {
        i: _block_guesses(text, japanese_page, {})
        for i, (_start, _end, _words, text) in enumerate(spans)
        if not _is_short(text)
    }
    context = _page_context([spans[i][3] for i in long_guesses], list(long_guesses.values()))
    blocks = tuple(
        TextBlock(
            start,
            end,
            BBox.enclosing(w.bbox for w in words if w.bbox is not None),
            long_guesses[i] if i in long_guesses else _block_guesses(text, japanese_page, context),
        )
        for i, (start, end, words, text) in enumerate(spans)
    )
    return replace(page, blocks=blocks, languages=_page_languages(page.text, blocks, context))


def _block_guesses(text: str, japanese_page: bool, context: Mapping[str, str]) -> tuple[LanguageGuess, ...]:
    if japanese_page:
        return _kanji_block_on_japanese_page(text, context)
    return _detect_in_context(text, context)


def _is_short(text: str) -> bool:
    """Whether ``text`` is short enough that Lingua would be asked about it."""
    _script, _share, letters = text_script(text)
    return applies("lingua", letters)


def _page_context(texts: Sequence[str], guesses: Sequence[tuple[LanguageGuess, ...]]) -> dict[str, str]:
    """Script -> the language every decided long block of that script has, where they agree confidently.

    Blocks answered ``und`` do not count; two languages in one script (a bilingual page) give no context for it,
    nor does a letter-weighted confidence below ``CONTEXT_MIN_CONFIDENCE``.
    """
    by_script: dict[str, dict[str, list[float]]] = {}
    for text, block_guesses in zip(texts, guesses, strict=True):
        script, _share, letters = text_script(text)
        if script is None or not block_guesses or block_guesses[0].code not in SUPPORTED_LANGUAGES:
            continue
        first = block_guesses[0]
        totals = by_script.setdefault(script, {}).setdefault(first.code, [0.0, 0.0])
        totals[0] += letters
        totals[1] += letters * first.confidence
    context = {}
    for script, languages in by_script.items():
        if len(languages) == 1:
            ((code, (total_letters, weighted)),) = languages.items()
            if weighted >= CONTEXT_MIN_CONFIDENCE * total_letters:
                context[script] = code
    return context


def _detect_in_context(text: str, context: Mapping[str, str], top: int = 3) -> tuple[LanguageGuess, ...]:
    """``detect_language(text, top)``, except for a short text whose script has a page language in ``context``.

    Such a text is scored by the other detectors and the cues, without Lingua. When that ranks the page's language
    first, the page's language is the answer, its probability reweighted by the prior ``CONTEXT_PRIOR`` (the
    candidates' probabilities multiplied by their prior and renormalised). Otherwise (the block's words, letters or
    n-grams point to another language or to none) the text is decided on its own, Lingua included, exactly as
    ``detect_language`` decides it.
    """
    script, _share, letters = text_script(text)
    language = context.get(script) if script is not None else None
    if language is None or not applies("lingua", letters):
        return detect_language(text, top)
    ranked, votes = _rank(text, without=_CONTEXT_SKIPS)
    if votes is None:  # decided before any detector was asked (no letters, nonsense, a script's own language)
        return _decide(ranked, top)
    if ranked[0][0] != language:
        return detect_language(text, top)
    posterior = _with_prior(ranked, language, CONTEXT_PRIOR)
    if posterior[0][1] < THRESHOLD:  # the script itself is in doubt (mixed letters): no answer without Lingua
        return detect_language(text, top)
    return _decide(posterior, top)


def _with_prior(ranked: Ranked, language: str, prior: float) -> Ranked:
    """``ranked`` reweighted by a prior that gives ``language`` ``prior`` and the other candidates equal shares of
    the rest, renormalised to the same total (which is below 1 when the script itself is uncertain)."""
    rest = (1.0 - prior) / max(1, len(ranked) - 1)
    weighted = [(code, p * (prior if code == language else rest)) for code, p in ranked]
    total = sum(p for _, p in weighted)
    if total <= 0.0:
        return ranked
    mass = sum(p for _, p in ranked)
    return sorted(((code, p * mass / total) for code, p in weighted), key=lambda cp: -cp[1])


def _has_kana(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9d" for ch in text)


def _kanji_block_on_japanese_page(text: str, context: Mapping[str, str]) -> tuple[LanguageGuess, ...]:
    """A block's guesses on a page that has kana: a Han-only block there is Japanese (a form's kanji-only labels
    and headings, 氏名 国籍 生年月日), which a text on its own cannot show; the Han candidates' joint probability
    becomes Japanese's. Other blocks are decided as usual (``_detect_in_context``)."""
    guesses = _detect_in_context(text, context)
    script, share, _letters = text_script(text)
    if script != "Han":
        return guesses
    han = sum(g.confidence for g in guesses if g.code in ("zh", "ja"))
    if han < THRESHOLD:
        return guesses
    others = tuple(g for g in guesses if g.code not in ("zh", "ja", UNDETERMINED))
    return (LanguageGuess("ja", round(min(han, share), 4)), *others)


def _block_spans(page: PageText) -> list[tuple[int, int, tuple[Word, ...], str]]:
    text = page.text
    groups: dict[int, list[Word]] = {}
    for word in page.words:
        groups.setdefault(word.block, []).append(word)
    spans: list[tuple[int, int]]
    if len(groups) > 1:
        spans = [(min(w.start for w in ws), max(w.end for w in ws)) for ws in groups.values()]
        spans.sort()
    else:
        spans = _paragraphs(text)
    result = []
    for start, end in spans:
        words = page.words_in_span(start, end)
        result.append((start, end, words, text[start:end]))
    return result


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line-separated paragraphs of ``text``, surrounding whitespace excluded."""
    spans = []
    position = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            start = position + chunk.index(stripped)
            spans.append((start, start + len(stripped)))
        position = match.end() if match else len(text)
    return spans


def _page_languages(text: str, blocks: Sequence[TextBlock], context: Mapping[str, str]) -> tuple[LanguageGuess, ...]:
    weight: dict[str, float] = {}  # language -> letters of its blocks
    confidence: dict[str, float] = {}  # language -> letters x confidence
    undecided: list[str] = []
    for block in blocks:
        chunk = text[block.start : block.end]
        letters = sum(script_counts(chunk).values())
        if not letters:
            continue
        first = block.languages[0] if block.languages else LanguageGuess(UNDETERMINED, 1.0)
        if first.code == UNDETERMINED:
            undecided.append(chunk)
            continue
        weight[first.code] = weight.get(first.code, 0.0) + letters
        confidence[first.code] = confidence.get(first.code, 0.0) + letters * first.confidence
    if undecided:
        pooled = "\n".join(undecided)
        letters = sum(script_counts(pooled).values())
        first = _detect_in_context(pooled, context, top=1)[0]
        code = first.code
        weight[code] = weight.get(code, 0.0) + letters
        confidence[code] = confidence.get(code, 0.0) + letters * first.confidence
    if not weight:
        return (LanguageGuess(UNDETERMINED, 1.0),)
    ordered = sorted(weight, key=lambda code: (-weight[code], code))
    return tuple(LanguageGuess(code, round(confidence[code] / weight[code], 4)) for code in ordered[:3])
