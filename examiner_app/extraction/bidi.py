"""Right-to-left text from PDF text layers: back to logical order, presentation forms to letters.

PDF producers draw Arabic-script text glyph by glyph from left to right (visual order) with contextual glyphs
(presentation forms, U+FB50-FDFF and U+FE70-FEFF). Readers that sort characters by position, as pdfplumber
does, hand that back reversed and in presentation forms: ``ﺩﺍﺪﻐﺑ`` for ``بغداد``. pdfium already returns logical
order with plain letters for such files; this module is for position-sorted text (pdfplumber) and for the
presentation forms any reader lets through.

The fix: fold presentation forms to their letters (NFKC, on those code points only: NFKC elsewhere would also
rewrite full-width digits, superscripts and the like, changing text an examiner cites), then run the Unicode
bidi algorithm over the visual line. Displaying is its own inverse for lines without explicit embeddings (each
right-to-left run is reversed, left-to-right runs keep their order), so the display order of the visual string
is the logical string, digits and Latin words inside Arabic included. The paragraph direction comes from the
majority of strong characters, not the first: in visual order the first character is the logical *last*.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bidi import algorithm as _uba
from bidi import get_display

_PRESENTATION_RANGES = ((0xFB00, 0xFB06), (0xFB13, 0xFB17), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_RTL_TYPES = frozenset({"R", "AL"})


def _is_presentation_form(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _PRESENTATION_RANGES)


def normalize_presentation_forms(text: str) -> str:
    """NFKC-fold Arabic/Hebrew presentation forms and Latin ligatures (``ﻻ`` -> ``لا``, ``ﬁ`` -> ``fi``); keep the rest."""
    if not any(_is_presentation_form(c) for c in text):
        return text
    return "".join(unicodedata.normalize("NFKC", c) if _is_presentation_form(c) else c for c in text)


def has_rtl(text: str) -> bool:
    """True if ``text`` has a right-to-left letter (Arabic, Hebrew, Syriac, Thaana, N'Ko...)."""
    return any(unicodedata.bidirectional(c) in _RTL_TYPES for c in text)


def paragraph_direction(text: str) -> str:
    """Return "R" when right-to-left letters outnumber left-to-right ones, else "L"."""
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_TYPES:
            rtl += 1
        elif kind == "L":
            ltr += 1
    return "R" if rtl > ltr else "L"


def visual_to_logical(line: str) -> str:
    """One visual-order line (left to right as drawn) -> logical order, presentation forms folded.

    Lines without right-to-left letters are returned unchanged (after folding).
    """
    folded = normalize_presentation_forms(line)
    if not has_rtl(folded):
        return folded
    result = get_display(folded, base_dir=paragraph_direction(folded))
    assert isinstance(result, str)
    return result


@dataclass(frozen=True)
class LogicalWord:
    """A word of a reordered line: ``visual_index`` is its place in the input, ``start``/``end`` its span in the line."""

    visual_index: int
    text: str
    start: int
    end: int


def reorder_words(words: Sequence[str]) -> tuple[str, tuple[LogicalWord, ...]]:
    """Visual-order words of one line (left to right) -> the logical line and its words in logical order.

    Each word keeps a link to its input position (to carry its box along) and an exact span in the line:
    ``line[w.start:w.end] == w.text``. Words are folded (presentation forms) before reordering.
    """
    folded = [normalize_presentation_forms(w) for w in words]
    visual = " ".join(folded)
    if not has_rtl(visual):
        spans: list[LogicalWord] = []
        position = 0
        for index, word in enumerate(folded):
            spans.append(LogicalWord(index, word, position, position + len(word)))
            position += len(word) + 1
        return visual, tuple(spans)
    order = _display_order(visual, paragraph_direction(visual))
    line = "".join(char for char, _ in order)
    destination = [-1] * len(visual)  # -1: removed by rule X9 (format controls)
    for new_position, (_, old_position) in enumerate(order):
        destination[old_position] = new_position
    result = []
    position = 0
    for index, word in enumerate(folded):
        if word:
            targets = [t for t in destination[position : position + len(word)] if t >= 0]
            if targets:
                start, end = min(targets), max(targets) + 1
                result.append(LogicalWord(index, line[start:end], start, end))
        position += len(word) + 1
    result.sort(key=lambda w: w.start)
    return line, tuple(result)


def _display_order(text: str, base_dir: str) -> list[tuple[str, int]]:
    """The bidi algorithm's display order of ``text`` as (character after mirroring, index in ``text``).

    python-bidi's Rust ``get_display`` returns only the string; its pure-Python implementation keeps one
    record per character through reordering, so we tag each record with its position. That implementation
    predates the paired-bracket rule (N0), so brackets around Latin text inside an Arabic line can come out
    facing the wrong way at word level; ``visual_to_logical`` (Rust, current UBA) gets them right.
    """
    storage = _uba.get_empty_storage()
    storage["base_level"] = _uba.PARAGRAPH_LEVELS[base_dir]
    storage["base_dir"] = base_dir
    _uba.get_embedding_levels(text, storage)
    for index, record in enumerate(storage["chars"]):
        record["index"] = index
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    _uba.reorder_resolved_levels(storage, False)
    _uba.apply_mirroring(storage, False)
    return [(record["ch"], record["index"]) for record in storage["chars"]]
