"""Generate the fictional, anonymized sample cases in ``resources/samples`` with their ground truth.

Usage::

    python scripts/make_samples.py [--out resources/samples] [--case SLUG ...] [--ocr-report]

Every person, organisation, document number and event in these cases is invented. Countries and cities are
real; what happens in them here is fiction. Every page carries a visible ``FICTIONAL SAMPLE`` footer.

Contract:

* Deterministic: fixed seeds, no timestamps; rerunning with the same Pillow, fpdf2 and fonts gives the same
  bytes (PNG, multi-page TIFF, PDF and ``ground_truth.json``).
* Each case folder holds its documents plus ``ground_truth.json`` (schema in ``resources/samples/README.md``).
  A page's ``text`` is exactly the text drawn on it, in logical (reading) order, one drawn line per ``\\n``.
  Every fact ``value`` is a substring of the text of the page it cites; wrapping never splits a fact value.
* Scanned pages are grayscale 200 dpi A4 (1654x2339 px) with ink noise, dust specks and a slight rotation;
  one page of the collection is "photo-like" (uneven lighting, low contrast, sensor noise). Text is drawn
  with Pillow's raqm layout (shaping and bidi) in Noto fonts, body text 34 px = 12 pt at 200 dpi.
* ``--ocr-report`` runs Tesseract (``OMP_THREAD_LIMIT=1``, the page's language packs) on every image page,
  reads PDF pages' text layers with pdfplumber, and prints a character error rate per page.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "resources" / "samples"

DPI = 200
PAGE_W, PAGE_H = 1654, 2339  # A4 at 200 dpi
MARGIN_X = 150
TOP_Y = 150
BOTTOM_Y = PAGE_H - 200  # body text stops here; the footer sits below
BODY_PX = 34  # 34 px at 200 dpi = 12.2 pt (brief: >= 11 pt, i.e. >= 31 px)
INK = 28
FORM_RULE = 200  # box outlines in a light "dropout" grey, as many printed forms use
FOOTER_TEXT = "FICTIONAL SAMPLE - invented person and events - page {page} of {pages}"

FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))

# script key -> (font file, collection index)
FONTS: dict[str, tuple[str, int]] = {
    "latin": ("NotoSans-Regular.ttf", 0),
    "latin-bold": ("NotoSans-Bold.ttf", 0),
    "serif": ("NotoSerif-Regular.ttf", 0),
    "mono": ("NotoSansCJK-Regular.ttc", 5),  # Noto Sans Mono CJK JP: monospaced Latin for the MRZ
    "cjk": ("NotoSansCJK-Regular.ttc", 0),  # Noto Sans CJK JP
    "cjk-bold": ("NotoSansCJK-Bold.ttc", 0),
    "arabic": ("NotoNaskhArabic-Regular.ttf", 0),  # Naskh, never Nastaliq (Tesseract reads Naskh)
    "arabic-bold": ("NotoNaskhArabic-Bold.ttf", 0),
    # Persian: Noto Sans Arabic (also Naskh-style, not Nastaliq). Tesseract's fas pack misreads Noto Naskh's
    # Persian digits (U+06F4 read as U+06F2, U+06F6 as U+06F2 or 3); it reads Noto Sans Arabic's correctly.
    "arabic-sans": ("NotoSansArabic-Regular.ttf", 0),
    "arabic-sans-bold": ("NotoSansArabic-Bold.ttf", 0),
    "tamil": ("NotoSansTamil-Regular.ttf", 0),
    "tamil-bold": ("NotoSansTamil-Bold.ttf", 0),
    "sinhala": ("NotoSansSinhala-Regular.ttf", 0),
    "sinhala-bold": ("NotoSansSinhala-Bold.ttf", 0),
    "myanmar": ("NotoSansMyanmar-Regular.ttf", 0),
    "myanmar-bold": ("NotoSansMyanmar-Bold.ttf", 0),
}


@dataclass(frozen=True)
class Lang:
    """How to draw one language: font family, direction, OpenType language tag, line spacing, Tesseract pack."""

    code: str
    script: str
    direction: str
    tag: str
    leading: float
    tesseract: str
    spaced: bool = True  # words separated by spaces (False: wrap between characters, as for Japanese)


LANGS: dict[str, Lang] = {
    "en": Lang("en", "latin", "ltr", "en", 1.55, "eng"),
    "ja": Lang("ja", "cjk", "ltr", "ja", 1.75, "jpn", spaced=False),
    "ar": Lang("ar", "arabic", "rtl", "ar", 1.85, "ara"),
    "fa": Lang("fa", "arabic-sans", "rtl", "fa", 2.0, "fas"),
    "ur": Lang("ur", "arabic", "rtl", "ur", 1.85, "urd"),
    "ta": Lang("ta", "tamil", "ltr", "ta", 1.8, "tam"),
    "si": Lang("si", "sinhala", "ltr", "si", 1.8, "sin"),
    "my": Lang("my", "myanmar", "ltr", "my", 2.0, "mya"),
}

FACT_FIELDS = (
    "person_name",
    "date_of_birth",
    "nationality",
    "country_of_origin",
    "ethnicity",
    "religion",
    "language_spoken",
    "place",
    "event_date",
    "event",
    "date_of_entry",
    "port_of_entry",
    "travel_route",
    "document_number",
    "prior_application",
    "family_member",
    "claimed_ground",
    "agent_of_persecution",
)
GROUNDS = ("race", "religion", "nationality", "particular_social_group", "political_opinion")


# --------------------------------------------------------------------------------------------------
# Fact markup: [[field|normalized|value as written]] inside any text. The value is drawn, kept on one
# line, and recorded as a fact of the page it lands on.
# --------------------------------------------------------------------------------------------------

_MARKUP = re.compile(r"\[\[(\w+)\|([^|\]]*)\|([^\]]+)\]\]")
_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_SENTINEL = re.compile(f"{_OPEN}(\\d+){_SEP}([^{_CLOSE}]*){_CLOSE}")


@dataclass(frozen=True)
class FactMark:
    field: str
    normalized: str
    value: str


class FactTable:
    """Collects the facts marked in a document's text; markup becomes sentinels that survive wrapping."""

    def __init__(self) -> None:
        self.marks: list[FactMark] = []

    def encode(self, text: str) -> str:
        """Replace ``[[field|normalized|value]]`` with sentinels around the value."""

        def repl(match: re.Match[str]) -> str:
            fld, norm, value = match.group(1), match.group(2), match.group(3)
            if fld not in FACT_FIELDS:
                raise ValueError(f"unknown fact field {fld!r} in {text!r}")
            self.marks.append(FactMark(fld, norm or value, value))
            return f"{_OPEN}{len(self.marks) - 1}{_SEP}{value}{_CLOSE}"

        encoded = _MARKUP.sub(repl, text)
        if "[[" in encoded or "]]" in encoded:
            raise ValueError(f"malformed fact markup in {text!r}")
        return encoded

    def facts_in(self, line: str) -> list[FactMark]:
        return [self.marks[int(m.group(1))] for m in _SENTINEL.finditer(line)]


def plain(text: str) -> str:
    """Text as drawn: sentinels removed, values kept."""
    return _SENTINEL.sub(lambda m: m.group(2), text)


# --------------------------------------------------------------------------------------------------
# Fonts and text measurement
# --------------------------------------------------------------------------------------------------

_font_cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"font {name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-noto-core/-cjk")


def get_font(script: str, size: int) -> ImageFont.FreeTypeFont:
    key = (script, size)
    if key not in _font_cache:
        name, index = FONTS[script]
        _font_cache[key] = ImageFont.truetype(
            str(font_path(name)), size, index=index, layout_engine=ImageFont.Layout.RAQM
        )
    return _font_cache[key]


_cmap_cache: dict[tuple[str, int], frozenset[int]] = {}


def covered(font: ImageFont.FreeTypeFont) -> frozenset[int]:
    """Code points the font maps to a glyph (read with fontTools, which fpdf2 brings along)."""
    from fontTools.ttLib import TTFont

    key = (str(font.path), int(font.index))
    if key not in _cmap_cache:
        with TTFont(str(font.path), fontNumber=font.index, lazy=True) as tt:
            _cmap_cache[key] = frozenset(tt.getBestCmap())
    return _cmap_cache[key]


def _needs_fallback(ch: str, cmap: frozenset[int]) -> bool:
    return ord(ch) not in cmap and not unicodedata.category(ch).startswith(("M", "C", "Z"))


def runs(text: str, font: ImageFont.FreeTypeFont, lang: Lang) -> list[tuple[str, ImageFont.FreeTypeFont, str]]:
    """Split a logical line into (text, font, direction) runs in visual order, left to right.

    Characters the script font lacks (e.g. ``/`` and brackets in Noto Naskh Arabic, Latin in Noto Sans Tamil)
    are drawn with Noto Sans. Lines the script font covers entirely stay one raqm run, shaped and reordered
    by raqm itself. Mixed lines are ordered with the Unicode bidi algorithm (python-bidi) run by run.
    """
    cmap = covered(font)
    if not any(_needs_fallback(ch, cmap) for ch in text):
        return [(text, font, lang.direction)]
    fallback = get_font("latin", int(font.size))
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    base = 1 if lang.direction == "rtl" else 0
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    # python-bidi drops boundary-neutral characters (ZWNJ, ZWJ) in rule X9; give each the previous character's
    # class instead, which yields the level UBA assigns them.
    probe = "".join(
        (text[i - 1] if i else "a") if unicodedata.bidirectional(ch) == "BN" else ch for i, ch in enumerate(text)
    )
    uba.get_embedding_levels(probe, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels = [int(c["level"]) for c in storage["chars"]]
    if len(levels) != len(text):
        raise ValueError(f"bidi levels do not match the text: {text!r}")
    logical: list[tuple[str, bool, int]] = []  # (text, use_fallback, level)
    for ch, level in zip(text, levels, strict=True):
        fb = _needs_fallback(ch, cmap) or (
            bool(logical) and logical[-1][1] and unicodedata.category(ch).startswith(("M", "Z"))
        )
        if logical and logical[-1][1] == fb and logical[-1][2] == level:
            logical[-1] = (logical[-1][0] + ch, fb, level)
        else:
            logical.append((ch, fb, level))
    # UBA rule L2 applied to whole runs (each run has a single level)
    order = list(range(len(logical)))
    top = max(levels)
    lowest_odd = min(lv for lv in levels if lv % 2) if any(lv % 2 for lv in levels) else top + 1
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if logical[order[i]][2] >= level:
                j = i
                while j < len(order) and logical[order[j]][2] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [(logical[k][0], fallback if logical[k][1] else font, "rtl" if logical[k][2] % 2 else "ltr") for k in order]


def text_width(text: str, font: ImageFont.FreeTypeFont, lang: Lang) -> float:
    if not text:
        return 0.0
    return float(sum(f.getlength(t, direction=d, language=lang.tag) for t, f, d in runs(text, font, lang)))


def draw_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: ImageFont.FreeTypeFont,
    lang: Lang,
    fill: int = INK,
) -> None:
    x, y = xy
    baseline = y + font.getmetrics()[0]
    for part, part_font, direction in runs(text, font, lang):
        # align every run on the primary font's baseline
        draw.text((x, baseline), part, font=part_font, fill=fill, direction=direction, language=lang.tag, anchor="ls")
        x += part_font.getlength(part, direction=direction, language=lang.tag)


# --------------------------------------------------------------------------------------------------
# Line wrapping that never splits a fact value
# --------------------------------------------------------------------------------------------------

_NO_LINE_START = set("、。，．・：；？！）」』〕】ー々ゃゅょっャュョッ")
_ASCII_RUN = re.compile(r"[0-9A-Za-z.,/:\-()]+")


