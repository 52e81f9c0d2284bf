"""Identity documents: ICAO 9303 TD3 passport MRZ parsing and check digits, and the MRZ and narrative
document-number rules of the identity extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from examiner_app.domain import FactCandidate, FactField, ModelRef

from .base import (
    candidate,
    fold,
)
from .places import alpha2_for_code

# --------------------------------------------------------------------------------------------
# MRZ (ICAO 9303 TD3 passports)
# --------------------------------------------------------------------------------------------

_MRZ_VALUES = {**{str(d): d for d in range(10)}, **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}
# OCR of an MRZ: a "<" of a filler run dropped or doubled, a stray mark after the line, digits read as letters.
_MRZ_TAIL = r"[ \t.,:;|'’\"_\-]*$"
_MRZ_DIGIT = "0-9<OQDILSZBG"
_MRZ_LINE1 = re.compile(rf"^[ \t]*(P[A-Z<][A-Z<]{{3}}[A-Z<]{{30,41}}){_MRZ_TAIL}", re.M)
_MRZ_LINE2 = re.compile(
    rf"^[ \t]*([A-Z0-9<]{{9}}[{_MRZ_DIGIT}][A-Z<]{{3}}[{_MRZ_DIGIT}]{{7}}[MFX<][{_MRZ_DIGIT}]{{7}}[A-Z0-9<]{{12,16}}"
    rf"[{_MRZ_DIGIT}]{{2}}){_MRZ_TAIL}",
    re.M,
)
_MRZ_AS_DIGIT = str.maketrans("OQDILSZBG", "001152586")
_MRZ_DIGIT_POSITIONS = (9, *range(13, 20), *range(21, 28), 42, 43)


def _mrz_line2(raw: str) -> str:
    """A TD3 line 2 of 44 characters from its OCR reading: the optional-data field padded or trimmed to 14 (a
    filler ``<`` dropped or doubled) and letters in digit positions read as the digits OCR confuses them with."""
    middle = (raw[28:-2] + "<" * 14)[:14]
    line = list(raw[:28] + middle + raw[-2:])
    for i in _MRZ_DIGIT_POSITIONS:
        line[i] = line[i].translate(_MRZ_AS_DIGIT)
    return "".join(line)


def mrz_check_digit(field: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1 repeating; digits as is, A-Z = 10-35, ``<`` = 0; sum mod 10."""
    weights = (7, 3, 1)
    return sum(_MRZ_VALUES[c] * weights[i % 3] for i, c in enumerate(field)) % 10


def _check(field: str, digit: str) -> bool:
    return digit.isdigit() and mrz_check_digit(field) == int(digit) or (digit == "<" and set(field) <= {"<"})


@dataclass(frozen=True, slots=True)
class Mrz:
    """A parsed TD3 machine-readable zone; offsets index the page text."""

    line1_start: int
    line2_start: int
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str  # YYMMDD
    sex: str
    expiry_date: str
    number_ok: bool
    birth_ok: bool
    expiry_ok: bool
    composite_ok: bool
    corrected: bool = False  # read through OCR slips (a filler "<" missing or extra, O for 0 in a digit field)

    @property
    def valid(self) -> bool:
        return self.number_ok and self.birth_ok and self.expiry_ok and self.composite_ok


def parse_mrz(text: str) -> list[Mrz]:
    """Every TD3 MRZ (two 44-character lines, the second right after the first) in ``text``."""
    out: list[Mrz] = []
    for m1 in _MRZ_LINE1.finditer(text):
        m2 = _MRZ_LINE2.match(text, m1.end() + 1) if m1.end() < len(text) else None
        if m2 is None:
            continue
        l1, raw2 = m1.group(1), m2.group(1)
        l2 = _mrz_line2(raw2)
        names = l1[5:44].rstrip("<")
        surname, _, given = names.partition("<<")
        composite = l2[0:10] + l2[13:20] + l2[21:43]
        out.append(
            Mrz(
                line1_start=m1.start(1),
                line2_start=m2.start(1),
                issuing_state=l1[2:5].rstrip("<"),
                surname=surname.replace("<", " ").strip(),
                given_names=given.replace("<", " ").strip(),
                document_number=l2[0:9].rstrip("<"),
                nationality=l2[10:13].rstrip("<"),
                birth_date=l2[13:19],
                sex=l2[20],
                expiry_date=l2[21:27],
                number_ok=_check(l2[0:9], l2[9]),
                birth_ok=_check(l2[13:19], l2[19]),
                expiry_ok=_check(l2[21:27], l2[27]),
                composite_ok=_check(composite, l2[43]),
                corrected=l2 != raw2 or len(l1) != 44,
            )
        )
    return out


