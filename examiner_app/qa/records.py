"""What examiners did, one record per decided suggestion, with the strata it belongs to.

A suggestion's outcome is its **latest** accept / edit / reject decision in the period (a changed decision
counts once, as it ended); a fact the examiner added by hand (``add``) is an engine's visible miss. An edit
that only changes the form of the value (the same date written in another calendar or format, the same
name transliterated or spelled another way, as ``extraction.facts.dates`` and ``name_match`` judge it, or
only case and spacing) is a *form edit*, counted apart from substantive edits.

Strata (any subset): ``field``, ``language`` (the page's first detected language), ``script`` (of the
suggested value's letters), ``ocr_band`` (the OCR confidence of the words; ``text`` for exact text layers),
``document_type`` (pdf, image, text), ``engine`` (``engine/model@version``), ``week`` (ISO week of the
decision) and ``examiner`` (the deciding user's id, for rubber-stamping checks; never shown by default).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from examiner_app.domain import DecisionAction
from examiner_app.errors import QualityReviewError
from examiner_app.extraction.facts.dates import find_dates
from examiner_app.extraction.facts.name_match import MATCH_THRESHOLD, compare_names
from examiner_app.extraction.scripts import detect_scripts
from examiner_app.store.orm import CaseRow, DecisionRow, DocumentRow, PageRow, SuggestionRow

DIMENSIONS = ("field", "language", "script", "ocr_band", "document_type", "engine", "week", "examiner")
DATE_FIELDS = frozenset(
    {"date_of_birth", "event_date", "date_of_entry", "document_issue_date", "procedural_date", "date"}
)
NAME_FIELDS = frozenset({"person_name", "family_member"})
MANUAL_ENGINE = "examiner"
NONE_LABEL = "(none)"


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One decided (or examiner-added) suggestion and the strata it belongs to."""

    suggestion_id: str
    decision_id: str
    case_id: str
    document_id: str | None
    page: int | None
    action: DecisionAction  # accept | edit | reject | add
    form_edit: bool
    confidence: float | None  # the engine's; None for added facts
    user_id: str
    decided_at: datetime
    strata: tuple[tuple[str, str], ...]

    def stratum(self, dims: Sequence[str]) -> tuple[str, ...]:
        values = dict(self.strata)
        return tuple(values.get(d, NONE_LABEL) for d in dims)

    @property
    def correct(self) -> bool:
        """The examiner kept the suggestion: accepted, or edited only in form."""
        return self.action is DecisionAction.ACCEPT or (self.action is DecisionAction.EDIT and self.form_edit)


def check_dimensions(dims: Iterable[str]) -> tuple[str, ...]:
    out = tuple(d.strip() for d in dims if d.strip())
    unknown = [d for d in out if d not in DIMENSIONS]
    if unknown:
        raise QualityReviewError(f"Unknown stratum {', '.join(unknown)}: use any of {', '.join(DIMENSIONS)}.")
    if len(set(out)) != len(out):
        raise QualityReviewError("Name each stratum once in --by.")
    return out


def ocr_band(confidence: float | None) -> str:
    """Bands of the OCR confidence of a fact's weakest word; ``text`` when read from an exact text layer."""
    if confidence is None:
        return "text"
    if confidence < 0.5:
        return "<0.50"
    if confidence < 0.7:
        return "0.50-0.70"
    if confidence < 0.9:
        return "0.70-0.90"
    return ">=0.90"


def document_type(mime_type: str | None) -> str:
    mime = (mime_type or "").lower()
    if mime == "application/pdf":
        return "pdf"
    if mime.startswith("image/"):
        return "image"
    if mime.startswith("text/"):
        return "text"
    return mime or NONE_LABEL


@lru_cache(maxsize=65536)
def value_script(value: str) -> str:
    scripts = detect_scripts(value)
    return next(iter(scripts)).lower() if scripts else NONE_LABEL


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=65536)
def _single_date(text: str) -> str | None:
    found = find_dates(text)
    return found[0].normalized if len(found) == 1 else None


@lru_cache(maxsize=131072)
def is_form_edit(field: str, before: str | None, after: str | None) -> bool:
    """Does an edit only change how the value is written, not what it says?"""
    if before is None or after is None:
        return False
    a, b = _fold(before), _fold(after)
    if not a or not b:
        return False
    if a == b:
        return True
    if field in DATE_FIELDS:
        da, db = _single_date(before), _single_date(after)
        return da is not None and da == db
    if field in NAME_FIELDS:
        match = compare_names(before, after)
        return match.score >= MATCH_THRESHOLD and not match.only_left and not match.only_right and bool(match.pairs)
    return False


