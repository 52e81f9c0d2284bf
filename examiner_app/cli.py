"""The command line, per ../shared/CLI.md (a stable contract: extend, never change fields).

Exit status: 0 success, 2 bad usage, 1 failure with one line on stderr saying what to do.
Progress goes to stderr and only when it is a terminal; stdout carries results only. Heavy
modules (pipeline, models) are imported inside the commands that need them, so ``ocr`` and
``langid`` start fast and never load torch or transformers.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from examiner_app import __version__, cli_agency, cli_casework, cli_qa, cli_train
from examiner_app.config import Settings
from examiner_app.errors import ExaminerError, PermissionDeniedError


class TerminalProgress:
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()

    def update(self, done: int, total: int, stage: str) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / total) if total else 0
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {stage[:60]:<60}")
        if total and done >= total:
            self.stream.write("\n")
        self.stream.flush()

    def cancelled(self) -> bool:
        return False


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        data_dir=Path(args.data_dir).expanduser() if args.data_dir else None,
        db_url=args.db,
    )


def _read_options(args: argparse.Namespace, settings: Settings) -> Any:
    from examiner_app.extraction.reader import ReadOptions

    # The commands print text and facts, never page images: the workers skip encoding them (issue 17).
    return ReadOptions(
        ocr_languages=getattr(args, "lang", None) or settings.ocr_languages,
        workers=settings.workers,
        page_images=False,
    )


# --- commands ----------------------------------------------------------------------------------


def cmd_langid(args: argparse.Namespace) -> int:
    from examiner_app.extraction.language import detect_language

    for line in sys.stdin:
        text = line.rstrip("\n")
        guesses = detect_language(text, top=1)
        best = guesses[0] if guesses else None
        code, confidence = (best.code, best.confidence) if best else ("und", 0.0)
        sys.stdout.write(f"{code}\t{confidence:.4f}\n")
    return 0


def cmd_ocr(args: argparse.Namespace) -> int:
    from examiner_app.extraction.reader import read_document

    settings = _settings(args)
    options = _read_options(args, settings)
    progress = TerminalProgress()
    documents = []
    texts: list[str] = []
    for name in args.files:
        path = Path(name)
        pages = []
        for read in read_document(path, options, progress):
            texts.append(read.page.text)
            if args.format != "json":
                continue  # the text output has no languages: the language detectors are never loaded for it
            from examiner_app.extraction.language import detect_page_languages

            page = detect_page_languages(read.page)
            pages.append(
                {
                    "page": page.page_number,
                    "source": page.source.value,
                    "text": page.text,
                    "languages": [{"code": g.code, "confidence": round(g.confidence, 4)} for g in page.languages],
                    "mean_confidence": None if page.mean_confidence is None else round(page.mean_confidence, 4),
                    "rotation": page.rotation,
                }
            )
        documents.append({"file": str(path), "pages": pages})
    if args.format == "json":
        _print_json({"documents": documents})
    else:
        sys.stdout.write("\f".join(texts))
        sys.stdout.write("\n")
    return 0


def fact_json(suggestion: Any) -> dict[str, Any]:
    prov = suggestion.provenance
    bbox = prov.bbox if prov else None
    return {
        "field": suggestion.field.value,
        "value": suggestion.value,
        "normalized": suggestion.normalized,
        "file": prov.file_name if prov else None,
        "page": prov.page if prov else None,
        "start": prov.start if prov else None,
        "end": prov.end if prov else None,
        "bbox": bbox.as_list() if bbox else None,
        "boxes": [b.as_list() for b in prov.bboxes] if prov else [],
        "confidence": round(suggestion.confidence, 4),
        "ocr_confidence": None if not prov or prov.ocr_confidence is None else round(prov.ocr_confidence, 4),
        "engine": str(prov.model) if prov else "examiner/manual@1",
        "note": suggestion.note,
        "attributes": dict(suggestion.attributes),
    }


def cmd_extract(args: argparse.Namespace) -> int:
    from examiner_app.domain import Document, DocumentStatus
    from examiner_app.extraction.facts import default_extractors
    from examiner_app.extraction.language import detect_page_languages
    from examiner_app.extraction.reader import read_document
    from examiner_app.fact_suggestions import suggestions_for_page

    settings = _settings(args)
    options = _read_options(args, settings)
    extractors = default_extractors(settings.models_dir, ai_enabled=settings.ai_enabled)
    facts: list[dict[str, Any]] = []
    for name in args.files:
        path = Path(name)
        document = Document(
            id="", case_id="", file_name=path.name, sha256="", size=0, mime_type="", status=DocumentStatus.IMPORTED
        )
        for read in read_document(path, options, TerminalProgress()):
            page = detect_page_languages(read.page)
            facts.extend(fact_json(s) for s in suggestions_for_page(document, page, extractors))
    _print_json({"facts": facts})
    return 0


def _workbench(args: argparse.Namespace) -> Any:
    """The workbench, signed in: EXAMINER_USER + EXAMINER_PASSWORD when the store has accounts,
    else (single-user mode) a local examiner profile named after the operating-system user."""
    import getpass
    import os

    from examiner_app.domain import Role
    from examiner_app.services import Workbench, open_store

    settings = _settings(args)
    bench = Workbench(open_store(settings), settings)
    # EXAMINER_USER is "Name" or "Name:role" (the desktop app reads the same variable).
    name, _, role = (os.environ.get("EXAMINER_USER") or "").partition(":")
    password = os.environ.get("EXAMINER_PASSWORD")
    if name and password:
        bench.sign_in_with_password(name, password)
    elif not bench.has_accounts():
        bench.sign_in(name or getpass.getuser(), Role(role) if role in Role._value2member_map_ else Role.EXAMINER)
    else:
        raise PermissionDeniedError("This store uses accounts: set EXAMINER_USER and EXAMINER_PASSWORD.")
    return bench


def cmd_case_new(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    case = bench.create_case(args.title, reference=args.reference or "")
    _print_json({"case_id": case.id})
    return 0


def cmd_case_import(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    bench.case_detail(args.case_id, audit_open=False)  # fail early on an unknown case
    from examiner_app.cli_agency import deferred_import

    deferred = deferred_import(bench, args)  # a PostgreSQL store: the workers import
    if deferred is not None:
        return deferred
    outcomes = bench.import_files(args.case_id, [Path(f) for f in args.files], TerminalProgress())
    _print_json(
        {
            "documents": [
                {
                    "document_id": o.document_id,
                    "file": o.file,
                    "status": o.status.value,
                    "error": o.error or None,
                    "pages": o.pages,
                    "suggestions": o.suggestions,
                    "duplicate": o.duplicate,
                }
                for o in outcomes
            ]
        }
    )
    return 0 if all(not o.status.is_failure for o in outcomes) else 1


def cmd_case_show(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    if not args.case_id:
        _print_json(
            {
                "cases": [
                    {
                        "case_id": c.id,
                        "title": c.title,
                        "reference": c.reference,
                        "documents": c.document_count,
                        "pending": c.pending_count,
                        "created_at": c.created_at,
                    }
                    for c in bench.list_cases()
                ]
            }
        )
        return 0
    detail = bench.case_detail(args.case_id)
    _print_json(
        {
            "case_id": detail.case.id,
            "title": detail.case.title,
            "reference": detail.case.reference,
            "documents": [
                {
                    "document_id": d.id,
                    "file": d.file_name,
                    "sha256": d.sha256,
                    "size": d.size,
                    "status": d.status.value,
                    "error": d.error or None,
                    "pages": d.page_count,
                }
                for d in detail.documents
            ],
            "facts": [
                dict(fact_json(s), id=s.id, status=s.status.value, reviewed_value=s.reviewed_value)
                for s in detail.suggestions
            ],
            "decisions": [
                {
                    "decision_id": d.id,
                    "suggestion_id": d.suggestion_id,
                    "user_id": d.user_id,
                    "action": d.action.value,
                    "value_before": d.value_before,
                    "value_after": d.value_after,
                    "reason": d.reason,
                    "decided_at": d.decided_at,
                }
                for d in detail.decisions
            ],
            # Added after the first contract: possible earlier applications (hints, never conclusions).
            "earlier_application_hints": _earlier_hints_json(bench.earlier_application_hints(args.case_id)),
        }
    )
    return 0


def _earlier_hints_json(result: Any) -> dict[str, Any]:
    """Hints with both names and sources; a hint about a case the user may not read carries no detail."""

    def mention(m: Any) -> dict[str, Any] | None:
        if m is None:
            return None
        return {
            "suggestion_id": m.suggestion_id,
            "name": m.name,
            "status": m.status,
            "document_id": m.document_id,
            "file": m.file_name or None,
            "page": m.page,
            "start": m.start,
            "end": m.end,
        }

    return {
        "notice": result.notice,
        "hints": [
            {
                "message": h.message,
                "restricted": h.restricted,
                "case_id": h.case_id or None,
                "case_reference": h.case_reference or None,
                "case_title": h.case_title or None,
                "strength": h.strength,
                "score": h.score,
                "reason": h.reason or None,
                "supporting": list(h.supporting),
                "weakening": list(h.weakening),
                "this_name": mention(h.this_name),
                "other_name": mention(h.other_name),
            }
            for h in result.hints
        ],
        "same_person": [[mention(m) for m in group] for group in result.same_person],
    }


def cmd_audit_verify(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    result = bench.verify_audit()
    if result.ok:
        _print_json({"ok": True, "events": result.events_checked})
        return 0
    _print_json(
        {
            "ok": False,
            "events_checked": result.events_checked,
            "first_broken_event": result.first_broken_id,
            "problem": result.problem,
        }
    )
    sys.stderr.write(
        f"audit log broken at event {result.first_broken_id}: {result.problem}. "
        "Restore the database from a backup and report it to your security officer.\n"
    )
    return 1


def _iso_date(value: str) -> Any:
    """argparse type for YYYY-MM-DD options: a bad value is a usage error (exit 2)."""
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date as YYYY-MM-DD") from None


def cmd_coi_import(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    imported = bench.coi_import(
        [Path(f) for f in args.files],
        country=args.country,
        source=args.source,
        title=args.title,
        published=args.published,
        url=args.url,
        progress=TerminalProgress(),
    )
    engine = bench.coi_engine()
    _print_json(
        {
            "documents": [
                {
                    "coi_id": r.coi_id,
                    "file": r.file,
                    "passages": r.passages,
                    "duplicate": r.duplicate,
                    "embedded": r.embedded,
                }
                for r in imported
            ],
            "notice": None if engine.available else f"Stored without vectors: {engine.reason}.",
        }
    )
    return 0


def cmd_coi_search(args: argparse.Namespace) -> int:
    from examiner_app.coi.search import hit_json

    bench = _workbench(args)
    results = bench.coi_search(
        args.query,
        country=args.country,
        top=args.top,
        published_from=args.date_from,
        published_to=args.date_to,
        case_id=args.case,
    )
    _print_json(
        {
            "query": results.query,
            "mode": results.mode,
            "notice": results.notice or None,
            "results": [hit_json(h) for h in results.hits],
        }
    )
    return 0


def cmd_coi_suggest(args: argparse.Namespace) -> int:
    from examiner_app.coi.search import hit_json

    bench = _workbench(args)
    suggestions = bench.suggest_excerpts(args.case_id, args.top)
    _print_json(
        {
            "case_id": args.case_id,
            "results": [
                dict(hit_json(s.hit), facts=list(s.suggestion_ids), queries=list(s.queries), pinned=s.pinned)
                for s in suggestions
            ],
        }
    )
    return 0


def cmd_coi_pin(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    pin = bench.pin_excerpt(args.case_id, args.passage_id, suggestion_id=args.fact, note=args.note or "")
    _print_json(
        {
            "pin_id": pin.id,
            "case_id": pin.case_id,
            "fact": pin.suggestion_id,
            "passage_id": pin.passage.id,
            "citation": pin.citation,
            "pinned_at": pin.pinned_at,
        }
    )
    return 0


def cmd_coi_prior_import(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    report = bench.load_prior_cases(Path(args.folder))
    _print_json(
        {
            "loaded": report.loaded,
            "updated": report.updated,
            "files": list(report.files),
            "ignored_keys": list(report.ignored_keys),
            "embedded": report.embedded,
        }
    )
    return 0


def cmd_coi_countries(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    _print_json(
        {
            "countries": [
                {"country": c.code, "name": c.name, "reports": c.reports, "passages": c.passages}
                for c in bench.coi_countries()
            ]
        }
    )
    return 0


def cmd_similar(args: argparse.Namespace) -> int:
    from examiner_app.coi.prior_cases import similar_to_json

    bench = _workbench(args)
    results = bench.similar_cases(
        args.case_id,
        top=args.top,
        country=args.country,
        ground=args.ground,
        decided_from=args.date_from,
        decided_to=args.date_to,
    )
    _print_json(similar_to_json(results))
    return 0


def cmd_audit_prune(args: argparse.Namespace) -> int:
    import datetime as dt

    try:
        before = dt.datetime.fromisoformat(args.before).replace(tzinfo=dt.UTC)
    except ValueError:
        sys.stderr.write("examiner-app: --before must be a date like 2025-01-31.\n")
        return 2
    bench = _workbench(args)
    count = bench.prune_audit(before, Path(args.archive))
    _print_json({"archive": args.archive, "events": count})
    return 0


def cmd_audit_export(args: argparse.Namespace) -> int:
    bench = _workbench(args)
    count = bench.export_audit(Path(args.out))
    _print_json({"file": args.out, "events": count})
    return 0


# --- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data folder (env EXAMINER_DATA_DIR)", default=argparse.SUPPRESS)
    common.add_argument("--db", help="database URL (env EXAMINER_DB_URL)", default=argparse.SUPPRESS)

    parser = argparse.ArgumentParser(
        prog="examiner-app", parents=[common], description="Examiner Workbench: evidence, never verdicts."
    )
    parser.add_argument("--version", action="version", version=f"examiner-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("langid", parents=[common], help="language of each stdin line")
    p.set_defaults(func=cmd_langid)

    p = sub.add_parser("ocr", parents=[common], help="text of every page of each file")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--lang", help="Tesseract languages, e.g. eng+ara (default: automatic)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_ocr)

    p = sub.add_parser("extract", parents=[common], help="key facts with provenance, stores nothing")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--lang", help="Tesseract languages (default: automatic)")
    p.add_argument("--format", choices=["json"], default="json")
    p.set_defaults(func=cmd_extract)

    case = sub.add_parser("case", parents=[common], help="cases in the store")
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    p = case_sub.add_parser("new", parents=[common], help="create a case")
    p.add_argument("--title", required=True)
    p.add_argument("--reference")
    p.set_defaults(func=cmd_case_new)
    p = case_sub.add_parser("import", parents=[common], help="import files into a case and run the pipeline")
    p.add_argument("case_id")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--wait", action="store_true", help="PostgreSQL store: follow the workers' import to the end")
    p.set_defaults(func=cmd_case_import)
    p = case_sub.add_parser("show", parents=[common], help="a case (or, without an id, the list of cases)")
    p.add_argument("case_id", nargs="?")
    p.set_defaults(func=cmd_case_show)
    cli_casework.register(case_sub, common, _workbench, _print_json)  # evidence, clock, links, repeat, package

    coi = sub.add_parser("coi", parents=[common], help="the country-of-origin information library")
    coi_sub = coi.add_subparsers(dest="coi_command", metavar="ACTION", required=True)
    p = coi_sub.add_parser("import", parents=[common], help="add reports (PDF, HTML, text) to the library")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 code of the country the report is about")
    p.add_argument("--source", help="publisher, e.g. an acronym")
    p.add_argument("--title")
    p.add_argument("--published", help="publication date YYYY-MM-DD")
    p.add_argument("--url")
    p.set_defaults(func=cmd_coi_import)
    p = coi_sub.add_parser("search", parents=[common], help="cited passages for a query, best first")
    p.add_argument("query")
    p.add_argument("--country", help="only reports about this country (ISO code)")
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--from", dest="date_from", type=_iso_date, help="published on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_iso_date, help="published on or before YYYY-MM-DD")
    p.add_argument("--case", help="the case this search is for (recorded in the audit log)")
    p.set_defaults(func=cmd_coi_search)
    p = coi_sub.add_parser("suggest", parents=[common], help="passages suggested from a case's facts")
    p.add_argument("case_id")
    p.add_argument("--top", type=int, default=5, help="passages per fact")
    p.set_defaults(func=cmd_coi_suggest)
    p = coi_sub.add_parser("pin", parents=[common], help="pin a passage to a case or one of its facts")
    p.add_argument("case_id")
    p.add_argument("passage_id", type=int)
    p.add_argument("--fact", help="suggestion id of the fact to pin it to (default: the case)")
    p.add_argument("--note")
    p.set_defaults(func=cmd_coi_pin)
    p = coi_sub.add_parser("prior-import", parents=[common], help="load decided prior cases (JSON files)")
    p.add_argument("folder")
    p.set_defaults(func=cmd_coi_prior_import)
    p = coi_sub.add_parser("countries", parents=[common], help="countries the library has reports about")
    p.set_defaults(func=cmd_coi_countries)

    p = sub.add_parser("similar", parents=[common], help="prior cases like this one, with what matched")
    p.add_argument("case_id")
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--country", help="only cases from this country (ISO code)")
    p.add_argument("--ground", help="only cases claiming this ground, e.g. political_opinion")
    p.add_argument("--from", dest="date_from", type=_iso_date, help="decided on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_iso_date, help="decided on or before YYYY-MM-DD")
    p.set_defaults(func=cmd_similar)

    aud = sub.add_parser("audit", parents=[common], help="the audit log")
    aud_sub = aud.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = aud_sub.add_parser("verify", parents=[common], help="check the audit log's hash chain")
    p.set_defaults(func=cmd_audit_verify)
    p = aud_sub.add_parser("prune", parents=[common], help="archive and remove events older than the retention period")
    p.add_argument("--before", required=True, help="YYYY-MM-DD: events before this day")
    p.add_argument("--archive", required=True, help="JSON Lines file to write the removed events to")
    p.set_defaults(func=cmd_audit_prune)
    p = aud_sub.add_parser("export", parents=[common], help="write the audit log as JSON Lines (administrators)")
    p.add_argument("--out", required=True, help="file to write")
    p.set_defaults(func=cmd_audit_export)
    cli_train.register(sub, common, _workbench, _print_json, TerminalProgress)
    cli_qa.register(sub, common)  # review and qa
    cli_agency.register(sub, common)  # worker and queue

    p = sub.add_parser("gui", help="open the desktop app (the same as no command; examiner-app only)")
    p.set_defaults(func=cmd_gui)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    """Reached only through ``python -m examiner_app gui``: the command line never imports Qt."""
    sys.stderr.write("examiner-app: the desktop app opens with the examiner-app command: run examiner-app gui\n")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("data_dir", "db"):
        if not hasattr(args, name):
            setattr(args, name, None)
    if getattr(args, "func", None) is None:
        parser.print_usage(sys.stderr)
        sys.stderr.write(
            "examiner-app: give a command, or run examiner-app without arguments to open the desktop app.\n"
        )
        return 2
    try:
        return int(args.func(args))
    except ExaminerError as exc:
        sys.stderr.write(f"examiner-app: {exc.message}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("examiner-app: interrupted; work saved so far is kept.\n")
        return 1