def tokenize(encoded: str, lang: Lang) -> list[tuple[str, bool]]:
    """Split into (token, space_before) pairs; a sentinel-protected value is always inside one token."""
    tokens: list[tuple[str, bool]] = []
    i, n = 0, len(encoded)
    if lang.spaced:
        current, space_before, pending_space = "", False, False
        depth = 0
        while i < n:
            ch = encoded[i]
            if ch == _OPEN:
                depth += 1
            elif ch == _CLOSE:
                depth -= 1
            if ch == " " and depth == 0:
                if current:
                    tokens.append((current, space_before))
                    current = ""
                pending_space = True
            else:
                if not current:
                    space_before = pending_space
                    pending_space = False
                current += ch
            i += 1
        if current:
            tokens.append((current, space_before))
        return tokens
    # Unspaced script (Japanese): characters, with protected values, ASCII runs and spaces kept whole.
    while i < n:
        ch = encoded[i]
        if ch == _OPEN:
            end = encoded.index(_CLOSE, i) + 1
            tok = encoded[i:end]
            i = end
        elif ch == " ":
            tokens.append((" ", False))
            i += 1
            continue
        else:
            m = _ASCII_RUN.match(encoded, i)
            if m:
                tok = m.group(0)
                i = m.end()
            else:
                tok = ch
                i += 1
        if tokens and (tok[0] in _NO_LINE_START) and tokens[-1][0] != " ":
            prev, sp = tokens.pop()
            tokens.append((prev + tok, sp))
        else:
            tokens.append((tok, False))
    return tokens


def wrap(encoded: str, measure: Callable[[str], float], lang: Lang, width: float) -> list[str]:
    """Greedy wrap to ``width`` (in the unit of ``measure``); lines keep their sentinels."""
    lines: list[str] = []
    current = ""
    for token, space_before in tokenize(encoded, lang):
        if lang.spaced:
            candidate = f"{current} {token}" if current and space_before else current + token
        else:
            if token == " " and not current:
                continue
            candidate = current + token
        if current and measure(plain(candidate)) > width:
            lines.append(current.rstrip())
            current = token.lstrip() if not lang.spaced else token
        else:
            current = candidate
        if measure(plain(current)) > width:
            raise ValueError(f"unbreakable text wider than the line: {plain(current)!r}")
    if current.strip():
        lines.append(current.rstrip())
    return lines


# --------------------------------------------------------------------------------------------------
# Page model
# --------------------------------------------------------------------------------------------------


@dataclass
class Page:
    """One rendered page: the clean image, the drawn lines (with sentinels) and its languages."""

    image: Image.Image
    lines: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(plain(line) for line in self.lines)


def new_canvas(width: int = PAGE_W, height: int = PAGE_H) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", (width, height), 255)
    return image, ImageDraw.Draw(image)


@dataclass(frozen=True)
class Block:
    """A flow block: heading, paragraph, single line, spacer or page break."""

    kind: str  # "h" heading | "p" paragraph | "line" (never wrapped) | "space" | "break"
    text: str = ""
    lang: str = "en"
    size: int = BODY_PX
    bold: bool = False
    align: str = "start"  # start | center | end (start = left for LTR, right for RTL)
    indent: int = 0
    space_after: int = 18


def H(text: str, lang: str = "en", size: int = 46, align: str = "center") -> Block:
    return Block("h", text, lang, size, True, align, space_after=30)


def P(text: str, lang: str = "en", size: int = BODY_PX, indent: int = 0, space_after: int = 20) -> Block:
    return Block("p", text, lang, size, False, "start", indent, space_after)


def L(text: str, lang: str = "en", size: int = BODY_PX, align: str = "start", bold: bool = False) -> Block:
    """A single line (no wrapping allowed), e.g. an address or a signature line."""
    return Block("line", text, lang, size, bold, align, space_after=6)


def SPACE(px: int) -> Block:
    return Block("space", size=px)


def BREAK() -> Block:
    return Block("break")


def script_font(lang: Lang, size: int, bold: bool) -> ImageFont.FreeTypeFont:
    script = lang.script
    if bold and f"{script}-bold" in FONTS:
        script = f"{script}-bold"
    return get_font(script, size)


def place_line(
    draw: ImageDraw.ImageDraw,
    y: float,
    line: str,
    font: ImageFont.FreeTypeFont,
    lang: Lang,
    align: str,
    left: float = MARGIN_X,
    right: float = PAGE_W - MARGIN_X,
    indent: float = 0,
) -> None:
    text = plain(line)
    w = text_width(text, font, lang)
    if align == "center":
        x = (left + right - w) / 2
    elif (align == "start") == (lang.direction == "rtl"):
        x = right - indent - w
    else:
        x = left + indent
    draw_text(draw, (x, y), text, font, lang)


def render_flow(blocks: Sequence[Block], facts: FactTable, footer: bool = True) -> list[Page]:
    """Lay out blocks top to bottom over as many A4 pages as needed."""
    pages: list[Page] = []
    image, draw = new_canvas()
    page = Page(image)
    y: float = TOP_Y

    def flush() -> None:
        nonlocal image, draw, page, y
        pages.append(page)
        image, draw = new_canvas()
        page = Page(image)
        y = TOP_Y

    def note_lang(code: str) -> None:
        if code not in page.languages:
            page.languages.append(code)

    for block in blocks:
        if block.kind == "break":
            flush()
            continue
        if block.kind == "space":
            y += block.size
            continue
        lang = LANGS[block.lang]
        font = script_font(lang, block.size, block.bold)
        step = block.size * lang.leading
        encoded = facts.encode(block.text)
        width = PAGE_W - 2 * MARGIN_X - block.indent
        if block.kind == "line":
            lines = [encoded]
            if text_width(plain(encoded), font, lang) > width:
                raise ValueError(f"line too long: {plain(encoded)!r}")
        else:
            lines = wrap(encoded, functools.partial(text_width, font=font, lang=lang), lang, width)
        for line in lines:
            if y + step > BOTTOM_Y:
                flush()
            place_line(draw, y, line, font, lang, block.align, indent=block.indent)
            page.lines.append(line)
            note_lang(block.lang)
            y += step
        y += block.space_after
    if page.lines:
        pages.append(page)
    if footer:
        add_footers(pages)
    return pages


def add_footers(pages: list[Page]) -> None:
    font = get_font("latin", 30)
    en = LANGS["en"]
    for number, page in enumerate(pages, start=1):
        draw = ImageDraw.Draw(page.image)
        width, height = page.image.size
        text = FOOTER_TEXT.format(page=number, pages=len(pages))
        y = height - 130
        draw.line([(MARGIN_X, y - 18), (width - MARGIN_X, y - 18)], fill=120, width=2)
        draw_text(draw, ((width - text_width(text, font, en)) / 2, y), text, font, en)
        page.lines.append(text)
        if "en" not in page.languages:
            page.languages.append("en")


