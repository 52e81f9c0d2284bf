"""Transliteration-tolerant person-name matching: is "Muhammad Husain" the "محمد حسين" of another page?

Each name part (token) becomes a coarse phonetic skeleton in one alphabet shared by every supported
script, and two names are compared token set against token set, so the order of the parts (family name
first or last), a missing middle name and particles (bin, ibn, bint, al-, el-, ...) do not matter.

* **Latin** (with diacritics folded): equivalent spellings map to one consonant class (kh, gh, sh, ch,
  th/dh, q/k/c, v/w, ph/f ...), doubled letters collapse, vowels keep a coarse quality (a, e, i, u) and
  whether the spelling marks them long ("ou", "ee", "ai", "ei" ...). A final "h" after a vowel
  (Fatimah, Abdullah) is dropped.
* **Arabic script** (Arabic, Persian, Urdu; ی ي ى ے, ک ك, ہ ه ھ, ۃ ة, پ چ ژ گ ٹ ڈ ڑ): letters map to the
  same consonant classes. Short vowels are not written, so a Latin short vowel costs almost nothing
  against Arabic script, while the long vowels it does write (ا و ي) must be there: حسن (Hasan) and
  حسين (Husayn) stay apart.
* **Cyrillic** is transliterated letter by letter first (cheap, and asylum files use it).

Out of scope: Japanese katakana readings (ムハンマド) and other scripts (Devanagari, Ethiopic, ...) are
compared only when written the same way after Unicode normalisation; initials ("M. Hussain") are not
expanded. The score is a reading aid for the examiner, never identity proof.

Token similarity is ``1 - cost / max(2, consonants)`` for a weighted edit distance (near consonant
classes and vowel changes cost less than a different consonant). A name's score is the sum of its
matched token similarities over ``max(2, parts of the shorter name)``, so one shared given name is at
most a weak match, minus a penalty when both names have parts the other lacks (different family
names). A name that lacks the other's *first* part and starts with its second ("Abdulrahman Harun" inside
"Yusuf Abdulrahman Harun", a father's name in his son's) is at most weak. Titles in front of a name of two or
more parts (Sayed, Haji, Sheikh, السيد ...) are dropped. ``MATCH_THRESHOLD`` and ``WEAK_THRESHOLD`` were calibrated on ``tests/unit/data/name_pairs.tsv``
(see tests/unit/test_name_match.py for precision and recall on its held-out part).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

# Calibrated on the development part of tests/unit/data/name_pairs.tsv: its negatives score at most 0.67 (a
# father's name inside his son's, capped just below the threshold), its matched positives at least 0.875.
MATCH_THRESHOLD = 0.72  # at or above: "same or similar name", worth a hint
WEAK_THRESHOLD = 0.35  # at or above: a weak match (one part in common): a hint only with another fact
TOKEN_THRESHOLD = 0.8  # two name parts count as the same part at or above this similarity

K = TypeVar("K", bound=Hashable)

# --------------------------------------------------------------------------------------------
# Symbols: (class, is_vowel, is_long, is_final)
# --------------------------------------------------------------------------------------------

GLOTTAL = "'"  # hamza, ayn, and the apostrophe that writes them in Latin (Sa'id)
ANY_VOWEL = "*"  # the article's vowel inside a compound: Abdul / Abdel / Abdal / عبدال


@dataclass(frozen=True, slots=True)
class Sym:
    cls: str
    vowel: bool = False
    long: bool = False
    final: bool = False


@dataclass(frozen=True, slots=True)
class Skeleton:
    """One name part as symbols; ``arabic`` when it was written in Arabic script (no short vowels)."""

    text: str
    syms: tuple[Sym, ...]
    arabic: bool

    @property
    def consonants(self) -> int:
        return sum(1 for s in self.syms if not s.vowel and s.cls != GLOTTAL)

    @property
    def key(self) -> str:
        """Consonants only, near classes merged: what the index files a part under."""
        out: list[str] = []
        for s in self.syms:
            if s.vowel or s.cls == GLOTTAL:
                continue
            c = _KEY_MERGE.get(s.cls, s.cls)
            if not out or out[-1] != c:
                out.append(c)
        return "".join(out) or "".join(s.cls for s in self.syms)


_KEY_MERGE = {"Z": "D", "G": "K", "SH": "S", "C": "J", "X": "H", "P": "B", "W": "F"}

# --------------------------------------------------------------------------------------------
# Latin
# --------------------------------------------------------------------------------------------

_LATIN_SPECIAL = str.maketrans(
    {"ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h", "ŋ": "ng"}
)
_APOSTROPHES = "'’‘`ʻʼʾʿ´"
_CONSONANT_DIGRAPHS = {
    "sch": "SH",
    "tch": "C",
    "kh": "X",
    "gh": "G",
    "sh": "SH",
    "ch": "C",
    "th": "S",
    "dh": "Z",
    "zh": "Z",
    "ph": "F",
    "ck": "K",
    "dj": "J",
}
_LATIN_CONSONANTS = {
    "b": "B",
    "p": "P",
    "t": "T",
    "d": "D",
    "k": "K",
    "q": "K",
    "c": "K",
    "g": "G",
    "j": "J",
    "s": "S",
    "z": "Z",
    "f": "F",
    "v": "W",
    "w": "W",
    "h": "H",
    "r": "R",
    "l": "L",
    "m": "M",
    "n": "N",
    "y": "Y",
}
_LONG_VOWELS = {
    "aa": "A",
    "ee": "I",
    "ii": "I",
    "ie": "I",
    "ei": "I",
    "ai": "I",
    "ay": "I",
    "ey": "I",
    "iy": "I",
    "oo": "U",
    "ou": "U",
    "uu": "U",
}
_SHORT_VOWELS = {"a": "A", "e": "E", "i": "I", "o": "U", "u": "U", "y": "I"}
_VOWEL_LETTERS = frozenset("aeiou")


def _fold_latin(token: str) -> str:
    text = unicodedata.normalize("NFKD", token.casefold().translate(_LATIN_SPECIAL))
    return "".join(c for c in text if not unicodedata.combining(c))


def _latin_syms(word: str) -> tuple[Sym, ...]:
    syms: list[Sym] = []
    i, n = 0, len(word)
    if word.startswith("abd") and n > 5 and word[3] in _VOWEL_LETTERS and word[4] == "l":
        syms = [Sym("A", vowel=True), Sym("B"), Sym("D"), Sym(ANY_VOWEL, vowel=True)]
        i = 4
    while i < n:
        ch = word[i]
        if ch in _APOSTROPHES:
            syms.append(Sym(GLOTTAL))
            i += 1
            continue
        if not ch.isalpha():
            i += 1
            continue
        # "y" before a vowel or at the start is a consonant; "ay"/"ey" before a vowel are a + y (Hayat).
        pair = word[i : i + 2]
        nxt = word[i + 2 : i + 3]
        if pair in _LONG_VOWELS and not (pair[1] == "y" and nxt in _VOWEL_LETTERS):
            syms.append(Sym(_LONG_VOWELS[pair], vowel=True, long=True))
            i += 2
            continue
        if ch in _VOWEL_LETTERS or (ch == "y" and i > 0 and word[i + 1 : i + 2] not in _VOWEL_LETTERS):
            syms.append(Sym(_SHORT_VOWELS[ch], vowel=True))
            i += 1
            continue
        for length in (3, 2):
            chunk = word[i : i + length]
            if chunk in _CONSONANT_DIGRAPHS:
                syms.append(Sym(_CONSONANT_DIGRAPHS[chunk]))
                i += length
                break
        else:
            if ch == "x":
                syms += [Sym("K"), Sym("S")]
            elif ch in _LATIN_CONSONANTS:
                syms.append(Sym(_LATIN_CONSONANTS[ch]))
            i += 1
    # Fatimah / Fatemeh / Abdullah: a final h after a vowel is not a letter of the name in Arabic script.
    if len(syms) >= 2 and syms[-1].cls == "H" and syms[-2].vowel:
        syms.pop()
    return _finish(syms)


# --------------------------------------------------------------------------------------------
# Arabic script (Arabic, Persian, Urdu) and Cyrillic
# --------------------------------------------------------------------------------------------

_ALEFS = frozenset("اأإآٱ")
_ARABIC_CONSONANTS = {
    "ب": "B",
    "پ": "P",
    "ت": "T",
    "ٹ": "T",
    "ط": "T",
    "ث": "S",
    "س": "S",
    "ص": "S",
    "ج": "J",
    "چ": "C",
    "ح": "H",
    "ه": "H",
    "ہ": "H",
    "ھ": "H",
    "ۀ": "H",
    "خ": "X",
    "د": "D",
    "ڈ": "D",
    "ض": "D",
    "ذ": "Z",
    "ز": "Z",
    "ژ": "Z",
    "ظ": "Z",
    "ر": "R",
    "ڑ": "R",
    "ش": "SH",
    "ع": GLOTTAL,
    "ء": GLOTTAL,
    "ؤ": GLOTTAL,
    "ئ": GLOTTAL,
    "غ": "G",
    "گ": "G",
    "ڭ": "G",
    "ف": "F",
    "ڤ": "W",
    "ق": "K",
    "ك": "K",
    "ک": "K",
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ں": "N",
}
_YEHS = frozenset("يیىےێ")
_WAWS = frozenset("وۆۇ")
_TEH_MARBUTA = frozenset("ةۃ")
_SUN_LETTERS = frozenset("تثدذرزسشصضطظن")
_ARABIC_SKIP = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0640, 0x200C, 0x200D])


def _arabic_syms(word: str) -> tuple[Sym, ...]:
    letters = [c for c in word if c not in _ARABIC_SKIP]
    syms: list[Sym] = []
    n = len(letters)
    skip_lam = False
    for i, ch in enumerate(letters):
        last = i == n - 1
        if skip_lam:
            skip_lam = False
            continue
        nxt = letters[i + 1] if i + 1 < n else ""
        if ch in _ALEFS:
            # Word-initial alef carries a (short) vowel; later it is a long a. أ/إ inside a word is a hamza.
            # The article inside a compound (عبدالرحمن, عبدالله) is written ال but said u, e or a.
            if i >= 2 and nxt == "ل" and ch == "ا" and "".join(letters[:i]) in ("عبد", "ابو", "أبو"):
                syms.append(Sym(ANY_VOWEL, vowel=True))
            elif i >= 2 and nxt == "ل" and ch == "ا" and i + 2 < n and letters[i + 2] in _SUN_LETTERS:
                syms.append(Sym(ANY_VOWEL, vowel=True))  # صلاح الدين = Salahuddin: the l is not said
                skip_lam = True
            elif i == 0:
                syms.append(Sym("A", vowel=True))
            elif ch in "أإ":
                syms.append(Sym(GLOTTAL))
            else:
                syms.append(Sym("A", vowel=True, long=True))
        elif ch in _WAWS:
            consonant = i == 0 or nxt in _ALEFS or nxt in _YEHS or (syms and syms[-1].vowel and not last)
            syms.append(Sym("W") if consonant else Sym("U", vowel=True, long=True))
        elif ch in _YEHS:
            if ch == "ى":
                # Alef maqsura is a (Mustafa مصطفى), but Egyptian spelling writes a final yeh without dots too
                # (Ali على): either vowel.
                syms.append(Sym(ANY_VOWEL, vowel=True, long=True))
            elif ch == "ے":
                syms.append(Sym("E", vowel=True, long=True))
            else:
                consonant = i == 0 or nxt in _ALEFS or nxt in _WAWS or (syms and syms[-1].vowel and not last)
                syms.append(Sym("Y") if consonant else Sym("I", vowel=True, long=True))
        elif ch in _TEH_MARBUTA:
            syms.append(Sym("A", vowel=True, long=True))
        elif ch in "هہ" and last and i > 1 and letters[i - 1] == "ل" and letters[i - 2] == "ل":
            syms.append(Sym("A", vowel=True, long=True, final=True))  # -allah, -ullah
        elif ch in "هہ" and last and i > 0:
            # A final heh after a consonant is the Persian/Urdu "-e"/"-a" ending (فاطمه Fatemeh).
            syms.append(Sym("E", vowel=True, long=True) if not syms[-1].vowel else Sym("H"))
        elif ch in _ARABIC_CONSONANTS:
            syms.append(Sym(_ARABIC_CONSONANTS[ch]))
    return _finish(syms)


_CYRILLIC = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "yo",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "ә": "a",
        "ғ": "gh",
        "қ": "q",
        "ң": "ng",
        "ө": "o",
        "ұ": "u",
        "ү": "u",
        "һ": "h",
        "і": "i",
        "ї": "yi",
        "є": "ye",
        "ў": "u",
    }
)


def _finish(syms: list[Sym]) -> tuple[Sym, ...]:
    """Collapse doubled consonants (Mohammad = Mohamad; shadda is not written) and mark the last symbol."""
    out: list[Sym] = []
    for s in syms:
        if out and not s.vowel and out[-1] == s:
            continue
        if out and s.vowel and out[-1].vowel and out[-1].cls == s.cls:
            out[-1] = Sym(s.cls, vowel=True, long=True)
            continue
        out.append(s)
    if out:
        last = out[-1]
        out[-1] = Sym(last.cls, last.vowel, last.long, True)
    return tuple(out)


def _script(token: str) -> str:
    for ch in token:
        cp = ord(ch)
        if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFEFF:
            return "arabic"
        if 0x0400 <= cp <= 0x04FF:
            return "cyrillic"
        if ch.isalpha() and cp >= 0x0370 and not 0x1E00 <= cp <= 0x1EFF:
            return "other"
    return "latin"


@lru_cache(maxsize=65536)
def skeleton(token: str) -> Skeleton:
    """The phonetic skeleton of one name part, in whatever supported script it is written."""
    script = _script(token)
    if script == "arabic":
        text = unicodedata.normalize("NFKC", token)
        return Skeleton(token, _arabic_syms(text), arabic=True)
    if script == "cyrillic":
        return Skeleton(token, _latin_syms(_fold_latin(token.casefold().translate(_CYRILLIC))), arabic=False)
    if script == "other":
        # Unsupported script: the part itself, compared only for equality.
        return Skeleton(token, (Sym("#" + unicodedata.normalize("NFKC", token).casefold(), final=True),), False)
    return Skeleton(token, _latin_syms(_fold_latin(token)), arabic=False)


# --------------------------------------------------------------------------------------------
# Tokens: particles and compounds
# --------------------------------------------------------------------------------------------

PARTICLES = frozenset(
    {
        "bin",
        "ibn",
        "bint",
        "binti",
        "ben",
        "bent",
        "al",
        "el",
        "ul",
        "ud",
        "ad",
        "ed",
        "as",
        "ash",
        "at",
        "ar",
        "az",
        "an",
        "de",
        "da",
        "van",
        "von",
        "der",
        "bn",
        "بن",
        "ابن",
        "بنت",
        "ال",
        "آل",
        "ولد",
    }
)
# Honorifics and lineage titles written before a name (Sayed Ahmad = Ahmad): not a part that identifies.
TITLES = frozenset(
    {
        "sayed",
        "sayyid",
        "sayyed",
        "seyed",
        "seyyed",
        "syed",
        "sheikh",
        "shaikh",
        "haji",
        "hajji",
        "hadji",
        "mullah",
        "mulla",
        "mr",
        "mrs",
        "ms",
        "dr",
        "السيد",
        "سيد",
        "سید",
        "الشيخ",
        "شيخ",
        "الحاج",
        "حاجی",
        "حاجي",
    }
)
# These join the next part into one (Abdul Rahman = Abdulrahman = عبد الرحمن); "din"/"allah" join the previous.
_JOIN_NEXT = frozenset({"abd", "abdul", "abdel", "abdol", "abdal", "abu", "abou", "abo", "عبد", "ابو", "أبو"})
_JOIN_PREVIOUS = frozenset({"din", "deen", "dine", "allah", "ullah", "ulla", "الدين", "الله", "اللہ", "دین", "الدین"})
_SEPARATORS = str.maketrans({c: " " for c in ',.;/()[]{}"“”«»_-‐‑–—|+*&:'})


def name_tokens(name: str) -> tuple[str, ...]:
    """The parts of a name that identify a person: particles dropped, "Abdul X" and "X ud-Din" joined."""
    text = unicodedata.normalize("NFKC", name).replace("\u200c", "")
    raw = [t.strip(_APOSTROPHES) for t in text.translate(_SEPARATORS).split()]
    tokens: list[str] = []
    pending = ""
    for t in raw:
        if not any(c.isalpha() for c in t):
            continue  # numbers and stray marks are not name parts
        low = _fold_latin(t) if _script(t) == "latin" else t
        if low in _JOIN_PREVIOUS and tokens and not pending:
            tokens[-1] += t
            continue
        if low in PARTICLES:
            if pending:
                pending += t  # Abd al-Rahman: the article stays inside the compound
            continue
        if low in _JOIN_NEXT:
            pending += t
            continue
        tokens.append(pending + t)
        pending = ""
    if pending:
        tokens.append(pending)
    # A title in front of a name of two or more parts; alone with one part ("Sayed Jawad") it may be the name.
    if len(tokens) >= 3 and (_fold_latin(tokens[0]) if _script(tokens[0]) == "latin" else tokens[0]) in TITLES:
        tokens = tokens[1:]
    return tuple(tokens)


def _variants(token: str) -> tuple[Skeleton, ...]:
    """The part, and without a leading article written together with it (Alhassan, الحسيني)."""
    out = [skeleton(token)]
    if _script(token) == "arabic" and token.startswith("ال") and len(token) > 4:
        out.append(skeleton(token[2:]))
    else:
        low = _fold_latin(token)
        for prefix in ("al", "el"):
            if low.startswith(prefix) and len(low) > len(prefix) + 3 and low[len(prefix)] not in _VOWEL_LETTERS:
                out.append(skeleton(token[len(prefix) :]))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Token similarity
# --------------------------------------------------------------------------------------------

_NEAR_CONSONANTS = {
    frozenset({"K", "G"}): 0.5,
    frozenset({"J", "G"}): 0.5,
    frozenset({"D", "Z"}): 0.25,  # ض is d in Arabic, z in Persian and Urdu (Ramadan / Ramazan, Reza / رضا)
    frozenset({"S", "Z"}): 0.5,
    frozenset({"S", "SH"}): 0.6,
    frozenset({"T", "D"}): 0.6,
    frozenset({"T", "S"}): 0.6,
    frozenset({"H", "X"}): 0.5,
    frozenset({"K", "X"}): 0.5,
    frozenset({"B", "P"}): 0.5,
    frozenset({"F", "P"}): 0.5,
    frozenset({"F", "W"}): 0.5,
    frozenset({"B", "W"}): 0.6,
    frozenset({"C", "J"}): 0.5,
    frozenset({"C", "SH"}): 0.5,
    frozenset({"J", "Z"}): 0.6,
    frozenset({"Y", "J"}): 0.6,
}
_VOWEL_SUB = {
    frozenset({"A", "E"}): 0.1,
    frozenset({"E", "I"}): 0.25,
    frozenset({"A", "I"}): 0.6,
    frozenset({"A", "U"}): 0.4,
    frozenset({"E", "U"}): 0.4,
    frozenset({"I", "U"}): 0.5,
}
_SEMIVOWEL = {("Y", "I"), ("I", "Y"), ("W", "U"), ("U", "W")}


def _indel(sym: Sym, own_arabic: bool, other_arabic: bool) -> float:
    if not sym.vowel:
        if sym.cls == GLOTTAL:
            return 0.2
        return 0.4 if sym.cls == "H" and sym.final else 1.0
    if sym.cls == ANY_VOWEL:
        return 0.1
    if sym.final:
        return 0.8  # Ali / Alia, Karim / Karima: a final vowel is written in every script and often marks gender
    if own_arabic and other_arabic:
        return 1.0  # a long vowel letter one spelling has and the other lacks: محمد / محمود
    if other_arabic:
        return 0.6 if sym.long else 0.1  # Latin short vowels are not written in Arabic script
    if own_arabic:
        return 0.6
    return 0.4


def _sub(a: Sym, b: Sym, a_arabic: bool, b_arabic: bool) -> float:
    if a.cls == b.cls and a.vowel == b.vowel:
        return 0.0
    if a.vowel and b.vowel and ANY_VOWEL in (a.cls, b.cls):
        return 0.05
    if a.vowel and b.vowel:
        cost = _VOWEL_SUB.get(frozenset({a.cls, b.cls}), 0.6)
        if (a_arabic and a.long and not b.long) or (b_arabic and b.long and not a.long):
            cost += 0.2  # a short Latin vowel against a long vowel written in Arabic script
        return cost
    if (a.cls, b.cls) in _SEMIVOWEL:
        return 0.1
    if GLOTTAL in (a.cls, b.cls) and (a.vowel or b.vowel):
        return 0.15  # Ali / علي: the ayn written as a vowel or not at all
    if not a.vowel and not b.vowel:
        return _NEAR_CONSONANTS.get(frozenset({a.cls, b.cls}), 1.0)
    return 1.0


def _distance(a: Skeleton, b: Skeleton) -> float:
    sa, sb = a.syms, b.syms
    prev = [0.0]
    for s in sb:
        prev.append(prev[-1] + _indel(s, b.arabic, a.arabic))
    for x in sa:
        cur = [prev[0] + _indel(x, a.arabic, b.arabic)]
        for j, y in enumerate(sb, start=1):
            cur.append(
                min(
                    prev[j] + _indel(x, a.arabic, b.arabic),
                    cur[j - 1] + _indel(y, b.arabic, a.arabic),
                    prev[j - 1] + _sub(x, y, a.arabic, b.arabic),
                )
            )
        prev = cur
    return prev[-1]


def _skeleton_similarity(a: Skeleton, b: Skeleton) -> float:
    if a.syms == b.syms:
        return 1.0
    if (a.syms and a.syms[0].cls.startswith("#")) or (b.syms and b.syms[0].cls.startswith("#")):
        return 0.0
    return max(0.0, 1.0 - _distance(a, b) / max(2, a.consonants, b.consonants))


@lru_cache(maxsize=262144)
def token_similarity(a: str, b: str) -> float:
    """0..1: how alike two name parts sound, across scripts (1.0 for the same skeleton)."""
    return max(_skeleton_similarity(x, y) for x in _variants(a) for y in _variants(b))


# --------------------------------------------------------------------------------------------
# Name similarity
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenMatch:
    left: str
    right: str
    similarity: float

    @property
    def kind(self) -> str:
        """``same`` (written alike), ``script`` (another script), ``spelling`` (another spelling)."""
        if _fold_latin(self.left) == _fold_latin(self.right):
            return "same"
        if (_script(self.left) == "arabic") != (_script(self.right) == "arabic"):
            return "script"
        return "spelling"


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How alike two names are, and why: which parts matched, which are only in one of them."""

    left: str
    right: str
    score: float
    pairs: tuple[TokenMatch, ...]
    only_left: tuple[str, ...]
    only_right: tuple[str, ...]
    shifted: bool = False  # one name lacks the other's first part and starts with its second

    @property
    def strength(self) -> str:
        """``strong`` (same or similar name), ``weak`` (a part in common) or ``none``."""
        if self.score >= MATCH_THRESHOLD:
            return "strong"
        return "weak" if self.score >= WEAK_THRESHOLD else "none"

    @property
    def reason(self) -> str:
        """One line in plain English, e.g. ``2 of 3 name parts match: Muhammad ≈ محمد (other script) ...``."""
        if not self.pairs:
            return "no name part in common"
        labels = {"same": "same spelling", "script": "other script", "spelling": "other spelling"}
        parts = [f"{p.left} ≈ {p.right} ({labels[p.kind]}, {p.similarity:.2f})" for p in self.pairs]
        total = len(self.pairs) + max(len(self.only_left), len(self.only_right))
        text = f"{len(self.pairs)} of {total} name parts match: " + "; ".join(parts)
        if self.only_left:
            text += f"; only in the first name: {' '.join(self.only_left)}"
        if self.only_right:
            text += f"; only in the second name: {' '.join(self.only_right)}"
        if self.shifted:
            text += (
                "; the first part of the longer name is missing and the shorter one starts with its second part "
                "(in names built from a father's name this is often another person)"
            )
        return text


