"""Person and place names from single-language spaCy pipelines (``ja-ginza``, ``fr-core-news-sm``, ...).

Each pipeline is a ``models/manifest.toml`` entry with ``engine = "spacy"`` and its ``languages``; routing, lazy
loading and the entity filters are those of every single-language engine (:mod:`.language_ner`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import trim_span
from .language_ner import Entity, LanguageNerExtractor


def _is_katakana_name_char(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or ch in "ー・="


def _whole_katakana_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A katakana name GiNZA cut at a middle dot ("チョー・[ミン・テッ]") widened to the whole dotted name."""
    if not all(_is_katakana_name_char(ch) for ch in text[start:end]):
        return start, end
    while start > 0 and _is_katakana_name_char(text[start - 1]):
        start -= 1
    while end < len(text) and _is_katakana_name_char(text[end]):
        end += 1
    return trim_span(text, start, end, "・=")


class SpacyNerExtractor(LanguageNerExtractor):
    """Person and place entities from one single-language spaCy pipeline, on blocks in its languages only."""

    engine = "spacy"

    def _load(self) -> object:
        from examiner_app.models import load_spacy

        return load_spacy(self.spec)

    def _entities(self, nlp: object, text: str) -> Iterable[Entity]:
        doc = nlp(text)  # type: ignore[operator]
        return [(ent.label_, ent.start_char, ent.end_char) for ent in doc.ents]

    def _person_span(self, text: str, start: int, end: int) -> tuple[int, int]:
        return _whole_katakana_name(text, start, end)
