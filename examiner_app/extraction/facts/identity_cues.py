"""Cue words and labels shared by the identity rules: form labels, keyword tables (religions, ethnic
groups, languages, relations, agents, events, grounds) and their matchers, sentence and negation helpers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .base import (
    Hit,
    KeywordMatcher,
    fold,
    is_cjk,
    line_span,
    load_data,
    normalize_key,
    sentence_spans,
)

NAME = "identity"

# --------------------------------------------------------------------------------------------
# Labelled fields ("Name: ...", "旅券番号：...", "الاسم: ...")
# --------------------------------------------------------------------------------------------

PERSON, FAMILY, DOCUMENT, RELIGION_L, ETHNICITY_L, LANGUAGE_L = (
    "person",
    "family",
    "document",
    "religion",
    "ethnicity",
    "language",
)
FAMILY_LIST, GROUNDS_L, AGENT_L, PRIOR_L = "family_list", "grounds", "agent", "prior"


@dataclass(frozen=True, slots=True)
class Label:
    kind: str
    detail: str = ""  # name part, relation or document type


_CUES = load_data("identity_cues.json")
_LABELS: dict[Label, list[str]] = {Label(x["kind"], x["detail"]): x["words"] for x in _CUES["labels"]}
_RELIGIONS: dict[str, list[str]] = _CUES["religions"]
_ETHNICITIES: dict[str, list[str]] = _CUES["ethnicities"]
_LANGUAGES: dict[str, list[str]] = _CUES["languages"]  # ISO 639 code -> names
_RELATIONS: dict[str, list[str]] = _CUES["relations"]
_AGENTS: dict[str, tuple[str, list[str]]] = {k: (v["type"], v["words"]) for k, v in _CUES["agents"].items()}
_EVENTS: dict[str, list[str]] = _CUES["events"]
_GROUNDS: dict[str, list[str]] = _CUES["grounds"]  # the five Convention grounds -> cue words
_PERSECUTION_CUES: list[str] = _CUES["persecution_cues"]
_PRIOR_CUES: list[str] = _CUES["prior_application_cues"]


def _label_regex() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Label]]:
    lookup: dict[str, Label] = {}
    for label, words in _LABELS.items():
        for w in words:
            lookup.setdefault(fold(w).casefold(), label)
    alternation = "|".join(re.escape(k) for k in sorted(lookup, key=len, reverse=True))
    # A label starts a line or follows a wide gap (forms put several fields on one line). Its value
    # follows a colon, a tab or a wide gap ("strict"), a single space ("loose": OCR of form tables
    # loses the column gap), or sits on the next line (passports, ID cards). Optional numbering "3."
    # and a bracketed hint "(as in passport)".
    pattern = re.compile(
        rf"(?:^|(?<=\t)|(?<=\s{{3}})|(?<=\|))[ \t]*(?:\d{{1,2}}(?:[.)]\s*|[ \t]+))?(?P<label>{alternation})"
        rf"[ \t]*(?:\([^)\n]{{0,30}}\)|（[^）\n]{{0,30}}）)?"
        rf"(?:(?P<strict>[ \t]*[:：]|\t|[ \t]{{3,}})|(?P<loose>[ \t]+)|(?P<eol>[ \t]*(?=\n|$)))[ \t]*(?P<value>[^\n|]*)",
        re.I | re.M,
    )
    # a second label right after the first: bilingual forms ("氏名 Name KYAW MIN HTET")
    leading = re.compile(rf"(?:{alternation})(?:[ \t]*[:：])?[ \t]+", re.I)
    return pattern, leading, lookup


_LABEL_RE, _LEADING_LABEL, _LABEL_LOOKUP = _label_regex()
_NO_VALUES = frozenset(
    fold(v).casefold()
    for v in [
        "no",
        "non",
        "無",
        "なし",
        "無し",
        "لا",
        "كلا",
        "خیر",
        "نه",
        "نہیں",
        "yok",
        "none",
        "never",
        "no, never",
        "aucune",
        "aucun",
        "jamais",
        "hayır",
        "لا يوجد",
        "لايوجد",
        "لم أتقدم",
        "ندارد",
        "هیچ",
        "نخیر",
        "کوئی نہیں",
        "کوئی نہیں ہے",
        "இல்லை",
        "எதுவும் இல்லை",
        "නැත",
        "නැහැ",
        "မရှိ",
        "မရှိပါ",
        "ありません",
        "該当なし",
    ]
)


def _label_value_span(folded: str, m: re.Match[str]) -> tuple[int, int, str] | None:
    """(start, end, mode) of a label's value: on the same line, or on the next line for a label alone.

    A second label in front of the value (the English of a bilingual form) is skipped.
    """
    if m.group("strict") is not None or m.group("loose") is not None:
        mode = "strict" if m.group("strict") is not None else "loose"
        vstart, raw_end = m.start("value"), m.end("value")
        stop = _VALUE_STOP.search(folded, vstart, raw_end)
        vend = stop.start() if stop else raw_end
    else:
        mode = "eol"
        nl = folded.find("\n", m.end())
        if nl < 0:
            return None
        vstart = nl + 1
        vend = folded.find("\n", vstart)
        vend = len(folded) if vend < 0 else vend
        nxt = _LABEL_RE.match(folded, vstart)
        if not folded[vstart:vend].strip() or (
            nxt is not None and (nxt.group("loose") is None or nxt.end("label") - vstart > (vend - vstart) / 2)
        ):
            return None  # the next line is another label, not a value
    # Bilingual forms print the English label after the local one ("旅券番号 Passport no. MH482157").
    if not m.group("label").isascii():
        lm = _LEADING_LABEL.match(folded, vstart, vend)
        if lm is not None and lm.group().isascii():
            vstart = lm.end()
    return (vstart, vend, mode) if vend > vstart else None


# A list under "Children:" names children even without a relation word; under "Siblings:", brothers and sisters.
_LIST_RELATIONS = {
    fold(w).casefold(): relation
    for relation, words in {
        "child": [
            "children",
            "children's names",
            "names of children",
            "enfants",
            "noms des enfants",
            "子供",
            "子ども",
            "أبناء",
            "الأبناء",
            "الأولاد",
            "أولاد",
            "فرزندان",
            "بچے",
            "بچوں کے نام",
            "çocuklar",
            "çocukları",
            "பிள்ளைகள்",
            "குழந்தைகள்",
            "දරුවන්",
            "ကလေးများ",
            "သားသမီးများ",
        ],
        "sibling": ["siblings", "frères et sœurs", "kardeşler", "brothers and sisters"],
    }.items()
    for w in words
}
_VALUE_STOP = re.compile(r"\t|\s{3,}|\s+\|")  # the next field on the same line
_EMPTY_VALUES = frozenset(
    fold(v).casefold()
    for v in [
        "n/a",
        "na",
        "-",
        "--",
        "none",
        "nil",
        "unknown",
        "not known",
        "néant",
        "inconnu",
        "不明",
        "なし",
        "لا يوجد",
        "غير معروف",
        "ندارد",
        "نامعلوم",
    ]
)
_NAME_PARTICLES = frozenset(
    [
        "bin",
        "bint",
        "binti",
        "ibn",
        "ben",
        "bent",
        "abu",
        "al",
        "el",
        "ul",
        "ud",
        "de",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "der",
        "da",
        "dos",
        "das",
        "di",
        "del",
        "y",
    ]
)


def _valid_name(value: str) -> bool:
    """A plausible personal name: 1-6 words, no digits, no sentence punctuation."""
    if not value or len(value) > 80 or fold(value).casefold() in _EMPTY_VALUES:
        return False
    if any(c.isdigit() for c in fold(value)) or any(c in value for c in '@:;?!="“”()[]{}/\\'):
        return False
    words = value.replace(",", " ").split()
    if not 1 <= len(words) <= 6 and not any(is_cjk(c) for c in value):
        return False
    latin = [w for w in words if w[0].isalpha() and ord(w[0]) < 0x250]
    return all(w[0].isupper() or w.casefold() in _NAME_PARTICLES or w.isupper() for w in latin)


_DOC_NUMBER = re.compile(r"(?<![A-Z0-9])([A-Z]{0,3}[ \-]?\d[A-Z0-9\-/]{3,19})(?![A-Za-z0-9])")


# --------------------------------------------------------------------------------------------
# Keyword tables
# --------------------------------------------------------------------------------------------

# Short or common words accepted only after a label or an explicit "ethnic"/"tribe" cue.
_WEAK_ETHNICITIES = frozenset({"Chin", "Shan", "Karen", "Fur", "Roma", "Arab", "Bidoon", "Afar", "Ashraf", "Tigrayan"})


_COUNTED_LATIN = re.compile(
    r"(?i)(?:\bone|\ba|\ban|\btwo|\bthree|\bhis|\bher|\btheir|\bthe applicant's)\s+"
    r"(?:(?:elder|older|younger|little|big|late|eldest|youngest)\s+)?$"
)
# Turkish marks "my" with a suffix: babam, babamı, amcam, ailem, eşim
_TURKISH_POSSESSIVE = re.compile(r"(?i)^(?!mum$)\w+(?:[ıiuüae]m(?:[ıiuü]n?)?|[ıiuü]m[ıiuü]n?)$")
# "her mother", "sa sœur" in an interview summary that speaks of the applicant in the third person
_THIRD_POSSESSIVE_LATIN = re.compile(
    r"(?i)(?:\bhis|\bher|\bthe applicant's|\bthe claimant's|\bson|\bsa|\bses)\s+"
    r"(?:(?:elder|older|younger|little|big|late|eldest|youngest|petit|petite|grand|grande)\s+)?$"
)
_SUMMARY_OF_APPLICANT = re.compile(
    r"(?i)\b(?:the applicant|the claimant|(?:she|he) (?:states|stated|says|said|explains|explained|claims|claimed|"
    r"reports|reported)|l'intéressée?|le demandeur|la demandeuse|(?:il|elle) (?:déclare|explique|indique|affirme))\b"
)
_POSSESSIVE_LATIN = re.compile(
    r"(?i)(?:\bmy|\bour|\bmon|\bma|\bmes|\bnotre|\bnos)\s+(?:(?:elder|older|younger|little|big|late|eldest|youngest|petit|petite|grand|grande)\s+)?$"
)

# Common given names in Arabic script: a word after "أخي"/"برادرم" is taken as a name only if listed
# (Arabic script has no capital letters to tell a name from the next word).
_ARABIC_SCRIPT_NAMES = frozenset(fold(n) for n in load_data("given_names.json")["arabic_script"])
_STOP_WORDS = frozenset(fold(w) for w in load_data("given_names.json")["stop_words"])


_NEGATIONS = re.compile(
    r"(?i)\b(?:never|not|no|n't|none|nobody|neither|jamais|pas|aucune?|hiç|asla)\b|n't|ない|なかった|ません|していない|"
    r"(?<![\u0600-\u06FF])(?:لم|لن|ليس|نه|هرگز|نکرده|نشده|کبھی نہیں|نہیں)(?![\u0600-\u06FF])|"
    # Turkish negative verbs ("başvurmadım", "bulunmadım"); Persian ندادم / نکرده‌ام; Tamil, Sinhala "not"
    r"\w+(?:madım|medim|madık|medik|mamış|memiş|madı|medi)\b|ندادم|نکردم|نداده|نکرده|இல்லை|வில்லை|නැත|නැහැ"
)
# Interview summaries speak of the applicant in the third person.
_THIRD_PERSON = re.compile(r"(?i)\b(?:he|she|him|her|his|the applicant|the claimant|il|elle|lui)\b")
_QUESTION_LINE = re.compile(r"(?im)^\s*(?:q|question|質問|問|سؤال|س|سوال|پرسش|interviewer|examiner)\s*[.:：)\-]")
_FIRST_PERSON = re.compile(
    r"(?i)\b(?:i|me|my|mine|we|us|our|je|j'|me|m'|moi|mon|ma|mes|nous|notre|nos)\b|私|僕|俺|わたし|我々|家族|"
    # Turkish written without its special letters: "Taliban beni tehdit etti"
    r"(?i:\b(?:ben|beni|bana|benim|benden|biz|bizi|bize|bizim|bizden|ailem|ailemi|babam|annem)\b)|"
    r"\b(?:brother|sister|father|mother|son|daughter|wife|husband|uncle|cousin|family)\b"
)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _matcher(table: dict[str, list[str]], arabic_suffixes: bool = False) -> KeywordMatcher[str]:
    return KeywordMatcher(
        [(w, canonical) for canonical, words in table.items() for w in words], arabic_suffixes=arabic_suffixes
    )


_RELIGION_M = _matcher(_RELIGIONS)
_ETHNIC_M = _matcher(_ETHNICITIES)
_LANGUAGE_M = _matcher(_LANGUAGES)
_TR_CASE_ENDING = re.compile(
    r"(?:[ıiuü]z[ıiuü]n?)?(?:dan|den|tan|ten|da|de|ta|te|la|le|[ıiuü]n|[ıiuü]|a|e)?(?:[ıiuü]n)?(?![^\W\d_])"
)


class _RelationMatcher(KeywordMatcher[str]):
    """Turkish possessive relation words take case endings ("Babamdan", "Kardeşime", "Eşimle"): the key
    ("Babam") is cited without them. Only keys of four letters or more ending in the possessive -m."""

    def _end_ok(self, s: str, j: int, key: str) -> bool:
        if len(key) >= 4 and key[-1] == "m" and j < len(s) and s[j].isalpha():
            m = _TR_CASE_ENDING.match(s, j)
            if m is not None and m.end() > j:
                return True
        return super()._end_ok(s, j, key)


_RELATION_M: KeywordMatcher[str] = _RelationMatcher(
    [(w, canonical) for canonical, words in _RELATIONS.items() for w in words]
)
_EVENT_M = _matcher(_EVENTS, arabic_suffixes=True)
_GROUND_M = _matcher(_GROUNDS)
_AGENT_M: KeywordMatcher[str] = KeywordMatcher([(w, name) for name, (_, words) in _AGENTS.items() for w in words])
_PERSECUTION_M: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _PERSECUTION_CUES], arabic_suffixes=True)
_PRIOR_M: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _PRIOR_CUES])
# "applied for asylum", "難民申請": also the present claim; an earlier one only with a place, a negation or
# a word of time or registration in the same sentence ("before", "déjà", "daha önce", "UNHCR", "refused")
_PRIOR_WEAK_M: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _CUES["prior_application_weak_cues"]])
_PRIOR_CONTEXT_M: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _CUES["prior_application_context"]])
# "I reached Germany ... and claimed asylum the next day": a claim made on arrival is the present one.
_ARRIVAL_M: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _CUES["current_claim_arrival"]])
_SELF_CUES: KeywordMatcher[str] = KeywordMatcher(
    [(w, kind) for kind, words in _CUES["self_cues"].items() for w in words]
)


class _SuffixMatcher(KeywordMatcher[str]):
    """Turkish attaches endings to group words ("Müslümanım", "Kürdüm"): the key is cited without them."""

    def _end_ok(self, s: str, j: int, key: str) -> bool:
        if len(key) >= 4 and key[-1].isalpha() and ord(key[-1]) < 0x250 and j < len(s) and s[j].isalpha():
            return ord(s[j]) < 0x250 or super()._end_ok(s, j, key)
        return super()._end_ok(s, j, key)


def _suffix_matcher(table: dict[str, list[str]]) -> KeywordMatcher[str]:
    return _SuffixMatcher([(w, canonical) for canonical, words in table.items() for w in words])


_RELIGION_TR_M = _suffix_matcher(_RELIGIONS)
_ETHNIC_TR_M = _suffix_matcher(_ETHNICITIES)
_GROUP_WORDS_M: KeywordMatcher[str] = KeywordMatcher(
    [(w, kind) for kind in ("before", "after") for w in _CUES["group_words"][kind]]
)
_ORG_WORDS = frozenset(normalize_key(w) for w in _CUES["group_words"]["organisation_words"])
_GROUP_JOIN = re.compile(r"[ \t\u200c]{1,2}|の|")


def _names_organisation(text: str, end: int, sentence_end: int) -> bool:
    """Is the group word the start of an organisation's name ("Oromo Federalist Congress", "بلوچ لبریشن آرمی")?"""
    rest = text[end:sentence_end]
    m = re.match(r"[ \t]+(\S+)(?:[ \t]+(\S+))?", rest)
    if not m:
        return False
    words = [w for w in m.groups() if w]
    if any(normalize_key(w).strip(".,;:'’") in _ORG_WORDS for w in words):
        return True
    first = words[0]
    return first[:1].isupper() and first.isalpha() and first.isascii() and text[end - 1].isalpha()


_NOT_PEOPLE = frozenset(normalize_key(w) for w in _CUES["group_words"]["not_people"])
_AMBIGUOUS_GROUP_WORDS = frozenset(normalize_key(w) for w in _CUES["group_words"]["ambiguous_words"])


def _names_a_cause(text: str, end: int, sentence_end: int) -> bool:
    m = re.match(r"[ \t]+([^\W\d_]+)", text[end:sentence_end])
    return m is not None and normalize_key(m.group(1)) in _NOT_PEOPLE


def _group_family(payload: str) -> str:
    return payload.split(" (")[0]


def _sentences(text: str) -> list[tuple[int, int]]:
    return sentence_spans(text)


def _in(hits: Iterable[Hit[str]], a: int, b: int) -> list[Hit[str]]:
    return [h for h in hits if a <= h.start and h.end <= b]


def _is_question(text: str, a: int, b: int) -> bool:
    sentence = text[a:b].rstrip()
    line_a, _ = line_span(text, a)
    return sentence.endswith(("?", "？", "؟")) or bool(_QUESTION_LINE.match(text, line_a))


def _negated(fragment: str) -> bool:
    return bool(_NEGATIONS.search(fragment))
