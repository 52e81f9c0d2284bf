"""The extractor contract and the text tools every rule extractor shares.

Contract: an extractor reports what a page *says*, with the exact characters it read
(``page.text[start:end] == value``), a confidence it can defend and a note saying why. It never
judges credibility or outcome.

Two views of the text keep offsets exact:

* :func:`fold` maps character for character (digits of every script to ASCII, full-width forms to
  ASCII, Arabic/Persian letter variants to one form), so regular expressions run on the folded
  string and their offsets index the original text unchanged.
* :class:`NormText` does the heavier normalisation a gazetteer needs (NFKC per grapheme, case
  folding, dropping zero-width joiners, Arabic diacritics and the accents of Latin letters, collapsing
  whitespace, OCR's "Iam" read as "I am") and keeps a map from every normalised character back to the
  original span.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from examiner_app.domain import FactCandidate, FactField, ModelRef, PageText

RULES_VERSION = "1"
DATA_DIR = Path(__file__).resolve().parent / "data"
T = TypeVar("T")


@runtime_checkable
class FactExtractor(Protocol):
    """Finds fact candidates on one page.

    ``language`` is the detected language code of the page or block (ISO 639-1/3, ``"und"`` when
    unknown). Every returned candidate satisfies ``page.text[c.start:c.end] == c.value``.
    """

    name: str

    def extract(self, page: PageText, language: str) -> list[FactCandidate]: ...


class NullExtractor:
    """Finds nothing: for tests and to switch a family off."""

    name = "null"

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        return []


@cache
def load_data(name: str) -> dict[str, Any]:
    """A JSON file of ``data/`` (gazetteer, cue words): word lists live there, rules in code."""
    data: dict[str, Any] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


def rules_model(name: str) -> ModelRef:
    return ModelRef(engine="rules", model=name, version=RULES_VERSION)


# --------------------------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------------------------

# Arabic-Indic, Persian, Devanagari, Bengali, Tamil, Sinhala, Myanmar, Khmer, full-width digits.
_DIGIT_BLOCKS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0BE6, 0x0DE6, 0x1040, 0x17E0, 0xFF10)
_FOLD: dict[int, str] = {}
for _base in _DIGIT_BLOCKS:
    for _i in range(10):
        _FOLD[_base + _i] = str(_i)
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII -> ASCII (Japanese forms: "：", "Ｎｏ．")
    _FOLD[_cp] = chr(_cp - 0xFEE0)
_FOLD.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",
        0x202F: " ",
        0x2009: " ",
        0x0623: "ا",  # أ إ آ ٱ -> ا : OCR and writers use them interchangeably
        0x0625: "ا",
        0x0622: "ا",
        0x0671: "ا",
        0x0649: "ي",  # alef maksura, Persian yeh -> Arabic yeh
        0x06CC: "ي",
        0x06A9: "ك",  # Persian keheh -> Arabic kaf
        0x06C0: "ه",
        0x2010: "-",
        0x2011: "-",
        0x2012: "-",
        0x2013: "-",
        0x2014: "-",
        0x2212: "-",
        0x2019: "'",
        0x02BC: "'",
        0x2018: "'",
    }
)
_FOLD_TABLE = str.maketrans(_FOLD)


def fold(text: str) -> str:
    """Same length as ``text``: digits to ASCII, full-width to ASCII, Arabic letter variants unified."""
    return text.translate(_FOLD_TABLE)


ZERO_WIDTH = frozenset("\u200b\u200d\u2060\ufeff\u00ad")  # ZWNJ (\u200c) is handled by context
ARABIC_MARKS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0640])  # harakat, tatweel


def is_arabic_script(ch: str) -> bool:
    cp = ord(ch)
    return 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF


def is_katakana(ch: str) -> bool:
    cp = ord(ch)
    return 0x30A0 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F


def is_cjk(ch: str) -> bool:
    """Han, kana: scripts written without spaces between words."""
    cp = ord(ch)
    return (
        0x3040 <= cp <= 0x30FF
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x31F0 <= cp <= 0x31FF
        or 0xFF66 <= cp <= 0xFF9F
    )


def is_unspaced(ch: str) -> bool:
    """Scripts without spaces between words (CJK, Thai, Lao, Myanmar, Khmer)."""
    cp = ord(ch)
    return is_cjk(ch) or 0x0E00 <= cp <= 0x0EFF or 0x1000 <= cp <= 0x109F or 0x1780 <= cp <= 0x17FF


def is_agglutinating(ch: str) -> bool:
    """Scripts whose case endings attach to names (Tamil, Sinhala, Myanmar, Ethiopic): allow suffixes."""
    cp = ord(ch)
    return 0x0B80 <= cp <= 0x0BFF or 0x0D80 <= cp <= 0x0DFF or 0x1000 <= cp <= 0x109F or 0x1200 <= cp <= 0x139F


def is_ethiopic(ch: str) -> bool:
    return "\u1200" <= ch <= "\u139f"


def is_devanagari(ch: str) -> bool:
    return "\u0900" <= ch <= "\u097f"


def is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


# --------------------------------------------------------------------------------------------
# Normalised view with an offset map
# --------------------------------------------------------------------------------------------


class NormText:
    """``text`` normalised for matching, with ``starts[i]``/``ends[i]`` the original span of char ``i``.

    Graphemes (a base character and its combining marks) are normalised together with NFKC, so a
    match never splits one: a match that ends inside a grapheme is widened to the whole grapheme.
    """

    __slots__ = ("ends", "norm", "original", "starts")

    def __init__(self, text: str) -> None:
        self.original = text
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch.isspace():
                j = i + 1
                while j < n and text[j].isspace():
                    j += 1
                if i > 0 and j < n and is_cjk(text[i - 1]) and is_cjk(text[j]):
                    # Japanese has no spaces: a line break between two kana/kanji splits a word ("生\nまれ")
                    i = j
                    continue
                out.append(" ")
                starts.append(i)
                ends.append(j)
                i = j
                continue
            if ch in ZERO_WIDTH or ch in ARABIC_MARKS:
                i += 1
                continue
            if ch == "\u200c":
                # ZWNJ separates a Persian word from its suffix ("ایران‌ها") -> a space there; elsewhere
                # (Tamil OCR emits stray ZWNJ inside words) it carries no meaning -> drop it.
                if i > 0 and is_arabic_script(text[i - 1]):
                    out.append(" ")
                    starts.append(i)
                    ends.append(i + 1)
                i += 1
                continue
            j = i + 1
            while j < n and unicodedata.category(text[j]) in ("Mn", "Mc", "Me"):
                j += 1
            if ch == "I" and text.startswith("am", j) and _merged_i_am(text, i):
                # Tesseract drops the narrow space after a capital I: "Iam Syrian" reads as "I am Syrian"
                out += ["i", " "]
                starts += [i, j]
                ends += [j, j]
                i = j
                continue
            segment = text[i:j]
            folded = unicodedata.normalize("NFKC", segment).translate(_FOLD_TABLE).casefold()
            folded = "".join(c for c in folded if c not in ARABIC_MARKS and c not in ZERO_WIDTH and c != "\u0307")
            if folded and not folded.isascii() and _is_latin_letter(folded[0]):
                folded = _strip_latin_accents(folded)
            for c in folded:
                out.append(c)
                starts.append(i)
                ends.append(j)
            i = j
        self.norm = "".join(out)
        self.starts = starts
        self.ends = ends

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original ``[start, end)`` of normalised ``[a, b)`` (``b > a``)."""
        return self.starts[a], self.ends[b - 1]

    def index_of(self, original_offset: int) -> int:
        """First normalised index whose original span starts at or after ``original_offset``."""
        return bisect.bisect_left(self.starts, original_offset)


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < 0x0250  # Basic Latin to Latin Extended-B


