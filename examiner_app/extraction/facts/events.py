"""Sentence-level facts: claimed Convention grounds, reported events of harm, agents of persecution and
prior applications. They tag what the text states; they never assess whether a ground applies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from examiner_app.domain import FactCandidate, FactField, ModelRef

from .base import (
    Hit,
    KeywordMatcher,
    NormText,
    candidate,
    fold,
    is_arabic_script,
    is_cjk,
)
from .dates import find_dates
from .identity_cues import (
    _AGENT_M,
    _AGENTS,
    _ARRIVAL_M,
    _CUES,
    _ETHNICITIES,
    _EVENT_M,
    _FIRST_PERSON,
    _GROUND_M,
    _PERSECUTION_M,
    _PRIOR_CONTEXT_M,
    _PRIOR_M,
    _PRIOR_WEAK_M,
    _RELIGIONS,
    _SUMMARY_OF_APPLICANT,
    _THIRD_PERSON,
    _in,
    _is_question,
    _names_a_cause,
    _negated,
)
from .places import country_name, find_places


class EventFacts:
    """Grounds, events, agents and prior applications, sentence by sentence. A part of :class:`~.identity.IdentityExtractor`."""

    model: ModelRef
    include_relation_only: bool

    def _agent_mentions(
        self, text: str, nt: NormText, spans: Sequence[tuple[int, int]], found: list[FactCandidate]
    ) -> list[FactCandidate]:
        """Every other mention of an armed group the page already shows harming the applicant or family.

        "The Taliban threatened me ... After the Taliban came ...": the gold convention marks every mention
        of an actor who inflicted or threatened harm. Only named groups (not the police or the government,
        which may merely have failed to protect; not relatives), at a lower confidence.
        """
        agents = {c.normalized for c in found if c.field is FactField.AGENT_OF_PERSECUTION and c.confidence >= 0.55}
        agents -= _NOT_REPEATED_AGENTS
        if not agents:
            return []
        out: list[FactCandidate] = []
        taken = [(c.start, c.end) for c in found if c.field is FactField.AGENT_OF_PERSECUTION]
        for ag in _AGENT_M.find(nt):
            if ag.payload not in agents or any(a < ag.end and ag.start < b for a, b in taken):
                continue
            if _agent_is_a_title(text, ag):
                continue
            a, b = _sentence_of(spans, ag.start)
            if _agent_helps(text, ag, a, b) or _names_a_cause(text, ag.end, b):
                continue
            reason = [c for c in _CONNECTOR_M.find(NormText(text[a:b])) if a + c.end <= ag.start]
            if reason and _SUPPORT_BEFORE.search(text[max(a, ag.start - 30) : ag.start]):
                continue  # "because I supported the LTTE": the applicant's side, not an actor
            out.append(
                candidate(
                    text,
                    FactField.AGENT_OF_PERSECUTION,
                    ag.start,
                    ag.end,
                    ag.payload,
                    0.5,
                    self.model,
                    "named again; shown harming or threatening elsewhere on the page",
                    [("agent_type", _AGENTS[ag.payload][0])],
                )
            )
        return out

    def _narrative(self, text: str, nt: NormText, spans: Sequence[tuple[int, int]], lang: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        grounds = _GROUND_M.find(nt) + [
            h
            for h in _GROUND_TERMS_M.find(nt)
            if not _GROUND_M.find_in(text[h.start : h.end]) and not _persian_verb_kard(text, h.start, h.end)
        ]
        connectors = _CONNECTOR_M.find(nt)
        persecution = _PERSECUTION_M.find(nt)
        events = _EVENT_M.find(nt)
        agents = [h for h in _AGENT_M.find(nt) if not _agent_is_a_title(text, h)]
        priors = _PRIOR_M.find(nt)
        prior_context = _PRIOR_CONTEXT_M.find(nt)
        arrivals = _ARRIVAL_M.find(nt)
        for h in _PRIOR_WEAK_M.find(nt):
            a, b = _sentence_of(spans, h.start)
            sentence = text[a:b]
            if "\n" in sentence.strip() or _is_question(text, a, b):
                continue
            in_context = bool(_in(prior_context, a, b))
            if not in_context and any(x.start < h.start for x in _in(arrivals, a, b)):
                continue  # claimed on arrival: the present application, not an earlier one
            if in_context or _negated(sentence) or any(p.payload.cc for p in find_places(sentence)):
                priors.append(h)
        priors.sort(key=lambda h: h.start)
        fears = _FEAR_M.find(nt)
        # an interview summary tells the applicant's events in the third person ("she was arrested")
        summary = len(_SUMMARY_OF_APPLICANT.findall(text)) >= 2
        for a, b in spans:
            if _is_question(text, a, b):
                continue
            sentence = text[a:b]
            s_events = _in(events, a, b)
            s_fear = _in(fears, a, b)
            s_conn = _in(connectors, a, b)
            s_pers = [p for p in _in(persecution, a, b) if not _in(s_conn, p.start, p.end)]
            happened = bool(s_events) and not _negated_event(text, a, b, s_events)
            # "I fear I will be arrested": a fear about the future, not something that happened
            feared_only = happened and any(f.start <= min(e.start for e in s_events) for f in s_fear)
            reported = happened and not feared_only and not all(e.payload in _NOT_HARM for e in s_events)
            out.extend(self._grounds(text, a, b, _in(grounds, a, b), s_conn, bool(s_events or s_fear or s_pers)))
            if reported:
                first_person = (
                    bool(_FIRST_PERSON.search(sentence))
                    or not sentence.isascii()
                    or (summary and bool(_THIRD_PERSON.search(sentence)))
                )
                if first_person:
                    acting = [ag for ag in _in(agents, a, b) if self._acts(text, ag, a, s_events)]
                    harm = [e for e in s_events if e.payload not in _NOT_HARM]
                    out.append(self._event(text, a, b, harm, acting, lang))
            # Everyone named in a sentence about harm, threats or fear is a suggested agent; the examiner
            # confirms. Relatives and neighbours only when they act ("by my uncle", "my father beat me").
            first_person = (
                bool(_FIRST_PERSON.search(sentence) or _THIRD_PERSON.search(sentence)) or not sentence.isascii()
            )
            context = (reported and first_person) or bool(s_fear) or bool(s_pers)
            reason_from = min((c.start for c in s_conn), default=b)  # "because I supported the LTTE": not an actor
            if lang in _VERB_FINAL_LANGS:
                # "Kürt olduğum için devletin beni hedef aldığını...": the reason comes first, the actor after it
                reason_from = b
            for ag in _in(agents, a, b):
                by = _BY_BEFORE.search(text[max(a, ag.start - 14) : ag.start]) or _BY_AFTER.match(text, ag.end)
                ident = _IDENT_BEFORE.search(text[max(a, ag.start - 30) : ag.start])
                if _agent_helps(text, ag, a, b):
                    continue
                acts = reported and first_person and self._acts(text, ag, a, s_events)
                if ag.payload in ("family", "community"):
                    # a relative is an actor only when the words say so: "by my uncle", "my father beat me"
                    # ("قتلوا والدي", "家族が脅迫された": the relative is the victim)
                    strict_by = _BY_BEFORE.search(text[max(a, ag.start - 14) : ag.start]) or re.match(
                        r"\s*(?:によって|により|に)", text[ag.end : ag.end + 6]
                    )
                    subject = (
                        bool(s_events)
                        and ag.end <= min(e.start for e in s_events)
                        and text[ag.start].isascii()
                        and not _passive(text, a, s_events)
                    )
                    # "میرے پڑوسی نے مجھ پر ...", "amcam beni ... tehdit etti", "私の兄弟も私を...脅しました",
                    # "پدرم گفته است ... مرا می‌کشد": the relative, then the applicant as object, then the harm
                    obj = _FIRST_PERSON_OBJECT.search(text, ag.end, min(b, ag.end + 40))
                    relative_acts = bool(_ERGATIVE_AFTER.match(text, ag.end)) and bool(s_events)
                    if obj is not None and re.search(r"[,、،;؛]", text[ag.end : obj.start()]):
                        obj = None  # another clause, maybe another doer: "夫は…言い、私の兄弟も私を脅しました"
                    if obj is not None and any(e.start >= obj.end() for e in s_events):
                        relative_acts = True
                    if not (strict_by or (reported and subject) or relative_acts):
                        continue
                elif not (ident or by or acts or (context and ag.start < reason_from)):
                    continue
                conf = 0.8 if by else 0.7 if acts or ident else 0.55
                why = "'by'" if by else "acting in a sentence about harm" if acts else "named near harm or fear"
                out.append(
                    candidate(
                        text,
                        FactField.AGENT_OF_PERSECUTION,
                        ag.start,
                        ag.end,
                        ag.payload,
                        conf,
                        self.model,
                        f"named as an actor ({why}); a suggestion to confirm",
                        [("agent_type", _AGENTS[ag.payload][0])],
                    )
                )
            s_prior = _in(priors, a, b)
            if s_prior:
                negated = _negated(sentence)
                places = [p for p in find_places(sentence) if p.payload.cc]
                normalized = "none" if negated else (places[0].payload.cc if places else "yes")
                cue = text[s_prior[0].start : s_prior[0].end]
                attrs = [("negated", "yes")] if negated else []
                if places and not negated:
                    attrs.append(("country", country_name(places[0].payload.cc or "")))
                out.append(
                    candidate(
                        text,
                        FactField.PRIOR_APPLICATION,
                        a,
                        b,
                        normalized,
                        0.7 if not negated else 0.6,
                        self.model,
                        f"statement about an earlier application ('{cue}')",
                        attrs,
                    )
                )
        return out

    @staticmethod
    def _acts(text: str, ag: Hit[str], a: int, s_events: list[Hit[str]]) -> bool:
        """Is the agent the actor of the sentence's event: "by the police", "the police arrested me",
        "اعتقلتني الشرطة" (verb first), "警察に逮捕された"?"""
        if not s_events:
            return False
        first_event = min(e.start for e in s_events)
        by = _BY_BEFORE.search(text[max(a, ag.start - 14) : ag.start]) or _BY_AFTER.match(text, ag.end)
        subject = ag.end <= first_event
        verb_first = is_arabic_script(text[ag.start]) and 0 <= ag.start - first_event <= 25
        return bool(by or subject or verb_first)

    def _grounds(
        self, text: str, a: int, b: int, s_grounds: list[Hit[str]], s_conn: list[Hit[str]], harm: bool
    ) -> list[FactCandidate]:
        """A sentence in which the applicant gives a Convention reason for harm or fear, one per ground.

        Only where the words give the reason: a causal connector ("because", "due to", "بسبب", "のため",
        "nedeniyle") near a ground word, in a sentence about harm, threats or fear. Never inferred.
        """
        if not s_conn or not s_grounds or not harm:
            return []
        out: list[FactCandidate] = []
        by_ground: dict[str, list[Hit[str]]] = {}
        for g in s_grounds:
            near = min(min(abs(g.start - c.end), abs(c.start - g.end)) for c in s_conn)
            if near <= 60:
                by_ground.setdefault(g.payload, []).append(g)
        labelled = text[a:b].rstrip(".").endswith(")")
        for ground, hits in by_ground.items():
            words = sorted({text[g.start : g.end] for g in hits})
            conn = sorted({text[c.start : c.end] for c in s_conn})[:2]
            conf = (0.75 if not labelled else 0.8) + (0.05 if len(hits) > 1 else 0)
            out.append(
                candidate(
                    text,
                    FactField.CLAIMED_GROUND,
                    a,
                    b,
                    ground,
                    conf,
                    self.model,
                    f"the applicant gives the reason: {', '.join(repr(w) for w in words[:4])} with "
                    f"{', '.join(repr(c) for c in conn)} (a tag of what is stated, not an assessment)",
                    [("ground", ground), ("cue_words", ", ".join(words[:6]))],
                )
            )
        return out

    def _event(
        self, text: str, a: int, b: int, events: list[Hit[str]], agents: list[Hit[str]], lang: str
    ) -> FactCandidate:
        sentence = text[a:b]
        kinds = sorted({e.payload for e in events}, key=lambda k: min(e.start for e in events if e.payload == k))
        attrs: list[tuple[str, str]] = [("what", ", ".join(kinds))]
        parts = [f"what: {', '.join(kinds)}"]
        dates = find_dates(sentence, lang)
        if dates:
            attrs.append(("when", dates[0].normalized))
            parts.append(f"when: {dates[0].normalized}")
        places = [p for p in find_places(sentence) if p.payload.kind != "demonym"]
        if places:
            where = text[a + places[0].start : a + places[0].end]
            attrs.append(("where", f"{where} ({places[0].payload.cc})" if places[0].payload.cc else where))
            parts.append(f"where: {where}")
        if agents:
            attrs.append(("by", ", ".join(dict.fromkeys(ag.payload for ag in agents))))
            parts.append(f"by: {attrs[-1][1]}")
        conf = 0.7 + (0.05 if dates else 0) + (0.05 if places else 0)
        return candidate(
            text,
            FactField.EVENT,
            a,
            b,
            kinds[0],
            conf,
            self.model,
            "event the applicant reports; " + "; ".join(parts),
            attrs,
        )


_FEAR_M: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _CUES["fear_cues"]], arabic_suffixes=True)
_CONNECTOR_M: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _CUES["causal_connectors"]])
# A religion or an ethnic group named as the reason ("because I am Hazara and Shia") is that ground.
_GROUND_TERMS_M: KeywordMatcher[str] = KeywordMatcher(
    [(w, "religion") for words in _RELIGIONS.values() for w in words]
    + [(w, "race") for words in _ETHNICITIES.values() for w in words]
)
# Event kinds that are not harm: fleeing, taking part in a protest, being a target (said of a group).
_NOT_HARM = frozenset({"flight", "protest", "targeting"})
_VERB_FINAL_LANGS = frozenset({"fa", "prs", "ps", "ur", "ja", "tr", "ta", "si", "my", "hi", "ne", "bn"})
_TITLE_AFTER = re.compile(r"^(?:職員|関係者|機関で|の職員|系|寄り|支持)")
_TITLE_BEFORE = re.compile(r"(?:元|反|前)$")
_HELPS = re.compile(
    r"(?i)(?:\b(?:reported|complained|went|go|turned|applied|asked)\s+(?:it\s+)?to\s+(?:the\s+)?$|"
    r"\b(?:plainte|porté plainte)\s+(?:auprès\s+)?(?:de\s+la\s+|des\s+|du\s+)?$)"
)
_HELPS_AFTER = re.compile(
    r"(?i)^\s*(?:refused|did not|didn't|would not|wouldn't|could not|failed|did nothing|n'a rien|ont refusé)"
)


# agents that are not repeated by _agent_mentions: a state body may only have failed to protect; relatives
# and neighbours are agents only where they act
_NOT_REPEATED_AGENTS = frozenset({"police", "government", "family", "community", "security forces", "LTTE"})
_SUPPORT_BEFORE = re.compile(
    r"(?i)(?:support|help|member|joined|sympath|soutien|aid|destek|دعم|حمایت|حمايت)\w*\W+(?:\w+\W+){0,3}$"
)


# the applicant as the object of what follows: "beni", "me", "مرا", "مجھے", "私を"
_FIRST_PERSON_OBJECT = re.compile(
    r"(?i)(?<!\w)(?:beni|bana|me|m['’]|مرا|من را|به من|مجھے|مجھ|ہمیں|私を|私に|私は|僕を|ni|moi)(?!\w)|私を|私に"
)
# Urdu ergative "نے" after the doer of a transitive verb: "ایک مشتعل ہجوم نے ... حملہ کیا"
_ERGATIVE_AFTER = re.compile(r"[ \t]*نے(?![\u0600-\u06FF])")


# "Mon frère a été arrêté", "my brother was arrested", "Ağabeyim tutuklandı": the relative before the verb suffered
# the harm; in the passive voice the subject is the victim, not the actor.
_PASSIVE_BEFORE = re.compile(
    r"(?i)\b(?:was|were|been|being|got|a été|ont été|avait été|avaient été|fut|furent)\s+(?:\w+\s+)?$"
)
_TR_PASSIVE = re.compile(r"(?i)\w*(?:[ıiuü]l|[ıiuü]n|n)(?:d[ıiuü]|m[ıiuü]ş)\w*$")


def _passive(text: str, a: int, events: Sequence[Hit[str]]) -> bool:
    """Is the sentence's first event verb in the passive voice ("was arrested", "a été frappé", "tutuklandı")?"""
    first = min(events, key=lambda e: e.start)
    if _PASSIVE_BEFORE.search(text[max(a, first.start - 25) : first.start]):
        return True
    word_end = first.end
    while word_end < len(text) and text[word_end].isalpha():
        word_end += 1
    return bool(_TR_PASSIVE.match(text[first.start : word_end]))


