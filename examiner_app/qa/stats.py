"""Decision statistics per stratum: counts, rates and their 95 % intervals, n always beside them.

For each stratum: ``n`` decided suggestions (accepted + edited + rejected), ``accepted``, ``edited`` (of which
``form_edits``), ``rejected`` and ``added`` (facts the examiner recorded by hand: the engines' visible misses,
not part of n). Rates over n:

* exact-accept rate = accepted / n
* usable rate = (accepted + edited) / n: the suggestion pointed at the right words
* overturn rate = (edited + rejected) / n: the examiner did not take it as it was
* error rate = (substantive edits + rejected) / n: form edits (same date, other calendar; same name, other
  spelling) are not errors; accuracy = 1 - error rate.

Wilson intervals are for display (``*_ci``), Clopper-Pearson for claims (``*_ci_exact``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from examiner_app.domain import DecisionAction
from examiner_app.qa.intervals import WILSON, Proportion, proportion, proportions, rate_or_none, rounded
from examiner_app.qa.records import DecisionRecord

RATES = ("exact_accept", "usable", "overturn", "error")


@dataclass(frozen=True, slots=True)
class StratumStats:
    key: tuple[tuple[str, str], ...]
    accepted: int
    edited: int
    form_edits: int
    rejected: int
    added: int

    @property
    def n(self) -> int:
        return self.accepted + self.edited + self.rejected

    @property
    def errors(self) -> int:
        return self.edited - self.form_edits + self.rejected

    def count(self, name: str) -> int:
        return {
            "exact_accept": self.accepted,
            "usable": self.accepted + self.edited,
            "overturn": self.edited + self.rejected,
            "error": self.errors,
            "accuracy": self.n - self.errors,
        }[name]

    def rate(self, name: str) -> Proportion:
        return proportion(self.count(name), self.n)

    def as_json(self) -> dict[str, object]:
        return to_json([self])[0]


def to_json(strata: Sequence[StratumStats]) -> list[dict[str, object]]:
    """The report's rows: counts, and each rate with its Wilson and Clopper-Pearson intervals (computed at once)."""
    props = proportions([(s.count(name), s.n) for s in strata for name in RATES])
    rows = []
    for i, s in enumerate(strata):
        data: dict[str, object] = dict(s.key)
        data.update(
            n=s.n, accepted=s.accepted, edited=s.edited, form_edits=s.form_edits, rejected=s.rejected, added=s.added
        )
        for j, name in enumerate(RATES):
            p = props[i * len(RATES) + j]
            data[f"{name}_rate"] = rate_or_none(p.rate)
            data[f"{name}_ci"] = rounded(p.wilson)
            data[f"{name}_ci_exact"] = rounded(p.exact)
        data["interval"] = WILSON
        data["interval_exact"] = "clopper-pearson"
        rows.append(data)
    return rows


def stratify(records: Iterable[DecisionRecord], dims: Sequence[str]) -> list[StratumStats]:
    """Counts per combination of the ``dims`` present in the records, sorted by the stratum labels."""
    counts: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for r in records:
        c = counts[r.stratum(dims)]
        if r.action is DecisionAction.ACCEPT:
            c[0] += 1
        elif r.action is DecisionAction.EDIT:
            c[1] += 1
            c[2] += r.form_edit
        elif r.action is DecisionAction.REJECT:
            c[3] += 1
        else:
            c[4] += 1
    return [StratumStats(tuple(zip(dims, key, strict=True)), *values) for key, values in sorted(counts.items())]


def from_counts(counts: dict[tuple[str, ...], list[int]], dims: Sequence[str]) -> list[StratumStats]:
    """Strata from ``records.count_strata`` (the report's fast path), sorted by their labels."""
    return [
        StratumStats(tuple(zip(dims, key, strict=True)), c[0], c[1], c[2], c[3], c[4])
        for key, c in sorted(counts.items())
    ]


def total(strata: Sequence[StratumStats]) -> StratumStats:
    return StratumStats(
        (),
        sum(s.accepted for s in strata),
        sum(s.edited for s in strata),
        sum(s.form_edits for s in strata),
        sum(s.rejected for s in strata),
        sum(s.added for s in strata),
    )
