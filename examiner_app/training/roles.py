"""Professionals in a case (interpreters, lawyers, officials, doctors, police officers, judges) are replaced by their
role, not by a pseudonym: "Dr. Karim Said" becomes "[doctor]", "山田花子弁護士" becomes "［弁護士］", in the language and
script of each occurrence. A role tells a trainee what they need (who spoke, who signed) and nothing about who it was.

The facts do not say who is a professional, so the role comes from the words around each occurrence of a person's
name: a role word or title right before it ("Interpreter: ", "Judge ", "Dr. ", "المحامي ", "通訳人の"), or right
after it (", attorney", " (interpreter)", "弁護士" in Japanese). A person is a professional when at least half of
their occurrences carry such a word; the passport holder never is. The trainer sees every person with the role
found and can change it (or keep a pseudonym) before export; the leak check still looks for the real name.

Role words are listed for the languages the packs handle (English, French, German, Spanish, Turkish, Russian,
Arabic, Persian, Urdu, Japanese, Tamil, Sinhala, Burmese); every list is searched on every page, because a counsel's
English letter names the interpreter of a Persian interview. Words that are also common given names are left out
(Turkish "hakim", judge, is the name Hakim): a name part mistaken for a role word would escape the pseudonyms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .names import ARABIC, HAN, KATAKANA, LATIN, MYANMAR, SINHALA, TAMIL, PseudonymTable, script_of

INTERPRETER, LAWYER, OFFICIAL, DOCTOR, POLICE_OFFICER, JUDGE = (
    "interpreter",
    "lawyer",
    "official",
    "doctor",
    "police_officer",
    "judge",
)
ROLES = (INTERPRETER, LAWYER, OFFICIAL, DOCTOR, POLICE_OFFICER, JUDGE)

# Words that mark a role next to a name, any language. Longer phrases win over their parts ("police officer" over
# "officer"), so the pattern tries them longest first.
CUES: dict[str, tuple[str, ...]] = {
    INTERPRETER: (
        "interpreter", "translator", "interprète", "traducteur", "traductrice", "Dolmetscher", "Dolmetscherin",
        "intérprete", "traductor", "traductora", "tercüman", "çevirmen", "переводчик", "переводчица",
        "مترجم", "المترجم", "مترجمة", "المترجمة", "通訳人", "通訳者", "通訳", "மொழிபெயர்ப்பாளர்", "පරිවර්තක",
        "စကားပြန်",
    ),
    LAWYER: (
        "lawyer", "attorney", "counsel", "solicitor", "barrister", "advocate", "legal representative", "avocat",
        "avocate", "Maître", "Rechtsanwalt", "Rechtsanwältin", "Anwalt", "Anwältin", "abogado", "abogada",
        "avukat", "адвокат", "محامي", "المحامي", "محامية", "المحامية", "محام", "وکیل", "弁護士", "代理人",
        "வழக்கறிஞர்", "නීතිඥ", "ရှေ့နေ",
    ),
    OFFICIAL: (
        "official", "officer", "case officer", "immigration officer", "caseworker", "case worker", "examiner",
        "officier de protection", "fonctionnaire", "Beamter", "Beamtin", "Sachbearbeiter", "Sachbearbeiterin",
        "Entscheider", "Entscheiderin", "funcionario", "funcionaria", "memur", "görevli", "чиновник", "сотрудник",
        "موظف", "الموظف", "موظفة", "کارمند", "مامور", "مأمور", "افسر", "اہلکار", "難民調査官", "入国審査官",
        "審査官", "調査官", "職員", "அதிகாரி", "නිලධාරි", "အရာရှိ",
    ),
    DOCTOR: (
        "doctor", "Dr", "Dr.", "physician", "psychiatrist", "psychologist", "docteur", "médecin", "Arzt",
        "Ärztin", "médico", "médica", "doktor", "врач", "доктор", "الدكتور", "الدكتورة", "دكتور", "طبيب",
        "الطبيب", "طبيبة", "د.", "دکتر", "پزشک", "ڈاکٹر", "医師", "医者", "மருத்துவர்", "டாக்டர்", "වෛද්‍ය",
        "ဆရာဝန်",
    ),
    POLICE_OFFICER: (
        "police officer", "policeman", "policewoman", "constable", "sergeant", "police inspector", "detective",
        "policier", "policière", "gendarme", "Polizist", "Polizistin", "policía", "polis", "komiser",
        "полицейский", "милиционер", "следователь", "شرطي", "الشرطي", "ضابط الشرطة", "پلیس", "مامور پلیس",
        "پولیس اہلکار", "پولیس", "警察官", "巡査", "警部", "காவல்துறை அதிகாரி", "பொலிஸ்", "පොලිස් නිලධාරි",
        "පොලිස්", "ရဲ",
    ),
    JUDGE: (
        "judge", "justice", "magistrate", "juge", "Richter", "Richterin", "juez", "jueza", "yargıç",
        "судья", "القاضي", "قاضي", "القاضية", "قاضی", "جج", "裁判官", "判事", "裁判長", "நீதிபதி", "විනිසුරු",
        "တရားသူကြီး",
    ),
}  # fmt: skip

# The role word written in a pack, per language of the occurrence.
LABELS: dict[str, dict[str, str]] = {
    "en": {INTERPRETER: "interpreter", LAWYER: "lawyer", OFFICIAL: "official", DOCTOR: "doctor",
           POLICE_OFFICER: "police officer", JUDGE: "judge"},
    "fr": {INTERPRETER: "interprète", LAWYER: "avocat", OFFICIAL: "agent", DOCTOR: "médecin",
           POLICE_OFFICER: "policier", JUDGE: "juge"},
    "de": {INTERPRETER: "Dolmetscher", LAWYER: "Anwalt", OFFICIAL: "Beamter", DOCTOR: "Arzt",
           POLICE_OFFICER: "Polizist", JUDGE: "Richter"},
    "es": {INTERPRETER: "intérprete", LAWYER: "abogado", OFFICIAL: "funcionario", DOCTOR: "médico",
           POLICE_OFFICER: "policía", JUDGE: "juez"},
    "tr": {INTERPRETER: "tercüman", LAWYER: "avukat", OFFICIAL: "görevli", DOCTOR: "doktor",
           POLICE_OFFICER: "polis", JUDGE: "yargıç"},
    "ru": {INTERPRETER: "переводчик", LAWYER: "адвокат", OFFICIAL: "чиновник", DOCTOR: "врач",
           POLICE_OFFICER: "полицейский", JUDGE: "судья"},
    "ar": {INTERPRETER: "مترجم", LAWYER: "محامٍ", OFFICIAL: "موظف", DOCTOR: "طبيب",
           POLICE_OFFICER: "شرطي", JUDGE: "قاضٍ"},
    "fa": {INTERPRETER: "مترجم", LAWYER: "وکیل", OFFICIAL: "کارمند", DOCTOR: "پزشک",
           POLICE_OFFICER: "پلیس", JUDGE: "قاضی"},
    "ur": {INTERPRETER: "مترجم", LAWYER: "وکیل", OFFICIAL: "افسر", DOCTOR: "ڈاکٹر",
           POLICE_OFFICER: "پولیس اہلکار", JUDGE: "جج"},
    "ja": {INTERPRETER: "通訳人", LAWYER: "弁護士", OFFICIAL: "職員", DOCTOR: "医師",
           POLICE_OFFICER: "警察官", JUDGE: "裁判官"},
    "ta": {INTERPRETER: "மொழிபெயர்ப்பாளர்", LAWYER: "வழக்கறிஞர்", OFFICIAL: "அதிகாரி", DOCTOR: "மருத்துவர்",
           POLICE_OFFICER: "காவல்துறை அதிகாரி", JUDGE: "நீதிபதி"},
    "si": {INTERPRETER: "භාෂා පරිවර්තක", LAWYER: "නීතිඥ", OFFICIAL: "නිලධාරි", DOCTOR: "වෛද්‍ය",
           POLICE_OFFICER: "පොලිස් නිලධාරි", JUDGE: "විනිසුරු"},
    "my": {INTERPRETER: "စကားပြန်", LAWYER: "ရှေ့နေ", OFFICIAL: "အရာရှိ", DOCTOR: "ဆရာဝန်",
           POLICE_OFFICER: "ရဲ", JUDGE: "တရားသူကြီး"},
}  # fmt: skip
_LATIN_LANGUAGES = {"en", "fr", "de", "es", "tr"}
_SCRIPT_LANGUAGE = {ARABIC: "ar", KATAKANA: "ja", HAN: "ja", TAMIL: "ta", SINHALA: "si", MYANMAR: "my"}

_CUE_ROLE = {cue.casefold(): role for role, cues in CUES.items() for cue in cues}
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0b80-\u0bff\u0d80-\u0dff\u1000-\u109f"


def _cue_alternatives() -> str:
    out = []
    for cue in sorted(_CUE_ROLE, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in cue.split())
        if script_of(cue) in (HAN, KATAKANA):
            out.append(body)  # no word spaces in Japanese
        else:
            out.append(rf"(?<![\w{_MARKS}]){body}(?![\w{_MARKS}])" if cue[-1].isalnum() else rf"(?<![\w]){body}")
    return "|".join(out)


_CUE = re.compile(_cue_alternatives(), re.IGNORECASE)
# Honorifics that may stand between a role word and the name ("the lawyer, Ms Jane Doe").
_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|M|Mme|Herr|Frau|Sr|Sra|Bay|Bayan|السيد|السيدة|آقای|خانم|جناب)\.?"
_BEFORE_ADJACENT = re.compile(rf"^(?:\s+|\s*{_HONORIFIC}\s*)*$")  # "Judge ", "Dr. ", "interpreter Mr "
_BEFORE_LABELLED = re.compile(rf"^\s*[:：,،]?\s*(?:の|\s)*(?:{_HONORIFIC}\s*)*$")  # "Interpreter: ", "通訳人の"
_AFTER = re.compile(r"^(?:\s*[,،、]\s*(?:the\s+|our\s+|an?\s+)?|\s*[(（]\s*|\s*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RoleCue:
    """A role word next to one occurrence of a name; ``start``/``end`` is the span to replace (the name, with the
    role word or title when it is written as part of it: "Judge Smith", "Dr. Said", "山田弁護士")."""

    role: str
    word: str
    start: int
    end: int


def cue_near(text: str, start: int, end: int) -> RoleCue | None:
    """The role word right before or after the name at ``text[start:end]``, on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = [m for m in _CUE.finditer(text, max(line_start, start - 60), start) if m.end() <= start]
    if before:
        m = before[-1]
        gap = text[m.end() : start]
        if not gap and script_of(m.group()) not in (HAN, KATAKANA):
            pass  # a Latin or Arabic "role word" glued to the name is part of the name
        elif _BEFORE_ADJACENT.match(gap):
            return RoleCue(_CUE_ROLE[_fold(m.group())], m.group(), m.start(), end)
        if _BEFORE_LABELLED.match(gap):
            return RoleCue(_CUE_ROLE[_fold(m.group())], m.group(), start, end)
    after = _CUE.search(text, end, min(line_end, end + 40))
    gap_after = text[end : after.start()] if after is not None else ""
    # "Haruka Ueda, attorney", "أحمد سعيد المحامي", "山田弁護士"; not "a Dari interpreter" (a bare space in Latin)
    bare_latin = after is not None and not gap_after.strip(" \t") and script_of(after.group()) == LATIN
    if after is not None and _AFTER.match(gap_after) and not bare_latin:
        word = after.group()
        adjacent = script_of(word) in (HAN, KATAKANA) and not text[end : after.start()].strip()
        return RoleCue(_CUE_ROLE[_fold(word)], word, start, after.end() if adjacent else end)
    return None


