"""The combiner's weights: shared per script and length, with per-candidate adjustments on short texts."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from typing import Any

import pytest

from examiner_app.extraction.language import _model

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = list(_model.GROUPS["Cyrillic"])  # ["ru", "other"]: the smallest group with "other"
N_FEATURES = len(_model.FEATURES)


def _entry(**extra: Any) -> dict[str, Any]:
    return {
        "features": list(_model.FEATURES),
        "candidates": CANDIDATES,
        "weights": [1.0] * N_FEATURES,
        "biases": [0.0, -1.0],
        **extra,
    }


def test_candidate_adjustments_add_to_the_shared_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    adjustments = [[0.5] + [0.0] * (N_FEATURES - 1), [0.0] * N_FEATURES]
    data = {"groups": {"Cyrillic": {"0": _entry(candidate_weights=adjustments)}}}
    monkeypatch.setattr(_model, "_weights", lambda: data)
    rows, biases = _model.parameters("Cyrillic", 0)
    assert rows[0][0] == 1.5
    assert rows[0][1:] == [1.0] * (N_FEATURES - 1)
    assert rows[1] == [1.0] * N_FEATURES
    assert biases == [0.0, -1.0]
    # The first feature now counts 1.5 for "ru" and 1.0 for "other": the softmax reflects it.
    features = [[2.0] + [0.0] * (N_FEATURES - 1), [2.0] + [0.0] * (N_FEATURES - 1)]
    p_ru, p_other = _model.probabilities(features, rows, biases)
    assert p_ru == pytest.approx(math.exp(3.0) / (math.exp(3.0) + math.exp(2.0 - 1.0)))
    assert p_ru + p_other == pytest.approx(1.0)


def test_weights_without_adjustments_are_shared_by_every_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    # A weights.json written before the adjustments existed must still be read, each candidate with the shared row.
    data = {"groups": {"Cyrillic": {"2": _entry()}}}
    monkeypatch.setattr(_model, "_weights", lambda: data)
    rows, biases = _model.parameters("Cyrillic", 0)  # bucket 0 borrows the nearest fitted one
    assert rows == [[1.0] * N_FEATURES, [1.0] * N_FEATURES]
    assert biases == [0.0, -1.0]


def _langid_eval() -> Any:
    sys.path.insert(0, str(REPO / "evaluation"))
    try:
        import langid_eval
    finally:
        sys.path.remove(str(REPO / "evaluation"))
    return langid_eval


def test_packaged_weights_follow_the_fitting_policy() -> None:
    """Adjustments only where the fit allows them (none at present), never negative; only ``other`` has a bias."""
    groups = _model._weights().get("groups", {})
    if not groups:
        pytest.skip("no weights.json packaged")
    adjusted_buckets = _langid_eval().ADJUSTED_BUCKETS
    for script, buckets in groups.items():
        for bucket, entry in buckets.items():
            candidates = entry["candidates"]
            adjustments = entry.get("candidate_weights", [[0.0] * N_FEATURES for _ in candidates])
            assert len(adjustments) == len(candidates)
            assert all(len(row) == N_FEATURES for row in adjustments)
            assert all(v >= 0.0 for row in adjustments for v in row), (script, bucket)
            if int(bucket) not in adjusted_buckets:
                assert all(v == 0.0 for row in adjustments for v in row), (script, bucket)
            assert all(b == 0.0 for c, b in zip(candidates, entry["biases"], strict=True) if c != _model.OTHER)


@pytest.mark.skipif(importlib.util.find_spec("scipy") is None, reason="fitting needs scipy (dev tools)")
def test_fit_learns_a_detector_trusted_for_one_candidate_only() -> None:
    """Toy data: feature 0 tells class 0 apart and says nothing about classes 1 and 2 (noise there)."""
    import numpy as np

    langid_eval = _langid_eval()
    rng = np.random.default_rng(0)
    n, n_candidates, n_features = 600, 3, 2
    ys = np.arange(n) % n_candidates
    xs = rng.normal(0.0, 1.0, (n, n_candidates, n_features))
    xs[np.arange(n), ys, 1] += 1.0  # feature 1: weakly informative for every class
    xs[ys == 0, 0, 0] += 3.0  # feature 0: strongly informative for class 0 only
    shared, adjustments, biases = langid_eval._fit_bucket(xs, ys, False, True, 1)
    assert adjustments[0, 0] > adjustments[1, 0]
    assert adjustments[0, 0] > adjustments[2, 0]
    assert (adjustments >= 0).all()
    assert not adjustments[:, 1].any()  # only the first feature may be adjusted
    assert not biases.any()
    assert shared[1] > 0
    _shared, frozen, _biases = langid_eval._fit_bucket(xs, ys, False, False, 1)
    assert not frozen.any()
