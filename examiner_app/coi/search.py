"""Hybrid COI search: full text and multilingual meaning, fused by reciprocal rank; excerpts for a case.

Full text runs in the database (SQLite FTS5 ``bm25``; PostgreSQL ``ts_rank_cd`` over a ``simple``
tsvector), so it works the same on encrypted SQLite stores. Meaning runs in memory over the
cached vector matrix (``coi.library``). The query is embedded on a helper thread while the
full-text query runs, so the two costs overlap on a two-core machine.

Fusion: a convex combination of the two normalized scores, ``MEANING_WEIGHT * relevance +
TEXT_WEIGHT * text`` where relevance is the calibrated, language-adjusted cosine (0..1, see
``coi.library.VectorIndex.scores`` and ``embeddings.Calibration``) and text is the full-text score
divided by the best one of the query. Reciprocal rank fusion was tried first and lost badly across
languages: a Japanese query matches Japanese passages by words *and* meaning, so RRF let any
Japanese passage outrank the English passage that answers it (dev cross-language recall@3 0.38,
against 0.92 with calibrated scores; docs/coi.md). Passages of a superseded report are demoted
slightly and flagged, never hidden. Vector hits under the calibrated floor are dropped, so a query
the library cannot answer returns few or no results rather than the least bad ones.

Without an available engine (AI off, package missing) search is full text only, and says so in
``SearchResults.notice``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from examiner_app.coi import library as coi_library
from examiner_app.coi import repository as coi_repo
from examiner_app.coi.citation import cite
from examiner_app.coi.embeddings import EmbeddingEngine, NullEmbedder
from examiner_app.coi.glossary import expansion_terms
from examiner_app.coi.text import country_code, country_name, query_terms, unique
from examiner_app.coi.types import CoiHit, ExcerptSuggestion, SearchResults
from examiner_app.domain import FactField, SuggestionStatus
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.coi_orm import CoiDocumentRow, CoiPassageRow

log = logging.getLogger(__name__)

# Chosen on the dev split of evaluation/coi_queries.json (the test split was not used to choose them).
MEANING_WEIGHT = 0.8
TEXT_WEIGHT = 0.2
CANDIDATES = 100  # taken from each search before fusion
# Full-text terms found in more passages than this are left out of the MATCH: ranking every passage
# that contains a common word made FTS5 take ~55 ms at 100,000 passages (2-6 ms without them), and such
# words weigh little in bm25 anyway; the meaning search still reads the whole query.
COMMON_TERM_SHARE = 0.05
COMMON_TERM_MIN = 2000
SUPERSEDED_FACTOR = 0.85
# Other-language wordings of glossary concepts and countries in the query (coi.glossary) join the full-text
# terms, at most this many: they let a passage in another language than the query score on words too.
MAX_EXPANSION_TERMS = 40
# PostgreSQL only (see full_text): the rank of expansion terms counts this much beside the typed terms'.
EXPANSION_WEIGHT = 0.5
MAX_TOP = 200


class _Background:
    """Run one call on a short-lived thread and collect its result or error.

    A thread per search rather than a pool: nothing is left running between searches (the UI tests
    fail on leftover threads), and starting a thread costs well under a millisecond.
    """

    def __init__(self, fn: Any, *args: Any) -> None:
        self._result: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn, *args), name="coi-embed", daemon=True)
        self._thread.start()

    def _run(self, fn: Any, *args: Any) -> None:
        try:
            self._result = fn(*args)
        except BaseException as exc:  # handed to the caller in result()
            self._error = exc

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result


# --- full text -------------------------------------------------------------------------------------


def _fts5_match(terms: Iterable[str]) -> str:
    """An FTS5 query ORing each term as a quoted string, so no user input is read as FTS5 syntax."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _filters(country: str | None, published_from: date | None, published_to: date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if country:
        conditions.append(CoiDocumentRow.country == country)
    if published_from is not None:
        conditions.append(CoiDocumentRow.published >= published_from)
    if published_to is not None:
        conditions.append(CoiDocumentRow.published <= published_to)
    return conditions


