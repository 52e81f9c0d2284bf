"""Possible earlier applications: the same or a similar person name in another case of the store.

A hint to check, never a conclusion. Names are compared with the transliteration-tolerant matcher
(``extraction.facts.name_match``), indexed by sound-alike skeleton and cached per store until names change.
Access rules come from accounts.py: another case the user may not read yields a hint without any detail.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from examiner_app import accounts, audit
from examiner_app.domain import FactField, SuggestionStatus, User, recorded_value
from examiner_app.extraction.facts import name_match
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import DecisionRow, SuggestionRow


def find_hints(store: Store, session: Session, user: User, actor: str, case_id: str) -> EarlierApplicationHints:
    """See ``Workbench.earlier_application_hints``; runs in the caller's session (audited there)."""
    started = time.perf_counter()
    accounts.require_read(session, user, case_id)
    people = _people_index(store, session)
    this = people.by_case.get(case_id, _CasePeople())
    hints: dict[str, EarlierApplicationHint] = {}
    for mention in this.names:
        for other, match in people.index.matches(mention.name, threshold=name_match.WEAK_THRESHOLD):
            if other.case_id == case_id:
                continue
            hint = _hint(mention, other, match, this, people.by_case.get(other.case_id, _CasePeople()))
            if hint is not None and _better(hint, hints.get(other.case_id)):
                hints[other.case_id] = hint
    for mention in this.names:  # a weak name match counts when the date of birth is the same
        for dob in this.birth_dates:
            for other_case in people.cases_by_birth_date.get(dob, ()):
                if other_case == case_id:
                    continue
                for other in people.by_case[other_case].names:
                    match = name_match.compare_names(mention.name, other.name)
                    hint = _hint(mention, other, match, this, people.by_case[other_case])
                    if hint is not None and _better(hint, hints.get(other_case)):
                        hints[other_case] = hint
    other_cases = repo.cases_by_id(session, set(hints))
    shown: list[EarlierApplicationHint] = []
    audited: list[dict[str, object]] = []
    for other_case, hint in hints.items():
        case = other_cases[other_case]
        readable = accounts.can_read(session, user, case)
        shown.append(
            replace(hint, case_title=case.title, case_reference=case.reference)
            if readable
            else _restricted(hint, len(audited) + 1)
        )
        # The log names the other case even when the user may not: a supervisor finds it there.
        audited.append({"case_id": other_case, "score": hint.score, "shown_in_full": readable})
    shown.sort(key=lambda h: (h.restricted, -len(h.supporting), len(h.weakening), -h.score, h.case_id))
    groups = name_match.group_same_person([m.name for m in this.names])
    same_person = tuple(tuple(this.names[i] for i in group) for group in groups)
    audit.record(
        session,
        actor,
        "earlier_application.hints",
        case_id=case_id,
        details={"hints": audited, "same_person_groups": len(same_person)},
    )
    return EarlierApplicationHints(
        case_id,
        tuple(shown),
        same_person,
        cases_compared=len(people.by_case) - (1 if case_id in people.by_case else 0),
        elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
    )


# --- possible earlier applications: data and the cached name index -------------------------------

EARLIER_APPLICATION_NOTICE = (
    "A possible earlier application is a hint to check, never a conclusion: names are compared by how they "
    "sound across spellings and scripts, and different people can share a name."
)


@dataclass(frozen=True)
class PersonMention:
    """A person name as written in one case, with its source (document, page, characters)."""

    case_id: str
    suggestion_id: str
    name: str
    status: str
    document_id: str | None = None
    file_name: str = ""
    page: int | None = None
    start: int | None = None
    end: int | None = None

    @property
    def citation(self) -> str:
        if not self.file_name or self.page is None:
            return "entered by the examiner, no source document"
        return f"{self.file_name}, p. {self.page}, chars {self.start or 0}\u2013{self.end or 0}"


