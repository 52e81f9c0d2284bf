"""Importing COI reports: PDF, HTML and plain text, split into cited passages, embedded, stored.

Metadata comes from the options (``--country`` etc.) or a sidecar ``FILE.meta.json`` beside the
file with the keys ``source``, ``title``, ``country``, ``published``, ``url`` (and optionally
``language``, ``source_full``, ``fictional``); options win over the sidecar. ``source``, ``title``,
``country`` and ``published`` are required because a citation needs them.

Work happens in two steps so no database transaction waits on the embedding engine:
:func:`prepare` reads, splits and embeds a file (no database), :func:`save` writes it and its
audit event in one transaction. A file already in the library (same sha256) is not read again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from examiner_app import audit
from examiner_app.coi import library as coi_library
from examiner_app.coi import repository as coi_repo
from examiner_app.coi.embeddings import EmbeddingEngine, NullEmbedder, to_bytes
from examiner_app.coi.text import Paragraph, country_code, country_name, embedding_input, index_text, split_paragraphs
from examiner_app.coi.types import ImportedReport
from examiner_app.errors import (
    CancelledError,
    EncryptedFileError,
    FileTooLargeError,
    InputFileError,
    MalformedFileError,
    UnsupportedFormatError,
)
from examiner_app.progress import ProgressReporter
from examiner_app.store import Store
from examiner_app.store.coi_orm import CoiDocumentRow, CoiPassageRow

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024
EMBED_BATCH = 16
METADATA_KEYS = ("source", "title", "country", "published", "url", "language", "source_full", "fictional")
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class ReportMetadata:
    source: str
    title: str
    country: str
    published: date
    url: str = ""
    language: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PreparedPassage:
    page: int
    paragraph: int
    text: str
    search_text: str
    language: str
    vector: bytes | None


@dataclass(frozen=True)
class PreparedReport:
    path: Path
    sha256: str
    mime_type: str
    metadata: ReportMetadata
    page_count: int
    passages: tuple[PreparedPassage, ...]
    embedding_model: str
    empty_pages: int = 0


# --- metadata ------------------------------------------------------------------------------------


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _parse_published(path: Path, raw: object) -> tuple[date, str]:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` -> (date, precision); reports often give only a month."""
    text = str(raw).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text), "day"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return date.fromisoformat(text + "-01"), "month"
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1), "year"
    except ValueError:
        pass
    raise InputFileError(path, f"publication date {text!r} is not YYYY-MM-DD (or YYYY-MM); pass --published.")


def resolve_metadata(path: Path, options: Mapping[str, object | None] | None = None) -> ReportMetadata:
    """Metadata for ``path``: ``options`` (values that are not None) over the sidecar file."""
    values: dict[str, Any] = {}
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        try:
            loaded = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputFileError(sidecar, f"cannot read the metadata file ({exc}); fix or delete it.") from exc
        if not isinstance(loaded, dict):
            raise InputFileError(sidecar, "the metadata file must hold one JSON object.")
        values.update({k: v for k, v in loaded.items() if v is not None})
    values.update({k: v for k, v in (options or {}).items() if v is not None and v != ""})
    missing = [k for k in ("source", "title", "country", "published") if not str(values.get(k, "")).strip()]
    if missing:
        flags = " ".join(f"--{k} ..." for k in missing)
        raise InputFileError(
            path, f"missing {', '.join(missing)}: pass {flags} or write them into {sidecar.name} (a JSON object)."
        )
    country = country_code(str(values["country"]))
    if country is None:
        raise InputFileError(path, f"unknown country {values['country']!r}; give an ISO 3166-1 alpha-2 code (e.g. LK).")
    published, precision = _parse_published(path, values["published"])
    extra: dict[str, Any] = {"published_precision": precision}
    if values.get("source_full"):
        extra["source_full"] = str(values["source_full"]).strip()
    if values.get("fictional"):
        extra["fictional"] = True
    return ReportMetadata(
        source=str(values["source"]).strip(),
        title=str(values["title"]).strip(),
        country=country,
        published=published,
        url=str(values.get("url") or "").strip(),
        language=str(values.get("language") or "").strip().lower(),
        extra=extra,
    )


