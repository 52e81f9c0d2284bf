"""The reader: a file in, its pages out (text, words with boxes, the page image), in worker processes.

This is the extraction package's public API, called by the pipeline and the CLI:

* :func:`probe_document` checks size, type (by content), encryption and page count before any page is parsed.
* :func:`read_document` yields one :class:`ReadPage` per page, in page order, as soon as each is read; the caller
  saves each before asking for the next, and passes the pages already saved as ``skip_pages`` to resume.
* :class:`ReaderPool` holds the worker processes across documents. Without one, the module functions use a
  shared pool that lives until the process exits (or :func:`shutdown_default_pool`), so a case import pays
  worker start-up once, not per file.

Every failure is one typed error from ``examiner_app.errors`` whose message says what to do next; the calling
process never parses the file and survives whatever the file does to a worker.
"""

from __future__ import annotations

import atexit
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from examiner_app.domain import BBox, LanguageGuess, PageSource, PageText, TextBlock, Word
from examiner_app.errors import (
    ConfigurationError,
    ExaminerError,
    FileTooLargeError,
    MalformedFileError,
    OutOfMemoryError,
    ProcessingTimeoutError,
)
from examiner_app.extraction import registry
from examiner_app.extraction.ocr import HINT_MIN_CONFIDENCE, HINT_MIN_WORDS, NullOcrEngine, OcrEngine, TesseractEngine
from examiner_app.extraction.sandbox import (
    Job,
    TaskException,
    TaskMemoryError,
    TaskTimedOut,
    WorkerCrashed,
    WorkerPool,
    WorkerStartFailed,
)
from examiner_app.progress import ProgressReporter, check_cancelled

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadOptions:
    """How to read a document; frozen and passed whole to the workers (they read no global settings)."""

    ocr_languages: str | None = None  # Tesseract language string like "eng+ara"; None = automatic per page
    dpi: int = 300  # rasterization dpi for PDF pages without a text layer
    max_file_bytes: int = 512 * 1024**2
    max_pages: int = 2000
    max_pixels: int = 89_478_485  # Pillow's default bomb threshold; a warning is an error
    memory_limit_bytes: int = 2 * 1024**3  # RLIMIT_AS per worker
    page_timeout_s: float = 180.0
    document_timeout_s: float = 3600.0
    workers: int = 2  # processes; one page per process task
    ocr_enabled: bool = True  # False: pages without a text layer come back with empty text (AI/OCR off)
    # False: pages come back without their image (``image_png`` is b""), for callers that only want the text
    # (``examiner-app ocr`` and ``extract``): encoding a 300 dpi scan as PNG costs 26-70 ms a page, and rendering a
    # text-layer PDF page for display is most of the work of reading it.
    page_images: bool = True
    # Automatic mode only: the languages an earlier page of the same document was read with, tried first and
    # without OSD; a poor reading falls back to the full automatic choice (set by the reader, not by callers).
    ocr_languages_hint: str | None = None


@dataclass(frozen=True)
class ReadPage:
    """One page: ``page`` (text, words with boxes in pixels of ``image_png``, source, rotation, engine) and the
    PNG of the page image the boxes refer to (after rotation correction). Text-layer PDF pages are rendered at
    150 dpi; plain-text files, and every page read with ``ReadOptions.page_images`` False, have no image
    (``b""``); the boxes still refer to the page's ``width`` x ``height``."""

    page: PageText
    image_png: bytes


@dataclass(frozen=True)
class DocumentProbe:
    mime_type: str
    page_count: int


#: Types a worker may send back; anything else is refused when its result is unpickled.
_RESULT_TYPES = (PageText, Word, BBox, PageSource, LanguageGuess, TextBlock)
#: Parsers every file's probe needs, imported while no task's clock runs. Not pytesseract: pages are read through
#: Tesseract's C API, and pytesseract (only the fallback without libtesseract) would cost every one-shot
#: ``examiner-app ocr`` ~0.1-0.2 s of start-up (issue 17) for nothing.
#: Nor the PDF module: ~0.11 s of each worker's start that an image-only file never needs; a PDF's probe imports it.
_PRELOAD = (
    "examiner_app.extraction.images",
    "examiner_app.extraction.textfile",
)
#: A probe still waiting after this many page timeouts of wall-clock time is given up (see _probe).
PROBE_BACKSTOP_FACTOR = 10
#: How often a wait wakes up to look at the cancel flag and the document deadline.
_POLL_S = 0.1