@lru_cache(maxsize=4096)
def _strip_latin_accents(segment: str) -> str:
    """A Latin letter without its accents (``é`` -> ``e``, ``ğ`` -> ``g``): OCR drops and swaps them ("haitienne" for
    "haïtienne", "Dogum" for "Doğum", "Congrés" for "Congrès"), so cues and the gazetteer match with or without
    them. Letters that do not decompose are kept: ``ø``, ``ß``, and Turkish dotless ``ı`` (folded to ``i`` it would
    make "karımı", my wife, out of the name "Karimi")."""
    base = "".join(c for c in unicodedata.normalize("NFKD", segment) if not unicodedata.combining(c))
    return base or segment


def _merged_i_am(text: str, i: int) -> bool:
    """Is ``text[i:i+3]`` the word "Iam", OCR's reading of "I am"?"""
    before = text[i - 1] if i else " "
    after = text[i + 3] if i + 3 < len(text) else " "
    return not is_word_char(before) and not is_word_char(after)


@lru_cache(maxsize=1 << 16)
def normalize_key(key: str) -> str:
    """How gazetteer and cue keys are stored: the same normalisation as :class:`NormText`.

    Cached: building the gazetteer normalised each of its ~9,000 keys three or four times (known-key sets, the
    matcher), which was most of its ~0.7 s at every start."""
    return NormText(key).norm.strip()


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A key found in a text: original offsets, the key as normalised, and its payload."""

    start: int
    end: int
    key: str
    payload: T


class KeywordMatcher(Generic[T]):
    """Finds keys (phrases in any script) on word boundaries, longest match first, without overlaps.

    Boundaries: scripts written with spaces need a non-letter on both sides (Arabic script also
    accepts one-letter clitics و ب ل ف ك before the key); CJK/Thai/Myanmar keys need none, except
    that a katakana key must not continue into more katakana (インド is not インドネシア); Tamil,
    Sinhala, Myanmar and Ethiopic keys accept attached case suffixes, Ethiopic keys one prefixed preposition (በ ከ
    የ ለ ብ ን) and Devanagari keys a Nepali postposition written on them ("चीनमा"). ``capitalized`` keys (Latin
    proper nouns) only match where the original text starts with a capital letter, so "turkey" the
    bird and "chad" the word are not countries.
    """

    _CLITICS = frozenset("وبلفك")
    # Amharic and Tigrinya prepositions written on the noun: በ (in), ከ (from), የ (of), ለ (for), ብ (by), ን (to)
    _ETHIOPIC_PREFIXES = frozenset("በከየለብን")
    # Nepali postpositions written on the noun ("चीनमा", "रूसका", "इटालीबाट"), longest first
    _DEVANAGARI_POSTPOSITIONS = ("भित्र", "देखि", "सम्म", "बाट", "लाई", "सँग", "तिर", "मा", "को", "का", "की", "के", "ले")

    def __init__(
        self,
        entries: Iterable[tuple[str, T]] | Mapping[str, T],
        capitalized: Iterable[str] = (),
        arabic_suffixes: bool = False,
        katakana_compound_stops: str = "",
    ) -> None:
        items = entries.items() if isinstance(entries, Mapping) else entries
        self._keys: dict[str, T] = {}
        for key, payload in items:
            norm = normalize_key(key)
            if norm and norm not in self._keys:
                self._keys[norm] = payload
        self._capitalized = {normalize_key(k) for k in capitalized}
        # Arabic verbs carry object pronouns ("اعتقلته", "هددوني"): let cue words take suffixes.
        self._arabic_suffixes = arabic_suffixes
        # kanji that make a katakana key part of a compound word: "ローマ字" is not Rome
        self._katakana_stops = frozenset(katakana_compound_stops)
        self._index()

    def _index(self) -> None:
        self._by_first: dict[str, list[str]] = {}
        for norm in self._keys:
            self._by_first.setdefault(norm[0], []).append(norm)
        for keys in self._by_first.values():
            keys.sort(key=len, reverse=True)

    def normalized_state(self) -> dict[str, Any]:
        """The matcher as plain data, keys already normalised and in their order (payloads as they are):
        :meth:`from_normalized_state` rebuilds an equal matcher without normalising anything again."""
        return {
            "keys": list(self._keys.items()),
            "capitalized": sorted(self._capitalized),
            "arabic_suffixes": self._arabic_suffixes,
            "katakana_compound_stops": "".join(sorted(self._katakana_stops)),
        }

    @classmethod
    def from_normalized_state(cls, state: Mapping[str, Any]) -> KeywordMatcher[T]:
        matcher: KeywordMatcher[T] = cls.__new__(cls)
        matcher._keys = dict(state["keys"])
        matcher._capitalized = set(state["capitalized"])
        matcher._arabic_suffixes = bool(state["arabic_suffixes"])
        matcher._katakana_stops = frozenset(state["katakana_compound_stops"])
        matcher._index()
        return matcher

    def __len__(self) -> int:
        return len(self._keys)

    def _start_ok(self, s: str, i: int, key: str) -> bool:
        if i == 0 or is_unspaced(key[0]) and not is_katakana(key[0]):
            return True
        prev = s[i - 1]
        if is_katakana(key[0]):
            return not (is_katakana(prev) or prev == "ー")
        if not is_word_char(prev) or is_unspaced(prev) and not is_unspaced(key[0]):
            return True  # "今回は2回目": no spaces in CJK text, so a script change is a boundary
        if is_arabic_script(key[0]) and i >= 2 and s[i - 2 : i] == "ال" and not key.startswith("ال"):
            # the article: "السودان" for "سودان", "المساليت" for "مساليت" (after optional clitics: "والعرق")
            k = i - 2
            while k > 0 and s[k - 1] in self._CLITICS and i - 2 - k < 2:
                k -= 1
            return k == 0 or not is_word_char(s[k - 1])
        if is_ethiopic(key[0]) and prev in self._ETHIOPIC_PREFIXES:
            return i == 1 or not is_word_char(s[i - 2])  # one prefix syllable: "በጣሊያን", "ከቻይና", "ንስፐይን"
        if is_arabic_script(key[0]) and prev in self._CLITICS:
            # one or two clitic letters at the start of a word: "بسوريا", "وبسوريا"
            k = i - 1
            while k > 0 and s[k - 1] in self._CLITICS and i - k < 2:
                k -= 1
            return k == 0 or not is_word_char(s[k - 1])
        return False

    def _end_ok(self, s: str, j: int, key: str) -> bool:
        if j >= len(s):
            return True
        last, nxt = key[-1], s[j]
        if last in "'-":  # "je viens d'" + "afghanistan", "sud-" + ...
            return True
        if is_katakana(last):
            return not (is_katakana(nxt) or nxt == "ー" or nxt in self._katakana_stops)
        if is_unspaced(last) or is_agglutinating(last):
            return True
        if self._arabic_suffixes and is_arabic_script(last) and len(key) >= 4:
            return True
        if is_devanagari(last):
            for postposition in self._DEVANAGARI_POSTPOSITIONS:
                k = j + len(postposition)
                if s.startswith(postposition, j) and (k >= len(s) or not is_word_char(s[k])):
                    return True
        return not is_word_char(nxt) or is_unspaced(nxt)

    def find(self, nt: NormText) -> list[Hit[T]]:
        s = nt.norm
        hits: list[Hit[T]] = []
        i, n = 0, len(s)
        while i < n:
            candidates = self._by_first.get(s[i])
            matched = 0
            if candidates and self._start_ok(s, i, candidates[0]):
                for key in candidates:
                    if s.startswith(key, i) and self._end_ok(s, i + len(key), key):
                        j = i + len(key)
                        if is_agglutinating(key[-1]):
                            # a case ending attached to the name belongs to the cited word ("இலங்கையில்")
                            while j < n and is_word_char(s[j]) and is_agglutinating(s[j]):
                                j += 1
                        start, end = nt.span(i, j)
                        if key in self._capitalized and not nt.original[start].isupper():
                            continue
                        hits.append(Hit(start, end, key, self._keys[key]))
                        matched = len(key)
                        break
            i += matched or 1
        return hits

    def find_in(self, text: str) -> list[Hit[T]]:
        return self.find(NormText(text))


# --------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "nr",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "approx",
        "prof",
        "jr",
        "sr",
        "ref",
        "art",
        "para",
        "p",
        "pp",
        "cf",
        "co",
        "ltd",
        "mt",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "m",
        "mme",
        "mlle",
        "n°",
        "av",
        "apt",
        "dept",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
    ]
)
_END_PUNCT = ".!?"
_HARD_END = "。！？؟۔።\u104b"  # ... and the Burmese full stop (။)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (or form-line) spans of ``text``, trimmed of surrounding whitespace.

    Boundaries: ``. ! ?`` followed by space (not after common abbreviations or initials), CJK/Arabic/
    Ethiopic full stops, blank lines, and single line breaks unless the next line plainly continues
    the sentence (previous line ends in a lowercase letter or comma and the next starts lowercase).
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))

    i = 0
    while i < n:
        ch = text[i]
        if ch in _HARD_END:
            emit(start, i + 1)
            start = i + 1
        elif ch in _END_PUNCT and (i + 1 >= n or text[i + 1].isspace() or text[i + 1] in "\"')”»"):
            if ch == "." and _is_abbreviation(text, i):
                i += 1
                continue
            j = i + 1
            while j < n and text[j] in "\"')”»":
                j += 1
            emit(start, j)
            start = j
            i = j
            continue
        elif ch == "\n":
            if not _continues(text, i):
                emit(start, i)
                start = i + 1
            else:
                while i + 1 < n and text[i + 1].isspace():  # past a blank line OCR put inside the sentence
                    i += 1
        i += 1
    emit(start, n)
    return spans


def _is_speck(text: str, p: int) -> bool:
    """A lone symbol after a space ("saw my ©"): dust or a rule OCR read as a sign, not part of the sentence."""
    return unicodedata.category(text[p]) in ("So", "Sk") and (p == 0 or text[p - 1] == " ")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _ends_in_a_word(text: str, p: int) -> bool:
    """Does the line end at ``p`` in a word or a number, not in punctuation? A digit glued to a word is
    punctuation OCR misread (the Burmese full stop "။" comes back as "1", "သည်1")."""
    ch = text[p]
    if ch.isdigit():
        return p == 0 or not (text[p - 1].isalpha() or _is_mark(text[p - 1]))
    return ch.isalpha() or _is_mark(ch)


def _is_abbreviation(text: str, dot: int) -> bool:
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in ".°"):
        k -= 1
    word = text[k:dot].lower()
    if len(word) == 1 and word.isalpha() and text[k].isupper():
        return True  # an initial: "A. Smith"
    return word in _ABBREVIATIONS


def _continues(text: str, nl: int) -> bool:
    """Is the line break at ``nl`` inside a sentence (soft wrap)?"""
    p = nl - 1
    while p >= 0 and (text[p] in " \t\r|¦" or _is_speck(text, p)):
        p -= 1  # a bar OCR read out of a margin or rule, or a speck read as a symbol, is not punctuation
    q = nl + 1
    while q < len(text) and text[q] in " \t\r":
        q += 1
    blank_line = q < len(text) and text[q] == "\n"
    if blank_line:
        # Tesseract starts a new block mid-paragraph now and then ("arrested by the police at\n\na house church"):
        # one blank line after a long line that stops mid-sentence is still a soft wrap
        q += 1
        while q < len(text) and text[q] in " \t\r":
            q += 1
    if p < 0 or q >= len(text) or text[q] == "\n":
        return False
    prev, nxt = text[p], text[q]
    line_start = text.rfind("\n", 0, p) + 1
    if blank_line and (p - line_start < 50 or not _ends_in_a_word(text, p)):
        return False
    if (prev.islower() or prev in ",;") and nxt.islower():
        return True
    if is_cjk(nxt) and (is_cjk(prev) or prev in ")）」』]"):
        return True  # Japanese sentences end with "。"; a bare line break is a wrap ("生\nまれました", "）\nで出国し")
    # a vowel sign or virama ends most Tamil, Sinhala and Devanagari words ("திகதி", "වෑන්"): a letter
    if prev in _END_PUNCT + _HARD_END + ":：" or not (prev.isalnum() or prev in ",;-–—" or _is_mark(prev)):
        return False
    # A long line that stops mid-sentence wraps into the next one ("...from Colombo to\nBangkok, then"),
    # unless the next line starts a field ("Name: ...") or a list item.
    next_end = text.find("\n", q)
    next_line = text[q : len(text) if next_end < 0 else next_end]
    if p - line_start < 49 or _LABEL_LINE.match(next_line) or next_line[:1] in "-•*·":
        return False
    return not re.match(r"\d{1,2}[.)]\s", next_line)


_LABEL_LINE = re.compile(r"[^\n:：.]{1,40}[:：]")


def sentence_at(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence span containing ``[start, end)`` (or the smallest union of spans covering it)."""
    starts = [s for s, _ in spans]
    k = max(bisect.bisect_right(starts, start) - 1, 0)
    a, b = spans[k] if spans else (start, end)
    while b < end and k + 1 < len(spans):
        k += 1
        b = spans[k][1]
    return min(a, start), max(b, end)


