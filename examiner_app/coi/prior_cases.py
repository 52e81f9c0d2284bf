"""Prior cases: loading decided, anonymized prior cases, and similar-case search over the store.

Candidates are (a) prior cases loaded from JSON files with :func:`load_prior_cases` and (b) cases
in the store with at least one recorded (accepted or edited) fact; a store case contributes its
recorded facts only. The case under review contributes recorded and pending facts (not rejected
ones), because that is what the examiner is looking at. Ranking and explanations live in
``examiner_app.summaries.similar`` (pure, no store).

Prior-case files hold one JSON object or a list of them::

    {"reference": "PRIOR-LK-0001", "fictional": true, "country": "LK",
     "claimed_grounds": ["political_opinion"], "profile": {"ethnicity": "Tamil", "occupation": "journalist"},
     "summary": "Anonymized account of what the applicant stated ...", "decided_on": "2023-02-11"}

Evidence, never verdicts: only the keys above are read. Any outcome-like key (``outcome``,
``decision``, ``granted`` ...) anywhere in a file is ignored and reported as ignored, so an outcome
can never reach the database, the ranking or the screen.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from examiner_app import audit
from examiner_app.coi import repository as coi_repo
from examiner_app.coi.embeddings import Calibration, EmbeddingEngine, NullEmbedder, from_bytes, to_bytes
from examiner_app.coi.text import content_words, country_code
from examiner_app.domain import FactField, SuggestionStatus, recorded_value
from examiner_app.errors import CancelledError, InputFileError, NotFoundError
from examiner_app.progress import NullProgress, ProgressReporter
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.coi_orm import CaseVectorRow, CoiPinRow, PriorCaseRow
from examiner_app.store.orm import CaseRow, DecisionRow, SuggestionRow, utcnow
from examiner_app.summaries.similar import (
    DISCLAIMER,
    CaseProfile,
    FactRef,
    SimilarCase,
    SimilarFilters,
    SimilarIndex,
    normalize_ground,
    normalize_value,
)

PRIOR_KEYS = frozenset({"reference", "fictional", "country", "claimed_grounds", "profile", "summary", "decided_on"})
# Never read, wherever they appear (top level or inside "profile"): an outcome must not leak into similarity.
OUTCOME_KEYS = frozenset(
    {
        "outcome",
        "decision",
        "decision_outcome",
        "result",
        "status",
        "granted",
        "refused",
        "rejected",
        "recognised",
        "recognized",
        "verdict",
        "credibility",
        "credible",
        "protection",
        "protection_status",
        "appeal_result",
    }
)
GROUNDS = frozenset({"race", "religion", "nationality", "particular_social_group", "political_opinion"})
PROFILE_FROM_FACTS: Mapping[FactField, str] = {
    FactField.ETHNICITY: "ethnicity",
    FactField.RELIGION: "religion",
    FactField.LANGUAGE_SPOKEN: "language_spoken",
    FactField.AGENT_OF_PERSECUTION: "agent_of_persecution",
}
TEXT_FIELDS = frozenset({FactField.EVENT, FactField.CLAIMED_GROUND, FactField.AGENT_OF_PERSECUTION})
COUNTRY_FACTS = frozenset({FactField.COUNTRY_OF_ORIGIN, FactField.NATIONALITY})
RECORDED = (SuggestionStatus.ACCEPTED.value, SuggestionStatus.EDITED.value)
# Case-to-case texts compared as "query: " on both sides (e5's advice for symmetric similarity).
# Measured on the fictional prior cases: accounts from different countries median 0.84, 95th
# percentile 0.87; the same story told differently 0.89. Hence floor 0.85 and ceiling 0.91.
CASE_TEXT_CALIBRATION = Calibration(floor=0.85, ceiling=0.91)
EMBED_BATCH = 16  # prior-case summaries embedded per call: progress and cancel points in between


@dataclass(frozen=True)
class PriorLoadReport:
    loaded: int
    updated: int
    files: tuple[str, ...]
    ignored_keys: tuple[str, ...]
    embedded: int


@dataclass(frozen=True)
class SimilarResults:
    case_id: str
    results: tuple[SimilarCase, ...]
    mode: str  # "facts+meaning" or "facts+words"
    notice: str = ""
    disclaimer: str = DISCLAIMER


# --- loading prior cases -----------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?。！？])\s+|(?<=[。！？])", text.strip())
    return [p.strip() for p in parts if p and p.strip()]


def _clean_prior(raw: Mapping[str, Any], path: Path, ignored: set[str]) -> dict[str, Any]:
    for key in raw:
        if key not in PRIOR_KEYS:
            ignored.add(key)
    reference = str(raw.get("reference") or "").strip()
    if not reference:
        raise InputFileError(path, "every prior case needs a 'reference'.")
    country = country_code(str(raw.get("country") or ""))
    if country is None:
        raise InputFileError(path, f"prior case {reference}: 'country' must be an ISO 3166-1 alpha-2 code.")
    grounds = sorted({normalize_ground(str(g)) for g in raw.get("claimed_grounds") or []})
    unknown = [g for g in grounds if g not in GROUNDS]
    if unknown:
        raise InputFileError(path, f"prior case {reference}: unknown ground(s) {unknown}; use {sorted(GROUNDS)}.")
    profile: dict[str, list[str]] = {}
    for key, value in dict(raw.get("profile") or {}).items():
        name = normalize_value(str(key)).replace(" ", "_")
        if name in OUTCOME_KEYS:
            ignored.add(f"profile.{key}")
            continue
        values = value if isinstance(value, list) else [value]
        profile[name] = sorted({normalize_value(str(v)) for v in values if str(v).strip()})
    decided = raw.get("decided_on")
    try:
        decided_on = date.fromisoformat(str(decided)) if decided else None
    except ValueError as exc:
        raise InputFileError(path, f"prior case {reference}: 'decided_on' must be YYYY-MM-DD.") from exc
    return {
        "reference": reference,
        "country": country,
        "grounds": grounds,
        "profile": profile,
        "summary": str(raw.get("summary") or "").strip(),
        "decided_on": decided_on,
        "fictional": bool(raw.get("fictional")),
    }


def load_prior_cases(
    store: Store,
    folder: Path | str,
    *,
    engine: EmbeddingEngine | None = None,
    actor: str = audit.SYSTEM_ACTOR,
    progress: ProgressReporter | None = None,
) -> PriorLoadReport:
    """Load (or update, by reference) every prior case in the ``*.json`` files of ``folder``.

    Summaries are embedded when the engine is available. One ``prior_cases.load`` audit event.
    ``progress`` hears "reading prior cases" (per file), "embedding prior cases" (per batch) and
    "saving prior cases"; a cancel before saving raises ``CancelledError`` and writes nothing (the
    cases are saved in one transaction, so a load is never half done).
    """
    engine = engine or NullEmbedder()
    progress = progress or NullProgress()
    folder = Path(folder)
    files = sorted(p for p in folder.glob("*.json") if not p.name.endswith(".meta.json")) if folder.is_dir() else []
    if not files:
        raise InputFileError(folder, "no prior-case files (*.json) found here.")
    ignored: set[str] = set()
    cases: list[tuple[dict[str, Any], str]] = []
    for number, path in enumerate(files, start=1):
        if progress.cancelled():
            raise CancelledError()
        progress.update(number - 1, len(files), "reading prior cases")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputFileError(path, f"cannot read this prior-case file ({exc}).") from exc
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict):
                raise InputFileError(path, "a prior-case file holds a JSON object or a list of objects.")
            cases.append((_clean_prior(item, path, ignored), path.name))
    progress.update(len(files), len(files), "reading prior cases")
    vectors: list[bytes | None] = [None] * len(cases)
    if engine.available:
        texts = [c["summary"] or c["reference"] for c, _ in cases]
        for start in range(0, len(texts), EMBED_BATCH):
            if progress.cancelled():
                raise CancelledError()
            progress.update(start, len(texts), "embedding prior cases")
            embedded = engine.embed_queries(texts[start : start + EMBED_BATCH])
            vectors[start : start + len(embedded)] = [to_bytes(v) for v in embedded]
        progress.update(len(texts), len(texts), "embedding prior cases")
    if progress.cancelled():
        raise CancelledError()
    progress.update(0, 1, "saving prior cases")
    loaded = updated = 0
    with store.session() as session:
        for (case, file_name), vector in zip(cases, vectors, strict=True):
            row = session.execute(
                select(PriorCaseRow).where(PriorCaseRow.reference == case["reference"])
            ).scalar_one_or_none()
            if row is None:
                row = PriorCaseRow(reference=case["reference"])
                session.add(row)
                loaded += 1
            else:
                updated += 1
            row.country = case["country"]
            row.grounds = case["grounds"]
            row.profile = case["profile"]
            row.summary = case["summary"]
            row.decided_on = case["decided_on"]
            row.fictional = case["fictional"]
            row.source_file = file_name
            row.loaded_at = utcnow()
            row.embedding = vector
            row.embedding_model = engine.name if vector is not None else ""
        session.flush()
        audit.record(
            session,
            actor,
            "prior_cases.load",
            details={
                "folder": str(folder),
                "files": [p.name for p in files],
                "loaded": loaded,
                "updated": updated,
                "ignored_keys": sorted(ignored),
            },
        )
    _invalidate(store)
    progress.update(1, 1, "saving prior cases")
    return PriorLoadReport(
        loaded, updated, tuple(p.name for p in files), tuple(sorted(ignored)), sum(1 for v in vectors if v is not None)
    )


# --- profiles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fact:
    """A suggestion row, reduced to what a profile needs."""

    id: str
    field: FactField
    value: str
    normalized: str | None
    status: str
    citation: str


def _citation(file_name: str, page: int | None, start: int | None, end: int | None) -> str:
    if not file_name or page is None:
        return "entered by the examiner, no source document"
    return f"{file_name}, p. {page}, chars {start or 0}\u2013{end or 0}"


def _profile_from_facts(
    kind: str,
    case_id: str,
    reference: str,
    title: str,
    facts: Sequence[_Fact],
    decided_on: date | None,
    pinned: Iterable[int],
) -> CaseProfile:
    countries: set[str] = set()
    grounds: set[str] = set()
    profile: dict[str, set[str]] = {}
    refs: list[FactRef] = []
    passages: list[FactRef] = []
    for f in facts:
        edited = f.status == SuggestionStatus.EDITED.value
        if f.field in COUNTRY_FACTS:
            code = country_code(f.value if edited else (f.normalized or f.value))
            if code:
                countries.add(code)
                refs.append(FactRef(f.field.value, code, f.citation, f.id, f.status))
        elif f.field is FactField.CLAIMED_GROUND:
            ground = normalize_ground(f.value if edited and len(f.value) < 40 else (f.normalized or ""))
            if ground in GROUNDS:
                grounds.add(ground)
                refs.append(FactRef(f.field.value, ground, f.citation, f.id, f.status))
        if f.field in PROFILE_FROM_FACTS:
            key = PROFILE_FROM_FACTS[f.field]
            value = normalize_value(f.value if edited else (f.normalized or f.value))
            if value:
                profile.setdefault(key, set()).add(value)
                refs.append(FactRef(key, value, f.citation, f.id, f.status))
        if f.field in TEXT_FIELDS:
            passages.append(FactRef(f.field.value, f.value, f.citation, f.id, f.status))
    words = [content_words(p.value) for p in passages]
    return CaseProfile(
        kind=kind,
        id=case_id,
        reference=reference,
        title=title,
        countries=frozenset(countries),
        grounds=frozenset(grounds),
        profile={k: frozenset(v) for k, v in profile.items()},
        facts=tuple(refs),
        passages=tuple(passages),
        passage_words=tuple(words),
        words=frozenset().union(*words) if words else frozenset(),
        decided_on=decided_on,
        pinned=frozenset(pinned),
    )


def prior_profile(row: PriorCaseRow) -> CaseProfile:
    where = f"prior case {row.reference}"
    refs = [FactRef("country_of_origin", row.country, where, None, "prior record")]
    refs += [FactRef("claimed_ground", g, where, None, "prior record") for g in row.grounds]
    profile = {str(k): frozenset(normalize_value(str(v)) for v in values) for k, values in row.profile.items()}
    refs += [FactRef(k, v, where, None, "prior record") for k, values in profile.items() for v in sorted(values)]
    sentences = _sentences(row.summary)
    passages = tuple(
        FactRef("summary", s, f"{where}, summary sentence {i}", None, "prior record")
        for i, s in enumerate(sentences, 1)
    )
    words = [content_words(s) for s in sentences]
    return CaseProfile(
        kind="prior",
        id=row.id,
        reference=row.reference,
        title=f"Prior case {row.reference}" + (" (fictional)" if row.fictional else ""),
        countries=frozenset({row.country}),
        grounds=frozenset(row.grounds),
        profile=profile,
        facts=tuple(refs),
        passages=passages,
        passage_words=tuple(words),
        words=frozenset().union(*words) if words else frozenset(),
        decided_on=row.decided_on,
    )


def _text_of(profile: CaseProfile) -> str:
    return profile.text or " ".join(sorted(profile.countries | profile.grounds))


def target_profile(session: Session, case_id: str) -> CaseProfile:
    """The case under review: recorded and pending facts (rejected ones left out)."""
    case = session.get(CaseRow, case_id)
    if case is None:
        raise NotFoundError(f"No case with id {case_id}.")
    rows = session.execute(
        select(SuggestionRow).where(
            SuggestionRow.case_id == case_id, SuggestionRow.status != SuggestionStatus.REJECTED.value
        )
    ).scalars()
    facts = [
        _Fact(
            r.id,
            FactField(r.field),
            recorded_value(r.status, r.value, r.reviewed_value),
            r.normalized,
            r.status,
            _citation(r.file_name, r.page_number, r.span_start, r.span_end),
        )
        for r in rows
    ]
    pinned = coi_repo.pinned_passages(session, [case_id]).get(case_id, set())
    return _profile_from_facts("case", case.id, case.reference, case.title, facts, None, pinned)


# --- the candidate cache -------------------------------------------------------------------------


@dataclass
class _Candidates:
    stamp: tuple[object, ...]
    index: SimilarIndex
    vectors: dict[str, np.ndarray]  # engine name -> (n, dim) matrix aligned with index.candidates


_cache: weakref.WeakKeyDictionary[Store, _Candidates] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def _invalidate(store: Store) -> None:
    with _cache_lock:
        _cache.pop(store, None)


def _stamp(session: Session) -> tuple[object, ...]:
    """What changes when candidates change: decisions, prior cases, pins, cases."""
    return repo.change_stamp(
        session,
        func.count(DecisionRow.id),
        func.max(DecisionRow.decided_at),
        func.count(PriorCaseRow.id),
        func.max(PriorCaseRow.loaded_at),
        func.count(CoiPinRow.id),
        func.max(CoiPinRow.pinned_at),
        func.count(CoiPinRow.removed_at),
        func.count(CaseRow.id),
    )


def _store_candidates(session: Session) -> list[CaseProfile]:
    rows = session.execute(
        select(
            SuggestionRow.case_id,
            SuggestionRow.id,
            SuggestionRow.field,
            SuggestionRow.value,
            SuggestionRow.reviewed_value,
            SuggestionRow.normalized,
            SuggestionRow.status,
            SuggestionRow.file_name,
            SuggestionRow.page_number,
            SuggestionRow.span_start,
            SuggestionRow.span_end,
        ).where(SuggestionRow.status.in_(RECORDED))
    ).all()
    by_case: dict[str, list[_Fact]] = {}
    for r in rows:
        by_case.setdefault(r.case_id, []).append(
            _Fact(
                r.id,
                FactField(r.field),
                recorded_value(r.status, r.value, r.reviewed_value),
                r.normalized,
                r.status,
                _citation(r.file_name, r.page_number, r.span_start, r.span_end),
            )
        )
    if not by_case:
        return []
    latest: dict[str, datetime] = dict(
        session.execute(
            select(SuggestionRow.case_id, func.max(DecisionRow.decided_at))
            .join(SuggestionRow, SuggestionRow.id == DecisionRow.suggestion_id)
            .group_by(SuggestionRow.case_id)
        ).all()
    )
    cases = {r.id: r for r in session.execute(select(CaseRow.id, CaseRow.title, CaseRow.reference)).all()}
    pins = coi_repo.pinned_passages(session)
    out = []
    for case_id, facts in by_case.items():
        case = cases.get(case_id)
        if case is None:
            continue
        decided = latest.get(case_id)
        out.append(
            _profile_from_facts(
                "case",
                case_id,
                case.reference,
                case.title,
                facts,
                decided.date() if decided else None,
                pins.get(case_id, set()),
            )
        )
    return out


def _candidate_vectors(
    store: Store, session: Session, candidates: Sequence[CaseProfile], engine: EmbeddingEngine
) -> np.ndarray:
    """Text vectors of every candidate, from the database where current, embedded (and saved) where not."""
    name = engine.name
    matrix = np.zeros((len(candidates), engine.dim), dtype=np.float32)
    priors = {r.id: r for r in session.execute(select(PriorCaseRow).options(undefer(PriorCaseRow.embedding))).scalars()}
    stored = {
        r.case_id: r
        for r in session.execute(select(CaseVectorRow).where(CaseVectorRow.embedding_model == name)).scalars()
    }
    todo: list[tuple[int, str, str]] = []  # (row, text, sha)
    for i, c in enumerate(candidates):
        text = _text_of(c)
        if c.kind == "prior":
            row = priors.get(c.id)
            if row is not None and row.embedding_model == name and row.embedding:
                matrix[i] = from_bytes(row.embedding, engine.dim)
                continue
            todo.append((i, row.summary if row is not None and row.summary else text, ""))
        else:
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            vector_row = stored.get(c.id)
            if vector_row is not None and vector_row.text_sha256 == sha:
                matrix[i] = from_bytes(vector_row.embedding, engine.dim)
                continue
            todo.append((i, text, sha))
    for start in range(0, len(todo), 32):
        chunk = todo[start : start + 32]
        vectors = engine.embed_queries([t for _, t, _ in chunk])
        for (i, _, sha), vector in zip(chunk, vectors, strict=True):
            matrix[i] = vector
            c = candidates[i]
            if c.kind == "prior":
                row = priors.get(c.id)
                if row is not None:
                    row.embedding = to_bytes(vector)
                    row.embedding_model = name
            else:
                vector_row = stored.get(c.id) or session.get(CaseVectorRow, c.id)
                if vector_row is None:
                    vector_row = CaseVectorRow(case_id=c.id, text_sha256=sha, embedding_model=name, embedding=b"")
                    session.add(vector_row)
                vector_row.text_sha256 = sha
                vector_row.embedding_model = name
                vector_row.embedding = to_bytes(vector)
                vector_row.updated_at = utcnow()
    return matrix


def _candidates(store: Store, session: Session, engine: EmbeddingEngine) -> _Candidates:
    stamp = _stamp(session)
    with _cache_lock:
        current = _cache.get(store)
    if current is None or current.stamp != stamp:
        priors = [
            prior_profile(r) for r in session.execute(select(PriorCaseRow).order_by(PriorCaseRow.reference)).scalars()
        ]
        current = _Candidates(stamp, SimilarIndex(priors + _store_candidates(session)), {})
        with _cache_lock:
            _cache[store] = current
    if engine.available and engine.name not in current.vectors:
        current.vectors[engine.name] = _candidate_vectors(store, session, current.index.candidates, engine)
    return current


# --- search --------------------------------------------------------------------------------------


def similar_cases(
    store: Store,
    case_id: str,
    *,
    top: int = 10,
    filters: SimilarFilters | None = None,
    engine: EmbeddingEngine | None = None,
    allowed_case_ids: set[str] | None = None,
) -> SimilarResults:
    """Prior cases and store cases most like ``case_id``, explained; never an outcome.

    ``allowed_case_ids`` limits store-case candidates to those the user may read (prior cases are
    anonymized reference material and always eligible). Without an embedding engine the text
    component is word overlap, and ``notice`` says so.
    """
    engine = engine or NullEmbedder()
    with store.session() as session:
        target = target_profile(session, case_id)
        candidates = _candidates(store, session, engine)
    text_scores: np.ndarray | None = None
    notice = ""
    if engine.available and engine.name in candidates.vectors:
        try:
            vector = engine.embed_queries([_text_of(target)])[0]
            cosines = candidates.vectors[engine.name] @ vector
            text_scores = CASE_TEXT_CALIBRATION.relevance_array(cosines)
        except Exception as exc:  # a broken engine must not break the comparison of facts
            notice = f"Text compared by shared words only: the embedding engine failed ({exc.__class__.__name__})."
    elif not engine.available:
        notice = f"Text compared by shared words only: {engine.reason}."
    if not target.countries and not target.grounds and not target.profile and not target.words:
        notice = (notice + " " if notice else "") + "This case has no facts to compare yet (country, grounds, events)."
    results = candidates.index.rank(
        target, top=top, filters=filters, text_scores=text_scores, allowed_case_ids=allowed_case_ids
    )
    return SimilarResults(
        case_id, tuple(results), "facts+meaning" if text_scores is not None else "facts+words", notice
    )


def _fact_json(ref: FactRef) -> dict[str, Any]:
    return {
        "field": ref.field,
        "value": ref.value,
        "citation": ref.citation,
        "suggestion_id": ref.suggestion_id,
        "status": ref.status,
    }


def similar_to_json(results: SimilarResults, coi_citations: Mapping[int, str] | None = None) -> dict[str, Any]:
    """The CLI's JSON for ``similar CASE_ID`` (no outcome key, by construction)."""
    citations = coi_citations or {}
    return {
        "case_id": results.case_id,
        "mode": results.mode,
        "notice": results.notice or None,
        "disclaimer": results.disclaimer,
        "results": [
            {
                "kind": r.kind,
                "id": r.id,
                "reference": r.reference,
                "title": r.title,
                "countries": list(r.countries),
                "grounds": list(r.grounds),
                "decided_on": r.decided_on.isoformat() if r.decided_on else None,
                "similarity": r.similarity,
                "components": dict(r.components),
                "matched": [
                    {
                        "kind": m.kind,
                        "field": m.field,
                        "value": m.value,
                        "why": m.detail,
                        "this_case": [_fact_json(f) for f in m.this_case],
                        "other_case": [_fact_json(f) for f in m.other_case],
                    }
                    for m in r.reasons
                ],
                "passages": [
                    {
                        "this_case": _fact_json(p.this_case),
                        "other_case": _fact_json(p.other_case),
                        "shared_terms": list(p.shared_terms),
                    }
                    for p in r.passages
                ],
                "shared_coi": [{"passage_id": pid, "citation": citations.get(pid)} for pid in r.shared_coi],
            }
            for r in results.results
        ],
    }
