"""The language-ID evaluation's paired comparison with the best single detector."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))

import langid_eval  # noqa: E402


def test_mcnemar_p_values() -> None:
    assert langid_eval.mcnemar_p(0, 0) == 1.0
    assert langid_eval.mcnemar_p(0, 1) == 1.0
    assert langid_eval.mcnemar_p(0, 2) == pytest.approx(0.5)
    assert langid_eval.mcnemar_p(3, 3) == 1.0
    assert langid_eval.mcnemar_p(2, 9) == pytest.approx(langid_eval.mcnemar_p(9, 2))
    assert langid_eval.mcnemar_p(2, 9) == pytest.approx(2 * (1 + 11 + 55) / 2**11)
    assert langid_eval.mcnemar_p(0, 34) < 1e-9


def test_score_counts_items_only_one_side_got_right() -> None:
    singles = dict.fromkeys(langid_eval.SINGLES, "und")
    items = [langid_eval.Item("tico", "sentences", "am", f"text {i}", "test") for i in range(5)]
    # Ours right on 0-2; the best detector (py3langid) right on 2-4.
    results = [
        {"ours": "am" if i <= 2 else "ti", "singles": {**singles, "py3langid": "am" if i >= 2 else "ti"}}
        for i in range(5)
    ]
    entry = langid_eval.score(items, results, "test")["categories"]["sentences"]["am"]
    assert entry["ours"] == pytest.approx(0.6)
    assert entry["py3langid"] == pytest.approx(0.6)
    assert entry["vs_best"] == {"detector": "py3langid", "ours_only": 2, "best_only": 2, "p": 1.0}