# --------------------------------------------------------------------------------------------------
# Forms and identity pages
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A labelled form field. ``label`` is drawn in ``label_lang``, ``value`` in ``value_lang`` inside a box."""

    label: str
    value: str
    label_lang: str = "en"
    value_lang: str = "en"


def render_form(
    title: Sequence[Block],
    sections: Sequence[tuple[str, str, Sequence[Row]]],
    facts: FactTable,
    closing: Sequence[Block] = (),
    min_value_x: int = 0,
) -> list[Page]:
    """A one-page application form: title blocks, then sections of labelled boxed fields."""
    pages = render_flow(title, facts, footer=False)
    page = pages[-1]
    draw = ImageDraw.Draw(page.image)
    y = _flow_end(page) + 10
    left, right = MARGIN_X, PAGE_W - MARGIN_X
    for heading, heading_lang, rows in sections:
        hl = LANGS[heading_lang]
        hfont = script_font(hl, 36, True)
        draw.rectangle([(left, y), (right, y + 54)], fill=238)
        place_line(draw, y + 4, heading, hfont, hl, "start", left + 16, right - 16)
        page.lines.append(facts.encode(heading))
        if heading_lang not in page.languages:
            page.languages.append(heading_lang)
        y += 54 + 10
        for row in rows:
            ll, vl = LANGS[row.label_lang], LANGS[row.value_lang]
            lfont = script_font(ll, 31, False)
            vfont = script_font(vl, BODY_PX, False)
            label_enc = facts.encode(row.label)
            value_enc = facts.encode(row.value)
            label_text, value_text = plain(label_enc), plain(value_enc)
            l_ascent, v_ascent = lfont.getmetrics()[0], vfont.getmetrics()[0]
            if ll.direction != vl.direction:
                # Label and answer run in opposite directions: the answer goes on its own line under the label,
                # so no drawn line mixes directions (Tesseract would pick one order for it). Both start at the
                # box's left edge: answers aligned on the far side read as a second column.
                value_top = 31 * 1.75  # a clear gap, or Tesseract merges label and answer into one line
                box_h = int(value_top + BODY_PX * vl.leading * 0.8) + 8
                draw.rectangle([(left, y), (right, y + box_h)], outline=FORM_RULE, width=2)
                draw_text(draw, (left + 16, y + 6), label_text, lfont, ll, fill=70)
                page.lines.append(label_enc)
                if value_text:
                    draw_text(draw, (left + 16, y + value_top), value_text, vfont, vl)
                    page.lines.append(value_enc)
            else:
                # One full-width box per field; the answer follows its label on the same line. (An aligned
                # answer column makes Tesseract read all labels first and all answers after.)
                box_h = int(max(BODY_PX * vl.leading, 31 * ll.leading) * 0.85) + 12
                draw.rectangle([(left, y), (right, y + box_h)], outline=FORM_RULE, width=2)
                baseline = y + box_h * 0.5 + max(l_ascent, v_ascent) * 0.42
                label_w = text_width(label_text, lfont, ll)
                draw_text(draw, (left + 16, baseline - l_ascent), label_text, lfont, ll, fill=70)
                value_x = left + 16 + max(label_w + 36, min_value_x)
                if value_text and value_x + text_width(value_text, vfont, vl) > right - 16:
                    raise ValueError(f"form value too long: {value_text!r}")
                if value_text:
                    draw_text(draw, (value_x, baseline - v_ascent), value_text, vfont, vl)
                page.lines.append(f"{label_enc} {value_enc}".rstrip())
            if value_text and text_width(value_text, vfont, vl) > right - left - 32:
                raise ValueError(f"form value too long: {value_text!r}")
            for code in (row.label_lang, row.value_lang if plain(value_enc) else row.label_lang):
                if code not in page.languages:
                    page.languages.append(code)
            y += box_h + 6
        y += 16
    if closing:
        tail = render_flow(closing, facts, footer=False)[0]
        top = _flow_start(tail)
        bottom = _flow_end(tail)
        if y + bottom - top > BOTTOM_Y:
            raise ValueError(f"form does not fit on one page ({y + bottom - top:.0f} > {BOTTOM_Y})")
        region = tail.image.crop((0, int(top), PAGE_W, int(bottom)))
        page.image.paste(region, (0, int(y)))
        page.lines.extend(tail.lines)
        for code in tail.languages:
            if code not in page.languages:
                page.languages.append(code)
        y += bottom - top
    if y > BOTTOM_Y:
        raise ValueError(f"form overflows the page ({y} > {BOTTOM_Y})")
    add_footers(pages)
    return pages


def _flow_end(page: Page) -> float:
    """The lowest inked row of a flow page (+ a margin), or TOP_Y for an empty page."""
    box = Image.eval(page.image, lambda v: 255 - v).getbbox()
    return float(box[3] + 20) if box else float(TOP_Y)


def _flow_start(page: Page) -> float:
    box = Image.eval(page.image, lambda v: 255 - v).getbbox()
    return float(box[1] - 12) if box else float(TOP_Y)


# --------------------------------------------------------------------------------------------------
# Machine-readable zone (ICAO 9303 TD3) for the fictional passport pages
# --------------------------------------------------------------------------------------------------


def mrz_check(data: str) -> str:
    weights = (7, 3, 1)
    total = 0
    for i, ch in enumerate(data):
        if ch.isdigit():
            v = int(ch)
        elif ch.isalpha():
            v = ord(ch) - 55
        else:
            v = 0
        total += v * weights[i % 3]
    return str(total % 10)


def mrz_td3(
    country: str, surname: str, given: str, number: str, nationality: str, dob: str, sex: str, expiry: str
) -> tuple[str, str]:
    """Two 44-character MRZ lines; dates as YYMMDD."""
    names = f"{surname.upper().replace(' ', '<')}<<{given.upper().replace(' ', '<')}"
    line1 = f"P<{country}{names}".ljust(44, "<")[:44]
    num = number.ljust(9, "<")
    personal = "<" * 14
    body = (
        num
        + mrz_check(num)
        + nationality
        + dob
        + mrz_check(dob)
        + sex
        + expiry
        + mrz_check(expiry)
        + personal
        + mrz_check(personal)
    )
    composite = (
        num + mrz_check(num) + dob + mrz_check(dob) + expiry + mrz_check(expiry) + personal + mrz_check(personal)
    )
    line2 = body + mrz_check(composite)
    if len(line1) != 44 or len(line2) != 44:
        raise ValueError(f"MRZ lines must have 44 characters: {line1!r}, {line2!r}")
    return line1, line2


# --------------------------------------------------------------------------------------------------
# Scan and photo simulation (deterministic: every random draw comes from a seeded numpy Generator)
# --------------------------------------------------------------------------------------------------


def seed_for(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest()[:8], "big")


def scan(image: Image.Image, rng: np.random.Generator, angle: float) -> Image.Image:
    """A flatbed scan: toner noise on the ink, a few dust specks, slight skew, white paper clipped to 255."""
    out = image.filter(ImageFilter.GaussianBlur(0.55))
    out = out.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    arr = np.asarray(out, dtype=np.int16).copy()
    ink = arr < 235
    arr[ink] += rng.normal(0.0, 10.0, size=int(ink.sum())).astype(np.int16)
    h, w = arr.shape
    for _ in range(260):  # dust
        y, x = int(rng.integers(0, h - 4)), int(rng.integers(0, w - 4))
        r = int(rng.integers(1, 3))
        arr[y : y + r, x : x + r] = np.minimum(arr[y : y + r, x : x + r], int(rng.integers(70, 180)))
    # faint shadow along the left edge where the lid did not close
    shadow = np.clip(28 - np.arange(28), 0, None) * 2.2
    arr[:, :28] = np.minimum(arr[:, :28], (255 - shadow).astype(np.int16)[None, :])
    arr = np.clip(arr, 0, 255)
    arr[arr > 246] = 255
    return Image.fromarray(arr.astype(np.uint8), "L")


def photo(image: Image.Image, rng: np.random.Generator, angle: float) -> Image.Image:
    """A phone photo: soft focus, low contrast, light falling off from one corner, sensor noise."""
    out = image.filter(ImageFilter.GaussianBlur(1.0))
    out = out.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    arr = np.asarray(out, dtype=np.float32) / 255.0
    h, w = arr.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 0.93 - 0.24 * ((xx / w) * 0.6 + (yy / h) * 0.4) ** 1.3  # brighter top-left, darker bottom-right
    cy, cx = h * 0.35, w * 0.3
    light -= 0.10 * (((yy - cy) / h) ** 2 + ((xx - cx) / w) ** 2)
    paper, ink = 0.92, 0.38  # low contrast: ink is dark grey, paper light grey
    arr = (ink + (paper - ink) * arr) * light
    small = rng.normal(0.0, 1.0, size=(h // 2 + 1, w // 2 + 1)).astype(np.float32)
    noise = np.kron(small, np.ones((2, 2), dtype=np.float32))[:h, :w]
    arr = arr + noise * 0.018
    arr = np.clip(arr * 255.0, 0, 255)
    levels = np.round(arr / 3.0) * 3.0  # camera JPEG-ish banding keeps the PNG small
    return Image.fromarray(np.clip(levels, 0, 255).astype(np.uint8), "L")


# --------------------------------------------------------------------------------------------------
# Writing documents
# --------------------------------------------------------------------------------------------------


@dataclass
class DocSpec:
    """A document of a case: how to build its pages and how to store them."""

    file: str
    kind: str  # statement | form | id_page | other
    # scanned documents: lays out the clean pages (then scanned or photographed, and saved as PNG or TIFF)
    build: Callable[[FactTable], list[Page]] | None = None
    rotations: Sequence[float] = (0.0,)
    photo_pages: Sequence[int] = ()  # 1-based page numbers rendered as photos
    # born-digital PDFs: writes the file, returns per page (drawn lines with sentinels, languages)
    pdf: Callable[[Path, FactTable], list[tuple[list[str], list[str]]]] | None = None
    # (field, normalized, value) facts nested inside a marked-up value (markup does not nest), e.g. the cities
    # of a travel route: annotated on every page of the document whose text contains the value
    nested: Sequence[tuple[str, str, str]] = ()


@dataclass
class CaseSpec:
    slug: str
    title: str
    reference: str
    description: str
    languages: list[str]
    documents: list[DocSpec]


def save_png(image: Image.Image, path: Path) -> None:
    image.save(path, format="PNG", optimize=True, dpi=(DPI, DPI))


def save_tiff(images: Sequence[Image.Image], path: Path) -> None:
    first, rest = images[0], list(images[1:])
    first.save(
        path,
        format="TIFF",
        save_all=True,
        append_images=rest,
        compression="tiff_adobe_deflate",
        dpi=(DPI, DPI),
    )


def build_case(case: CaseSpec, out_dir: Path) -> dict[str, object]:
    """Render every document of ``case`` into ``out_dir/<slug>`` and return its ground truth."""
    folder = out_dir / case.slug
    folder.mkdir(parents=True, exist_ok=True)
    documents: list[dict[str, object]] = []
    facts_out: list[dict[str, object]] = []
    for doc in case.documents:
        table = FactTable()
        fmt = Path(doc.file).suffix.lstrip(".").lower()
        fmt = "tiff" if fmt == "tif" else fmt
        page_records: list[tuple[list[str], list[str], float, bool]] = []  # lines, languages, rotation, photo
        if doc.pdf is not None:
            for pdf_lines, langs in doc.pdf(folder / doc.file, table):
                page_records.append((pdf_lines, langs, 0.0, False))
        elif doc.build is not None:
            pages = doc.build(table)
            images: list[Image.Image] = []
            for number, page in enumerate(pages, start=1):
                angle = float(doc.rotations[(number - 1) % len(doc.rotations)])
                rng = np.random.default_rng(seed_for(case.slug, doc.file, str(number)))
                is_photo = number in doc.photo_pages
                images.append(photo(page.image, rng, angle) if is_photo else scan(page.image, rng, angle))
                page_records.append((page.lines, page.languages, angle, is_photo))
            if fmt == "png":
                if len(images) != 1:
                    raise ValueError(f"{doc.file}: a PNG holds one page, got {len(images)}")
                save_png(images[0], folder / doc.file)
            elif fmt == "tiff":
                save_tiff(images, folder / doc.file)
            else:
                raise ValueError(f"{doc.file}: unsupported format {fmt}")
        else:
            raise ValueError(f"{doc.file}: neither a page builder nor a PDF writer")
        page_dicts: list[dict[str, object]] = []
        for number, (lines, langs, angle, is_photo) in enumerate(page_records, start=1):
            text = "\n".join(plain(line) for line in lines)
            page_dicts.append(
                {
                    "page": number,
                    "text": text,
                    "languages": langs,
                    "rotation_deg": round(angle, 2),
                    "photo_like": is_photo,
                }
            )
            seen: set[tuple[str, str]] = set()
            marks = [mark for line in lines for mark in table.facts_in(line)]
            marks += [FactMark(fld, norm, value) for fld, norm, value in doc.nested if value in text]
            for mark in marks:
                key = (mark.field, mark.value)
                if key in seen:
                    continue
                seen.add(key)
                if mark.value not in text:
                    raise AssertionError(f"{doc.file} p{number}: {mark.value!r} not in page text")
                facts_out.append(
                    {
                        "field": mark.field,
                        "value": mark.value,
                        "normalized": mark.normalized,
                        "file": doc.file,
                        "page": number,
                    }
                )
        for fld, _, value in doc.nested:
            if not any(value in str(p["text"]) for p in page_dicts):
                raise AssertionError(f"{doc.file}: nested fact {fld} {value!r} is on no page")
        documents.append({"file": doc.file, "kind": doc.kind, "format": fmt, "pages": page_dicts})
    truth: dict[str, object] = {
        "case": {
            "slug": case.slug,
            "title": case.title,
            "reference": case.reference,
            "description": case.description,
            "languages": case.languages,
        },
        "documents": documents,
        "facts": facts_out,
    }
    (folder / "ground_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return truth


# --------------------------------------------------------------------------------------------------
# OCR quality report
# --------------------------------------------------------------------------------------------------

_CJK = "\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")


def normalize_for_cer(text: str) -> str:
    """NFKC, no zero-width joiners, single spaces, no spaces next to CJK characters."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]", "", text)  # zero-width and bidi controls
    text = re.sub(r"\s+", " ", text).strip()
    return _CJK_SPACE.sub("", text)