# --- reading -------------------------------------------------------------------------------------


class _HtmlText(HTMLParser):
    """Block-level text of an HTML page: headings and paragraphs, scripts and navigation dropped."""

    BLOCKS = frozenset({"p", "li", "blockquote", "td", "th", "dd", "dt", "pre", "figcaption", "caption", "div"})
    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
    SKIP = frozenset({"script", "style", "nav", "head", "noscript", "template", "svg", "header", "footer", "aside"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str]] = []  # ("heading" | "para", text)
        self._buffer: list[str] = []
        self._kind = "para"
        self._skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.items.append((self._kind, text))
        self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.HEADINGS or tag in self.BLOCKS or tag == "br" and self._kind == "heading":
            self._flush()
            self._kind = "heading" if tag in self.HEADINGS else "para"

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.HEADINGS or tag in self.BLOCKS:
            self._flush()
            self._kind = "para"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _html_paragraphs(path: Path, raw: bytes) -> list[list[Paragraph]]:
    match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", raw[:4096], re.IGNORECASE)
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        text = raw.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("utf-8", errors="replace")
    parser = _HtmlText()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it raises means the file is not HTML
        raise MalformedFileError(path, f"cannot read this HTML ({exc}).") from exc
    paragraphs: list[Paragraph] = []
    heading = ""
    for kind, item in parser.items:
        if kind == "heading":
            heading = item
            continue
        # A long HTML paragraph is split like any other (same paragraph number for each piece).
        pieces, _ = split_paragraphs(item)
        number = len({p.number for p in paragraphs}) + 1
        paragraphs.extend(Paragraph(number, p.text, heading) for p in pieces)
    return [paragraphs]


def _lines_with_gaps(lines: Sequence[Mapping[str, Any]]) -> str:
    """Join text lines, putting a blank line where the vertical gap is clearly wider than the usual
    line spacing: PDF text layers carry no paragraph marks, but the layout shows them."""
    if not lines:
        return ""
    steps = [float(b["top"]) - float(a["top"]) for a, b in zip(lines, lines[1:], strict=False)]
    positive = sorted(x for x in steps if x > 0)
    usual = positive[len(positive) // 2] if positive else 0.0
    parts = [str(lines[0]["text"])]
    for step, line in zip(steps, lines[1:], strict=False):
        parts.append("\n\n" if usual and (step > 1.35 * usual or step < 0) else "\n")
        parts.append(str(line["text"]))
    return "".join(parts)


def _pdf_pages(path: Path) -> list[str]:
    """Text of each page: pdfplumber lines (paragraph breaks from the layout), pypdfium2 if pdfplumber fails."""
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return [_lines_with_gaps(page.extract_text_lines(return_chars=False)) for page in pdf.pages]
    except Exception as first:  # PdfminerException (encrypted files too), and a few raw errors that escape it
        log.info("pdfplumber could not read %s (%s); trying pypdfium2", path.name, first)
    try:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(path))
        try:
            pages = []
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
                textpage.close()
                page.close()
            return pages
        finally:
            document.close()
    except Exception as exc:  # PdfiumError for damaged or password-protected files
        if "password" in str(exc).lower():
            raise EncryptedFileError(path, "the PDF is encrypted; import an unprotected copy.") from exc
        raise MalformedFileError(path, f"cannot read this PDF ({exc.__class__.__name__}).") from exc


