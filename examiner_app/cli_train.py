"""``examiner-app train ...``: training packs (export, check, import) and exercise scores. See ../shared/CLI.md."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examiner_app.errors import PermissionDeniedError
from examiner_app.progress import ProgressReporter
from examiner_app.training import reident

if TYPE_CHECKING:
    from examiner_app.training.service import Training

Workbench = Callable[[argparse.Namespace], Any]
PrintJson = Callable[[Any], None]


def _pair(value: str) -> tuple[str, str]:
    left, sep, right = value.partition("|")
    if not sep or not left.strip() or not right.strip():
        raise argparse.ArgumentTypeError("give two spellings separated by '|', e.g. 'Naveed Ahmad|نوید احمد'")
    return left.strip(), right.strip()


def register(
    sub: Any,
    common: argparse.ArgumentParser,
    workbench: Workbench,
    print_json: PrintJson,
    progress: Callable[[], ProgressReporter],
) -> None:
    """Add ``train pack|check|import|score``; ``cli`` passes its sign-in, JSON printer and progress bar."""

    def training(args: argparse.Namespace) -> Training:
        from examiner_app.training.service import Training

        bench = workbench(args)
        return Training(bench.store, bench.user)

    def cmd_pack(args: argparse.Namespace) -> int:
        from examiner_app.training.pack import PackOptions

        generalise: dict[str, int] = {}
        for qi in args.generalise or []:
            generalise[qi] = generalise.get(qi, 0) + 1
        if not (args.reason or "").strip():
            raise PermissionDeniedError("Give a reason for the export with --reason: it is recorded with your name.")
        passphrase = None
        if args.keep_mapping:
            import os

            passphrase = os.environ.get("EXAMINER_MAPPING_PASSPHRASE") or ""
            if not passphrase:
                raise PermissionDeniedError("Set EXAMINER_MAPPING_PASSPHRASE to keep the mapping (it is not stored).")
        options = PackOptions(
            k=args.k,
            reason=args.reason,
            generalise=generalise,
            splits=args.split or [],
            merges=args.merge or [],
            keep_mapping_passphrase=passphrase,
        )
        out = Path(args.out)
        draft = training(args).export(args.case_id, out, options, progress())
        print_json(
            {
                "pack": str(out),
                "documents": draft.documents,
                "pseudonyms": len(draft.table.clusters),
                "report": draft.report,
            }
        )
        return 0

    def cmd_check(args: argparse.Namespace) -> int:
        result = training(args).check(Path(args.file), args.k)
        print_json(result)
        return 0 if result["ok"] else 1

    def cmd_import(args: argparse.Namespace) -> int:
        print_json({"case_id": training(args).import_pack(Path(args.file))})
        return 0

    def cmd_forget(args: argparse.Namespace) -> int:
        training(args).forget(args.pack_id, args.reason)
        print_json({"pack_id": args.pack_id, "mapping": "destroyed"})
        return 0

    def cmd_score(args: argparse.Namespace) -> int:
        result, _pack, _case = training(args).score(Path(args.file), args.trainee)
        print_json(result.as_json())
        return 0

    train = sub.add_parser("train", parents=[common], help="training packs and scored exercises (trainers)")
    train_sub = train.add_subparsers(dest="train_command", metavar="ACTION", required=True)
    p = train_sub.add_parser("pack", parents=[common], help="export an anonymized training pack of a decided case")
    p.add_argument("case_id")
    p.add_argument("--out", required=True, help="the pack file to write (.zip)")
    p.add_argument("--k", type=int, default=reident.DEFAULT_K, help="cases that must share the quasi-identifiers")
    p.add_argument("--reason", help="why the pack is made (recorded with your name)")
    p.add_argument(
        "--generalise",
        action="append",
        choices=list(reident.QUASI_IDENTIFIERS),
        help="generalise a quasi-identifier one step (repeat for more)",
    )
    p.add_argument("--split", action="append", type=_pair, metavar="'A|B'", help="two spellings that are two people")
    p.add_argument("--merge", action="append", type=_pair, metavar="'A|B'", help="two spellings that are one person")
    p.add_argument(
        "--keep-mapping",
        action="store_true",
        help="administrators: keep the real/surrogate mapping encrypted in the store (EXAMINER_MAPPING_PASSPHRASE)",
    )
    p.set_defaults(func=cmd_pack)
    p = train_sub.add_parser("forget", parents=[common], help="destroy a pack's kept mapping (administrators)")
    p.add_argument("pack_id")
    p.add_argument("--reason", required=True, help="why (recorded)")
    p.set_defaults(func=cmd_forget)
    p = train_sub.add_parser("check", parents=[common], help="re-identification and leak check of a pack")
    p.add_argument("file")
    p.add_argument("--k", type=int, default=None, help="k to check against (default: the pack's own)")
    p.set_defaults(func=cmd_check)
    p = train_sub.add_parser("import", parents=[common], help="import a pack as an anonymized training case")
    p.add_argument("file")
    p.set_defaults(func=cmd_import)
    p = train_sub.add_parser("score", parents=[common], help="score a trainee's recorded facts against the key")
    p.add_argument("file")
    p.add_argument("--trainee", required=True, help="the trainee's account name")
    p.add_argument("--format", choices=["json"], default="json")
    p.set_defaults(func=cmd_score)
