"""Any local Hugging Face token-classification (NER) model, dropped into models/ with a manifest entry.

A deployment adds a better model without code changes::

    [models.my-ner]
    engine = "transformers-ner"
    path = "my-ner"                      # folder under models/ with config.json, weights and tokenizer
    version = "2025-06"
    purpose = "Person and place names in Arabic and Persian"
    languages = ["ar", "fa"]            # pages (or blocks) it is used on; empty = every language

Loaded lazily with ``local_files_only=True`` (never from a hub); transformers and torch are imported on
first use only. Entity labels map to fact fields by their type (PER/PERSON -> person_name, LOC/GPE -> place,
DATE -> date); other types are ignored. Offsets index the page text exactly.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from examiner_app.domain import FactCandidate, FactField, ModelRef, PageText
from examiner_app.errors import ConfigurationError
from examiner_app.models import ModelSpec

log = logging.getLogger(__name__)

LABEL_FIELDS: dict[str, FactField] = {
    "PER": FactField.PERSON_NAME,
    "PERSON": FactField.PERSON_NAME,
    "LOC": FactField.PLACE,
    "GPE": FactField.PLACE,
    "DATE": FactField.DATE,
}
CHUNK_CHARS = 1200  # well under 512 tokens for any script
# Model scores are over-confident on out-of-domain text: suggestions from them rank below the rules' labels.
SCORE_WEIGHT = 0.85
_BREAK = re.compile(r"\n\s*\n|(?<=[.!?。؟])\s+")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans of at most CHUNK_CHARS, cut at paragraph or sentence ends where possible."""
    spans = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cuts = [m.end() for m in _BREAK.finditer(text, start, end)]
            if cuts:
                end = cuts[-1]
        spans.append((start, end))
        start = end
    return spans


class TransformersNerExtractor:
    """Fact suggestions from a token-classification model found through the manifest."""

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        self.name = f"transformers-ner:{spec.name}"
        self.model_ref = ModelRef("transformers", spec.name, spec.provenance_version())
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._pipeline is None:
                path = self.spec.require_path()
                try:
                    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline

                    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                    model = AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True)
                except (OSError, ValueError) as exc:
                    raise ConfigurationError(
                        f"The model '{self.spec.name}' in {path} could not be loaded ({exc}). Check that the folder "
                        "holds config.json, the weights and the tokenizer files."
                    ) from exc
                model.eval()
                self._pipeline = pipeline(
                    "token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="simple", device=-1
                )
            return self._pipeline

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        if self.spec.languages and language not in self.spec.languages:
            return []
        ner = self._load()
        found: list[FactCandidate] = []
        for start, end in _chunks(page.text):
            piece = page.text[start:end]
            if not piece.strip():
                continue
            for entity in ner(piece):
                label = str(entity.get("entity_group", "")).upper().split("-")[-1]
                field = LABEL_FIELDS.get(label)
                if field is None or entity.get("start") is None:
                    continue
                s, e = start + int(entity["start"]), start + int(entity["end"])
                while s < e and page.text[s].isspace():
                    s += 1
                while e > s and page.text[e - 1].isspace():
                    e -= 1
                if e <= s:
                    continue
                value = page.text[s:e]
                found.append(
                    FactCandidate(
                        field=field,
                        value=value,
                        normalized=value if field is FactField.PERSON_NAME else None,
                        start=s,
                        end=e,
                        confidence=round(float(entity.get("score", 0.0)) * SCORE_WEIGHT, 4),
                        model=self.model_ref,
                        note=f"{label} entity from {self.spec.name}",
                    )
                )
        return found