@lru_cache(maxsize=65536)
def compare_names(left: str, right: str) -> NameMatch:
    """Score two person names in [0, 1] with the parts that matched (see the module doc for the formula).

    Cached: the facts panel judges name conflicts on the UI thread after every decision, over the same names.
    """
    a, b = name_tokens(left), name_tokens(right)
    if not a or not b:
        return NameMatch(left, right, 0.0, (), a, b)
    scored = sorted(
        ((token_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, float, str, str]] = []  # position in a, in b, similarity, both texts
    for sim, i, j in scored:
        if sim < TOKEN_THRESHOLD:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, sim, a[i], b[j]))
    # A compound written apart on one side and together on the other (Ali Reza / Alireza).
    for x, y, used_x, used_y, flip in ((a, b, used_a, used_b, False), (b, a, used_b, used_a, True)):
        for i in range(len(x) - 1):
            if i in used_x or i + 1 in used_x:
                continue
            for j, other in enumerate(y):
                if j in used_y:
                    continue
                sim = token_similarity(x[i] + x[i + 1], other)
                if sim >= TOKEN_THRESHOLD:
                    used_x.update((i, i + 1))
                    used_y.add(j)
                    apart = f"{x[i]} {x[i + 1]}"
                    pairs.append((j, i, sim, other, apart) if flip else (i, j, sim, apart, other))
                    break
    pairs.sort()
    only_a = tuple(t for i, t in enumerate(a) if i not in used_a)
    only_b = tuple(t for j, t in enumerate(b) if j not in used_b)
    parts_a = len(pairs) + len(only_a)
    parts_b = len(pairs) + len(only_b)
    score = sum(p[2] for p in pairs) / max(2, min(parts_a, parts_b))
    # Parts on both sides that do not match (two family names) speak against one person; a part missing
    # on one side only (a middle name left out) hardly does.
    score -= 0.1 * min(len(only_a), len(only_b)) + 0.03 * abs(len(only_a) - len(only_b))
    # "Yusuf Abdulrahman Harun" and "Abdulrahman Harun": the son's name contains his father's whole name. A
    # missing *first* part, with the rest in order, is therefore at most a weak match.
    positions = [(i, j) for i, j, *_ in pairs]
    shifted = _shifted(positions, used_a, only_b) or _shifted([(j, i) for i, j in positions], used_b, only_a)
    if shifted:
        score = min(score, MATCH_THRESHOLD - 0.05)
    score = round(min(1.0, max(0.0, score)), 3)
    return NameMatch(
        left,
        right,
        score,
        tuple(TokenMatch(ta, tb, round(sim, 3)) for _i, _j, sim, ta, tb in pairs),
        only_a,
        only_b,
        shifted,
    )