def _mrz_date(yymmdd: str, past: bool, today: date | None = None) -> str | None:
    """ISO date of an MRZ YYMMDD; birth dates are in the past, expiry dates within ~50 years ahead."""
    if not yymmdd.isdigit():
        return None
    today = today or date.today()
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    century = 2000 if (past and yy <= today.year % 100) or (not past and yy < 70) else 1900
    try:
        return date(century + yy, mm, dd).isoformat()
    except ValueError:
        return None


class DocumentFacts:
    """MRZ lines and document numbers stated in the narrative. A part of :class:`~.identity.IdentityExtractor`."""

    model: ModelRef
    include_relation_only: bool

    def _mrz(self, text: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        for z in parse_mrz(text):
            status = "valid" if z.valid else "invalid"
            conf = 0.95 if z.valid else 0.5
            mrz_attr = ("mrz_check", status)
            note = f"passport machine-readable zone (check digits {status})"
            if z.corrected:
                note += "; read through OCR slips (filler or letters for digits)"
            l1, l2 = z.line1_start, z.line2_start
            name_end = l1 + 5 + len(text[l1 + 5 : l1 + 44].rstrip("<"))
            if name_end > l1 + 5:
                full = " ".join(p for p in (z.given_names, z.surname) if p)
                out.append(
                    candidate(
                        text,
                        FactField.PERSON_NAME,
                        l1 + 5,
                        name_end,
                        full,
                        0.9 if z.valid else 0.5,
                        self.model,
                        note,
                        [mrz_attr, ("surname", z.surname), ("given_names", z.given_names)],
                    )
                )
            number_end = l2 + len(z.document_number)
            if z.document_number:
                c = 0.95 if z.number_ok else 0.4
                out.append(
                    candidate(
                        text,
                        FactField.DOCUMENT_NUMBER,
                        l2,
                        number_end,
                        z.document_number,
                        c,
                        self.model,
                        f"{note}; number check digit {'valid' if z.number_ok else 'invalid'}",
                        [("document_type", "passport"), mrz_attr, ("issuing_state", z.issuing_state)],
                    )
                )
            cc = alpha2_for_code(z.nationality)
            nat_attrs = [mrz_attr, ("iso3", z.nationality)]
            if cc is None:
                nat_attrs.append(("unknown_code", "not an ISO 3166 country (e.g. ICAO specimen 'UTO')"))
            out.append(
                candidate(
                    text,
                    FactField.NATIONALITY,
                    l2 + 10,
                    l2 + 10 + len(z.nationality),
                    cc,
                    conf if cc else 0.4,
                    self.model,
                    note,
                    nat_attrs,
                )
            )
            birth = _mrz_date(z.birth_date, past=True)
            if birth:
                c = 0.95 if z.birth_ok and z.valid else 0.5
                out.append(
                    candidate(
                        text,
                        FactField.DATE_OF_BIRTH,
                        l2 + 13,
                        l2 + 19,
                        birth,
                        c,
                        self.model,
                        f"{note}; birth date check digit {'valid' if z.birth_ok else 'invalid'}",
                        [mrz_attr, ("precision", "day")],
                    )
                )
            expiry = _mrz_date(z.expiry_date, past=False)
            if expiry:
                out.append(
                    candidate(
                        text,
                        FactField.DATE,
                        l2 + 21,
                        l2 + 27,
                        expiry,
                        0.9 if z.expiry_ok else 0.4,
                        self.model,
                        f"{note}; passport expiry date",
                        [mrz_attr, ("role", "document_expiry_date"), ("precision", "day")],
                    )
                )
        return out

    # -- "my own passport, number N8047312" ---------------------------------------------------
    _DOC_NARRATIVE = re.compile(
        r"(?i)(?P<kind>passport|passeport|パスポート|旅券|جواز\s*(?:ال)?سفر\S*|جواز|پاسپورت|پاسپورٹ|گذرنامه|"
        r"id card|identity card|national id|tazkira|tazkera|تذکره|بطاقة الهوية|شناختی کارڈ)"
        r"(?P<gap>[^。]{0,30}?)(?P<num>(?<![A-Za-z0-9])[A-Z]{0,3}\d[A-Z0-9\-]{4,18}(?![A-Za-z0-9]))"
    )

    def _narrative_documents(self, text: str) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        folded = fold(text)
        for m in self._DOC_NARRATIVE.finditer(folded):
            number = m.group("num")
            if sum(c.isdigit() for c in number) < 5:
                continue
            if re.search(r"\d", m.group("gap")):
                continue  # another number (a date, a count) sits between the word and this one
            kind = m.group("kind").casefold()
            passport = any(k in kind for k in ("pass", "パスポート", "旅券", "جواز", "پاسپ", "گذرنامه"))
            out.append(
                candidate(
                    text,
                    FactField.DOCUMENT_NUMBER,
                    m.start("num"),
                    m.end("num"),
                    number.upper(),
                    0.75,
                    self.model,
                    f"number after '{text[m.start('kind') : m.end('kind')]}'",
                    [("document_type", "passport" if passport else "national_id")],
                )
            )
        return out
