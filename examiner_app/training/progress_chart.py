"""The trainer's chart of each trainee's F1 over time, with 95 % Wilson intervals and n at every point.

Built with matplotlib's object API (no pyplot, no Qt), like qa/charts.py: the desktop app puts the figure on a
QtAgg canvas, ``save`` writes it as PNG or PDF. One line per trainee, in a colour-blind-safe palette with a
distinct marker each (colour is never the only cue).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from examiner_app.errors import UnsupportedFormatError

from .progress import ScorePoint

PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
FALLBACK_FONTS = ("Noto Sans CJK JP", "Noto Sans Arabic", "Noto Sans")
FORMATS = {".png": "png", ".pdf": "pdf"}


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """The chart's words, translated by the caller (the UI's tr())."""

    title: str = "F1 per scored exercise (95 % Wilson interval, n = trainee facts + key facts)"
    y_axis: str = "F1"
    x_axis: str = "Scored on"
    empty: str = "No scored exercises yet"


def progress_figure(series: Mapping[str, Sequence[ScorePoint]], labels: ChartLabels | None = None) -> Figure:
    # Text properties are fixed when each text is made: a CJK fallback for Japanese labels and trainee names
    # (glyph by glyph, matplotlib >= 3.6), only among the fonts installed, so no font-not-found warnings.
    installed = {f.name for f in font_manager.fontManager.ttflist}
    families = ["DejaVu Sans", *(f for f in FALLBACK_FONTS if f in installed)]
    with rc_context({"font.family": families}):
        return _progress_figure(series, labels or ChartLabels())


def _progress_figure(series: Mapping[str, Sequence[ScorePoint]], labels: ChartLabels) -> Figure:
    fig = Figure(figsize=(9, 4.8), layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(labels.title, fontsize=10)
    ax.set_ylabel(labels.y_axis)
    ax.set_xlabel(labels.x_axis)
    ax.set_ylim(-0.02, 1.08)
    ax.grid(True, axis="y", alpha=0.3)
    if not any(series.values()):
        ax.text(0.5, 0.5, labels.empty, ha="center", va="center", transform=ax.transAxes, color="#6b6b6b")
        ax.set_xticks([])
        return fig
    for i, (trainee, points) in enumerate(sorted(series.items())):
        if not points:
            continue
        colour, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        xs = date2num([p.scored_at for p in points])
        ys = [p.f1 for p in points]
        lows, highs = [], []
        for p in points:
            interval = p.f1_interval or (p.f1, p.f1)
            lows.append(max(0.0, p.f1 - interval[0]))
            highs.append(max(0.0, interval[1] - p.f1))
        ax.errorbar(xs, ys, yerr=[lows, highs], color=colour, marker=marker, capsize=3, lw=1.5, ms=6, label=trainee)
        for p in points:
            ax.annotate(
                f"n={p.n}",
                (float(date2num(p.scored_at)), p.f1),
                textcoords="offset points",
                xytext=(6, 6),
                fontsize=7,
                color=colour,
            )
    # x values are matplotlib date numbers (days); a day either side keeps one day's scorings readable
    times = [float(date2num(p.scored_at)) for points in series.values() for p in points]
    ax.set_xlim(min(times) - 1, max(times) + 1)
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return fig


def save(fig: Figure, path: Path) -> Path:
    """Write the figure as PNG or PDF, chosen by the file's suffix."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(path, "save the chart as .png or .pdf.")
    fig.savefig(path, format=fmt, dpi=150)
    return path