def document_frequencies(session: Session, terms: list[str], cap: int) -> dict[str, int]:
    """Passages containing each term, counted up to ``cap``, in one statement for all terms.

    One round trip instead of one query per term: with glossary expansion a query brings several new
    terms, and per-term statements (each compiled by SQLAlchemy) cost more than the counting itself.
    """
    if not terms:
        return {}
    if session.get_bind().dialect.name == "sqlite":
        count = "(SELECT count(*) FROM (SELECT 1 FROM coi_fts WHERE coi_fts MATCH :t{i} LIMIT :cap))"
        params: dict[str, object] = {f"t{i}": _fts5_match([t]) for i, t in enumerate(terms)}
    else:
        count = (
            "(SELECT count(*) FROM (SELECT 1 FROM coi_passages "
            "WHERE search_tsv @@ plainto_tsquery('simple'::regconfig, :t{i}) LIMIT :cap) AS s{i})"
        )
        params = {f"t{i}": t for i, t in enumerate(terms)}
    params["cap"] = cap
    statement = "SELECT " + ", ".join(count.format(i=i) for i in range(len(terms)))
    row = session.execute(text(statement), params).one()
    return {term: int(n or 0) for term, n in zip(terms, row, strict=True)}


def selective_terms(session: Session, lib: coi_library.Library, terms: list[str]) -> list[str]:
    """``terms`` without the ones too common to be worth ranking (the rarest one is always kept)."""
    limit = max(COMMON_TERM_MIN, int(COMMON_TERM_SHARE * lib.passage_count))
    if lib.passage_count <= limit or not terms:
        return terms
    unknown = [t for t in terms if t not in lib.document_frequency]
    lib.document_frequency.update(document_frequencies(session, unknown, limit + 1))
    counts = {term: lib.document_frequency[term] for term in terms}
    kept = [t for t in terms if 0 < counts[t] <= limit]
    if not kept:
        rarest = min(terms, key=lambda t: counts[t])
        kept = [rarest] if counts[rarest] else []
    return kept


def full_text(
    session: Session,
    terms: list[str],
    *,
    country: str | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    limit: int = CANDIDATES,
    expansion: list[str] | None = None,
) -> list[tuple[int, float]]:
    """(passage id, strength) of passages matching any term, best first; strength > 0, higher is better.

    SQLite: FTS5 ``-bm25``; PostgreSQL: ``ts_rank_cd`` over the ``simple`` tsvector. Without filters
    the FTS5 table is queried alone: joining the passages before the sort tripled the cost.
    ``expansion``: other-language wordings of the query's concepts (``coi.glossary``), matched too. On
    SQLite they join the same bm25 query, whose idf already damps wordings many passages contain; on
    PostgreSQL, whose ``ts_rank_cd`` has no idf, their rank counts ``EXPANSION_WEIGHT`` beside the
    typed terms', so a passage with many added wordings cannot outrank the one with the words typed.
    """
    expansion = [t for t in expansion or [] if t not in terms]
    if not terms and not expansion:
        return []
    dialect = session.get_bind().dialect.name
    conditions = _filters(country, published_from, published_to)
    if dialect == "sqlite":
        fts = table("coi_fts", column("rowid"))
        rank = func.bm25(literal_column("coi_fts"))  # lower (more negative) is better
        match = literal_column("coi_fts").op("MATCH")(_fts5_match([*terms, *expansion]))
        if conditions:
            query = (
                select(CoiPassageRow.id, -rank)
                .select_from(fts)
                .join(CoiPassageRow, CoiPassageRow.id == fts.c.rowid)
                .join(CoiDocumentRow, CoiDocumentRow.id == CoiPassageRow.document_id)
                .where(match, *conditions)
            )
        else:
            query = select(fts.c.rowid, -rank).where(match)
        query = query.order_by(rank).limit(limit)
    elif dialect == "postgresql":
        simple: ColumnElement[Any] = literal_column("'simple'::regconfig")
        vector: ColumnElement[Any] = literal_column("coi_passages.search_tsv")

        def any_of(words: list[str]) -> ColumnElement[Any]:
            tsquery: ColumnElement[Any] = func.plainto_tsquery(simple, words[0])
            for word in words[1:]:
                tsquery = tsquery.op("||")(func.plainto_tsquery(simple, word))
            return tsquery

        pg_rank: ColumnElement[Any] = literal_column("0.0")
        matched: list[ColumnElement[Any]] = []
        for words, weight in ((terms, 1.0), (expansion, EXPANSION_WEIGHT)):
            if words:
                tsquery = any_of(words)
                pg_rank = pg_rank + weight * func.ts_rank_cd(vector, tsquery)
                matched.append(tsquery)
        either = matched[0] if len(matched) == 1 else matched[0].op("||")(matched[1])
        query = select(CoiPassageRow.id, pg_rank).where(vector.op("@@")(either))
        if conditions:
            query = query.join(CoiDocumentRow, CoiDocumentRow.id == CoiPassageRow.document_id).where(*conditions)
        query = query.order_by(pg_rank.desc()).limit(limit)
    else:  # pragma: no cover - only the two supported databases
        raise NotImplementedError(f"COI full-text search is not available on {dialect}")
    return [(int(pid), float(strength)) for pid, strength in session.execute(query).all()]


