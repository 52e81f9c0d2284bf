"""The in-memory vector index: a filtered search multiplies only the filtered rows, with the same scores."""

from __future__ import annotations

import numpy as np

from examiner_app.coi.library import VectorIndex


def test_scores_with_a_report_mask_equal_the_full_scores_on_those_rows() -> None:
    rng = np.random.default_rng(3)
    matrix = rng.normal(size=(60, 8)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    index = VectorIndex(
        "test",
        np.arange(1, 61, dtype=np.int64),
        (np.arange(60) % 3).astype(np.int32),  # three reports
        matrix,
        (np.arange(60) % 2).astype(np.int32),  # two languages: the language offsets apply
        ["en", "ja"],
    )
    query = matrix[4]
    full = index.scores(query)
    mask = np.array([False, True, False])
    masked = index.scores(query, mask)
    rows = index.doc_index == 1
    np.testing.assert_allclose(masked[rows], full[rows], rtol=1e-6)
    assert np.all(np.isneginf(masked[~rows]))
    best = index.top_k(masked, 5, mask)
    assert [pid for pid, _ in best] == [pid for pid, _ in index.top_k(full, 5, mask)]
