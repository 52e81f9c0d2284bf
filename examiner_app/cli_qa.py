"""The ``review`` and ``qa`` subcommands (../shared/CLI.md, Additions), registered by ``cli.build_parser``.

``review`` goes through review.py exactly as the desktop app does: accepting a pending fact needs no reason
(one key in the app), editing and rejecting need one, and changing an earlier decision needs one whatever the
action. ``qa`` is for quality reviewers: plans, samples, blind verdicts, reports (JSON or PDF) and the release
gate; every view and verdict is audited by ``examiner_app.qa.service``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from examiner_app.errors import QualityReviewError


def _cli() -> Any:
    from examiner_app import cli

    return cli


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < number < 1:
        raise argparse.ArgumentTypeError(f"{value} must be a fraction between 0 and 1, e.g. 0.05")
    return number


# --- review ------------------------------------------------------------------------------------


def cmd_review(args: argparse.Namespace) -> int:
    cli = _cli()
    bench = cli._workbench(args)
    action = args.review_command
    if action == "accept":
        decision = bench.accept(args.suggestion_id, reason=args.reason or "")
    elif action == "edit":
        decision = bench.edit(args.suggestion_id, args.value, args.reason)
    else:
        decision = bench.reject(args.suggestion_id, args.reason)
    cli._print_json(
        {
            "decision_id": decision.id,
            "suggestion_id": decision.suggestion_id,
            "action": decision.action.value,
            "value": decision.value_after if decision.value_after is not None else decision.value_before,
            "actor": bench.user.name if bench.user else decision.user_id,
        }
    )
    return 0


# --- qa ----------------------------------------------------------------------------------------


def cmd_qa_plan(args: argparse.Namespace) -> int:
    from examiner_app.qa.service import QaService

    plan = QaService.plan(
        margin=args.margin,
        max_error=args.max_error,
        confidence=args.confidence,
        expected=args.expected,
        population=args.population,
        allowed_errors=args.allowed_errors,
    )
    _cli()._print_json({**plan.as_json(), "explanation": plan.explain()})
    return 0


def cmd_qa_sample(args: argparse.Namespace) -> int:
    cli = _cli()
    qa = cli._workbench(args).qa()
    drawn = qa.draw_sample(
        args.size,
        args.seed,
        frame=args.frame,
        field=args.field,
        language=args.language,
        engine=args.engine,
        stratify=_csv(args.stratify) if args.stratify else (),
        floor=args.floor,
    )
    cli._print_json(
        {
            "sample_id": drawn.sample_id,
            "frame": drawn.frame,
            "seed": drawn.seed,
            "items": [i.as_json() for i in drawn.items],
            "plan": drawn.plan,
            "exclusions": drawn.exclusions,
        }
    )
    return 0


def cmd_qa_verdict(args: argparse.Namespace) -> int:
    cli = _cli()
    qa = cli._workbench(args).qa()
    verdict_id = qa.record_verdict(args.sample_id, args.item_id, args.verdict, value=args.value, note=args.note or "")
    cli._print_json({"verdict_id": verdict_id})
    return 0


def cmd_qa_samples(args: argparse.Namespace) -> int:
    cli = _cli()
    cli._print_json({"samples": cli._workbench(args).qa().samples()})
    return 0


def cmd_qa_report(args: argparse.Namespace) -> int:
    cli = _cli()
    qa = cli._workbench(args).qa()
    by = _csv(args.by) if args.by else ["field"]
    if args.format == "pdf":
        if not args.out:
            raise QualityReviewError("A PDF report needs a file to write: give --out FILE.pdf.")
        from examiner_app.qa.report import write_pdf

        pages = write_pdf(
            qa, Path(args.out), by=by, date_from=args.date_from, date_to=args.date_to, sample_id=args.sample
        )
        cli._print_json({"report": args.out, "pages": pages})
        return 0
    report = qa.report(by=by, date_from=args.date_from, date_to=args.date_to, sample_id=args.sample)
    cli._print_json(report)
    return 0


def cmd_qa_gate(args: argparse.Namespace) -> int:
    cli = _cli()
    qa = cli._workbench(args).qa()
    if args.sample:
        result = qa.gate_result(args.sample)
        if args.record:
            from examiner_app.qa.gate import record_gate

            record_gate(Path(args.record), result)
        cli._print_json(result)
        return 0
    if not args.engine or args.max_error is None:
        raise QualityReviewError("Give --engine ENGINE/MODEL@VERSION and --max-error P to draw a gate, or --sample ID.")
    drawn = qa.draw_gate(
        args.engine,
        max_error=args.max_error,
        confidence=args.confidence,
        allowed_errors=args.allowed_errors,
        seed=args.seed,
    )
    cli._print_json({"sample_id": drawn.sample_id, "plan": drawn.plan, "items": [i.as_json() for i in drawn.items]})
    if len(drawn.items) < drawn.plan["plan"]["sample_size"]:
        sys.stderr.write(
            f"examiner-app: only {len(drawn.items)} suggestions of {args.engine} exist; the plan needs "
            f"{drawn.plan['plan']['sample_size']}, so the gate cannot pass until more are made.\n"
        )
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``review`` and ``qa`` to the top-level subparsers."""
    cli = _cli()
    rev = sub.add_parser("review", parents=[common], help="accept, edit or reject a suggested fact")
    rev_sub = rev.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    p = rev_sub.add_parser("accept", parents=[common], help="record a suggestion as a finding, unchanged")
    p.add_argument("suggestion_id")
    p.add_argument("--reason", help="needed when changing an earlier decision")
    p.set_defaults(func=cmd_review)
    p = rev_sub.add_parser("edit", parents=[common], help="record a corrected value (a reason is required)")
    p.add_argument("suggestion_id")
    p.add_argument("--value", required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_review)
    p = rev_sub.add_parser("reject", parents=[common], help="record that a suggestion is not a finding")
    p.add_argument("suggestion_id")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_review)

    qa = sub.add_parser("qa", parents=[common], help="quality review: plans, samples, verdicts, reports")
    qa_sub = qa.add_subparsers(dest="qa_command", metavar="ACTION", required=True)
    p = qa_sub.add_parser("plan", parents=[common], help="sample size for a margin or an acceptance plan")
    kind = p.add_mutually_exclusive_group(required=True)
    kind.add_argument("--margin", type=_fraction, help="half-width wanted, e.g. 0.05")
    kind.add_argument("--max-error", type=_fraction, help="largest error rate to show, e.g. 0.05")
    p.add_argument("--confidence", type=_fraction, default=0.95)
    p.add_argument("--expected", type=_fraction, default=0.5, help="expected rate (0.5 when unknown)")
    p.add_argument("--population", type=int, help="items in the frame (finite-population correction)")
    p.add_argument("--allowed-errors", type=int, default=0, help="errors the plan tolerates (c)")
    p.set_defaults(func=cmd_qa_plan)

    p = qa_sub.add_parser("sample", parents=[common], help="draw a QA sample (plan, frame and seed audited)")
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--field")
    p.add_argument("--language")
    p.add_argument("--engine", help="only this engine version, e.g. rules/dates@4")
    p.add_argument("--stratify", help="strata, e.g. field,language")
    p.add_argument("--floor", type=int, default=5, help="items per stratum at least (stratified samples)")
    p.add_argument("--frame", choices=["decisions", "suggestions", "empty-pages"], default="decisions")
    p.set_defaults(func=cmd_qa_sample)

    p = qa_sub.add_parser("verdict", parents=[common], help="a blind reviewer's verdict on a sample item")
    p.add_argument("sample_id")
    p.add_argument("item_id")
    p.add_argument("verdict", choices=["correct", "wrong", "missed"])
    p.add_argument("--value", help="the right value (wrong) or the missed fact's words (missed)")
    p.add_argument("--note")
    p.set_defaults(func=cmd_qa_verdict)

    p = qa_sub.add_parser("samples", parents=[common], help="samples drawn so far and how far you got")
    p.set_defaults(func=cmd_qa_samples)

    p = qa_sub.add_parser("report", parents=[common], help="decision statistics with 95 %% intervals")
    p.add_argument("--by", help="strata, e.g. field,language (default: field)")
    p.add_argument("--from", dest="date_from", type=cli._iso_date, help="decided on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=cli._iso_date, help="decided on or before YYYY-MM-DD")
    p.add_argument("--sample", help="add agreement and accuracy for this sample")
    p.add_argument("--format", choices=["json", "pdf"], required=True)
    p.add_argument("--out", help="file to write (PDF)")
    p.set_defaults(func=cmd_qa_report)

    p = qa_sub.add_parser("gate", parents=[common], help="release gate for a new engine or model version")
    p.add_argument("--engine", help="ENGINE/MODEL@VERSION whose suggestions to check")
    p.add_argument("--max-error", type=_fraction)
    p.add_argument("--confidence", type=_fraction, default=0.95)
    p.add_argument("--allowed-errors", type=int, default=0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sample", help="evaluate this gate sample (pass/fail, audited)")
    p.add_argument(
        "--record", help="also add the result to this JSON file (e.g. evaluation/results/qa_release_gates.json)"
    )
    p.set_defaults(func=cmd_qa_gate)
