"""An in-memory view of the COI library per store: reports, "superseded by", and the vector matrix.

Brute force over normalized vectors is fast enough here (a 100,000 x 384 float32 matrix-vector
product takes ~10 ms on two cores; see benchmarks/coi_benchmark.py), so there is no ANN index to
build or keep in step: the matrix is read from the database once and cached in memory per store.

Staleness: this process drops the cache whenever it imports or embeds (``invalidate``). Changes
made by another process (a shared PostgreSQL store) are noticed by a cheap "stamp" query run at most
every ``STAMP_INTERVAL`` seconds, so one search in that window may miss the newest report.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from examiner_app.coi.embeddings import VECTOR_DTYPE, normalize_rows
from examiner_app.coi.repository import report_to_domain
from examiner_app.coi.types import CoiReport
from examiner_app.store import Store
from examiner_app.store.coi_orm import CoiDocumentRow, CoiPassageRow

STAMP_INTERVAL = 5.0
LANGUAGE_SHRINK = 5.0  # passages; chosen on the dev queries (evaluation/coi_eval.py)


@dataclass
class VectorIndex:
    """Unit vectors of one embedding model, one row per passage that has one.

    Multilingual models give every passage in the query's own language a head start (a Japanese
    query scores all Japanese passages higher than English ones on the same topic). ``scores``
    removes that offset: each passage's cosine is lowered by its language's mean cosine for this
    query minus the overall mean, shrunk towards zero for languages with few passages
    (``LANGUAGE_SHRINK``). On the dev queries (with the score fusion of coi.search) this lifted
    cross-language recall@3 from 0.62 to 0.92 with no loss for same-language queries (docs/coi.md).
    """

    model: str
    ids: np.ndarray  # int64 passage ids, ascending
    doc_index: np.ndarray  # int32 index into Library.report_ids
    matrix: np.ndarray  # (n, dim) float32, rows L2-normalized
    lang_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # index into languages
    languages: list[str] = field(default_factory=list)
    lang_means: np.ndarray = field(
        default_factory=lambda: np.zeros((0, 0), dtype=VECTOR_DTYPE)
    )  # mean vector per language
    lang_weights: np.ndarray = field(default_factory=lambda: np.zeros(0))  # n / (n + LANGUAGE_SHRINK) per language
    overall_mean: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=VECTOR_DTYPE))

    def __post_init__(self) -> None:
        if self.ids.size and len(self.languages) >= 2 and self.lang_means.size == 0:
            counts = np.bincount(self.lang_index, minlength=len(self.languages)).astype(np.float64)
            onehot = np.zeros((self.ids.size, len(self.languages)), dtype=VECTOR_DTYPE)
            onehot[np.arange(self.ids.size), self.lang_index] = 1.0
            sums = onehot.T @ self.matrix  # one BLAS call instead of a slow scatter-add
            self.lang_means = (sums / np.maximum(counts, 1.0)[:, None]).astype(VECTOR_DTYPE)
            self.lang_weights = counts / (counts + LANGUAGE_SHRINK)
            self.overall_mean = self.matrix.mean(axis=0, dtype=np.float64).astype(VECTOR_DTYPE)

    def scores(self, query: np.ndarray, doc_mask: np.ndarray | None = None) -> np.ndarray:
        """Language-adjusted cosine of ``query`` with every passage (same order as ``ids``).

        The mean cosine over a language's passages is the query's dot product with their mean
        vector, so the adjustment costs one small (languages x dim) product, not a pass over all rows.
        With ``doc_mask`` (reports passing the filters) only those reports' rows are multiplied and the
        others score -inf: a country filter reads ~1/40 of the matrix instead of all of it. The
        language offsets stay those of the whole library, so a filter does not change a passage's score.
        """
        query = query.astype(VECTOR_DTYPE, copy=False)
        rows: np.ndarray | None = None
        if doc_mask is not None and self.ids.size:
            rows = np.flatnonzero(doc_mask[self.doc_index])
            raw = np.full(self.ids.size, -np.inf, dtype=VECTOR_DTYPE)
            raw[rows] = self.matrix[rows] @ query
        else:
            raw = self.matrix @ query
        if raw.size == 0 or self.lang_means.shape[0] < 2:
            return raw
        offsets = (self.lang_weights * (self.lang_means @ query - float(self.overall_mean @ query))).astype(
            VECTOR_DTYPE
        )
        if rows is not None:
            raw[rows] -= offsets[self.lang_index[rows]]
            return raw
        return raw - offsets[self.lang_index]

    def top_k(
        self, scores: np.ndarray, k: int, doc_mask: np.ndarray | None = None, floor: float = -np.inf
    ) -> list[tuple[int, float]]:
        """The k best passages by ``scores`` (from :meth:`scores`) among reports where ``doc_mask`` is True."""
        if self.ids.size == 0 or k <= 0:
            return []
        if doc_mask is not None:
            scores = np.where(doc_mask[self.doc_index], scores, -np.inf)
        k = min(k, scores.shape[0])
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i]) and scores[i] >= floor]

    def lookup(self, scores: np.ndarray, ids: list[int]) -> dict[int, float]:
        """``scores`` of the listed passage ids that have a vector here."""
        if not ids or self.ids.size == 0:
            return {}
        wanted = np.array(ids, dtype=np.int64)
        rows = np.clip(np.searchsorted(self.ids, wanted), 0, self.ids.size - 1)
        found = self.ids[rows] == wanted
        return {int(pid): float(scores[row]) for pid, row in zip(wanted[found], rows[found], strict=True)}


@dataclass
class Library:
    """Reports and derived facts for one store at one moment."""

    stamp: tuple[object, ...]
    reports: dict[str, CoiReport]
    report_ids: list[str]
    countries: np.ndarray  # per report, '<U2'
    published: np.ndarray  # per report, proleptic ordinal (int64)
    superseded_by: dict[str, CoiReport]
    passage_ids: np.ndarray  # int64, ascending: every passage
    passage_docs: np.ndarray  # int32 index into report_ids, aligned with passage_ids
    vectors: dict[str, VectorIndex] = field(default_factory=dict)
    document_frequency: dict[str, int] = field(default_factory=dict)  # full-text term -> passages (capped)
    languages: frozenset[str] = frozenset()  # of the reports: which wordings query expansion may add

    @property
    def passage_count(self) -> int:
        return int(self.passage_ids.size)

    def reports_of(self, passage_ids: list[int]) -> list[str | None]:
        """Report id of each passage id (None for an id this snapshot does not know)."""
        if not passage_ids or self.passage_ids.size == 0:
            return [None] * len(passage_ids)
        wanted = np.array(passage_ids, dtype=np.int64)
        rows = np.clip(np.searchsorted(self.passage_ids, wanted), 0, self.passage_ids.size - 1)
        found = self.passage_ids[rows] == wanted
        return [self.report_ids[self.passage_docs[r]] if ok else None for r, ok in zip(rows, found, strict=True)]

    def doc_mask(
        self, country: str | None, published_from: date | None, published_to: date | None
    ) -> np.ndarray | None:
        """Which reports pass the filters (None when there is no filter)."""
        if not country and published_from is None and published_to is None:
            return None
        mask = np.ones(len(self.report_ids), dtype=bool)
        if country:
            mask &= self.countries == country.upper()
        if published_from is not None:
            mask &= self.published >= published_from.toordinal()
        if published_to is not None:
            mask &= self.published <= published_to.toordinal()
        return mask


def compute_superseded(reports: list[CoiReport]) -> dict[str, CoiReport]:
    """Report id -> the newest later report from the same source about the same country."""
    newest: dict[tuple[str, str], CoiReport] = {}
    for report in reports:
        key = (report.source.strip().casefold(), report.country)
        current = newest.get(key)
        if current is None or report.published > current.published:
            newest[key] = report
    out: dict[str, CoiReport] = {}
    for report in reports:
        latest = newest[(report.source.strip().casefold(), report.country)]
        if latest.published > report.published:
            out[report.id] = latest
    return out


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.library: Library | None = None
        self.checked_at = 0.0


_caches: weakref.WeakKeyDictionary[Store, _Cache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def _cache(store: Store) -> _Cache:
    with _caches_lock:
        cache = _caches.get(store)
        if cache is None:
            cache = _caches[store] = _Cache()
        return cache


def invalidate(store: Store) -> None:
    """Forget the cached library of ``store`` (after an import or an embedding run)."""
    cache = _cache(store)
    with cache.lock:
        cache.library = None


def _stamp(session: Session) -> tuple[object, ...]:
    """Cheap to read at 100,000 passages: report count and newest import, highest passage id.

    Counting passages that have vectors would scan the table (~100 ms at 100,000 passages with
    their vectors). Vectors added later by another process's ``embed_missing`` are therefore seen
    after the next import or a restart; this process's own runs invalidate the cache directly.
    """
    documents = session.execute(select(func.count(CoiDocumentRow.id), func.max(CoiDocumentRow.imported_at))).one()
    last_passage = session.scalar(select(func.max(CoiPassageRow.id)))
    return (documents[0], str(documents[1]), last_passage)


def _load(session: Session, stamp: tuple[object, ...]) -> Library:
    rows = session.execute(select(CoiDocumentRow).order_by(CoiDocumentRow.id)).scalars().all()
    reports = [report_to_domain(r) for r in rows]
    position = {r.id: i for i, r in enumerate(reports)}
    pairs = [
        (pid, position[doc])
        for pid, doc in session.execute(
            select(CoiPassageRow.id, CoiPassageRow.document_id).order_by(CoiPassageRow.id)
        ).all()
        if doc in position
    ]
    return Library(
        stamp=stamp,
        reports={r.id: r for r in reports},
        report_ids=[r.id for r in reports],
        countries=np.array([r.country for r in reports], dtype="<U2"),
        published=np.array([r.published.toordinal() for r in reports], dtype=np.int64),
        superseded_by=compute_superseded(reports),
        passage_ids=np.array([p for p, _ in pairs], dtype=np.int64),
        passage_docs=np.array([d for _, d in pairs], dtype=np.int32),
        languages=frozenset(r.language for r in reports if r.language),
    )


def _load_vectors(session: Session, library: Library, model: str, dim: int) -> VectorIndex:
    position = {report_id: i for i, report_id in enumerate(library.report_ids)}
    ids: list[int] = []
    docs: list[int] = []
    langs: list[int] = []
    languages: dict[str, int] = {}
    blobs: list[bytes] = []
    query = (
        select(CoiPassageRow.id, CoiPassageRow.document_id, CoiPassageRow.language, CoiPassageRow.embedding)
        .where(CoiPassageRow.embedding_model == model)
        .order_by(CoiPassageRow.id)
        .execution_options(yield_per=5000)
    )
    expected = dim * 4
    for passage_id, document_id, language, raw in session.execute(query):
        if raw is None or len(raw) != expected or document_id not in position:
            continue  # a vector of another width cannot be compared; the passage stays findable by full text
        ids.append(passage_id)
        docs.append(position[document_id])
        langs.append(languages.setdefault(language or "und", len(languages)))
        blobs.append(raw)
    if blobs:
        matrix = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), dim)
        matrix = normalize_rows(matrix)
    else:
        matrix = np.zeros((0, dim), dtype=VECTOR_DTYPE)
    return VectorIndex(
        model,
        np.array(ids, dtype=np.int64),
        np.array(docs, dtype=np.int32),
        matrix,
        np.array(langs, dtype=np.int32),
        list(languages),
    )


def library(store: Store, session: Session, *, model: str | None = None, dim: int = 0) -> Library:
    """The cached library of ``store``, reloaded when the stamp changed; with vectors of ``model`` if given."""
    cache = _cache(store)
    with cache.lock:
        now = time.monotonic()
        current = cache.library
        if current is None or now - cache.checked_at > STAMP_INTERVAL:
            stamp = _stamp(session)
            cache.checked_at = now
            if current is None or current.stamp != stamp:
                current = cache.library = _load(session, stamp)
        if model and dim and model not in current.vectors:
            current.vectors[model] = _load_vectors(session, current, model, dim)
        return current
