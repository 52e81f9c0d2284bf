"""The pipeline's stages with a fake reader: saved before the next, resumable, one state per file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from examiner_app.domain import BBox, DocumentStatus, PageSource, PageText, SuggestionStatus, Word
from examiner_app.errors import EncryptedFileError
from examiner_app.extraction import reader
from examiner_app.pipeline import Pipeline, PipelineContext
from examiner_app.progress import NullProgress, ProgressReporter
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow

PAGES = [
    "Name: Kamal Perera\nDate of birth: 12 March 1990\nNationality: Sri Lankan",
    "I was arrested by the police in Colombo on 4 May 2021.",
    "I arrived at Narita Airport on 2 February 2022.",
]


def fake_page(number: int, text: str) -> reader.ReadPage:
    words = []
    offset = 0
    for i, token in enumerate(text.split(" ")):
        words.append(Word(token, offset, offset + len(token), BBox(10 * i, 10, 10 * i + 9, 20), 0.9, 1, 1))
        offset += len(token) + 1
    page = PageText(number, text, tuple(words), PageSource.OCR, 0.9, 0, 1000, 1400, 300, engine="fake@1")
    return reader.ReadPage(page=page, image_png=b"png-bytes-%d" % number)


class FakeReader:
    """Stands in for the worker-process reader; can crash after N pages like a killed process."""

    def __init__(self, crash_after: int | None = None) -> None:
        self.crash_after = crash_after
        self.skip_seen: list[frozenset[int]] = []

    def probe(self, path: Path, options: reader.ReadOptions) -> reader.DocumentProbe:
        if path.read_bytes().startswith(b"ENCRYPTED"):
            raise EncryptedFileError(
                path, "the PDF is password-protected. Ask the applicant's representative for the password."
            )
        return reader.DocumentProbe(mime_type="image/tiff", page_count=len(PAGES))

    def read(
        self,
        path: Path,
        options: reader.ReadOptions,
        progress: ProgressReporter,
        skip_pages: frozenset[int] = frozenset(),
    ) -> Iterator[reader.ReadPage]:
        self.skip_seen.append(skip_pages)
        for number, text in enumerate(PAGES, start=1):
            if number in skip_pages:
                continue
            if self.crash_after is not None and number > self.crash_after:
                raise SystemExit("simulated crash")  # not an Exception: nothing in the pipeline catches it
            yield fake_page(number, text)


@pytest.fixture
def fake_reader(monkeypatch: pytest.MonkeyPatch) -> FakeReader:
    fake = FakeReader()
    monkeypatch.setattr("examiner_app.pipeline.probe_document", fake.probe)
    monkeypatch.setattr("examiner_app.pipeline.read_document", fake.read)
    return fake


def make_case(store: Store) -> str:
    with store.session() as session:
        return repo.create_case(session, "Pipeline case").id


def pipeline(store: Store) -> Pipeline:
    return Pipeline(store, PipelineContext(ai_enabled=False))


def test_import_saves_original_pages_languages_and_pending_suggestions(
    store: Store, fake_reader: FakeReader, tmp_path: Path
) -> None:
    case_id = make_case(store)
    file = tmp_path / "statement.tif"
    file.write_bytes(b"original bytes")
    (outcome,) = pipeline(store).import_files(case_id, [file])
    assert outcome.status is DocumentStatus.DONE, outcome.error
    with store.session() as session:
        assert repo.document_content(session, outcome.document_id or "") == b"original bytes"
        pages = repo.list_pages(session, outcome.document_id or "")
        assert [p.page_number for p in pages] == [1, 2, 3]
        assert all(p.languages for p in pages)
        assert pages[0].languages[0].code == "en"
        suggestions = repo.list_suggestions(session, case_id)
        assert suggestions, "rules found nothing on a page with a labelled name and dates"
        assert {s.status for s in suggestions} == {SuggestionStatus.PENDING}
        for s in suggestions:
            assert s.provenance is not None
            page = pages[s.provenance.page - 1]
            assert page.text[s.provenance.start : s.provenance.end] == s.value
            assert s.provenance.bboxes, f"{s.field} has no word boxes"
        actions = session.execute(select(AuditEventRow.action)).scalars().all()
        assert actions[:2] == ["document.import", "document.text_extracted"]
        assert "suggestions.generate" in actions


def test_crash_mid_import_keeps_saved_pages_and_resumes(store: Store, fake_reader: FakeReader, tmp_path: Path) -> None:
    case_id = make_case(store)
    file = tmp_path / "statement.tif"
    file.write_bytes(b"original bytes")
    fake_reader.crash_after = 1
    with pytest.raises(SystemExit):
        pipeline(store).import_files(case_id, [file])
    with store.session() as session:
        (document,) = repo.list_documents(session, case_id)
        assert document.status is DocumentStatus.IMPORTED
        assert repo.saved_page_numbers(session, document.id) == {1}
    fake_reader.crash_after = None
    (outcome,) = pipeline(store).import_files(case_id, [file])  # same file again: resumes, no duplicate
    assert outcome.status is DocumentStatus.DONE
    assert fake_reader.skip_seen[-1] == {1}
    with store.session() as session:
        assert len(repo.list_documents(session, case_id)) == 1
        assert repo.saved_page_numbers(session, outcome.document_id or "") == {1, 2, 3}


def test_resume_reads_the_stored_original_when_the_source_is_gone(
    store: Store, fake_reader: FakeReader, tmp_path: Path
) -> None:
    case_id = make_case(store)
    file = tmp_path / "statement.tif"
    file.write_bytes(b"original bytes")
    fake_reader.crash_after = 2
    with pytest.raises(SystemExit):
        pipeline(store).import_files(case_id, [file])
    file.unlink()
    fake_reader.crash_after = None
    (outcome,) = pipeline(store).resume_unfinished(case_id)
    assert outcome.status is DocumentStatus.DONE
    assert fake_reader.skip_seen[-1] == {1, 2}


def test_a_bad_file_gets_its_own_state_and_the_rest_of_the_case_is_kept(
    store: Store, fake_reader: FakeReader, tmp_path: Path
) -> None:
    case_id = make_case(store)
    good = tmp_path / "good.tif"
    good.write_bytes(b"fine")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"ENCRYPTED pdf")
    outcomes = pipeline(store).import_files(case_id, [locked, good])
    assert [o.status for o in outcomes] == [DocumentStatus.ENCRYPTED, DocumentStatus.DONE]
    assert "password" in outcomes[0].error
    with store.session() as session:
        statuses = {d.file_name: d.status for d in repo.list_documents(session, case_id)}
        assert statuses == {"locked.pdf": DocumentStatus.ENCRYPTED, "good.tif": DocumentStatus.DONE}


def test_cancel_keeps_finished_pages_and_import_again_resumes(
    store: Store, fake_reader: FakeReader, tmp_path: Path
) -> None:
    class CancelAfterFirstPage(NullProgress):
        def __init__(self) -> None:
            self.pages = 0

        def update(self, done: int, total: int, stage: str) -> None:
            if "reading" in stage:
                self.pages = done

        def cancelled(self) -> bool:
            return self.pages >= 1

    case_id = make_case(store)
    file = tmp_path / "statement.tif"
    file.write_bytes(b"original bytes")
    (outcome,) = pipeline(store).import_files(case_id, [file], CancelAfterFirstPage())
    assert outcome.status is DocumentStatus.CANCELLED
    with store.session() as session:
        assert repo.saved_page_numbers(session, outcome.document_id or "") == {1}
    (outcome,) = pipeline(store).import_files(case_id, [file])
    assert outcome.status is DocumentStatus.DONE


def test_too_large_file_is_recorded_without_parsing(store: Store, fake_reader: FakeReader, tmp_path: Path) -> None:
    case_id = make_case(store)
    big = tmp_path / "big.tif"
    big.write_bytes(b"x" * 2048)
    small_limit = Pipeline(
        store, PipelineContext(read_options=reader.ReadOptions(max_file_bytes=1024), ai_enabled=False)
    )
    (outcome,) = small_limit.import_files(case_id, [big])
    assert outcome.status is DocumentStatus.TOO_LARGE
    assert fake_reader.skip_seen == []  # never handed to a reader