def line_span(text: str, pos: int) -> tuple[int, int]:
    """The line around offset ``pos`` (without its line break)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


def trim_span(text: str, start: int, end: int, extra: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace and the characters in ``extra`` at both ends."""
    strip = set(extra)
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return start, end


def candidate(
    text: str,
    field: FactField,
    start: int,
    end: int,
    normalized: str | None,
    confidence: float,
    model: ModelRef,
    note: str,
    attributes: Iterable[tuple[str, str]] = (),
) -> FactCandidate:
    """A candidate whose ``value`` is exactly ``text[start:end]``; confidence clipped to [0.05, 0.99]."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad span [{start}, {end}) for text of length {len(text)}")
    return FactCandidate(
        field=field,
        value=text[start:end],
        normalized=normalized,
        start=start,
        end=end,
        confidence=round(min(max(confidence, 0.05), 0.99), 3),
        model=model,
        note=note,
        attributes=tuple(attributes),
    )


def nearest(hits: Sequence[Hit[T]], start: int, end: int, before: int, after: int) -> tuple[Hit[T], int] | None:
    """The hit closest to ``[start, end)`` within ``before`` chars before / ``after`` chars after.

    Returns the hit and its distance in characters; ties go to the hit before (labels precede values).
    """
    best: tuple[Hit[T], int] | None = None
    for hit in hits:
        if hit.end <= start:
            distance = start - hit.end
            if distance > before:
                continue
        elif hit.start >= end:
            distance = hit.start - end
            if distance > after:
                continue
            distance += 1  # prefer the cue before at equal distance
        else:
            continue
        if best is None or distance < best[1]:
            best = (hit, distance)
    return best


def language_base(code: str) -> str:
    """``"fa-AF"`` -> ``"fa"``; Dari/Pashto/Sorani keep their own codes."""
    return code.split("-")[0].split("_")[0].lower() if code else "und"
