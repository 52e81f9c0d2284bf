"""Start-up cost of the CLI commands an examiner's tools call on one small item (issue 17).

Each command runs as a fresh process (``python -m examiner_app ...``), as a script or a shell user calls it;
wall time and peak RSS (the largest process of the tree: the CLI or one of its workers, from ``wait4``) are
recorded beside each. Inputs are real: a text line cut from the real scan phototest.tif (the development set's
first single line), one line of English on stdin for ``langid``, and a one-page text file (the ground truth of
the UNLV magazine page 8071_093.3B, ~3,000 characters) for ``extract``.

Baselines in the same run: ``tesseract LINE - --psm 7`` and ``tesseract LINE -`` (Tesseract's own time on the
same image), and ``python -m examiner_app --version`` (the interpreter and the CLI module). Runs are interleaved
``--repeat`` times and the fastest kept; the 1-minute load average is recorded before each round. Targets:
``ocr`` on the line under 1 s above Tesseract's own time; ``langid`` on one line under 1 s above ``--version``;
``extract`` on a one-page text under 3 s. Writes ``benchmarks/results/startup_benchmark.json``::

    python benchmarks/startup_benchmark.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

RESULTS = ROOT / "benchmarks" / "results" / "startup_benchmark.json"
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
    return {"line": line, "page": page, "one": one}


def run(command: list[str], stdin: Path | None, env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB of the largest process of the tree, exit code."""
    start = time.perf_counter()
    with Path(stdin or os.devnull).open("rb") as feed:
        process = subprocess.Popen(command, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return took, usage.ru_maxrss // 1024, process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    python = [sys.executable, "-m", "examiner_app"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="startup-") as folder:
        files = inputs(Path(folder))
        commands: dict[str, tuple[list[str], Path | None]] = {
            "tesseract LINE - --psm 7": (["tesseract", str(files["line"]), "-", "--psm", "7"], None),
            "tesseract LINE -": (["tesseract", str(files["line"]), "-"], None),
            "examiner-app --version": ([*python, "--version"], None),
            "examiner-app ocr LINE": ([*python, "ocr", str(files["line"])], None),
            "examiner-app ocr --lang eng LINE": ([*python, "ocr", "--lang", "eng", str(files["line"])], None),
            "examiner-app ocr --format json LINE": ([*python, "ocr", "--format", "json", str(files["line"])], None),
            "examiner-app langid < one line": ([*python, "langid"], files["one"]),
            "examiner-app extract PAGE.txt": ([*python, "extract", str(files["page"])], None),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        rss: dict[str, int] = {}
        loads: list[float] = []
        for round_number in range(args.repeat):
            loads.append(round(os.getloadavg()[0], 2))
            order = list(commands) if round_number % 2 == 0 else list(reversed(commands))
            for name in order:
                command, stdin = commands[name]
                took, peak, code = run(command, stdin, env)
                if code != 0:
                    raise SystemExit(f"{name} exited {code}")
                times[name].append(took)
                rss[name] = max(rss.get(name, 0), peak)
    best = {name: min(values) for name, values in times.items()}
    tesseract_line = best["tesseract LINE - --psm 7"]
    version = best["examiner-app --version"]
    rows: list[dict[str, Any]] = []
    for name in commands:
        rows.append(
            {
                "command": name,
                "seconds": round(best[name], 3),
                "seconds_each_round": [round(t, 3) for t in times[name]],
                "peak_rss_mb": rss[name],
                "above_tesseract_line_s": round(best[name] - tesseract_line, 3),
                "above_version_s": round(best[name] - version, 3),
            }
        )
    print(f"load average before each round: {loads}")
    print("| command | wall s (best of n) | above tesseract --psm 7 | above --version | peak RSS MB |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['command']} | {r['seconds']:.2f} | {r['above_tesseract_line_s']:+.2f} | "
            f"{r['above_version_s']:+.2f} | {r['peak_rss_mb']} |"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {"rows": rows, "repeat": args.repeat, "load_each_round": loads}
    args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