def levenshtein(a: str, b: str) -> int:
    """Edit distance, one numpy row at a time (insertions resolved with a running minimum)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    codes_b = np.array([ord(c) for c in b], dtype=np.int64)
    idx = np.arange(len(b) + 1, dtype=np.int64)
    prev = idx.copy()
    for i, ch in enumerate(a, start=1):
        sub = prev[:-1] + (codes_b != ord(ch))
        row = np.empty_like(prev)
        row[0] = i
        row[1:] = np.minimum(sub, prev[1:] + 1)
        row = np.minimum.accumulate(row - idx) + idx
        prev = row
    return int(prev[-1])


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = normalize_for_cer(reference), normalize_for_cer(hypothesis)
    return levenshtein(ref, hyp) / max(1, len(ref))


def tesseract_languages(codes: Sequence[str]) -> str:
    return "+".join(dict.fromkeys(LANGS[c].tesseract for c in codes))


def run_tesseract(image: Image.Image, languages: str) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        image.save(png, dpi=(DPI, DPI))
        done = subprocess.run(
            ["tesseract", str(png), "stdout", "-l", languages], capture_output=True, text=True, env=env, check=True
        )
    return done.stdout


def iter_pages(path: Path) -> Iterator[Image.Image]:
    with Image.open(path) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            yield image.convert("L")


def ocr_report(out_dir: Path, cases: Sequence[CaseSpec]) -> list[tuple[str, str, int, str, float, bool]]:
    """Print (and return) the CER of every page: Tesseract for images, pdfplumber for PDF text layers."""
    rows: list[tuple[str, str, int, str, float, bool]] = []
    print(f"{'case':<22} {'file':<26} {'page':>4} {'tesseract -l':<14} {'CER':>6}  note")
    for case in cases:
        truth = json.loads((out_dir / case.slug / "ground_truth.json").read_text(encoding="utf-8"))
        for doc in truth["documents"]:
            path = out_dir / case.slug / doc["file"]
            if doc["format"] == "pdf":
                import pdfplumber

                with pdfplumber.open(path) as pdf:
                    texts = [p.extract_text() or "" for p in pdf.pages]
                langs_used = ["text-layer"] * len(texts)
            else:
                texts, langs_used = [], []
                for page, image in zip(doc["pages"], iter_pages(path), strict=True):
                    langs = tesseract_languages(page["languages"])
                    texts.append(run_tesseract(image, langs))
                    langs_used.append(langs)
            for page, text, langs in zip(doc["pages"], texts, langs_used, strict=True):
                value = cer(page["text"], text)
                rows.append((case.slug, doc["file"], page["page"], langs, value, page["photo_like"]))
                note = "photo-like" if page["photo_like"] else ("" if value < 0.10 else "CER >= 0.10")
                print(
                    f"{case.slug:<22} {doc['file']:<26} {page['page']:>4} {langs:<14} {value:6.3f}  {note}", flush=True
                )
    return rows


# ==================================================================================================
# Case 1 - Sri Lanka, English statement (multi-page TIFF), form, passport photo, Tamil and Sinhala pages
# ==================================================================================================

LK_REF = "SAMPLE-2023-LK-0001"


def lk_statement(facts: FactTable) -> list[Page]:
    return render_flow(
        [
            H("STATEMENT IN SUPPORT OF MY APPLICATION FOR REFUGEE STATUS"),
            L(f"Case reference: {LK_REF}", align="center"),
            SPACE(30),
            P(
                "My name is [[person_name|Kavitha Arulnesan|Kavitha Arulnesan]]. I was born on "
                "[[date_of_birth|1989-03-14|14 March 1989]] in [[place|LK|Jaffna]], in the [[place|LK|Northern Province]] of "
                "[[country_of_origin|LK|Sri Lanka]]. I am a [[nationality|LK|Sri Lankan]] citizen of "
                "[[ethnicity|Tamil|Tamil]] ethnicity and my religion is [[religion|Hinduism|Hindu]]. My mother tongue "
                "is [[language_spoken|ta|Tamil]] and I also speak [[language_spoken|en|English]], which I used at "
                "work. I make this statement in English without an interpreter."
            ),
            P(
                "My father, [[family_member|Arulnesan Kandiah|Arulnesan Kandiah]], died in 2009. My mother, "
                "[[family_member|Saraswathy Arulnesan|Saraswathy Arulnesan]], still lives in our family house in "
                "Jaffna. I have one younger brother, [[family_member|Suthan Arulnesan|Suthan Arulnesan]], who works "
                "as a mechanic in [[place|LK|Vavuniya]]. I am not married and I have no children."
            ),
            P(
                "From 2015 I worked as a reporter for the Northern Lantern, a small Tamil weekly newspaper in "
                "[[place|LK|Kilinochchi]]. I wrote about land taken by the military, about former fighters who "
                "could not find work, and about the mothers of the disappeared who protest every week."
            ),
            P(
                "On [[event_date|2021-09-12|12 September 2021]] two men in plain clothes came to our office. They "
                "said they were from the [[agent_of_persecution|police intelligence|police intelligence service]]. "
                "They questioned me for about three hours about my sources and took photographs of my notebooks. "
                'They told me that my articles "help the terrorists" and that I should stop writing them.'
            ),
            P(
                "On [[event_date|2022-01-27|27 January 2022]] my brother Suthan was taken to the police station "
                "in Vavuniya and kept there for two days. The officers asked him where I was living and who paid "
                "me. They released him without any charge, but they kept his mobile phone."
            ),
            P(
                "On [[event_date|2022-06-09|9 June 2022]], at about 8 in the evening, a white van stopped next "
                "to me on the road near the market in Kilinochchi. Four men pulled me inside and covered my "
                "eyes. I was kept for four days in a room at a place I could not see. The men beat me with a "
                "plastic pipe and asked me again and again for the names of my sources. One of them said he was "
                "from the [[agent_of_persecution|army intelligence|army intelligence]]. On "
                "[[event_date|2022-06-13|13 June 2022]] they left me at the roadside near [[place|LK|Paranthan]]. My uncle "
                "later told me that he had paid money to a man who knew the camp."
            ),
            P(
                "A doctor in Jaffna treated the injuries on my back and my left arm. My mother reported my "
                "abduction to the police in Jaffna on [[event_date|2022-06-10|10 June 2022]], but nobody from "
                "the police ever contacted us about it."
            ),
            P(
                "After this I did not go back to work. I stayed with my aunt in [[place|LK|Colombo]] and did not "
                "leave her house. With the help of a former colleague I obtained a visa to attend a media "
                "workshop in [[place|JP|Japan]]."
            ),
            P(
                "I left [[country_of_origin|LK|Sri Lanka]] on [[event_date|2022-10-20|20 October 2022]] from "
                "[[place|LK|Bandaranaike International Airport]]. I travelled on my own passport, number [[document_number|N8047312|N8047312]], on the "
                "route [[travel_route|Colombo > Kuala Lumpur > Tokyo|Colombo - Kuala Lumpur - Tokyo]]. I arrived "
                "at [[port_of_entry|Narita International Airport|Narita International Airport]] on "
                "[[date_of_entry|2022-10-21|21 October 2022]] and was given a short-term stay permit."
            ),
            P(
                "After I arrived, my mother told me that two men in plain clothes came to our house in [[place|LK|Jaffna]] on "
                "[[event_date|2022-11-15|15 November 2022]] and asked where I was. My mother wrote to me about "
                "this in a letter, which I attach together with the police receipt for her complaint."
            ),
            P(
                "[[prior_application|none|I have never applied for asylum or refugee status in any other "
                "country]]. I have not been back to [[country_of_origin|LK|Sri Lanka]] since I left."
            ),
            P(
                "I ask for protection because of my [[claimed_ground|political_opinion|political opinion]]. The "
                "authorities believe that my reporting supports Tamil separatism. I am afraid that if I return I "
                "will be detained again and tortured, or that I will disappear like the people I wrote about."
            ),
            P("I confirm that this statement is true and complete to the best of my knowledge."),
            SPACE(40),
            L("Signed: [[person_name|Kavitha Arulnesan|K. Arulnesan]]"),
            L("[[place|JP|Tokyo]], 9 January 2023"),
        ],
        facts,
    )


def lk_form(facts: FactTable) -> list[Page]:
    return render_form(
        [
            H("APPLICATION FOR RECOGNITION OF REFUGEE STATUS", size=44),
            L("Part A - Personal particulars of the applicant", align="center"),
            L(f"Reference: {LK_REF}    Received: 12 January 2023", align="center"),
        ],
        [
            (
                "1. Identity",
                "en",
                [
                    Row("Surname", "[[person_name|Kavitha Arulnesan|ARULNESAN]]"),
                    Row("Given names", "KAVITHA"),
                    Row("Sex", "Female"),
                    Row("Date of birth", "[[date_of_birth|1989-03-14|14/03/1989]]"),
                    Row("Place of birth", "[[place|LK|Jaffna, Sri Lanka]]"),
                    Row("Nationality", "[[nationality|LK|Sri Lankan]]"),
                    Row("Ethnic group", "[[ethnicity|Tamil|Tamil]]"),
                    Row("Religion", "[[religion|Hinduism|Hindu]]"),
                    Row("Languages", "[[language_spoken|ta|Tamil]], [[language_spoken|en|English]]"),
                ],
            ),
            (
                "2. Travel document and entry",
                "en",
                [
                    Row("Passport no.", "[[document_number|N8047312|N8047312]]"),
                    Row("Date of issue", "02/08/2019"),
                    Row("Date of entry", "[[date_of_entry|2022-10-21|21/10/2022]]"),
                    Row("Port of entry", "[[port_of_entry|Narita International Airport|Narita Airport]]"),
                    Row("Status on entry", "Temporary visitor (90 days)"),
                ],
            ),
            (
                "3. Family",
                "en",
                [
                    Row("Mother", "[[family_member|Saraswathy Arulnesan|Saraswathy ARULNESAN]] ([[place|LK|Jaffna]])"),
                    Row("Father", "[[family_member|Arulnesan Kandiah|Arulnesan KANDIAH]] (deceased 2009)"),
                    Row("Brother", "[[family_member|Suthan Arulnesan|Suthan ARULNESAN]] ([[place|LK|Vavuniya]])"),
                ],
            ),
            (
                "4. Claim",
                "en",
                [
                    Row("Grounds claimed", "[[claimed_ground|political_opinion|Political opinion]]"),
                    Row("Previous applications", "[[prior_application|none|None]]"),
                    Row("Address in Japan", "[[place|JP|3-14-2 Kita-Shinagawa, Shinagawa-ku, Tokyo]]"),
                ],
            ),
        ],
        facts,
        closing=[
            SPACE(10),
            L("I declare that the particulars above are true."),
            L("Signature of applicant: [[person_name|Kavitha Arulnesan|K. Arulnesan]]        Date: 12/01/2023"),
        ],
    )


def id_card(
    facts: FactTable,
    heading: str,
    rows: Sequence[Sequence[tuple[str, str]]],
    mrz: tuple[str, str] | None,
    size: tuple[int, int],
    columns: tuple[int, int],
) -> Page:
    """A fictional identity document (passport data page or ID card): labels above values, a portrait
    placeholder on the left, an optional machine-readable zone and a SPECIMEN marker along the bottom."""
    width, height = size
    image, draw = new_canvas(width, height)
    page = Page(image)
    en = LANGS["en"]
    draw.rounded_rectangle([(40, 40), (width - 40, height - 40)], radius=30, outline=110, width=4, fill=238)
    hfont = get_font("latin-bold", 42)
    title = facts.encode(heading)
    draw_text(draw, ((width - text_width(plain(title), hfont, en)) / 2, 80), plain(title), hfont, en)
    page.lines.append(title)
    # portrait placeholder: a plain silhouette
    px0, py0 = 90, 200
    draw.rectangle([(px0, py0), (px0 + 330, py0 + 420)], fill=205, outline=120, width=3)
    draw.ellipse([(px0 + 105, py0 + 70), (px0 + 225, py0 + 210)], fill=150)
    draw.chord([(px0 + 35, py0 + 230), (px0 + 295, py0 + 520)], 180, 360, fill=150)
    lfont = get_font("latin", 31)
    vfont = get_font("latin-bold", 36)
    y = 180
    for row in rows:
        labels, values = [], []
        for (label, value), cx in zip(row, columns, strict=False):
            labels.append(facts.encode(label))
            values.append(facts.encode(value))
            draw_text(draw, (cx, y), plain(labels[-1]), lfont, en, fill=70)
            draw_text(draw, (cx, y + 40), plain(values[-1]), vfont, en)
        page.lines.extend([" ".join(labels), " ".join(values)])  # visual lines: labels above values
        y += 108
    if mrz:
        mfont = get_font("mono", 42)
        my = height - 240
        for line in mrz:
            draw_text(draw, (90, my), line, mfont, en)
            page.lines.append(line)
            my += 70
    foot = "FICTIONAL SAMPLE - SPECIMEN - NOT A VALID DOCUMENT"
    ffont = get_font("latin", 30)
    draw_text(draw, ((width - text_width(foot, ffont, en)) / 2, height - 90), foot, ffont, en)
    page.lines.append(foot)
    page.languages.append("en")
    return page


def passport_page(
    facts: FactTable, heading: str, rows: Sequence[Sequence[tuple[str, str]]], mrz: tuple[str, str]
) -> list[Page]:
    """A passport data page, as an open booklet photographed on a table (landscape, 1754x1240)."""
    return [id_card(facts, heading, rows, mrz, (1754, 1240), (520, 1160))]


def id_card_copy(facts: FactTable, heading: str, rows: Sequence[Sequence[tuple[str, str]]]) -> list[Page]:
    """An ID card photocopied at 1:1.6 onto an A4 sheet (scanned like the other pages)."""
    card = id_card(facts, heading, rows, None, (PAGE_W - 2 * MARGIN_X + 100, 1000), (470, 930))
    image, _ = new_canvas()
    image.paste(card.image, (MARGIN_X - 50, TOP_Y))
    page = Page(image, lines=card.lines, languages=card.languages)
    add_footers([page])
    return [page]


def lk_passport(facts: FactTable) -> list[Page]:
    return passport_page(
        facts,
        "DEMOCRATIC SOCIALIST REPUBLIC OF SRI LANKA - PASSPORT",
        [
            [("Type", "P"), ("Country code", "LKA")],
            [("Passport No.", "[[document_number|N8047312|N8047312]]")],
            [("Surname", "[[person_name|Kavitha Arulnesan|ARULNESAN]]")],
            [("Given names", "KAVITHA")],
            [("Nationality", "[[nationality|LK|SRI LANKAN]]"), ("Sex", "F")],
            [("Date of birth", "[[date_of_birth|1989-03-14|14/03/1989]]"), ("Place of birth", "[[place|LK|JAFFNA]]")],
            [("Date of issue", "02/08/2019"), ("Date of expiry", "01/08/2029")],
        ],
        mrz_td3("LKA", "ARULNESAN", "KAVITHA", "N8047312", "LKA", "890314", "F", "290801"),
    )


def lk_letter_ta(facts: FactTable) -> list[Page]:
    """Letter from the applicant's mother, in Tamil."""
    return render_flow(
        [
            L("[[place|LK|யாழ்ப்பாணம்]],", "ta"),
            L("05.01.2023", "ta"),
            SPACE(30),
            L("அன்புள்ள மகள் [[person_name|Kavitha Arulnesan|கவிதா]]வுக்கு,", "ta"),
            SPACE(16),
            P(
                "நான் இங்கு நலமாக இருக்கிறேன். நீ [[place|JP|ஜப்பானில்]] பாதுகாப்பாக இருப்பாய் என்று நம்புகிறேன்.",
                "ta",
            ),
            P(
                "[[event_date|2022-11-15|15.11.2022]] அன்று சிவில் உடையில் இரண்டு பேர் எங்கள் வீட்டுக்கு "
                "வந்தார்கள். நீ எங்கே இருக்கிறாய், யாருடன் தொடர்பில் இருக்கிறாய் என்று ஒரு மணி நேரம் "
                "விசாரித்தார்கள். எனக்குத் தெரியாது என்று சொன்னேன். அவர்கள் மீண்டும் வருவோம் என்று "
                "சொல்லிவிட்டுப் போனார்கள்.",
                "ta",
            ),
            P(
                "உன் தம்பி [[family_member|Suthan Arulnesan|சுதன்]] இப்போதும் [[place|LK|வவுனியா]]வில் வேலை "
                "செய்கிறான். [[event_date|2022-01-27|27.01.2022]] அன்று அவனைப் பொலிஸ் நிலையத்தில் இரண்டு நாட்கள் "
                "வைத்திருந்ததை நீ அறிவாய். அதன் பிறகு அவன் மிகவும் பயந்து இருக்கிறான்.",
                "ta",
            ),
            P(
                "உன் கடத்தல் பற்றி [[event_date|2022-06-10|10.06.2022]] அன்று யாழ்ப்பாணம் பொலிஸ் நிலையத்தில் "
                "நான் கொடுத்த முறைப்பாட்டின் பற்றுச்சீட்டை இத்துடன் அனுப்புகிறேன். இன்றுவரை அவர்கள் எதுவும் "
                "செய்யவில்லை.",
                "ta",
            ),
            P(
                "தயவுசெய்து இப்போது [[country_of_origin|LK|இலங்கை]]க்குத் திரும்பி வர வேண்டாம். உன் பாதுகாப்புதான் எனக்கு முக்கியம்.",
                "ta",
            ),
            SPACE(20),
            L("அன்புடன்,", "ta"),
            L("அம்மா", "ta"),
            L("[[family_member|Saraswathy Arulnesan|சரஸ்வதி அருள்நேசன்]]", "ta"),
        ],
        facts,
    )


