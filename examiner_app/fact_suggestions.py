"""Fact candidates of a page turned into pending suggestions, with provenance down to the OCR word boxes.

Apart from the import pipeline (which stores them) so that ``examiner-app extract``, which stores nothing, does not
import the store and SQLAlchemy (~0.7 s of its start-up).
"""

from __future__ import annotations

from collections.abc import Sequence

from examiner_app.domain import Document, PageText, Provenance, Suggestion, SuggestionStatus
from examiner_app.extraction.facts import extract_facts
from examiner_app.extraction.facts.base import FactExtractor

#: A fact read from a word below this OCR confidence is suggested with a note and ``("ocr", "low_confidence")``
#: (the UI's threshold for marking low-confidence words, ``ui.qt_models.LOW_CONFIDENCE``, is the same 0.6).
LOW_OCR_CONFIDENCE = 0.6


def suggestions_for_page(document: Document, page: PageText, extractors: Sequence[FactExtractor]) -> list[Suggestion]:
    """Fact candidates of one page as pending suggestions, with provenance down to the OCR word boxes."""
    result: list[Suggestion] = []
    for candidate in extract_facts(page, extractors):
        ocr_confidence = page.confidence_for_span(candidate.start, candidate.end)
        # A fact is no surer than the words it was read from: show the combined figure.
        confidence = candidate.confidence * (ocr_confidence if ocr_confidence is not None else 1.0)
        provenance = Provenance(
            document_id=document.id,
            file_name=document.file_name,
            page=page.page_number,
            start=candidate.start,
            end=candidate.end,
            bboxes=page.boxes_for_span(candidate.start, candidate.end),
            model=candidate.model,
            ocr_confidence=ocr_confidence,
        )
        note, attributes = candidate.note, candidate.attributes
        if ocr_confidence is not None and ocr_confidence < LOW_OCR_CONFIDENCE:
            # kept, not dropped: a doubtful reading the examiner checks beats a fact nobody is pointed to
            note = f"{note}; read from unclear OCR words ({ocr_confidence:.0%}): check the page image".lstrip("; ")
            attributes = (*attributes, ("ocr", "low_confidence"))
        result.append(
            Suggestion(
                id="",
                case_id=document.case_id,
                field=candidate.field,
                value=candidate.value,
                normalized=candidate.normalized,
                confidence=round(confidence, 4),
                provenance=provenance,
                status=SuggestionStatus.PENDING,
                note=note,
                attributes=attributes,
            )
        )
    return result