# --- search ----------------------------------------------------------------------------------------


def search_terms(query: str, languages: Collection[str] | None = None) -> tuple[list[str], list[str]]:
    """The query's own terms, and the wordings in ``languages`` of the glossary concepts it mentions."""
    terms = query_terms(query)
    if MAX_EXPANSION_TERMS <= 0:
        return terms, []
    seen = set(terms)
    expansion = " ".join(expansion_terms(query, languages))
    return terms, [t for t in query_terms(expansion, limit=MAX_EXPANSION_TERMS) if t not in seen]


def _fallback_notice(engine: EmbeddingEngine) -> str:
    return f"Full-text search only: {engine.reason}. Passages in other languages than the query are not found."


def search(
    store: Store,
    query: str,
    *,
    country: str | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    top: int = 10,
    engine: EmbeddingEngine | None = None,
    today: date | None = None,
) -> SearchResults:
    """Cited passages for ``query``, best first, optionally limited to a country and a publication window.

    Never raises for an engine problem: the search falls back to full text and says so.
    """
    engine = engine or NullEmbedder()
    query = query.strip()
    top = max(1, min(int(top), MAX_TOP))
    code = country_code(country) if country else None
    filters = {
        "country": code,
        "published_from": published_from.isoformat() if published_from else None,
        "published_to": published_to.isoformat() if published_to else None,
        "top": top,
    }
    if country and code is None:
        return SearchResults(
            query, (), "full_text", f"Unknown country {country!r}: use an ISO code such as LK.", filters
        )
    if not query:
        return SearchResults(query, (), "full_text", "Type what you are looking for.", filters)
    notices: list[str] = []
    future: _Background | None = None
    if engine.available:
        future = _Background(engine.embed_queries, [query])
    with store.session() as session:
        lib = coi_library.library(
            store, session, model=engine.name if engine.available else None, dim=engine.dim if engine.available else 0
        )
        own_terms, more_terms = search_terms(query, lib.languages)

        text_hits = full_text(
            session,
            selective_terms(session, lib, own_terms),
            expansion=selective_terms(session, lib, more_terms),
            country=code,
            published_from=published_from,
            published_to=published_to,
        )
        query_vector: np.ndarray | None = None
        if future is not None:
            try:
                query_vector = future.result()[0]
            except Exception as exc:  # a broken engine must not break search
                log.warning("COI query embedding failed: %s", exc)
                notices.append(f"Full-text search only: the embedding engine failed ({exc.__class__.__name__}).")
        index = lib.vectors.get(engine.name) if query_vector is not None else None
        meaning: dict[int, float] = {}  # passage id -> calibrated relevance (0..1)
        if index is not None and query_vector is not None:
            mask = lib.doc_mask(code, published_from, published_to)
            scores = index.scores(query_vector, mask)  # only the filtered reports' rows are multiplied
            calibration = engine.calibration
            found = index.top_k(scores, CANDIDATES, mask, floor=calibration.floor)
            extra = index.lookup(scores, [pid for pid, _ in text_hits])
            meaning = {pid: calibration.relevance(cos) for pid, cos in [*extra.items(), *found]}
            missing = lib.passage_count - int(index.ids.size)
            if missing > 0:
                notices.append(
                    f"{missing} passages have no vectors from {engine.name} yet and are found by full text only."
                )
        elif not engine.available:
            notices.append(_fallback_notice(engine))
        best_text = max((strength for _, strength in text_hits), default=0.0)
        text_score = {pid: strength / best_text for pid, strength in text_hits if best_text > 0}
        hybrid = index is not None
        fused: dict[int, float] = {}
        for pid in {*text_score, *meaning}:
            if hybrid:
                fused[pid] = MEANING_WEIGHT * meaning.get(pid, 0.0) + TEXT_WEIGHT * text_score.get(pid, 0.0)
            else:
                fused[pid] = text_score.get(pid, 0.0)
        # Demote superseded reports before cutting to ``top``, so only the shown passages are read in full.
        candidates = list(fused)
        for pid, report_id in zip(candidates, lib.reports_of(candidates), strict=True):
            if report_id in lib.superseded_by:
                fused[pid] *= SUPERSEDED_FACTOR
        ranked = sorted(candidates, key=lambda pid: (-fused[pid], pid))[:top]
        # Plain columns for the shown passages; their reports come from the library cache (no ORM objects).
        details = {
            pid: (passage, lib.reports[passage.document_id])
            for pid, passage in coi_repo.passages_only(session, ranked).items()
            if passage.document_id in lib.reports
        }
    today = today or date.today()
    ranked = [pid for pid in ranked if pid in details]
    hits = []
    for pid in ranked:
        passage, report = details[pid]
        relevance = meaning.get(pid) if hybrid else None
        hits.append(
            CoiHit(
                passage=passage,
                report=report,
                score=round(fused[pid], 4),
                relevance=None if relevance is None else round(relevance, 4),
                matched_by=tuple(
                    name
                    for name, matched in (("text", pid in text_score), ("meaning", (relevance or 0.0) > 0))
                    if matched
                ),
                citation=cite(report, passage).short(),
                age_days=(today - report.published).days,
                superseded_by=lib.superseded_by.get(report.id),
            )
        )
    mode = "hybrid" if index is not None else "full_text"
    return SearchResults(query, tuple(hits), mode, " ".join(unique(notices)), filters)


