"""The fictional sample cases as the review sees them, without OCR: the rule extractors (AI off, deterministic)
run on each page's ground-truth text and give the suggestions, with provenance (file, page, characters).

Shared by the evidence-view tests and the review key-press benchmark. The ground-truth text is what OCR reads
at CER 0.00-0.07 on these pages (resources/samples/README.md), so the suggestions are close to what an import
of the files gives with AI off; they are not identical (OCR slips, and AI engines add events and names).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from examiner_app.domain import (
    LanguageGuess,
    ModelRef,
    PageText,
    Provenance,
    Suggestion,
    SuggestionStatus,
)
from examiner_app.extraction.facts import default_extractors, extract_facts

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


@dataclass(frozen=True)
class SampleCase:
    slug: str
    suggestions: tuple[Suggestion, ...]
    page_texts: dict[tuple[str, int], str]  # (document id, page) -> text
    files: dict[str, str]  # document id -> file name


def _language(text: str) -> str:
    """The dominant script's language, enough to choose calendars and cue words (as in test_facts_samples)."""
    counts: dict[str, int] = {}
    for ch in text:
        cp = ord(ch)
        key = None
        if 0x0600 <= cp <= 0x06FF:
            key = "fa" if ch in "پچژگکی" else "ar"
        elif 0x3040 <= cp <= 0x30FF or 0x4E00 <= cp <= 0x9FFF:
            key = "ja"
        elif 0x0B80 <= cp <= 0x0BFF:
            key = "ta"
        elif 0x0D80 <= cp <= 0x0DFF:
            key = "si"
        elif ch.isalpha() and cp < 0x250:
            key = "en"
        if key:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return "und"
    if counts.get("fa", 0) >= 2:
        counts["fa"] += counts.pop("ar", 0)
    return max(counts, key=lambda k: counts[k])


def sample_slugs() -> list[str]:
    return sorted(p.parent.name for p in SAMPLES.glob("*/ground_truth.json"))


def load_sample(slug: str) -> SampleCase:
    truth = json.loads((SAMPLES / slug / "ground_truth.json").read_text(encoding="utf-8"))
    extractors = default_extractors(ai_enabled=False)
    suggestions: list[Suggestion] = []
    texts: dict[tuple[str, int], str] = {}
    files: dict[str, str] = {}
    for d_index, document in enumerate(truth["documents"]):
        doc_id = f"{slug}-doc{d_index + 1}"
        files[doc_id] = document["file"]
        for page_data in document["pages"]:
            text = unicodedata.normalize("NFC", page_data["text"])
            number = int(page_data["page"])
            texts[(doc_id, number)] = text
            page = PageText(number, text, languages=(LanguageGuess(_language(text), 0.9),))
            for c in extract_facts(page, extractors):
                suggestions.append(
                    Suggestion(
                        id=f"{doc_id}-p{number}-{len(suggestions) + 1}",
                        case_id=slug,
                        field=c.field,
                        value=c.value,
                        normalized=c.normalized,
                        confidence=c.confidence,
                        provenance=Provenance(
                            doc_id, document["file"], number, c.start, c.end, (), ModelRef(*_model(c.model))
                        ),
                        status=SuggestionStatus.PENDING,
                        note=c.note,
                        attributes=c.attributes,
                    )
                )
    return SampleCase(slug, tuple(suggestions), texts, files)


def _model(model: ModelRef) -> tuple[str, str, str]:
    return model.engine, model.model, model.version
