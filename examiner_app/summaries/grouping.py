"""The same value found in several places, as one group to review: grouped by field and normalised value.

The same date of birth in the form, the passport and the statement is one group with all its sources. Grouping is
a way to review, not a merge: each suggestion keeps its own source, and a group decision (``review.decide_group``)
records one Decision per suggestion, with the same reason, and needs that reason whether the examiner accepts or
rejects (accepting is never easier than rejecting). Only pending suggestions are grouped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from examiner_app.domain import FactField, Suggestion, SuggestionStatus
from examiner_app.summaries.fact_sheet import citation


def value_key(suggestion: Suggestion) -> str:
    """What makes two suggestions "the same value": the normalised value (ISO date, country code ...) when there
    is one, else the text as written; NFKC, case-folded, whitespace collapsed."""
    raw = suggestion.normalized if suggestion.normalized else suggestion.effective_value
    return " ".join(unicodedata.normalize("NFKC", raw).casefold().split())


@dataclass(frozen=True)
class ValueGroup:
    field: FactField
    key: str
    members: tuple[Suggestion, ...]  # in the order of the input (file, page, position)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.members)

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def representative(self) -> Suggestion:
        """The member shown for the group: the most confident reading (ties: the first)."""
        return max(self.members, key=lambda s: s.confidence)

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(citation(s.provenance) for s in self.members)

    @property
    def values_as_written(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.effective_value for s in self.members))


def group_pending(suggestions: Iterable[Suggestion]) -> list[ValueGroup]:
    """Pending suggestions grouped by (field, value key), groups in the order of their first member."""
    groups: dict[tuple[FactField, str], list[Suggestion]] = {}
    for s in suggestions:
        if s.status is not SuggestionStatus.PENDING:
            continue
        groups.setdefault((s.field, value_key(s)), []).append(s)
    return [ValueGroup(field, key, tuple(members)) for (field, key), members in groups.items()]


__all__ = ["ValueGroup", "group_pending", "value_key"]