def is_role_word(word: str) -> bool:
    """A role word or title ("Interpreter", "Dr.", "المحامي"): never a part of a person's name."""
    return _fold(word.strip(",.;:()")) in _CUE_ROLE or _fold(word) in _CUE_ROLE


def _fold(word: str) -> str:
    return " ".join(word.split()).casefold()


def label(role: str, language: str, occurrence: str) -> str:
    """The role word for a pack, in the language of the page when it writes that script, else in the script's own
    language: "[interpreter]", "[مترجم]", "［通訳人］"."""
    script = script_of(occurrence)
    if script == LATIN:
        lang = language if language in _LATIN_LANGUAGES else "en"
    elif script == ARABIC:
        lang = language if language in ("ar", "fa", "ur") else ("fa" if language in ("prs", "ps") else "ar")
    elif script in _SCRIPT_LANGUAGE:
        lang = _SCRIPT_LANGUAGE[script]
    else:
        lang = "ru" if language == "ru" or re.search("[\u0400-\u04ff]", occurrence) else "en"
    word = LABELS[lang][role]
    return f"［{word}］" if lang == "ja" else f"[{word}]"


# --------------------------------------------------------------------------------------------
# Names a role word introduces, where no fact named the person (Latin script: capitalised words)
# --------------------------------------------------------------------------------------------