def _shifted(pairs: Sequence[tuple[int, int]], used_long: set[int], only_short: tuple[str, ...]) -> bool:
    """The first name lacks its first part in the second name, which starts with the first name's second part."""
    if only_short or 0 in used_long or not pairs:
        return False
    return any(j == 0 and i == 1 for i, j in pairs)


def name_keys(name: str) -> frozenset[str]:
    """Index keys of a name: the merged consonant skeleton of every part (and of its article-less form)."""
    return frozenset(v.key for t in name_tokens(name) for v in _variants(t))


# --------------------------------------------------------------------------------------------
# Index and grouping
# --------------------------------------------------------------------------------------------


class NameIndex(Generic[K]):
    """Names filed by skeleton keys, so a lookup compares only names sharing parts (10,000 cases in ms).

    ``candidates(name)`` returns the items whose names share at least ``min(2, parts)`` keys with
    ``name``: with two or more parts, one shared given name alone (a weak match at best) is skipped.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[K, str]]] = {}
        self.size = 0

    def add(self, item: K, name: str) -> None:
        for key in name_keys(name):
            self._by_key.setdefault(key, []).append((item, name))
        self.size += 1

    def candidates(self, name: str, *, min_shared: int | None = None) -> list[tuple[K, str]]:
        keys = name_keys(name)
        need = min_shared if min_shared is not None else min(2, len(name_tokens(name)))
        counts: dict[tuple[K, str], int] = {}
        for key in keys:
            for entry in self._by_key.get(key, ()):
                counts[entry] = counts.get(entry, 0) + 1
        return [entry for entry, count in counts.items() if count >= need]

    def matches(
        self, name: str, *, threshold: float = MATCH_THRESHOLD, min_shared: int | None = None
    ) -> list[tuple[K, NameMatch]]:
        """Items whose name scores at least ``threshold`` against ``name``, best first."""
        found = [(item, compare_names(name, other)) for item, other in self.candidates(name, min_shared=min_shared)]
        found = [(item, m) for item, m in found if m.score >= threshold]
        found.sort(key=lambda t: -t[1].score)
        return found


def same_person(left: str, right: str) -> bool:
    """Are two names, as written, likely one person's (a hint to check, never a conclusion)?"""
    return compare_names(left, right).score >= MATCH_THRESHOLD


def group_same_person(names: Sequence[str], threshold: float = MATCH_THRESHOLD) -> list[list[int]]:
    """Indices of ``names`` grouped by likely same person (single link at ``threshold``); singletons left out.

    For one case's documents: "Mohammad Hosseini" and "محمد حسینی" end up in one group, shown side by
    side for the examiner to confirm; nothing is merged.
    """
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    distinct: dict[str, int] = {}
    for i, name in enumerate(names):
        key = " ".join(name.split()).casefold()
        if key in distinct:
            parent[root(i)] = root(distinct[key])
        else:
            distinct[key] = i
    firsts = list(distinct.values())
    for x, i in enumerate(firsts):
        for j in firsts[x + 1 :]:
            if root(i) != root(j) and compare_names(names[i], names[j]).score >= threshold:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(names)):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len({" ".join(names[i].split()).casefold() for i in g}) > 1]


def best_match(name: str, others: Iterable[str]) -> NameMatch | None:
    """The best-scoring of ``others`` against ``name`` (None when there are none)."""
    results = [compare_names(name, o) for o in others]
    return max(results, key=lambda m: m.score) if results else None
