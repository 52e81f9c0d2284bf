"""Who the applicant says they are, and what they say happened: names, documents, MRZ, family,
religion, ethnicity, languages, the Convention grounds they invoke, events and their agents.

Everything here *tags what the text states*. ``claimed_ground`` marks a sentence in which the
applicant connects what happened to one of the five Convention grounds; it is never an assessment of
whether the ground applies. Negated, questioned and third-party statements are left out or marked.

Rules cover every language we know cue words for; :class:`SpacyPersonExtractor` adds English PERSON
entities from spaCy when AI is on and the model is installed.
"""

from __future__ import annotations

import re

from examiner_app.domain import FactCandidate, FactField, PageText

from .base import (
    NormText,
    candidate,
    fold,
    is_arabic_script,
    is_cjk,
    language_base,
    rules_model,
    trim_span,
)
from .events import (
    EventFacts,
)
from .groups import (
    GroupFacts,
)
from .identity_cues import (
    _AGENT_M,
    _AGENTS,
    _COUNTED_LATIN,
    _DOC_NUMBER,
    _EMPTY_VALUES,
    _ETHNIC_M,
    _GROUND_M,
    _LABEL_LOOKUP,
    _LABEL_RE,
    _LANGUAGE_M,
    _LIST_RELATIONS,
    _NO_VALUES,
    _POSSESSIVE_LATIN,
    _RELATION_M,
    _RELIGION_M,
    _SUMMARY_OF_APPLICANT,
    _THIRD_POSSESSIVE_LATIN,
    _TURKISH_POSSESSIVE,
    AGENT_L,
    DOCUMENT,
    ETHNICITY_L,
    FAMILY,
    FAMILY_LIST,
    GROUNDS_L,
    LANGUAGE_L,
    NAME,
    PERSON,
    PRIOR_L,
    RELIGION_L,
    _label_value_span,
    _sentences,
    _valid_name,
)
from .mrz import (
    DocumentFacts,
    Mrz,
    mrz_check_digit,
    parse_mrz,
)
from .person_names import (
    _CHILD_OF,
    NameFacts,
    SpacyPersonExtractor,
    _latin_name_after,
    _script_name_after,
)
from .places import find_places

# --------------------------------------------------------------------------------------------
# The rule extractor
# --------------------------------------------------------------------------------------------


