"""Detector tables on disk (issue 17, start-up): the votes read from them are the loaded models' votes, bit for bit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from examiner_app.extraction.language import _detectors, _ngrams, _tables, detect_language

TEXTS = (
    "The applicant left her home town in March 2019 after her brother was arrested.",
    "Le demandeur a quitté son village après l'arrestation de son frère.",
    "Başvuru sahibi kardeşi tutuklandıktan sonra köyünü terk etti.",
    "درخواست کننده پس از دستگیری برادرش روستای خود را ترک کرد.",
    "غادر مقدم الطلب قريته بعد اعتقال شقيقه.",
    "Заявитель покинул деревню после ареста брата.",
    "आवेदक ने अपने भाई की गिरफ्तारी के बाद गांव छोड़ दिया।",
    "Merhaba, nasılsın?",
    "zzkv qxw",
)
#: Detectors whose tables are on disk; Lingua, CLD2 and fastText load their own small models.
ON_DISK = ("langdetect", "py3langid", "wordfreq")


def _forget() -> None:
    for loader in (
        _detectors._langdetect_table_factory,
        _detectors._py3langid_mapped,
        _detectors._word_frequency_table,
    ):
        loader.cache_clear()
    _ngrams.install(None)


@pytest.fixture
def fresh_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    _forget()
    monkeypatch.setenv(_tables.CACHE_DIR_ENV, str(tmp_path))
    yield tmp_path
    _forget()


def _votes(monkeypatch: pytest.MonkeyPatch, *, tables: bool) -> list[tuple[object, ...]]:
    monkeypatch.setenv(_tables.SWITCH_ENV, "1" if tables else "0")
    _forget()
    out: list[tuple[object, ...]] = []
    for text in TEXTS:
        votes = {name: _detectors.DETECTORS[name](text, None) for name in ON_DISK}
        ngrams = {script: _ngrams.log_likelihoods(text, script) for script in ("Latin", "Arabic", "Cyrillic")}
        out.append((votes, ngrams, detect_language(text)))
    return out


def test_votes_from_the_tables_are_the_loaded_models_votes(fresh_tables: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _votes(monkeypatch, tables=False)
    # wordfreq's table takes ~10 s to write whole: here it is written from the real lists cut to the words asked
    # about (every word a vote looks up is in it, or in no list at all), the other tables whole.
    words = {w.casefold() for text in TEXTS for w in _detectors._WORD.findall(text)}
    full = _detectors._word_frequencies()
    assert full is not None
    cut = {code: {w: f for w, f in frequencies.items() if w in words} for code, frequencies in full.items()}
    monkeypatch.setattr(_detectors, "_word_frequencies", lambda: cut)

    built = _votes(monkeypatch, tables=True)  # the first process: writes the tables, then reads them
    names = sorted(p.name.split("-")[0] for p in (fresh_tables / "detectors").iterdir())
    assert names == ["langdetect", "ngrams", "py3langid", "wordfreq"]
    warm = _votes(monkeypatch, tables=True)  # a later process: reads them only
    assert built == loaded
    assert warm == loaded
    assert isinstance(_detectors._word_frequency_table(), _detectors._SparseWordRows)
    assert not isinstance(_detectors._langdetect_table_factory().word_lang_prob_map, dict)


def test_an_unwritable_cache_folder_leaves_the_tables_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder would go", encoding="utf-8")
    monkeypatch.setenv(_tables.CACHE_DIR_ENV, str(blocker))
    assert _tables.vector_table("t", "stamp", lambda: ({}, iter([("a", (1.0,))]))) is None
    assert _tables.array_folder("t", "stamp", lambda: {"meta": {}}) is None