class ReaderPool:
    """Worker processes kept across documents. A context manager; use it from one thread at a time.

    ``engine`` replaces the default OCR engine (TesseractEngine) — for tests and alternative engines; it must be
    picklable. When ``options.ocr_enabled`` is False, NullOcrEngine is used whatever ``engine`` is.
    """

    def __init__(self, engine: OcrEngine | None = None) -> None:
        self._engine = engine
        self._pool: WorkerPool | None = None
        self._lock = threading.Lock()

    # -- the API (same contracts as the module functions) ----------------------------------------

    def probe_document(self, path: Path, options: ReadOptions) -> DocumentProbe:
        with self._owned():
            return self._probe(Path(path), options)

    def read_document(
        self,
        path: Path,
        options: ReadOptions,
        progress: ProgressReporter,
        skip_pages: frozenset[int] = frozenset(),
    ) -> Iterator[ReadPage]:
        with self._owned():
            yield from self._read(Path(path), options, progress, skip_pages)

    def close(self) -> None:
        """Stop the worker processes. The pool starts new ones if used again."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------------

    def _owned(self) -> _Owned:
        return _Owned(self._lock)

    def _workers(self, options: ReadOptions) -> WorkerPool:
        pool = self._pool
        if (
            pool is None
            or pool.workers != max(1, options.workers)
            or pool.memory_limit_bytes != options.memory_limit_bytes
        ):
            if pool is not None:
                pool.close()
            pool = WorkerPool(
                workers=options.workers,
                memory_limit_bytes=options.memory_limit_bytes,
                result_types=_RESULT_TYPES,
                preload=_PRELOAD,
            )
            self._pool = pool
        return pool

    def _engine_for(self, options: ReadOptions) -> OcrEngine:
        if not options.ocr_enabled:
            return NullOcrEngine()
        return self._engine if self._engine is not None else TesseractEngine()

    def _probe(self, path: Path, options: ReadOptions) -> DocumentProbe:
        # Size and emptiness come from the file system; nothing of the file's content is read here.
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise MalformedFileError(path, "the file does not exist (moved or deleted?). Choose it again.") from exc
        except OSError as exc:
            raise MalformedFileError(
                path, f"the file cannot be opened ({exc.strerror}). Check its permissions."
            ) from exc
        if not path.is_file():
            raise MalformedFileError(path, "this is not a regular file. Choose the document itself.")
        if size == 0:
            raise MalformedFileError(path, "the file is empty (0 bytes). Ask for the original again.")
        if size > options.max_file_bytes:
            raise FileTooLargeError(
                path,
                f"the file is {size / 2**20:,.0f} MiB, over the limit of {options.max_file_bytes / 2**20:,.0f} MiB. "
                "Split it, or raise the file size limit in the settings if it is genuine.",
            )
        pool = self._workers(options)
        job = pool.submit(registry.probe_task, str(path), options, timeout_s=options.page_timeout_s)
        try:
            # The pool times the task by its own clock (not the wait for a CPU); this wall-clock backstop only
            # covers a probe that never gets a worker, generously enough for a machine busy with other work.
            _wait(pool, job, time.monotonic() + PROBE_BACKSTOP_FACTOR * options.page_timeout_s + 60.0, path)
        except BaseException:
            pool.cancel(job)
            raise
        mime_type, count = _outcome(job, path, None, options)
        return DocumentProbe(mime_type=mime_type, page_count=count)

    def _read(
        self, path: Path, options: ReadOptions, progress: ProgressReporter, skip_pages: frozenset[int]
    ) -> Iterator[ReadPage]:
        deadline = time.monotonic() + options.document_timeout_s
        check_cancelled(progress)
        engine = self._engine_for(options)
        # Binaries and packs are checked before any page is read, while a worker probes the file: the check asks
        # the ``tesseract`` binary once a process (~40 ms of a one-shot ``examiner-app ocr``).
        check = _InBackground(engine.check, options.ocr_languages)
        probe = self._probe(path, options)
        if probe.mime_type != registry.TEXT:
            check.result()
        total = probe.page_count
        todo = [index for index in range(total) if index + 1 not in skip_pages]
        done = total - len(todo)
        stage = "ocr" if probe.mime_type.startswith("image/") else "text"
        progress.update(done, total, stage)
        pool = self._workers(options)
        jobs: dict[int, Job] = {}
        submitted = 0
        # Keep every worker busy while the consumer saves a page (a page is queued for each worker beside the one it
        # reads, so a worker that finishes starts its next page at once), but read at most two pages per worker
        # ahead of the consumer, so a slow consumer does not make the reader hold many page images in memory.
        ahead = max(1, options.workers) * 2
        # Automatic OCR languages: the pages of one document are mostly in one language. Until the first page is
        # back only one page per worker is sent; the rest go with its languages as a hint (no OSD, no comparing
        # packs), and any page the hint reads poorly gets the full automatic choice.
        automatic = options.ocr_enabled and options.ocr_languages is None
        page_options = options
        first_back = False
        try:
            for position, index in enumerate(todo):
                while True:
                    limit = ahead if first_back or not automatic else pool.workers
                    while submitted < len(todo) and submitted - position < limit:
                        page_index = todo[submitted]
                        jobs[page_index] = pool.submit(
                            registry.read_page_task,
                            str(path),
                            probe.mime_type,
                            page_index,
                            page_options,
                            engine,
                            timeout_s=options.page_timeout_s,
                        )
                        submitted += 1
                    job = jobs[index]
                    if job.done:
                        break
                    check_cancelled(progress)
                    _check_deadline(deadline, options, path, index + 1)
                    running = [j for j in jobs.values() if not j.done]
                    pool.wait(running, timeout=min(_POLL_S, max(0.0, deadline - time.monotonic())))
                    if automatic and not first_back:
                        # Any page back, not only the next in order: a worker that finished a later page than
                        # the one awaited would otherwise sit idle until that one is back.
                        finished = [j for j in jobs.values() if j.done]
                        first_back = bool(finished)
                        hint = next((h for h in map(_hint_of, finished) if h), None)
                        if hint and page_options.ocr_languages_hint is None:
                            page_options = dataclasses.replace(options, ocr_languages_hint=hint)
                page, png = _outcome(jobs.pop(index), path, index + 1, options)
                first_back = True
                if automatic and page_options.ocr_languages_hint is None and _good_hint(page):
                    page_options = dataclasses.replace(options, ocr_languages_hint=page.ocr_languages)
                done += 1
                progress.update(done, total, "ocr" if page.source is PageSource.OCR else "text")
                # Cancellation is checked between pages: a page read is always handed over first.
                yield ReadPage(page=page, image_png=png)
                check_cancelled(progress)
        finally:
            for job in jobs.values():  # stopped early (error, cancel, consumer gone): free the workers now
                pool.cancel(job)


class _InBackground:
    """``function(*args)`` run in a thread at once; ``result()`` waits for it and raises what it raised."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self._outcome: tuple[Any, BaseException | None] = (None, None)
        self._thread = threading.Thread(target=self._run, args=(function, *args), daemon=True)
        self._thread.start()

    def _run(self, function: Callable[..., Any], *args: Any) -> None:
        try:
            self._outcome = (function(*args), None)
        except BaseException as exc:  # handed to the caller of result()
            self._outcome = (None, exc)

    def result(self) -> Any:
        self._thread.join()
        value, error = self._outcome
        if error is not None:
            raise error
        return value


