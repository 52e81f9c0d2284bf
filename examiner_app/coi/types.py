"""Frozen objects of the COI library, handed to the CLI and the UI (no ORM, no Qt).

Nothing here carries or implies an assessment of an applicant: a search score says how well a
passage matches the words or meaning of a query, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class CoiReport:
    """One report of the library with the metadata a citation needs."""

    id: str
    source: str
    title: str
    country: str  # ISO 3166-1 alpha-2
    published: date
    url: str
    language: str
    file_name: str
    sha256: str
    page_count: int
    passage_count: int
    extra: dict[str, Any] = field(default_factory=dict)
    imported_at: datetime | None = None

    @property
    def fictional(self) -> bool:
        return bool(self.extra.get("fictional"))


@dataclass(frozen=True, slots=True)
class CoiPassage:
    id: int
    document_id: str
    page: int
    paragraph: int
    text: str
    language: str


@dataclass(frozen=True, slots=True)
class CoiHit:
    """A passage found for a query, with everything needed to show and cite it.

    ``score`` is the fused rank score (reciprocal rank fusion, higher is better; only comparable
    within one result list). ``relevance`` is the calibrated meaning similarity (0..1) when the
    embedding engine took part, else None. ``matched_by`` says which searches found it
    ("text", "meaning"). ``superseded_by`` is the newest later report from the same source about
    the same country, if there is one: read that before relying on this one.
    """

    passage: CoiPassage
    report: CoiReport
    score: float
    relevance: float | None
    matched_by: tuple[str, ...]
    citation: str
    age_days: int
    superseded_by: CoiReport | None = None

    @property
    def superseded_warning(self) -> str:
        newer = self.superseded_by
        if newer is None:
            return ""
        return (
            f"Superseded: {newer.source} published a newer report on this country, "
            f"'{newer.title}' ({newer.published.isoformat()}). Check it before citing this one."
        )


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Hits best first. ``mode`` is "hybrid" or "full_text"; ``notice`` explains a fallback."""

    query: str
    hits: tuple[CoiHit, ...]
    mode: str
    notice: str = ""
    filters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExcerptSuggestion:
    """A passage suggested for a case, with the facts whose text found it (pin it or ignore it)."""

    hit: CoiHit
    suggestion_ids: tuple[str, ...]  # facts (suggestions) whose text led here; empty for case-level queries
    queries: tuple[str, ...]
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Pin:
    """An excerpt pinned to a case, or to one fact of it, by a named examiner."""

    id: str
    case_id: str
    suggestion_id: str | None
    fact_label: str
    passage: CoiPassage
    report: CoiReport
    user_id: str
    pinned_at: datetime
    citation: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ImportedReport:
    """What ``coi import`` did with one file."""

    coi_id: str
    file: str
    passages: int
    duplicate: bool
    embedded: int  # passages that got a vector now (0 when the engine is off)
    report: CoiReport | None = None


@dataclass(frozen=True, slots=True)
class LibraryCountry:
    """A country the COI library has reports about (the COI panel's country filter lists these)."""

    code: str  # ISO 3166-1 alpha-2
    name: str  # English short name
    reports: int
    passages: int