_CAP = r"(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]{2,})"
_NOT_NAMES = frozenset(
    "The A An I He She We They It His Her My Our Your Their This That None No Yes Not And Or Of In On At For To By "
    "With From Date Name Signature Language Section Office Centre Center Court Service Ministry Department "
    "Immigration Refugee Bureau Agency Interview Examination Application Applicant".casefold().split()
)


def latin_mentions(text: str) -> list[str]:
    """Names written beside a role word in Latin script ("Interpreter: Karim Said", "Haruka Ueda, attorney"), so a
    professional no fact recorded is still found (and then replaced by the role)."""
    found: list[str] = []
    for m in _CUE.finditer(text):
        if script_of(m.group()) != LATIN:
            continue
        after = re.match(rf"[ \t]*[:,]?[ \t]*(?:{_HONORIFIC}[ \t]+)*((?:{_CAP}[ \t]+){{0,2}}{_CAP})", text[m.end() :])
        if after:
            found.append(_trim(after.group(1)))
        before = re.search(rf"((?:{_CAP}[ \t]+){{0,2}}{_CAP})(?:[ \t]*,[ \t]*(?:the[ \t]+|our[ \t]+)?|[ \t]*\([ \t]*)$", text[max(0, m.start() - 60) : m.start()])  # fmt: skip
        if before:
            found.append(_trim(before.group(1)))
    return [n for n in found if n]