class _Busy(RuntimeError):
    """A ReaderPool was used by two threads at once."""


class _Owned:
    """Holds a ReaderPool's lock for one call; a second concurrent call raises _Busy."""

    def __init__(self, lock: threading.Lock) -> None:
        self._lock = lock

    def __enter__(self) -> None:
        if not self._lock.acquire(blocking=False):
            raise _Busy("ReaderPool is in use by another document; give each thread its own ReaderPool")

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()


def _good_hint(page: PageText) -> bool:
    """A confidently read OCR page: its languages are worth trying first on the document's other pages."""
    return (
        page.source is PageSource.OCR
        and bool(page.ocr_languages)
        and len(page.words) >= HINT_MIN_WORDS
        and (page.mean_confidence or 0.0) >= HINT_MIN_CONFIDENCE
    )


def _hint_of(job: Job) -> str | None:
    """The languages of a finished page read well enough to hint the document's other pages, else None."""
    result = job.result if job.error is None and job.failure is None else None
    page = result[0] if isinstance(result, tuple) and result else None
    return page.ocr_languages if isinstance(page, PageText) and _good_hint(page) else None


def _check_deadline(deadline: float, options: ReadOptions, path: Path, page_number: int | None) -> None:
    if time.monotonic() > deadline:
        where = f" (stopped at page {page_number})" if page_number else ""
        raise ProcessingTimeoutError(
            path,
            f"reading the document took longer than {options.document_timeout_s / 60:,.0f} minutes{where}. "
            "Pages read so far are kept; import again to continue, or split the file.",
        )


def _wait(pool: WorkerPool, job: Job, deadline: float, path: Path) -> None:
    """Wait for a probe; the pool times the task itself, this also covers a task that never got a worker."""
    while not job.done:
        if time.monotonic() > deadline:
            raise ProcessingTimeoutError(path, "the file took too long to open. Ask for another copy.")
        pool.wait([job], timeout=_POLL_S)


