"""Dates as people write them, in several calendars, with the role the context gives them.

Formats: ISO ``2021-04-05`` (and ``2021/04/05``), ``dd/mm/yyyy`` ``dd.mm.yyyy`` ``dd-mm-yyyy``,
``5 April 2021`` ``April 5, 2021`` ``5th of April 2021`` ``April 2021`` (English, French, German,
Turkish month names), Arabic (Levantine, Egyptian and Maghreb month names), Persian (Gregorian,
Iranian solar and Dari/Afghan solar month names), Hijri month names, Japanese ``2021年4月5日`` and era
years (令和/平成/昭和/大正, 元年 = year 1), Ethiopic month names; digits in any script.

Calendars: Gregorian; Solar Hijri (``convertdate.persian``) for Persian/Dari/Pashto texts with years
13xx/14xx or a ``ش``/``SH`` marker; lunar Hijri (``hijridate``, Umm al-Qura; ``convertdate.islamic``
outside its range) with a ``هـ``/``AH`` marker, a Hijri month name, or a 13xx/14xx year in an Arabic
text; Ethiopian (Amete Mihret = Coptic year + 276, via ``convertdate.coptic``) with an Ethiopic
month name or the ``ዓ.ም`` marker. ``normalized`` is ISO 8601 Gregorian: ``YYYY-MM-DD``, ``YYYY-MM``
or ``YYYY`` for partial dates, and an interval ``start/end`` for a partial date of another calendar
(a Persian month does not fit a Gregorian one). Non-Gregorian dates carry ``("calendar", name)``
and ``("original", text)`` attributes.

Roles come from cue words near the date in the same sentence: labels (``Date of birth:``,
``生年月日``) count only before the date; verbs (``arrested``, ``逮捕``, ``دستگیر``) on either side,
since Japanese and Persian put the verb after the date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from examiner_app.domain import FactCandidate, FactField, PageText
from examiner_app.extraction.ocr_text import date_view

from .base import (
    Hit,
    KeywordMatcher,
    candidate,
    fold,
    is_cjk,
    language_base,
    load_data,
    nearest,
    rules_model,
    sentence_at,
    sentence_spans,
)

NAME = "dates"

# --------------------------------------------------------------------------------------------
# Month names: folded form -> (calendar, month)
# --------------------------------------------------------------------------------------------

_DATA = load_data("date_cues.json")


def _months(calendar: str) -> dict[int, list[str]]:
    return {int(m): names for m, names in _DATA["months"][calendar].items()}


_GREGORIAN_MONTHS = _months("gregorian")
_PERSIAN_MONTHS = _months("persian")
_ISLAMIC_MONTHS = _months("islamic")
_ETHIOPIAN_MONTHS = _months("ethiopian")


def _month_key(name: str) -> str:
    # ZWNJ and runs of spaces inside month names vary between writers; compare without them.
    return re.sub(r"[\s\u200c]+", " ", fold(name).lower()).strip()


_MONTHS: dict[str, tuple[str, int]] = {}
for _cal, _table in (
    ("gregorian", _GREGORIAN_MONTHS),
    ("persian", _PERSIAN_MONTHS),
    ("islamic", _ISLAMIC_MONTHS),
    ("ethiopian", _ETHIOPIAN_MONTHS),
):
    for _m, _names in _table.items():
        for _n in _names:
            _MONTHS.setdefault(_month_key(_n), (_cal, _m))

_MONTH_ALT = "|".join(re.escape(k).replace(r"\ ", r"[\s\u200c]+") for k in sorted(_MONTHS, key=len, reverse=True))
# Burmese writes a month as its name plus လ ("month"): "ဇန်နဝါရီလ".
# Burmese is written without spaces: a particle may follow the month at once ("ဒီဇင်ဘာလတွင်" = in December)
_MONTH = rf"(?P<mon>{_MONTH_ALT})(?:\u101c)?(?:(?<=[\u1000-\u109F])|(?!\w))\.?"


def _ordinal_days() -> dict[str, int]:
    """Day-of-month ordinal words (folded): Arabic "الأول", "الحادي والعشرين"; Persian/Urdu "پانزدهم", "یکم"."""
    table = _DATA["ordinal_days"]
    out: dict[str, int] = {}
    ar = table["ar"]
    for unit, words in ar["units"].items():
        for w in words:
            out[w] = int(unit)
            for suffix in ar["teen_suffix"]:
                out[f"{w} {suffix}"] = 10 + int(unit)
            for tens, tens_words in ar["tens"].items():
                for t in tens_words:
                    joined = t if t.startswith("و") else f"و{t}"
                    if int(tens) + int(unit) <= 31:
                        out[f"{w} {joined}"] = int(tens) + int(unit)
    for w in ar["ten"]:
        out[w] = 10
    for tens, tens_words in ar["tens"].items():
        for t in tens_words:
            if not t.startswith("و"):
                out[t] = int(tens)
    fa = table["fa"]
    for day, words in fa["words"].items():
        for w in words:
            out[w] = int(day)
    for unit, words in fa["units"].items():
        for w in words:
            out[w] = int(unit)
            for tens, prefixes in fa["tens_prefix"].items():
                if int(tens) + int(unit) <= 31:
                    for prefix in prefixes:
                        out[f"{prefix} {w}"] = int(tens) + int(unit)
    return {_month_key(k): v for k, v in out.items()}


_ORDINALS = _ordinal_days()
_ORDINAL_ALT = "|".join(re.escape(k).replace(r"\ ", r"[\s\u200c]+") for k in sorted(_ORDINALS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|e)?(?!\d)"
_YEAR = r"(?P<y>\d{4})(?!\d)"
_SEP = r"[\s,./\-]*"
# Not glued to a number, an ID or a word; a kanji or kana before it is a boundary, since Japanese leaves no space
# ("生年月日1983/02/27" once OCR has lost the colon).
_NOT_BEFORE = r"(?<![^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?<![/.\-])"
_NOT_AFTER = r"(?![0-9A-Za-z]|[/.\-]\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"{_NOT_BEFORE}(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d){_NOT_AFTER}")),
    (
        "dmy",
        # OCR and typists put spaces around separators: "12 / 03 / 1990"
        re.compile(
            rf"{_NOT_BEFORE}(?P<d>[0-3]?\d) ?(?P<sep>[-/.]) ?(?P<m>[0-3]?\d) ?(?P=sep) ?(?P<y>\d{{4}}){_NOT_AFTER}"
        ),
    ),
    ("d_month_y", re.compile(rf"{_NOT_BEFORE}{_DAY}\.?\s*(?:of\s+|de\s+)?{_MONTH}{_SEP}(?:de\s+)?{_YEAR}", re.I)),
    ("month_d_y", re.compile(rf"(?<!\w){_MONTH}\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d),?\s*{_YEAR}", re.I)),
    ("month_y", re.compile(rf"(?<!\w){_MONTH},?\s*(?:de\s+|of\s+)?{_YEAR}", re.I)),
    # Ordinal day words: "الأول من يناير ٢٠٠٠", "پانزدهم مهر ۱۳۷۵", "یکم جنوری 1994".
    ("ordinal", re.compile(rf"(?<!\w)(?P<ord>{_ORDINAL_ALT})(?:\s+من)?\s+{_MONTH}{_SEP}{_YEAR}", re.I)),
    # Year first (Tamil, Sinhala, Burmese, Turkish): "2021 மார்ச் 4", "1987 ஆம் ஆண்டு மே மாதம் 12 ஆம் திகதி",
    # "၁၉၉၆ ခုနှစ် ဇန်နဝါရီလ ၁၀ ရက်နေ့", "2019 Haziran".
    (
        "y_month_d",
        re.compile(
            rf"{_NOT_BEFORE}{_YEAR}\s*(?:ஆம்\s*ஆண்டு\s*|ခုနှစ်\s*)?{_MONTH}\s*(?:மாதம்\s*)?"
            r"(?P<d>[0-3]?\d)(?!\d)(?:\s*(?:ஆம்|வது)\s*(?:திகதி|தேதி)|\s*ရက်(?:နေ့)?)?",
            re.I,
        ),
    ),
    (
        "y_month",
        re.compile(rf"{_NOT_BEFORE}{_YEAR}\s*(?:ஆம்\s*ஆண்டு\s*|ခုနှစ်\s*)?{_MONTH}(?:\s*மாதம்)?", re.I),
    ),
    (
        "cjk",
        re.compile(
            # "昭和60年（1985年）4月21日": the Gregorian year in brackets belongs to the same date
            r"(?:(?P<era>令和|平成|昭和|大正)\s*(?P<ey>元|\d{1,2})\s*年(?:\s*\(\s*(?P<gy>\d{4})\s*年?\s*\))?"
            r"|(?P<y>\d{4})\s*年)"
            r"(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?"
        ),
    ),
    # A year with a word for "year" after it: "2009 ஆம் ஆண்டு", "၂၀၁၇ ခုနှစ်", "2010 yılından", "2015'te".
    (
        "year_suffix",
        re.compile(
            r"(?<![\w/.\-])(?P<y>\d{4})(?:\s*(?:ஆம்\s*)?ஆண்டு|\s*ခုနှစ်"
            r"|(?=\s+y[ıi]l[ıi]?\w*|'(?:de|da|te|ta|den|dan|ten|tan|e|a|ye|ya)\b)"
            # ... or a postposition: Urdu "۲۰۱۸ میں", Tamil "2019 இல்", Sinhala "2019 දී", "2019 වසරේ"
            r"|(?=\s*(?:م[یيى]ں|سے|ت[کك]|[کك]و|இல்|இலிருந்து|வரை|දී|වසරේ|වර්ෂයේ|සිට|දක්වා)(?![\w\u0B80-\u0BFF\u0D80-\u0DFF])))"
        ),
    ),
    # A bare year after a preposition: "in 2009", "en 2019", "در سال ۱۳۹۸", "متولد ۱۳۷۰". Only kept when a
    # role cue gives it meaning (a year alone is noise).
    (
        "year",
        re.compile(
            r"(?i)(?:\b(?:in|since|during|from|until|till|to|of|by|around|early|late|mid|after|before|year|en|depuis|"
            r"année|vers|jusqu'en|début|fin|born\s+in|né\s+en|née\s+en)|"
            r"(?<!\w)(?:في|عام|سنة|منذ|حتى|حوالي|سال|در\s+سال|از|متولد|تولد|تا|سن)|年)\s+(?:the\s+year\s+|عام\s+|سال\s+)?"
            r"(?P<y>\d{4})(?!\d|[/.\-]\d|\s*年|\s*-\s*\d)"
        ),
    ),
    (
        "era_abbr",
        re.compile(r"(?<![\w.])(?P<era>[RHS])\s?(?P<ey>\d{1,2})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?![\d.])"),
    ),
]

_ERAS = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "R": 2019, "H": 1989, "S": 1926}

# Calendar markers written right after a date (within a few characters).
_MARKER_RE = re.compile(
    r"^[\s,.()]{0,3}(?:"
    r"(?P<persian>هـ?\s*\.?\s*ش\b|هجري\s+شمسي|شمسي|SH\b|S\.H\.|H\.Sh\.)"
    r"|(?P<islamic>هـ?\s*\.?\s*ق\b|هجري\s+قمري|قمري|هجرية|هجري|الهجري|هـ|ه\b|A\.?H\.?(?!\w)|Hijri)"
    r"|(?P<ethiopian>ዓ\s*[./]?\s*ም|E\.?C\.?(?!\w))"
    r"|(?P<gregorian>ميلادي|ميلادية|م\b|A\.?D\.?(?!\w)|CE\b)"
    r")",
    re.I,
)

_PERSIAN_LANGS = frozenset({"fa", "prs", "ps", "pus", "per", "fas"})
_ARABIC_LANGS = frozenset({"ar", "ara"})
_ETHIOPIC_LANGS = frozenset({"am", "ti", "amh", "tir"})


# --------------------------------------------------------------------------------------------
# Role cues
# --------------------------------------------------------------------------------------------

LABEL, VERB = "label", "verb"
EXPIRY = "document_expiry_date"
# role -> kind -> words; "neutral" phrases contain a cue but are none ("東京入国管理局" is an office).
_ROLE_CUES: dict[tuple[str, str], list[str]] = {
    ("" if role == "neutral" else role, kind): words
    for role, kinds in _DATA["roles"].items()
    for kind, words in kinds.items()
}
_FAMILY_CUES: list[str] = _DATA["family_cues"]


def _role_matcher() -> KeywordMatcher[tuple[str, str]]:
    entries: list[tuple[str, tuple[str, str]]] = []
    for (role, kind), words in _ROLE_CUES.items():
        entries.extend((w, (role, kind)) for w in words)
    return KeywordMatcher(entries, arabic_suffixes=True)  # "اعتقلتني" = arrested me


_ROLE_MATCHER = _role_matcher()
_FAMILY_MATCHER: KeywordMatcher[str] = KeywordMatcher([(w, w) for w in _FAMILY_CUES])

_ROLE_FIELDS = {
    "date_of_birth": FactField.DATE_OF_BIRTH,
    "date_of_entry": FactField.DATE_OF_ENTRY,
    "document_issue_date": FactField.DOCUMENT_ISSUE_DATE,
    "procedural_date": FactField.PROCEDURAL_DATE,
    "event_date": FactField.EVENT_DATE,
    EXPIRY: FactField.DATE,
}


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text, before its role is decided.

    ``normalized`` is ISO 8601 (Gregorian); ``precision`` is ``day``, ``month`` or ``year``.
    ``confidence`` reflects only how sure the reading of the date itself is.
    """

    start: int
    end: int
    normalized: str
    precision: str
    calendar: str
    confidence: float
    notes: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = field(default=())


