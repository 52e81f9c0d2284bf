"""Figures for quality review, built in the core with matplotlib's object API (no pyplot, no Qt).

Each builder takes plain data and returns a ``matplotlib.figure.Figure``; the desktop app puts the same figure on
a QtAgg canvas, the PDF report on a page, ``save`` writes PNG or PDF. Every point carries its n.

* ``forest_plot`` — a rate per stratum (e.g. field x language) with its 95 % Wilson interval and n.
* ``p_chart`` — the overturn rate per week or per model version, with the centre line p̄ and 3-sigma limits
  p̄ ± 3 sqrt(p̄ (1 - p̄) / n_i) (Shewhart's p-chart: a point outside is a change worth looking at, e.g. after a
  model or pack update).
* ``reliability_diagram`` — engine confidence (binned) against how often the examiner kept the suggestion, per
  field: on the diagonal, "90 %" really means 90 %.
* ``agreement_matrix`` — the rater-by-rater table with counts, raw agreement, kappa and AC1 with n.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from examiner_app.qa.agreement import Agreement
from examiner_app.qa.intervals import Proportion, proportion
from examiner_app.qa.records import DecisionRecord
from examiner_app.qa.stats import StratumStats

ACCENT = "#1f5f8b"
ALERT = "#b3261e"
MUTED = "#6b6b6b"


@dataclass(frozen=True, slots=True)
class ForestRow:
    label: str
    value: Proportion


def forest_rows(strata: Sequence[StratumStats], rate: str = "accuracy") -> list[ForestRow]:
    """Rows for a forest plot from report strata: label ``field · language``, the chosen rate."""
    return [ForestRow(" · ".join(v for _, v in s.key), s.rate(rate)) for s in strata if s.n]


def forest_plot(
    rows: Sequence[ForestRow], *, title: str = "Accuracy per field and language", xlabel: str = "rate"
) -> Figure:
    height = max(2.4, 0.32 * len(rows) + 1.2)
    fig = Figure(figsize=(7.5, height), layout="constrained")
    ax = fig.add_subplot()
    shown = [r for r in rows if r.value.rate is not None]
    for y, row in enumerate(reversed(shown)):
        p = row.value
        assert p.rate is not None
        assert p.wilson is not None
        ax.plot([p.wilson[0], p.wilson[1]], [y, y], color=ACCENT, lw=2)
        ax.plot([p.rate], [y], "s", color=ACCENT, ms=4 + 4 * min(1.0, math.sqrt(p.n / 100)))
        ax.text(1.02, y, f"{p.rate * 100:.0f} %  n={p.n}", va="center", fontsize=8, transform=ax.get_yaxis_transform())
    ax.set_yticks(range(len(shown)), [r.label for r in reversed(shown)], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.7, max(len(shown), 1) - 0.3)
    ax.set_xlabel(f"{xlabel} (95 % Wilson interval)")
    ax.set_title(title, fontsize=10, loc="left")
    ax.grid(axis="x", alpha=0.3)
    if not shown:
        ax.text(0.5, 0.5, "no items judged yet", ha="center", va="center", color=MUTED, transform=ax.transAxes)
    return fig


@dataclass(frozen=True, slots=True)
class ControlPoint:
    group: str
    overturned: int
    n: int
    lower: float
    upper: float

    @property
    def rate(self) -> float:
        return self.overturned / self.n

    @property
    def out_of_control(self) -> bool:
        return not self.lower <= self.rate <= self.upper


def control_points(records: Iterable[DecisionRecord], by: str = "week") -> tuple[float, list[ControlPoint]]:
    """p̄ and the per-group points with their 3-sigma limits (overturn = edited or rejected)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        if r.action.value == "add":
            continue
        c = counts[dict(r.strata).get(by, "(none)")]
        c[0] += r.action.value in ("edit", "reject")
        c[1] += 1
    total = sum(c[1] for c in counts.values())
    pbar = sum(c[0] for c in counts.values()) / total if total else 0.0
    points = []
    for group in sorted(counts):
        k, n = counts[group]
        sigma = math.sqrt(pbar * (1 - pbar) / n) if n else 0.0
        points.append(ControlPoint(group, k, n, max(0.0, pbar - 3 * sigma), min(1.0, pbar + 3 * sigma)))
    return pbar, points


