"""Vietnamese person and place names from underthesea's CRF tagger (``underthesea``, Apache-2.0).

Only the CRF path is used: its weights ship inside the wheel (``files`` in the ``models/manifest.toml`` entry).
``ner(..., deep=True)`` would fetch a transformer from a model hub at run time and is never called. Routing, lazy
loading and the entity filters are those of every single-language engine (:mod:`.language_ner`).

underthesea returns words, not offsets, and may normalise a syllable's tone mark (``hoà`` -> ``hòa``), so each word
is found again in the original line by its letters without marks; a line whose words cannot all be found gives
only the entities found before the mismatch.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .language_ner import Entity, LanguageNerExtractor

# underthesea's __init__ imports these optional pipelines eagerly; where torch and transformers are installed that
# costs ~7 s and ~130 MB for modules NER never uses. They are hidden while underthesea is imported.
_OPTIONAL_MODULES = (
    "underthesea.pipeline.classification",
    "underthesea.pipeline.sentiment",
    "underthesea.pipeline.lang_detect",
    "underthesea.pipeline.dependency_parse",
    "underthesea.pipeline.translate",
    "underthesea.agent",
    "underthesea.address",
)


def _skeleton(text: str) -> str:
    """Letters without tone or vowel marks, case-folded: what tone-mark normalisation leaves unchanged."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).casefold()


def _find_word(line: str, word: str, pos: int) -> tuple[int, int] | None:
    """Where ``word`` (syllables joined by single spaces) starts at or after ``pos`` in ``line``, past whitespace."""
    start = None
    for syllable in word.split():
        while pos < len(line) and line[pos].isspace():
            pos += 1
        if start is None:
            start = pos
        if line.startswith(syllable, pos):
            pos += len(syllable)
            continue
        wanted = _skeleton(syllable)
        for width in (len(syllable), len(syllable) + 1, len(syllable) - 1):
            if width > 0 and _skeleton(line[pos : pos + width]) == wanted:
                pos += width
                break
        else:
            return None
    return (start, pos) if start is not None else None


def align_entities(line: str, tagged: Iterable[tuple[str, str]]) -> Iterator[Entity]:
    """``(word, BIO tag)`` pairs of ``line`` -> ``(label, start, end)`` entities with offsets into ``line``."""
    pos = 0
    current: list[Any] | None = None  # [label, start, end]
    for word, tag in tagged:
        span = _find_word(line, word, pos)
        if span is None:
            break
        pos = span[1]
        if tag.startswith("I-") and current is not None and current[0] == tag[2:]:
            current[2] = span[1]
            continue
        if current is not None:
            yield current[0], current[1], current[2]
            current = None
        if tag.startswith(("B-", "I-")):
            current = [tag[2:], span[0], span[1]]
    if current is not None:
        yield current[0], current[1], current[2]


def _import_ner() -> Callable[..., Any]:
    hidden = [name for name in _OPTIONAL_MODULES if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes its import fail, so underthesea skips it
    try:
        from underthesea.pipeline.ner import ner
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return ner


class UndertheseaNerExtractor(LanguageNerExtractor):
    """Person and place entities from underthesea's CRF NER, on Vietnamese blocks only."""

    engine = "underthesea"

    def _load(self) -> object:
        ner = _import_ner()
        ner("Hà Nội")  # the CRF weights load on the first call: a missing file shows here, not mid-page
        return ner

    def _entities(self, nlp: object, text: str) -> Iterable[Entity]:
        ner: Callable[..., Any] = nlp  # type: ignore[assignment]
        offset = 0
        for line in text.splitlines(keepends=True):
            if line.strip():
                tagged = [(row[0], row[-1]) for row in ner(line.rstrip("\r\n"))]  # deep=False: the CRF in the wheel
                for label, start, end in align_entities(line, tagged):
                    yield label, offset + start, offset + end
            offset += len(line)