def _outcome(job: Job, path: Path, page_number: int | None, options: ReadOptions) -> Any:
    """The job's result, or the typed error its failure means."""
    if job.error is not None:
        raise job.error
    failure = job.failure
    where = f"page {page_number}" if page_number else "opening the file"
    limit_mib = options.memory_limit_bytes / 2**20
    if isinstance(failure, WorkerStartFailed):
        raise ConfigurationError(
            f"The reader's worker processes cannot start under the {limit_mib:,.0f} MiB memory limit (they need "
            "about 300 MiB). Raise the memory limit in the settings, then import again."
        )
    if isinstance(failure, TaskTimedOut):
        raise ProcessingTimeoutError(
            path,
            f"{where} took longer than {failure.seconds:,.0f} s and was stopped. The page may be unusually complex "
            "or made to stall readers: try a rescan of it, or raise the page time limit in the settings.",
        )
    if isinstance(failure, TaskMemoryError) or (isinstance(failure, WorkerCrashed) and failure.probably_out_of_memory):
        raise OutOfMemoryError(
            path,
            f"{where} needed more than the {limit_mib:,.0f} MiB of memory allowed and was stopped (the file may "
            "be a decompression bomb). If the document is genuine, rescan it at 300 dpi or raise the memory limit "
            "in the settings.",
        )
    if isinstance(failure, WorkerCrashed):
        raise MalformedFileError(
            path,
            f"the reader crashed on {where} ({failure.signal_name}): the file is damaged or crafted, or needed more "
            f"than the {limit_mib:,.0f} MiB of memory allowed. Ask for another copy.",
        )
    if isinstance(failure, TaskException):
        log.error("reader task failed on %s, %s: %s: %s", path.name, where, failure.kind, failure.message)
        raise MalformedFileError(
            path,
            f"{where} could not be read ({failure.kind}: {failure.message[:120]}). The file is probably damaged; "
            "ask for another copy.",
        )
    result = job.result
    if not isinstance(result, tuple):
        raise ExaminerError(f"{path.name}: the reader returned nothing for {where}. Report this, with the file.")
    return result


# --- module-level API: a shared pool ---------------------------------------------------------------

_default_pool: ReaderPool | None = None
_default_lock = threading.Lock()


def _shared_pool() -> ReaderPool:
    global _default_pool
    with _default_lock:
        if _default_pool is None:
            _default_pool = ReaderPool()
            atexit.register(shutdown_default_pool)
        return _default_pool


def shutdown_default_pool() -> None:
    """Stop the shared pool's workers (at exit, or when the app wants the memory back)."""
    global _default_pool
    with _default_lock:
        pool, _default_pool = _default_pool, None
    if pool is not None:
        pool.close()


def probe_document(path: Path, options: ReadOptions, *, pool: ReaderPool | None = None) -> DocumentProbe:
    """Type (by content), page count, encryption and size limits of ``path``, checked in a worker before any
    page is parsed. Raises UnsupportedFormatError, EncryptedFileError, MalformedFileError, FileTooLargeError,
    ProcessingTimeoutError or OutOfMemoryError."""
    if pool is not None:
        return pool.probe_document(path, options)
    shared = _shared_pool()
    try:
        return shared.probe_document(path, options)
    except _Busy:
        with ReaderPool() as private:
            return private.probe_document(path, options)


def read_document(
    path: Path,
    options: ReadOptions,
    progress: ProgressReporter,
    skip_pages: frozenset[int] = frozenset(),
    *,
    pool: ReaderPool | None = None,
) -> Iterator[ReadPage]:
    """Yield the pages of ``path`` in page order, each as soon as it is read.

    ``skip_pages`` holds 1-based numbers of pages already saved (a resumed import). ``progress.update(done,
    total, "ocr" | "text")`` follows every page; ``progress.cancelled()`` is checked between pages and while
    waiting (CancelledError; pages already yielded stay yielded). Raises the typed errors of
    :func:`probe_document`, plus MissingDependencyError (Tesseract or a language pack missing),
    ProcessingTimeoutError (a page over ``page_timeout_s`` or the document over ``document_timeout_s``) and
    OcrError.
    """
    if pool is not None:
        yield from pool.read_document(path, options, progress, skip_pages)
        return
    try:
        # _Busy can only come before the first page, so falling back cannot repeat a page.
        yield from _shared_pool().read_document(path, options, progress, skip_pages)
        return
    except _Busy:
        pass
    with ReaderPool() as private:  # another thread is reading with the shared pool
        yield from private.read_document(path, options, progress, skip_pages)