def lk_police_receipt_si(facts: FactTable) -> list[Page]:
    """Receipt for the mother's complaint about the abduction, in Sinhala."""
    return render_flow(
        [
            H("ශ්‍රී ලංකා පොලිසිය", "si", size=46),
            H("පැමිණිලි ලදුපත", "si", size=40),
            SPACE(20),
            L("පොලිස් ස්ථානය: [[place|LK|යාපනය]]", "si"),
            L("පැමිණිලි අංකය: 418/2022", "si"),
            L("දිනය: [[event_date|2022-06-10|2022.06.10]]", "si"),
            L("වේලාව: පෙ.ව. 10.30", "si"),
            L("පැමිණිලිකරුගේ නම: [[family_member|Saraswathy Arulnesan|සරස්වතී අරුල්නේසන්]]", "si"),
            L("ලිපිනය: 12, කෝවිල් පාර, යාපනය", "si"),
            SPACE(20),
            L("පැමිණිල්ලේ සාරාංශය:", "si", bold=True),
            P(
                "මගේ දියණිය [[person_name|Kavitha Arulnesan|කවිතා අරුල්නේසන්]] [[event_date|2022-06-09|2022.06.09]] "
                "දින රාත්‍රී 8.00 ට පමණ [[place|LK|කිලිනොච්චිය]] වෙළඳපොළ අසල දී නොදන්නා පුද්ගලයින් සිව් දෙනෙකු "
                "විසින් සුදු පැහැති වෑන් රථයකට බලහත්කාරයෙන් ඇතුළු කර රැගෙන ගොස් ඇත. ඇය තවමත් නිවසට පැමිණ නැත.",
                "si",
            ),
            SPACE(20),
            L("පැමිණිල්ල භාරගත් නිලධාරියා: පො.සැ. 45821", "si"),
            L("මෙම ලදුපත පැමිණිල්ල ලැබුණු බවට පමණක් සහතිකයකි.", "si"),
        ],
        facts,
    )


LK_CASE = CaseSpec(
    slug="lk-journalist-en",
    title="Sri Lanka - Tamil journalist (English statement)",
    reference=LK_REF,
    description=(
        "Fictional Tamil journalist from Jaffna, questioned and abducted after reporting on the disappeared; "
        "entered Japan at Narita. English statement (2-page TIFF), English application form, photographed "
        "passport page, a Tamil letter from her mother and a Sinhala police receipt."
    ),
    languages=["en", "ta", "si"],
    documents=[
        DocSpec(
            "statement.tiff",
            "statement",
            lk_statement,
            rotations=(0.7, -1.2),
            nested=[("place", "MY", "Kuala Lumpur")],
        ),
        DocSpec("application_form.png", "form", lk_form, rotations=(-0.6,)),
        DocSpec("passport_photo.png", "id_page", lk_passport, rotations=(1.8,), photo_pages=(1,)),
        DocSpec("letter_from_mother_ta.png", "other", lk_letter_ta, rotations=(-0.9,)),
        DocSpec("police_receipt_si.png", "other", lk_police_receipt_si, rotations=(1.1,)),
    ],
)


# ==================================================================================================
# Case 2 - Myanmar national in Japan (sur place), Japanese statement and form, Burmese letter
# ==================================================================================================

MM_REF = "SAMPLE-2023-MM-0002"


def mm_statement_ja(facts: FactTable) -> list[Page]:
    return render_flow(
        [
            H("陳述書", "ja", size=52),
            L(f"整理番号：{MM_REF}", "ja", align="center"),
            SPACE(24),
            P(
                "1. 私の名前は[[person_name|Kyaw Min Htet|チョー・ミン・テッ]]です。[[date_of_birth|1996-07-22|1996年7月22日]]"
                "に[[country_of_origin|MM|ミャンマー]]の[[place|MM|マンダレー]]で生まれました。国籍は"
                "[[nationality|MM|ミャンマー]]で、[[ethnicity|Bamar|ビルマ族]]です。宗教は[[religion|Buddhism|仏教]]"
                "です。母語は[[language_spoken|my|ビルマ語]]で、[[language_spoken|ja|日本語]]は日常会話ができます。",
                "ja",
            ),
            P(
                "2. 家族は、父[[family_member|U Thein Maung|ウー・テイン・マウン]]、母[[family_member|Daw Khin Mya|"
                "ドー・キン・ミャ]]、兄[[family_member|Naing Min Htet|ナイン・ミン・テッ]]の三人です。両親は今も"
                "マンダレーに住んでいます。私は結婚していません。",
                "ja",
            ),
            P(
                "3. 私は[[date_of_entry|2019-04-10|2019年4月10日]]に技能実習生として来日しました。"
                "[[travel_route|Yangon > Bangkok > Osaka (Kansai)|ヤンゴンからバンコクを経由して]]"
                "[[port_of_entry|Kansai International Airport|関西国際空港]]に到着しました。その後、"
                "[[place|JP|大阪府]]内の食品工場で働いていました。",
                "ja",
            ),
            P(
                "4. [[event_date|2021-02-01|2021年2月1日]]にミャンマーで[[agent_of_persecution|Myanmar military|国軍]]"
                "がクーデターを起こしました。私は[[place|JP|東京]]と[[place|JP|大阪]]で行われた抗議デモに何度も参加し、国軍に"
                "反対するスピーチをしました。デモの写真は私の名前と一緒にインターネットに載りました。",
                "ja",
            ),
            P(
                "5. [[event_date|2021-04-05|令和3年4月5日]]、兄は職場のストライキに参加した後、マンダレーで国軍の"
                "兵士に逮捕されました。兄は今も刑務所に収容されていて、家族は面会を許されていません。",
                "ja",
            ),
            P(
                "6. [[event_date|2022-03-14|2022年3月14日]]、警察官二人と私服の男性一人が両親の家に来て、東京の"
                "デモで撮られた私の写真を見せ、私がどこにいるのかを聞きました。私が帰国したらすぐに逮捕すると"
                "言ったそうです。",
                "ja",
            ),
            P(
                "7. 私は[[event_date|2021-10-18|令和3年10月18日]]に[[prior_application|JP|一回目の難民認定申請]]"
                "をしましたが、[[event_date|2022-09-30|令和4年9月30日]]に不認定とされました。今回は二回目の"
                "申請です。",
                "ja",
            ),
            P(
                "8. ミャンマーに帰国すれば、国軍に反対する[[claimed_ground|political_opinion|政治的意見]]を理由に"
                "逮捕され、拷問を受けると思います。兄のように刑務所に入れられることを恐れています。",
                "ja",
            ),
            SPACE(10),
            L("以上のとおり相違ありません。", "ja"),
            L("令和5年2月1日", "ja", align="end"),
            L("チョー・ミン・テッ", "ja", align="end"),
        ],
        facts,
    )