# convertdate's Solar Hijri conversion computes equinoxes astronomically (~50 ms a call): the same few years
# recur on every page, so conversions are cached.
@lru_cache(maxsize=8192)
def _to_gregorian(calendar: str, y: int, m: int, d: int) -> date | None:
    """Gregorian date of (y, m, d) in ``calendar``; ``None`` if the date does not exist there."""
    try:
        if calendar == "gregorian":
            return date(y, m, d)
        if calendar == "persian":
            from convertdate import persian

            if not (1 <= m <= 12 and 1 <= d <= (31 if m <= 6 else 30)):
                return None
            g = persian.to_gregorian(y, m, d)
            # round-trip rejects the 30th of Esfand in a common year
            return date(*g) if persian.from_gregorian(*g) == (y, m, d) else None
        if calendar == "islamic":
            if not (1 <= m <= 12 and 1 <= d <= 30):
                return None
            try:
                from hijridate import Hijri

                return Hijri(y, m, d).to_gregorian()
            except (ValueError, OverflowError):
                from convertdate import islamic

                if d == 30 and islamic.month_length(y, m) < 30:
                    return None
                return date(*islamic.to_gregorian(y, m, d))
        if calendar == "ethiopian":
            # Amete Mihret shares the Coptic calendar's months and leap rule; its years are Coptic + 276.
            from convertdate import coptic

            if not (1 <= m <= 13 and 1 <= d <= (30 if m <= 12 else 6)):
                return None
            g = coptic.to_gregorian(y - 276, m, d)
            return date(*g) if coptic.from_gregorian(*g) == (y - 276, m, d) else None
    except (ValueError, OverflowError):
        return None
    return None


