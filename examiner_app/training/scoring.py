"""Exercise scoring: a trainee's recorded facts against the pack's answer key, per field.

SemEval-2013 Task 9.1 partial matching (Segura-Bedmar et al. 2013): a trainee fact on the same page as a key fact,
overlapping its span, is *correct* when field and value agree (values compared for equivalence: the same date in
another calendar, the same name in another transliteration), *partial* when the field agrees but the span or value
only overlaps, *wrong* when the field differs; key facts nobody matched are *missed*, trainee facts that match no key
fact are *spurious*. precision = (correct + 0.5 partial) / (correct + wrong + partial + spurious), recall =
(correct + 0.5 partial) / (correct + wrong + partial + missed).

Only facts are scored. Credibility, outcomes and reasons are never part of an exercise: those stay with human assessors.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from examiner_app.extraction.facts import dates as date_rules
from examiner_app.extraction.facts import name_match

OUTCOMES = ("correct", "partial", "wrong", "missed", "spurious")
NAME_FIELDS = frozenset({"person_name", "family_member", "agent_of_persecution"})
DATE_FIELDS = frozenset(
    {"date_of_birth", "event_date", "date_of_entry", "document_issue_date", "procedural_date", "date"}
)


@dataclass(frozen=True, slots=True)
class ScoredFact:
    """One comparison, for the trainee's colour-coded view: the trainee's fact, the key fact, the outcome."""

    outcome: str
    field: str
    trainee: Mapping[str, Any] | None
    key: Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class FieldScore:
    field: str
    correct: int
    partial: int
    wrong: int
    missed: int
    spurious: int

    @property
    def precision(self) -> float:
        denominator = self.correct + self.wrong + self.partial + self.spurious
        return (self.correct + 0.5 * self.partial) / denominator if denominator else 0.0

    @property
    def recall(self) -> float:
        denominator = self.correct + self.wrong + self.partial + self.missed
        return (self.correct + 0.5 * self.partial) / denominator if denominator else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "correct": self.correct,
            "partial": self.partial,
            "wrong": self.wrong,
            "missed": self.missed,
            "spurious": self.spurious,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class ExerciseScore:
    fields: tuple[FieldScore, ...]
    facts: tuple[ScoredFact, ...]

    @property
    def total(self) -> FieldScore:
        return FieldScore(
            "all",
            sum(f.correct for f in self.fields),
            sum(f.partial for f in self.fields),
            sum(f.wrong for f in self.fields),
            sum(f.missed for f in self.fields),
            sum(f.spurious for f in self.fields),
        )

    def as_json(self) -> dict[str, Any]:
        total = self.total
        return {
            "fields": [f.as_json() for f in self.fields],
            "f1": round(total.f1, 4),
            "precision": round(total.precision, 4),
            "recall": round(total.recall, 4),
            "scheme": "SemEval-2013 partial matching",
        }


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _date_of(fact: Mapping[str, Any]) -> str | None:
    norm = fact.get("normalized")
    if norm and len(str(norm)) >= 4 and str(norm)[:4].isdigit():
        return str(norm)
    value = str(fact.get("value") or "")
    found = date_rules.find_dates(value)
    return found[0].normalized if found else None


def equivalent(field: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Same value: equal text or normalized value, the same date in any calendar, the same name in any script."""
    va, vb = str(a.get("value") or ""), str(b.get("value") or "")
    if _fold(va) == _fold(vb):
        return True
    na, nb = a.get("normalized"), b.get("normalized")
    if field in DATE_FIELDS:
        da, db = _date_of(a), _date_of(b)
        return da is not None and da == db
    if field in NAME_FIELDS:
        return any(_same_name(x, y) for x in (va, str(na or "")) for y in (vb, str(nb or "")) if x and y)
    return bool(na) and bool(nb) and _fold(str(na)) == _fold(str(nb))


def _same_name(a: str, b: str) -> bool:
    """The same name in any script or transliteration, with every part present (a part left out is partial)."""
    match = name_match.compare_names(a, b)
    return match.score >= name_match.MATCH_THRESHOLD and not match.only_left and not match.only_right


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if a.get("document") is None or b.get("document") is None:
        return False
    if a.get("document") != b.get("document") or a.get("page") != b.get("page"):
        return False
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def score(key: Sequence[Mapping[str, Any]], trainee: Sequence[Mapping[str, Any]]) -> ExerciseScore:
    """Match each trainee fact to at most one key fact (best outcome first) and count outcomes per key field."""
    counts: dict[str, dict[str, int]] = {}
    facts: list[ScoredFact] = []

    def bump(field: str, outcome: str) -> None:
        counts.setdefault(field, dict.fromkeys(OUTCOMES, 0))[outcome] += 1

    candidates: list[tuple[int, int, int, str]] = []  # rank, trainee index, key index, outcome
    for ti, t in enumerate(trainee):
        for ki, k in enumerate(key):
            same_field = t.get("field") == k.get("field")
            overlap = _overlap(t, k)
            if same_field and (overlap or t.get("document") is None) and equivalent(str(k["field"]), t, k):
                # an equivalent value counts as correct even when the trainee's span is longer or shorter
                candidates.append((0, ti, ki, "correct"))
            elif same_field and overlap:
                candidates.append((1, ti, ki, "partial"))
            elif overlap:
                candidates.append((2, ti, ki, "wrong"))
    used_t: set[int] = set()
    used_k: set[int] = set()
    for _rank, ti, ki, outcome in sorted(candidates):
        if ti in used_t or ki in used_k:
            continue
        used_t.add(ti)
        used_k.add(ki)
        field = str(key[ki]["field"])
        bump(field, outcome)
        facts.append(ScoredFact(outcome, field, trainee[ti], key[ki]))
    for ki, k in enumerate(key):
        if ki not in used_k:
            bump(str(k["field"]), "missed")
            facts.append(ScoredFact("missed", str(k["field"]), None, k))
    for ti, t in enumerate(trainee):
        if ti not in used_t:
            bump(str(t["field"]), "spurious")
            facts.append(ScoredFact("spurious", str(t["field"]), t, None))
    fields = tuple(FieldScore(f, **c) for f, c in sorted(counts.items()))
    return ExerciseScore(fields, tuple(facts))
