"""Start-up cost of the CLI commands an examiner's tools call on one small item (issue 17).

Each command runs as a fresh process (``python -m examiner_app ...``), as a script or a shell user calls it;
wall time and peak RSS (the largest process of the tree: the CLI or one of its workers, from ``wait4``) are
recorded beside each. Inputs are real: a text line cut from the real scan phototest.tif (the development set's
first single line), one line of English on stdin for ``langid``, and a one-page text file (the ground truth of
the UNLV magazine page 8071_093.3B, ~3,000 characters) for ``extract``.

Baselines in the same run: a bare interpreter (``python -c pass``), ``tesseract LINE - --psm 7`` and
``tesseract LINE -`` (Tesseract's own time on the same image) and ``python -m examiner_app --version``. One untimed
round first (it writes the detector tables, ``extraction/language/_tables.py``, where they are missing), then
``--repeat`` interleaved rounds; the median of each command is reported, with the peak RSS of its largest
process and the 1-minute load average before each round. ``langid (tables off)`` is the old start-up (every
detector model loaded whole); ``extract (AI off)`` shows what the rules and language detection cost without the
models. Targets (issue 17): ``ocr`` on the line under 1 s above Tesseract's own time; ``langid`` on one line
under 1 s above the bare interpreter; ``extract`` on a one-page text under 3 s. Writes
``benchmarks/results/startup_benchmark.json``::

    python benchmarks/startup_benchmark.py [--repeat 5] [--only langid,ocr]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from examiner_app.extraction.language import _tables  # noqa: E402 - after the path is set

RESULTS = ROOT / "benchmarks" / "results" / "startup_benchmark.json"
BASELINE = "python -c pass"
STARTED = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
SHARED = ROOT.parent / "shared" / "data" / "ocr-tesseract-test-pages"
if not SHARED.exists():
    SHARED = Path("/work/shared/data/ocr-tesseract-test-pages")


def inputs(folder: Path) -> dict[str, Path]:
    from ocr_real_eval import cut_lines
    from PIL import Image

    truth = (SHARED / "phototest.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in truth.splitlines() if line.strip()]
    crops = cut_lines(Image.open(SHARED / "phototest.tif"), lines)
    if crops is None:
        raise SystemExit("could not cut the lines of phototest.tif")
    line = folder / "line.png"
    crops[0].save(line)
    page = folder / "page.txt"
    page.write_text((SHARED / "8071_093.3B.txt").read_text(encoding="utf-8", errors="replace"), encoding="utf-8")
    one = folder / "one_line.txt"
    one.write_text("The applicant left her home town in March 2019 after her brother was arrested.\n", encoding="utf-8")
    short = folder / "short_line.txt"  # under 35 letters: Lingua is asked too
    short.write_text("Merhaba, nasılsın?\n", encoding="utf-8")
    return {"line": line, "page": page, "one": one, "short": short}


TIME = Path("/usr/bin/time")


def run(command: list[str], stdin: Path | None, env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB of the largest process of the tree, exit code.

    The peak comes from GNU time where it is installed: Linux carries the spawning process's own peak over
    vfork + exec into ``wait4``'s figure, so measured from here every command would seem to need at least this
    benchmark's ~40 MB; time is a small C program. Without it, ``wait4`` (an upper bound)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        wrapped = [str(TIME), "-f", "%M", "-o", report.name, *command] if TIME.exists() else command
        start = time.perf_counter()
        with Path(stdin or os.devnull).open("rb") as feed:
            process = subprocess.Popen(
                wrapped, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )
            _, status, usage = os.wait4(process.pid, 0)
        took = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        peak_kib = usage.ru_maxrss
        if TIME.exists():
            lines = [line for line in Path(report.name).read_text().splitlines() if line.strip().isdigit()]
            peak_kib = int(lines[-1]) if lines else peak_kib
    return took, peak_kib // 1024, code


def _commands(files: dict[str, Path]) -> dict[str, tuple[list[str], Path | None, dict[str, str]]]:
    python = [sys.executable, "-m", "examiner_app"]
    cold = {_tables.SWITCH_ENV: "0"}  # the detectors' models loaded whole, as before their tables existed
    no_ai = {"EXAMINER_AI_ENABLED": "0"}
    return {
        BASELINE: ([sys.executable, "-c", "pass"], None, {}),
        "tesseract LINE - --psm 7": (["tesseract", str(files["line"]), "-", "--psm", "7"], None, {}),
        "tesseract LINE -": (["tesseract", str(files["line"]), "-"], None, {}),
        "examiner-app --version": ([*python, "--version"], None, {}),
        "examiner-app ocr LINE": ([*python, "ocr", str(files["line"])], None, {}),
        "examiner-app ocr --lang eng LINE": ([*python, "ocr", "--lang", "eng", str(files["line"])], None, {}),
        "examiner-app ocr --format json LINE": ([*python, "ocr", "--format", "json", str(files["line"])], None, {}),
        "examiner-app langid < one line": ([*python, "langid"], files["one"], {}),
        "examiner-app langid < one line (tables off)": ([*python, "langid"], files["one"], cold),
        "examiner-app langid < short line": ([*python, "langid"], files["short"], {}),
        "examiner-app extract PAGE.txt": ([*python, "extract", str(files["page"])], None, {}),
        "examiner-app extract PAGE.txt (AI off)": ([*python, "extract", str(files["page"])], None, no_ai),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--only", default="", help="comma-separated substrings of the commands to run")
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="startup-") as folder:
        files = inputs(Path(folder))
        commands = _commands(files)
        if args.only:
            wanted = [w.strip() for w in args.only.split(",") if w.strip()]
            commands = {n: c for n, c in commands.items() if n == BASELINE or any(w in n for w in wanted)}
        # One untimed round first: the detector tables are written by the first process that needs them
        # (once per machine and package version); the timed rounds measure every later start.
        for command, stdin, extra in commands.values():
            run(command, stdin, {**env, **extra})
        times: dict[str, list[float]] = {name: [] for name in commands}
        rss: dict[str, int] = {}
        loads: list[float] = []
        for round_number in range(args.repeat):
            loads.append(round(os.getloadavg()[0], 2))
            order = list(commands) if round_number % 2 == 0 else list(reversed(commands))
            for name in order:
                command, stdin, extra = commands[name]
                took, peak, code = run(command, stdin, {**env, **extra})
                if code != 0:
                    raise SystemExit(f"{name} exited {code}")
                times[name].append(took)
                rss[name] = max(rss.get(name, 0), peak)
    median = {name: statistics.median(values) for name, values in times.items()}
    baseline = median[BASELINE]
    tesseract_line = median.get("tesseract LINE - --psm 7")
    rows: list[dict[str, Any]] = []
    for name in commands:
        rows.append(
            {
                "command": name,
                "median_s": round(median[name], 3),
                "min_s": round(min(times[name]), 3),
                "seconds_each_round": [round(t, 3) for t in times[name]],
                "peak_rss_mb": rss[name],
                "above_python_s": round(median[name] - baseline, 3),
                "ratio_to_python": round(median[name] / baseline, 2),
                "above_tesseract_line_s": None if tesseract_line is None else round(median[name] - tesseract_line, 3),
            }
        )
    print(f"load average before each round: {loads}")
    print(f"| command | median s (n={args.repeat}) | above `python -c pass` | above tesseract --psm 7 | peak RSS MB |")
    print("|---|---|---|---|---|")
    for r in rows:
        above_tesseract = "" if r["above_tesseract_line_s"] is None else f"{r['above_tesseract_line_s']:+.2f}"
        print(
            f"| {r['command']} | {r['median_s']:.2f} | {r['above_python_s']:+.2f} | {above_tesseract} | "
            f"{r['peak_rss_mb']} |"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "rows": rows,
        "repeat": args.repeat,
        "load_each_round": loads,
        "started_utc": STARTED,
        "statistic": "median of the timed rounds (after one untimed round that writes the detector tables)",
    }
    args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
