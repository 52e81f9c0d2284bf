"""``examiner-app`` (examiner_app.launcher): the desktop app only without a command or with ``gui``; anything
unknown is argparse's usage error with exit 2, with a display and without; no display, one line and exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from examiner_app import launcher

REPO_ROOT = Path(__file__).resolve().parents[2]
# What the installed console script runs (pyproject.toml: examiner-app = "examiner_app.launcher:main").
SCRIPT = "import sys; from examiner_app.launcher import main; sys.exit(main())"
DEADLINE_S = 120  # a usage error takes well under a second; a window opened by mistake would never return

NO_DISPLAY = {"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None}
# "With a display": an X display named in the environment (nothing need listen: a usage error never opens it)
# and, separately, Qt's offscreen platform, which needs none.
X_DISPLAY = {"DISPLAY": ":97", "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None}
OFFSCREEN = {"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": "offscreen"}
DISPLAYS = {"no-display": NO_DISPLAY, "x-display": X_DISPLAY, "offscreen": OFFSCREEN}


def run_app(args: list[str], display: dict[str, str | None], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EXAMINER_DATA_DIR=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    for name, value in display.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=DEADLINE_S,
        check=False,
    )


@pytest.mark.parametrize("display", DISPLAYS.values(), ids=DISPLAYS.keys())
@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["--bogus"],
        ["--demo", "--bogus"],
        ["--data-dir", "/tmp/x", "frobnicate"],
        ["gui", "--bogus"],
    ],
    ids=["command", "option", "gui-option-then-unknown", "global-option-then-unknown", "gui-unknown-option"],
)
def test_unknown_command_or_option_is_a_usage_error(
    args: list[str], display: dict[str, str | None], tmp_path: Path
) -> None:
    result = run_app(args, display, tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("usage: examiner-app")
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("examiner-app")
    assert "error:" in lines[-1]
    assert "Traceback" not in result.stderr
    assert "Qt" not in result.stderr  # Qt was never started
    assert result.stdout == ""
    assert not (tmp_path / "data").exists()  # nothing opened, nothing created


@pytest.mark.parametrize("args", [[], ["gui"], ["--demo", "--ui-language", "en"], ["gui", "-platform", "xcb"]])
def test_without_a_display_the_desktop_app_says_so_in_one_line(args: list[str], tmp_path: Path) -> None:
    result = run_app(args, NO_DISPLAY, tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("examiner-app: no display")
    assert "examiner-app --help" in result.stderr
    assert not (tmp_path / "data").exists()


def test_version_and_help_answer_without_a_display(tmp_path: Path) -> None:
    version = run_app(["--version"], NO_DISPLAY, tmp_path)
    assert version.returncode == 0
    assert version.stdout.startswith("examiner-app ")
    helped = run_app(["--help"], NO_DISPLAY, tmp_path)
    assert helped.returncode == 0
    assert "gui" in helped.stdout
    gui_help = run_app(["gui", "--help"], NO_DISPLAY, tmp_path)
    assert gui_help.returncode == 0
    assert "--ui-language" in gui_help.stdout


def test_a_command_runs_the_command_line_whatever_the_display(tmp_path: Path) -> None:
    result = run_app(["langid"], NO_DISPLAY, tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("word", sorted(launcher.CLI_WORDS))
def test_every_contract_word_goes_to_the_command_line(word: str) -> None:
    assert launcher.route([word, "x"]) == ("cli", [word, "x"])
    assert launcher.route(["--data-dir", "/d", word]) == ("cli", ["--data-dir", "/d", word])
    assert launcher.route(["--db=sqlite://", word]) == ("cli", ["--db=sqlite://", word])


def test_contract_words_of_docs_cli_md_are_all_known() -> None:
    assert {"langid", "ocr", "extract", "case", "coi", "similar", "audit"} <= launcher.CLI_WORDS
    assert {"review", "qa", "train", "worker", "queue"} <= launcher.CLI_WORDS


def test_the_desktop_app_opens_only_without_a_command_or_with_gui() -> None:
    assert launcher.route([]) == ("gui", [])
    assert launcher.route(["--demo", "--ai-off", "--ui-language", "ja", "--data-dir", "d", "--db", "u"]) == (
        "gui",
        ["--demo", "--ai-off", "--ui-language", "ja", "--data-dir", "d", "--db", "u"],
    )
    assert launcher.route(["--demo", "gui", "-platform", "offscreen"]) == ("gui", ["--demo", "-platform", "offscreen"])
    # A value that looks like a command word is still the option's value.
    assert launcher.route(["--data-dir", "case"]) == ("gui", ["--data-dir", "case"])
    assert launcher.route(["--version"])[0] == "cli"
    assert launcher.route(["-platform", "offscreen"])[0] == "cli"  # Qt options only after gui


@pytest.mark.parametrize(
    ("environ", "args", "expected"),
    [
        ({}, [], False),
        ({"DISPLAY": ":0"}, [], True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, [], True),
        ({"QT_QPA_PLATFORM": "offscreen"}, [], True),
        ({"QT_QPA_PLATFORM": "minimal"}, [], True),
        ({"QT_QPA_PLATFORM": "xcb"}, [], False),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, [], False),
        ({}, ["-platform", "offscreen"], True),
        ({"DISPLAY": ":0"}, ["-platform", "wayland"], False),
    ],
)
def test_display_detection(environ: dict[str, str], args: list[str], expected: bool) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux decides by the environment")
    assert launcher.has_display(args, environ) is expected
