"""What an examiner signs when signing off a case summary, and whether that signature still holds.

Pure and store-free (summaries sit below the store): the store side, who may sign and the audit
event live in ``examiner_app.coi.sign_off``. A sign-off covers the recorded part of the summary:
the findings (accepted or edited facts, with their values and sources) and the COI excerpts pinned
to the case. They are written out as canonical JSON and hashed with SHA-256; the hash is what is
stored with the signer's name and the time. Pending suggestions are not signed: they are shown as
"not confirmed" whether the note is signed or not, and re-reading a document may regenerate them.

When a finding or a pin changes after the sign-off (a fact accepted, edited or rejected, a pin
added or removed), the current content no longer hashes to the signed value and the summary is
"stale": the note goes back to draft and says who signed what is no longer there, and when.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from examiner_app.summaries.fact_sheet import FactSheet

# Part of the hashed content: a later change to what is signed must not match an old signature by accident.
SIGNED_CONTENT_VERSION = 1


@dataclass(frozen=True)
class PinnedExcerpt:
    """A COI excerpt pinned to the case (or to one of its facts), as the summary shows and signs it."""

    pin_id: str
    passage_id: int
    suggestion_id: str | None
    fact_label: str  # the fact the excerpt was pinned to, as it read then ("" for the whole case)
    citation: str  # EUAA style: source, title, date, page/paragraph, URL
    excerpt: str
    note: str = ""


class SignOffStatus(StrEnum):
    DRAFT = "draft"  # never signed off
    SIGNED = "signed"  # signed off, and the findings and pins are still exactly what was signed
    STALE = "stale"  # signed off once, but findings or pins changed since


@dataclass(frozen=True)
class SignOff:
    """One sign-off: who, when, and the SHA-256 of the content they signed."""

    id: str
    case_id: str
    user_id: str
    user_name: str
    signed_at: datetime
    content_sha256: str
    findings: int
    pins: int


@dataclass(frozen=True)
class SignOffState:
    """The summary's standing: draft, signed (``sign_off`` holds), or stale (``sign_off`` no longer holds)."""

    status: SignOffStatus
    current_sha256: str
    sign_off: SignOff | None = None

    @property
    def signed(self) -> bool:
        return self.status is SignOffStatus.SIGNED


def signed_content(fact_sheet: FactSheet, pins: Iterable[PinnedExcerpt]) -> str:
    """The canonical JSON of the findings and pins: sorted keys and rows, no whitespace, UTF-8 text kept."""
    findings = sorted(
        (
            {
                "id": line.suggestion_id,
                "field": line.field.value,
                "value": line.value,
                "normalized": line.normalized,
                "status": line.status.value,
                "document": line.provenance.document_id if line.provenance else None,
                "source": line.citation,
            }
            for group in fact_sheet.groups
            for line in group.lines
            if line.is_finding
        ),
        key=lambda row: str(row["id"]),
    )
    pinned = sorted(
        (
            {
                "id": pin.pin_id,
                "passage": pin.passage_id,
                "fact": pin.suggestion_id,
                "fact_label": pin.fact_label,
                "citation": pin.citation,
                "note": pin.note,
            }
            for pin in pins
        ),
        key=lambda row: str(row["id"]),
    )
    document = {"version": SIGNED_CONTENT_VERSION, "findings": findings, "pins": pinned}
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_sha256(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def sign_off_state(latest: SignOff | None, current_sha256: str) -> SignOffState:
    """Compare the newest sign-off with the content as it is now."""
    if latest is None:
        return SignOffState(SignOffStatus.DRAFT, current_sha256)
    status = SignOffStatus.SIGNED if latest.content_sha256 == current_sha256 else SignOffStatus.STALE
    return SignOffState(status, current_sha256, latest)


__all__ = [
    "SIGNED_CONTENT_VERSION",
    "PinnedExcerpt",
    "SignOff",
    "SignOffState",
    "SignOffStatus",
    "content_sha256",
    "sign_off_state",
    "signed_content",
]
