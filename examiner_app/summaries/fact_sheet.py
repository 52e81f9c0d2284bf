"""The fact sheet: what the documents say, field by field, each line cited.

Recorded findings (accepted or edited by an examiner) come first; pending suggestions follow,
marked as such; rejected suggestions are left out. When the documents give different values
for one field, the group is flagged as a conflict and every value is shown with its source:
nothing is merged or chosen silently. No scores, no adjectives about the applicant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from examiner_app.domain import FactField, Provenance, Suggestion, SuggestionStatus

# The order an examiner reads a claim in: who, from where, what happened, how they came.
FIELD_ORDER: tuple[FactField, ...] = (
    FactField.PERSON_NAME,
    FactField.DATE_OF_BIRTH,
    FactField.NATIONALITY,
    FactField.COUNTRY_OF_ORIGIN,
    FactField.ETHNICITY,
    FactField.RELIGION,
    FactField.LANGUAGE_SPOKEN,
    FactField.FAMILY_MEMBER,
    FactField.DOCUMENT_NUMBER,
    FactField.DOCUMENT_ISSUE_DATE,
    FactField.CLAIMED_GROUND,
    FactField.AGENT_OF_PERSECUTION,
    FactField.EVENT,
    FactField.EVENT_DATE,
    FactField.PLACE,
    FactField.TRAVEL_ROUTE,
    FactField.DATE_OF_ENTRY,
    FactField.PORT_OF_ENTRY,
    FactField.PRIOR_APPLICATION,
    FactField.PROCEDURAL_DATE,
    FactField.DATE,
)

# Fields a person has one value of: two different values are a conflict worth showing. Person names are not
# among them: a case names many people (the applicant, relatives, officials); two spellings of one person's
# name are a conflict, judged by the ``same_person`` matcher given to build_fact_sheet.
SINGLE_VALUED = frozenset(
    {
        FactField.DATE_OF_BIRTH,
        FactField.NATIONALITY,
        FactField.COUNTRY_OF_ORIGIN,
        FactField.DATE_OF_ENTRY,
        FactField.PORT_OF_ENTRY,
    }
)


def citation(provenance: Provenance | None) -> str:
    """``statement.png, p. 2, chars 120–141`` — enough to find the words again."""
    if provenance is None:
        return "entered by the examiner, no source document"
    return f"{provenance.file_name}, p. {provenance.page}, chars {provenance.start}\u2013{provenance.end}"


@dataclass(frozen=True)
class SheetLine:
    suggestion_id: str
    field: FactField
    value: str  # the examiner's value when edited, else as written
    normalized: str | None
    status: SuggestionStatus
    confidence: float
    citation: str
    model: str
    provenance: Provenance | None

    @property
    def is_finding(self) -> bool:
        return self.status in (SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED)


@dataclass(frozen=True)
class FieldGroup:
    field: FactField
    lines: tuple[SheetLine, ...]
    conflict: bool  # different values for a single-valued field; all are shown


@dataclass(frozen=True)
class FactSheet:
    groups: tuple[FieldGroup, ...]
    findings: int
    pending: int

    @property
    def conflicts(self) -> tuple[FieldGroup, ...]:
        return tuple(g for g in self.groups if g.conflict)


def _key(line: SheetLine) -> str:
    return (line.normalized or line.value).casefold().strip()


def _spellings_differ(lines: list[SheetLine], same_person: Callable[[str, str], bool]) -> bool:
    """Do two different values look like one person's name written two ways (Mohammad / Muhammad / محمد)?"""
    values = list({_key(ln): ln.value for ln in lines}.values())
    return any(same_person(a, b) for i, a in enumerate(values) for b in values[i + 1 :])


def build_fact_sheet(
    suggestions: Iterable[Suggestion], same_person: Callable[[str, str], bool] | None = None
) -> FactSheet:
    """The sheet of ``suggestions``; ``same_person`` (a name matcher) lets differing spellings of one person's
    name count as a conflict. Without it, person names are listed and never flagged."""
    by_field: dict[FactField, list[SheetLine]] = {}
    for s in suggestions:
        if s.status is SuggestionStatus.REJECTED:
            continue
        line = SheetLine(
            suggestion_id=s.id,
            field=s.field,
            value=s.effective_value,
            normalized=s.reviewed_value if s.status is SuggestionStatus.EDITED else s.normalized,
            status=s.status,
            confidence=s.confidence,
            citation=citation(s.provenance),
            model=str(s.provenance.model) if s.provenance else "examiner",
            provenance=s.provenance,
        )
        by_field.setdefault(s.field, []).append(line)
    groups = []
    order = {f: i for i, f in enumerate(FIELD_ORDER)}
    for field in sorted(by_field, key=lambda f: order.get(f, len(order))):
        lines = sorted(by_field[field], key=lambda ln: (not ln.is_finding, -ln.confidence, ln.citation))
        findings = [ln for ln in lines if ln.is_finding]
        # Once an examiner recorded a value, conflicts are judged among findings; before that, among all.
        considered = findings or lines
        if field is FactField.PERSON_NAME:
            conflict = same_person is not None and _spellings_differ(considered, same_person)
        else:
            conflict = field in SINGLE_VALUED and len({_key(ln) for ln in considered}) > 1
        groups.append(FieldGroup(field, tuple(lines), conflict))
    findings_count = sum(1 for g in groups for ln in g.lines if ln.is_finding)
    pending = sum(1 for g in groups for ln in g.lines if ln.status is SuggestionStatus.PENDING)
    return FactSheet(tuple(groups), findings_count, pending)
