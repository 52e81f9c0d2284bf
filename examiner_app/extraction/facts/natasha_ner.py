"""Russian person and place names from Natasha (``natasha``: Slovnet NER on Navec embeddings, MIT).

The weights ship inside the ``natasha`` wheel (``files`` in its ``models/manifest.toml`` entry) and are loaded from
there, never fetched; routing, lazy loading and the entity filters are those of every single-language engine
(:mod:`.language_ner`). Natasha labels ``PER``, ``LOC`` and ``ORG``; organisations are not suggested.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .language_ner import Entity, LanguageNerExtractor

#: The manifest's ``files`` entries this engine loads, by role (paths under the natasha package folder).
EMBEDDING_FILE = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_FILE = "data/model/slovnet_ner_news_v1.tar"


class _Natasha:
    """Natasha's sentence segmenter and NER tagger, loaded once."""

    def __init__(self, segmenter: Any, tagger: Any) -> None:
        self.segmenter = segmenter
        self.tagger = tagger

    def entities(self, text: str) -> list[Entity]:
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_ner(self.tagger)
        return [(span.type, span.start, span.stop) for span in doc.spans]


class NatashaNerExtractor(LanguageNerExtractor):
    """Person and place entities from Natasha's news NER, on Russian blocks only."""

    engine = "natasha"

    def _load(self) -> object:
        folder = self.spec.require_path()
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter  # lazy: ~0.5 s, pulls in numpy

        embedding = NewsEmbedding(str(folder / EMBEDDING_FILE))
        return _Natasha(Segmenter(), NewsNERTagger(embedding, str(folder / NER_FILE)))

    def _entities(self, nlp: object, text: str) -> Iterable[Entity]:
        assert isinstance(nlp, _Natasha)
        return nlp.entities(text)
