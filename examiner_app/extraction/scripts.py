"""Unicode script analysis: which writing systems a text uses, by share of its letters.

Language identification starts here because the script alone settles many of our languages (Sinhala,
Burmese, Khmer, Tamil, Bengali, Japanese kana) and narrows the rest to a handful of candidates, so each
statistical detector is only asked to choose among languages it can tell apart. OCR uses the same
analysis to choose Tesseract language packs.

Script names follow Unicode (``Latin``, ``Arabic``, ``Han``, ``Hiragana``...), which are also the names
Tesseract's OSD reports for most scripts. Pure standard library; cheap enough to call per text block.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Mapping

#: Letters of no script listed below (rare scripts, symbols classed as letters).
OTHER = "Other"

# (first code point, last code point, script). Blocks, not the full Unicode Scripts.txt: ranges hold letters
# and combining marks of one script each, which is all a language guess needs. Sorted and non-overlapping.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latin"),
    (0x0061, 0x007A, "Latin"),
    (0x00AA, 0x00AA, "Latin"),
    (0x00BA, 0x00BA, "Latin"),
    (0x00C0, 0x024F, "Latin"),
    (0x0250, 0x02AF, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"),
    (0x0870, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Oriya"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0x19E0, 0x19FF, "Khmer"),
    (0x1C80, 0x1C8F, "Cyrillic"),
    (0x1C90, 0x1CBF, "Georgian"),
    (0x1D00, 0x1D7F, "Latin"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x2C60, 0x2C7F, "Latin"),
    (0x2D00, 0x2D2F, "Georgian"),
    (0x2D80, 0x2DDF, "Ethiopic"),
    (0x2DE0, 0x2DFF, "Cyrillic"),
    (0x2E80, 0x2FDF, "Han"),
    (0x3005, 0x3007, "Han"),  # 々 〆 〇: used with kanji and hanzi
    (0x3021, 0x3029, "Han"),
    (0x3038, 0x303B, "Han"),
    (0x3040, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x3130, 0x318F, "Hangul"),
    (0x31A0, 0x31BF, "Bopomofo"),
    (0x31F0, 0x31FF, "Katakana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0xA720, 0xA7FF, "Latin"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0xA960, 0xA97F, "Hangul"),
    (0xA9E0, 0xA9FF, "Myanmar"),
    (0xAA60, 0xAA7F, "Myanmar"),
    (0xAB00, 0xAB2F, "Ethiopic"),
    (0xAB30, 0xAB6F, "Latin"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xD7B0, 0xD7FF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB00, 0xFB06, "Latin"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF21, 0xFF3A, "Latin"),
    (0xFF41, 0xFF5A, "Latin"),
    (0xFF66, 0xFF9F, "Katakana"),
    (0xFFA0, 0xFFDC, "Hangul"),
    (0x20000, 0x323AF, "Han"),
)
_STARTS = [start for start, _, _ in _RANGES]


def script_of(char: str) -> str | None:
    """The script of one letter or combining mark; ``None`` for anything else (digits, spaces, punctuation).

    Combining marks count because Indic and Southeast Asian scripts write vowels with them; marks of no
    script of their own (the Latin accents U+0300..U+036F) are ``None``.
    """
    category = unicodedata.category(char)
    if category[0] not in "LM":
        return None
    code = ord(char)
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _RANGES[i][1]:
        return _RANGES[i][2]
    return None if category[0] == "M" else OTHER


def script_counts(text: str) -> Counter[str]:
    """Number of letters (and script-bound combining marks) per script."""
    counts: Counter[str] = Counter()
    for char in text:
        script = script_of(char)
        if script is not None:
            counts[script] += 1
    return counts


def words_in_script(text: str, script: str) -> str:
    """The words of ``text`` whose letters are mostly in ``script``, joined by spaces (labels, names and codes in
    other scripts left out)."""
    return " ".join(w for w in text.split() if (counts := script_counts(w)) and counts.most_common(1)[0][0] == script)


def detect_scripts(text: str) -> dict[str, float]:
    """Script name -> share of the text's letters (shares sum to 1), largest first; ``{}`` without letters."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return {}
    return {script: count / total for script, count in counts.most_common()}


def dominant_script(scripts: Mapping[str, float]) -> str | None:
    """The script with the largest share, with kana and Han read together as ``Japanese`` when kana appear.

    Japanese writes kanji (Han) beside kana: a Japanese sentence often has more Han than Hiragana, so any
    kana share above a trace decides for Japanese rather than letting Han win and suggest Chinese.
    """
    if not scripts:
        return None
    kana = scripts.get("Hiragana", 0.0) + scripts.get("Katakana", 0.0)
    if kana >= 0.05 and kana + scripts.get("Han", 0.0) >= 0.5:
        return "Japanese"
    return max(scripts.items(), key=lambda item: item[1])[0]
