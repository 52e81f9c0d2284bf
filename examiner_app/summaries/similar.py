"""Similar prior cases by their facts: country, claimed grounds, profile, and the text of what happened.

Pure ranking over plain objects (no store, no Qt): ``examiner_app.coi.prior_cases`` builds the
:class:`CaseProfile` objects from the store and the fictional or real prior-case files, then calls
:class:`SimilarIndex`. Every result says which facts and which passages matched and why, with the
citations of both sides, so an examiner can judge the comparison instead of trusting a number.

Evidence, never verdicts: a prior case's outcome is neither stored, read, computed nor shown.
``similarity`` measures how much the recorded facts overlap; it says nothing about how any case
should be decided, and nothing about anyone's credibility.

Scoring (each component 0..1, weighted, averaged over the components the case under review has
data for, so a case without profile facts is not penalized for lacking them):
country of origin shared (0.30), claimed grounds Jaccard (0.25), profile fields matched (0.20),
text similarity (0.25: calibrated embedding cosine when the engine is on, else word overlap).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

WEIGHTS: Mapping[str, float] = {"country": 0.30, "ground": 0.25, "profile": 0.20, "text": 0.25}
MIN_SHARED_TERMS = 2
DISCLAIMER = (
    "Similarity of recorded facts only. It says nothing about how any case should be decided; "
    "outcomes of prior cases are not stored or shown."
)


def normalize_value(value: str) -> str:
    """Profile and ground values compare case- and space-insensitively."""
    return " ".join(value.casefold().replace("_", " ").split())


def normalize_ground(value: str) -> str:
    return normalize_value(value).replace(" ", "_")


@dataclass(frozen=True, slots=True)
class FactRef:
    """A fact or text passage of one case, with where it comes from."""

    field: str
    value: str
    citation: str
    suggestion_id: str | None = None
    status: str = ""  # accepted / edited / pending for store cases, "prior record" for prior cases


@dataclass(frozen=True, slots=True)
class CaseProfile:
    """What similar-case search knows about one case. ``kind`` is "case" (in the store) or "prior".

    ``profile`` maps a field (ethnicity, religion, occupation, ...) to normalized values.
    ``facts`` are the facts behind countries, grounds and profile values (for the explanation);
    ``passages`` the texts compared (event statements, summary sentences), ``passage_words`` the
    content words of each (the builder tokenizes, so this module needs no tokenizer), ``words``
    all of them.
    ``decided_on`` is a prior case's decision date, or for a store case the date of its latest
    recorded fact decision. ``pinned`` holds ids of COI passages pinned to the case.
    """

    kind: str
    id: str
    reference: str
    title: str
    countries: frozenset[str]
    grounds: frozenset[str]
    profile: Mapping[str, frozenset[str]]
    facts: tuple[FactRef, ...] = ()
    passages: tuple[FactRef, ...] = ()
    passage_words: tuple[frozenset[str], ...] = ()  # content words of each passage, same order
    words: frozenset[str] = frozenset()
    decided_on: date | None = None
    pinned: frozenset[int] = frozenset()

    @property
    def text(self) -> str:
        return "\n".join(p.value for p in self.passages)

    def facts_for(self, fields: Iterable[str], value: str) -> tuple[FactRef, ...]:
        wanted = set(fields)
        return tuple(f for f in self.facts if f.field in wanted and normalize_value(f.value) == normalize_value(value))


@dataclass(frozen=True, slots=True)
class MatchReason:
    kind: str  # country | ground | profile | text | coi
    field: str
    value: str
    detail: str
    this_case: tuple[FactRef, ...] = ()
    other_case: tuple[FactRef, ...] = ()


@dataclass(frozen=True, slots=True)
class PassageMatch:
    this_case: FactRef
    other_case: FactRef
    shared_terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SimilarCase:
    kind: str
    id: str
    reference: str
    title: str
    countries: tuple[str, ...]
    grounds: tuple[str, ...]
    decided_on: date | None
    similarity: float
    components: Mapping[str, float]
    reasons: tuple[MatchReason, ...]
    passages: tuple[PassageMatch, ...]
    shared_coi: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SimilarFilters:
    country: str | None = None
    ground: str | None = None
    decided_from: date | None = None
    decided_to: date | None = None
    kinds: frozenset[str] = field(default_factory=lambda: frozenset({"case", "prior"}))


COUNTRY_FIELDS = ("country_of_origin", "nationality", "country")
GROUND_FIELDS = ("claimed_ground", "claimed_grounds")


class SimilarIndex:
    """Candidates prepared for fast ranking: posting lists of country, ground, profile and word tokens.

    Scoring is vectorized over all candidates (numpy), so 10,000 candidates rank in milliseconds;
    explanations are built for the top results only.
    """

    def __init__(self, candidates: Sequence[CaseProfile]) -> None:
        self.candidates = list(candidates)
        n = len(self.candidates)
        postings: dict[str, list[int]] = {}
        for i, c in enumerate(self.candidates):
            tokens = {f"c:{x}" for x in c.countries} | {f"g:{x}" for x in c.grounds}
            tokens |= {f"p:{k}={v}" for k, values in c.profile.items() for v in values}
            tokens |= {f"w:{w}" for w in c.words}
            for token in tokens:
                postings.setdefault(token, []).append(i)
        self.postings = {k: np.array(v, dtype=np.int64) for k, v in postings.items()}
        self.ground_counts = np.array([len(c.grounds) for c in self.candidates], dtype=np.float64)
        self.word_counts = np.array([len(c.words) for c in self.candidates], dtype=np.float64)
        self.dates = np.array(
            [c.decided_on.toordinal() if c.decided_on else -1 for c in self.candidates], dtype=np.int64
        )
        self.kinds = np.array([c.kind for c in self.candidates], dtype=object)
        self.ids = {c.id: i for i, c in enumerate(self.candidates)}
        self.size = n

    def _hits(self, token: str) -> np.ndarray:
        return self.postings.get(token, np.empty(0, dtype=np.int64))

    def _count(self, tokens: Iterable[str]) -> np.ndarray:
        counts = np.zeros(self.size, dtype=np.float64)
        for token in tokens:
            hits = self._hits(token)
            if hits.size:
                counts[hits] += 1.0
        return counts

    def _any(self, tokens: Iterable[str]) -> np.ndarray:
        return self._count(tokens) > 0

    def mask(self, target: CaseProfile, filters: SimilarFilters, allowed_case_ids: set[str] | None) -> np.ndarray:
        mask = np.ones(self.size, dtype=bool)
        if target.id in self.ids:
            mask[self.ids[target.id]] = False
        if filters.country:
            mask &= self._any([f"c:{filters.country.upper()}"])
        if filters.ground:
            mask &= self._any([f"g:{normalize_ground(filters.ground)}"])
        if filters.decided_from is not None:
            mask &= self.dates >= filters.decided_from.toordinal()
        if filters.decided_to is not None:
            mask &= (self.dates >= 0) & (self.dates <= filters.decided_to.toordinal())
        if filters.kinds != frozenset({"case", "prior"}):
            mask &= np.isin(self.kinds, list(filters.kinds))
        if allowed_case_ids is not None:
            readable = np.array([c.kind != "case" or c.id in allowed_case_ids for c in self.candidates], dtype=bool)
            mask &= readable
        return mask

    def components(self, target: CaseProfile, text_scores: np.ndarray | None) -> dict[str, np.ndarray]:
        """Each applicable component as an array over candidates (0..1)."""
        out: dict[str, np.ndarray] = {}
        if target.countries:
            out["country"] = self._any(f"c:{x}" for x in target.countries).astype(np.float64)
        if target.grounds:
            shared = self._count(f"g:{x}" for x in target.grounds)
            union = len(target.grounds) + self.ground_counts - shared
            out["ground"] = np.divide(shared, union, out=np.zeros(self.size), where=union > 0)
        if target.profile:
            matched = np.zeros(self.size, dtype=np.float64)
            for key, values in target.profile.items():
                matched += self._any(f"p:{key}={v}" for v in values)
            out["profile"] = matched / len(target.profile)
        if text_scores is not None:
            out["text"] = np.clip(text_scores, 0.0, 1.0)
        elif target.words:
            shared = self._count(f"w:{w}" for w in target.words)
            denominator = np.sqrt(len(target.words) * np.maximum(self.word_counts, 1.0))
            # Binary cosine of word sets, scaled: two short statements sharing a third of their words is a lot.
            out["text"] = np.clip(1.8 * shared / denominator, 0.0, 1.0)
        return out

    def rank(
        self,
        target: CaseProfile,
        *,
        top: int = 10,
        filters: SimilarFilters | None = None,
        text_scores: np.ndarray | None = None,
        allowed_case_ids: set[str] | None = None,
    ) -> list[SimilarCase]:
        """The ``top`` candidates most similar to ``target``, explained; candidates sharing nothing are left out."""
        if self.size == 0 or top <= 0:
            return []
        filters = filters or SimilarFilters()
        mask = self.mask(target, filters, allowed_case_ids)
        parts = self.components(target, text_scores)
        if not parts:
            return []
        total_weight = sum(WEIGHTS[k] for k in parts)
        score = sum(WEIGHTS[k] * v for k, v in parts.items()) / total_weight
        structured = sum(parts[k] for k in ("country", "ground", "profile") if k in parts)
        text = parts.get("text")
        # Something concrete must match: a fact, or text clearly above the unrelated level.
        relevant = (structured > 0) if text is None else (structured > 0) | (text >= 0.5)
        score = np.where(mask & relevant, score, -1.0)
        k = min(top, self.size)
        best = np.argpartition(-score, k - 1)[:k]
        best = best[np.argsort(-score[best], kind="stable")]
        return [
            self._explain(target, int(i), float(score[i]), {n: float(v[i]) for n, v in parts.items()})
            for i in best
            if score[i] > 0
        ]

    def _explain(self, target: CaseProfile, index: int, score: float, parts: dict[str, float]) -> SimilarCase:
        other = self.candidates[index]
        reasons: list[MatchReason] = []
        for code in sorted(target.countries & other.countries):
            reasons.append(
                MatchReason(
                    "country",
                    "country_of_origin",
                    code,
                    f"Both name {code} as country of origin or nationality.",
                    target.facts_for(COUNTRY_FIELDS, code),
                    other.facts_for(COUNTRY_FIELDS, code),
                )
            )
        for ground in sorted(target.grounds & other.grounds):
            reasons.append(
                MatchReason(
                    "ground",
                    "claimed_ground",
                    ground,
                    f"Both claim the ground '{ground.replace('_', ' ')}'.",
                    target.facts_for(GROUND_FIELDS, ground),
                    other.facts_for(GROUND_FIELDS, ground),
                )
            )
        for key in sorted(set(target.profile) & set(other.profile)):
            for value in sorted(target.profile[key] & other.profile[key]):
                reasons.append(
                    MatchReason(
                        "profile",
                        key,
                        value,
                        f"Same {key.replace('_', ' ')}: {value}.",
                        target.facts_for([key], value),
                        other.facts_for([key], value),
                    )
                )
        passages = _passage_matches(target, other)
        if "text" in parts and parts["text"] > 0:
            shared = sorted({t for p in passages for t in p.shared_terms})[:12]
            detail = f"What happened reads alike (text similarity {parts['text']:.2f})"
            detail += f"; shared words: {', '.join(shared)}." if shared else "."
            reasons.append(MatchReason("text", "text", f"{parts['text']:.2f}", detail))
        shared_coi = tuple(sorted(target.pinned & other.pinned))
        if shared_coi:
            reasons.append(
                MatchReason("coi", "coi_pin", str(len(shared_coi)), f"{len(shared_coi)} COI excerpt(s) pinned to both.")
            )
        return SimilarCase(
            kind=other.kind,
            id=other.id,
            reference=other.reference,
            title=other.title,
            countries=tuple(sorted(other.countries)),
            grounds=tuple(sorted(other.grounds)),
            decided_on=other.decided_on,
            similarity=round(score, 4),
            components={k: round(v, 4) for k, v in parts.items()},
            reasons=tuple(reasons),
            passages=passages,
            shared_coi=shared_coi,
        )


def _passage_matches(target: CaseProfile, other: CaseProfile, limit: int = 3) -> tuple[PassageMatch, ...]:
    """Pairs of passages (one from each case) sharing the most content words, best first."""
    pairs: list[tuple[float, PassageMatch]] = []
    other_words = list(zip(other.passages, other.passage_words, strict=False))
    for mine, words in zip(target.passages, target.passage_words, strict=False):
        if not words:
            continue
        for theirs, their_words in other_words:
            shared = words & their_words
            if len(shared) >= MIN_SHARED_TERMS:
                strength = len(shared) / math.sqrt(len(words) * max(1, len(their_words)))
                pairs.append((strength, PassageMatch(mine, theirs, tuple(sorted(shared)))))
    pairs.sort(key=lambda item: -item[0])
    return tuple(match for _, match in pairs[:limit])
