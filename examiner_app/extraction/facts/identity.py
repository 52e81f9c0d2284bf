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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from examiner_app.domain import FactCandidate, FactField, ModelRef, PageText

from .base import (
    Hit,
    KeywordMatcher,
    NormText,
    candidate,
    fold,
    is_arabic_script,
    is_cjk,
    language_base,
    line_span,
    load_data,
    normalize_key,
    rules_model,
    sentence_spans,
    trim_span,
)
from .dates import find_dates
from .places import COUNTRY, alpha2_for_code, country_name, find_places

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
# MRZ (ICAO 9303 TD3 passports)
# --------------------------------------------------------------------------------------------

_MRZ_VALUES = {**{str(d): d for d in range(10)}, **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}
_MRZ_LINE1 = re.compile(r"^[ \t]*(P[A-Z<][A-Z<]{3}[A-Z<]{39})[ \t]*$", re.M)
_MRZ_LINE2 = re.compile(
    r"^[ \t]*([A-Z0-9<]{9}[0-9<][A-Z<]{3}[0-9<]{7}[MFX<][0-9<]{7}[A-Z0-9<]{14}[0-9<]{2})[ \t]*$", re.M
)


def mrz_check_digit(field: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1 repeating; digits as is, A-Z = 10-35, ``<`` = 0; sum mod 10."""
    weights = (7, 3, 1)
    return sum(_MRZ_VALUES[c] * weights[i % 3] for i, c in enumerate(field)) % 10


def _check(field: str, digit: str) -> bool:
    return digit.isdigit() and mrz_check_digit(field) == int(digit) or (digit == "<" and set(field) <= {"<"})


@dataclass(frozen=True, slots=True)
class Mrz:
    """A parsed TD3 machine-readable zone; offsets index the page text."""

    line1_start: int
    line2_start: int
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str  # YYMMDD
    sex: str
    expiry_date: str
    number_ok: bool
    birth_ok: bool
    expiry_ok: bool
    composite_ok: bool

    @property
    def valid(self) -> bool:
        return self.number_ok and self.birth_ok and self.expiry_ok and self.composite_ok


def parse_mrz(text: str) -> list[Mrz]:
    """Every TD3 MRZ (two 44-character lines, the second right after the first) in ``text``."""
    out: list[Mrz] = []
    for m1 in _MRZ_LINE1.finditer(text):
        m2 = _MRZ_LINE2.match(text, m1.end() + 1) if m1.end() < len(text) else None
        if m2 is None:
            continue
        l1, l2 = m1.group(1), m2.group(1)
        names = l1[5:44].rstrip("<")
        surname, _, given = names.partition("<<")
        composite = l2[0:10] + l2[13:20] + l2[21:43]
        out.append(
            Mrz(
                line1_start=m1.start(1),
                line2_start=m2.start(1),
                issuing_state=l1[2:5].rstrip("<"),
                surname=surname.replace("<", " ").strip(),
                given_names=given.replace("<", " ").strip(),
                document_number=l2[0:9].rstrip("<"),
                nationality=l2[10:13].rstrip("<"),
                birth_date=l2[13:19],
                sex=l2[20],
                expiry_date=l2[21:27],
                number_ok=_check(l2[0:9], l2[9]),
                birth_ok=_check(l2[13:19], l2[19]),
                expiry_ok=_check(l2[21:27], l2[27]),
                composite_ok=_check(composite, l2[43]),
            )
        )
    return out


def _mrz_date(yymmdd: str, past: bool, today: date | None = None) -> str | None:
    """ISO date of an MRZ YYMMDD; birth dates are in the past, expiry dates within ~50 years ahead."""
    if not yymmdd.isdigit():
        return None
    today = today or date.today()
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    century = 2000 if (past and yy <= today.year % 100) or (not past and yy < 70) else 1900
    try:
        return date(century + yy, mm, dd).isoformat()
    except ValueError:
        return None


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


_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_NAME_WORD = rf"(?:[{_UPPER}](?:[^\W\d_]|['’](?=[{_UPPER}])|-(?=[{_UPPER}]))+|(?:bin|bint|ibn|al|el|ul|abu|de|van)(?=[ \t]+[{_UPPER}]))"
_NAME_AFTER = {
    n: re.compile(
        r"[ \t]*(?:(?:paternel|maternel|paternelle|maternelle|aîné|aînée|cadet|cadette|défunt|défunte)[ \t]*)?"
        r",?[ \t]*(?:(?:named|called|nommée?|appelée?|whose name is|(?i:mr|mrs|ms|dr)\.?|M\.|Mme|Mlle)[ \t]+)?"
        rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,{n - 1}}})"
    )
    for n in (1, 2, 3, 4, 5)
}


# "child of": the name that follows is the father's (identity documents and forms in South and West Asia)
_CHILD_OF = re.compile(r"(?i)(?:\bson of|\bdaughter of|\bs/o|\bd/o|\bfils de|\bfille de|(?<!\w)فرزند|(?<!\w)ولد)[ \t]+")


_PERSON_CUES = _CUES["person_cues"]
_PERSON_LATIN_BEFORE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(
        # titles ("Colonel", "Mr.") only as written; "my friend", "mon ami" in any case
        re.escape(w) if w[0].isupper() else "(?i:" + re.escape(w) + ")"
        for w in sorted(_PERSON_CUES["latin_before"], key=len, reverse=True)
    )
    + r")(?=[ \t,])"
)
# cues that announce a name ("called", "Mr."), as opposed to a relation ("my friend")
_NAMING_CUES = frozenset({"يدعى", "يُدعى", "تدعى", "تُدعى", "المدعو", "المدعوة", "به نام", "بنام", "آقای", "خانم", "حاج"})
_PERSON_LATIN_AFTER = re.compile(
    r"(?P<n>(?<![\w'’])[A-ZÀ-ÖØ-ÞİŞĞÇÜ][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞİŞĞÇÜ][\w'’-]+){0,2})[ \t]+(?P<cue>"
    + "|".join(re.escape(w) for w in _PERSON_CUES["latin_after"])
    + r")(?!\w)"
)
_PERSON_SCRIPT_BEFORE = re.compile(
    r"(?<![\u0600-\u06FF])(?:"
    + "|".join(re.escape(w) for w in sorted(_PERSON_CUES["script_before"], key=len, reverse=True))
    + r")(?=[ \t]|[\u30A0-\u30FF])"
)
_PERSON_SCRIPT_AFTER = re.compile(
    r"(?P<n>[\u30A0-\u30FF・ー]{2,20}|[\u0600-\u06FF]+(?:[ \t][\u0600-\u06FF]+)?)[ \t]*(?P<cue>"
    + "|".join(re.escape(w) for w in _PERSON_CUES["script_after"])
    + r")"
)
_KANJI_NAME_SAN = re.compile(
    r"(?<![\u4E00-\u9FFF\u3005])(?P<n>[\u4E00-\u9FFF\u3005]{2,4})(?P<cue>さん|氏)(?![\u4E00-\u9FFF])"
)
_KIN_KANJI = re.compile(r"[父母兄姉弟妹夫妻息娘叔伯祖孫皆様奥店長家族隣人]")
_TR_NAME_IS = re.compile(
    r"(?<!\w)(?i:ad[ıi]|ismi)[ \t]+(?P<n>[A-ZÇĞİÖŞÜ][a-zçğıöşü]+(?:[ \t]+[A-ZÇĞİÖŞÜ][a-zçğıöşü]+){0,2})[ \t]+olan(?!\w)"
)
# words a cue may be followed by that are not names: "named as a suspect", "called the police"
_PERSON_STOP = frozenset(
    fold(w).casefold()
    for w in (
        "The",
        "A",
        "An",
        "Me",
        "Him",
        "Her",
        "Us",
        "Them",
        "It",
        "Police",
        "Army",
        "Government",
        "God",
        "Allah",
        "Le",
        "La",
        "Les",
        "Un",
        "Une",
        "I",
        "He",
        "She",
        "We",
        "They",
        "My",
        "His",
        "Our",
        "Their",
        "This",
        "That",
        "Taliban",
        "Bir",
        "Bu",
        "Şu",
        "O",
        "Ben",
        "Biz",
    )
)


def _latin_name_after(text: str, pos: int, max_words: int = 4) -> tuple[int, int] | None:
    """A capitalised name starting at ``pos`` (after optional ", " or "named"/"called")."""
    m = _NAME_AFTER[max_words].match(text, pos)
    if m is None:
        return None
    start, end = m.start(1), m.end(1)
    words = text[start:end].split()
    # stop words that look like names at the start of a sentence: "my brother The ..." is rare; pronouns are not
    if words and words[0] in {"I", "The", "He", "She", "They", "We", "It", "In", "On", "At", "And", "But", "Was", "Is"}:
        return None
    # a place ends the name: "kızım Zeynep Türkiye'de kaldı", "my son Omid Kabul ..." (not the first word)
    for w in list(re.finditer(r"\S+", text[start:end]))[1:]:
        ws, we = start + w.start(), start + w.end()
        hits = [h for h in find_places(text[ws:we]) if h.start == 0 and h.end == we - ws]
        if hits and (re.match(r"['’][a-zçğıöşü]", text[we : we + 2]) or hits[0].payload.kind == COUNTRY):
            end = len(text[:ws].rstrip())
            break
    return start, end


def _script_name_after(text: str, pos: int) -> tuple[int, int] | None:
    """A name right after ``pos``: katakana (Japanese), or a run of Arabic-script words.

    Arabic script has no capitals, so a run starts with a listed given name (``given_names.json``) and
    takes further listed names; one unlisted word (a family name) is added when a boundary follows it
    ("پدرم غلام حسین نظری و مادرم ...").
    """
    m = re.compile(r"[ \t]*[،,:]?\s*(?:の|、|（|\()?[ \t]*").match(text, pos)
    p = m.end() if m else pos
    k = re.compile(r"[\u30A0-\u30FF・ー]{2,20}").match(text, p)
    if k:
        return k.start(), k.end()
    words = list(_ARABIC_WORD.finditer(text, p, min(len(text), p + 80)))
    if not words or words[0].start() != p:
        return None
    taken: list[re.Match[str]] = []
    for n, w in enumerate(words[:7]):
        if taken and not re.fullmatch(r"[ \t]*", text[taken[-1].end() : w.start()]):
            break
        word = fold(w.group())
        if word in _ARABIC_SCRIPT_NAMES and (n < 4 or _nasab_continues(taken, words, n)):
            taken.append(w)
            continue
        following = fold(words[n + 1].group()) if n + 1 < len(words) else ""
        # a nasab chain "محمد بن علي", "عبد الله": the connector joins two listed names
        if taken and word in _NASAB and following in _ARABIC_SCRIPT_NAMES:
            taken.append(w)
            continue
        if taken and fold(taken[-1].group()) == "عبد" and word.startswith("ال"):
            taken.append(w)  # "عبد الرحمن", "عبد الله"
            continue
        # a nisba or Persian family name after a given name: "العبيدي", "حسین‌زاده", "رضاپور"
        if taken and word not in _STOP_WORDS and _SURNAME_FORM.fullmatch(word):
            taken.append(w)
            break
        if taken and word not in _STOP_WORDS:
            after = text[w.end() : w.end() + 3].lstrip(" \t")
            following = fold(words[n + 1].group()) if n + 1 < len(words) else ""
            if (after and after[0] in "،,؛;(") or following in {"و", "اور"}:
                taken.append(w)
        break
    if not taken:
        return None
    return taken[0].start(), taken[-1].end()


_NASAB = frozenset(fold(w) for w in ("بن", "ابن", "بنت", "bin"))
# family-name shapes: Arabic nisba with the article ("العبيدي"), Persian "-zadeh" / "-pour" / "-nejad"
_SURNAME_FORM = re.compile(r"ال[\u0621-\u064A]{2,}ي|[\u0600-\u06FF\u200c]{2,}(?:زاده|پور|نژاد|نیا)")


def _nasab_continues(taken: list[re.Match[str]], words: list[re.Match[str]], n: int) -> bool:
    """Past four words, a listed name continues the run only inside a nasab chain ("... بن علي")."""
    return bool(taken) and fold(taken[-1].group()) in _NASAB


# Arabic-script letters (and ZWNJ), without the Arabic comma, semicolon, question mark and full stop
_ARABIC_WORD = re.compile(r"(?:(?![\u060C\u061B\u061F\u066A-\u066D\u06D4])[\u0600-\u06FF\u200c])+")


# --------------------------------------------------------------------------------------------
# The rule extractor
# --------------------------------------------------------------------------------------------


class IdentityExtractor:
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
    def _mrz(self, text: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        for z in parse_mrz(text):
            status = "valid" if z.valid else "invalid"
            conf = 0.95 if z.valid else 0.5
            mrz_attr = ("mrz_check", status)
            note = f"passport machine-readable zone (check digits {status})"
            l1, l2 = z.line1_start, z.line2_start
            name_end = l1 + 5 + len(text[l1 + 5 : l1 + 44].rstrip("<"))
            if name_end > l1 + 5:
                full = " ".join(p for p in (z.given_names, z.surname) if p)
                out.append(
                    candidate(
                        text,
                        FactField.PERSON_NAME,
                        l1 + 5,
                        name_end,
                        full,
                        0.9 if z.valid else 0.5,
                        self.model,
                        note,
                        [mrz_attr, ("surname", z.surname), ("given_names", z.given_names)],
                    )
                )
            number_end = l2 + len(z.document_number)
            if z.document_number:
                c = 0.95 if z.number_ok else 0.4
                out.append(
                    candidate(
                        text,
                        FactField.DOCUMENT_NUMBER,
                        l2,
                        number_end,
                        z.document_number,
                        c,
                        self.model,
                        f"{note}; number check digit {'valid' if z.number_ok else 'invalid'}",
                        [("document_type", "passport"), mrz_attr, ("issuing_state", z.issuing_state)],
                    )
                )
            cc = alpha2_for_code(z.nationality)
            nat_attrs = [mrz_attr, ("iso3", z.nationality)]
            if cc is None:
                nat_attrs.append(("unknown_code", "not an ISO 3166 country (e.g. ICAO specimen 'UTO')"))
            out.append(
                candidate(
                    text,
                    FactField.NATIONALITY,
                    l2 + 10,
                    l2 + 10 + len(z.nationality),
                    cc,
                    conf if cc else 0.4,
                    self.model,
                    note,
                    nat_attrs,
                )
            )
            birth = _mrz_date(z.birth_date, past=True)
            if birth:
                c = 0.95 if z.birth_ok and z.valid else 0.5
                out.append(
                    candidate(
                        text,
                        FactField.DATE_OF_BIRTH,
                        l2 + 13,
                        l2 + 19,
                        birth,
                        c,
                        self.model,
                        f"{note}; birth date check digit {'valid' if z.birth_ok else 'invalid'}",
                        [mrz_attr, ("precision", "day")],
                    )
                )
            expiry = _mrz_date(z.expiry_date, past=False)
            if expiry:
                out.append(
                    candidate(
                        text,
                        FactField.DATE,
                        l2 + 21,
                        l2 + 27,
                        expiry,
                        0.9 if z.expiry_ok else 0.4,
                        self.model,
                        f"{note}; passport expiry date",
                        [mrz_attr, ("role", "document_expiry_date"), ("precision", "day")],
                    )
                )
        return out

    # -- "my own passport, number N8047312" ---------------------------------------------------
    _DOC_NARRATIVE = re.compile(
        r"(?i)(?P<kind>passport|passeport|パスポート|旅券|جواز\s*(?:ال)?سفر\S*|جواز|پاسپورت|پاسپورٹ|گذرنامه|"
        r"id card|identity card|national id|tazkira|tazkera|تذکره|بطاقة الهوية|شناختی کارڈ)"
        r"(?P<gap>[^。]{0,30}?)(?P<num>(?<![A-Za-z0-9])[A-Z]{0,3}\d[A-Z0-9\-]{4,18}(?![A-Za-z0-9]))"
    )

    def _narrative_documents(self, text: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        folded = fold(text)
        for m in self._DOC_NARRATIVE.finditer(folded):
            number = m.group("num")
            if sum(c.isdigit() for c in number) < 5:
                continue
            if re.search(r"\d", m.group("gap")):
                continue  # another number (a date, a count) sits between the word and this one
            kind = m.group("kind").casefold()
            passport = any(k in kind for k in ("pass", "パスポート", "旅券", "جواز", "پاسپ", "گذرنامه"))
            out.append(
                candidate(
                    text,
                    FactField.DOCUMENT_NUMBER,
                    m.start("num"),
                    m.end("num"),
                    number.upper(),
                    0.75,
                    self.model,
                    f"number after '{text[m.start('kind') : m.end('kind')]}'",
                    [("document_type", "passport" if passport else "national_id")],
                )
            )
        return out

    # -- "My name is ..." ---------------------------------------------------------------------
    _NAME_INTRO = re.compile(
        r"(?i)(?:\bmy (?:full )?name is|\bi am called|\bje m'appelle|\bje m’appelle|\bmon nom est|\bbenim adım|"
        r"(?<![\w'])adım|(?:^|\n)[ \t]*ben(?=[ \t]+[A-ZÇĞİÖŞÜ][^\W\d_]+[ \t]+[A-ZÇĞİÖŞÜ][^\W\d_]+,)|\bje soussignée?|"
        r"\bi,(?=[ \t]+[A-Z][^\W\d_]+[ \t]+[A-Z][^\W\d_]+,))(?![\w'])"
    )
    _NAME_INTRO_AR = re.compile(
        r"(?:اسمي|إسمي|اسم من|نام من|نامم|میرا نام|مرا نام|اینجانب|إنني|اس کا نام|ان کا نام|"
        r"(?:^|(?<=\n)|(?<=\.\s))(?:أنا|انا)(?=[ \t]+[^\n،,]{2,40}،))[ \t]+"
    )
    # "என் பெயர் கந்தசாமி ரமேஷ்.", "මගේ නම ... .", "ကျွန်ုပ်၏အမည်မှာ ... ဖြစ်ပါသည်", "私、ザフラ・モラディは"
    _NAME_INTRO_OTHER = re.compile(
        r"(?:என் பெயர்|எனது பெயர்|මගේ නම|මාගේ නම|ကျွန်ုပ်၏အမည်မှာ|ကျွန်ုပ်အမည်မှာ|ကျွန်တော့်နာမည်|ကျွန်မနာမည်)[ \t]+"
        r"(?P<n>[^\n.။,]{2,50}?)(?=[ \t]*(?:\.|။|,|\n|ဖြစ်|ஆகும்|වේ))"
        r"|私、(?P<j>[\u30A0-\u30FF・ー]{2,20})は"
    )
    _NAME_INTRO_TITLE = re.compile(
        r"(?i)(?:\bact for|\bon behalf of|\bapplicant,?|\bclient,?|\brepresent)\s+(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+"
    )
    _NAME_INTRO_JA = re.compile(
        r"(?:私の名前は|名前は|私は)[ \t]*(?P<n>[\u30A0-\u30FF・ー\u4E00-\u9FFF]{2,20}?)(?:と申します|といいます|です)"
    )

    def _other_persons(self, text: str) -> list[FactCandidate]:
        """People named in the story after a cue: "my friend Samuel Tesfaye", "Colonel Abdi Hassan", "a man named
        X", "Ahmet adlı bir polis", "يدعى X", "به نام X", "友人のアフマド". Role ``other``; the examiner confirms."""
        out: list[FactCandidate] = []

        def add(s: int, e: int, cue: str, conf: float) -> None:
            s, e = trim_span(text, s, e, ".,;:'’\"")
            name = " ".join(text[s:e].split())
            if e <= s or not _valid_name(name) or fold(name.split()[0]).casefold() in _PERSON_STOP:
                return
            out.append(
                candidate(
                    text,
                    FactField.PERSON_NAME,
                    s,
                    e,
                    name,
                    conf,
                    self.model,
                    f"a person named after '{cue}' (may not be the applicant)",
                    [("role", "other")],
                )
            )

        for m in _PERSON_LATIN_BEFORE.finditer(text):
            span = _latin_name_after(text, m.end(), 3)
            if span is not None and not text[m.end() : span[0]].count("\n"):
                add(span[0], span[1], m.group(0).strip(), 0.5)  # below spaCy's 0.55: the model's find is kept
        for m in _PERSON_LATIN_AFTER.finditer(text):
            add(m.start("n"), m.end("n"), m.group("cue"), 0.5)
        for m in _PERSON_SCRIPT_BEFORE.finditer(text):
            cue = m.group(0).strip()
            k = re.compile(r"[ \t]*([\u30A0-\u30FF・ー]{2,20})").match(text, m.end())
            if k is not None:
                add(k.start(1), k.end(1), cue, 0.55)
                continue
            if cue not in _NAMING_CUES:
                span = _script_name_after(text, m.end())  # "صديقي أحمد": a listed given name
                if span is not None:
                    add(span[0], span[1], cue, 0.5)
                continue
            # "يدعى خالد العلي", "به نام حسین کریمی": the cue says a name follows; two words at most
            words = list(_ARABIC_WORD.finditer(text, m.end(), min(len(text), m.end() + 60)))
            if not words or text[m.end() : words[0].start()].strip():
                continue
            taken = [words[0]]
            for w in words[1:2]:
                key = fold(w.group())
                spaced = re.fullmatch(r"[ \t]+", text[taken[-1].end() : w.start()]) is not None
                if spaced and key not in _STOP_WORDS and (key in _ARABIC_SCRIPT_NAMES or key.startswith("ال")):
                    taken.append(w)
            if fold(taken[0].group()) in _STOP_WORDS:
                continue
            add(taken[0].start(), taken[-1].end(), cue, 0.5)
        for m in _PERSON_SCRIPT_AFTER.finditer(text):
            add(m.start("n"), m.end("n"), m.group("cue"), 0.5)
        for m in _KANJI_NAME_SAN.finditer(text):  # "田中さん", "山本氏"; not "お父さん", "叔父さん"
            if not _KIN_KANJI.search(m.group("n")):
                add(m.start("n"), m.end("n"), m.group("cue"), 0.45)
        for m in _TR_NAME_IS.finditer(text):  # "adı Hasan Kaya olan bir polis"
            add(m.start("n"), m.end("n"), "adı ... olan", 0.5)
        return out

    def _stated_name(self, text: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        for m in self._NAME_INTRO.finditer(text):
            span = _latin_name_after(text, m.end())
            if span and _valid_name(text[span[0] : span[1]]):
                out.append(
                    candidate(
                        text,
                        FactField.PERSON_NAME,
                        *span,
                        " ".join(text[span[0] : span[1]].split()),
                        0.8,
                        self.model,
                        f"name after '{m.group().strip()}'",
                    )
                )
        for m in self._NAME_INTRO_AR.finditer(text):
            words = list(_ARABIC_WORD.finditer(text, m.end(), min(len(text), m.end() + 60)))
            taken: list[re.Match[str]] = []
            for w in words[:4]:
                gap = text[(taken[-1].end() if taken else m.end()) : w.start()]
                if gap.strip() or fold(w.group()) in {
                    "است",
                    "هست",
                    "و",
                    "من",
                    "انا",
                    "في",
                    "از",
                    "ہے",
                    "ہوں",
                    "ہیں",
                    "اور",
                    "هستم",
                    "فرزند",
                }:
                    break
                taken.append(w)
            if taken:
                s, e = taken[0].start(), taken[-1].end()
                out.append(
                    candidate(
                        text,
                        FactField.PERSON_NAME,
                        s,
                        e,
                        text[s:e],
                        0.7,
                        self.model,
                        f"name after '{m.group().strip()}'",
                    )
                )
        for m in self._NAME_INTRO_TITLE.finditer(text):
            span = _latin_name_after(text, m.end(), 4)
            if span and _valid_name(text[span[0] : span[1]]):
                out.append(
                    candidate(
                        text,
                        FactField.PERSON_NAME,
                        *span,
                        " ".join(text[span[0] : span[1]].split()),
                        0.75,
                        self.model,
                        f"the applicant named after '{m.group().strip()}'",
                    )
                )
        for m in self._NAME_INTRO_OTHER.finditer(text):
            group = "n" if m.group("n") else "j"
            s, e = trim_span(text, m.start(group), m.end(group))
            if e > s and len(text[s:e].split()) <= 4:
                out.append(
                    candidate(text, FactField.PERSON_NAME, s, e, text[s:e], 0.75, self.model, "name after 'my name is'")
                )
        for m in self._NAME_INTRO_JA.finditer(text):
            n = m.group("n")
            if any(k in n for k in ("難民", "出身", "国籍", "人")):
                continue  # "私はスリランカ人です" is a nationality, not a name
            out.append(
                candidate(
                    text,
                    FactField.PERSON_NAME,
                    m.start("n"),
                    m.end("n"),
                    n,
                    0.7,
                    self.model,
                    "name in '私の名前は…です'",
                )
            )
        return out

    def _relatives_as_persons(self, text: str, family: list[FactCandidate]) -> list[FactCandidate]:
        """A relative's name is a person named in the story too ("my father, Ghulam Sakhi Jafari")."""
        out: list[FactCandidate] = []
        for c in family:
            name = dict(c.attributes).get("name")
            if not name:
                continue
            first = name.split()[0]
            pos = text.find(first, c.start, c.end)
            if pos < 0:
                continue
            end = pos
            for word in name.split():
                k = text.find(word, end, c.end)
                if k < 0 or text[end:k].strip():
                    break
                end = k + len(word)
            if end <= pos:
                continue
            out.append(
                candidate(
                    text,
                    FactField.PERSON_NAME,
                    pos,
                    end,
                    text[pos:end],
                    min(c.confidence, 0.75),
                    self.model,
                    f"a relative's name ({c.normalized})",
                    [("role", "family")],
                )
            )
        return out

    # "A: Mehmet Yılmaz." right under "Q: What is your name?" (interview records in any language)
    _NAME_QUESTION = re.compile(
        r"(?im)^[ \t]*(?:q|question|質問|問|سؤال|س|سوال|پرسش|soru|கேள்வி|ප්‍රශ්නය)[ \t]*[.:：)\-][^\n]*"
        r"(?:\bname\b|\bnom\b|氏名|名前|اسم|نام|ad[ıi]n[ıi]z|ad[ıi]\b|பெயர்|නම)[^\n]*\n"
        r"[ \t]*(?:a|r|answer|réponse|答|جواب|ج|cevap|பதில்|පිළිතුර)[ \t]*[.:：)\-][ \t]*"
        r"(?:(?:my name is|my full name is|je m'appelle|adım|benim adım|اسمي|اسم من|نام من|نامم)[ \t]+)?"
        r"(?P<n>[^\n.。،,!?؟]{2,60}?)(?:[ \t]*(?:です|でございます|است|هست|ہے|\.|。|$))",
    )

    def _answered_name(self, text: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        for m in self._NAME_QUESTION.finditer(text):
            s, e = trim_span(text, m.start("n"), m.end("n"), ".,;:-")
            value = text[s:e]
            if e <= s or not _valid_name(value) or len(value.split()) > 5:
                continue
            out.append(
                candidate(
                    text,
                    FactField.PERSON_NAME,
                    s,
                    e,
                    " ".join(value.split()),
                    0.8,
                    self.model,
                    "answer to the question about the applicant's name",
                    [("role", "applicant")],
                )
            )
        return out

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

    # -- religion / ethnicity / language stated by the applicant ------------------------------
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

    # -- sentence-level: grounds, events, agents, prior applications --------------------------
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


# --------------------------------------------------------------------------------------------
# spaCy (AI on, English pages)
# --------------------------------------------------------------------------------------------


# Words that are never part of a person's name on these documents: form labels, calendar and
# document words, and the keyword lists (languages, religions, ethnic groups).
_SPACY_STOP = frozenset(
    {w for label in _LABEL_LOOKUP for w in label.split()}
    | {w.casefold() for table in (_LANGUAGES, _RELIGIONS, _ETHNICITIES) for words in table.values() for w in words}
    | {
        "date",
        "place",
        "passport",
        "solar",
        "hijri",
        "gregorian",
        "calendar",
        "republic",
        "province",
        "district",
        "street",
        "road",
        "office",
        "centre",
        "center",
        "section",
        "court",
        "ministry",
        "bureau",
        "airport",
        "police",
        "army",
        "sample",
        "fictional",
        "specimen",
        "statement",
        "application",
        "refugee",
        "status",
    }
)


class SpacyPersonExtractor:
    """English PERSON entities from spaCy's ``en_core_web_sm``: names the rules cannot anchor to a label.

    Only runs on English pages. A person named in a narrative may be anyone (a relative, an official),
    so confidence is moderate and the note says so.
    """

    name = "spacy_person"

    def __init__(self, nlp: object, version: str, model_name: str = "en_core_web_sm") -> None:
        self._nlp = nlp
        self.model = ModelRef(engine="spacy", model=model_name, version=version)

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        if language_base(language) != "en" or not page.text.strip():
            return []
        text = page.text
        doc = self._nlp(text)  # type: ignore[operator]
        places = find_places(text)
        out: list[FactCandidate] = []
        seen: set[str] = set()
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            s, e = trim_span(text, ent.start_char, ent.end_char, ".,;:'’\"")
            value = text[s:e]
            words = value.split()
            if (
                "\n" in value
                or len(words) < 2  # "Tamil", "Date": the small model's single-word PERSONs are mostly wrong
                or not value.isascii()
                or not _valid_name(value)
                or any(fold(w).casefold().strip(".") in _SPACY_STOP for w in words)
                or any(p.start < e and p.end > s for p in places)
            ):
                continue
            key = " ".join(value.split()).casefold()
            if key in seen:
                continue
            seen.add(key)
            conf = 0.55  # two or more words (single words were dropped above)
            out.append(
                candidate(
                    text,
                    FactField.PERSON_NAME,
                    s,
                    e,
                    " ".join(value.split()),
                    conf,
                    self.model,
                    "spaCy PERSON entity: a person named in the text (may not be the applicant)",
                )
            )
        return out


__all__ = ["IdentityExtractor", "Mrz", "SpacyPersonExtractor", "mrz_check_digit", "parse_mrz"]