@dataclass(frozen=True)
class EarlierApplicationHint:
    """'Possible earlier application: same or similar name in case X — check.'

    ``restricted`` hints concern a case the user may not read: they carry no name, no source, no case
    title and no case id, only that a possible match exists and whom to ask.
    """

    hint_id: str
    restricted: bool
    this_name: PersonMention
    other_name: PersonMention | None  # None when restricted
    case_id: str  # the other case ("" when restricted)
    case_title: str
    case_reference: str
    score: float  # name similarity 0..1 (0 when restricted)
    strength: str  # "strong" (same or similar name) or "weak" (a part in common, with the same date of birth)
    reason: str  # which name parts matched and how ("" when restricted)
    supporting: tuple[str, ...] = ()  # e.g. "same date of birth: 1990-03-02"
    weakening: tuple[str, ...] = ()  # e.g. "different date of birth: 1990-03-02 here, 1985-01-01 there"
    # The same, structured, for front ends that word it in their own language (all empty when restricted):
    matched_parts: tuple[name_match.TokenMatch, ...] = ()
    only_here: tuple[str, ...] = ()  # name parts of this case's name the other name lacks
    only_there: tuple[str, ...] = ()
    birth_dates_here: tuple[str, ...] = ()
    birth_dates_there: tuple[str, ...] = ()
    nationalities_here: tuple[str, ...] = ()
    nationalities_there: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        if self.restricted:
            return (
                "Possible earlier application: a same or similar name appears in a case you are not assigned to. "
                "Ask your supervisor to check it."
            )
        which = self.case_reference or self.case_title or self.case_id
        return f"Possible earlier application: same or similar name in case {which} — check."


@dataclass(frozen=True)
class EarlierApplicationHints:
    case_id: str
    hints: tuple[EarlierApplicationHint, ...]
    same_person: tuple[tuple[PersonMention, ...], ...]  # spellings in this case that match each other
    cases_compared: int
    elapsed_ms: float
    notice: str = EARLIER_APPLICATION_NOTICE


@dataclass
class _CasePeople:
    names: list[PersonMention] = field(default_factory=list)
    birth_dates: set[str] = field(default_factory=set)
    nationalities: set[str] = field(default_factory=set)


@dataclass
class _PeopleIndex:
    stamp: tuple[object, ...]
    index: name_match.NameIndex[PersonMention]
    by_case: dict[str, _CasePeople]
    cases_by_birth_date: dict[str, set[str]]


_people_cache: weakref.WeakKeyDictionary[Store, _PeopleIndex] = weakref.WeakKeyDictionary()
_people_lock = threading.Lock()
_PEOPLE_FIELDS = (FactField.PERSON_NAME.value, FactField.DATE_OF_BIRTH.value, FactField.NATIONALITY.value)


def _people_stamp(session: Session) -> tuple[object, ...]:
    """What changes when names change: suggestions added or removed, decisions recorded."""
    return repo.change_stamp(
        session,
        func.count(SuggestionRow.id),
        func.max(SuggestionRow.created_at),
        func.count(DecisionRow.id),
        func.max(DecisionRow.decided_at),
    )


