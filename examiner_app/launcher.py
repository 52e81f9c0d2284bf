"""Entry point ``examiner-app``: the desktop app without arguments, the command line with them.

Kept apart from cli.py so the command line never imports Qt (an import-linter contract).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_WORDS = frozenset({"langid", "ocr", "extract", "case", "coi", "similar", "audit", "--version", "-h", "--help"})


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not any(a in CLI_WORDS for a in args):
        from examiner_app.ui.app import main as gui_main

        return gui_main(args)
    from examiner_app.cli import main as cli_main

    return cli_main(args)
