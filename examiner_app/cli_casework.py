"""Command-line access to the evidence view, the case clock, confirmed links and dates, the repeat comparison and the
record package: ``examiner-app case evidence|clock|confirm-date|confirm-link|repeat|package ...``.

Registered under ``case`` by one line in ``cli.build_parser``; the handlers get the CLI's signed-in workbench and
JSON printer from there. JSON on stdout; every command that reads or changes case content is audited by the core.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

Factory = Callable[[argparse.Namespace], Any]
Printer = Callable[[Any], None]


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def register(case_sub: Any, common: argparse.ArgumentParser, workbench: Factory, emit: Printer) -> None:
    def evidence(args: argparse.Namespace) -> int:
        view = workbench(args).evidence(args.case_id, findings_only=args.findings_only)
        emit(
            {
                "elements": [
                    {
                        "element": e.element.value,
                        "title": e.title,
                        "empty": e.empty_text if e.empty else None,
                        "items": [
                            {
                                "kind": i.kind.value,
                                "field": i.field.value if i.field else None,
                                "value": i.value,
                                "status": i.status.value if i.status else None,
                                "citation": i.citation,
                                "why": i.why,
                                "suggestion_id": i.suggestion_id,
                            }
                            for i in e.items
                        ],  # fmt: skip
                        "reasoning": _plain(e.reasoning),
                    }
                    for e in view.elements
                ],
                "prompts": _plain(list(view.prompts)),
            }
        )
        return 0

    def clock(args: argparse.Namespace) -> int:
        c = workbench(args).case_clock(args.case_id)
        emit(
            {
                "application_date": c.application_date.isoformat() if c.application_date else None,
                "days_since_application": c.days_since_application,
                "triage_date": c.triage_date.isoformat() if c.triage_date else None,
                "days_since_triage_date": c.days_since_triage_date,
            }
        )
        return 0

    def confirm_date(args: argparse.Namespace) -> int:
        confirmed = workbench(args).confirm_case_date(
            args.case_id, args.kind, date.fromisoformat(args.date), suggestion_id=args.fact, reason=args.reason or ""
        )
        emit(_plain(confirmed))
        return 0

    def confirm_link(args: argparse.Namespace) -> int:
        link = workbench(args).confirm_earlier_application(
            args.case_id, args.earlier_case_id, args.reason, confirmed=not args.withdraw
        )
        emit(_plain(link))
        return 0

    def repeat(args: argparse.Namespace) -> int:
        emit({"comparisons": _plain(workbench(args).repeat_comparison(args.case_id))})
        return 0

    def package(args: argparse.Namespace) -> int:
        from examiner_app.record_package import sha256_hex

        bench = workbench(args)
        _, data = bench.record_package(args.case_id)
        out = Path(args.out)
        out.write_bytes(data)
        digest = sha256_hex(data)
        bench.record_package_exported(args.case_id, {out.name: digest})
        emit({"package": str(out), "sha256": digest})
        return 0

    p = case_sub.add_parser("evidence", parents=[common], help="facts and COI under the Guide's five elements")
    p.add_argument("case_id")
    p.add_argument("--findings-only", action="store_true")
    p.set_defaults(func=evidence)
    p = case_sub.add_parser("clock", parents=[common], help="days since the confirmed application date (workload)")
    p.add_argument("case_id")
    p.set_defaults(func=clock)
    p = case_sub.add_parser("confirm-date", parents=[common], help="confirm the application or earlier-decision date")
    p.add_argument("case_id")
    p.add_argument("--kind", choices=["application", "earlier_decision"], required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--fact", help="the suggestion id the date was read from")
    p.add_argument("--reason")
    p.set_defaults(func=confirm_date)
    p = case_sub.add_parser("confirm-link", parents=[common], help="confirm (or withdraw) an earlier application")
    p.add_argument("case_id")
    p.add_argument("earlier_case_id")
    p.add_argument("--reason", required=True)
    p.add_argument("--withdraw", action="store_true")
    p.set_defaults(func=confirm_link)
    p = case_sub.add_parser("repeat", parents=[common], help="what is new against the confirmed earlier applications")
    p.add_argument("case_id")
    p.set_defaults(func=repeat)
    p = case_sub.add_parser("package", parents=[common], help="the record package as JSON (its SHA-256 is audited)")
    p.add_argument("case_id")
    p.add_argument("--out", required=True, help="JSON file to write")
    p.set_defaults(func=package)
