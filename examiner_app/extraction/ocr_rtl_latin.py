"""Latin letters Tesseract reads out of Arabic-script words, read again with the script's pack alone.

A page of Arabic, Persian or Urdu is read with the script's pack plus ``eng`` (case papers carry Latin document
numbers and names). With both models loaded Tesseract now and then takes an Arabic-script word for a short Latin
one: on the dev scans "بابا" came back as ``LL``, "تهران" as ``Ghai``, "صادر" as ``solo``, "بھائی" as ``Slay``
(word confidences 0.55-0.92, so confidence alone does not tell them). Names, places and cue words are lost that
way. Such a word (letters only, inside a line written mostly in the right-to-left script) is cropped and read on
its own twice, with the script's pack alone and with ``eng`` alone; the Arabic-script reading replaces it only
when it is written in that script and is the more confident of the two, so a real Latin word (``UNHCR``, a
Latin-spelt name) keeps its reading. Words with digits are left alone: neither pack reads Arabic-Indic digits
reliably.

This module holds the pure parts (which words, the crop box, the splice); the engine does the reading.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from examiner_app.domain import BBox, Word

#: Tesseract packs written right to left in an Arabic or Hebrew script.
RTL_PACKS = frozenset({"ara", "fas", "urd", "pus", "snd", "uig", "ckb", "heb", "yid"})
#: Pixels around a word's box in the crop read again (the box is tight; the models want a little margin).
CROP_PAD = 6
#: The re-read is kept only at or above this word confidence.
MIN_CONFIDENCE = 0.5
#: At most this many words a page are read again (each costs two small readings).
MAX_WORDS = 80

_MARKS = "\u200e\u200f\u061c"
_LATIN_WORD = re.compile(r"[A-Za-z]{1,8}")
_RTL_LETTER = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_PUNCT = ".,:;!?()"


def rtl_pack(languages: str) -> str | None:
    """The right-to-left script packs of a Tesseract language string without ``eng`` (``"fas"`` for ``"fas+eng"``),
    or None when it has none or has nothing else to confuse them with."""
    packs = [p for p in languages.split("+") if p]
    rtl = [p for p in packs if p in RTL_PACKS]
    if not rtl or len(rtl) == len(packs):
        return None
    return "+".join(rtl)


def _core(text: str) -> str:
    return text.strip(_MARKS).strip(_PUNCT).strip(_MARKS)


def candidates(words: Sequence[Word]) -> list[int]:
    """Indexes of the words that look like Latin misreadings of right-to-left words: letters only, in a line most
    of whose other words are in a right-to-left script."""
    lines: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        lines[(word.block, word.line)].append(i)
    out: list[int] = []
    for members in lines.values():
        latin = [i for i in members if words[i].bbox is not None and _LATIN_WORD.fullmatch(_core(words[i].text))]
        rtl = sum(1 for i in members if _RTL_LETTER.search(words[i].text))
        if latin and rtl >= 2 * len(latin) and rtl >= 2:
            out.extend(latin)
    return sorted(out)[:MAX_WORDS]


def crop_box(box: BBox, width: int, height: int) -> tuple[int, int, int, int]:
    return (
        max(0, box.x0 - CROP_PAD),
        max(0, box.y0 - CROP_PAD),
        min(width, box.x1 + CROP_PAD),
        min(height, box.y1 + CROP_PAD),
    )


def accept(rtl_text: str, rtl_confidence: float | None, latin_confidence: float | None) -> bool:
    """Keep the right-to-left reading of a crop? Only one word in that script, without Latin letters or digits,
    confident enough and more confident than the Latin reading of the same crop."""
    text = rtl_text.strip()
    if not text or " " in text or not _RTL_LETTER.search(text) or re.search(r"[A-Za-z0-9]", text):
        return False
    if rtl_confidence is None or rtl_confidence < MIN_CONFIDENCE:
        return False
    return latin_confidence is None or rtl_confidence > latin_confidence


def splice(
    text: str, words: Sequence[Word], replacements: Mapping[int, tuple[str, float]]
) -> tuple[str, tuple[Word, ...]]:
    """``text`` and ``words`` with word ``i`` read as ``replacements[i]`` (its text and confidence); everything
    between words is kept, and every word still satisfies ``text[w.start:w.end] == w.text``."""
    if not replacements:
        return text, tuple(words)
    parts = [text[: words[0].start]] if words else [text]
    position = len(parts[0])
    out: list[Word] = []
    for i, word in enumerate(words):
        token, confidence = replacements.get(i, (word.text, word.confidence))
        out.append(Word(token, position, position + len(token), word.bbox, confidence, word.block, word.line))
        gap = text[word.end : words[i + 1].start] if i + 1 < len(words) else text[word.end :]
        parts += [token, gap]
        position += len(token) + len(gap)
    return "".join(parts), tuple(out)