def _trim(name: str) -> str:
    words = [w for w in name.split() if w.casefold() not in _NOT_NAMES and w.casefold() not in _CUE_ROLE]
    return " ".join(words) if words and all(len(w) > 1 for w in words) else ""


# --------------------------------------------------------------------------------------------
# Who is a professional
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleFinding:
    """What the words around a person's occurrences say: the role found (None: a pseudonym), how often."""

    cluster: int
    role: str | None
    occurrences: int
    with_role_word: int
    words: tuple[str, ...]


def detect(
    texts: Iterable[str], table: PseudonymTable, pattern: re.Pattern[str] | None, never: Iterable[int] = ()
) -> dict[int, RoleFinding]:
    """Per person cluster: the role most of its occurrences' role words give, when at least half of its occurrences
    carry one; ``never`` are clusters that are never a professional (the passport holder)."""
    occurrences: Counter[int] = Counter()
    roles: dict[int, Counter[str]] = {}
    words: dict[int, list[str]] = {}
    if pattern is not None:
        for text in texts:
            for m in pattern.finditer(text):
                clusters = table.clusters_of(m.group())
                cue = cue_near(text, m.start(), m.end())
                for c in clusters:
                    occurrences[c] += 1
                    if cue is not None:
                        roles.setdefault(c, Counter())[cue.role] += 1
                        words.setdefault(c, []).append(cue.word)
    excluded = set(never)
    out: dict[int, RoleFinding] = {}
    for c in range(len(table.clusters)):
        found = roles.get(c, Counter())
        marked = sum(found.values())
        role = found.most_common(1)[0][0] if found else None
        if c in excluded or marked * 2 < max(occurrences[c], 1):
            role = None
        out[c] = RoleFinding(c, role, occurrences[c], marked, tuple(dict.fromkeys(words.get(c, []))))
    return out


def apply_choices(
    findings: Mapping[int, RoleFinding], table: PseudonymTable, choices: Mapping[str, str]
) -> dict[int, str]:
    """The roles to write: those found, changed by the trainer's choices (a spelling of the person -> a role, or ""
    for a pseudonym)."""
    out = {c: f.role for c, f in findings.items() if f.role}
    for spelling, role in choices.items():
        cluster = table.cluster_of(spelling)
        if cluster is None:
            continue
        if role in ROLES:
            out[cluster] = role
        else:
            out.pop(cluster, None)
    return out
