"""What is new in a repeat application: the earlier case's recorded findings beside this one's, as a diff.

For a case whose earlier application an examiner confirmed (``casework.record_link``; a hint alone never counts),
side by side: facts that are new, changed or the same, facts only in the earlier file, documents that were not in
the earlier file (by SHA-256, so a renamed copy is not "new"), and COI published after the earlier decision (from the
date an examiner confirmed). Every line cites its source in both files. It is a diff, never a verdict: whether
anything amounts to "materials showing reasonable grounds" is the examiner's question, and nothing here answers it.

Only findings (accepted or edited facts) are compared: a suggestion nobody confirmed is not yet part of either file.
Pure and store-free; ``services.Workbench.repeat_comparison`` gathers the inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from examiner_app.domain import Document, FactField, Suggestion, SuggestionStatus
from examiner_app.summaries.evidence import CoiCitation
from examiner_app.summaries.fact_sheet import FIELD_ORDER, SINGLE_VALUED, citation
from examiner_app.summaries.grouping import value_key

# Fields a person has one value of: a different value is "changed". Others (events, places, relatives ...) are
# lists: a value is new, or the same, or only in the earlier file.
CHANGEABLE = SINGLE_VALUED | {FactField.DATE_OF_BIRTH, FactField.ETHNICITY, FactField.RELIGION}


class Change(StrEnum):
    NEW = "new"  # only in this application
    CHANGED = "changed"  # a one-value field with another value now
    SAME = "same"  # the same value in both
    EARLIER_ONLY = "earlier_only"  # in the earlier file, not (or not yet) recorded in this one


@dataclass(frozen=True)
class FactLine:
    value: str
    key: str
    suggestion_id: str
    citation: str


@dataclass(frozen=True)
class FactChange:
    field: FactField
    change: Change
    current: tuple[FactLine, ...]  # this application's findings for the value (empty for EARLIER_ONLY)
    earlier: tuple[FactLine, ...]  # the earlier file's (empty for NEW)


@dataclass(frozen=True)
class NewDocument:
    document_id: str
    file_name: str
    sha256: str


@dataclass(frozen=True)
class RepeatComparison:
    case_id: str
    earlier_case_id: str
    earlier_title: str
    facts: tuple[FactChange, ...]
    new_documents: tuple[NewDocument, ...]
    same_documents: tuple[NewDocument, ...]  # documents this file shares with the earlier one (same SHA-256)
    coi_since: tuple[CoiCitation, ...]  # pinned COI published after the earlier decision
    earlier_decision: date | None  # as an examiner confirmed it; None when not confirmed
    coi_undated: tuple[CoiCitation, ...] = ()  # pinned COI without a date, or all pins when no decision date

    def of(self, change: Change) -> tuple[FactChange, ...]:
        return tuple(f for f in self.facts if f.change is change)


def _findings(suggestions: Iterable[Suggestion]) -> dict[FactField, dict[str, list[FactLine]]]:
    by_field: dict[FactField, dict[str, list[FactLine]]] = {}
    for s in suggestions:
        if s.status not in (SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED):
            continue
        edited = s.status is SuggestionStatus.EDITED and s.reviewed_value is not None
        # An edited fact stands for the examiner's value; the suggestion's normalised form no longer applies.
        key = value_key(replace(s, normalized=None)) if edited else value_key(s)
        line = FactLine(s.effective_value, key, s.id, citation(s.provenance))
        by_field.setdefault(s.field, {}).setdefault(key, []).append(line)
    return by_field


def compare(
    case_id: str,
    current: Iterable[Suggestion],
    earlier_case_id: str,
    earlier: Iterable[Suggestion],
    *,
    earlier_title: str = "",
    current_documents: Sequence[Document] = (),
    earlier_documents: Sequence[Document] = (),
    pins: Sequence[CoiCitation] = (),
    earlier_decision: date | None = None,
) -> RepeatComparison:
    """The diff of this application's findings against the earlier one's (see the module docstring)."""
    now, before = _findings(current), _findings(earlier)
    order = {f: i for i, f in enumerate(FIELD_ORDER)}
    changes: list[FactChange] = []
    for field in sorted(set(now) | set(before), key=lambda f: order.get(f, len(order))):
        here, there = now.get(field, {}), before.get(field, {})
        same = [k for k in here if k in there]
        only_here = [k for k in here if k not in there]
        only_there = [k for k in there if k not in here]
        for key in same:
            changes.append(FactChange(field, Change.SAME, tuple(here[key]), tuple(there[key])))
        if field in CHANGEABLE and only_here and only_there:
            changes.append(
                FactChange(
                    field,
                    Change.CHANGED,
                    tuple(line for k in only_here for line in here[k]),
                    tuple(line for k in only_there for line in there[k]),
                )
            )
            continue
        for key in only_here:
            changes.append(FactChange(field, Change.NEW, tuple(here[key]), ()))
        for key in only_there:
            changes.append(FactChange(field, Change.EARLIER_ONLY, (), tuple(there[key])))
    earlier_hashes = {d.sha256 for d in earlier_documents}
    new_docs = tuple(
        NewDocument(d.id, d.file_name, d.sha256) for d in current_documents if d.sha256 not in earlier_hashes
    )
    same_docs = tuple(NewDocument(d.id, d.file_name, d.sha256) for d in current_documents if d.sha256 in earlier_hashes)
    if earlier_decision is None:
        since: tuple[CoiCitation, ...] = ()
        undated = tuple(pins)
    else:
        since = tuple(p for p in pins if p.published is not None and p.published > earlier_decision)
        undated = tuple(p for p in pins if p.published is None)
    return RepeatComparison(
        case_id, earlier_case_id, earlier_title, tuple(changes), new_docs, same_docs, since, earlier_decision, undated
    )


__all__ = ["CHANGEABLE", "Change", "FactChange", "FactLine", "NewDocument", "RepeatComparison", "compare"]
