"""Fact suggestions: what a page says, with exact citations. Evidence, never verdicts.

:func:`default_extractors` builds the extractors (rules always; spaCy names, local token-classification models
and the sentence-embedding tagger of events and grounds when AI is on and the model is installed); :func:`extract_facts` runs them on a page, per language block, and returns de-duplicated
candidates sorted by position. Every candidate satisfies ``page.text[c.start:c.end] == c.value``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from examiner_app.domain import UNDETERMINED, FactCandidate, FactField, PageText
from examiner_app.models import ModelSpec

from .age import AgeExtractor
from .base import FactExtractor, NullExtractor
from .dates import DateExtractor
from .form74 import Form74Extractor
from .identity import IdentityExtractor, SpacyPersonExtractor
from .places import PlaceExtractor

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm"
# The sentence-embedding model whose nearest labelled examples tag events and claimed grounds (English).
SENTENCE_MODEL = "all-minilm-l6-v2"

# Fields where one stretch of text can carry several distinct facts (a sentence invoking two grounds,
# an event with two kinds): de-duplicated per normalized value rather than per field.
MULTI_VALUED = frozenset({FactField.CLAIMED_GROUND, FactField.AGENT_OF_PERSECUTION, FactField.FAMILY_MEMBER})


def default_extractors(
    models_dir: Path | None = None, ai_enabled: bool = True, sentence_tagging: bool = True
) -> list[FactExtractor]:
    """Rule extractors, plus (if ``ai_enabled``) spaCy English PERSON names, every local token-classification
    model the manifest lists (engine ``transformers-ner``) and the sentence tagger on the ``all-minilm-l6-v2``
    sentence embeddings (events and claimed grounds in English), each only when installed.

    A missing or broken model is logged and skipped: extraction always works on rules alone. Nothing is loaded
    here: each model loads on the first block in its languages (a broken one is logged then).
    ``sentence_tagging=False`` leaves the sentence tagger out (to measure what it adds).
    """
    extractors: list[FactExtractor] = [
        DateExtractor(),
        PlaceExtractor(),
        IdentityExtractor(),
        AgeExtractor(),
        Form74Extractor(),
    ]
    if not ai_enabled:
        return extractors
    from examiner_app.errors import ConfigurationError
    from examiner_app.models import load_manifest, load_spacy

    try:
        manifest = load_manifest(models_dir)
    except ConfigurationError as exc:
        log.warning("models manifest unreadable, AI extractors off: %s", exc)
        return extractors
    from .transformers_ner import TransformersNerExtractor

    for ner_spec in manifest.values():
        if ner_spec.engine != "transformers-ner":
            continue
        if ner_spec.available():
            extractors.append(TransformersNerExtractor(ner_spec))
        else:
            log.warning("%s", ner_spec.missing_reason())
    extractors.extend(language_ner_extractors(manifest))
    tagger = make_sentence_tagger(manifest.get(SENTENCE_MODEL)) if sentence_tagging else None
    if tagger is not None:
        extractors.append(tagger)
    spec = manifest.get(SPACY_MODEL)
    if spec is None:
        log.info("no '%s' entry in the models manifest; English names from rules only", SPACY_MODEL)
        return extractors
    if not spec.available():
        log.warning("%s", spec.missing_reason())
        return extractors
    # Loaded on the first English block, not here: a page in another language never pays for spaCy.
    extractors.append(
        SpacyPersonExtractor(None, spec.provenance_version(), SPACY_MODEL, load=functools.partial(load_spacy, spec))
    )
    return extractors


def language_ner_extractors(manifest: dict[str, ModelSpec]) -> list[FactExtractor]:
    """A lazy single-language name and place extractor for every installed manifest entry of a language engine:
    spaCy pipelines (``languages`` not English: the English model has its own extractor), Natasha (Russian) and
    underthesea (Vietnamese). Nothing is imported or loaded here."""
    from .language_ner import LanguageNerExtractor
    from .natasha_ner import NatashaNerExtractor
    from .spacy_ner import SpacyNerExtractor
    from .underthesea_ner import UndertheseaNerExtractor

    engines: dict[str, type[LanguageNerExtractor]] = {
        "spacy": SpacyNerExtractor,
        "natasha": NatashaNerExtractor,
        "underthesea": UndertheseaNerExtractor,
    }
    out: list[FactExtractor] = []
    for spec in manifest.values():
        engine = engines.get(spec.engine)
        if engine is None or spec.name == SPACY_MODEL or not spec.languages or "en" in spec.languages:
            continue
        if not spec.available():
            log.info("%s", spec.missing_reason())
            continue
        out.append(engine(spec))
    return out


def make_sentence_tagger(spec: ModelSpec | None) -> FactExtractor | None:
    """The embedding sentence tagger on ``spec`` (engine ``transformers``), or ``None`` (logged) when the entry is
    missing or the model is not installed. Nothing is loaded here: the model loads on the first English page."""
    if spec is None:
        log.info("no '%s' entry in the models manifest; events and grounds from rules only", SENTENCE_MODEL)
        return None
    if spec.engine != "transformers":
        log.warning(
            "model '%s' has engine '%s'; the sentence tagger needs a transformers encoder", spec.name, spec.engine
        )
        return None
    if not spec.available():
        log.warning("%s", spec.missing_reason())
        return None
    from .sentence_embeddings import TransformersSentenceEmbedder
    from .sentence_tagger import SentenceTagger

    return SentenceTagger(TransformersSentenceEmbedder(spec), languages=spec.languages or ("en",))


def _segments(page: PageText) -> list[tuple[int, int, str]]:
    """(start, end, language) stretches of the page: its language blocks, else the whole page.

    Gaps between blocks take the page language; neighbouring stretches in the same language are
    merged so a sentence split across two OCR blocks keeps its context.
    """
    page_lang = page.languages[0].code if page.languages else UNDETERMINED
    blocks = sorted((b for b in page.blocks if b.languages and b.end > b.start), key=lambda b: b.start)
    if not blocks:
        return [(0, len(page.text), page_lang)]
    raw: list[tuple[int, int, str]] = []
    pos = 0
    for block in blocks:
        start, end = max(block.start, pos), min(block.end, len(page.text))
        if start > pos:
            raw.append((pos, start, page_lang))
        if end > start:
            raw.append((start, end, block.languages[0].code))
        pos = max(pos, end)
    if pos < len(page.text):
        raw.append((pos, len(page.text), page_lang))
    merged: list[tuple[int, int, str]] = []
    for start, end, lang in raw:
        text = page.text[start:end]
        if merged and (merged[-1][2] == lang or not text.strip()):
            merged[-1] = (merged[-1][0], end, merged[-1][2])
        else:
            merged.append((start, end, lang))
    return merged


def _shift(c: FactCandidate, offset: int) -> FactCandidate:
    return c if offset == 0 else replace(c, start=c.start + offset, end=c.end + offset)


def _dedupe(candidates: Iterable[FactCandidate]) -> list[FactCandidate]:
    """Drop a candidate that overlaps a surer one of the same field (and value, for multi-valued fields)."""
    ordered = sorted(candidates, key=lambda c: (-c.confidence, -(c.end - c.start), c.start))
    kept: list[FactCandidate] = []
    for c in ordered:
        clash = False
        for k in kept:
            if k.field is not c.field or k.end <= c.start or k.start >= c.end:
                continue
            if c.field in MULTI_VALUED and k.normalized != c.normalized:
                continue
            clash = True
            break
        if not clash:
            kept.append(c)
    return kept


def _drop_relatives_as_persons(candidates: list[FactCandidate]) -> list[FactCandidate]:
    """A weak person_name (spaCy) inside a family_member span is that relative's name, not the applicant's."""
    relatives = [c for c in candidates if c.field is FactField.FAMILY_MEMBER]
    return [
        c
        for c in candidates
        if not (
            c.field is FactField.PERSON_NAME
            and c.confidence < 0.6
            and any(r.start <= c.start and c.end <= r.end for r in relatives)
        )
    ]


def extract_facts(page: PageText, extractors: Sequence[FactExtractor]) -> list[FactCandidate]:
    """Run every extractor on the page (per language block), de-duplicate, sort by (start, field).

    An extractor that raises is logged and skipped: one faulty family must not lose the others' facts.
    """
    found: list[FactCandidate] = []
    for start, end, lang in _segments(page):
        if start == 0 and end == len(page.text):
            sub = page
        else:
            sub = replace(page, text=page.text[start:end], words=(), blocks=())
        for extractor in extractors:
            try:
                results = extractor.extract(sub, lang)
            except Exception:  # a bug in one family must not cost the page its other facts
                log.exception(
                    "fact extractor %s failed on page %s", getattr(extractor, "name", extractor), page.page_number
                )
                continue
            found.extend(_shift(c, start) for c in results)
    for c in found:
        if page.text[c.start : c.end] != c.value:  # the contract every citation relies on
            raise AssertionError(f"{c.model}: span [{c.start}, {c.end}) does not hold {c.value!r}")
    result = _dedupe(_drop_relatives_as_persons(found))
    result.sort(key=lambda c: (c.start, c.field.value, -c.confidence))
    return result


__all__ = [
    "AgeExtractor",
    "DateExtractor",
    "FactExtractor",
    "IdentityExtractor",
    "NullExtractor",
    "PlaceExtractor",
    "SpacyPersonExtractor",
    "default_extractors",
    "extract_facts",
    "language_ner_extractors",
    "make_sentence_tagger",
]