def read_report(path: Path, raw: bytes) -> tuple[str, list[list[Paragraph]], int]:
    """(MIME type, paragraphs per page, pages without text) of a PDF, HTML or plain-text report."""
    suffix = path.suffix.lower()
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF") or suffix == ".pdf":
        mime = "application/pdf"
        page_texts = _pdf_pages(path)
    elif suffix in (".html", ".htm", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        return "text/html", _html_paragraphs(path, raw), 0
    elif suffix in (".txt", ".text", ".md", "") or _is_text(raw):
        mime = "text/plain"
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MalformedFileError(path, "plain text must be UTF-8; re-save the file as UTF-8.") from exc
        # A form feed separates pages (as `examiner-app ocr` writes them); otherwise one page.
        page_texts = text.split("\f")
    else:
        raise UnsupportedFormatError(
            path, "COI import reads PDF (with a text layer), HTML and UTF-8 plain text; convert the file first."
        )
    pages: list[list[Paragraph]] = []
    heading = ""
    empty = 0
    for page_text in page_texts:
        paragraphs, heading = split_paragraphs(page_text, heading)
        if not page_text.strip():
            empty += 1
        pages.append(paragraphs)
    return mime, pages, empty


def _is_text(raw: bytes) -> bool:
    sample = raw[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(sample) - 4  # a multi-byte character cut at the sample's end
    return True


def guess_language(text: str) -> str:
    """A rough ISO 639-1 code by script, then langdetect (seeded) for Latin text; ``und`` when unsure."""
    sample = text[:2000]
    if re.search(r"[\u3040-\u30ff]", sample):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", sample):
        return "ko"
    if re.search(r"[\u4e00-\u9fff]", sample):
        return "zh"
    if re.search(r"[\u0600-\u06ff]", sample):
        return "ar" if not re.search(r"[پچژگکی]", sample) else "fa"
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        return str(detect(sample))
    except Exception:  # no features (digits only), or langdetect missing: say we do not know
        return "und"


# --- prepare and save ----------------------------------------------------------------------------


def prepare(
    path: Path,
    metadata: ReportMetadata,
    engine: EmbeddingEngine,
    progress: ProgressReporter | None = None,
    raw: bytes | None = None,
) -> PreparedReport:
    """Read, split and (when the engine is available) embed one report. Touches no database."""
    if raw is None:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise FileTooLargeError(path, f"{size // 2**20} MB is over the {MAX_FILE_BYTES // 2**20} MB limit.")
            raw = path.read_bytes()
        except OSError as exc:
            raise InputFileError(path, f"cannot read the file ({exc.strerror or exc}).") from exc
    mime, pages, empty = read_report(path, raw)
    flat = [(number, p) for number, page in enumerate(pages, start=1) for p in page]
    if not flat:
        raise MalformedFileError(path, "no text found; a scanned PDF needs OCR first (examiner-app ocr FILE).")
    language = metadata.language or guess_language(" ".join(p.text for _, p in flat[:20]))
    place = country_name(metadata.country)
    vectors: list[bytes | None] = [None] * len(flat)
    if engine.available:
        inputs = [embedding_input(metadata.title, p.text) for _, p in flat]
        for start in range(0, len(inputs), EMBED_BATCH):
            if progress is not None:
                if progress.cancelled():
                    raise CancelledError()
                progress.update(start, len(inputs), f"embedding {path.name}")
            batch = engine.embed_passages(inputs[start : start + EMBED_BATCH])
            for offset, vector in enumerate(batch):
                vectors[start + offset] = to_bytes(vector)
        if progress is not None:
            progress.update(len(inputs), len(inputs), f"embedding {path.name}")
    passages = tuple(
        PreparedPassage(
            page=page_number,
            paragraph=p.number,
            text=p.text,
            # Title, country name and heading make a paragraph findable by the words it leaves implicit.
            search_text=index_text(metadata.title, place, p.heading, p.text),
            language=language if language != "und" else guess_language(p.text),
            vector=vector,
        )
        for (page_number, p), vector in zip(flat, vectors, strict=True)
    )
    return PreparedReport(
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        mime_type=mime,
        metadata=metadata,
        page_count=len(pages),
        passages=passages,
        embedding_model=engine.name if engine.available else "",
        empty_pages=empty,
    )


def save(store: Store, prepared: PreparedReport, actor: str, user_id: str | None) -> ImportedReport:
    """Write a prepared report and its ``coi.import`` audit event in one transaction."""
    meta = prepared.metadata
    with store.session() as session:
        existing = coi_repo.find_report_by_hash(session, prepared.sha256)
        if existing is not None:
            return ImportedReport(existing.id, str(prepared.path), existing.passage_count, True, 0, existing)
        document = CoiDocumentRow(
            source=meta.source,
            title=meta.title,
            country=meta.country,
            published=meta.published,
            url=meta.url,
            language=prepared.passages[0].language if prepared.passages else "und",
            file_name=prepared.path.name,
            sha256=prepared.sha256,
            mime_type=prepared.mime_type,
            page_count=prepared.page_count,
            passage_count=len(prepared.passages),
            extra=dict(meta.extra),
            imported_by=user_id,
        )
        session.add(document)
        session.flush()
        for ordinal, p in enumerate(prepared.passages):
            session.add(
                CoiPassageRow(
                    document_id=document.id,
                    ordinal=ordinal,
                    page=p.page,
                    paragraph=p.paragraph,
                    text=p.text,
                    search_text=p.search_text,
                    language=p.language,
                    embedding_model=prepared.embedding_model if p.vector is not None else "",
                    embedding=p.vector,
                )
            )
        session.flush()
        embedded = sum(1 for p in prepared.passages if p.vector is not None)
        audit.record(
            session,
            actor,
            "coi.import",
            subject=document.id,
            details={
                "file": prepared.path.name,
                "sha256": prepared.sha256,
                "source": meta.source,
                "title": meta.title,
                "country": meta.country,
                "published": meta.published.isoformat(),
                "passages": len(prepared.passages),
                "embedded": embedded,
                "embedding_model": prepared.embedding_model,
            },
        )
        report = coi_repo.report_to_domain(document)
    coi_library.invalidate(store)
    return ImportedReport(report.id, str(prepared.path), report.passage_count, False, embedded, report)


def import_reports(
    store: Store,
    paths: Iterable[Path],
    *,
    options: Mapping[str, object | None] | None = None,
    engine: EmbeddingEngine | None = None,
    actor: str = audit.SYSTEM_ACTOR,
    user_id: str | None = None,
    progress: ProgressReporter | None = None,
) -> list[ImportedReport]:
    """Import each file (metadata from ``options`` over its sidecar); duplicates are reported, not re-read.

    Raises the typed error of the first file that cannot be imported, after keeping the ones before it.
    """
    engine = engine or NullEmbedder()
    results: list[ImportedReport] = []
    for path in [Path(p) for p in paths]:
        if progress is not None and progress.cancelled():
            raise CancelledError()
        metadata = resolve_metadata(path, options)
        try:
            raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
        except OSError as exc:
            raise InputFileError(path, f"cannot read the file ({exc.strerror or exc}).") from exc
        if raw is not None:
            with store.session() as session:
                existing = coi_repo.find_report_by_hash(session, hashlib.sha256(raw).hexdigest())
            if existing is not None:
                results.append(ImportedReport(existing.id, str(path), existing.passage_count, True, 0, existing))
                continue
        prepared = prepare(path, metadata, engine, progress, raw)
        results.append(save(store, prepared, actor, user_id))
    return results


def embed_missing(
    store: Store, engine: EmbeddingEngine, progress: ProgressReporter | None = None, batch: int = 64
) -> int:
    """Give every passage without a vector of ``engine`` one (e.g. after importing with AI off).

    Returns the number of passages embedded. Safe to interrupt: each batch commits on its own.
    """
    if not engine.available:
        return 0
    done = 0
    while True:
        with store.session() as session:
            todo = coi_repo.passages_missing_vectors(session, engine.name, batch)
        if not todo:
            break
        if progress is not None and progress.cancelled():
            raise CancelledError()
        vectors = engine.embed_passages([embedding_input(title, text) for _, title, text in todo])
        with store.session() as session:
            coi_repo.set_vectors(
                session, engine.name, [(pid, to_bytes(v)) for (pid, _, _), v in zip(todo, vectors, strict=True)]
            )
        done += len(todo)
        if progress is not None:
            progress.update(done, done + batch, "embedding COI passages")
    if done:
        coi_library.invalidate(store)
    return done


__all__: Sequence[str] = (
    "ImportedReport",
    "PreparedReport",
    "ReportMetadata",
    "embed_missing",
    "import_reports",
    "prepare",
    "read_report",
    "resolve_metadata",
    "save",
)