def p_chart(records: Sequence[DecisionRecord], by: str = "week", *, title: str | None = None) -> Figure:
    pbar, points = control_points(records, by)
    fig = Figure(figsize=(7.5, 3.2), layout="constrained")
    ax = fig.add_subplot()
    xs = range(len(points))
    ax.step(xs, [p.upper for p in points], where="mid", color=MUTED, lw=1, ls="--", label="3-sigma limits")
    ax.step(xs, [p.lower for p in points], where="mid", color=MUTED, lw=1, ls="--")
    ax.axhline(pbar, color=MUTED, lw=1, label=f"p̄ = {pbar * 100:.1f} %")
    ax.plot(xs, [p.rate for p in points], "-o", color=ACCENT, ms=4, label="overturn rate")
    for x, p in zip(xs, points, strict=True):
        if p.out_of_control:
            ax.plot([x], [p.rate], "o", color=ALERT, ms=8, mfc="none", mew=2)
    ax.set_xticks(list(xs), [f"{p.group}\nn={p.n}" for p in points], fontsize=7, rotation=0 if by != "engine" else 15)
    ax.set_ylim(0, max(0.05, min(1.0, max([p.upper for p in points] + [p.rate for p in points] + [0.0]) * 1.15)))
    ax.set_ylabel("overturned (edited or rejected)")
    ax.set_title(
        title or f"Overturn rate by {'model version' if by == 'engine' else by} (p-chart)", fontsize=10, loc="left"
    )
    ax.legend(fontsize=7, loc="upper left")
    ax.grid(axis="y", alpha=0.3)
    return fig


def reliability_bins(
    records: Iterable[DecisionRecord], bins: Sequence[float] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
) -> dict[str, list[tuple[float, Proportion]]]:
    """Per field: (mean confidence of the bin, share the examiner kept) for each non-empty confidence bin."""
    grouped: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in range(len(bins) - 1)])
    kept: dict[str, list[int]] = defaultdict(lambda: [0] * (len(bins) - 1))
    for r in records:
        if r.confidence is None or r.action.value == "add":
            continue
        i = next(j for j in range(len(bins) - 1) if bins[j] <= r.confidence < bins[j + 1])
        f = dict(r.strata).get("field", "(all)")
        grouped[f][i].append(r.confidence)
        kept[f][i] += r.correct
    out: dict[str, list[tuple[float, Proportion]]] = {}
    for f in sorted(grouped):
        out[f] = [(sum(c) / len(c), proportion(kept[f][i], len(c))) for i, c in enumerate(grouped[f]) if c]
    return out


def reliability_diagram(
    records: Sequence[DecisionRecord], *, title: str = "Engine confidence vs examiner outcome"
) -> Figure:
    data = reliability_bins(records)
    fig = Figure(figsize=(7.5, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color=MUTED, lw=1, ls=":", label="perfectly calibrated")
    for f, points in data.items():
        xs = [x for x, _ in points]
        ys = [p.rate or 0.0 for _, p in points]
        lo = [(p.rate or 0.0) - (p.wilson or (0, 0))[0] for _, p in points]
        hi = [(p.wilson or (0, 0))[1] - (p.rate or 0.0) for _, p in points]
        ax.errorbar(
            xs, ys, yerr=[lo, hi], marker="o", ms=3, capsize=2, lw=1, label=f"{f} (n={sum(p.n for _, p in points)})"
        )
    ax.set_xlim(0.25, 1.0)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("engine confidence (bin mean)")
    ax.set_ylabel("kept by the examiner (95 % Wilson)")
    ax.set_title(title, fontsize=10, loc="left")
    ax.legend(fontsize=7, loc="lower right")
    ax.grid(alpha=0.3)
    return fig


def agreement_matrix(result: Agreement | None, *, title: str = "Agreement") -> Figure:
    fig = Figure(figsize=(3.8, 3.4), layout="constrained")
    ax = fig.add_subplot()
    if result is None or result.n == 0:
        ax.text(0.5, 0.5, "no pairs of verdicts yet", ha="center", va="center", color=MUTED, transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title, fontsize=10, loc="left")
        return fig
    table = result.matrix
    peak = max(max(row) for row in table) or 1
    ax.imshow(table, cmap="Blues", vmin=0, vmax=peak)
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            ax.text(j, i, str(count), ha="center", va="center", color="white" if count > peak / 2 else "black")
    cats = list(result.categories)
    ax.set_xticks(range(len(cats)), cats, fontsize=8)
    ax.set_yticks(range(len(cats)), cats, fontsize=8)
    ax.set_xlabel(result.raters[1])
    ax.set_ylabel(result.raters[0])

    def fmt(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    ax.set_title(
        f"{title}  n={result.n}, {result.documents} docs\nraw {fmt(result.raw)} · κ {fmt(result.kappa)} · AC1 {fmt(result.ac1)}",
        fontsize=9,
        loc="left",
    )
    return fig


def save(fig: Figure, path: Path) -> Path:
    """Write a figure as PNG or PDF (by the file's suffix)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("png", "pdf", "svg"):
        from examiner_app.errors import QualityReviewError

        raise QualityReviewError(f"Charts are written as .png, .pdf or .svg, not .{suffix or '(none)'}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150 if suffix == "png" else "figure")
    return path
