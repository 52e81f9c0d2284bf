"""Citations of COI passages in the EUAA COI referencing style.

EUAA reports reference a source as *Source, Title, date, URL* and point into it with the page
(and paragraph where that helps); the full entry of the bibliography spells the source out::

    short:  NRDC, Sri Lanka: Situation of Tamils and Returnees (Update), 10 June 2024, url, p. 3, para. 2
    full:   NRDC (Northmere Refugee Documentation Centre), Sri Lanka: Situation of Tamils and Returnees
            (Update), 10 June 2024, https://..., p. 3, para. 2

Every part is always present: a report without a URL says "no URL recorded" rather than
dropping the part, so a reader sees that it is missing rather than wondering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from examiner_app.coi.types import CoiPassage, CoiReport

NO_URL = "no URL recorded"
_MONTHS = (
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
)


def euaa_date(value: date) -> str:
    """``10 June 2024``: the EUAA style writes dates in full, day first, no leading zero."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    source_full: str
    title: str
    published: date
    url: str
    page: int
    paragraph: int
    fictional: bool = False

    @property
    def date_text(self) -> str:
        return euaa_date(self.published)

    @property
    def locator(self) -> str:
        return f"p. {self.page}, para. {self.paragraph}"

    def short(self) -> str:
        """The footnote form: source, title, date, url, page and paragraph."""
        return ", ".join([self.source, self.title, self.date_text, self.url or NO_URL, self.locator]) + self._mark()

    def full(self) -> str:
        """The bibliography form, with the source's full name when it is known."""
        source = self.source
        if self.source_full and self.source_full != self.source:
            source = f"{self.source} ({self.source_full})"
        return ", ".join([source, self.title, self.date_text, self.url or NO_URL, self.locator]) + self._mark()

    def parts(self) -> dict[str, object]:
        """Each part on its own, for JSON output and the UI."""
        return {
            "source": self.source,
            "source_full": self.source_full,
            "title": self.title,
            "date": self.date_text,
            "published": self.published.isoformat(),
            "url": self.url or NO_URL,
            "page": self.page,
            "paragraph": self.paragraph,
        }

    def _mark(self) -> str:
        return " [fictional test document]" if self.fictional else ""


def cite(report: CoiReport, passage: CoiPassage) -> Citation:
    """The citation of one passage of one report."""
    return Citation(
        source=report.source,
        source_full=str(report.extra.get("source_full") or ""),
        title=report.title,
        published=report.published,
        url=report.url,
        page=passage.page,
        paragraph=passage.paragraph,
        fictional=report.fictional,
    )
