"""Agreement between two raters (an examiner and a blind reviewer, or two reviewers) on the same items.

Raw agreement, Cohen's kappa and Gwet's AC1 are reported together. Review data is accept-heavy: when almost
everything is "correct", the chance agreement that kappa subtracts is close to 1 and kappa collapses even
though raters nearly always agree (95 % raw agreement can give kappa 0.26). AC1 estimates chance agreement
differently (from how far the categories are from uniform) and stays stable there; showing both, with raw
agreement and n, lets a reader see which situation they are in.

* kappa = (p_o - p_e) / (1 - p_e), p_e = sum_k p_A(k) p_B(k)
* AC1   = (p_o - p_e) / (1 - p_e), p_e = 1/(K - 1) * sum_k pi_k (1 - pi_k), pi_k = (p_A(k) + p_B(k)) / 2

Intervals: a percentile bootstrap over **documents** (items on one page or document are not independent, so
whole documents are resampled), seeded, 2,000 resamples. It is hand-written on numpy rather than
``scipy.stats.bootstrap`` because resamples where every item falls in one category leave kappa undefined
(0/0); scipy would return a NaN interval for the whole set, whereas here those resamples are dropped and
counted (``undefined_resamples``) so the reader sees how fragile the figure is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CATEGORIES = ("correct", "wrong")
RESAMPLES = 2000


@dataclass(frozen=True, slots=True)
class Pair:
    document: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Agreement:
    n: int
    documents: int
    raw: float | None
    kappa: float | None
    ac1: float | None
    raw_ci: tuple[float, float] | None
    kappa_ci: tuple[float, float] | None
    ac1_ci: tuple[float, float] | None
    matrix: tuple[tuple[int, ...], ...]  # rows: rater A's category, columns: rater B's
    categories: tuple[str, ...]
    undefined_resamples: int = 0
    raters: tuple[str, str] = ("examiner", "reviewer")

    def as_json(self) -> dict[str, object]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 6)

        def ci(x: tuple[float, float] | None) -> list[float] | None:
            return None if x is None else [round(x[0], 6), round(x[1], 6)]

        return {
            "n": self.n,
            "documents": self.documents,
            "raw": r(self.raw),
            "kappa": r(self.kappa),
            "ac1": r(self.ac1),
            "raw_ci": ci(self.raw_ci),
            "kappa_ci": ci(self.kappa_ci),
            "ac1_ci": ci(self.ac1_ci),
            "matrix": [list(row) for row in self.matrix],
            "categories": list(self.categories),
            "raters": list(self.raters),
            "interval": f"percentile bootstrap over documents, {RESAMPLES} resamples",
            "undefined_resamples": self.undefined_resamples,
        }


def _coefficients(table: np.ndarray) -> tuple[float, float, float]:
    """(raw, kappa, AC1) of a K x K count table; NaN where undefined."""
    n = table.sum()
    if n == 0:
        return (float("nan"),) * 3
    p = table / n
    po = float(np.trace(p))
    pa, pb = p.sum(axis=1), p.sum(axis=0)
    pe_kappa = float(pa @ pb)
    kappa = (po - pe_kappa) / (1 - pe_kappa) if pe_kappa < 1 - 1e-12 else float("nan")
    k = table.shape[0]
    pi = (pa + pb) / 2
    pe_ac1 = float((pi * (1 - pi)).sum() / (k - 1))
    ac1 = (po - pe_ac1) / (1 - pe_ac1) if pe_ac1 < 1 - 1e-12 else float("nan")
    return po, kappa, ac1


def coefficients(table: Sequence[Sequence[int]]) -> tuple[float, float, float]:
    """Raw agreement, Cohen's kappa and Gwet's AC1 of a count table (rows rater A, columns rater B)."""
    return _coefficients(np.asarray(table, dtype=float))


def _none(x: float) -> float | None:
    return None if np.isnan(x) else x


def agreement(
    pairs: Sequence[Pair],
    categories: Sequence[str] = CATEGORIES,
    *,
    seed: int = 0,
    resamples: int = RESAMPLES,
    raters: tuple[str, str] = ("examiner", "reviewer"),
) -> Agreement:
    index = {c: i for i, c in enumerate(categories)}
    k = len(categories)
    docs = sorted({p.document for p in pairs})
    doc_index = {d: i for i, d in enumerate(docs)}
    # One K x K table per document, so a bootstrap resample is a weighted sum of tables.
    per_doc = np.zeros((len(docs), k, k))
    for p in pairs:
        per_doc[doc_index[p.document], index[p.a], index[p.b]] += 1
    table = per_doc.sum(axis=0) if docs else np.zeros((k, k))
    raw, kappa, ac1 = _coefficients(table)
    cis: list[tuple[float, float] | None] = [None, None, None]
    undefined = 0
    if len(docs) >= 2:
        rng = np.random.default_rng(seed)
        draws = rng.integers(0, len(docs), size=(resamples, len(docs)))
        weights = np.zeros((resamples, len(docs)))
        np.add.at(weights, (np.repeat(np.arange(resamples), len(docs)), draws.ravel()), 1)
        tables = np.einsum("rd,dij->rij", weights, per_doc)
        values = np.array([_coefficients(t) for t in tables])
        for j in range(3):
            column = values[:, j]
            ok = column[~np.isnan(column)]
            if j == 1:
                undefined = int(resamples - ok.size)
            if ok.size:
                cis[j] = (float(np.percentile(ok, 2.5)), float(np.percentile(ok, 97.5)))
    return Agreement(
        n=len(pairs),
        documents=len(docs),
        raw=_none(raw),
        kappa=_none(kappa),
        ac1=_none(ac1),
        raw_ci=cis[0],
        kappa_ci=cis[1],
        ac1_ci=cis[2],
        matrix=tuple(tuple(int(x) for x in row) for row in table),
        categories=tuple(categories),
        undefined_resamples=undefined,
        raters=raters,
    )
