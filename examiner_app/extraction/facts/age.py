"""A date of birth stated as an age at a date: "aged 23 in 2019", "23 years old in March 2019", "âgé de 23 ans en
2019". Long decisions and interview summaries give the age more often than the date.

The suggestion is the span of the age phrase, ``date_of_birth`` with the two possible birth years as an ISO
interval (``1995/1996``: 23 in 2019 means born in 1995 or 1996), at moderate confidence and with a note that it
is computed. An age given for a relative ("his brother, aged 30 in 2019") is not the applicant's and is left out.
"""

from __future__ import annotations

import re

from examiner_app.domain import FactCandidate, FactField, PageText

from .base import candidate, language_base, rules_model

NAME = "age"

_MONTH = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"(?i)\b(?:aged\s+(?P<a1>\d{1,2})(?:\s+years)?|(?P<a2>\d{1,2})\s+years?\s+old|who\s+was\s+(?P<a3>\d{1,2}))"
        rf"\s*,?\s+(?:in|at\s+the\s+time\s*,?\s*in|as\s+of)\s+{_MONTH}(?P<y>(?:19|20)\d\d)\b"
    ),
    "fr": re.compile(
        r"(?i)\b(?:âgée?\s+de\s+(?P<a1>\d{1,2})\s+ans|(?P<a2>\d{1,2})\s+ans)\s*,?\s+en\s+(?P<y>(?:19|20)\d\d)\b"
    ),
}
_RELATIVE_BEFORE = re.compile(
    r"(?i)\b(?:brother|sister|father|mother|son|daughter|wife|husband|uncle|aunt|cousin|child|nephew|niece|"
    r"frère|sœur|soeur|père|mère|fils|fille|épouse|mari)\b[^.;\n]{0,25}$"
)


class AgeExtractor:
    """Dates of birth computed from an age at a year, in English and French."""

    name = NAME

    def __init__(self) -> None:
        self.model = rules_model(NAME)

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        pattern = _PATTERNS.get(language_base(language))
        if pattern is None:
            return []
        text = page.text
        out: list[FactCandidate] = []
        for m in pattern.finditer(text):
            age = int(next(g for g in (m.group("a1"), m.group("a2"), m.groupdict().get("a3")) if g))
            year = int(m.group("y"))
            if not 10 <= age <= 99 or _RELATIVE_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            born = year - age
            out.append(
                candidate(
                    text,
                    FactField.DATE_OF_BIRTH,
                    m.start(),
                    m.end(),
                    f"{born - 1}/{born}",
                    0.55,
                    self.model,
                    f"computed from the age stated: {age} in {year} means born in {born - 1} or {born}",
                    [("precision", "year"), ("computed", "age")],
                )
            )
        return out