@lru_cache(maxsize=4096)
def _month_range(calendar: str, y: int, m: int | None) -> str | None:
    """ISO interval of a partial non-Gregorian date (a month, or a year when ``m`` is None)."""
    months = 13 if calendar == "ethiopian" else 12
    first = _to_gregorian(calendar, y, m or 1, 1)
    last_month = m or months
    last = None
    for d in (31, 30, 29, 6, 5):
        last = _to_gregorian(calendar, y, last_month, d)
        if last is not None:
            break
    if first is None or last is None:
        return None
    return f"{first.isoformat()}/{last.isoformat()}"


def _calendar_for(
    year: int, folded: str, end: int, month_calendar: str | None, language: str, original: str
) -> tuple[str, str, int]:
    """(calendar, reason, marker_end) for a date; ``reason`` is "" when the calendar is certain.

    ``calendar`` is ``""`` when the date cannot be placed (a 14xx year in an English text).
    """
    marker = _MARKER_RE.match(folded[end : end + 16])
    marker_end = end
    if marker:
        marker_end = end + marker.end()
        for cal in ("persian", "islamic", "ethiopian", "gregorian"):
            if marker.group(cal):
                if month_calendar and month_calendar != cal and month_calendar != "gregorian":
                    break
                return cal, "", marker_end
    if month_calendar and month_calendar != "gregorian":
        return month_calendar, "", end
    if 1800 <= year <= 2100:
        if language in _ETHIOPIC_LANGS and month_calendar is None:
            return "gregorian", "read as Gregorian; Ethiopian-calendar dates are written with ዓ.ም", end
        return "gregorian", "", end
    if 1300 <= year <= 1499 and month_calendar is None:
        persian_digits = any("\u06f0" <= c <= "\u06f9" for c in original)
        arabic_digits = any("\u0660" <= c <= "\u0669" for c in original)
        if language in _PERSIAN_LANGS or persian_digits:
            return "persian", "year 13xx/14xx in a Persian/Dari text: read as Solar Hijri", end
        if language in _ARABIC_LANGS or arabic_digits or language == "ur":
            return "islamic", "year 13xx/14xx in an Arabic-script text: read as lunar Hijri", end
    if 1300 <= year <= 1499 and month_calendar == "gregorian":
        return "", "", end
    return "", "", end


