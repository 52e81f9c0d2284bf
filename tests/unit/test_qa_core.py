"""Quality-review maths without a store: plans, intervals, allocation, control limits, form edits, charts."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scipy.stats import binom, binomtest

from examiner_app.domain import DecisionAction
from examiner_app.errors import QualityReviewError
from examiner_app.qa import charts, planning
from examiner_app.qa.agreement import Pair, agreement
from examiner_app.qa.intervals import proportion, proportions
from examiner_app.qa.records import DecisionRecord, is_form_edit, ocr_band
from examiner_app.qa.sampling import FrameItem, allocate, draw


def test_margin_plan_385_and_finite_population() -> None:
    plan = planning.margin_plan(0.05)
    assert plan.sample_size == 385
    assert plan.n0 == pytest.approx(1.959963984540054**2 * 0.25 / 0.0025)
    fpc = planning.margin_plan(0.05, population=500)
    assert fpc.sample_size == math.ceil(plan.n0 / (1 + (plan.n0 - 1) / 500))  # type: ignore[operator]
    assert planning.margin_plan(0.03, 0.99, 0.1).sample_size == math.ceil(2.5758293035489**2 * 0.09 / 0.0009)


def test_acceptance_plans_59_and_c1() -> None:
    assert planning.acceptance_plan(0.05).sample_size == 59
    assert math.log(0.05) / math.log(0.95) == pytest.approx(58.40, abs=0.01)
    c1 = planning.acceptance_plan(0.05, allowed_errors=1)
    assert binom.cdf(1, c1.sample_size, 0.05) <= 0.05 < binom.cdf(1, c1.sample_size - 1, 0.05)
    assert c1.sample_size == 93
    assert planning.passes(c1, 1, 93)
    assert not planning.passes(c1, 2, 93)
    assert not planning.passes(c1, 0, 92)
    with pytest.raises(QualityReviewError):
        planning.acceptance_plan(1.5)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 17), (50, 50), (412, 500)])
def test_intervals_are_scipys(k: int, n: int) -> None:
    p = proportion(k, n)
    wilson = binomtest(k, n).proportion_ci(method="wilson")
    exact = binomtest(k, n).proportion_ci(method="exact")
    assert p.wilson == pytest.approx((wilson.low, wilson.high), abs=1e-12)
    assert p.exact == pytest.approx((exact.low, exact.high), abs=1e-12)
    assert proportion(0, 0).rate is None


def test_vectorized_intervals_are_binomtests() -> None:
    pairs = [(k, n) for n in (1, 2, 7, 30, 385, 5000) for k in sorted({0, 1, n // 3, n // 2, n - 1, n}) if 0 <= k <= n]
    for (k, n), p in zip(pairs, proportions([*pairs]), strict=True):
        wilson = binomtest(k, n).proportion_ci(method="wilson")
        exact = binomtest(k, n).proportion_ci(method="exact")
        assert p.wilson == pytest.approx((wilson.low, wilson.high), abs=1e-9), (k, n)
        assert p.exact == pytest.approx((exact.low, exact.high), abs=1e-9), (k, n)
    assert proportions([(0, 0)])[0].rate is None


def test_form_edits_use_the_normalisers() -> None:
    assert is_form_edit("date_of_birth", "12 March 1990", "1990-03-12")
    assert not is_form_edit("date_of_birth", "12 March 1990", "21 March 1990")
    assert is_form_edit("person_name", "Mohammed Ali Karimi", "Muhammad Ali Karimi")
    assert not is_form_edit("person_name", "Mohammed Ali Karimi", "Ahmad Reza Karimi")
    assert not is_form_edit("person_name", "Mohammed Ali", "Mohammed Ali Karimi")  # a part added is not form
    assert is_form_edit("place", "Kabul", " kabul ")
    assert not is_form_edit("place", "Kabul", "Herat")
    assert ocr_band(None) == "text"
    assert ocr_band(0.95) == ">=0.90"
    assert ocr_band(0.1) == "<0.50"


def _items(stratum: str, n: int, overturn_share: float) -> list[FrameItem]:
    return [
        FrameItem(
            f"{stratum}{i:04d}",
            "c",
            "d",
            "f",
            1,
            0,
            1,
            stratum,
            "v",
            overturned=i < n * overturn_share,
            strata=(("field", stratum),),
        )  # fmt: skip
        for i in range(n)
    ]


def test_neyman_allocation_with_floors() -> None:
    groups = {("a",): _items("a", 400, 0.5), ("b",): _items("b", 400, 0.02), ("c",): _items("c", 10, 0.1)}
    alloc = {a.stratum[0]: a for a in allocate(groups, 100, floor=5)}
    assert sum(a.size for a in alloc.values()) == 100
    assert alloc["c"].size >= 5
    # Neyman: n_h proportional to N_h * S_h above the floors; S_a = 0.5, S_b = 0.14
    assert alloc["a"].size > 2 * alloc["b"].size
    frame = [it for items in groups.values() for it in items]
    first, _ = draw(frame, 30, seed=4, stratify=("field",))
    again, _ = draw(list(reversed(frame)), 30, seed=4, stratify=("field",))
    assert [i.key for i in first] == [i.key for i in again]  # order of the frame does not matter
    assert len({i.key for i in first}) == 30


def _record(week: str, action: str, confidence: float = 0.8, field: str = "place") -> DecisionRecord:
    return DecisionRecord(
        "s", "d", "c", "doc", 1, DecisionAction(action), False, confidence, "u", datetime(2026, 1, 1, tzinfo=UTC),
        (("week", week), ("field", field), ("engine", "rules/x@1")),
    )  # fmt: skip


def test_control_limits_are_three_sigma() -> None:
    recs = [_record("W1", "accept")] * 90 + [_record("W1", "reject")] * 10
    recs += [_record("W2", "accept")] * 20 + [_record("W2", "edit")] * 30
    pbar, points = charts.control_points(recs, "week")
    assert pbar == pytest.approx(40 / 150)
    w1, w2 = points
    sigma = math.sqrt(pbar * (1 - pbar) / 100)
    assert w1.lower == pytest.approx(pbar - 3 * sigma)
    assert w1.upper == pytest.approx(pbar + 3 * sigma)
    assert w1.out_of_control
    assert w2.out_of_control


def test_figures_render_and_export(tmp_path: Path) -> None:
    recs = [_record(f"W{i % 4}", "accept" if i % 5 else "reject", 0.3 + 0.07 * (i % 10)) for i in range(200)]
    bins = charts.reliability_bins(recs)
    assert sum(p.n for _, p in bins["place"]) == 200
    pairs = [Pair(f"d{i % 5}", "correct", "correct" if i % 9 else "wrong") for i in range(45)]
    figures = {
        "forest.png": charts.forest_plot([charts.ForestRow("place · en", proportion(40, 50))]),
        "p.pdf": charts.p_chart(recs, "week"),
        "rel.png": charts.reliability_diagram(recs),
        "agree.png": charts.agreement_matrix(agreement(pairs)),
        "empty.png": charts.agreement_matrix(None),
    }
    for name, fig in figures.items():
        path = charts.save(fig, tmp_path / name)
        assert path.stat().st_size > 2000
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(QualityReviewError):
        charts.save(figures["forest.png"], tmp_path / "x.bmp")
