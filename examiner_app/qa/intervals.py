"""Proportions with 95 % intervals, from scipy.stats rather than hand-written formulas.

Wilson (score) intervals are shown on screen: they behave well near 0 and 1 and for small n. Clopper-Pearson
(exact) intervals are used wherever a claim is made (declared accuracy, the release gate): they never cover
less than the stated level. ``n`` travels with every proportion so it is always shown beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.stats import beta, binomtest, norm

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


def proportions(pairs: Sequence[tuple[int, int]], confidence: float = CONFIDENCE) -> list[Proportion]:
    """Many proportions at once (a report's strata x rates): the same two intervals, vectorized.

    ``binomtest`` computes a p-value on construction and root-finds each exact bound: about 2 ms a proportion,
    i.e. seconds for a report of a few hundred strata. Here Clopper-Pearson comes from its definition as beta
    quantiles (``scipy.stats.beta.ppf(a/2, k, n-k+1)`` and ``beta.ppf(1-a/2, k+1, n-k)``) and Wilson from the
    score formula with ``scipy.stats.norm.ppf``, the closed form scipy itself evaluates; a test checks both
    against ``binomtest(k, n).proportion_ci`` to 1e-9.
    """
    if not pairs:
        return []
    k = np.array([p[0] for p in pairs], dtype=float)
    n = np.array([p[1] for p in pairs], dtype=float)
    if np.any(k < 0) or np.any(k > n):
        raise ValueError("a proportion needs 0 <= k <= n")
    alpha = 1 - confidence
    safe_n = np.where(n > 0, n, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        lo = np.where(k > 0, beta.ppf(alpha / 2, np.maximum(k, 1e-300), n - k + 1), 0.0)
        hi = np.where(k < n, beta.ppf(1 - alpha / 2, k + 1, np.maximum(n - k, 1e-300)), 1.0)
        z = float(norm.ppf(1 - alpha / 2))
        phat = k / safe_n
        denom = 1 + z * z / safe_n
        centre = (phat + z * z / (2 * safe_n)) / denom
        half = z * np.sqrt(phat * (1 - phat) / safe_n + z * z / (4 * safe_n * safe_n)) / denom
    out = []
    for i, (ki, ni) in enumerate(pairs):
        if ni == 0:
            out.append(Proportion(0, 0, None, None, None, confidence))
            continue
        wilson = (max(0.0, float(centre[i] - half[i])), min(1.0, float(centre[i] + half[i])))
        out.append(Proportion(ki, ni, ki / ni, wilson, (float(lo[i]), float(hi[i])), confidence))
    return out


def rounded(ci: tuple[float, float] | None, digits: int = 6) -> list[float] | None:
    return None if ci is None else [round(ci[0], digits), round(ci[1], digits)]


def rate_or_none(value: float | None, digits: int = 6) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)
