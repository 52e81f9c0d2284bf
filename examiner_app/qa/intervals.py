"""Proportions with 95 % intervals, from scipy.stats rather than hand-written formulas.

Wilson (score) intervals are shown on screen: they behave well near 0 and 1 and for small n. Clopper-Pearson
(exact) intervals are used wherever a claim is made (declared accuracy, the release gate): they never cover
less than the stated level. ``n`` travels with every proportion so it is always shown beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from scipy.stats import binomtest

CONFIDENCE = 0.95
WILSON = "wilson"
EXACT = "clopper-pearson"


@dataclass(frozen=True, slots=True)
class Proportion:
    """``k`` of ``n`` with its Wilson and Clopper-Pearson intervals (``None`` rate and intervals when n is 0)."""

    k: int
    n: int
    rate: float | None
    wilson: tuple[float, float] | None
    exact: tuple[float, float] | None
    confidence: float = CONFIDENCE

    def label(self, percent: bool = True) -> str:
        """``"93.1 % [89.0–95.8] n=203"`` (Wilson), for tables and charts."""
        if self.rate is None or self.wilson is None:
            return f"– n={self.n}"
        lo, hi = self.wilson
        if percent:
            return f"{self.rate * 100:.1f} % [{lo * 100:.1f}–{hi * 100:.1f}] n={self.n}"
        return f"{self.rate:.3f} [{lo:.3f}–{hi:.3f}] n={self.n}"


@lru_cache(maxsize=65536)  # scipy's exact interval root-finds (~2 ms); strata often repeat counts
def _ci(k: int, n: int, method: str, confidence: float) -> tuple[float, float]:
    ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method=method)
    return (float(ci.low), float(ci.high))


def proportion(k: int, n: int, confidence: float = CONFIDENCE) -> Proportion:
    """``k`` successes of ``n`` with both intervals at ``confidence``."""
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"a proportion needs 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return Proportion(0, 0, None, None, None, confidence)
    return Proportion(k, n, k / n, _ci(k, n, "wilson", confidence), _ci(k, n, "exact", confidence), confidence)


def rounded(ci: tuple[float, float] | None, digits: int = 6) -> list[float] | None:
    return None if ci is None else [round(ci[0], digits), round(ci[1], digits)]


def rate_or_none(value: float | None, digits: int = 6) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)