def find_dates(text: str, language: str = "und") -> list[DateMatch]:
    """Every date in ``text``, longest reading first when readings overlap, in text order."""
    folded = date_view(fold(text), source=text)  # same length: OCR's letters for digits and stray bars read through
    lang = language_base(language)
    raw: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        if kind == "era_abbr" and lang != "ja":
            continue  # "H1.1.8" is only a Heisei date in a Japanese document
        for m in pattern.finditer(folded):
            parsed = _parse(kind, m, folded, text, lang)
            if parsed is not None:
                raw.append(parsed)
    # Keep the longest reading of any stretch: "5 April 2021" over "April 2021".
    raw.sort(key=lambda d: (-(d.end - d.start), -d.confidence, d.start))
    kept: list[DateMatch] = []
    for d in raw:
        if all(d.end <= k.start or d.start >= k.end for k in kept):
            kept.append(d)
    kept.sort(key=lambda d: d.start)
    return _with_relative_dates(text, folded, kept)


def _relative_alternation(phrases: Sequence[str]) -> str:
    parts = []
    for phrase in sorted({_month_key(p) for p in phrases}, key=len, reverse=True):
        body = re.escape(phrase).replace(r"\ ", r"[\s\u200c]+")
        parts.append(body if is_cjk(phrase[0]) else rf"(?<!\w){body}(?!\w)")
    return "|".join(parts)


_RELATIVE_RE = re.compile(
    rf"(?P<same>{_relative_alternation(_DATA['relative_days']['same'])})"
    rf"|(?P<next>{_relative_alternation(_DATA['relative_days']['next'])})"
    r"|(?P<ja>同年|翌年)\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?"
    r"|同月\s*(?P<md>\d{1,2})\s*日",
    re.I,
)


def _with_relative_dates(text: str, folded: str, kept: list[DateMatch]) -> list[DateMatch]:
    """Add dates written relative to the one before them: "the same day", "the next day", "同年7月5日", "翌日".

    Each is resolved against the nearest date written before it (a Gregorian day, or for 同年 any
    Gregorian date); it carries a note naming that date and a lower confidence, since the writer's
    reference point is an inference.
    """
    out = list(kept)
    for m in _RELATIVE_RE.finditer(folded):
        if any(not (m.end() <= k.start or m.start() >= k.end) for k in out):
            continue
        before = [k for k in out if k.end <= m.start() and "/" not in k.normalized]
        if not before:
            continue
        anchor = max(before, key=lambda k: k.end)
        anchor_text = text[anchor.start : anchor.end]
        try:
            if m.group("same") or m.group("next"):
                if anchor.precision != "day":
                    continue
                day = date.fromisoformat(anchor.normalized)
                if m.group("next"):
                    day = date.fromordinal(day.toordinal() + 1)
                normalized, precision = day.isoformat(), "day"
            elif m.group("ja"):
                year = int(anchor.normalized[:4]) + (1 if m.group("ja") == "翌年" else 0)
                month = int(m.group("m"))
                if m.group("d"):
                    normalized, precision = date(year, month, int(m.group("d"))).isoformat(), "day"
                elif 1 <= month <= 12:
                    normalized, precision = f"{year:04d}-{month:02d}", "month"
                else:
                    continue
            else:
                if anchor.precision == "year":
                    continue
                y, mo = int(anchor.normalized[:4]), int(anchor.normalized[5:7])
                normalized, precision = date(y, mo, int(m.group("md"))).isoformat(), "day"
        except ValueError:
            continue
        out.append(
            DateMatch(
                m.start(),
                m.end(),
                normalized,
                precision,
                "gregorian",
                0.7,
                (f"relative date: resolved against '{anchor_text}', the date written before it",),
                (("precision", precision), ("relative_to", anchor_text)),
            )
        )
        out.sort(key=lambda d: d.start)
    return out