def mm_form_ja(facts: FactTable) -> list[Page]:
    def row(label: str, value: str, value_lang: str = "ja") -> Row:
        return Row(label, value, "ja", value_lang)

    return render_form(
        [H("難民認定申請書", "ja", size=50), L("APPLICATION FOR RECOGNITION OF REFUGEE STATUS", align="center")],
        [
            (
                "1. 申請者 Applicant",
                "ja",
                [
                    row("氏名 Name", "[[person_name|Kyaw Min Htet|KYAW MIN HTET]]", "en"),
                    row("カナ氏名", "[[person_name|Kyaw Min Htet|チョー・ミン・テッ]]"),
                    row("性別 Sex", "男"),
                    row("生年月日 Date of birth", "[[date_of_birth|1996-07-22|平成8年7月22日]]"),
                    row("国籍 Nationality", "[[nationality|MM|ミャンマー]]"),
                    row("出生地 Place of birth", "[[place|MM|マンダレー]]"),
                    row("民族 Ethnic group", "[[ethnicity|Bamar|ビルマ族]]"),
                    row("宗教 Religion", "[[religion|Buddhism|仏教]]"),
                ],
            ),
            (
                "2. 旅券・上陸 Passport and entry",
                "ja",
                [
                    row("旅券番号 Passport no.", "[[document_number|MH482157|MH482157]]", "en"),
                    row("上陸年月日 Date of entry", "[[date_of_entry|2019-04-10|平成31年4月10日]]"),
                    row("上陸港 Port of entry", "[[port_of_entry|Kansai International Airport|関西国際空港]]"),
                    row("在留資格 Status", "技能実習"),
                    row("住所 Address in Japan", "[[place|JP|大阪府大阪市生野区桃谷2丁目4番8号]]"),
                ],
            ),
            (
                "3. 申請の内容 Claim",
                "ja",
                [
                    row("申請理由 Grounds", "[[claimed_ground|political_opinion|政治的意見]]（国軍への反対）"),
                    row("迫害の主体 Feared agent", "[[agent_of_persecution|Myanmar military|国軍]]"),
                    row(
                        "過去の申請 Previous claims",
                        "[[prior_application|JP|有]]（[[event_date|2021-10-18|令和3年10月18日]]申請、不認定）",
                    ),
                    row("家族 Family", "兄 [[family_member|Naing Min Htet|ナイン・ミン・テッ]]（拘束中）"),
                ],
            ),
        ],
        facts,
        closing=[
            SPACE(10),
            L("申請日 Date of application: 令和5年2月1日", "ja"),
            L("申請者署名 Signature: チョー・ミン・テッ", "ja"),
        ],
    )


MM_CASE = CaseSpec(
    slug="mm-sur-place-ja",
    title="Myanmar - sur place claim of a former technical intern (Japanese statement)",
    reference=MM_REF,
    description=(
        "Fictional Myanmar national who came to Japan as a technical intern in 2019 and joined protests "
        "against the military after the 2021 coup; brother detained at home, parents questioned. Second "
        "application. Japanese statement with Japanese-era and western dates, and a bilingual Japanese/English "
        "form."
    ),
    languages=["ja", "en"],
    documents=[
        DocSpec(
            "statement_ja.png",
            "statement",
            mm_statement_ja,
            rotations=(-0.8,),
            nested=[("place", "MM", "ヤンゴン"), ("place", "TH", "バンコク")],
        ),
        DocSpec("application_form_ja.png", "form", mm_form_ja, rotations=(0.5,)),
    ],
)


# ==================================================================================================
# Case 3 - Sudan, Arabic statement, form printed in English and answered in Arabic
# ==================================================================================================

SD_REF = "SAMPLE-2024-SD-0003"


def sd_statement_ar(facts: FactTable) -> list[Page]:
    return render_flow(
        [
            H("إفادة مقدم طلب اللجوء", "ar", size=50),
            SPACE(20),
            P(
                "اسمي [[person_name|Yousif Abdelrahman Haroun|يوسف عبد الرحمن هارون]]. وُلدت في "
                "[[date_of_birth|1992-02-03|٣ فبراير ١٩٩٢]] في مدينة [[place|SD|الجنينة]] بولاية "
                "[[place|SD|غرب دارفور]] في [[country_of_origin|SD|السودان]]. أنا [[nationality|SD|سوداني]] "
                "الجنسية، من قبيلة [[ethnicity|Masalit|المساليت]]، وديانتي [[religion|Islam|الإسلام]]. لغتي الأم هي "
                "[[language_spoken|mls|المساليتية]]، وأتكلم [[language_spoken|ar|العربية]] أيضاً.",
                "ar",
            ),
            P(
                "كنت أعمل معلماً للغة الإنجليزية في مدرسة ثانوية في الجنينة. منذ عام 2019 كنت عضواً في لجنة "
                "المقاومة في [[place|SD|حي الجمارك]]، وكنا نوثق الاعتداءات على المدنيين وننشرها على الإنترنت.",
                "ar",
            ),
            P(
                "في [[event_date|2023-04-24|24 أبريل 2023]] دخلت مجموعة مسلحة من "
                "[[agent_of_persecution|Rapid Support Forces|قوات الدعم السريع]] إلى حيّنا. سألوا الجيران عن "
                "أعضاء لجنة المقاومة، وقالوا إنهم يبحثون عني بالاسم.",
                "ar",
            ),
            P(
                "في [[event_date|2023-06-14|14 يونيو 2023]] عاد المسلحون إلى منزلنا. ضربوا والدي "
                "[[family_member|Abdelrahman Haroun|عبد الرحمن هارون]] أمام البيت، واعتقلوا أخي الأصغر "
                "[[family_member|Ibrahim Abdelrahman|إبراهيم]]، ثم أحرقوا المنزل. كنت في ذلك الوقت عند أحد "
                "الأصدقاء. لا نعرف حتى اليوم مكان أخي.",
                "ar",
            ),
            P(
                "في [[event_date|2023-06-16|16 يونيو 2023]] هربت مع والدتي [[family_member|Hawa Adam|حواء آدم]] "
                "وأختيّ إلى مدينة [[place|TD|أدري]] في [[place|TD|تشاد]]. هناك "
                "[[prior_application|TD|سجلت لدى المفوضية السامية للأمم المتحدة لشؤون اللاجئين]]. والدتي "
                "وأختاي ما زلن في مخيم للاجئين في تشاد.",
                "ar",
            ),
            P(
                "سافرت [[travel_route|N'Djamena > Addis Ababa > Tokyo|من انجامينا إلى أديس أبابا ثم إلى طوكيو]] "
                "بجواز سفري السوداني رقم [[document_number|P07351946|P07351946]]، بتأشيرة زيارة قصيرة حصلت "
                "عليها بدعوة من منظمة تعليمية. وصلت إلى [[port_of_entry|Haneda Airport|مطار هانيدا]] في "
                "[[date_of_entry|2024-02-02|2 فبراير 2024]].",
                "ar",
            ),
            P(
                "أطلب الحماية لأنني أخشى أن أُقتل بسبب [[claimed_ground|race|انتمائي إلى قبيلة المساليت]] وبسبب "
                "[[claimed_ground|political_opinion|نشاطي السياسي]] في لجنة المقاومة. قوات الدعم السريع تستهدف "
                "المساليت وكل من يوثق جرائمها.",
                "ar",
            ),
            P("أقر بأن المعلومات الواردة أعلاه صحيحة.", "ar"),
            SPACE(20),
            L("التوقيع: يوسف عبد الرحمن هارون", "ar"),
            L("[[place|JP|طوكيو]]، ١٠ فبراير ٢٠٢٤", "ar"),
        ],
        facts,
    )


def sd_form_mixed(facts: FactTable) -> list[Page]:
    def ar(label: str, value: str) -> Row:
        return Row(label, value, "en", "ar")

    return render_form(
        [
            H("APPLICATION FOR RECOGNITION OF REFUGEE STATUS", size=44),
            L("Please answer in your own language if you do not write English.", align="center"),
            L(f"Reference: {SD_REF}", align="center"),
        ],
        [
            (
                "1. Identity",
                "en",
                [
                    ar("Full name", "[[person_name|Yousif Abdelrahman Haroun|يوسف عبد الرحمن هارون]]"),
                    Row("Date of birth", "[[date_of_birth|1992-02-03|03/02/1992]]"),
                    ar("Place of birth", "[[place|SD|الجنينة، غرب دارفور]]"),
                    ar("Nationality", "[[nationality|SD|سوداني]]"),
                    ar("Ethnic group", "[[ethnicity|Masalit|مساليت]]"),
                    ar("Religion", "[[religion|Islam|مسلم]]"),
                ],
            ),
            (
                "2. Travel document and entry",
                "en",
                [
                    Row("Passport no.", "[[document_number|P07351946|P07351946]]"),
                    Row("Date of entry", "[[date_of_entry|2024-02-02|02/02/2024]]"),
                    ar("Port of entry", "[[port_of_entry|Haneda Airport|مطار هانيدا]]"),
                ],
            ),
            (
                "3. Family",
                "en",
                [
                    ar(
                        "Family members",
                        "والدي [[family_member|Abdelrahman Haroun|عبد الرحمن هارون]]، والدتي "
                        "[[family_member|Hawa Adam|حواء آدم]]، أخي [[family_member|Ibrahim Abdelrahman|إبراهيم]] (مفقود)",
                    ),
                ],
            ),
            (
                "4. Claim",
                "en",
                [
                    ar(
                        "Grounds claimed",
                        "[[claimed_ground|race|العرق]] و[[claimed_ground|political_opinion|الرأي السياسي]]",
                    ),
                    ar("Feared persecutor", "[[agent_of_persecution|Rapid Support Forces|قوات الدعم السريع]]"),
                    ar("Previous applications", "[[prior_application|TD|تسجيل لدى المفوضية في تشاد]] 2023"),
                ],
            ),
        ],
        facts,
        closing=[
            SPACE(10),
            L("Signature of applicant: [[person_name|Yousif Abdelrahman Haroun|Y. Haroun]]        Date: 10/02/2024"),
        ],
    )


SD_CASE = CaseSpec(
    slug="sd-masalit-ar",
    title="Sudan - Masalit teacher and resistance committee member (Arabic statement)",
    reference=SD_REF,
    description=(
        "Fictional Masalit teacher from El Geneina, West Darfur, targeted for documenting attacks; house burned, "
        "brother missing; fled to Chad, flew to Tokyo (Haneda). Arabic statement and an application form printed "
        "in English and answered in Arabic (mixed-language page)."
    ),
    languages=["ar", "en"],
    documents=[
        DocSpec(
            "statement_ar.png",
            "statement",
            sd_statement_ar,
            rotations=(1.4,),
            nested=[("place", "TD", "انجامينا"), ("place", "ET", "أديس أبابا")],
        ),
        DocSpec("application_form.png", "form", sd_form_mixed, rotations=(-1.0,)),
    ],
)


# ==================================================================================================
# Case 4 - Afghanistan, Persian statement (Solar Hijri dates) and a born-digital counsel PDF
# ==================================================================================================

AF_REF = "SAMPLE-2022-AF-0004"