# --- excerpts for a case ---------------------------------------------------------------------------

QUERY_FIELDS = (FactField.EVENT, FactField.CLAIMED_GROUND, FactField.AGENT_OF_PERSECUTION)
COUNTRY_FIELDS = (FactField.COUNTRY_OF_ORIGIN, FactField.NATIONALITY)
MAX_CASE_QUERIES = 12
GROUND_WORDS = {
    "race": "race ethnicity ethnic group",
    "religion": "religion religious minority",
    "nationality": "nationality citizenship stateless",
    "particular_social_group": "particular social group",
    "political_opinion": "political opinion opposition activists",
}


def suggest_excerpts(
    store: Store, case_id: str, top: int = 5, *, engine: EmbeddingEngine | None = None
) -> list[ExcerptSuggestion]:
    """COI passages for a case, found with queries built from its facts (pending and recorded, not rejected).

    Countries come from ``country_of_origin`` / ``nationality`` (normalized codes; an edited value
    is read again), and each ``event``, ``claimed_ground`` and ``agent_of_persecution`` value is one
    query, limited to those countries. ``top`` passages are kept per query; a passage found by
    several facts appears once, listing them all. Already pinned passages are marked ``pinned``.
    """
    with store.session() as session:
        suggestions = [s for s in repo.list_suggestions(session, case_id) if s.status is not SuggestionStatus.REJECTED]
        repo.get_case(session, case_id)  # NotFoundError for an unknown case, even without facts
        pinned = coi_repo.pinned_passages(session, [case_id]).get(case_id, set())
    countries = unique(
        code
        for s in suggestions
        if s.field in COUNTRY_FIELDS
        for code in [country_code(s.reviewed_value if s.status is SuggestionStatus.EDITED else s.normalized or s.value)]
        if code
    )
    queries: list[tuple[str, str | None]] = []
    ordered = sorted(
        (s for s in suggestions if s.field in QUERY_FIELDS),
        key=lambda s: (s.status is SuggestionStatus.PENDING, -s.confidence),  # recorded findings first
    )
    for s in ordered:
        text = s.effective_value.strip()
        if s.field is FactField.CLAIMED_GROUND and len(text) < 30:
            # A bare ground name says little; phrase it as the topic a COI report would discuss.
            ground = (s.normalized or text).strip().lower().replace(" ", "_")
            place = " ".join(country_name(c) for c in countries)
            text = f"{GROUND_WORDS.get(ground, ground.replace('_', ' '))} {place}".strip()
        if text:
            queries.append((text, s.id))
    queries = queries[:MAX_CASE_QUERIES]
    merged: dict[int, tuple[CoiHit, list[str], list[str]]] = {}
    for text, suggestion_id in queries:
        targets: list[str | None] = list(countries) or [None]
        for code in targets:
            results = search(store, text, country=code, top=top, engine=engine)
            for hit in results.hits:
                pid = hit.passage.id
                current = merged.get(pid)
                if current is None:
                    merged[pid] = (hit, [], [])
                    current = merged[pid]
                elif hit.score > current[0].score:
                    merged[pid] = (hit, current[1], current[2])
                    current = merged[pid]
                if suggestion_id and suggestion_id not in current[1]:
                    current[1].append(suggestion_id)
                if text not in current[2]:
                    current[2].append(text)
    ordered_hits = sorted(merged.values(), key=lambda item: (-len(item[1]), -item[0].score))
    return [
        ExcerptSuggestion(hit, tuple(ids), tuple(texts), hit.passage.id in pinned) for hit, ids, texts in ordered_hits
    ]


def hit_json(hit: CoiHit) -> dict[str, object]:
    """One hit as the CLI prints it (../shared/CLI.md fields first, then the extras)."""
    citation = cite(hit.report, hit.passage)
    newer = hit.superseded_by
    return {
        "coi_id": hit.report.id,
        "title": hit.report.title,
        "source": hit.report.source,
        "published": hit.report.published.isoformat(),
        "country": hit.report.country,
        "page": hit.passage.page,
        "paragraph": hit.passage.paragraph,
        "text": hit.passage.text,
        "score": hit.score,
        "passage_id": hit.passage.id,
        "language": hit.passage.language,
        "url": hit.report.url or None,
        "relevance": hit.relevance,
        "matched_by": list(hit.matched_by),
        "age_days": hit.age_days,
        "citation": citation.short(),
        "citation_full": citation.full(),
        "superseded": newer is not None,
        "superseded_by": None
        if newer is None
        else {"coi_id": newer.id, "title": newer.title, "published": newer.published.isoformat()},
        "warning": hit.superseded_warning or None,
        "fictional": hit.report.fictional,
    }