def _parse(kind: str, m: re.Match[str], folded: str, text: str, lang: str) -> DateMatch | None:
    groups = m.groupdict()
    notes: list[str] = []
    month_calendar: str | None = None
    confidence = 0.95
    if kind in ("cjk", "era_abbr"):
        era = groups.get("era")
        if era:
            ey = groups["ey"]
            year = _ERAS[era] + (1 if ey == "元" else int(ey)) - 1
            notes.append(f"Japanese era {era}{ey}年 = {year}")
            if groups.get("gy") and int(groups["gy"]) != year:
                notes.append(f"the Gregorian year written beside it ({groups['gy']}) disagrees")
                confidence = 0.6
        else:
            year = int(groups["y"])
            if not 1800 <= year <= 2100:
                return None
        month = int(groups["m"]) if groups.get("m") else None
        day = int(groups["d"]) if groups.get("d") else None
        if kind == "era_abbr":
            confidence = 0.8
        return _build(m, text, folded, year, month, day, "gregorian", "", confidence, notes, m.end(), lang)
    if kind in ("year", "year_suffix"):
        year = int(groups["y"])
        calendar, reason, marker_end = _calendar_for(year, folded, m.end(), None, lang, text[m.start("y") : m.end()])
        if not calendar:
            return None
        if reason:
            notes.append(reason)
        return _build(
            m, text, folded, year, None, None, calendar, reason, 0.75, notes, marker_end, lang, start=m.start("y")
        )
    if kind in ("iso", "dmy"):
        year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
        if kind == "dmy" and month > 12 and day <= 12:
            month, day = day, month  # 04/23/2021: only month/day makes sense
            notes.append("read as month/day/year: the second number is over 12")
            confidence = 0.85
        elif kind == "dmy" and day <= 12 and month <= 12 and day != month:
            notes.append(f"ambiguous: read as day/month ({day}/{month}); could be month/day")
            confidence = 0.6
        elif kind == "dmy":
            confidence = 0.9
    else:
        year = int(groups["y"])
        month_key = _month_key(groups["mon"])
        if kind == "y_month" and month_key.isascii() and lang != "tr":
            return None  # "2019 May" in English is more often two things than one date
        month_calendar, month = _MONTHS[month_key]
        day = int(groups["d"]) if groups.get("d") else None
        if kind == "ordinal":
            day = _ORDINALS[_month_key(groups["ord"])]
            notes.append(f"day written as an ordinal word ({day})")
        if kind in ("month_y", "y_month"):
            confidence = 0.85
    calendar, reason, marker_end = _calendar_for(year, folded, m.end(), month_calendar, lang, text[m.start() : m.end()])
    if not calendar:
        return None
    if month_calendar == "gregorian" and calendar != "gregorian" and kind != "iso":
        return None  # "5 April 1400 هـ" mixes calendars: not a date we can trust
    if reason:
        notes.append(reason)
        strong = (
            calendar == "persian"
            and lang in _PERSIAN_LANGS
            and any("\u06f0" <= c <= "\u06f9" for c in text[m.start() : m.end()])
        )
        confidence = min(confidence, 0.85 if strong else 0.7)
    return _build(m, text, folded, year, month, day, calendar, reason, confidence, notes, marker_end, lang)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",("):
        end -= 1
    return end


def _build(
    m: re.Match[str],
    text: str,
    folded: str,
    year: int,
    month: int | None,
    day: int | None,
    calendar: str,
    reason: str,
    confidence: float,
    notes: list[str],
    end: int,
    lang: str,
    start: int | None = None,
) -> DateMatch | None:
    start = m.start() if start is None else start
    if month is not None and not 1 <= month <= (13 if calendar == "ethiopian" else 12):
        return None
    if day is not None and month is not None:
        g = _to_gregorian(calendar, year, month, day)
        if g is None:
            return None
        normalized, precision = g.isoformat(), "day"
    elif calendar == "gregorian":
        normalized = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
        precision = "month" if month else "year"
    else:
        interval = _month_range(calendar, year, month)
        if interval is None:
            return None
        normalized, precision = interval, ("month" if month else "year")
    if not 1900 <= int(normalized[:4]) <= 2100:
        return None  # refugee case files speak of living people and recent events
    if precision == "year":
        confidence = min(confidence, 0.75)
    attributes: list[tuple[str, str]] = [("precision", precision)]
    if calendar != "gregorian":
        # The marker ("هـ", "ዓ.ም") belongs to what was written; include it in the cited span.
        end = max(end, m.end())
        end = _trim_end(text, start, end)
        attributes += [("calendar", calendar), ("original", text[start:end])]
        notes.append(f"{calendar} calendar date converted to Gregorian")
    else:
        end = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return DateMatch(start, end, normalized, precision, calendar, confidence, tuple(notes), tuple(attributes))


# --------------------------------------------------------------------------------------------
# Roles and the extractor
# --------------------------------------------------------------------------------------------


