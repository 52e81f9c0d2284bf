"""How many items a reviewer must check, shown before they start.

Two kinds of plan:

* **Estimate a rate to a margin** (normal approximation): ``n0 = z^2 p (1 - p) / E^2`` with ``z`` the two-sided
  normal quantile for the confidence, ``p`` the expected rate (0.5, the worst case, when unknown) and ``E`` the
  half-width wanted; with a finite population of ``N`` items the finite-population correction gives
  ``n = n0 / (1 + (n0 - 1) / N)``. ±5 % at 95 % with p = 0.5 needs 385.
* **Show an error rate is at most p_max** (acceptance sampling): the smallest ``n`` for which finding at most
  ``c`` errors would be unlikely (probability <= 1 - confidence) if the true rate were ``p_max``. For ``c = 0``
  that is ``n = ln(1 - confidence) / ln(1 - p_max)`` (59 for 5 % at 95 %); for ``c >= 1`` it is found with
  ``scipy.stats.binom.cdf`` (93 for c = 1, 5 %, 95 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import binom, norm

from examiner_app.errors import QualityReviewError

MARGIN = "normal-approximation"
MARGIN_FPC = "normal-approximation-fpc"
ZERO_DEFECT = "zero-defect"
ACCEPTANCE = "acceptance-sampling"


PlanError = QualityReviewError  # a sampling plan asked for impossible figures


@dataclass(frozen=True, slots=True)
class Plan:
    sample_size: int
    method: str
    confidence: float
    margin: float | None = None
    expected: float | None = None
    population: int | None = None
    max_error: float | None = None
    allowed_errors: int | None = None
    n0: float | None = None  # before rounding up and before the finite-population correction

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "sample_size": self.sample_size,
            "method": self.method,
            "confidence": self.confidence,
        }
        for key in ("margin", "expected", "population", "max_error", "allowed_errors"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.n0 is not None:
            data["n0"] = round(self.n0, 4)
        return data

    def explain(self) -> str:
        """One sentence for the reviewer, shown before they start."""
        c = f"{self.confidence * 100:g} %"
        if self.method in (MARGIN, MARGIN_FPC):
            text = f"Check {self.sample_size} items to estimate a rate to ±{(self.margin or 0) * 100:g} points at {c}"
            return text + (f" (of {self.population} items)." if self.population else ".")
        k = self.allowed_errors or 0
        found = "no error is found" if k == 0 else f"at most {k} error{'s' if k > 1 else ''} are found"
        return (
            f"Check {self.sample_size} items: if {found}, the error rate is at most "
            f"{(self.max_error or 0) * 100:g} % at {c}."
        )


def _check_confidence(confidence: float) -> None:
    if not 0.5 <= confidence < 1:
        raise PlanError("Give a confidence between 0.5 and 1, e.g. 0.95.")


def margin_plan(margin: float, confidence: float = 0.95, expected: float = 0.5, population: int | None = None) -> Plan:
    """Items needed to estimate a proportion to ±``margin`` (normal approximation, with FPC when N is given)."""
    _check_confidence(confidence)
    if not 0 < margin < 1:
        raise PlanError("Give the margin as a fraction between 0 and 1, e.g. 0.05 for ±5 points.")
    if not 0 < expected < 1:
        raise PlanError("Give the expected rate as a fraction strictly between 0 and 1 (0.5 when unknown).")
    if population is not None and population < 1:
        raise PlanError("The population must hold at least one item.")
    z = float(norm.ppf(1 - (1 - confidence) / 2))
    n0 = z * z * expected * (1 - expected) / (margin * margin)
    if population is None:
        return Plan(math.ceil(n0 - 1e-9), MARGIN, confidence, margin, expected, None, n0=n0)
    n = n0 / (1 + (n0 - 1) / population)
    return Plan(min(population, math.ceil(n - 1e-9)), MARGIN_FPC, confidence, margin, expected, population, n0=n0)


def acceptance_plan(max_error: float, confidence: float = 0.95, allowed_errors: int = 0) -> Plan:
    """Smallest n such that at most ``allowed_errors`` errors in n shows the error rate <= ``max_error``."""
    _check_confidence(confidence)
    if not 0 < max_error < 1:
        raise PlanError("Give the largest tolerable error rate as a fraction, e.g. 0.05.")
    if allowed_errors < 0:
        raise PlanError("The number of allowed errors cannot be negative.")
    alpha = 1 - confidence
    if allowed_errors == 0:
        n = math.ceil(math.log(alpha) / math.log(1 - max_error) - 1e-9)
        return Plan(n, ZERO_DEFECT, confidence, max_error=max_error, allowed_errors=0)
    n = allowed_errors + 1
    while binom.cdf(allowed_errors, n, max_error) > alpha:
        n += 1
        if n > 10_000_000:  # pragma: no cover - only for absurd inputs
            raise PlanError("That plan needs more than ten million items; allow fewer errors or a larger rate.")
    return Plan(n, ACCEPTANCE, confidence, max_error=max_error, allowed_errors=allowed_errors)


def passes(plan: Plan, errors: int, checked: int) -> bool:
    """Did an acceptance plan pass: enough items checked and no more errors than allowed?"""
    if plan.allowed_errors is None:
        raise PlanError("Only an acceptance plan (--max-error) passes or fails.")
    return checked >= plan.sample_size and errors <= plan.allowed_errors
