"""The QA report for a period as a PDF a supervisor can be handed (matplotlib's PdfPages), and its figures.

Pages: the summary table (every stratum with n, counts and rates with 95 % Wilson intervals; Clopper-Pearson
for the totals, which are claims), the forest plot, the p-charts by week and by model version, the reliability
diagram and, for a sample, the agreement matrix. The same numbers as ``qa report --format json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from examiner_app.qa import charts, stats

if TYPE_CHECKING:
    from examiner_app.qa.service import QaService

ROWS_PER_PAGE = 28


def _pct(rate: float | None, ci: Sequence[float] | None) -> str:
    if rate is None or ci is None:
        return "–"
    return f"{rate * 100:.1f} [{ci[0] * 100:.1f}–{ci[1] * 100:.1f}]"


def table_pages(report: dict[str, Any]) -> list[Figure]:
    by = report["by"]
    header = [*by, "n", "acc.", "edit (form)", "rej.", "added", "usable % [95 % CI]", "error % [95 % CI]"]
    rows = [
        [
            *(str(s[d]) for d in by),
            str(s["n"]),
            str(s["accepted"]),
            f"{s['edited']} ({s['form_edits']})",
            str(s["rejected"]),
            str(s["added"]),
            _pct(s["usable_rate"], s["usable_ci"]),
            _pct(s["error_rate"], s["error_ci"]),
        ]
        for s in report["strata"]
    ]
    t = report["total"]
    total_row = [
        "all",
        *([""] * (len(by) - 1)),
        str(t["n"]),
        str(t["accepted"]),
        f"{t['edited']} ({t['form_edits']})",
        str(t["rejected"]),
        str(t["added"]),
        _pct(t["usable_rate"], t["usable_ci_exact"]) + " CP",
        _pct(t["error_rate"], t["error_ci_exact"]) + " CP",
    ]
    pages = []
    chunks = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    for index, chunk in enumerate(chunks):
        fig = Figure(figsize=(8.27, 11.69))
        period = f"{report['from'] or 'start'} to {report['to'] or 'now'}"
        fig.text(0.06, 0.96, "Quality review: decision statistics", fontsize=14, weight="bold")
        fig.text(
            0.06,
            0.935,
            f"Period {period} · strata by {', '.join(by)} · page {index + 1} of {len(chunks)} · "
            "Wilson intervals per stratum, Clopper-Pearson (CP) for the totals",
            fontsize=8,
        )
        ax = fig.add_axes((0.04, 0.05, 0.92, 0.86))
        ax.set_axis_off()
        body = [*chunk, total_row] if index == len(chunks) - 1 else chunk
        if body:
            table = ax.table(cellText=body, colLabels=header, loc="upper center", cellLoc="left")
            table.auto_set_font_size(False)
            table.set_fontsize(7)
            table.scale(1, 1.35)
        pages.append(fig)
    return pages


def write_pdf(
    qa: QaService,
    path: Path,
    *,
    by: Sequence[str] = ("field",),
    date_from: date | None = None,
    date_to: date | None = None,
    sample_id: str | None = None,
) -> int:
    """Write the report; returns the number of pages."""
    report = qa.report(by=by, date_from=date_from, date_to=date_to, sample_id=sample_id)
    recs = qa.records(dims=("field", "language", "engine", "week"), date_from=date_from, date_to=date_to)
    figures = table_pages(report)
    strata = stats.stratify(recs, ("field", "language"))
    figures.append(
        charts.forest_plot(charts.forest_rows(strata), title="Accuracy (accepted or form edit) per field and language")
    )
    figures.append(charts.p_chart(recs, "week"))
    figures.append(charts.p_chart(recs, "engine"))
    figures.append(charts.reliability_diagram(recs))
    if sample_id is not None:
        figures.append(charts.agreement_matrix(qa.agreement_for(sample_id), title="Examiner vs blind reviewer"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with PdfPages(path, metadata={"Title": "Quality review report", "Creator": "Examiner Workbench"}) as pdf:
        for fig in figures:
            pdf.savefig(fig)
    return len(figures)
