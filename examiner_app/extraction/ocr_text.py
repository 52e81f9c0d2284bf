"""OCR output as it really is: clean-ups of the page text that keep every word box aligned.

Tesseract's Japanese and Chinese packs put a space between most characters (a katakana name comes back as
``グエン ・ ヴ ァ ン``, a date as ``2019 年 3 月 5 日``), so names and dates are split and match nothing.
:func:`join_cjk_spaces` removes a space between two words when the characters on both sides are CJK (Han, kana,
CJK punctuation, full-width forms), or a kanji follows a digit and is its counter (``2019 年``, not ``1 氏名``), or a
digit follows a CJK character (``年 3``). The two words become one
:class:`Word` whose box is the union of theirs and whose confidence is the lower of the two, so a fact cut from
the merged word is still as sure as its weakest piece. Spaces between Latin words, between a CJK character and a
Latin letter, and line and block breaks are kept.

:func:`digit_view` is a same-length reading of a text for digit parsing: OCR confusions inside digit runs
(``O``/``o``/``D`` -> 0, ``l``/``I`` -> 1, ``S`` -> 5, ``B`` -> 8, ``Z`` -> 2) and Arabic-Indic, Persian, Devanagari,
Bengali and Burmese digits mapped to ASCII. Offsets are unchanged, so a match in the view cites the same span of the
page text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from examiner_app.domain import Word

_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana (incl. ・ and ー)
    (0x3100, 0x31FF),  # bopomofo, kanbun, katakana extensions
    (0x3200, 0x33FF),  # enclosed CJK, compatibility
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x20000, 0x3134F),  # CJK extensions B..G
)


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


#: Counters and units written right after a numeral ("2019 年", "3 月", "25 歳", "2 丁目"): a numeral before any
#: other kanji is a list number or a code ("1 氏名", "3 生年月日"), and joining it would glue it to the label.
_COUNTERS = frozenset("年月日歳才時分秒回人名件号番階丁目度週")


def _joinable(left: str, right: str) -> bool:
    """Whether the space between a word ending in ``left`` and one starting with ``right`` is an OCR artefact."""
    a, b = is_cjk(left), is_cjk(right)
    if a and b:
        return True
    return (a and right.isdigit()) or (b and left.isdigit() and right in _COUNTERS)


def join_cjk_spaces(text: str, words: Sequence[Word]) -> tuple[str, tuple[Word, ...]]:
    """``text`` without the single spaces Tesseract puts between CJK characters, and ``words`` re-cut to match.

    Words must be in text order with ``text[w.start:w.end] == w.text`` (the page text contract); the result keeps
    that contract. Text with nothing to join comes back unchanged (the same objects).
    """
    if not words or not any(is_cjk(ch) for ch in text):
        return text, tuple(words)
    parts: list[str] = [text[: words[0].start]]
    out: list[Word] = []
    position = len(parts[0])
    current: Word | None = None
    changed = False
    for i, word in enumerate(words):
        if current is not None:
            gap = text[words[i - 1].end : word.start]
            if gap == " " and word.text and current.text and _joinable(current.text[-1], word.text[0]):
                confidences = [c for c in (current.confidence, word.confidence) if c is not None]
                bbox = current.bbox
                if word.bbox is not None:
                    bbox = word.bbox if bbox is None else bbox.union(word.bbox)
                current = Word(
                    current.text + word.text,
                    current.start,
                    current.start + len(current.text) + len(word.text),
                    bbox,
                    min(confidences) if confidences else None,
                    current.block,
                    current.line,
                )
                changed = True
                continue
            out.append(current)
            parts.append(current.text)
            parts.append(gap)
            position = current.end + len(gap)
        current = Word(
            word.text, position, position + len(word.text), word.bbox, word.confidence, word.block, word.line
        )
    if current is not None:
        out.append(current)
        parts.append(current.text)
        parts.append(text[words[-1].end :])
    if not changed:
        return text, tuple(words)
    return "".join(parts), tuple(out)


_ZWNJ = "\u200c"


#: A ZWNJ after a Devanagari-to-Sinhala letter (U+0900-U+0DFF) that no letter of that script follows.
_STRAY_ZWNJ = re.compile("(?<=[\u0900-\u0dff])\u200c+(?![\u0900-\u0dff])")


def strip_stray_zwnj(text: str, words: Sequence[Word]) -> tuple[str, tuple[Word, ...]]:
    """``text`` without the zero-width non-joiner Tesseract's Tamil pack appends to most words (``பெயர்\u200c``),
    which splits words from the cue lists; a ZWNJ inside a word, and in Persian (Arabic script), is kept."""
    if _ZWNJ not in text or not words:
        return text, tuple(words)
    parts: list[str] = [text[: words[0].start]]
    out: list[Word] = []
    position = len(parts[0])
    changed = False
    for i, word in enumerate(words):
        token = _STRAY_ZWNJ.sub("", word.text)
        changed = changed or token != word.text
        out.append(Word(token, position, position + len(token), word.bbox, word.confidence, word.block, word.line))
        gap = text[word.end : words[i + 1].start] if i + 1 < len(words) else text[word.end :]
        parts += [token, gap]
        position += len(token) + len(gap)
    if not changed:
        return text, tuple(words)
    return "".join(parts), tuple(out)


#: Directional marks and embeddings (LRM, RLM, ALM, LRE..RLO, LRI..PDI): invisible, and never part of a word.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+")


def strip_bidi_marks(text: str, words: Sequence[Word]) -> tuple[str, tuple[Word, ...]]:
    """``text`` without the directional marks Tesseract wraps around every left-to-right run of a right-to-left
    line (``في \u200e١٥\u200f كانون``, ``\u200eN0123\u200f``): glued to a word they keep it from matching a number,
    a date or a cue. Words are re-cut to match; their boxes and confidences are unchanged."""
    if not _BIDI_CONTROLS.search(text):
        return text, tuple(words)
    if not words:
        return _BIDI_CONTROLS.sub("", text), ()
    parts: list[str] = [_BIDI_CONTROLS.sub("", text[: words[0].start])]
    position = len(parts[0])
    out: list[Word] = []
    for i, word in enumerate(words):
        token = _BIDI_CONTROLS.sub("", word.text)
        raw_gap = text[word.end : words[i + 1].start] if i + 1 < len(words) else text[word.end :]
        gap = _BIDI_CONTROLS.sub("", raw_gap)
        if not gap and raw_gap and i + 1 < len(words):
            gap = " "  # a mark was all that separated two words: keep them apart
        if token:  # a word that was nothing but marks is dropped with them
            out.append(Word(token, position, position + len(token), word.bbox, word.confidence, word.block, word.line))
        parts += [token, gap]
        position += len(token) + len(gap)
    return "".join(parts), tuple(out)


def clean_page_text(text: str, words: Sequence[Word]) -> tuple[str, tuple[Word, ...]]:
    """The page text and words as the extractors should read them: directional marks and stray ZWNJs dropped,
    CJK spaces joined. Idempotent; every word still satisfies ``text[w.start:w.end] == w.text``."""
    return join_cjk_spaces(*strip_stray_zwnj(*strip_bidi_marks(text, words)))


# --- digits as OCR reads them ------------------------------------------------------------------------------

_CONFUSABLE = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "S": "5", "B": "8", "Z": "2"}
_DIGITISH = re.compile(r"[0-9OoDlISBZ]")
#: Marks OCR reads out of rule lines, box edges and specks; never part of a date.
_JUNK = str.maketrans({"|": " ", "¦": " ", "‖": " "})


def _ascii_digit(ch: str) -> str:
    if "0" <= ch <= "9":
        return ch
    if ch.isdigit():
        try:
            return str(unicodedata.digit(ch))
        except (TypeError, ValueError):
            return ch
    return ch


def digit_view(text: str) -> str:
    """``text`` with every decimal digit in ASCII and OCR letter-for-digit confusions inside digit runs undone.

    Same length as ``text`` (offsets unchanged). A letter is read as a digit only inside a run of at least two
    characters that holds a real digit and is not part of a longer word (``1O/O3/1995`` -> ``10/03/1995``, but
    ``Oslo`` and ``2O years`` keep their letters except where the run has a digit: ``2O`` -> ``20``).
    """
    chars = [_ascii_digit(ch) for ch in text]
    n = len(chars)
    i = 0
    while i < n:
        if not _DIGITISH.match(chars[i]):
            i += 1
            continue
        j = i
        while j < n and _DIGITISH.match(chars[j]):
            j += 1
        run = chars[i:j]
        before = chars[i - 1] if i else " "
        after = chars[j] if j < n else " "
        bounded = not before.isalpha() and not after.isalpha()
        if bounded and j - i >= 2 and any(c.isdigit() for c in run) and sum(c.isdigit() for c in run) * 2 >= len(run):
            for k in range(i, j):
                chars[k] = _CONFUSABLE.get(chars[k], chars[k])
        i = j
    return "".join(chars)


#: A zero OCR put before a year of Persian digits ("۲۵ آبان ۰۱۳۹۸" for ۱۳۹۸): five digits, the last four a year.
_ZERO_BEFORE_YEAR = re.compile(r"(?<!\d)0(?=(?:13|14|19|20)\d\d(?!\d))")
#: A day read with a letter for its digit before an ordinal suffix ("Sth January" for 5th, "lst" for 1st).
_LETTER_ORDINAL = re.compile(r"(?<![^\W\d_])[OoDlISBZ](?=(?:st|nd|rd|th)\b)")


def date_view(text: str, source: str | None = None) -> str:
    """:func:`digit_view` with the vertical bars OCR reads out of rules and box edges blanked: what date patterns
    read (``30 |\nApril 1992`` is a date split over two lines). Also read through: a zero OCR put before a year of
    Eastern digits (``۰۱۳۹۸``, blanked), and a letter for the digit of an ordinal day (``Sth`` -> ``5th``).
    Same length as ``text``; ``source`` is the text before any digit folding (where ``text`` is a folded copy), so
    that Eastern digits are still told from ASCII ones."""
    view = digit_view(text).translate(_JUNK)
    eastern = {i for i, ch in enumerate(source or text) if ch.isdigit() and not "0" <= ch <= "9"}
    view = _ZERO_BEFORE_YEAR.sub(lambda m: " " if m.start() in eastern else m.group(), view)
    return _LETTER_ORDINAL.sub(lambda m: _CONFUSABLE[m.group()], view)