class IdentityExtractor(DocumentFacts, NameFacts, GroupFacts, EventFacts):
    """Rule-based identity, family, documents, MRZ, religion, ethnicity, language, grounds, events."""

    name = NAME

    def __init__(self, include_relation_only: bool = True) -> None:
        self.model = rules_model(NAME)
        # "my brother was arrested" names a relative without a name; useful, so reported at low confidence.
        self.include_relation_only = include_relation_only

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        text = page.text
        if not text.strip():
            return []
        lang = language_base(language)
        nt = NormText(text)
        spans = _sentences(text)
        out: list[FactCandidate] = []
        out.extend(self._labelled(text))
        out.extend(self._mrz(text))
        out.extend(self._stated_name(text))
        # a number already read from its labelled field is not suggested twice
        out.extend(
            d for d in self._narrative_documents(text) if not any(o.start < d.end and d.start < o.end for o in out)
        )
        labelled_family = [c for c in out if c.field is FactField.FAMILY_MEMBER]
        # "கணவர்: சிவலிங்கம் சுதன்": the relation word is the label of a value already suggested, not a mention
        family = [
            f
            for f in self._family(text, nt)
            if not any(
                f.end <= c.start
                and "\n" not in text[f.end : c.start]
                and (not text[f.end : c.start].strip(" \t:：-") or "name" not in dict(f.attributes))
                for c in labelled_family
            )
        ]
        out.extend(family)
        out.extend(self._relatives_as_persons(text, [c for c in out if c.field is FactField.FAMILY_MEMBER]))
        out.extend(self._answered_name(text))
        out.extend(
            c
            for c in self._other_persons(text)
            if not any(o.field is FactField.PERSON_NAME and o.start < c.end and c.start < o.end for o in out)
        )
        out.extend(self._self_description(text, nt, spans))
        names = [
            (c.start, c.end)
            for c in out
            if c.field in (FactField.PERSON_NAME, FactField.RELIGION, FactField.ETHNICITY)  # names; labelled values
        ]
        out.extend(self._group_mentions(text, nt, spans, lang, names))
        out.extend(self._narrative(text, nt, spans, lang))
        out.extend(self._agent_mentions(text, nt, spans, out))
        # a religion or group word inside a longer place name is the place: "اسلام آباد" (Islamabad)
        places = [(h.start, h.end) for h in find_places(text)]
        return [
            c
            for c in out
            if c.field not in (FactField.RELIGION, FactField.ETHNICITY)
            or not any(s <= c.start and c.end <= e and e - s > c.end - c.start for s, e in places)
        ]

    # -- labelled fields ----------------------------------------------------------------------
    def _labelled(self, text: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        folded = fold(text)
        for m in _LABEL_RE.finditer(folded):
            label = _LABEL_LOOKUP.get(m.group("label").casefold())
            if label is None:
                continue
            span = _label_value_span(folded, m)
            if span is None:
                continue
            vstart, vend, mode = span
            # "Saraswathy ARULNESAN (Jaffna)": the remark in brackets is not part of the value
            cut = re.search(r"[(（]", folded[vstart:vend])
            core_start, core_end = trim_span(text, vstart, vstart + cut.start() if cut else vend, ".,;:-")
            if core_end <= core_start:
                continue
            value = text[core_start:core_end]
            label_text = text[m.start("label") : m.end("label")]
            where = "on the line under" if mode == "eol" else "of"
            note = f"value {where} the field '{label_text}'"
            conf = 0.9 if mode == "strict" else 0.8
            if (
                label.kind == FAMILY
                and mode != "strict"
                and len(label_text.split()) == 1
                and not label_text.isascii()
                and not is_cjk(label_text[0])
            ):
                continue  # "پدر من ...", "கணவர் ...": a relation word opening a sentence is a label only with a colon
            if label.kind == PERSON:
                if _valid_name(value):
                    attrs = [("name_part", label.detail)] if label.detail != "full" else []
                    out.append(
                        candidate(
                            text,
                            FactField.PERSON_NAME,
                            core_start,
                            core_end,
                            " ".join(value.split()),
                            conf,
                            self.model,
                            note,
                            attrs,
                        )
                    )
            elif label.kind == FAMILY:
                if _valid_name(value):
                    name = " ".join(value.split())
                    out.append(
                        candidate(
                            text,
                            FactField.FAMILY_MEMBER,
                            core_start,
                            core_end,
                            label.detail,
                            conf - 0.05,
                            self.model,
                            f"{note} ({label.detail})",
                            [("relation", label.detail), ("name", name)],
                        )
                    )
            elif label.kind == FAMILY_LIST:
                default = _LIST_RELATIONS.get(fold(label_text).casefold())
                out.extend(self._family_list(text, vstart, vend, note, conf - 0.05, default))
            elif label.kind == DOCUMENT:
                dm = _DOC_NUMBER.match(folded, core_start)
                if dm is None or dm.end(1) > vend + 1:
                    continue
                s, e = trim_span(text, dm.start(1), dm.end(1), "-/")
                number = re.sub(r"\s", "", folded[s:e]).upper()
                out.append(
                    candidate(
                        text,
                        FactField.DOCUMENT_NUMBER,
                        s,
                        e,
                        number,
                        conf,
                        self.model,
                        note,
                        [("document_type", label.detail)],
                    )
                )
            elif label.kind in (RELIGION_L, ETHNICITY_L, LANGUAGE_L, GROUNDS_L, AGENT_L):
                out.extend(self._labelled_keyword(text, label.kind, vstart, vend, note, conf))
            elif label.kind == PRIOR_L:
                out.append(self._labelled_prior(text, core_start, core_end, note, conf))
        return out

    def _family_list(
        self, text: str, a: int, b: int, note: str, conf: float, default: str | None = None
    ) -> list[FactCandidate]:
        """ "والدي عبد الرحمن هارون، والدتي حواء آدم، أخي إبراهيم (مفقود)": relation + name, item by item; also
        "Ali (son), Sara (daughter)" (the relation in brackets) and, under "Children:", a bare name (``default``)."""
        out: list[FactCandidate] = []
        pos = a
        for part in re.split(r"([,،;、])", text[a:b]):
            start, end = pos, pos + len(part)
            pos = end
            if part in ",،;、":
                continue
            cut = re.search(r"[(（]", part)
            hits = _RELATION_M.find_in(part)
            relation: str | None = None
            if hits and not part[: hits[0].start].strip():
                relation = str(hits[0].payload)
                ns, ne = trim_span(text, start + hits[0].end, start + (cut.start() if cut else len(part)), ".:：のは-")
            else:
                bracket = re.search(r"[(（]([^)）]{1,25})[)）]", part)
                inner = _RELATION_M.find_in(bracket.group(1)) if bracket else []
                if inner:
                    relation = str(inner[0].payload)
                elif default is not None:
                    relation = default
                else:
                    continue
                ns, ne = trim_span(text, start, start + (cut.start() if cut else len(part)), ".:：のは-")
            if ne <= ns or not _valid_name(text[ns:ne]):
                continue
            name = " ".join(text[ns:ne].split())
            out.append(
                candidate(
                    text,
                    FactField.FAMILY_MEMBER,
                    ns,
                    ne,
                    relation,
                    conf,
                    self.model,
                    f"{note} ({relation})",
                    [("relation", relation), ("name", name)],
                )
            )
        return out

    def _labelled_prior(self, text: str, a: int, b: int, note: str, conf: float) -> FactCandidate:
        value = fold(text[a:b]).casefold().strip()
        if value in _EMPTY_VALUES or value in _NO_VALUES:
            normalized, attrs = "none", [("negated", "yes")]
        else:
            places = [p for p in find_places(text[a:b]) if p.payload.cc]
            normalized = places[0].payload.cc or "yes" if places else "yes"
            attrs = []
        return candidate(text, FactField.PRIOR_APPLICATION, a, b, normalized, conf - 0.1, self.model, note, attrs)

    def _labelled_keyword(self, text: str, kind: str, a: int, b: int, note: str, conf: float) -> list[FactCandidate]:
        sub = NormText(text[a:b])
        field, matcher = {
            RELIGION_L: (FactField.RELIGION, _RELIGION_M),
            ETHNICITY_L: (FactField.ETHNICITY, _ETHNIC_M),
            LANGUAGE_L: (FactField.LANGUAGE_SPOKEN, _LANGUAGE_M),
            GROUNDS_L: (FactField.CLAIMED_GROUND, _GROUND_M),
            AGENT_L: (FactField.AGENT_OF_PERSECUTION, _AGENT_M),
        }[kind]
        out = []
        seen: set[str] = set()
        for h in matcher.find(sub)[:6]:
            if h.payload in seen:
                continue
            seen.add(h.payload)
            attrs: list[tuple[str, str]] = []
            if kind == GROUNDS_L:
                attrs = [("ground", h.payload)]
            elif kind == AGENT_L:
                attrs = [("agent_type", _AGENTS[h.payload][0])]
            out.append(candidate(text, field, a + h.start, a + h.end, h.payload, conf, self.model, note, attrs))
        return out

    # -- MRZ ----------------------------------------------------------------------------------
    # -- family -------------------------------------------------------------------------------
    def _family(self, text: str, nt: NormText) -> list[FactCandidate]:
        """Relatives named in the narrative: "my brother Ahmad", "兄のアフマド", "برادرم احمد".

        The suggestion cites the name; the relation is an attribute. A relation without a name
        ("my father was a teacher") is reported once per relation and page, at a low confidence, if
        ``include_relation_only``.
        """
        out: list[FactCandidate] = []
        bare: list[FactCandidate] = []
        seen_relation: set[str] = set()
        summary = len(_SUMMARY_OF_APPLICANT.findall(text)) >= 2  # an interview summary: "her mother" is the applicant's
        for h in _RELATION_M.find(nt):
            word = text[h.start : h.end]
            latin = word[0].isascii() or ord(word[0]) < 0x250
            span: tuple[int, int] | None = None
            if latin:
                before = text[max(0, h.start - 30) : h.start]
                possessive = (
                    _POSSESSIVE_LATIN.search(before)
                    or _TURKISH_POSSESSIVE.search(word)
                    or (summary and _THIRD_POSSESSIVE_LATIN.search(before))
                )
                if not possessive and not _COUNTED_LATIN.search(before):
                    continue  # "son" / "partner" as ordinary words; only "my brother", "one younger brother"
                span = _latin_name_after(text, h.end, 3)
                if span is not None and text[h.end : span[0]].count(",") > 1:
                    span = None
                if span is None and not possessive:
                    continue
            elif is_arabic_script(word[0]) or is_cjk(word[0]):
                span = _script_name_after(text, h.end)
                if is_cjk(word[0]) and span is None and len(word) == 1:
                    # 父/母/兄 alone appear inside many words (母国 is not a mother): only as a word of its own,
                    # "母が亡くなりました", "弟を連行しました"
                    prev = text[h.start - 1] if h.start > 0 else " "
                    nxt = text[h.end] if h.end < len(text) else " "
                    if nxt not in "がをはともにの、" or "\u4e00" <= prev <= "\u9fff":
                        continue
            if span is not None:
                name = " ".join(text[span[0] : span[1]].split())
                if not _valid_name(name):
                    continue
                # cite the relation with the name ("brother Ahmad", "برادرم احمد"): the relation is the fact
                start, end = (h.start, span[1]) if h.start < span[0] else (span[0], h.end)
                out.append(
                    candidate(
                        text,
                        FactField.FAMILY_MEMBER,
                        start,
                        end,
                        h.payload,
                        0.75,
                        self.model,
                        f"{h.payload} named after '{word}'",
                        [("relation", h.payload), ("name", name)],
                    )
                )
            elif self.include_relation_only:
                # every mention is cited (a later "my son" is the same relative, at a lower confidence)
                repeated = h.payload in seen_relation
                seen_relation.add(h.payload)
                bare.append(
                    candidate(
                        text,
                        FactField.FAMILY_MEMBER,
                        h.start,
                        h.end,
                        h.payload,
                        0.4 if repeated else 0.45,
                        self.model,
                        f"relative mentioned ('{word}'), no name given" + (" (again)" if repeated else ""),
                        [("relation", h.payload)],
                    )
                )
        out.extend(bare)
        out.extend(self._child_of(text))
        return out

    def _child_of(self, text: str) -> list[FactCandidate]:
        """ "son of X", "fils de X", "S/O X", "فرزند X", Urdu "ولد X": X is the father, named."""
        out: list[FactCandidate] = []
        for m in _CHILD_OF.finditer(text):
            word = m.group(0)
            span = _latin_name_after(text, m.end(), 3) if word[0].isascii() else _script_name_after(text, m.end())
            if span is None or text[m.end() : span[0]].count("\n"):
                continue
            name = " ".join(text[span[0] : span[1]].split())
            if not _valid_name(name):
                continue
            out.append(
                candidate(
                    text,
                    FactField.FAMILY_MEMBER,
                    m.start(),
                    span[1],
                    "father",
                    0.6,
                    self.model,
                    f"father named after '{word.strip()}'",
                    [("relation", "father"), ("name", name)],
                )
            )
        return out


__all__ = ["IdentityExtractor", "Mrz", "SpacyPersonExtractor", "mrz_check_digit", "parse_mrz"]