def af_statement_fa(facts: FactTable) -> list[Page]:
    return render_flow(
        [
            H("اظهارنامه متقاضی پناهندگی", "fa", size=50),
            SPACE(20),
            P(
                "نام من [[person_name|Alireza Nazari|علی‌رضا نظری]] است. در تاریخ "
                "[[date_of_birth|1995-06-05|۱۵ خرداد ۱۳۷۴]] در روستای [[place|AF|سنگ‌ماشه]] در ولسوالی "
                "[[place|AF|جاغوری]]، ولایت [[place|AF|غزنی]]، [[country_of_origin|AF|افغانستان]] به دنیا آمدم. "
                "تابعیت من [[nationality|AF|افغانستانی]] است. من از قوم [[ethnicity|Hazara|هزاره]] هستم و مذهبم "
                "[[religion|Islam (Shia)|شیعه]] است. زبان مادری من [[language_spoken|prs|دری]] است.",
                "fa",
            ),
            P(
                "پدرم [[family_member|Ghulam Hussain Nazari|غلام حسین نظری]] و مادرم "
                "[[family_member|Masooma Nazari|معصومه]] در جاغوری زندگی می‌کنند. برادرم "
                "[[family_member|Mohammad Nazari|محمد]] در [[place|IR|تهران]] کارگر ساختمانی است.",
                "fa",
            ),
            P(
                "از سال ۱۳۹۶ تا ۱۴۰۰ در شهر غزنی برای یک موسسه غیردولتی کار می‌کردم که کلاس‌های سوادآموزی "
                "برای دختران برگزار می‌کرد.",
                "fa",
            ),
            P(
                "در تاریخ [[event_date|2021-08-24|۱۴۰۰/۰۶/۰۲]] افراد مسلح [[agent_of_persecution|Taliban|طالبان]] "
                "به دفتر موسسه در غزنی آمدند و پرونده‌های کارمندان، از جمله پرونده من را بردند.",
                "fa",
            ),
            P(
                "در شب [[event_date|2021-10-02|۱۰ مهر ۱۴۰۰]] طالبان به خانه ما در جاغوری آمدند و "
                "مرا به مرکز ولسوالی بردند. سه روز مرا نگه داشتند، با شلاق زدند و گفتند که من برای خارجی‌ها "
                "جاسوسی می‌کنم. پس از ضمانت ریش‌سفیدان روستا آزاد شدم.",
                "fa",
            ),
            P(
                "در [[event_date|2021-11-26|۵ آذر ۱۴۰۰]] از راه [[place|AF|سپین‌بولدک]] به [[place|PK|پاکستان]] رفتم و "
                "در [[place|PK|کویته]] نزد خویشاوندانم ماندم. در [[place|PK|اسلام‌آباد]] "
                "[[prior_application|PK|نزد کمیساریای عالی سازمان ملل برای پناهندگان ثبت نام کردم]]. سپس با "
                "پاسپورت خودم به شماره [[document_number|P03829154|P03829154]] از مسیر "
                "[[travel_route|Islamabad > Doha > Tokyo|اسلام‌آباد - دوحه - توکیو]] سفر کردم و در تاریخ "
                "[[date_of_entry|2022-05-08|۱۸ اردیبهشت ۱۴۰۱]] در "
                "[[port_of_entry|Narita International Airport|فرودگاه ناریتا]] وارد [[place|JP|ژاپن]] شدم.",
                "fa",
            ),
            P(
                "من به دلیل [[claimed_ground|race|هزاره بودن]]، [[claimed_ground|religion|مذهب شیعه]] و "
                "[[claimed_ground|political_opinion|کار با یک موسسه خارجی]] از طالبان می‌ترسم. اگر به افغانستان "
                "برگردم، مرا خواهند کشت.",
                "fa",
            ),
            SPACE(20),
            L("امضا: علی‌رضا نظری", "fa"),
            L("[[place|JP|توکیو]]، ۱۴۰۱/۰۳/۲۵", "fa"),
        ],
        facts,
    )


PDF_BLOCKS: list[Block] = [
    L("Minato Refugee Legal Support Centre (fictional organisation)", size=11, bold=True),
    L("2-8-5 Shiba, Minato-ku, Tokyo", size=10),
    SPACE(6),
    L("To: Refugee Examination Section", size=11),
    L("Date: 15 June 2022", size=11),
    L(f"Re: Application for refugee status - Mr [[person_name|Alireza Nazari|Alireza NAZARI]] - {AF_REF}", size=11),
    SPACE(4),
    L("SUBMISSION ON BEHALF OF THE APPLICANT", size=13, bold=True, align="center"),
    SPACE(4),
    P(
        "1. We act for Mr [[person_name|Alireza Nazari|Alireza NAZARI]], born on [[date_of_birth|1995-06-05|5 June "
        "1995]] ([[date_of_birth|1995-06-05|15 Khordad 1374]] in the Solar Hijri calendar) in the village of [[place|AF|Sang-e Masha]], "
        "[[place|AF|Jaghori]] district, [[place|AF|Ghazni]] province, [[country_of_origin|AF|Afghanistan]]. He is an "
        "[[nationality|AF|Afghan]] national of [[ethnicity|Hazara|Hazara]] ethnicity and a "
        "[[religion|Islam (Shia)|Shia Muslim]]. His first language is [[language_spoken|prs|Dari]].",
        size=11,
    ),
    P(
        "2. From 2017 to 2021 the applicant worked for a local non-governmental organisation running literacy "
        "classes for girls in Ghazni city.",
        size=11,
    ),
    P(
        "3. On [[event_date|2021-08-24|2 Shahrivar 1400]] ([[event_date|2021-08-24|24 August 2021]]) armed members of the "
        "[[agent_of_persecution|Taliban|Taliban]] entered the organisation's office in Ghazni and removed the staff "
        "files, including the applicant's. On [[event_date|2021-10-02|10 Mehr 1400]] ([[event_date|2021-10-02|2 October 2021]]) Taliban "
        "fighters came to the family house in Jaghori at night, took the applicant to the district centre and held "
        "him for three days. He was whipped and accused of spying for foreigners. He was released after the "
        "village elders gave a guarantee.",
        size=11,
    ),
    P(
        "4. The applicant left Afghanistan on [[event_date|2021-11-26|26 November 2021]], crossed into "
        "[[place|PK|Pakistan]] at [[place|AF|Spin Boldak]] and stayed with relatives in [[place|PK|Quetta]]. In "
        "[[place|PK|Islamabad]] he "
        "[[prior_application|PK|registered with UNHCR]] on [[event_date|2022-01-12|12 January 2022]]; he has made no "
        "other application for protection. With an invitation from a partner organisation in [[place|JP|Japan]] he "
        "obtained a "
        "visa and travelled [[travel_route|Islamabad > Doha > Tokyo|Islamabad - Doha - Tokyo]] on his own passport "
        "no. [[document_number|P03829154|P03829154]]. He arrived at "
        "[[port_of_entry|Narita International Airport|Narita International Airport]] on "
        "[[date_of_entry|2022-05-08|8 May 2022]] ([[date_of_entry|2022-05-08|18 Ordibehesht 1401]]).",
        size=11,
    ),
    BREAK(),
    P(
        "5. The applicant's father, [[family_member|Ghulam Hussain Nazari|Ghulam Hussain Nazari]], and his mother, "
        "[[family_member|Masooma Nazari|Masooma Nazari]], remain in [[place|AF|Jaghori]]. His brother "
        "[[family_member|Mohammad Nazari|Mohammad Nazari]] works in [[place|IR|Tehran]], [[place|IR|Iran]].",
        size=11,
    ),
    P(
        "6. The applicant fears persecution by the [[agent_of_persecution|Taliban|Taliban]] for reasons of his [[claimed_ground|race|race]] (Hazara "
        "ethnicity), his [[claimed_ground|religion|religion]] (Shia Islam) and the "
        "[[claimed_ground|political_opinion|political opinion imputed to him]] because of his work for an "
        "organisation funded from abroad.",
        size=11,
    ),
    P("7. Chronology (Solar Hijri dates as the applicant gives them, with the Gregorian equivalent):", size=11),
    L(
        "[[date_of_birth|1995-06-05|15 Khordad 1374]] = [[date_of_birth|1995-06-05|5 June 1995]]: birth in [[place|AF|Jaghori]]",
        size=11,
    ),
    L(
        "[[event_date|2021-08-24|2 Shahrivar 1400]] = [[event_date|2021-08-24|24 August 2021]]: office in "
        "[[place|AF|Ghazni]] searched, staff files taken",
        size=11,
    ),
    L(
        "[[event_date|2021-10-02|10 Mehr 1400]] = [[event_date|2021-10-02|2 October 2021]]: detained for three days at "
        "the district centre",
        size=11,
    ),
    L(
        "[[event_date|2021-11-26|5 Azar 1400]] = [[event_date|2021-11-26|26 November 2021]]: left "
        "[[country_of_origin|AF|Afghanistan]] for [[place|PK|Pakistan]]",
        size=11,
    ),
    L(
        "[[date_of_entry|2022-05-08|18 Ordibehesht 1401]] = [[date_of_entry|2022-05-08|8 May 2022]]: arrival at "
        "[[port_of_entry|Narita International Airport|Narita International Airport]]",
        size=11,
    ),
    SPACE(6),
    P(
        "8. Enclosed: the applicant's statement in Persian (one page). We ask that the interview be held with a "
        "[[language_spoken|prs|Dari]] interpreter.",
        size=11,
    ),
    SPACE(10),
    L("Yours faithfully,", size=11),
    L("Haruka Ueda, attorney (fictional)", size=11),
]

# Latin only: fpdf2 embeds Noto Sans CJK (CFF outlines) with an embedded Encoding CMap, and pdfminer (hence
# pdfplumber 0.11) silently drops those characters while pypdfium2 reads them. Japanese text layers are a
# separate fixture's job.
PDF_FONTS = {
    ("latin", False): ("NotoSans", "", "NotoSans-Regular.ttf", 0),
    ("latin", True): ("NotoSans", "B", "NotoSans-Bold.ttf", 0),
}


def write_pdf(path: Path, blocks: Sequence[Block], facts: FactTable) -> list[tuple[list[str], list[str]]]:
    """A born-digital A4 PDF with a real text layer (fpdf2, embedded Noto subsets), no timestamps that vary.

    Block sizes are in points. Returns, per page, the drawn lines (with fact sentinels) and the languages.
    """
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2022, 6, 15, 9, 0, tzinfo=UTC))
    pdf.set_title(f"Submission {AF_REF} (fictional sample)")
    pdf.set_author("Examiner Workbench sample generator")
    pdf.set_auto_page_break(False)
    for family, style, name, index in PDF_FONTS.values():
        pdf.add_font(family, style, str(font_path(name)), collection_font_number=index)
    left, right, top, bottom = 22.0, 210.0 - 22.0, 24.0, 297.0 - 28.0
    pages: list[tuple[list[str], list[str]]] = []
    lines: list[str] = []
    langs: list[str] = []
    y = top

    def new_page() -> None:
        nonlocal lines, langs, y
        if lines:
            pages.append((lines, langs))
        pdf.add_page()
        lines, langs, y = [], [], top

    def use(lang: Lang, size: float, bold: bool) -> None:
        family, style, _, _ = PDF_FONTS[(lang.script, bold)]
        pdf.set_font(family, style, size)

    new_page()
    for block in blocks:
        if block.kind == "break":
            new_page()
            continue
        if block.kind == "space":
            y += block.size
            continue
        lang = LANGS[block.lang]
        use(lang, block.size, block.bold)
        encoded = facts.encode(block.text)
        width = right - left
        if block.kind == "line":
            chunk = [encoded]
            if pdf.get_string_width(plain(encoded)) > width:
                raise ValueError(f"PDF line too long: {plain(encoded)!r}")
        else:
            chunk = wrap(encoded, pdf.get_string_width, lang, width)
        step = block.size * 0.3528 * 1.45  # points to mm, with leading
        for line in chunk:
            if y + step > bottom:
                new_page()
                use(lang, block.size, block.bold)
            text = plain(line)
            x = left if block.align != "center" else (left + right - pdf.get_string_width(text)) / 2
            pdf.text(x, y + block.size * 0.3528, text)
            lines.append(line)
            if block.lang not in langs:
                langs.append(block.lang)
            y += step
        y += 2.5 if block.kind == "p" else 0.0
    pages.append((lines, langs))
    total = len(pages)
    for number, (page_lines, page_langs) in enumerate(pages, start=1):
        pdf.page = number
        use(LANGS["en"], 9, False)
        footer = FOOTER_TEXT.format(page=number, pages=total)
        pdf.set_draw_color(120)
        pdf.line(left, 297 - 20, right, 297 - 20)
        pdf.text((210 - pdf.get_string_width(footer)) / 2, 297 - 14, footer)
        page_lines.append(footer)
        if "en" not in page_langs:
            page_langs.append("en")
    pdf.page = total
    pdf.output(str(path))
    return pages


def af_counsel_pdf(path: Path, facts: FactTable) -> list[tuple[list[str], list[str]]]:
    return write_pdf(path, PDF_BLOCKS, facts)


