"""The hostile corpus (tests/data/make_hostile.py): each file ends in exactly one typed error, or reads fine,
and this process — the one that would be the GUI — survives all of them with its workers still usable."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from examiner_app import errors
from examiner_app.extraction.reader import ReaderPool, ReadOptions, probe_document, read_document
from examiner_app.progress import NullProgress
from tests.data import make_hostile

# A lower memory cap than the default 2 GiB: the inflate bomb then fails in ~0.5 s instead of ~6 s.
OPTIONS = ReadOptions(ocr_languages="eng", memory_limit_bytes=768 * 2**20, page_timeout_s=60)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_hostile.make_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def pool() -> Iterator[ReaderPool]:
    with ReaderPool() as shared:
        yield shared


def read(path: Path, pool: ReaderPool) -> list[object]:
    probe_document(path, OPTIONS, pool=pool)
    return list(read_document(path, OPTIONS, NullProgress(), pool=pool))


@pytest.mark.parametrize("item", make_hostile.CORPUS, ids=lambda item: item.name)
def test_each_hostile_file_ends_in_exactly_one_typed_error(
    item: make_hostile.Hostile, corpus: dict[str, Path], pool: ReaderPool
) -> None:
    path = corpus[item.name]
    expected = item.expected
    started = time.monotonic()
    if expected is None:
        assert read(path, pool)  # reads, whatever its name says
        return
    with pytest.raises(errors.ExaminerError) as caught:
        read(path, pool)
    error = caught.value
    assert type(error).__name__ == expected, f"{item.name}: {type(error).__name__}: {error}"
    assert str(error).startswith(f"{path.name}: ")
    assert len(str(error)) > len(path.name) + 30  # a sentence saying what happened and what to do
    assert error.__cause__ is None or not isinstance(error.__cause__, errors.ExaminerError)
    # No hang: each file ends by itself or by the page limit; seconds on a quiet machine, more under load.
    assert time.monotonic() - started < OPTIONS.page_timeout_s + 30


def test_the_workers_still_read_after_the_whole_corpus(
    corpus: dict[str, Path], pool: ReaderPool, tmp_path: Path
) -> None:
    for path in corpus.values():
        with contextlib.suppress(errors.ExaminerError):
            read(path, pool)
    good = tmp_path / "good.txt"
    good.write_text("Name: Kamal Perera")
    assert read(good, pool)


def test_files_over_the_size_limit_are_refused_before_any_worker_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b" " * 4096)
    with pytest.raises(errors.FileTooLargeError, match="over the limit of"):
        probe_document(path, ReadOptions(max_file_bytes=1024))


def test_page_limit_is_checked_from_the_page_tree(corpus: dict[str, Path], pool: ReaderPool) -> None:
    started = time.monotonic()
    with pytest.raises(errors.FileTooLargeError, match="50,000 pages"):
        probe_document(corpus["50000-pages.pdf"], OPTIONS, pool=pool)
    # From the page tree: ~50 ms measured (plus a worker start if this test runs first); reading 50,000 pages
    # would take hours, so a generous bound for a loaded machine still tells the two apart.
    assert time.monotonic() - started < 30
    probe = probe_document(corpus["50000-pages.pdf"], ReadOptions(max_pages=60_000), pool=pool)
    assert probe.page_count == 50_000