_CLAUSE_BREAK = re.compile(r"[,،;؛]|\b(?:and|then|et|puis|ensuite)\b|(?<!\w)(?:ثم|و)|(?<!\w)و(?=\w)", re.I)
_SUBORDINATOR = re.compile(r"(?i)\b(?:after|before|après|avant)\b|(?<!\w)(?:بعد|قبل)(?!\w)")
_VERB_FINAL = frozenset({"fa", "prs", "ps", "ur", "ja", "ko", "tr", "ta", "si", "my", "am", "ti", "hi", "ne", "bn"})


_CONVERB = re.compile(r"(?:[ae]r[ae]k|[ıiuü]p)$", re.I)


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isalpha():
        pos += 1
    return pos


def _role_for(
    text: str,
    match: DateMatch,
    cues: Sequence[Hit[tuple[str, str]]],
    sentence: tuple[int, int],
    others: Sequence[DateMatch],
    lang: str = "und",
) -> tuple[str | None, str, float]:
    """(role, cue text, role confidence) of a date from the nearest cue in its sentence.

    Labels count only before the date (within 40 characters); verbs on either side (70 before, 100
    after: Japanese, Persian and Urdu put the verb at the end of a long sentence). A cue with another
    date between it and this one belongs to that other date.
    """
    a, b = sentence

    def free(h: Hit[tuple[str, str]]) -> bool:
        lo, hi = (h.end, match.start) if h.end <= match.start else (match.end, h.start)
        if any(lo <= o.start and o.end <= hi for o in others if o is not match):
            return False
        if lang not in _VERB_FINAL and h.start >= match.end and h.payload[1] == VERB:
            # "left Cairo on 10 December and arrived in London the same day": a verb that opens a new
            # clause after this date belongs to the date that follows it in that clause.
            later = [o for o in others if o.start >= h.end and o.start <= b]
            if later and _CLAUSE_BREAK.search(text[match.end : h.start + 1]):
                return False
        return True

    in_sentence = [h for h in cues if h.start >= a and h.end <= b and free(h)]
    labels = [h for h in in_sentence if h.payload[1] == LABEL]
    verbs = [h for h in in_sentence if h.payload[1] == VERB]
    best_label = nearest(labels, match.start, match.end, before=40, after=-1)
    best_verb = nearest(verbs, match.start, match.end, before=70, after=100)
    if lang in _VERB_FINAL:
        # Persian, Urdu, Japanese...: the verb of the date's clause comes after it, so a verb after the
        # date is the better cue unless one before is much closer.
        after = [h for h in verbs if h.start >= match.end]
        # a Turkish converb ("geçerek" = by crossing) is subordinate: the finite verb after it tells the moment
        main = [h for h in after if not _CONVERB.search(text, h.start, _word_end(text, h.end))]
        after = main if main and len(main) < len(after) and lang == "tr" else after
        best_after = nearest(after, match.start, match.end, before=-1, after=100)
        # A verb just before the date usually ends the previous clause ("...kaçtım ve 2 Şubat 2022'de ... girdim").
        if best_after is not None and (best_verb is None or best_after[1] * 0.4 <= best_verb[1] + 15):
            best_verb = (best_after[0], int(best_after[1] * 0.4))
    else:
        # English, French, Arabic: a verb after the date across a clause break ("in 2016 but I left") or
        # after a subordinator ("le 19 mai, après avoir traversé") tells of another moment.
        before_hits = [h for h in verbs if h.end <= match.start]
        best_before = nearest(before_hits, match.start, match.end, before=70, after=-1)
        if best_verb is not None and best_before is not None and best_verb[0].start >= match.end:
            gap = text[match.end : best_verb[0].start]
            if _CLAUSE_BREAK.search(gap) or _SUBORDINATOR.search(gap) or re.search(r"(?i)\bbut\b|\bmais\b", gap):
                best_verb = best_before
    # A label right before the date beats any verb: "Date of birth: ..., arrested ..."
    choice = best_label
    if choice is None or (best_verb is not None and best_verb[1] + 12 < choice[1]):
        choice = best_verb
    if choice is None:
        return None, "", 0.8
    hit, distance = choice
    role_conf = 1.0 if distance <= 4 else 0.95 if distance <= 20 else 0.85 if distance <= 45 else 0.7
    return hit.payload[0], text[hit.start : hit.end], role_conf


def _label_line_roles(
    text: str, matches: Sequence[DateMatch], cues: Sequence[Hit[tuple[str, str]]]
) -> dict[int, tuple[str, str]]:
    """Roles for dates under a line of labels (passports, ID cards: "Date of issue  Date of expiry").

    When the line above holds only labels and the date's line holds as many dates, they pair up in order.
    """
    roles: dict[int, tuple[str, str]] = {}
    by_line: dict[int, list[DateMatch]] = {}
    for dm in matches:
        by_line.setdefault(text.rfind("\n", 0, dm.start) + 1, []).append(dm)
    for line_start, dates in by_line.items():
        if line_start == 0:
            continue
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start : line_start - 1]
        labels = [h for h in cues if prev_start <= h.start and h.end <= line_start - 1 and h.payload[1] == LABEL]
        if not labels:
            continue
        rest = prev
        for h in labels:
            rest = rest.replace(text[h.start : h.end], "")
        # Other words on the label line ("Place of birth") are fine; a sentence is not.
        if len(rest.split()) > 4 or any(c.isdigit() for c in rest):
            continue
        date_labels = [h for h in labels if "date" in text[h.start : h.end].casefold() or not text[h.start].isascii()]
        date_labels = date_labels or labels
        if len(date_labels) == len(dates):
            for h, dm in zip(date_labels, dates, strict=True):
                roles[dm.start] = (h.payload[0], text[h.start : h.end])
        elif len(date_labels) == 1 and len(dates) >= 1:
            roles[dates[0].start] = (date_labels[0].payload[0], text[date_labels[0].start : date_labels[0].end])
    return roles


