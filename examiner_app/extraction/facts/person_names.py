"""Personal names: the patterns that take a name after a cue ("my name is", titles, kinship words,
"son of") in many scripts, the identity rules that suggest person names, and spaCy English PERSON names.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable

from examiner_app.domain import FactCandidate, FactField, ModelRef, PageText
from examiner_app.errors import ConfigurationError

from .base import (
    candidate,
    fold,
    language_base,
    trim_span,
)
from .identity_cues import (
    _AGENT_M,
    _AGENTS,
    _ARABIC_SCRIPT_NAMES,
    _CUES,
    _ETHNICITIES,
    _LABEL_LOOKUP,
    _LANGUAGES,
    _RELIGIONS,
    _STOP_WORDS,
    _valid_name,
)
from .places import COUNTRY, find_places

log = logging.getLogger(__name__)

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
# words a cue may be followed by that are not names: "named as a suspect", "called the police", and the labels of
# a form ("Father Name :" on an identity card is a label, not a father called Name)
_PERSON_STOP = frozenset(
    fold(w).casefold()
    for w in (
        "Name",
        "Names",
        "Surname",
        "Nom",
        "Prénom",
        "Prénoms",
        "Adı",
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


class NameFacts:
    """Person names stated, answered, or given after a relation or cue. A part of :class:`~.identity.IdentityExtractor`."""

    model: ModelRef
    include_relation_only: bool

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
        # "the governor of New York", "gobernador de Nueva York": a place after a title is whose title it is
        places = [
            (h.start, h.end) for h in find_places(text) if h.payload.source != "pycountry" or h.payload.kind == COUNTRY
        ]

        def add(s: int, e: int, cue: str, conf: float) -> None:
            s, e = trim_span(text, s, e, ".,;:'’\"")
            name = " ".join(text[s:e].split())
            if e <= s or not _valid_name(name) or fold(name.split()[0]).casefold() in _PERSON_STOP:
                return
            if name.split()[0] in ("de", "of", "du", "d'") or any(a <= s and e <= b for a, b in places):
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


# An armed group, party or movement named like a person ("Boko Haram", "Ansar Dine fighters"): its name is one
# of the agents we know, or a word for a group's members follows it, or "members of" comes before it.
_GROUP_AFTER = re.compile(
    r"[ \t]*(?:'s[ \t]+)?(?:fighters?|militia(?:s|men)?|militants?|members?|rebels?|insurgents?|group|forces|soldiers|"
    r"army|movement|party|brigades?|front|faction|gang|cadres?|supporters|men\b|jihadists?|extremists?)\b",
    re.I,
)
_GROUP_BEFORE = re.compile(
    r"(?i)(?:\b(?:members?|fighters?|militants?|supporters?|soldiers|leaders?|cadres?|commanders?) of"
    r"|\bthe group|\bthe militia)[ \t]+(?:the[ \t]+)?$"
)


def _names_a_group(text: str, start: int, end: int) -> bool:
    if any(_AGENTS[h.payload][0] == "non-state" for h in _AGENT_M.find_in(text[start:end])):
        return True
    return bool(_GROUP_AFTER.match(text, end) or _GROUP_BEFORE.search(text[max(0, start - 40) : start]))


class SpacyPersonExtractor:
    """English PERSON entities from spaCy's ``en_core_web_sm``: names the rules cannot anchor to a label.

    Only runs on English pages. A person named in a narrative may be anyone (a relative, an official),
    so confidence is moderate and the note says so.

    Pass the loaded pipeline as ``nlp``, or ``nlp=None`` and a ``load`` function: the pipeline is then loaded on
    the first English block, once per extractor (spaCy and the model cost seconds, which a page in another
    language should not pay). A load that fails is logged once and the extractor suggests nothing, as when the
    model is missing.
    """

    name = "spacy_person"

    def __init__(
        self,
        nlp: object | None,
        version: str,
        model_name: str = "en_core_web_sm",
        load: Callable[[], object] | None = None,
    ) -> None:
        if nlp is None and load is None:
            raise ValueError("SpacyPersonExtractor needs a pipeline or a function that loads it")
        self._nlp = nlp
        self._load = load
        self._failed = False
        self._lock = threading.Lock()
        self.model = ModelRef(engine="spacy", model=model_name, version=version)

    @property
    def loaded(self) -> bool:
        """Whether the pipeline is in memory (a lazy one before its first English block is not)."""
        return self._nlp is not None

    def _pipeline(self) -> object | None:
        with self._lock:
            if self._nlp is None and self._load is not None and not self._failed:
                try:
                    self._nlp = self._load()
                except ConfigurationError as exc:
                    log.warning("%s", exc)
                    self._failed = True
            return self._nlp

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        if language_base(language) != "en" or not page.text.strip():
            return []
        nlp = self._pipeline()
        if nlp is None:
            return []
        text = page.text
        doc = nlp(text)  # type: ignore[operator]
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
                or _names_a_group(text, s, e)
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
