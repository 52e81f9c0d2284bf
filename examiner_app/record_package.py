"""The record package: what the tool showed, what the examiner decided and why, the COI relied on, the reasoning per
element, as one JSON document (and, from the desktop app, the same as a PDF), for supervisors, appeal counsellors
and courts. Its SHA-256 goes into the audit log with the export, so a copy can later be checked against the log.

Built in one read transaction; canonical JSON (sorted keys, UTF-8 kept) so the hash is reproducible.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from examiner_app import accounts, casework
from examiner_app.domain import User
from examiner_app.store import repositories as repo
from examiner_app.summaries.evidence import build_evidence, classify_document

PACKAGE_VERSION = 1


def _when(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    return value.isoformat()


def build_package(session: Session, user: User | None, case_id: str, generated_at: datetime) -> dict[str, Any]:
    """The package as a JSON-ready dict (see the module docstring)."""
    case = accounts.require_read(session, user, case_id)
    documents = repo.list_documents(session, case_id)
    suggestions = repo.list_suggestions(session, case_id)
    decisions = repo.list_decisions(session, case_id)
    names = {u.id: u.name for u in repo.list_users(session)}
    texts = casework.page_texts(session, case_id)
    pins = casework.coi_citations(session, case_id)
    reasoning = casework.current_reasoning(session, case_id)
    classes = {d.id: classify_document(d.file_name, texts.get((d.id, 1), "")) for d in documents}
    view = build_evidence(suggestions, documents=classes, page_texts=texts, pins=pins, reasoning=reasoning)
    dates = casework.confirmed_dates(session, case_id)
    return {
        "version": PACKAGE_VERSION,
        "generated_at": _when(generated_at),
        "generated_by": user.name if user else None,
        "notice": (
            "What the software showed and what the examiner recorded, each with its source. The software assesses "
            "neither credibility nor the outcome; the reasoning per element is the examiner's own."
        ),
        "case": {"id": case.id, "title": case.title, "reference": case.reference},
        "documents": [
            {
                "id": d.id,
                "file": d.file_name,
                "sha256": d.sha256,
                "status": d.status.value,
                "pages": d.page_count,
                "kind": classes[d.id].kind.value,
                "evidence": classes[d.id].evidence.value,
                "kind_basis": classes[d.id].basis,
            }
            for d in documents
        ],  # fmt: skip
        "shown": [
            {
                "suggestion_id": s.id,
                "field": s.field.value,
                "value": s.value,
                "normalized": s.normalized,
                "confidence": round(s.confidence, 4),
                "status": s.status.value,
                "recorded_value": s.effective_value,
                "source": {
                    "document_id": s.provenance.document_id,
                    "file": s.provenance.file_name,
                    "page": s.provenance.page,
                    "start": s.provenance.start,
                    "end": s.provenance.end,
                }
                if s.provenance
                else None,
                "model": str(s.provenance.model) if s.provenance else "examiner",
                "note": s.note,
            }
            for s in suggestions
        ],  # fmt: skip
        "decisions": [
            {
                "id": d.id,
                "suggestion_id": d.suggestion_id,
                "action": d.action.value,
                "by": names.get(d.user_id, d.user_id),
                "value_before": d.value_before,
                "value_after": d.value_after,
                "reason": d.reason,
                "at": _when(d.decided_at),
            }
            for d in decisions
        ],  # fmt: skip
        "coi_relied_on": [
            {
                "pin_id": p.pin_id,
                "publisher": p.publisher,
                "title": p.title,
                "published": _when(p.published),
                "version_sha256": p.version,
                "citation": p.citation,
                "excerpt": p.excerpt,
                "pinned_to": p.suggestion_id,
                "note": p.note,
            }
            for p in pins
        ],  # fmt: skip
        "elements": [
            {
                "element": e.element.value,
                "title": e.title,
                "evidence": [
                    {
                        "suggestion_id": i.suggestion_id,
                        "pin_id": i.coi.pin_id if i.coi else None,
                        "kind": i.kind.value,
                        "why": i.why,
                        "citation": i.citation,
                    }
                    for i in e.items
                ],
                "empty": e.empty_text if e.empty else None,
                "reasoning": {
                    "text": e.reasoning.text,
                    "by": e.reasoning.user_name,
                    "at": _when(e.reasoning.written_at),
                }
                if e.reasoning
                else None,
            }
            for e in view.elements
        ],  # fmt: skip
        "reasoning_history": [
            {"element": r.element.value, "text": r.text, "by": r.user_name, "at": _when(r.written_at)}
            for r in casework.reasoning_history(session, case_id)
        ],
        "confirmed_dates": {
            k: {"value": v.value.isoformat(), "by": v.user_name, "reason": v.reason} for k, v in dates.items()
        },
        "earlier_applications": [
            {
                "earlier_case_id": link.earlier_case_id,
                "by": link.user_name,
                "reason": link.reason,
                "at": _when(link.decided_at),
            }
            for link in casework.confirmed_links(session, case_id)
        ],  # fmt: skip
    }


def canonical_json(package: dict[str, Any]) -> bytes:
    return json.dumps(package, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["PACKAGE_VERSION", "build_package", "canonical_json", "sha256_hex"]