def _date_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans for role cues; the Burmese full stop ``။`` also ends a sentence here."""
    out: list[tuple[int, int]] = []
    for a, b in sentence_spans(text):
        start = a
        for m in re.finditer("\u104b", text[a:b]):
            end = a + m.end()
            if end > start:
                out.append((start, end))
            start = end
            while start < b and text[start].isspace():
                start += 1
        if start < b:
            out.append((start, b))
    return out


_LABEL_BEFORE = re.compile(r"[:：]\s*$")
_JA_NARRATIVE = re.compile(r"ました|した|された|れた|ている|ていた|てい|来て|です|でした")
_PRONOUNS = re.compile(
    r"(?i)\b(?:i|we|my|our|me|he|she|they|his|her|their|them|him|je|j'|nous|il|elle|ils|elles|mon|ma|mes|"
    r"the applicant|the applicant's|the claimant)\b"
)
_EQUIVALENT_GAP = re.compile(r"\s*(?:[(（=]|/|,\s*i\.e\.)\s*$|\s*$")


# "from 2012 to 2017", "2012–2017", "2012'den 2016'ya kadar", "2012年から2017年まで", "از ۱۳۹۵ تا ۱۴۰۰"
_RANGE_GAP = re.compile(
    r"\s*(?:-|–|—|/|to|until|till|through|and|à|au|et|jusqu'(?:à|en|au)|['’]?(?:den|dan|ten|tan)|から|より|～|〜|"
    r"تا|الى|إلى|حتى|و|முதல்|தொடக்கம்|සිට|မှ)\s*",
    re.I,
)


def _ranges(text: str, matches: Sequence[DateMatch]) -> dict[int, int]:
    """The two ends of a span of time share a role: maps each end's start to the other's."""
    pairs: dict[int, int] = {}
    for first, second in zip(matches, matches[1:], strict=False):
        if _RANGE_GAP.fullmatch(text[first.end : second.start]):
            pairs[first.start], pairs[second.start] = second.start, first.start
    return pairs


def _equivalents(text: str, matches: Sequence[DateMatch]) -> dict[int, int]:
    """Pairs of the same day written twice: "2 Shahrivar 1400 (24 August 2021)", "15 Khordad 1374 = 5 June 1995".

    Maps the start of each date to the start of its twin; the twins share a role.
    """
    pairs: dict[int, int] = {}
    for first, second in zip(matches, matches[1:], strict=False):
        if first.normalized != second.normalized or first.calendar == second.calendar:
            continue
        if _EQUIVALENT_GAP.fullmatch(text[first.end : second.start]):
            pairs[first.start], pairs[second.start] = second.start, first.start
    return pairs


def _is_narrative(text: str, sentence: tuple[int, int], dm: DateMatch, lang: str) -> bool:
    """Does the date sit in a sentence that tells something (not a letterhead, label or signature)?"""
    a, b = sentence
    if _LABEL_BEFORE.search(text[max(a, dm.start - 4) : dm.start]):
        return False
    rest = (text[a : dm.start] + " " + text[dm.end : b]).strip()
    if lang in ("ja", "zh"):
        return len(rest) >= 12 and bool(_JA_NARRATIVE.search(rest))
    words = rest.split()
    if len(words) < 5:
        return False
    if rest.isascii() or lang in ("en", "fr", "de", "es", "it"):
        return bool(_PRONOUNS.search(rest))
    return True


_QUESTION_END = re.compile(r"[?？؟]\s*$")
_JA_BORN_AFTER = re.compile(r"^\s*(?:生まれ|生[)）\s、,])")


def _question_roles(
    text: str, matches: Sequence[DateMatch], cues: Sequence[Hit[tuple[str, str]]]
) -> dict[int, tuple[str, str]]:
    """Roles for the first date of an answer from the question just before it ("Q: When were you born?")."""
    roles: dict[int, tuple[str, str]] = {}
    seen_lines: set[int] = set()
    for dm in matches:
        line_start = text.rfind("\n", 0, dm.start) + 1
        if line_start in seen_lines or line_start == 0:
            continue
        seen_lines.add(line_start)
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        if not _QUESTION_END.search(text[prev_start:prev_end]):
            continue
        hits = [h for h in cues if prev_start <= h.start and h.end <= prev_end and h.payload[0]]
        roles_named = {h.payload[0] for h in hits}
        if len(roles_named) == 1:
            h = hits[0]
            roles[dm.start] = (h.payload[0], text[h.start : h.end])
    return roles


class DateExtractor:
    """Rule-based dates in many scripts and calendars; see the module docstring."""

    name = NAME

    def __init__(self) -> None:
        self.model = rules_model(NAME)

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        text = page.text
        matches = find_dates(text, language)
        if not matches:
            return []
        spans = _date_sentences(text)
        cues = _ROLE_MATCHER.find_in(text)
        family = _FAMILY_MATCHER.find_in(text)
        above = _label_line_roles(text, matches, cues)
        asked = _question_roles(text, matches, cues)
        twins = _equivalents(text, matches)
        lang = language_base(language)
        roles = {
            dm.start: _role_for(text, dm, cues, sentence_at(spans, dm.start, dm.end), matches, lang) for dm in matches
        }
        inherited: set[int] = set()
        for start, twin in [*twins.items(), *_ranges(text, matches).items()]:
            if roles[start][0] is None and roles[twin][0] is not None:
                roles[start] = roles[twin]
                inherited.add(start)
        out: list[FactCandidate] = []
        for dm in matches:
            sentence = sentence_at(spans, dm.start, dm.end)
            role, cue, role_conf = roles[dm.start]
            where = "next to"
            if not role and dm.start in above:
                (role, cue), role_conf, where = above[dm.start], 0.9, "under the label"
            if not role and dm.start in asked:
                (role, cue), role_conf, where = asked[dm.start], 0.85, "in the answer to a question about"
            if lang == "ja" and _JA_BORN_AFTER.match(text[dm.end : dm.end + 4]) and role != "date_of_birth":
                role, cue, role_conf, where = "date_of_birth", text[dm.end : dm.end + 1], 0.9, "followed by"
            narrative = False
            if not role and dm.precision in ("day", "month") and _is_narrative(text, sentence, dm, lang):
                # "On 12 September 2021 two men came to our office": a dated happening with no event word
                role, role_conf, narrative = "event_date", (0.6 if dm.precision == "day" else 0.55), True
            if dm.precision == "year" and role_conf < 0.85:
                role = None  # a bare year is tied to a cue only when the cue is close to it
            field = _ROLE_FIELDS.get(role, FactField.DATE) if role else FactField.DATE
            if field is FactField.DATE and dm.precision == "year":
                continue  # a bare year with no role is noise for the examiner
            notes = list(dm.notes)
            attributes = list(dm.attributes)
            confidence = dm.confidence * role_conf
            if narrative:
                notes.insert(0, "date in a narrative sentence with no event word nearby")
            elif role:
                notes.insert(0, f"date {where} '{cue}'")
                if dm.start in inherited:
                    notes.insert(1, "same day as the date written beside it")
                if role == EXPIRY:
                    attributes.append(("role", EXPIRY))
            else:
                notes.insert(0, "date with no role cue nearby")
            if field is FactField.DATE_OF_BIRTH:
                # "My brother was born on ..." is someone else's birth date.
                near_family = [h for h in family if sentence[0] <= h.start and h.end <= dm.start]
                if near_family:
                    attributes.append(("subject", "family_member"))
                    rel = text[near_family[-1].start : near_family[-1].end]
                    notes.append(f"sentence names a relative ('{rel}'): may not be the applicant's")
                    confidence *= 0.6
            out.append(
                candidate(
                    text, field, dm.start, dm.end, dm.normalized, confidence, self.model, "; ".join(notes), attributes
                )
            )
        return _last_arrival_is_entry(text, out, spans)


# Searched within one sentence, so a line break is a wrap (scans) and a dot glued to a word ("and.asked") is
# an OCR speck, not a full stop.
_IN_SENTENCE = r"(?:[^.]|\.(?=\w))"
_FLIGHT_TO_AIRPORT = re.compile(
    rf"(?i)\b(?:flew|flown|landed)\b{_IN_SENTENCE}{{0,80}}?\bto\b{_IN_SENTENCE}{{0,60}}?\b(?:airport|aéroport)\b"
)


def _last_arrival_is_entry(
    text: str, found: list[FactCandidate], spans: Sequence[tuple[int, int]]
) -> list[FactCandidate]:
    """One journey, one entry: of several arrivals told with a verb, the latest is the entry into the host country.

    "entered Turkey on 11 September ... and then entered the Netherlands on 15 November": the earlier arrival
    is a transit (an event date). A label ("Date of entry:") is never overridden. When nothing names an
    arrival, a flight to an airport ("on 16 February 2021 I flew from Nairobi to ... Airport") is offered as
    the entry at a lower confidence.
    """
    entries = [c for c in found if c.field is FactField.DATE_OF_ENTRY and "/" not in (c.normalized or "/")]
    if not entries:
        flights = []
        for c in found:
            if c.field is not FactField.EVENT_DATE or c.attributes and ("precision", "day") not in c.attributes:
                continue
            a, b = sentence_at(spans, c.start, c.end)
            if _FLIGHT_TO_AIRPORT.search(text[a:b]):
                flights.append(c)
        if not flights:
            return found
        last = max(flights, key=lambda c: (c.normalized or "", c.start))
        note = "flight to an airport, the last journey told: probably the entry into the host country; " + last.note
        promoted = replace(last, field=FactField.DATE_OF_ENTRY, confidence=round(last.confidence * 0.75, 3), note=note)
        return [promoted if c is last else c for c in found]
    verb_cued = [c for c in entries if c.note.startswith("date next to")]
    if len(verb_cued) < 2:
        return found
    latest = max(c.normalized or "" for c in verb_cued)
    out: list[FactCandidate] = []
    for c in found:
        if c in verb_cued and (c.normalized or "") < latest:
            c = replace(
                c,
                field=FactField.EVENT_DATE,
                confidence=round(c.confidence * 0.85, 3),
                note="an earlier arrival (transit): a later one is told; " + c.note,
            )
        out.append(c)
    return out


__all__ = ["DateExtractor", "DateMatch", "find_dates"]
