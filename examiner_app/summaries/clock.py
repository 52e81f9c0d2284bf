"""The case clock, for workload only: days since the application and since (or until) the two-month triage date.

Counted only from the application date an examiner confirmed (``casework.confirm_date``), never from a date the
software read. It is the same for every case: no priority, no risk score, no category. The triage itself (A/B/C/D)
is the examiner's, and nothing here proposes one.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

TRIAGE_MONTHS = 2


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer days: 31 Dec + 2 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CaseClock:
    application_date: date | None  # as an examiner confirmed it; None when nobody did yet
    today: date

    @property
    def confirmed(self) -> bool:
        return self.application_date is not None

    @property
    def days_since_application(self) -> int | None:
        return (self.today - self.application_date).days if self.application_date else None

    @property
    def triage_date(self) -> date | None:
        return add_months(self.application_date, TRIAGE_MONTHS) if self.application_date else None

    @property
    def days_since_triage_date(self) -> int | None:
        """Positive once the two-month date has passed, negative before it (days left)."""
        triage = self.triage_date
        return (self.today - triage).days if triage else None


def case_clock(application_date: date | None, today: date) -> CaseClock:
    return CaseClock(application_date, today)


__all__ = ["TRIAGE_MONTHS", "CaseClock", "add_months", "case_clock"]