AF_CASE = CaseSpec(
    slug="af-hazara-fa",
    title="Afghanistan - Hazara NGO worker (Persian statement, counsel's PDF)",
    reference=AF_REF,
    description=(
        "Fictional Hazara Shia from Jaghori, Ghazni, detained by the Taliban for working with a girls' literacy "
        "NGO; via Pakistan (UNHCR registration) to Narita. Persian statement with Solar Hijri dates, and a "
        "born-digital two-page English PDF from counsel (real text layer) giving the Gregorian equivalents."
    ),
    languages=["fa", "en"],
    documents=[
        DocSpec(
            "statement_fa.png",
            "statement",
            af_statement_fa,
            rotations=(-1.1,),
            nested=[("place", "QA", "دوحه")],
        ),
        DocSpec(
            "counsel_submission.pdf",
            "other",
            pdf=af_counsel_pdf,
            nested=[("place", "QA", "Doha"), ("place", "JP", "Tokyo")],
        ),
    ],
)

# ==================================================================================================
# Case 5 - Pakistan, Ahmadi shopkeeper: Urdu statement (Naskh, not Nastaliq) and a photocopied ID card
# ==================================================================================================

PK_REF = "SAMPLE-2023-PK-0005"


def pk_statement_ur(facts: FactTable) -> list[Page]:
    return render_flow(
        [
            H("درخواست گزار کا بیان", "ur", size=50),
            SPACE(20),
            P(
                "میرا نام [[person_name|Naveed Ahmad Chaudhry|نوید احمد چوہدری]] ہے۔ میں "
                "[[date_of_birth|1987-11-09|9 نومبر 1987]] کو [[place|PK|ربوہ]]، ضلع [[place|PK|چنیوٹ]]، "
                "[[country_of_origin|PK|پاکستان]] میں پیدا ہوا۔ میں [[nationality|PK|پاکستانی]] شہری ہوں اور "
                "میرا تعلق [[religion|Islam (Ahmadiyya)|احمدیہ]] جماعت سے ہے۔ میری مادری زبان "
                "[[language_spoken|pa|پنجابی]] ہے اور میں [[language_spoken|ur|اردو]] بھی بولتا ہوں۔",
                "ur",
            ),
            P(
                "میرے والد [[family_member|Bashir Ahmad Chaudhry|بشیر احمد چوہدری]] ربوہ میں رہتے ہیں۔ میری "
                "بیوی [[family_member|Sadia Naveed|سعدیہ نوید]] اور ہمارے دو بچے اس وقت [[place|PK|لاہور]] میں "
                "میرے سسرال کے ساتھ رہ رہے ہیں۔",
                "ur",
            ),
            P(
                "میں لاہور میں موبائل فون کی ایک دکان چلاتا تھا۔ [[event_date|2022-03-12|12 مارچ 2022]] کو "
                "[[agent_of_persecution|religious extremist group|ایک مذہبی تنظیم]] کے لوگوں نے میری دکان کے "
                "باہر احتجاج کیا اور الزام لگایا کہ میں اپنے گاہکوں کو احمدیت کی تبلیغ کرتا ہوں۔",
                "ur",
            ),
            P(
                "[[event_date|2022-08-03|3 اگست 2022]] کو [[agent_of_persecution|police|پولیس]] نے ان لوگوں "
                "کی درخواست پر میرے خلاف دفعہ 298 سی کے تحت مقدمہ درج کیا۔ میں دو ہفتے تک رشتہ داروں کے گھر "
                "چھپا رہا۔ [[event_date|2022-09-21|21 ستمبر 2022]] کی رات نامعلوم افراد نے میری دکان کو آگ "
                "لگا دی۔",
                "ur",
            ),
            P(
                "میں نے [[event_date|2022-11-14|14 نومبر 2022]] کو لاہور سے اپنے پاسپورٹ نمبر "
                "[[document_number|AB4829163|AB4829163]] پر سفر کیا اور "
                "[[travel_route|Lahore > Bangkok > Nagoya|لاہور سے بینکاک کے راستے ناگویا]] پہنچا۔ میں "
                "[[date_of_entry|2022-11-15|15 نومبر 2022]] کو "
                "[[port_of_entry|Chubu Centrair International Airport|چوبو سینٹریئر ایئرپورٹ]] پر "
                "[[place|JP|جاپان]] میں داخل ہوا۔",
                "ur",
            ),
            P(
                "[[prior_application|none|میں نے کسی اور ملک میں پناہ کی درخواست نہیں دی]]۔",
                "ur",
            ),
            P(
                "مجھے اپنے [[claimed_ground|religion|احمدی عقیدے]] کی وجہ سے پاکستان میں جان کا خطرہ ہے۔ "
                "اگر میں واپس گیا تو مجھے گرفتار کیا جائے گا یا قتل کر دیا جائے گا۔",
                "ur",
            ),
            SPACE(20),
            L("دستخط: نوید احمد چوہدری", "ur"),
            L("[[place|JP|ناگویا]]، 2 دسمبر 2022", "ur"),
        ],
        facts,
    )


def pk_id_card(facts: FactTable) -> list[Page]:
    return id_card_copy(
        facts,
        "PAKISTAN - NATIONAL IDENTITY CARD",
        [
            [("Name", "[[person_name|Naveed Ahmad Chaudhry|Naveed Ahmad Chaudhry]]")],
            [("Father Name", "[[family_member|Bashir Ahmad Chaudhry|Bashir Ahmad Chaudhry]]")],
            [("Gender", "M"), ("Country of Stay", "[[country_of_origin|PK|Pakistan]]")],
            [("Identity Number", "[[document_number|35202-4857193-1|35202-4857193-1]]")],
            [("Date of Birth", "[[date_of_birth|1987-11-09|09.11.1987]]")],
            [("Date of Issue", "14.06.2018"), ("Date of Expiry", "14.06.2028")],
        ],
    )


PK_CASE = CaseSpec(
    slug="pk-ahmadi-ur",
    title="Pakistan - Ahmadi shopkeeper (Urdu statement)",
    reference=PK_REF,
    description=(
        "Fictional Ahmadi shopkeeper from Rabwah living in Lahore: protests at his shop, a criminal case under "
        "section 298-C, shop set on fire; flew via Bangkok to Nagoya (Chubu Centrair). Urdu statement typeset "
        "in Naskh (not Nastaliq) and a photocopied national identity card."
    ),
    languages=["ur", "en"],
    documents=[
        DocSpec(
            "statement_ur.png",
            "statement",
            pk_statement_ur,
            rotations=(0.9,),
            nested=[("place", "TH", "بینکاک")],
        ),
        DocSpec("id_card_copy.png", "id_page", pk_id_card, rotations=(-0.4,)),
    ],
)

# ==================================================================================================
# Case 6 - Turkey, the Japanese application form (Form 74, December 2023 revision), bilingual labels
# ==================================================================================================

TR_REF = "SAMPLE-2024-TR-0006"


def tr_form74_ja(facts: FactTable) -> list[Page]:
    """A filled 難民認定申請書 laid out after 法務省令様式第74号 as revised in December 2023: printed bilingual labels,
    the five-reason checkbox question (■ ticked, □ not) and the interviewer-sex preference. The layout and wording
    are this project's rendering of the form's items, not a copy of the official sheet."""

    def row(label: str, value: str, value_lang: str = "ja") -> Row:
        return Row(label, value, "ja", value_lang)

    return render_form(
        [
            H("難民認定申請書", "ja", size=50),
            L("APPLICATION FOR RECOGNITION OF REFUGEE STATUS", align="center"),
            L("別記第七十四号様式（第五十五条関係） Form 74", "ja", align="center"),
        ],
        [
            (
                "1. 申請者 Applicant",
                "ja",
                [
                    row("国籍・地域 Nationality/Region", "[[nationality|TR|トルコ]]"),
                    row("氏名 Name", "[[person_name|Rojda Yildiz|YILDIZ ROJDA]]", "en"),
                    row("性別 Sex", "女 Female"),
                    row("生年月日 Date of birth", "[[date_of_birth|1994-02-11|1994年2月11日]]"),
                    row("出生地 Place of birth", "[[place|TR|ガズィアンテップ]]"),
                    row("民族 Ethnic group", "[[ethnicity|Kurdish|クルド人]]"),
                    row("宗教 Religion", "[[religion|Islam (Alevi)|アレヴィー派]]"),
                    row("母語 Native language", "[[language_spoken|kmr|クルマンジー語]]"),
                ],
            ),
            (
                "2. 旅券・入国 Passport and entry",
                "ja",
                [
                    row("旅券番号 Passport number", "[[document_number|U28491736|U28491736]]", "en"),
                    row("入国年月日 Date of entry", "[[date_of_entry|2023-09-04|令和5年9月4日]]"),
                    row("入国港 Port of entry", "[[port_of_entry|Narita International Airport|成田空港]]"),
                    row("経由地 Route", "[[travel_route|Istanbul > Doha > Narita|イスタンブール・ドーハ経由]]"),
                ],
            ),
            (
                "3. 申請の理由 Reasons for the application",
                "ja",
                [
                    row("迫害の理由 Reasons (tick)", "■[[claimed_ground|race|人種]] □宗教 □国籍"),
                    row(
                        "（続き）",
                        "□特定の社会的集団の構成員であること ■[[claimed_ground|political_opinion|政治的意見]]",
                    ),
                    row("迫害の主体 Agent of persecution", "[[agent_of_persecution|police|警察]]"),
                    row("保護を求めたか Sought protection", "有 Yes（警察に届けたが受理されず）"),
                    row("過去の申請 Previous applications", "[[prior_application|none|無 No]]"),
                ],
            ),
            (
                "4. 面接 Interview",
                "ja",
                [
                    row("面接官の性別の希望 Interviewer", "□男性 ■女性 □希望なし"),
                    row("通訳の言語 Interpreter", "クルマンジー語"),
                ],
            ),
        ],
        facts,
        closing=[
            SPACE(10),
            L("申請日 Date of application: 令和5年10月2日", "ja"),
            L("申請者署名 Signature: YILDIZ ROJDA", "ja"),
        ],
    )


TR_CASE = CaseSpec(
    slug="tr-kurdish-form74-ja",
    title="Turkey - Kurdish applicant on the Japanese application form (Form 74)",
    reference=TR_REF,
    description=(
        "Fictional Kurdish Alevi woman from Gaziantep, Turkey; flew via Istanbul and Doha to Narita. One filled "
        "Japanese application form laid out after Form 74 (December 2023 revision) with bilingual labels, the "
        "five-reason checkbox question and the interviewer-sex preference."
    ),
    languages=["ja", "en"],
    documents=[DocSpec("application_form74_ja.png", "form", tr_form74_ja, rotations=(0.4,))],
)

CASES: list[CaseSpec] = [LK_CASE, MM_CASE, SD_CASE, AF_CASE, PK_CASE, TR_CASE]


# ==================================================================================================
# Command line
# ==================================================================================================


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the fictional sample cases and their ground truth.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: resources/samples)")
    parser.add_argument("--case", action="append", help="only this case slug (repeatable)")
    parser.add_argument("--ocr-report", action="store_true", help="run Tesseract on every image page, print CER")
    args = parser.parse_args(argv)
    selected = [c for c in CASES if not args.case or c.slug in args.case]
    if args.case and len(selected) != len(args.case):
        known = ", ".join(c.slug for c in CASES)
        parser.error(f"unknown case in {args.case}; known: {known}")
    for case in selected:
        build_case(case, args.out)
        print(f"{case.slug}: written to {args.out / case.slug}")
    if args.ocr_report:
        ocr_report(args.out, selected)
    return 0


if __name__ == "__main__":
    sys.exit(main())
