"""Plain, frozen domain objects shared by every layer. No ORM, no Qt.

Coordinates: page images are measured in pixels of the image the words were read from
(for a PDF text layer, PDF points scaled to the rendered page image at ``PageText.dpi``),
origin top-left. Character spans are offsets into ``PageText.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class DocumentStatus(StrEnum):
    """Where a document stands in the pipeline. Stages run in this order; each is saved."""

    IMPORTED = "imported"  # original stored, nothing read yet
    TEXT_EXTRACTED = "text_extracted"  # pages and OCR saved
    LANGUAGES_DETECTED = "languages_detected"
    DONE = "done"  # suggestions generated
    # Terminal failure states: exactly one per failed file; the rest of the case is kept.
    FAILED = "failed"
    UNSUPPORTED = "unsupported"
    ENCRYPTED = "encrypted"
    MALFORMED = "malformed"
    TOO_LARGE = "too_large"
    TIMED_OUT = "timed_out"
    OUT_OF_MEMORY = "out_of_memory"
    CANCELLED = "cancelled"

    @property
    def is_failure(self) -> bool:
        return self in _FAILURES

    @property
    def is_finished(self) -> bool:
        return self is DocumentStatus.DONE or self.is_failure


_FAILURES = frozenset(
    {
        DocumentStatus.FAILED,
        DocumentStatus.UNSUPPORTED,
        DocumentStatus.ENCRYPTED,
        DocumentStatus.MALFORMED,
        DocumentStatus.TOO_LARGE,
        DocumentStatus.TIMED_OUT,
        DocumentStatus.OUT_OF_MEMORY,
    }
)


class PageSource(StrEnum):
    TEXT_LAYER = "text-layer"
    OCR = "ocr"
    PLAIN_TEXT = "plain-text"


class SuggestionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    EDITED = "edited"
    REJECTED = "rejected"


class DecisionAction(StrEnum):
    ACCEPT = "accept"
    EDIT = "edit"
    REJECT = "reject"
    ADD = "add"  # a fact the examiner recorded by hand


class Role(StrEnum):
    EXAMINER = "examiner"
    REVIEWER = "reviewer"
    TRAINER = "trainer"
    ADMIN = "admin"


class FactField(StrEnum):
    """Field names of ../shared/CLI.md; a stable contract."""

    PERSON_NAME = "person_name"
    DATE_OF_BIRTH = "date_of_birth"
    NATIONALITY = "nationality"
    COUNTRY_OF_ORIGIN = "country_of_origin"
    ETHNICITY = "ethnicity"
    RELIGION = "religion"
    LANGUAGE_SPOKEN = "language_spoken"
    PLACE = "place"
    DATE = "date"  # a date whose role the context does not tell
    EVENT_DATE = "event_date"
    EVENT = "event"
    DATE_OF_ENTRY = "date_of_entry"
    PORT_OF_ENTRY = "port_of_entry"
    TRAVEL_ROUTE = "travel_route"
    DOCUMENT_NUMBER = "document_number"
    DOCUMENT_ISSUE_DATE = "document_issue_date"
    PROCEDURAL_DATE = "procedural_date"
    PRIOR_APPLICATION = "prior_application"
    FAMILY_MEMBER = "family_member"
    CLAIMED_GROUND = "claimed_ground"
    AGENT_OF_PERSECUTION = "agent_of_persecution"


@dataclass(frozen=True, slots=True)
class BBox:
    """An axis-aligned box in page-image pixels, origin top-left."""

    x0: int
    y0: int
    x1: int
    y1: int

    def union(self, other: BBox) -> BBox:
        return BBox(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def as_list(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]

    def __reduce__(self) -> tuple[type[BBox], tuple[int, int, int, int]]:
        # Pages cross from the reader processes by pickle: rebuilding by the constructor is ~4x faster than the
        # generic state restore of frozen slotted dataclasses (thousands of words a page).
        return (BBox, (self.x0, self.y0, self.x1, self.y1))

    @staticmethod
    def enclosing(boxes: Iterable[BBox]) -> BBox | None:
        result: BBox | None = None
        for box in boxes:
            result = box if result is None else result.union(box)
        return result


@dataclass(frozen=True, slots=True)
class Word:
    """One word as read from the page: its span in the page text and its box on the image.

    ``confidence`` is 0..1 (Tesseract's 0..100 scaled); ``None`` for text layers, which are
    exact. ``block`` and ``line`` number Tesseract's layout units (0 for text layers).
    """

    text: str
    start: int
    end: int
    bbox: BBox | None
    confidence: float | None = None
    block: int = 0
    line: int = 0

    def __reduce__(self) -> tuple[type[Word], tuple[Any, ...]]:
        # See BBox.__reduce__: the reader sends every word of every page through pickle.
        return (Word, (self.text, self.start, self.end, self.bbox, self.confidence, self.block, self.line))


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """ISO 639-1 code where one exists, else 639-3 (``ckb``, ``kmr``, ``prs``); ``und`` if unsure."""

    code: str
    confidence: float


UNDETERMINED = "und"


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block of a page (a paragraph or form region) with its own language guesses."""

    start: int
    end: int
    bbox: BBox | None
    languages: tuple[LanguageGuess, ...] = ()


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of one page and everything needed to cite it."""

    page_number: int  # 1-based
    text: str
    words: tuple[Word, ...] = ()
    source: PageSource = PageSource.OCR
    mean_confidence: float | None = None  # 0..1; None for text layers
    rotation: int = 0  # degrees the image was rotated before reading
    width: int = 0  # page image size in pixels
    height: int = 0
    dpi: int = 300
    languages: tuple[LanguageGuess, ...] = ()
    blocks: tuple[TextBlock, ...] = ()
    ocr_languages: str = ""  # Tesseract language string used, e.g. "eng+ara"
    engine: str = ""  # e.g. "tesseract@5.3.0", "pdfplumber@0.11.10"

    def words_in_span(self, start: int, end: int) -> tuple[Word, ...]:
        """Words that overlap the character span [start, end)."""
        return tuple(w for w in self.words if w.start < end and w.end > start)

    def boxes_for_span(self, start: int, end: int) -> tuple[BBox, ...]:
        return tuple(w.bbox for w in self.words_in_span(start, end) if w.bbox is not None)

    def confidence_for_span(self, start: int, end: int) -> float | None:
        """Lowest OCR confidence of the words in the span: a fact is as sure as its weakest word."""
        values = [w.confidence for w in self.words_in_span(start, end) if w.confidence is not None]
        return min(values) if values else None


@dataclass(frozen=True, slots=True)
class ModelRef:
    """Which engine and model produced something, with the version, for provenance."""

    engine: str  # e.g. "rules", "spacy", "transformers"
    model: str  # e.g. "dates", "en_core_web_sm"
    version: str

    def __str__(self) -> str:
        return f"{self.engine}/{self.model}@{self.version}"


@dataclass(frozen=True, slots=True)
class FactCandidate:
    """What an extractor found on one page, before it is stored.

    ``start``/``end`` index the page text. ``value`` is the text as written;
    ``normalized`` is ISO 8601 for dates, ISO 3166-1 alpha-2 for countries, a canonical
    name or ground for others. ``confidence`` is the extractor's own (0..1); the pipeline
    combines it with the OCR confidence of the words.
    """

    field: FactField
    value: str
    normalized: str | None
    start: int
    end: int
    confidence: float
    model: ModelRef
    note: str = ""  # why: e.g. "date near 'born'"; shown to the examiner
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. (("calendar", "hijri"),)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact came from: document, page, characters, boxes, and which model read it."""

    document_id: str
    file_name: str
    page: int
    start: int
    end: int
    bboxes: tuple[BBox, ...]
    model: ModelRef
    ocr_confidence: float | None = None

    @property
    def bbox(self) -> BBox | None:
        return BBox.enclosing(self.bboxes)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A stored fact suggestion. It becomes a finding only through review.py."""

    id: str
    case_id: str
    field: FactField
    value: str
    normalized: str | None
    confidence: float
    provenance: Provenance | None  # None only for facts added by hand without a source
    status: SuggestionStatus
    note: str = ""
    reviewed_value: str | None = None  # the examiner's value after an edit
    attributes: tuple[tuple[str, str], ...] = ()
    version: int = 1  # bumped by every decision; a decision made on an older version is refused (review.py)

    @property
    def effective_value(self) -> str:
        return self.reviewed_value if self.reviewed_value is not None else self.value


def recorded_value(status: SuggestionStatus | str, value: str, reviewed_value: str | None) -> str:
    """The value a stored fact stands for: the examiner's edit when it was edited, else the value suggested."""
    edited = SuggestionStatus(status) is SuggestionStatus.EDITED
    return reviewed_value if edited and reviewed_value is not None else value


@dataclass(frozen=True, slots=True)
class User:
    id: str
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    title: str
    created_at: datetime
    reference: str = ""
    anonymized: bool = False
    document_count: int = 0
    pending_count: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    case_id: str
    file_name: str
    sha256: str
    size: int
    mime_type: str
    status: DocumentStatus
    error: str = ""
    page_count: int = 0
    imported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    suggestion_id: str
    user_id: str
    action: DecisionAction
    value_before: str | None
    value_after: str | None
    reason: str
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str  # user id, or "system"
    action: str  # e.g. "case.create", "suggestion.accept"
    case_id: str | None
    subject: str | None  # the object acted on (document id, suggestion id, ...)
    details: dict[str, object] = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""


def languages_label(guesses: Sequence[LanguageGuess]) -> str:
    """``"ar 0.97, en 0.40"``: compact, for logs and the CLI."""
    return ", ".join(f"{g.code} {g.confidence:.2f}" for g in guesses)
