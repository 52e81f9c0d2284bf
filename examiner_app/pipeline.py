"""The import pipeline: file -> stored original -> pages -> languages -> fact suggestions.

Each stage's result is committed before the next starts and the document's status says which
stage it reached, so a crash or a cancel loses nothing that was saved and ``process_document``
resumes where it stopped (pages already saved are not read again). Every file ends in exactly
one state; a failed file never stops the rest of the case. The pipeline only ever *suggests*:
it writes Suggestions with status ``pending`` and never a Decision.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.orm import Session

from examiner_app import audit
from examiner_app.domain import (
    Document,
    DocumentStatus,
    PageText,
    Suggestion,
)
from examiner_app.errors import CancelledError, ExaminerError, FileTooLargeError
from examiner_app.extraction.facts import default_extractors
from examiner_app.extraction.facts.base import FactExtractor
from examiner_app.extraction.language import detect_page_languages
from examiner_app.extraction.reader import ReadOptions, probe_document, read_document
from examiner_app.fact_suggestions import suggestions_for_page
from examiner_app.progress import NullProgress, ProgressReporter, check_cancelled
from examiner_app.store import Store, stage_results
from examiner_app.store import repositories as repo

log = logging.getLogger(__name__)

CHUNK = 1 << 20


@dataclass(frozen=True)
class PipelineContext:
    """Everything a pipeline run needs, frozen and passed in: workers never read global settings."""

    read_options: ReadOptions = field(default_factory=ReadOptions)
    ai_enabled: bool = True
    models_dir: Path | None = None
    actor: str = audit.SYSTEM_ACTOR


@dataclass(frozen=True)
class ImportOutcome:
    file: str
    document_id: str | None
    status: DocumentStatus
    error: str = ""
    pages: int = 0
    suggestions: int = 0
    duplicate: bool = False


class _StagedProgress:
    """Prefixes the stage with the file being worked on, so the user sees where the import is."""

    def __init__(self, inner: ProgressReporter, prefix: str) -> None:
        self._inner = inner
        self._prefix = prefix

    def update(self, done: int, total: int, stage: str) -> None:
        self._inner.update(done, total, f"{self._prefix} · {stage}")

    def cancelled(self) -> bool:
        return self._inner.cancelled()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Pipeline:
    """Runs documents through the stages. One instance per job; it opens its own sessions."""

    def __init__(
        self, store: Store, context: PipelineContext, extractors: Sequence[FactExtractor] | None = None
    ) -> None:
        self.store = store
        self.context = context
        self._extractors = list(extractors) if extractors is not None else None

    @property
    def extractors(self) -> list[FactExtractor]:
        if self._extractors is None:  # models load on first use, not at start-up
            self._extractors = default_extractors(self.context.models_dir, ai_enabled=self.context.ai_enabled)
        return self._extractors

    # --- import ------------------------------------------------------------------------------

    def import_files(
        self,
        case_id: str,
        paths: Iterable[Path],
        progress: ProgressReporter | None = None,
        on_outcome: Callable[[ImportOutcome], None] | None = None,
    ) -> list[ImportOutcome]:
        progress = progress or NullProgress()
        paths = list(paths)
        outcomes: list[ImportOutcome] = []
        for index, path in enumerate(paths, start=1):
            check_cancelled(progress)
            staged = _StagedProgress(progress, f"{index}/{len(paths)} {path.name}")
            outcome = self.import_file(case_id, path, staged)
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
            if outcome.status is DocumentStatus.CANCELLED:
                break
        return outcomes

    def import_file(self, case_id: str, path: Path, progress: ProgressReporter | None = None) -> ImportOutcome:
        """Store the original (once per case), then run or resume the stages on it."""
        progress = progress or NullProgress()
        path = Path(path)
        with self.store.session() as session:
            document, outcome = self.store_original(session, case_id, path)
        if outcome is not None:
            return outcome
        assert document is not None
        return self.process_document(document.id, progress, source_path=path)

    def store_original(
        self, session: Session, case_id: str, path: Path
    ) -> tuple[Document | None, ImportOutcome | None]:
        """Store the file's original in the case (once: the case's unique sha256), audited as ``document.import``.

        Returns the document still to process, or the outcome when there is nothing to do (unreadable, too
        large, or a duplicate that already finished). In the caller's session, so a caller can defer the
        document's jobs in the same transaction (agency mode).
        """
        try:
            size = path.stat().st_size
            sha = sha256_of(path)
        except OSError as exc:
            return None, ImportOutcome(
                path.name,
                None,
                DocumentStatus.FAILED,
                f"{path.name}: cannot read the file ({exc.strerror}). Check that it exists and you may read it.",
            )
        existing = repo.find_document_by_hash(session, case_id, sha)
        if existing is not None and existing.status.is_finished:
            return None, ImportOutcome(
                path.name, existing.id, existing.status, existing.error, existing.page_count, duplicate=True
            )
        if existing is not None:
            return existing, None
        too_large = size > self.context.read_options.max_file_bytes
        content = b"" if too_large else path.read_bytes()
        document = repo.add_document(session, case_id, path.name, content, sha, "application/octet-stream")
        audit.record(
            session,
            self.context.actor,
            "document.import",
            case_id=case_id,
            subject=document.id,
            details={"file": path.name, "sha256": sha, "size": size},
        )
        if too_large:
            error = FileTooLargeError(
                path,
                f"the file is {size / 2**20:.0f} MiB, over the {self.context.read_options.max_file_bytes / 2**20:.0f} MiB "
                "limit. Split it into smaller files or ask an administrator to raise the limit.",
            )
            self.fail(session, document, error)
            return None, ImportOutcome(path.name, document.id, DocumentStatus.TOO_LARGE, error.message)
        return document, None

    # --- stages ------------------------------------------------------------------------------

    def process_document(
        self, document_id: str, progress: ProgressReporter | None = None, *, source_path: Path | None = None
    ) -> ImportOutcome:
        """Run the remaining stages of one stored document; safe to call again after a crash."""
        progress = progress or NullProgress()
        with self.store.session() as session:
            document = repo.get_document(session, document_id)
        try:
            if document.status in (DocumentStatus.IMPORTED, DocumentStatus.CANCELLED):
                self._read_pages(document, progress, source_path)
            with self.store.session() as session:
                document = repo.get_document(session, document_id)
            if document.status is DocumentStatus.TEXT_EXTRACTED:
                self._detect_languages(document, progress)
                document = self._reload(document_id)
            if document.status is DocumentStatus.LANGUAGES_DETECTED:
                self._suggest_facts(document, progress)
                document = self._reload(document_id)
        except CancelledError as exc:
            with self.store.session() as session:
                repo.set_document_status(session, document_id, DocumentStatus.CANCELLED, error=exc.message)
                audit.record(
                    session, self.context.actor, "document.cancelled", case_id=document.case_id, subject=document_id
                )
            return ImportOutcome(document.file_name, document_id, DocumentStatus.CANCELLED, exc.message)
        except ExaminerError as exc:
            with self.store.session() as session:
                self.fail(session, document, exc)
            return ImportOutcome(document.file_name, document_id, DocumentStatus(self._state_of(exc)), exc.message)
        except Exception as exc:  # a bug must not lose the case: record it on the document and go on
            log.exception("Unexpected failure on %s", document.file_name)
            error = ExaminerError(
                f"{document.file_name}: unexpected error ({exc.__class__.__name__}: {exc}). The file is kept; "
                "report this with the audit log and try importing it again."
            )
            with self.store.session() as session:
                self.fail(session, document, error)
            return ImportOutcome(document.file_name, document_id, DocumentStatus.FAILED, error.message)
        with self.store.session() as session:
            pending = sum(
                1
                for s in repo.list_suggestions(session, document.case_id)
                if s.provenance is not None and s.provenance.document_id == document_id
            )
        return ImportOutcome(
            document.file_name, document_id, document.status, document.error, document.page_count, pending
        )

    def _reload(self, document_id: str) -> Document:
        with self.store.session() as session:
            return repo.get_document(session, document_id)

    @staticmethod
    def _state_of(exc: ExaminerError) -> str:
        return exc.state if exc.state in DocumentStatus._value2member_map_ else DocumentStatus.FAILED.value

    def fail(self, session: Session, document: Document, exc: ExaminerError) -> None:
        """Record the typed error on the document (its state and message) and audit ``document.failed``."""
        status = DocumentStatus(self._state_of(exc))
        repo.set_document_status(session, document.id, status, error=exc.message)
        audit.record(
            session,
            self.context.actor,
            "document.failed",
            case_id=document.case_id,
            subject=document.id,
            details={"file": document.file_name, "state": status.value, "error": exc.message},
        )

    @contextmanager
    def _original_path(self, document: Document, source_path: Path | None) -> Iterator[Path]:
        """A path the worker processes can read the original from: the source file when it is
        still the same bytes, else the stored original in a private temporary folder (mode 0700)."""
        if source_path is not None and source_path.exists() and sha256_of(source_path) == document.sha256:
            yield source_path
            return
        with tempfile.TemporaryDirectory(prefix="examiner-") as tmp:
            with self.store.session() as session:
                content = repo.document_content(session, document.id)
            path = Path(tmp) / f"original{Path(document.file_name).suffix}"
            path.write_bytes(content)
            yield path

    def reread_page(
        self, document_id: str, page_number: int, ocr_languages: str | None, progress: ProgressReporter | None = None
    ) -> PageText:
        """OCR one page again with the languages the examiner picked, then regenerate the document's
        pending suggestions (decided ones are kept). Audited as ``page.reocr``."""
        progress = progress or NullProgress()
        document = self._reload(document_id)
        if document.status not in (
            DocumentStatus.DONE,
            DocumentStatus.LANGUAGES_DETECTED,
            DocumentStatus.TEXT_EXTRACTED,
        ):
            raise ExaminerError(f"{document.file_name} has not been read yet; import it first, then read pages again.")
        options = replace(self.context.read_options, ocr_languages=ocr_languages or None)
        page: PageText | None = None
        with self._original_path(document, None) as path:
            probe = probe_document(path, options)
            if not 1 <= page_number <= probe.page_count:
                raise ExaminerError(f"{document.file_name} has no page {page_number}.")
            skip = frozenset(range(1, probe.page_count + 1)) - {page_number}
            for read in read_document(path, options, progress, skip_pages=skip):
                page = detect_page_languages(read.page)
                with self.store.session() as session:
                    repo.save_page(session, document.id, page, read.image_png)
                    audit.record(
                        session,
                        self.context.actor,
                        "page.reocr",
                        case_id=document.case_id,
                        subject=document.id,
                        details={"page": page_number, "ocr_languages": page.ocr_languages, "requested": ocr_languages},
                    )
        if page is None:
            raise ExaminerError(f"Page {page_number} of {document.file_name} could not be read again.")
        self._suggest_facts(self._reload(document_id), progress)
        return page

    def _read_pages(self, document: Document, progress: ProgressReporter, source_path: Path | None) -> None:
        options = self.context.read_options
        with self._original_path(document, source_path) as path:
            probe = probe_document(path, options)
            with self.store.session() as session:
                repo.set_document_status(
                    session,
                    document.id,
                    DocumentStatus.IMPORTED,
                    page_count=probe.page_count,
                    mime_type=probe.mime_type,
                )
                done = repo.saved_page_numbers(session, document.id)
            progress.update(len(done), probe.page_count, "reading text")
            count = len(done)
            for read in read_document(path, options, progress, skip_pages=done):
                with self.store.session() as session:
                    # The same idempotent write as the agency workers' (store.stage_results).
                    stage_results.save_page_once(session, document.id, read.page, read.image_png)
                count += 1
                progress.update(count, probe.page_count, "reading text")
                check_cancelled(progress)
        with self.store.session() as session:
            repo.set_document_status(session, document.id, DocumentStatus.TEXT_EXTRACTED, page_count=probe.page_count)
            pages = repo.list_pages(session, document.id)
            audit.record(
                session,
                self.context.actor,
                "document.text_extracted",
                case_id=document.case_id,
                subject=document.id,
                details={
                    "pages": len(pages),
                    "engines": sorted({p.engine for p in pages}),
                    "ocr_languages": sorted({p.ocr_languages for p in pages if p.ocr_languages}),
                },
            )

    def _detect_languages(self, document: Document, progress: ProgressReporter) -> None:
        with self.store.session() as session:
            pages = repo.list_pages(session, document.id)
            for index, page in enumerate(pages, start=1):
                repo.update_page_languages(session, document.id, detect_page_languages(page))
                progress.update(index, len(pages), "detecting languages")
            repo.set_document_status(session, document.id, DocumentStatus.LANGUAGES_DETECTED)

    def _suggest_facts(self, document: Document, progress: ProgressReporter) -> None:
        with self.store.session() as session:
            pages = repo.list_pages(session, document.id)
        extractors = self.extractors
        suggestions: list[Suggestion] = []
        for index, page in enumerate(pages, start=1):
            check_cancelled(progress)
            suggestions.extend(self.suggestions_for_page(document, page, extractors))
            progress.update(index, len(pages), "suggesting facts")
        with self.store.session() as session:
            repo.delete_pending_suggestions(session, document.id)
            for suggestion in suggestions:
                repo.add_suggestion(session, document.case_id, suggestion)
            repo.set_document_status(session, document.id, DocumentStatus.DONE)
            input_hash = hashlib.sha256("\f".join(p.text for p in pages).encode("utf-8")).hexdigest()
            audit.record(
                session,
                self.context.actor,
                "suggestions.generate",
                case_id=document.case_id,
                subject=document.id,
                details={
                    "count": len(suggestions),
                    "input_sha256": input_hash,
                    "engines": sorted({str(s.provenance.model) for s in suggestions if s.provenance}),
                    "ai_enabled": self.context.ai_enabled,
                },
            )

    @staticmethod
    def suggestions_for_page(
        document: Document, page: PageText, extractors: Sequence[FactExtractor]
    ) -> list[Suggestion]:
        """Fact candidates of one page, with provenance down to the OCR word boxes."""
        return suggestions_for_page(document, page, extractors)

    def resume_unfinished(self, case_id: str, progress: ProgressReporter | None = None) -> list[ImportOutcome]:
        """Finish every document of the case that a crash or cancel left half-way."""
        with self.store.session() as session:
            unfinished = [
                d
                for d in repo.list_documents(session, case_id)
                if not d.status.is_finished or d.status is DocumentStatus.CANCELLED
            ]
        return [self.process_document(d.id, progress) for d in unfinished]
