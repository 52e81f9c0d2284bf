"""Coherent surrogate values: dates shifted by one per-pack offset in their own calendar and form, numbers of the
same format, MRZ lines rebuilt with valid ICAO 9303 check digits for the surrogate name, birth date and number."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from examiner_app.extraction.facts import dates as date_rules
from examiner_app.extraction.facts.identity import mrz_check_digit

# --------------------------------------------------------------------------------------------
# Calendars
# --------------------------------------------------------------------------------------------


def from_gregorian(calendar: str, g: date) -> tuple[int, int, int]:
    """(year, month, day) of ``g`` in ``calendar`` (the inverse of the date rules' conversion)."""
    if calendar == "persian":
        from convertdate import persian

        y, m, d = persian.from_gregorian(g.year, g.month, g.day)
        return int(y), int(m), int(d)
    if calendar == "islamic":
        try:
            from hijridate import Gregorian

            h = Gregorian(g.year, g.month, g.day).to_hijri()
            return h.year, h.month, h.day
        except (ValueError, OverflowError):
            from convertdate import islamic

            y, m, d = islamic.from_gregorian(g.year, g.month, g.day)
            return int(y), int(m), int(d)
    if calendar == "ethiopian":
        from convertdate import coptic

        y, m, d = coptic.from_gregorian(g.year, g.month, g.day)
        return int(y) + 276, int(m), int(d)
    return g.year, g.month, g.day


_ERA_STARTS = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
    ("大正", date(1912, 7, 30)),
)
_ERA_ABBR = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T"}


def japanese_era(g: date) -> tuple[str, int]:
    for era, start in _ERA_STARTS:
        if g >= start:
            return era, g.year - start.year + 1
    return "大正", g.year - 1911