def _people_index(store: Store, session: Session) -> _PeopleIndex:
    """Every person name, date of birth and nationality in the store, indexed by name skeleton; cached per
    store until a suggestion or decision changes (10,000 cases load once, then each lookup takes ms)."""
    # With row-level security (PostgreSQL) each user sees other rows: the cache is per user there.
    stamp = (*_people_stamp(session), store.acting_user_id if store.dialect == "postgresql" else None)
    with _people_lock:
        cached = _people_cache.get(store)
        if cached is not None and cached.stamp == stamp:
            return cached
    rows = session.execute(
        select(
            SuggestionRow.case_id,
            SuggestionRow.id,
            SuggestionRow.field,
            SuggestionRow.value,
            SuggestionRow.reviewed_value,
            SuggestionRow.normalized,
            SuggestionRow.status,
            SuggestionRow.document_id,
            SuggestionRow.file_name,
            SuggestionRow.page_number,
            SuggestionRow.span_start,
            SuggestionRow.span_end,
        ).where(SuggestionRow.field.in_(_PEOPLE_FIELDS), SuggestionRow.status != SuggestionStatus.REJECTED.value)
    ).all()
    index: name_match.NameIndex[PersonMention] = name_match.NameIndex()
    by_case: dict[str, _CasePeople] = {}
    by_birth: dict[str, set[str]] = {}
    for r in rows:
        value = recorded_value(r.status, r.value, r.reviewed_value) or ""
        edited = r.status == SuggestionStatus.EDITED.value and r.reviewed_value is not None
        people = by_case.setdefault(r.case_id, _CasePeople())
        if r.field == FactField.PERSON_NAME.value:
            if not name_match.name_tokens(value):
                continue
            mention = PersonMention(
                r.case_id, r.id, value.strip(), r.status, r.document_id, r.file_name, r.page_number, r.span_start,
                r.span_end,
            )  # fmt: skip
            people.names.append(mention)
            index.add(mention, mention.name)
        else:
            normalized = (value if edited else (r.normalized or value)).strip()
            if not normalized:
                continue
            if r.field == FactField.DATE_OF_BIRTH.value:
                people.birth_dates.add(normalized)
                by_birth.setdefault(normalized, set()).add(r.case_id)
            else:
                people.nationalities.add(normalized.upper())
    built = _PeopleIndex(stamp, index, by_case, by_birth)
    with _people_lock:
        _people_cache[store] = built
    return built


def _compare(what: str, here: set[str], there: set[str], supporting: list[str], weakening: list[str]) -> set[str]:
    """Adds "same WHAT" to ``supporting`` or "different WHAT" to ``weakening`` (when both cases record it); returns
    the values they share."""
    same = here & there
    if same:
        supporting.append(f"same {what}: " + ", ".join(sorted(same)))
    elif here and there:
        weakening.append(f"different {what}: {', '.join(sorted(here))} here, {', '.join(sorted(there))} there")
    return same


def _hint(
    mention: PersonMention,
    other: PersonMention,
    match: name_match.NameMatch,
    this: _CasePeople,
    that: _CasePeople,
) -> EarlierApplicationHint | None:
    """A hint for one pair of names, with what strengthens or weakens it; None when it is no hint."""
    supporting: list[str] = []
    weakening: list[str] = []
    same_birth = _compare("date of birth", this.birth_dates, that.birth_dates, supporting, weakening)
    _compare("nationality", this.nationalities, that.nationalities, supporting, weakening)
    if match.strength == "none" or (match.strength == "weak" and not same_birth):
        return None
    return EarlierApplicationHint(
        hint_id=f"{mention.suggestion_id}:{other.suggestion_id}",
        restricted=False,
        this_name=mention,
        other_name=other,
        case_id=other.case_id,
        case_title="",
        case_reference="",
        score=match.score,
        strength=match.strength,
        reason=match.reason,
        supporting=tuple(supporting),
        weakening=tuple(weakening),
        matched_parts=match.pairs,
        only_here=match.only_left,
        only_there=match.only_right,
        birth_dates_here=tuple(sorted(this.birth_dates)),
        birth_dates_there=tuple(sorted(that.birth_dates)),
        nationalities_here=tuple(sorted(this.nationalities)),
        nationalities_there=tuple(sorted(that.nationalities)),
    )


def _better(hint: EarlierApplicationHint, current: EarlierApplicationHint | None) -> bool:
    """One hint per other case: the strongest name match, then the one with more support."""
    if current is None:
        return True
    rank = (hint.strength == "strong", len(hint.supporting) - len(hint.weakening), hint.score)
    return rank > (current.strength == "strong", len(current.supporting) - len(current.weakening), current.score)


def _restricted(hint: EarlierApplicationHint, number: int) -> EarlierApplicationHint:
    """The same hint with everything about the other case removed (the user may not read it)."""
    return EarlierApplicationHint(
        hint_id=f"{hint.this_name.suggestion_id}:restricted-{number}",
        restricted=True,
        this_name=hint.this_name,
        other_name=None,
        case_id="",
        case_title="",
        case_reference="",
        score=0.0,
        strength=hint.strength,
        reason="",
    )
