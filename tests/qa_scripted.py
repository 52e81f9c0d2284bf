"""Scripted stores for quality-review tests, benchmarks and screenshots: cases, pages, suggestions and decisions.

``script_decisions`` records every decision through ``review.py`` (the real path, with audit events), then
spreads the decision times over twelve weeks (scripted data only: real decisions keep their own time).
``bulk_decisions`` inserts rows directly, for the 100,000-decision benchmark, where the review path's audit
chain would take hours; it writes no audit events and is never used by the application.
Outcomes depend on field, language and engine version so strata differ, seeded for repeatability.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert, update

from examiner_app import review
from examiner_app.domain import (
    BBox,
    FactField,
    LanguageGuess,
    ModelRef,
    PageSource,
    PageText,
    Provenance,
    Role,
    Suggestion,
    SuggestionStatus,
    User,
    Word,
)
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import CaseRow, DecisionRow, DocumentRow, PageRow, SuggestionRow, new_id

START = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)  # a Monday

# (field, language) -> list of (value, form-edit value, substantive edit value)
FACTS: dict[str, dict[str, list[tuple[str, str, str]]]] = {
    "person_name": {
        "en": [("Mohammed Ali Karimi", "Muhammad Ali Karimi", "Ahmad Reza Karimi")],
        "fr": [("Amina Diallo", "Aminah Diallo", "Fatou Diallo")],
        "ar": [("محمد علي", "مُحَمَّد علي", "أحمد حسن")],
        "fa": [("رضا احمدی", "رضا احمدي", "حسین رضایی")],
    },
    "date_of_birth": {
        "en": [("12 March 1990", "1990-03-12", "21 March 1990")],
        "fr": [("3 avril 1985", "1985-04-03", "4 avril 1985")],
        "ar": [("12/03/1990", "1990-03-12", "1991-03-12")],
        "fa": [("1369/01/01", "1990-03-21", "1370-01-01")],
    },
    "nationality": {
        "en": [("Afghan", "afghan", "Iranian")],
        "fr": [("guinéenne", "Guinéenne", "malienne")],
        "ar": [("سوداني", "سوداني ", "تشادي")],
        "fa": [("افغان", "افغان ", "ایرانی")],
    },
    "place": {
        "en": [("Kabul", "kabul", "Herat")],
        "fr": [("Conakry", "conakry", "Kankan")],
        "ar": [("الجنينة", "الجنينة ", "نيالا")],
        "fa": [("مزار شریف", "مزار  شریف", "هرات")],
    },
    "event_date": {
        "en": [("5 June 2021", "2021-06-05", "6 June 2021")],
        "fr": [("14 juillet 2020", "2020-07-14", "15 juillet 2020")],
        "ar": [("05/06/2021", "2021-06-05", "2021-07-05")],
        "fa": [("1400/03/15", "2021-06-05", "1400/04/15")],
    },
}
LANGUAGES = ("en", "fr", "ar", "fa")
# Probability that the examiner overturns (edit or reject) per field and language; a new engine version drifts.
OVERTURN = {"person_name": 0.12, "date_of_birth": 0.08, "nationality": 0.05, "place": 0.18, "event_date": 0.15}
LANGUAGE_FACTOR = {"en": 0.7, "fr": 1.0, "ar": 1.6, "fa": 1.9}
ENGINES = {
    "person_name": ModelRef("rules", "identity", "3"),
    "date_of_birth": ModelRef("rules", "dates", "3"),
    "nationality": ModelRef("rules", "identity", "3"),
    "place": ModelRef("spacy", "en_core_web_sm", "3.8.0"),
    "event_date": ModelRef("rules", "dates", "3"),
}
NEW_DATES = ModelRef("rules", "dates", "4")
MIME = ("application/pdf", "image/png", "text/plain")


@dataclass
class Scripted:
    examiners: list[User]
    reviewers: list[User]
    case_ids: list[str]
    suggestion_ids: list[str] = field(default_factory=list)
    pending_ids: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def _font(size: int = 18) -> object | None:
    from PIL import ImageFont

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


def _page(
    number: int, language: str, facts: list[tuple[str, str]], with_image: bool
) -> tuple[PageText, bytes | None, list[tuple[int, int, tuple[BBox, ...]]]]:
    """A page with one "Label: value" line per fact; with ``with_image`` a PNG (DejaVu Sans, shaped by raqm)
    and word boxes measured on it."""
    label = {
        "person_name": "Name",
        "date_of_birth": "Born",
        "nationality": "Nationality",
        "place": "Place",
        "event_date": "Event",
    }
    lines, spans, words = [], [], []
    offset = 0
    font = _font() if with_image else None
    draw = None
    if with_image:
        from PIL import Image, ImageDraw

        img = Image.new("RGB", (800, 80 + 40 * len(facts)), "white")
        draw = ImageDraw.Draw(img)
    for i, (fname, value) in enumerate(facts):
        prefix = f"{label[fname]}: "
        line = prefix + value
        start = offset + len(prefix)
        y = 60 + 40 * i
        if draw is not None:
            draw.text((40, y), prefix, fill="black", font=font)  # type: ignore[arg-type]
            x = int(draw.textlength(prefix, font=font)) + 40  # type: ignore[arg-type]
            draw.text((x, y), value, fill="black", font=font)  # type: ignore[arg-type]
            x0, y0, x1, y1 = draw.textbbox((x, y), value, font=font)  # type: ignore[arg-type]
            box = BBox(int(x0) - 2, int(y0) - 3, int(x1) + 2, int(y1) + 3)
        else:
            box = BBox(40 + 11 * len(prefix), y, 40 + 11 * len(line), y + 24)
        words.append(Word(value, start, start + len(value), box, 0.9))
        spans.append((start, start + len(value), (box,)))
        lines.append(line)
        offset += len(line) + 1
    image = None
    if draw is not None:
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        image = buf.getvalue()
    page = PageText(
        page_number=number,
        text="\n".join(lines),
        words=tuple(words),
        source=PageSource.OCR,
        mean_confidence=0.9,
        width=800,
        height=80 + 40 * len(facts),
        languages=(LanguageGuess(language, 0.95),),
        engine="tesseract@5.3.0",
    )
    return page, image, spans


def _outcome(rng: np.random.Generator, fname: str, language: str, engine: ModelRef) -> str:
    p = min(0.9, OVERTURN[fname] * LANGUAGE_FACTOR[language] * (2.0 if engine == NEW_DATES else 1.0))
    u = rng.random()
    if u < p * 0.45:
        return "reject"
    if u < p:
        return "edit"
    if u < p + 0.05:
        return "form"
    return "accept"


def make_users(store: Store) -> tuple[list[User], list[User]]:
    with store.session() as session:
        examiners = [repo.get_or_create_user(session, n, Role.EXAMINER) for n in ("Aiko Tanaka", "Kenji Sato")]
        reviewers = [
            repo.get_or_create_user(session, n, Role.REVIEWER) for n in ("Mariam Haddad", "Lena Brandt", "Tomas Novak")
        ]
    return examiners, reviewers


def script_decisions(
    store: Store,
    decisions: int = 300,
    *,
    seed: int = 7,
    pending: int = 20,
    added: int = 15,
    empty_pages: int = 10,
    with_images: bool = False,
) -> Scripted:
    """A store with ``decisions`` decided suggestions (through review.py), pending ones, added facts and empty pages."""
    rng = np.random.default_rng(seed)
    examiners, reviewers = make_users(store)
    out = Scripted(examiners, reviewers, [])
    fields = list(FACTS)
    total = decisions + pending
    per_page = 5
    plans: list[tuple[str, int, str, list[tuple[str, str]], list[str]]] = []  # (lang, doc idx, mime, facts, outcomes)
    made = 0
    week_of: dict[str, int] = {}
    while made < total:
        language = LANGUAGES[len(plans) % len(LANGUAGES)]
        facts = [
            (fields[(made + i) % len(fields)], FACTS[fields[(made + i) % len(fields)]][language][0][0])
            for i in range(per_page)
        ]
        facts = facts[: total - made]
        plans.append((language, len(plans), MIME[len(plans) % len(MIME)], facts, []))
        made += len(facts)
    decided = 0
    for index, (language, _, mime, facts, _) in enumerate(plans):
        examiner = examiners[index % len(examiners)]
        with store.session() as session:
            case = repo.create_case(
                session, f"Scripted case {index + 1}", reference=f"QA-{index + 1:04d}", created_by=examiner.id
            )
            content = f"scripted {index} {seed}".encode()
            doc = repo.add_document(
                session, case.id, f"interview-{index + 1}.pdf", content, hashlib.sha256(content).hexdigest(), mime
            )
            session.execute(update(DocumentRow).where(DocumentRow.id == doc.id).values(status="done", page_count=1))
            page, image, spans = _page(1, language, facts, with_images)
            repo.save_page(session, doc.id, page, image)
            if index < empty_pages:
                empty, empty_image, _ = _page(2, language, [("place", "—")], with_images)
                repo.save_page(
                    session,
                    doc.id,
                    PageText(2, "Signature and stamp", (), PageSource.OCR, 0.8, languages=page.languages),
                    empty_image,
                )
            sids = []
            for (fname, value), (start, end, boxes) in zip(facts, spans, strict=True):
                engine = ENGINES[fname]
                if fname in ("date_of_birth", "event_date") and index % 3 == 0:
                    engine = NEW_DATES
                conf = float(np.clip(rng.normal(0.8, 0.12), 0.3, 0.99))
                ocr = float(np.clip(rng.normal(0.85, 0.1), 0.3, 0.99)) if mime != "text/plain" else None
                s = repo.add_suggestion(
                    session,
                    case.id,
                    Suggestion(
                        "",
                        case.id,
                        FactField(fname),
                        value,
                        None,
                        conf,
                        Provenance(doc.id, doc.file_name, 1, start, end, boxes, engine, ocr),
                        SuggestionStatus.PENDING,
                    ),
                )
                sids.append((s.id, fname, engine))
        out.case_ids.append(case.id)
        for sid, fname, engine in sids:
            out.suggestion_ids.append(sid)
            if decided >= decisions:
                out.pending_ids.append(sid)
                continue
            outcome = _outcome(rng, fname, language, engine)
            _, form, wrong = FACTS[fname][language][0]
            if outcome == "accept":
                d = review.accept(store, examiner, sid, source_viewed=True)
            elif outcome == "form":
                d = review.edit(store, examiner, sid, form, "same value, written as on the form", source_viewed=True)
            elif outcome == "edit":
                d = review.edit(store, examiner, sid, wrong, "the document says otherwise", source_viewed=True)
            else:
                d = review.reject(store, examiner, sid, "not what the page says", source_viewed=True)
            out.counts[outcome] += 1
            week_of[d.id] = decided * 12 // max(decisions, 1)
            decided += 1
    for i in range(added):
        case_id = out.case_ids[i % len(out.case_ids)]
        examiner = examiners[(i % len(out.case_ids)) % len(examiners)]
        s = review.add_fact(
            store, examiner, case_id, FactField.PLACE, f"Village {i + 1}", reason="missed by the engines"
        )
        out.counts["added"] += 1
        week_of[_decision_of(store, s.id)] = i * 12 // max(added, 1)
    with store.session() as session:
        for did, week in week_of.items():
            at = START + timedelta(weeks=week, hours=int(rng.integers(0, 100)))
            session.execute(update(DecisionRow).where(DecisionRow.id == did).values(decided_at=at))
    return out


def _decision_of(store: Store, suggestion_id: str) -> str:
    with store.session() as session:
        return next(
            d.id
            for d in repo.list_decisions(session, session.get(SuggestionRow, suggestion_id).case_id)
            if d.suggestion_id == suggestion_id
        )  # type: ignore[union-attr]


def bulk_decisions(store: Store, decisions: int, *, seed: int = 11, per_document: int = 20) -> int:
    """Insert ``decisions`` decided suggestions as rows (benchmark only: no audit events). Returns the number."""
    rng = np.random.default_rng(seed)
    examiners, _ = make_users(store)
    fields = list(FACTS)
    documents = max(1, decisions // per_document)
    cases, docs, pages, suggestions, rows = [], [], [], [], []
    made = 0
    for d in range(documents):
        language = LANGUAGES[d % len(LANGUAGES)]
        case_id, doc_id = new_id(), new_id()
        cases.append(
            {
                "id": case_id,
                "title": f"Bulk {d}",
                "reference": "",
                "anonymized": False,
                "created_at": START,
                "created_by": examiners[d % 2].id,
            }
        )
        docs.append(
            {
                "id": doc_id,
                "case_id": case_id,
                "file_name": f"bulk-{d}.pdf",
                "sha256": f"{d:064d}",
                "size": 1,
                "mime_type": MIME[d % 3],
                "status": "done",
                "error": "",
                "page_count": 1,
                "imported_at": START,
            }
        )
        pages.append(
            {
                "id": new_id(),
                "document_id": doc_id,
                "page_number": 1,
                "text": "",
                "words": [],
                "languages": [[language, 0.95]],
                "blocks": [],
                "source": "ocr",
                "rotation": 0,
                "width": 0,
                "height": 0,
                "dpi": 300,
                "ocr_languages": "",
                "engine": "",
            }
        )
        for i in range(per_document):
            if made >= decisions:
                break
            fname = fields[i % len(fields)]
            engine = NEW_DATES if fname in ("date_of_birth", "event_date") and d % 3 == 0 else ENGINES[fname]
            value, form, wrong = FACTS[fname][language][0]
            outcome = _outcome(rng, fname, language, engine)
            action = {"form": "edit"}.get(outcome, outcome)
            after = {"accept": value, "form": form, "edit": wrong, "reject": None}[outcome]
            sid = new_id()
            suggestions.append(
                {
                    "id": sid,
                    "case_id": case_id,
                    "document_id": doc_id,
                    "file_name": f"bulk-{d}.pdf",
                    "page_number": 1,
                    "field": fname,
                    "value": value,
                    "normalized": None,
                    "confidence": float(rng.uniform(0.3, 0.99)),
                    "span_start": 0,
                    "span_end": len(value),
                    "bboxes": [],
                    "engine": engine.engine,
                    "model": engine.model,
                    "model_version": engine.version,
                    "ocr_confidence": float(rng.uniform(0.4, 0.99)),
                    "note": "",
                    "attributes": [],
                    "status": {"accept": "accepted", "edit": "edited", "reject": "rejected"}[action],
                    "reviewed_value": after if action == "edit" else None,
                    "created_at": START,
                }
            )
            rows.append(
                {
                    "id": new_id(),
                    "suggestion_id": sid,
                    "user_id": examiners[d % 2].id,
                    "action": action,
                    "value_before": value,
                    "value_after": after,
                    "reason": "" if action == "accept" else "scripted",
                    "decided_at": START + timedelta(minutes=made),
                }
            )
            made += 1
    with store.session() as session:
        for table, data in (
            (CaseRow, cases),
            (DocumentRow, docs),
            (PageRow, pages),
            (SuggestionRow, suggestions),
            (DecisionRow, rows),
        ):
            for i in range(0, len(data), 5000):
                session.execute(insert(table), data[i : i + 5000])
    return made