def _persian_verb_kard(text: str, start: int, end: int) -> bool:
    """Persian "کرد" ends a clause as the verb "did" ("... محکوم کرد."); as "Kurd" a word follows it."""
    return fold(text[start:end]) == fold("کرد") and re.match(r"[ \t]*(?:[.،؛!؟\n]|$)", text[end : end + 3]) is not None


def _agent_is_a_title(text: str, h: Hit[str]) -> bool:
    """ "元政府職員" (a former civil servant), "反政府" (anti-government): the word names no actor here."""
    if not is_cjk(text[h.start]):
        return False
    return bool(
        _TITLE_AFTER.match(text[h.end : h.end + 4]) or _TITLE_BEFORE.search(text[max(0, h.start - 1) : h.start])
    )


def _agent_helps(text: str, ag: Hit[str], a: int, b: int) -> bool:
    """ "I reported it to the police", "the police refused to help": asked for protection, not an actor."""
    return bool(_HELPS.search(text[max(a, ag.start - 30) : ag.start]) or _HELPS_AFTER.match(text[ag.end : b]))


_IDENT_BEFORE = re.compile(
    r"(?i)(?:" + "|".join(re.escape(w) for w in sorted(_CUES["agent_identification"], key=len, reverse=True)) + r")\s*$"
)
_BY_BEFORE = re.compile(
    r"(?i)(?:\bby|\bpar|\bat the hands of|توسط|من قبل|على يد|على أيدي|از طرف|از سوی)(?:\s+(?:the|a|some|les|la|le|des|l'))?\s*$"
)
_BY_AFTER = re.compile(r"\s*(?:によって|により|に|が|から)")


def _filler(gap: str) -> bool:
    stripped = re.sub(
        r"(?i)\b(?:a|an|the|un|une|devout|practising|practicing|sunni|shia|ethnic|born|muslim)\b", " ", gap
    )
    return len(gap) <= 14 and all(not c.isalnum() for c in stripped)


def _sentence_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return pos, pos + 1


def _negated_event(text: str, a: int, b: int, events: list[Hit[str]]) -> bool:
    """ "I was never arrested", "逮捕されたことはない": a negation right before (or, in Japanese, right
    after) every event word of the sentence."""
    for e in events:
        if is_cjk(text[e.start]):
            window = text[e.end : min(b, e.end + 10)]
        else:
            window = text[max(a, e.start - 20) : min(b, e.end + 6)]
        if not _negated(window):
            return False
    return True
