"""Events and claimed grounds by sentence similarity to labelled prototypes (an AI engine, English by default).

Each sentence of a page is embedded (:mod:`.sentence_embeddings`) and compared with the prototype sentences in
``data/sentence_prototypes.json``: fictional examples of reported harm ("event", keyed by kind), of a Convention
reason given for harm or fear ("ground", keyed by ground) and of look-alikes that are neither ("other": travel,
fears about the future, background, procedure). A sentence is suggested as an event or a ground only when its
nearest prototypes carry that label, are close enough, and are closer than every look-alike. A ground also
needs a causal word in the sentence ("because", "for", "due to"): the issue tags a ground only where the words
give the reason, never by inference.

Only sentences that give a reason (a causal word of the rules' list or one of :data:`REASON_WORDS`) are embedded:
on the dev split that is where the tagger adds to the rules, and embedding every sentence of a ten-page case cost
seconds on two shared cores. This catches phrasings the cue lists miss; the rules still run and a duplicate of a
rule suggestion is dropped by :func:`examiner_app.extraction.facts.extract_facts`. Suggestions are tags of what the applicant
states, never an assessment of it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from examiner_app.domain import FactCandidate, FactField, ModelRef, PageText
from examiner_app.errors import ConfigurationError

from .base import KeywordMatcher, NormText, candidate, load_data, sentence_spans
from .sentence_embeddings import SentenceEmbedder

log = logging.getLogger(__name__)

PROTOTYPES_FILE = "sentence_prototypes.json"
# Calibrated on the dev split with all-MiniLM-L6-v2 (evaluation/facts_eval.py --split dev): below these a
# sentence is too far from every labelled example to say anything.
EVENT_MIN = 0.45
GROUND_MIN = 0.45
MARGIN = 0.1  # nearer to a labelled example than to the nearest look-alike by at least this
REASON_WORDS = (
    "for who",
    "for what",
    "for being",
    "for the way",
    "that is why",
    "this is why",
    "which is why",
    "the reason",
)
TOP_K = 2  # a family's score: the mean of its K nearest prototypes (one odd example decides nothing)
MIN_CHARS = 25  # form labels and fragments say too little to embed
MAX_CHARS = 600
_QUESTION_END = ("?", "？", "؟")


@dataclass(frozen=True)
class Prototype:
    family: str  # "event" | "ground" | "other" | "fear"
    label: str  # event kind, ground, or the kind of look-alike
    text: str


def load_prototypes(name: str = PROTOTYPES_FILE) -> list[Prototype]:
    """The labelled prototype sentences of ``data/<name>``."""
    raw = load_data(name)
    out: list[Prototype] = []
    for family in ("event", "ground", "other", "fear"):
        for label, sentences in raw[family].items():
            out.extend(Prototype(family, label, s) for s in sentences)
    return out


@dataclass(frozen=True)
class SentenceTag:
    """The nearest labelled prototypes of one sentence, per family."""

    event_kind: str
    event_score: float
    ground: str
    ground_score: float
    other_score: float  # the nearest look-alike that is neither
    fear_score: float  # the nearest sentence of fear about the future (not an event, may give a ground)


class SentenceTagger:
    """Fact extractor: tags sentences as events / claimed grounds by their nearest labelled prototypes."""

    def __init__(
        self,
        embedder: SentenceEmbedder,
        languages: Sequence[str] = ("en",),
        prototypes: Sequence[Prototype] | None = None,
        engine: str = "transformers",
    ) -> None:
        self.embedder = embedder
        self.languages = tuple(languages)
        self.name = f"sentence-tagger:{embedder.name}"
        self.model = ModelRef(engine, embedder.name, embedder.version)
        self._prototypes = list(prototypes) if prototypes is not None else load_prototypes()
        self._vectors: list[list[float]] | None = None
        self._lock = threading.Lock()
        # Why the tagger suggests nothing (the model could not be loaded); "" while it works.
        self.unavailable_reason = ""
        # The rules' causal words, and the short English ones they leave out as too common on their own ("hurt me
        # for who I love"): here the sentence must also be near an example of a reason given for harm.
        connectors = [*load_data("identity_cues.json")["causal_connectors"], *REASON_WORDS]
        self._connectors: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in connectors])

    def _prototype_vectors(self) -> list[list[float]]:
        with self._lock:
            if self._vectors is None:
                texts = [p.text for p in self._prototypes]
                path = self._vector_cache_file(texts)
                self._vectors = _read_vectors(path, len(texts)) if path is not None else None
                if self._vectors is None:
                    self._vectors = self.embedder.embed(texts)
                    if path is not None:
                        _write_vectors(path, self._vectors)
            return self._vectors

    def _vector_cache_file(self, texts: Sequence[str]) -> Path | None:
        """Where the examples' vectors are kept between processes (embedding the ~90 examples took ~0.9 s of every
        start that tags a sentence): the user's cache folder, beside the detector tables (``EXAMINER_CACHE_DIR``,
        ``EXAMINER_DETECTOR_CACHE=0``), named after the embedder's stamp and the examples. ``None`` for an
        embedder without a stamp (test doubles): its vectors are computed each time."""
        stamp = getattr(self.embedder, "cache_stamp", None)
        if stamp is None:
            return None
        from examiner_app.extraction.language import _tables

        folder = _tables.cache_dir()
        if folder is None:
            return None
        try:
            identity = stamp()
        except ConfigurationError:
            return None  # the model is missing: embedding reports it
        name = _tables.fingerprint("sentence-prototypes", identity, json.dumps(list(texts), ensure_ascii=False))
        return folder.parent / "sentence-prototypes" / f"{name}.json"

    def tag(self, sentences: Sequence[str]) -> list[SentenceTag]:
        """The nearest event kind, ground and look-alike (with their cosine similarity) of each sentence."""
        if not sentences:
            return []
        protos = self._prototype_vectors()
        tags: list[SentenceTag] = []
        for vec in self.embedder.embed(sentences):
            scored: dict[str, list[tuple[float, str]]] = {"event": [], "ground": [], "other": [], "fear": []}
            for proto, pvec in zip(self._prototypes, protos, strict=True):
                scored[proto.family].append((sum(x * y for x, y in zip(vec, pvec, strict=True)), proto.label))
            best: dict[str, tuple[float, str]] = {}
            for family, pairs in scored.items():
                pairs.sort(reverse=True)
                top = pairs[:TOP_K] or [(-1.0, "")]
                best[family] = (sum(x for x, _ in top) / len(top), top[0][1])
            tags.append(
                SentenceTag(
                    event_kind=best["event"][1],
                    event_score=best["event"][0],
                    ground=best["ground"][1],
                    ground_score=best["ground"][0],
                    other_score=best["other"][0],
                    fear_score=best["fear"][0],
                )
            )
        return tags

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        """Event and claimed-ground suggestions on the page; none (and :attr:`unavailable_reason` set, logged once)
        when the model cannot be loaded: the rules' suggestions stand alone then."""
        if self.unavailable_reason or (self.languages and language not in self.languages):
            return []
        try:
            return self._extract(page)
        except ConfigurationError as exc:
            self.unavailable_reason = str(exc)
            log.warning("sentence tagger unavailable, events and grounds from rules only: %s", exc)
            return []

    def _extract(self, page: PageText) -> list[FactCandidate]:
        text = page.text
        spans = [
            (a, b)
            for a, b in sentence_spans(text)
            if MIN_CHARS <= b - a <= MAX_CHARS and not text[a:b].rstrip().endswith(_QUESTION_END)
        ]
        if not spans:
            return []
        nt = NormText(text)
        connector_hits = self._connectors.find(nt)
        # Only sentences that give a reason are embedded: that is where the tagger adds to the rules (measured on
        # the dev split), and embedding every sentence of a case costs seconds on two shared cores.
        spans = [(a, b) for a, b in spans if any(a <= h.start and h.end <= b for h in connector_hits)]
        if not spans:
            return []
        out: list[FactCandidate] = []
        for (a, b), tag in zip(spans, self.tag([text[a:b] for a, b in spans]), strict=True):
            if tag.event_score >= EVENT_MIN and tag.event_score - max(tag.other_score, tag.fear_score) >= MARGIN:
                out.append(
                    candidate(
                        text,
                        FactField.EVENT,
                        a,
                        b,
                        tag.event_kind,
                        0.4 + tag.event_score / 2,
                        self.model,
                        f"sentence close to examples of reported harm ({tag.event_kind}, similarity "
                        f"{tag.event_score:.2f}); a suggestion to confirm",
                        [("what", tag.event_kind), ("similarity", f"{tag.event_score:.2f}")],
                    )
                )
            causal = [h for h in connector_hits if a <= h.start and h.end <= b]
            if causal and tag.ground_score >= GROUND_MIN and tag.ground_score - tag.other_score >= MARGIN:
                words = ", ".join(sorted({text[h.start : h.end] for h in causal})[:2])
                out.append(
                    candidate(
                        text,
                        FactField.CLAIMED_GROUND,
                        a,
                        b,
                        tag.ground,
                        0.35 + tag.ground_score / 2,
                        self.model,
                        f"sentence close to examples of a reason given for harm ({tag.ground}, similarity "
                        f"{tag.ground_score:.2f}) with {words!r} (a tag of what is stated, not an assessment)",
                        [("ground", tag.ground), ("similarity", f"{tag.ground_score:.2f}")],
                    )
                )
        return out


def _read_vectors(path: Path, count: int) -> list[list[float]] | None:
    """The vectors written by :func:`_write_vectors` (JSON keeps every float exactly), or ``None``."""
    try:
        vectors = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(vectors, list) or len(vectors) != count:
        return None
    return vectors


def _write_vectors(path: Path, vectors: list[list[float]]) -> None:
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch.write_text(json.dumps(vectors), encoding="utf-8")
        scratch.replace(path)  # whole or not at all: another process may read it meanwhile
    except OSError:  # a folder that cannot be written: the examples are embedded at every start, as before
        with contextlib.suppress(OSError):
            scratch.unlink()
