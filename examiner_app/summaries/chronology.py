"""The chronology: dated statements in date order, each with its source.

Built from date suggestions (birth, events, entry, procedural dates) and, for event dates,
the event sentence they sit in when the extractors found one on the same page. Entries keep
their review status so pending suggestions stay visibly unconfirmed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from examiner_app.domain import FactField, Suggestion, SuggestionStatus
from examiner_app.summaries.fact_sheet import citation

DATED_FIELDS = frozenset(
    {
        FactField.DATE_OF_BIRTH,
        FactField.EVENT_DATE,
        FactField.DATE_OF_ENTRY,
        FactField.PROCEDURAL_DATE,
        FactField.DOCUMENT_ISSUE_DATE,
        FactField.DATE,
    }
)


@dataclass(frozen=True)
class ChronologyEntry:
    date: str  # ISO 8601 (may be a year or year-month when that is all the document says)
    field: FactField
    as_written: str
    what: str  # the event sentence, or the field's name when there is none
    status: SuggestionStatus
    citation: str
    suggestion_id: str


def _event_for(date: Suggestion, events: list[Suggestion]) -> Suggestion | None:
    """The event sentence on the same page that contains the date's characters."""
    if date.provenance is None:
        return None
    for event in events:
        p = event.provenance
        if (
            p is not None
            and p.document_id == date.provenance.document_id
            and p.page == date.provenance.page
            and p.start <= date.provenance.start
            and date.provenance.end <= p.end
        ):
            return event
    return None


def build_chronology(suggestions: Iterable[Suggestion]) -> list[ChronologyEntry]:
    kept = [s for s in suggestions if s.status is not SuggestionStatus.REJECTED]
    events = [s for s in kept if s.field is FactField.EVENT]
    entries = []
    for s in kept:
        if s.field not in DATED_FIELDS:
            continue
        date = s.reviewed_value if s.status is SuggestionStatus.EDITED else s.normalized
        if not date:
            continue
        event = _event_for(s, events) if s.field in (FactField.EVENT_DATE, FactField.DATE) else None
        what = event.effective_value if event else s.field.value.replace("_", " ")
        entries.append(ChronologyEntry(date, s.field, s.effective_value, what, s.status, citation(s.provenance), s.id))
    return sorted(entries, key=lambda e: (e.date, e.citation))
