"""Re-identification check: the quasi-identifiers of asylum files, what a pack keeps of each, and whether the
pack's generalised tuple is shared by at least k cases of the training corpus (k-anonymity over the corpus)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from examiner_app.domain import FactField, Suggestion, SuggestionStatus

QUASI_IDENTIFIERS = (
    "nationality",
    "birth_year_band",
    "region",
    "ethnicity",
    "religion",
    "claimed_ground",
    "profession",
    "family_composition",
    "incident",
)
# Generalisation steps, coarsest last; "suppressed" is always the last step.
_STEPS: dict[str, tuple[str, ...]] = {
    "birth_year_band": ("10-year band", "20-year band", "suppressed"),
    "region": ("city", "suppressed"),
    "family_composition": ("relations", "number of relatives", "suppressed"),
}
DEFAULT_K = 5
SUPPRESSED = "suppressed"


def steps(qi: str) -> tuple[str, ...]:
    return _STEPS.get(qi, ("kept", SUPPRESSED))


@dataclass(frozen=True, slots=True)
class QuasiIdentifier:
    name: str
    level: str  # the generalisation step applied
    value: str | None  # what the pack keeps (None: the case does not state it, or suppressed)
    note: str


def _facts(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    return [s for s in suggestions if s.status is not SuggestionStatus.REJECTED]


def _first(facts: Sequence[Suggestion], *fields: FactField) -> str | None:
    for field in fields:
        for s in facts:
            if s.field is field and (s.normalized or s.effective_value):
                return (s.normalized or s.effective_value).strip()
    return None


def raw_values(suggestions: Iterable[Suggestion]) -> dict[str, str | None]:
    """Each quasi-identifier as the case states it (before generalisation)."""
    facts = _facts(suggestions)
    dob = _first(facts, FactField.DATE_OF_BIRTH)
    region = None
    for s in facts:
        attrs = dict(s.attributes)
        if s.field is FactField.PLACE and attrs.get("place_type") == "city":
            region = attrs.get("name") or s.normalized or s.effective_value
            break
    grounds = sorted({(s.normalized or s.effective_value) for s in facts if s.field is FactField.CLAIMED_GROUND})
    relations = sorted(
        {
            dict(s.attributes).get("relation") or s.normalized or "relative"
            for s in facts
            if s.field is FactField.FAMILY_MEMBER
        }
    )
    incident = None
    for s in facts:
        if s.field is FactField.EVENT_DATE:
            incident = s.normalized or s.effective_value
            break
    return {
        "nationality": _first(facts, FactField.NATIONALITY, FactField.COUNTRY_OF_ORIGIN),
        "birth_year_band": dob[:4] if dob and dob[:4].isdigit() else None,
        "region": region,
        "ethnicity": _first(facts, FactField.ETHNICITY),
        "religion": _first(facts, FactField.RELIGION),
        "claimed_ground": ",".join(grounds) or None,
        "profession": None,  # no extractor records a profession; the text may still name one (see docs/training.md)
        "family_composition": ",".join(relations) or None,
        "incident": incident,
    }


def generalise(qi: str, raw: str | None, level: str) -> str | None:
    if raw is None or level == SUPPRESSED:
        return None
    if qi == "birth_year_band":
        width = 20 if level == "20-year band" else 10
        year = int(raw)
        lo = year - year % width
        return f"{lo}-{lo + width - 1}"
    if qi == "family_composition" and level == "number of relatives":
        n = len(raw.split(","))
        return "1" if n == 1 else "2-3" if n <= 3 else "4+"
    if qi == "incident":
        return None  # the incident date is always shifted and its place generalised: never compared verbatim
    return raw


def levels_for(generalise_counts: Mapping[str, int]) -> dict[str, str]:
    """The step of each quasi-identifier after the trainer asked ``n`` times to generalise it."""
    out = {}
    for qi in QUASI_IDENTIFIERS:
        chain = steps(qi)
        out[qi] = chain[min(generalise_counts.get(qi, 0), len(chain) - 1)]
    out["incident"] = SUPPRESSED
    return out


def tuple_of(values: Mapping[str, str | None], levels: Mapping[str, str]) -> dict[str, str | None]:
    return {qi: generalise(qi, values.get(qi), levels[qi]) for qi in QUASI_IDENTIFIERS}


def shared_by(
    pack: Mapping[str, str | None], corpus: Sequence[Mapping[str, str | None]], levels: Mapping[str, str]
) -> int:
    """How many corpus cases have the pack's generalised tuple (a value the pack does not keep is not compared)."""
    count = 0
    for other in corpus:
        theirs = tuple_of(other, levels)
        if all(v is None or theirs.get(qi) == v for qi, v in pack.items()):
            count += 1
    return count


@dataclass(frozen=True, slots=True)
class ReidentificationResult:
    k: int
    shared: int
    quasi_identifiers: tuple[QuasiIdentifier, ...]
    suggestion: str | None  # the quasi-identifier to generalise next when below k
    corpus_size: int

    @property
    def ok(self) -> bool:
        return self.shared >= self.k

    def as_json(self) -> dict[str, object]:
        return {
            "k": self.k,
            "shared_by": self.shared,
            "corpus_size": self.corpus_size,
            "ok": self.ok,
            "generalise_next": self.suggestion,
            "quasi_identifiers": [
                {"name": q.name, "level": q.level, "kept": q.value, "note": q.note} for q in self.quasi_identifiers
            ],
        }


_NOTES = {
    "nationality": "kept as a country code",
    "birth_year_band": "the birth date is shifted with every other date; the band is of the shifted year",
    "region": "cities kept; villages, districts and streets are always generalised in the text",
    "ethnicity": "kept as recorded",
    "religion": "kept as recorded",
    "claimed_ground": "kept (the exercise needs it)",
    "profession": "not recorded as a fact: check the statement text by eye",
    "family_composition": "relations kept, relatives' names pseudonymised",
    "incident": "incident dates shifted by the pack offset, places generalised: never verbatim",
}


def check(
    values: Mapping[str, str | None],
    corpus: Sequence[Mapping[str, str | None]],
    k: int,
    generalise_counts: Mapping[str, int],
) -> ReidentificationResult:
    levels = levels_for(generalise_counts)
    pack = tuple_of(values, levels)
    shared = shared_by(pack, corpus, levels)
    suggestion = None
    if shared < k:
        best = (shared, "")
        for qi in QUASI_IDENTIFIERS:
            if pack.get(qi) is None:
                continue
            trial = dict(generalise_counts)
            trial[qi] = trial.get(qi, 0) + 1
            trial_levels = levels_for(trial)
            n = shared_by(tuple_of(values, trial_levels), corpus, trial_levels)
            if n > best[0] or not best[1]:
                best = (n, qi)
        suggestion = best[1] or None
    qis = tuple(QuasiIdentifier(qi, levels[qi], pack.get(qi), _NOTES[qi]) for qi in QUASI_IDENTIFIERS)
    return ReidentificationResult(k, shared, qis, suggestion, len(corpus))