def _week(at: datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


def _bounds(date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    start = datetime.combine(date_from, time.min, tzinfo=UTC) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC) if date_to else None  # --to is inclusive
    return start, end


def load_records(
    session: Session,
    *,
    dims: Sequence[str] = DIMENSIONS,
    date_from: date | None = None,
    date_to: date | None = None,
    include_anonymized: bool = False,
) -> list[DecisionRecord]:
    """Every suggestion's latest decision in the period, and every examiner-added fact, with its strata.

    Only the strata in ``dims`` are computed (the script of 100,000 values is not free). Cases marked
    anonymized (training copies) are left out unless ``include_anonymized``.
    """
    dims = check_dimensions(dims)
    query = (
        select(
            DecisionRow.id,
            DecisionRow.suggestion_id,
            DecisionRow.user_id,
            DecisionRow.action,
            DecisionRow.value_before,
            DecisionRow.value_after,
            DecisionRow.decided_at,
            SuggestionRow.case_id,
            SuggestionRow.document_id,
            SuggestionRow.page_number,
            SuggestionRow.field,
            SuggestionRow.value,
            SuggestionRow.confidence,
            SuggestionRow.ocr_confidence,
            SuggestionRow.engine,
            SuggestionRow.model,
            SuggestionRow.model_version,
            DocumentRow.mime_type,
        )
        .join(SuggestionRow, SuggestionRow.id == DecisionRow.suggestion_id)
        .join(CaseRow, CaseRow.id == SuggestionRow.case_id)
        .outerjoin(DocumentRow, DocumentRow.id == SuggestionRow.document_id)
        .order_by(DecisionRow.decided_at, DecisionRow.id)
    )
    start, end = _bounds(date_from, date_to)
    if start is not None:
        query = query.where(DecisionRow.decided_at >= start)
    if end is not None:
        query = query.where(DecisionRow.decided_at < end)
    if not include_anonymized:
        query = query.where(CaseRow.anonymized.is_(False))
    latest: dict[str, tuple[object, ...]] = {}
    added: list[tuple[object, ...]] = []
    for row in session.execute(query):
        if row.action == DecisionAction.ADD.value:
            added.append(tuple(row))
        else:
            latest[row.suggestion_id] = tuple(row)  # ordered by time: the last one wins
    languages = _page_languages(session, [*latest.values(), *added]) if "language" in dims else {}
    records = [_record(r, dims, languages) for r in latest.values()]
    records.extend(_record(r, dims, languages) for r in added)
    return records


def _page_languages(session: Session, rows: Sequence[tuple[object, ...]]) -> dict[tuple[str, int], str]:
    documents = {str(r[8]) for r in rows if r[8] is not None}
    out: dict[tuple[str, int], str] = {}
    ids = sorted(documents)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        query = select(PageRow.document_id, PageRow.page_number, PageRow.languages).where(
            PageRow.document_id.in_(chunk)
        )
        for document_id, page_number, guesses in session.execute(query):
            out[(document_id, page_number)] = str(guesses[0][0]) if guesses else "und"
    return out


def _record(row: tuple[object, ...], dims: Sequence[str], languages: dict[tuple[str, int], str]) -> DecisionRecord:
    (
        decision_id,
        suggestion_id,
        user_id,
        action,
        before,
        after,
        decided_at,
        case_id,
        document_id,
        page,
        field,
        value,
        confidence,
        ocr_confidence,
        engine,
        model,
        model_version,
        mime,
    ) = row
    act = DecisionAction(str(action))
    manual = act is DecisionAction.ADD or engine == MANUAL_ENGINE
    strata: list[tuple[str, str]] = []
    for dim in dims:
        if dim == "field":
            label = str(field)
        elif dim == "language":
            label = languages.get((str(document_id), int(page)), "und") if document_id and page else "und"  # type: ignore[call-overload]
        elif dim == "script":
            label = value_script(str(value))
        elif dim == "ocr_band":
            label = ocr_band(ocr_confidence)  # type: ignore[arg-type]
        elif dim == "document_type":
            label = document_type(mime)  # type: ignore[arg-type]
        elif dim == "engine":
            label = NONE_LABEL if manual else f"{engine}/{model}@{model_version}"
        elif dim == "week":
            label = _week(decided_at)  # type: ignore[arg-type]
        else:
            label = str(user_id)
        strata.append((dim, label))
    return DecisionRecord(
        suggestion_id=str(suggestion_id),
        decision_id=str(decision_id),
        case_id=str(case_id),
        document_id=None if document_id is None else str(document_id),
        page=None if page is None else int(page),  # type: ignore[call-overload]
        action=act,
        form_edit=act is DecisionAction.EDIT and is_form_edit(str(field), before, after),
        confidence=None if manual else float(confidence),  # type: ignore[arg-type]
        user_id=str(user_id),
        decided_at=decided_at,  # type: ignore[arg-type]
        strata=tuple(strata),
    )
