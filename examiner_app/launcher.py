"""Entry point ``examiner-app``: the desktop app without a command (or with ``gui``), the command line otherwise.

Kept apart from cli.py so the command line never imports Qt (an import-linter contract).

* No arguments, or only the desktop app's own options (``--demo``, ``--ai-off``, ``--ui-language L``,
  ``--data-dir DIR``, ``--db URL``): the desktop app. ``gui`` opens it too, and passes everything after it to
  the app (Qt options such as ``-platform offscreen`` included).
* A command word of the contract (docs/CLI.md), ``--version`` or ``--help``: the command line.
* Anything else (an unknown command or option): the command line's parser, which answers with argparse's usage
  error and exit status 2. A script never gets a window, nor a crash, for a typo.

Without a display (Linux: neither ``DISPLAY`` nor ``WAYLAND_DISPLAY``, and no headless Qt platform chosen)
opening the desktop app says so in one line and exits 1, instead of letting Qt abort the process.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

#: Command words of the contract; each goes to cli.main (which may not know the newer ones yet: it then
#: answers with its usage error).
CLI_WORDS = frozenset(
    {"langid", "ocr", "extract", "case", "coi", "similar", "audit", "review", "qa", "train", "worker", "queue"}
)
CLI_OPTIONS = frozenset({"--version", "-h", "--help"})
GUI_WORD = "gui"
#: The desktop app's options allowed without ``gui`` (see examiner_app.ui.app.parse_args).
GUI_FLAGS = frozenset({"--demo", "--ai-off"})
GUI_VALUED = frozenset({"--ui-language", "--data-dir", "--db"})
#: Qt platforms that need no window system.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"})

NO_DISPLAY = (
    "examiner-app: no display to open the desktop app on (DISPLAY and WAYLAND_DISPLAY are not set); "
    "run it in a desktop session, or use a command: examiner-app --help\n"
)


def route(args: Sequence[str]) -> tuple[str, list[str]]:
    """``("gui", gui_args)`` or ``("cli", cli_args)`` for the command line ``args``."""
    args = list(args)
    index = 0
    while index < len(args):
        arg = args[index]
        name = arg.split("=", 1)[0]
        if name in GUI_FLAGS:
            index += 1
        elif name in GUI_VALUED:
            index += 1 if "=" in arg else 2
        elif arg == GUI_WORD:
            return "gui", args[:index] + args[index + 1 :]
        else:
            # A command word, --version/--help, or something unknown: the command line decides (usage error).
            return "cli", args
    return "gui", args


def gui_parser() -> argparse.ArgumentParser:
    """The desktop app's options (the same as examiner_app.ui.app.parse_args), to refuse unknown ones before Qt."""
    parser = argparse.ArgumentParser(
        prog="examiner-app gui",
        description="Open the Examiner Workbench desktop app. Qt's own options (-platform NAME, -style NAME, ...) "
        "are passed on to Qt.",
    )
    parser.add_argument("--demo", action="store_true", help="import the bundled fictional sample cases")
    parser.add_argument("--data-dir", help="folder of the local store (default: per-user data dir)")
    parser.add_argument("--db", help="database URL (default: SQLite in the data dir)")
    parser.add_argument("--ai-off", action="store_true", help="turn every model and suggestion engine off")
    parser.add_argument("--ui-language", choices=["ja", "en"], help="UI language (default: system locale)")
    return parser


def check_gui_args(args: Sequence[str]) -> None:
    """Exit 2 with a usage error for anything that is neither the app's option nor a Qt one (``-name [value]``)."""
    parser = gui_parser()
    _, rest = parser.parse_known_args(list(args))
    unknown = []
    after_qt_option = False
    for arg in rest:
        if arg.startswith("--") or (not arg.startswith("-") and not after_qt_option):
            unknown.append(arg)
        after_qt_option = arg.startswith("-") and not arg.startswith("--") and "=" not in arg
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")


def _platform_argument(args: Sequence[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg in ("-platform", "--platform") and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(("-platform=", "--platform=")):
            return arg.split("=", 1)[1]
    return None


def has_display(args: Sequence[str] = (), environ: dict[str, str] | None = None) -> bool:
    """Whether Qt can open a window: always off Linux; on Linux a display server or a headless platform."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return True
    platform = (_platform_argument(args) or env.get("QT_QPA_PLATFORM", "")).split(":", 1)[0].strip().lower()
    if platform in HEADLESS_PLATFORMS:
        return True
    if platform.startswith("wayland"):
        return bool(env.get("WAYLAND_DISPLAY"))
    if platform == "xcb":
        return bool(env.get("DISPLAY"))
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    target, args = route(sys.argv[1:] if argv is None else argv)
    if target == "cli":
        from examiner_app.cli import main as cli_main

        return cli_main(args)  # argparse's usage errors exit 2 from here
    check_gui_args(args)
    if not has_display(args):
        sys.stderr.write(NO_DISPLAY)
        return 1
    from examiner_app.ui.app import main as gui_main

    return gui_main(args)