# Month-name tables whose names are aligned month by month (the date rules' data lists every spelling of a month,
# but not which language each belongs to).
# The languages each table is written in, in the order of _TABLES[calendar].
_TABLE_LANGS: dict[str, tuple[frozenset[str], ...]] = {
    "gregorian": tuple(
        frozenset(x.split()) for x in ("en", "en", "fr", "de", "ur", "fa prs ps", "ar", "ar", "ta", "si")
    ),
    "persian": (frozenset({"fa"}), frozenset({"prs", "ps"}), frozenset({"en"})),
    "islamic": (frozenset({"ar", "fa", "ur"}),),
}
_TABLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "gregorian": (
        tuple(
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ]
        ),
        tuple(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]),
        tuple(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ]
        ),
        tuple(
            [
                "Januar",
                "Februar",
                "März",
                "April",
                "Mai",
                "Juni",
                "Juli",
                "August",
                "September",
                "Oktober",
                "November",
                "Dezember",
            ]
        ),
        tuple(["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"]),
        tuple(
            ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"]
        ),
        tuple(
            [
                "يناير",
                "فبراير",
                "مارس",
                "أبريل",
                "مايو",
                "يونيو",
                "يوليو",
                "أغسطس",
                "سبتمبر",
                "أكتوبر",
                "نوفمبر",
                "ديسمبر",
            ]
        ),
        (
            "كانون الثاني",
            "شباط",
            "آذار",
            "نيسان",
            "أيار",
            "حزيران",
            "تموز",
            "آب",
            "أيلول",
            "تشرين الأول",
            "تشرين الثاني",
            "كانون الأول",
        ),
        tuple(["ஜனவரி", "பிப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை", "ஆகஸ்ட்", "செப்டம்பர்", "அக்டோபர்", "நவம்பர்", "டிசம்பர்"]),
        tuple(
            [
                "ජනවාරි",
                "පෙබරවාරි",
                "මාර්තු",
                "අප්\u200dරේල්",
                "මැයි",
                "ජූනි",
                "ජූලි",
                "අගෝස්තු",
                "සැප්තැම්බර්",
                "ඔක්තෝබර්",
                "නොවැම්බර්",
                "දෙසැම්බර්",
            ]
        ),
    ),
    "persian": (
        tuple(["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]),
        tuple(["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"]),
        tuple(
            [
                "Farvardin",
                "Ordibehesht",
                "Khordad",
                "Tir",
                "Mordad",
                "Shahrivar",
                "Mehr",
                "Aban",
                "Azar",
                "Dey",
                "Bahman",
                "Esfand",
            ]
        ),
    ),
    "islamic": (
        (
            "محرم",
            "صفر",
            "ربيع الأول",
            "ربيع الآخر",
            "جمادى الأولى",
            "جمادى الآخرة",
            "رجب",
            "شعبان",
            "رمضان",
            "شوال",
            "ذو القعدة",
            "ذو الحجة",
        ),
    ),
}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _month_name_in(text: str, calendar: str, language: str) -> tuple[int, int, tuple[str, ...], int] | None:
    """(start, end, table, month) of the longest aligned month name in ``text`` (the page language's table first)."""
    folded = _fold(text)
    best: tuple[int, int, tuple[str, ...], int] | None = None
    tables = list(zip(_TABLES.get(calendar, ()), _TABLE_LANGS.get(calendar, ()), strict=True))
    tables.sort(key=lambda t: language not in t[1])
    for table, _langs in tables:
        for i, name in enumerate(table):
            pos = folded.find(_fold(name))
            if pos < 0:
                continue
            end = pos + len(name)
            # a whole word: "Mar" must not be the start of "March"
            if end < len(folded) and folded[end].isalpha() and script_is_latin(name):
                continue
            if best is None or len(name) > best[1] - best[0]:
                best = (pos, end, table, i + 1)
    return best


def script_is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


def _match_case(template: str, value: str) -> str:
    if template.isupper() and len(template) > 1:
        return value.upper()
    if template[:1].isupper():
        return value[:1].upper() + value[1:]
    if template[:1].islower():
        return value[:1].lower() + value[1:]
    return value


def _digits_like(template: str, number: int, cjk: bool = False, numeric_form: bool = True) -> str:
    """``number`` written with the digits of ``template`` (Arabic-Indic, Persian, ...) and at least its width."""
    zero = ord(template[0]) - unicodedata.digit(template[0])
    # "09.11.1987" keeps two digits; "24 August" and "4月" write a day as it comes; "05 June" keeps its zero
    padded = len(template) > 1 and (unicodedata.digit(template[0]) == 0 or (numeric_form and not cjk))
    text = str(number).zfill(len(template) if padded or len(template) == 4 else 1)
    return "".join(chr(zero + int(c)) for c in text)


_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class ShiftedDate:
    original: str
    written: str  # the surrogate, in the original's calendar and form
    normalized: str  # shifted ISO (Gregorian), same precision
    calendar: str
    exact_form: bool  # False when the form could not be kept (ISO written instead)


def shift_date(text: str, match: date_rules.DateMatch, offset: int, language: str = "und") -> ShiftedDate:
    """The date ``text`` (as found by the date rules) moved by ``offset`` days, written as it was written."""
    calendar = match.calendar or "gregorian"
    precision = match.precision
    start_iso = match.normalized.split("/")[0]
    parts = [int(p) for p in start_iso.split("-")]
    if precision == "day":
        g = date(parts[0], parts[1], parts[2])
    elif precision == "month":
        g = date(parts[0], parts[1], 1) + timedelta(days=14)
    else:
        g = date(parts[0], 7, 1)
    if calendar != "gregorian" and precision != "day" and "/" in match.normalized:
        lo, hi = (date.fromisoformat(x) for x in match.normalized.split("/"))
        g = lo + (hi - lo) / 2
    new_g = g + timedelta(days=offset)
    if precision == "day":
        normalized = new_g.isoformat()
    elif precision == "month" and calendar == "gregorian":
        normalized = f"{new_g.year:04d}-{new_g.month:02d}"
    elif calendar == "gregorian":
        normalized = f"{new_g.year:04d}"
    else:
        normalized = new_g.isoformat()[: 7 if precision == "month" else 4]
    written = _rewrite(text, calendar, precision, g, new_g, language)
    if written is None:
        return ShiftedDate(text, normalized, normalized, calendar, False)
    return ShiftedDate(text, written, normalized, calendar, True)


def _rewrite(text: str, calendar: str, precision: str, old: date, new: date, language: str) -> str | None:
    oy, om, od = from_gregorian(calendar, old)
    ny, nm, nd = from_gregorian(calendar, new)
    edits: list[tuple[int, int, str]] = []
    era_written = next((e for e, _s in _ERA_STARTS if e in text), None)
    era_abbr = re.match(r"^\s*([RHST])\s?(\d{1,2})[./]", text)
    year_values = {oy: ny, oy % 100: ny % 100}
    if era_written or era_abbr:
        old_era, old_ey = japanese_era(old)
        new_era, new_ey = japanese_era(new)
        year_values = {old_ey: new_ey}
        if era_written:
            pos = text.find(era_written)
            edits.append((pos, pos + len(era_written), new_era))
            if "元" in text[pos : pos + 4]:
                p = text.find("元", pos)
                edits.append((p, p + 1, "元" if new_ey == 1 else str(new_ey)))
                year_values = {}
        elif era_abbr:
            edits.append((era_abbr.start(1), era_abbr.end(1), _ERA_ABBR[new_era]))
    month_name = _month_name_in(text, calendar, language) if precision in ("day", "month") else None
    if month_name is not None:
        start, end, table, _month = month_name
        edits.append((start, end, _match_case(text[start:end], table[nm - 1])))
    roles: dict[str, tuple[int, int]] = {}
    if year_values:
        roles["y"] = (next(iter(year_values)), year_values[next(iter(year_values))])
    if precision in ("day", "month") and month_name is None:
        roles["m"] = (om, nm)
    if precision == "day":
        roles["d"] = (od, nd)
    runs = [(m.start(), m.end(), m.group()) for m in _DIGITS.finditer(text)]
    runs = [r for r in runs if not any(s <= r[0] < e for s, e, _ in edits)]
    assigned: dict[int, str] = {}
    free = dict(roles)
    year_first = bool(runs) and len(runs[0][2]) == 4
    order = ["y", "m", "d"] if year_first else ["d", "m", "y"]
    # Unambiguous values first, then by the order the form implies.
    for idx, (_s, _e, digits) in enumerate(runs):
        value = int("".join(str(unicodedata.digit(c)) for c in digits))
        era_year = bool(era_written or era_abbr) and len(digits) <= 2
        year_like = era_year or len(digits) == (4 if value >= 100 else 2)
        two_digit_beside_four = len(digits) == 2 and any(len(r[2]) == 4 for r in runs)
        if "y" in free and value in year_values and year_like and not two_digit_beside_four:
            assigned[idx] = "y"
            free.pop("y")
            continue
        matches = [r for r, (old_v, _n) in free.items() if old_v == value and r != "y"]
        if len(matches) == 1:
            assigned[idx] = matches[0]
            free.pop(matches[0])
        elif len(matches) > 1:
            role = next(r for r in order if r in matches)
            assigned[idx] = role
            free.pop(role)
    if free and any(r != "y" or year_values for r in free):
        return None  # a part of the date was not found in the text: do not guess its form
    for idx, role in assigned.items():
        run_start, run_end, digits = runs[idx]
        new_value = roles[role][1]
        cjk = any(c in text for c in "年月日")
        edits.append((run_start, run_end, _digits_like(digits, new_value, cjk=cjk, numeric_form=month_name is None)))
    out = text
    for edit_start, edit_end, written in sorted(edits, reverse=True):
        out = out[:edit_start] + written + out[edit_end:]
    return out


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


@dataclass
class NumberSurrogates:
    """Same-format replacements (letters for letters, digits for digits, separators kept), one per real number."""

    rng: random.Random
    mapping: dict[str, str] = field(default_factory=dict)

    def surrogate(self, real: str) -> str:
        key = real.strip()
        if key in self.mapping:
            return self.mapping[key]
        for _ in range(50):
            out = []
            for i, ch in enumerate(key):
                if ch.isdigit():
                    zero = ord(ch) - unicodedata.digit(ch)
                    d = self.rng.randrange(1 if i == 0 else 0, 10)
                    while d == unicodedata.digit(ch):
                        d = self.rng.randrange(10)
                    out.append(chr(zero + d))
                elif ch.isascii() and ch.isalpha():
                    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
                    c = self.rng.choice([x for x in letters if x != ch.upper()])
                    out.append(c if ch.isupper() else c.lower())
                else:
                    out.append(ch)
            candidate = "".join(out)
            if candidate not in self.mapping.values():
                self.mapping[key] = candidate
                return candidate
        raise RuntimeError("no surrogate number found")  # pragma: no cover - 50 draws of a 5+ digit number

    def lookup(self, real: str) -> str | None:
        return self.mapping.get(real.strip())


# --------------------------------------------------------------------------------------------
# MRZ
# --------------------------------------------------------------------------------------------


def _mrz_text(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z]+", "<", ascii_text.upper()).strip("<")


def mrz_td3(
    issuing_state: str,
    surname: str,
    given: str,
    number: str,
    nationality: str,
    birth: str,
    sex: str,
    expiry: str,
    personal: str = "",
) -> tuple[str, str]:
    """The two 44-character TD3 lines with ICAO 9303 check digits (dates YYMMDD)."""
    names = f"{_mrz_text(surname)}<<{_mrz_text(given)}"
    line1 = (f"P<{issuing_state:<<3}".replace(" ", "<") + names).ljust(44, "<")[:44]
    num = re.sub(r"[^A-Z0-9]", "<", number.upper()).ljust(9, "<")[:9]
    pers = re.sub(r"[^A-Z0-9]", "<", personal.upper()).ljust(14, "<")[:14]
    pers_check = "<" if set(pers) == {"<"} else str(mrz_check_digit(pers))
    nat = nationality.ljust(3, "<")[:3]
    body = (
        num
        + str(mrz_check_digit(num))
        + nat
        + birth
        + str(mrz_check_digit(birth))
        + (sex if sex in "MFX<" else "<")
        + expiry
        + str(mrz_check_digit(expiry))
        + pers
        + pers_check
    )
    composite = body[0:10] + body[13:20] + body[21:43]
    line2 = body + str(mrz_check_digit(composite))
    return line1, line2


_LOOSE_LINE1 = re.compile(r"^[ \t]*(P\S{36,48})[ \t]*$", re.M)
_LOOSE_LINE2 = re.compile(r"^[ \t]*(\S{36,48})[ \t]*$", re.M)


def _mrz_like(line: str) -> bool:
    """Mostly MRZ characters, with fillers: OCR turns some ``<`` into ``c``, ``(`` or ``§``."""
    good = sum(c.isdigit() or "A" <= c <= "Z" or c == "<" for c in line)
    return line.count("<") >= 3 and good >= 0.8 * len(line)


@dataclass(frozen=True, slots=True)
class MrzZone:
    """A pair of MRZ-like lines in a page text (parsed leniently: OCR often breaks a check digit)."""

    start: int
    end: int
    line1: str
    line2: str

    @property
    def surname(self) -> str:
        return self.line1[5:].split("<<", 1)[0].replace("<", " ").strip()

    @property
    def given(self) -> str:
        rest = self.line1[5:].split("<<", 1)
        return re.split(r"<<|[^A-Z<]", rest[1])[0].replace("<", " ").strip() if len(rest) > 1 else ""

    def field(self, start: int, end: int) -> str:
        return self.line2[start:end].ljust(end - start, "<")


def find_mrz_zones(text: str) -> list[MrzZone]:
    out = []
    for m1 in _LOOSE_LINE1.finditer(text):
        if "<<" not in m1.group(1) or not _mrz_like(m1.group(1)):
            continue
        after = m1.end()
        while after < len(text) and text[after] == "\n":
            after += 1  # OCR may leave a blank line between the two lines
        m2 = _LOOSE_LINE2.match(text, after) if after < len(text) else None
        if m2 is None or not _mrz_like(m2.group(1)):
            continue
        line1 = re.sub(r"[^A-Z0-9<]", "<", m1.group(1))
        line2 = re.sub(r"[^A-Z0-9<]", "<", m2.group(1))
        out.append(MrzZone(m1.start(1), m2.end(1), line1, line2))
    return out


def yymmdd(d: date) -> str:
    return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"


def parse_yymmdd(value: str, *, past: bool) -> date | None:
    if not re.fullmatch(r"\d{6}", value):
        return None
    yy, mm, dd = int(value[:2]), int(value[2:4]), int(value[4:])
    year = 2000 + yy
    if past and year > date.today().year:
        year -= 100
    try:
        return date(year, mm, dd)
    except ValueError:
        return None
