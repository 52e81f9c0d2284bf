"""Local places the gazetteer does not know: villages, districts, camps, prisons, small towns.

A name is taken as a place only where the words around it say so: a place noun before it ("مدينة حمص",
"ville de Korhogo", "شهر اصفهان", "village of X") or after it ("Maekelawi prison", "エヴィン刑務所",
"Meriç Nehri", "ရခိုင်ပြည်နယ်"), a verb of birth, living or travel right after it ("تبریز به دنیا آمدم",
"Kayseri'de doğdum", "ミッチーナで生まれ", "ගාල්ලේ උපන්නෙමි"), or a known country in apposition
("Labé, en Guinée", "タイのバンコク"). Cue vocabularies are in ``data/local_place_cues.json``.

Spans follow the gold conventions: a noun written after the name is part of it ("Evin prison"), a noun
before it is not ("حمص" in "مدينة حمص"); Turkish case suffixes after an apostrophe are left out
("Kayseri" in "Kayseri'de"); Tamil and Sinhala words keep their case endings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .base import fold, load_data

_DATA = load_data("local_place_cues.json")
_STOP = frozenset(w.casefold() for w in _DATA["stop"])
_AR_STOP = frozenset(fold(w) for w in _DATA["arabic_stop"])
_GIVEN = frozenset(fold(n) for n in load_data("given_names.json")["arabic_script"])

_UP = "A-ZÀ-ÖØ-ÞİŞĞÇÜ"
_LATIN_WORD = rf"[{_UP}][\w]*(?:-[\w]+)*"
_LATIN_NAME = rf"{_LATIN_WORD}(?:[ \t]+{_LATIN_WORD}){{0,2}}"
_AR_WORD = r"[\u0600-\u06FF\u200c]+"
_KATAKANA = r"[\u30A0-\u30FF]{2,}"
_TAMIL_WORD = r"[\u0B80-\u0BFF]+"
_SINHALA_WORD = r"[\u0D80-\u0DFF\u200d]+"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class LocalPlace:
    """A place found by its context: the span, the country where the context names one, why."""

    start: int
    end: int
    cc: str | None
    confidence: float
    note: str


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], float, str]]:
    """(pattern with a ``name`` group, confidence, note)."""
    d = _DATA
    # locative, ablative and dative endings (not the accusative: "Ayşe'yi gözaltına aldı" names a person)
    tr_suffix = r"(?:ndan|nden|nda|nde|daki|deki|taki|teki|dan|den|tan|ten|da|de|ta|te|ya|ye|a|e)"
    return [
        (
            re.compile(
                rf"(?i:(?<!\w)(?:{_alt(d['latin_before'])}))[ \t]+(?:(?i:the)[ \t]+|[lL]['’])?(?P<name>{_LATIN_NAME})"
            ),
            0.6,
            "a name after a place word",
        ),
        (
            re.compile(rf"(?P<name>{_LATIN_NAME}[ \t]+(?i:{_alt(d['latin_after'])}))(?!\w)"),
            0.6,
            "a name with a place noun",
        ),
        (
            re.compile(
                rf"(?<![\w'’])(?P<name>{_LATIN_WORD})['’]{tr_suffix}(?!\w)(?:[ \t]+\S+){{0,2}}?[ \t]+"
                rf"(?i:{_alt(d['turkish_suffix_verbs'])})(?!\w)"
            ),
            0.55,
            "a name with a case ending before a verb of living or travel",
        ),
        (
            re.compile(rf"(?<![\w'’])(?P<name>{_LATIN_WORD})['’](?:daki|deki|taki|teki)(?!\w)"),
            0.5,
            "a name with a locative ending ('-deki')",
        ),
        (
            re.compile(rf"(?<!\w)(?:{_alt(d['arabic_before'])})[ \t]+(?P<name>{_AR_WORD})"),
            0.55,
            "a name after a place word",
        ),
        (
            re.compile(rf"(?<!\w)(?:در|في)[ \t]+(?P<name>{_AR_WORD})[ \t]+(?:{_alt(d['arabic_verbs_after'])})"),
            0.55,
            "a name before a verb of birth or arrival",
        ),
        (
            re.compile(rf"(?P<name>{_AR_WORD})[ \t]+(?:{_alt(d['arabic_verbs_after'])})"),
            0.5,
            "a name before a verb of birth or arrival",
        ),
        (
            re.compile(rf"(?P<name>{_KATAKANA}(?:{_alt(d['japanese_after'])}))"),
            0.6,
            "a name with a place noun",
        ),
        (
            re.compile(rf"(?P<name>{_KATAKANA})(?:{_alt(d['japanese_verbs_after'])})"),
            0.55,
            "a name before a verb of birth, living or travel",
        ),
        (
            re.compile(rf"(?P<name>{_TAMIL_WORD})[ \t]+(?:{_alt(d['tamil_after'] + d['tamil_verbs_after'])})"),
            0.5,
            "a name before a place noun or a verb of birth or travel",
        ),
        (
            re.compile(rf"(?P<name>{_SINHALA_WORD})[ \t]+(?:{_alt(d['sinhala_after'] + d['sinhala_verbs_after'])})"),
            0.5,
            "a name before a place noun or a verb of birth or travel",
        ),
        (
            re.compile(rf"(?<![\u1000-\u109F])(?P<name>[\u1000-\u109F]+?(?:{_alt(d['myanmar_suffixes'])}))"),
            0.55,
            "a name with a place noun",
        ),
    ]


_AR_DEFINITE_OK = re.compile(r"^(?:[وبلف]?ال)?[\u0600-\u06FF]")


# Burmese words that start a "place noun" compound without naming a place: refugee camp, "our village"
_MY_NOT_NAMES = ("ဒုက္ခသည်", "နိုင်ငံ", "ကျွန်ုပ်", "ကျွန်တော်", "ကျွန်မ", "သူ", "စစ်", "ရဲ")


def _name_ok(name: str) -> bool:
    words = name.split()
    if not words:
        return False
    first = words[0]
    if first.casefold() in _STOP or first.casefold().rstrip("'’") in _STOP:
        return False
    if first[0].isascii() and first.isupper() and len(first) > 1:
        return False  # acronyms: "PKK", "UNHCR"
    if "\u0600" <= first[0] <= "\u06ff":
        key = fold(first)
        if key in _AR_STOP or key in _GIVEN or len(key) < 3:
            return False
    return not ("\u1000" <= first[0] <= "\u109f" and first.startswith(_MY_NOT_NAMES))


def find_local_places(text: str, taken: list[tuple[int, int]], language: str = "") -> list[LocalPlace]:
    """Places named by their context, not overlapping ``taken`` spans (gazetteer hits) or each other."""
    out: list[LocalPlace] = []
    occupied = list(taken)
    for pattern, conf, note in _patterns():
        for m in pattern.finditer(text):
            start, end = m.span("name")
            name = text[start:end]
            cut = re.search(r"['’]", name)
            if cut is not None:
                end = start + cut.start()
                name = text[start:end]
            name_stripped = name.rstrip(" \t.,;:،؛")
            end = start + len(name_stripped)
            if end <= start or not _name_ok(name_stripped):
                continue
            if language.startswith("ar") and text[max(0, start - 4) : start].strip() == "شهر":
                continue  # Arabic شهر is "month"
            if any(a < end and start < b for a, b in occupied):
                continue
            occupied.append((start, end))
            out.append(LocalPlace(start, end, None, conf, note))
    return sorted(out, key=lambda p: p.start)


STOP_WORDS = _STOP
UPPER = _UP

__all__ = ["STOP_WORDS", "UPPER", "LocalPlace", "find_local_places"]
