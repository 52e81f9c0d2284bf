"""Nationality, ethnicity, religion and languages the applicant states about themselves, and mentions of
religious and ethnic groups in the narrative.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from examiner_app.domain import FactCandidate, FactField, ModelRef

from .base import (
    KeywordMatcher,
    NormText,
    candidate,
    normalize_key,
)
from .events import (
    _filler,
    _sentence_of,
)
from .identity_cues import (
    _AMBIGUOUS_GROUP_WORDS,
    _ETHNIC_M,
    _ETHNIC_TR_M,
    _FIRST_PERSON,
    _GROUP_JOIN,
    _GROUP_WORDS_M,
    _LANGUAGE_M,
    _RELIGION_M,
    _RELIGION_TR_M,
    _SELF_CUES,
    _THIRD_PERSON,
    _WEAK_ETHNICITIES,
    _group_family,
    _is_question,
    _names_a_cause,
    _names_organisation,
    _negated,
)


class GroupFacts:
    """Religion, ethnicity, nationality and languages stated or mentioned. A part of :class:`~.identity.IdentityExtractor`."""

    model: ModelRef
    include_relation_only: bool

    def _self_description(self, text: str, nt: NormText, spans: Sequence[tuple[int, int]]) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        cues = _SELF_CUES.find(nt)
        # religion and ethnicity: see _group_mentions
        tables: list[tuple[FactField, KeywordMatcher[str]]] = [(FactField.LANGUAGE_SPOKEN, _LANGUAGE_M)]
        for field, matcher in tables:
            last_language_end = -1
            for h in matcher.find(nt):
                if _is_question(text, *_sentence_of(spans, h.start)):
                    continue
                sa, sb = _sentence_of(spans, h.start)
                before = [c for c in cues if sa <= c.start and c.end <= h.start and h.start - c.end <= 14]
                after = [
                    c
                    for c in cues
                    if c.start >= h.end and c.end <= sb and c.start - h.end <= 3 and c.payload == "after"
                ]
                if field is FactField.LANGUAGE_SPOKEN:
                    speak = [c for c in before if c.payload == "speak" and _filler(text[c.end : h.start])]
                    # the verb after the language: "اردو بھی بولتا ہوں", "ビルマ語を話します", "日本語は日常会話"
                    spoken_after = [
                        c
                        for c in cues
                        if c.payload == "speak_after"
                        and h.end <= c.start <= h.end + 6
                        and c.end <= sb
                        and not text[h.end : c.start].strip(" \t\u200cはをがも")
                    ]
                    # "I speak Dari and Pashto": a language listed right after an accepted one
                    listed = last_language_end >= 0 and bool(
                        re.fullmatch(
                            r"\s*(?:,|and|et|und|&|و|،|、|と|y|or|ou)?\s*(?:and\s+)?", text[last_language_end : h.start]
                        )
                    )
                    if not speak and not spoken_after and not listed:
                        continue
                    last_language_end = h.end
                    used_cue = speak[-1] if speak else spoken_after[0] if spoken_after else None
                    cue = text[used_cue.start : used_cue.end] if used_cue else "listed with the previous language"
                    out.append(
                        candidate(
                            text,
                            field,
                            h.start,
                            h.end,
                            h.payload,
                            0.8,
                            self.model,
                            f"language the applicant speaks ('{cue}')",
                        )
                    )
                    continue
                self_cue = [c for c in before if c.payload in ("self", "convert") and _filler(text[c.end : h.start])]
                if not self_cue and not after:
                    continue
                if field is FactField.ETHNICITY and h.payload in _WEAK_ETHNICITIES and not after:
                    continue  # "I am Karen" could be a name; need "Karen ethnic group"/"Chin community"
                if field is FactField.LANGUAGE_SPOKEN:
                    continue
                a, b = _sentence_of(spans, h.start)
                if _negated(text[a : h.start]):
                    continue
                used = self_cue[-1] if self_cue else after[0]
                attrs: list[tuple[str, str]] = []
                if used.payload == "convert":
                    attrs.append(("conversion", "yes"))
                first_person = bool(_FIRST_PERSON.search(text[a:b])) or not text[a:b].isascii()
                conf = 0.85 if first_person else 0.6
                out.append(
                    candidate(
                        text,
                        field,
                        h.start,
                        h.end,
                        h.payload,
                        conf,
                        self.model,
                        f"applicant's statement ('{text[used.start : used.end]}')",
                        attrs,
                    )
                )
        return out

    def _group_mentions(
        self,
        text: str,
        nt: NormText,
        spans: Sequence[tuple[int, int]],
        lang: str,
        names: Sequence[tuple[int, int]],
    ) -> list[FactCandidate]:
        """Every mention of the applicant's or relatives' religion and ethnic group.

        A mention is suggested when the text ties it to the applicant: a self cue ("I am a", "je suis", "من ...
        هستم"), a group word beside it ("d'ethnie peule", "Hazara ethnicity", "بلوچ قوم"), or a first-person
        sentence. Once a group is established that way, its other mentions ("Hazaras are infidels") are
        suggested at a lower confidence. Not inside a person's name ("Karim Bakhsh Baloch") or an
        organisation's ("Oromo Federalist Congress"), not after a negation, not in a question.
        """
        out: list[FactCandidate] = []
        cues = _SELF_CUES.find(nt)
        group_words = _GROUP_WORDS_M.find(nt)
        for field, matcher, tr_matcher in (
            (FactField.RELIGION, _RELIGION_M, _RELIGION_TR_M),
            (FactField.ETHNICITY, _ETHNIC_M, _ETHNIC_TR_M),
        ):
            hits = (tr_matcher if lang == "tr" else matcher).find(nt)
            merged: list[tuple[int, int, str]] = []
            for h in hits:
                if merged and _GROUP_JOIN.fullmatch(text[merged[-1][1] : h.start]):
                    ps, _, pp = merged[-1]
                    merged[-1] = (ps, h.end, h.payload if "(" in h.payload or "(" not in pp else pp)
                else:
                    merged.append((h.start, h.end, h.payload))
            accepted: list[tuple[int, int, str, float, str]] = []
            pending: list[tuple[int, int, str]] = []
            for hs, he, payload in merged:
                sa, sb = _sentence_of(spans, hs)
                if _is_question(text, sa, sb) or any(a < he and hs < b for a, b in names):
                    continue
                if _names_organisation(text, he, sb):
                    continue
                if _negated(text[max(sa, hs - 30) : hs]):
                    continue
                if field is FactField.ETHNICITY and any(
                    c.payload in ("speak", "speak_after") and (0 <= hs - c.end <= 25 or 0 <= c.start - he <= 8)
                    for c in cues
                ):
                    continue  # "I speak Kurdish": the language
                before = [
                    c
                    for c in cues
                    if sa <= c.start
                    and c.end <= hs
                    and hs - c.end <= 14
                    and c.payload in ("self", "convert")
                    and _filler(text[c.end : hs])
                ]
                after = [c for c in cues if c.payload == "after" and he <= c.start <= he + 3 and c.end <= sb]
                label = [
                    g
                    for g in group_words
                    if (g.payload == "before" and sa <= g.start and 0 <= hs - g.end <= 12)
                    or (g.payload == "after" and 0 <= g.start - he <= 4 and g.end <= sb)
                ]
                if field is FactField.ETHNICITY and payload in _WEAK_ETHNICITIES and not after and not label:
                    continue  # "I am Karen" could be a name; need "Karen ethnic group"/"Chin community"
                sentence = text[sa:sb]
                first_person = bool(_FIRST_PERSON.search(sentence) or _THIRD_PERSON.search(sentence)) or (
                    not sentence.isascii()
                )
                if before or after:
                    used = before[-1] if before else after[0]
                    conf = 0.85 if first_person else 0.6
                    note = f"applicant's statement ('{text[used.start : used.end]}')"
                elif label:
                    conf = 0.75
                    note = f"named as a group ('{text[label[0].start : label[0].end]}')"
                elif _names_a_cause(text, he, sb) or normalize_key(text[hs:he]) in _AMBIGUOUS_GROUP_WORDS:
                    continue  # "Kurdish opposition", "محکوم کرد" (= did): not a person's group
                elif first_person and payload not in _WEAK_ETHNICITIES:
                    conf = 0.6
                    note = "mentioned in the applicant's own account"
                else:
                    pending.append((hs, he, payload))
                    continue
                accepted.append((hs, he, payload, conf, note))
            established = {_group_family(a[2]) for a in accepted}
            for hs, he, payload in pending:
                if _group_family(payload) in established:
                    accepted.append((hs, he, payload, 0.5, "the group the applicant named earlier in the text"))
            for hs, he, payload, conf, note in accepted:
                attrs: list[tuple[str, str]] = []
                if any(c.payload == "convert" and 0 <= hs - c.end <= 14 for c in cues):
                    attrs.append(("conversion", "yes"))
                out.append(candidate(text, field, hs, he, payload, conf, self.model, note, attrs))
        return out
