"""Each trainee's exercise results over time: every scoring is stored (migration 0012) and read back as a series.

F1 as a proportion, for an interval: with c' = correct + 0.5 partial, precision = c' / N_trainee and recall =
c' / N_key, so F1 = 2c' / (N_trainee + N_key) = (2 correct + partial) / n with n = N_trainee + N_key, both whole
numbers. The Wilson interval of that k of n (scipy.stats.binomtest) is shown with n beside it. It is an
approximation: a matched fact is counted on both sides, so the n facts are not independent trials, and the
interval is a guide to how much one exercise can say, not a test.

Series are per trainee and nothing else: never broken down or compared by the nationality or language of the
cases, and nothing here ranks trainees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scipy.stats import binomtest
from sqlalchemy import select
from sqlalchemy.orm import Session

from examiner_app.store.orm import TraineeScoreRow, UserRow

from .scoring import ExerciseScore, FieldScore

CONFIDENCE = 0.95
COUNTS = ("correct", "partial", "wrong", "missed", "spurious")


def f1_counts(score: FieldScore) -> tuple[int, int]:
    """F1 as ``k`` of ``n``: (2 correct + partial, trainee facts + key facts)."""
    trainee_facts = score.correct + score.wrong + score.partial + score.spurious
    key_facts = score.correct + score.wrong + score.partial + score.missed
    return 2 * score.correct + score.partial, trainee_facts + key_facts


def wilson(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    if n <= 0:
        return None
    ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """One scored exercise of one trainee."""

    trainee: str
    pack_id: str
    exercise: str
    scored_at: datetime
    fields: tuple[dict[str, Any], ...]

    @property
    def total(self) -> FieldScore:
        return FieldScore("all", *(sum(int(f[c]) for f in self.fields) for c in COUNTS))

    @property
    def f1(self) -> float:
        return self.total.f1

    @property
    def n(self) -> int:
        return f1_counts(self.total)[1]

    @property
    def f1_interval(self) -> tuple[float, float] | None:
        return wilson(*f1_counts(self.total))

    def as_json(self) -> dict[str, Any]:
        interval = self.f1_interval
        return {
            "trainee": self.trainee,
            "pack_id": self.pack_id,
            "exercise": self.exercise,
            "scored_at": self.scored_at.isoformat(),
            "f1": round(self.f1, 4),
            "f1_ci": [round(v, 4) for v in interval] if interval else None,
            "n": self.n,
            "interval": "wilson",
            "fields": list(self.fields),
        }


def field_rows(result: ExerciseScore) -> list[dict[str, Any]]:
    """The per-field rows as stored: the SemEval counts, precision, recall, F1 and n."""
    return [{**f.as_json(), "n": f1_counts(f)[1]} for f in result.fields]


def record(
    session: Session,
    *,
    trainee_id: str,
    scored_by: str,
    case_id: str,
    pack_id: str,
    exercise: str,
    result: ExerciseScore,
    at: datetime | None = None,
) -> TraineeScoreRow | None:
    """Store one scoring. Scoring unchanged work again adds no point (the newest row for this trainee and pack
    already says the same); the scoring itself is audited by the caller either way."""
    fields = field_rows(result)
    newest = session.execute(
        select(TraineeScoreRow)
        .where(TraineeScoreRow.trainee_id == trainee_id, TraineeScoreRow.pack_id == pack_id)
        .order_by(TraineeScoreRow.scored_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if newest is not None and _counts(newest.fields) == _counts(fields):
        return None
    row = TraineeScoreRow(
        pack_id=pack_id,
        exercise=exercise[:300],
        case_id=case_id,
        trainee_id=trainee_id,
        scored_by=scored_by,
        scored_at=at or datetime.now(UTC),
        fields=fields,
    )
    session.add(row)
    session.flush()
    return row


def _counts(fields: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((f["field"], *(int(f[c]) for c in COUNTS)) for f in fields)


def series(session: Session, trainee_ids: Sequence[str] | None = None) -> dict[str, list[ScorePoint]]:
    """Each trainee's scored exercises, oldest first, keyed by the trainee's name (``trainee_ids`` narrows it)."""
    query = (
        select(TraineeScoreRow, UserRow.name)
        .join(UserRow, UserRow.id == TraineeScoreRow.trainee_id)
        .order_by(UserRow.name, TraineeScoreRow.scored_at, TraineeScoreRow.id)
    )
    if trainee_ids is not None:
        query = query.where(TraineeScoreRow.trainee_id.in_(list(trainee_ids)))
    out: dict[str, list[ScorePoint]] = {}
    for row, name in session.execute(query):
        at = row.scored_at if row.scored_at.tzinfo else row.scored_at.replace(tzinfo=UTC)  # SQLite reads naive
        out.setdefault(name, []).append(ScorePoint(name, row.pack_id, row.exercise, at, tuple(row.fields)))
    return out
