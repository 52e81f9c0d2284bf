"""Broken and hostile files through the real ``examiner-app case import``: every file must end in an import or
exactly one typed, one-line error, the same way on a quiet machine and on a busy one.

Each file (or, with ``--batch N``, each group of N files; a group that goes wrong is rerun file by file) is
imported into one case of a throwaway store by a fresh ``examiner-app`` process (what the installed console
script runs), with a time limit. The outcome of each file is one of

* ``imported``: the document ended ``done``;
* ``error``: one typed error, its one line (the document's ``error`` in the JSON, status e.g. ``malformed``);
* ``HANG``: the process was still running at the limit (its whole process group is killed);
* ``CRASH``: the process died by a signal;
* ``TRACEBACK``: a Python traceback on stderr instead of a typed error;
* ``OTHER``: anything else (no JSON, an error of more than one line, an unexpected exit status).

After every file (or group) ``case show`` must still open the case with every document imported so far, and at
the end ``audit verify`` must pass: the case stays intact whatever a file did. Nothing is fetched at run time.

``--load`` keeps every core busy for the whole run: it starts one busy-loop child process per core (each bounded:
it stops by itself after ``--load-max-s`` or when this script is gone) and ends them by PID at the end.

The files: by default the small committed sample ``tests/data/broken`` (see its SOURCES.md). The whole set is
the test corpora shipped in these packages' source distributions; extract them, then point the script at the
folder (files are found recursively; PDFs and images by extension)::

    mkdir -p /tmp/sdists && cd /tmp/sdists
    pip download --no-binary :all: --no-deps -d . pikepdf==10.17.0 pypdf==7.1.0 ocrmypdf==17.13.0 \\
        pypdfium2==5.15.2 pdfminer.six==20260107
    for f in *.tar.gz; do tar -xzf "$f"; done
    .venv/bin/python benchmarks/broken_files.py /tmp/sdists --batch 8            # quiet
    .venv/bin/python benchmarks/broken_files.py /tmp/sdists --batch 8 --load     # both cores kept busy

(pdfminer.six's sdist carries no sample PDFs; the others hold 182 distinct PDFs and images in their tests;
documentation images and OCRmyPDF's test cache are skipped.) Models are off (``EXAMINER_AI_ENABLED=0``, the
reader and the pipeline's storage are what is tested; ``--ai`` turns them on) and OCR reads English
(``EXAMINER_OCR_LANGUAGES=eng``, ``--ocr-languages`` to change), so a run of the whole set takes tens of
minutes, not hours. Prints a table and writes ``benchmarks/results/broken_files-<quiet|load>.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO_ROOT / "tests" / "data" / "broken"
RESULTS = REPO_ROOT / "benchmarks" / "results"
EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".gif", ".bmp"}
#: Not test inputs: documentation screenshots and logos, OCRmyPDF's cache of its own OCR output.
SKIP_PARTS = {"docs", "cache", "misc", ".git"}
LAUNCHER = "import sys; from examiner_app.launcher import main; sys.exit(main())"
OUTCOMES = ("imported", "error", "HANG", "CRASH", "TRACEBACK", "OTHER")
BAD = ("HANG", "CRASH", "TRACEBACK", "OTHER")
_SIGNALS = {int(s): s.name for s in signal.Signals}


@dataclass
class FileResult:
    file: str  # relative to the directory given
    bytes: int
    outcome: str
    detail: str  # the typed error's line, the signal, the traceback's last line...
    status: str | None = None  # the document's status when the import answered
    seconds: float = 0.0
    batch: int = 1  # files in the invocation that gave this outcome


@dataclass
class Run:
    directory: str
    load: bool
    limit_s: float
    batch: int
    ai: bool
    ocr_languages: str
    files: list[FileResult] = field(default_factory=list)
    case_intact: bool = True
    case_problems: list[str] = field(default_factory=list)
    audit_ok: bool | None = None
    started: str = ""
    wall_s: float = 0.0
    load_avg_start: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_avg_end: tuple[float, float, float] = (0.0, 0.0, 0.0)
    machine: dict[str, Any] = field(default_factory=dict)
    commit: str = ""  # the code the run measured (git HEAD, "+dirty" with uncommitted changes)


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+dirty" if dirty else "")


def find_files(directory: Path) -> list[Path]:
    """PDFs and images under ``directory``, one per content (the sdists repeat some files)."""
    seen: set[str] = set()
    found = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in EXTENSIONS or path.name == "SOURCES.md":
            continue
        if SKIP_PARTS & set(path.relative_to(directory).parts[:-1]):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        found.append(path)
    return found


# --- load -------------------------------------------------------------------------------------------------

_BUSY = (
    "import os, sys, time\n"
    "parent, end = os.getppid(), time.monotonic() + float(sys.argv[1])\n"
    "n = 0\n"
    "while time.monotonic() < end:\n"
    "    n += 1\n"
    "    if n % 200000 == 0 and os.getppid() != parent:\n"
    "        break\n"
)


def start_load(cores: int, max_s: float) -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen([sys.executable, "-c", _BUSY, str(max_s)], stdin=subprocess.DEVNULL)  # noqa: S603
        for _ in range(cores)
    ]


def stop_load(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()


# --- running examiner-app ---------------------------------------------------------------------------------


@dataclass
class Answer:
    returncode: int | None  # None: killed at the time limit
    stdout: str
    stderr: str
    seconds: float


def run_app(args: list[str], env: dict[str, str], limit_s: float) -> Answer:
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and package
        [sys.executable, "-c", LAUNCHER, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        start_new_session=True,  # its own process group: a hang is killed with its reader workers
    )
    try:
        out, err = process.communicate(timeout=limit_s)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        code = None
    except BaseException:  # stopped (Ctrl-C, SIGTERM): take the import with us
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        raise
    # Workers left behind by a killed or crashed import would keep eating the cores.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    return Answer(code, out, err, time.monotonic() - started)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def classify(answer: Answer, files: list[Path], root: Path) -> list[FileResult] | None:
    """Per-file results of one ``case import`` answer, or None when the whole invocation went wrong and (for a
    group) the files must be run one by one to know which did it."""

    def every(outcome: str, detail: str) -> list[FileResult] | None:
        if len(files) > 1:
            return None
        return [result(files[0], outcome, detail, None)]

    def result(path: Path, outcome: str, detail: str, status: str | None) -> FileResult:
        return FileResult(
            str(path.relative_to(root)), path.stat().st_size, outcome, detail, status, answer.seconds, len(files)
        )

    if answer.returncode is None:
        return every("HANG", f"still running after {answer.seconds:,.0f} s")
    if answer.returncode < 0:
        return every("CRASH", _SIGNALS.get(-answer.returncode, f"signal {-answer.returncode}"))
    if "Traceback (most recent call last)" in answer.stderr:
        return every("TRACEBACK", last_line(answer.stderr))
    try:
        documents = json.loads(answer.stdout)["documents"]
    except (ValueError, KeyError, TypeError):
        return every("OTHER", f"exit {answer.returncode}, no JSON: {last_line(answer.stderr)}")
    if len(documents) != len(files) or answer.returncode not in (0, 1):
        return every("OTHER", f"exit {answer.returncode}, {len(documents)} documents for {len(files)} files")
    results = []
    for path, document in zip(files, documents, strict=True):
        status, error = document.get("status"), document.get("error")
        if status == "done" and not error:
            results.append(result(path, "imported", f"{document.get('pages')} pages", status))
        elif error and "\n" not in error and error.startswith(f"{path.name}: ") and status != "done":
            results.append(result(path, "error", error, status))
        else:
            results.append(result(path, "OTHER", f"status {status}, error {error!r}", status))
    return results


def check_case(case: CaseState, env: dict[str, str], data: list[str]) -> str | None:
    """None if ``case show`` opens the case with every document an import answered for (and no more than were
    tried: a file killed before its document was saved has none), else what is wrong."""
    answer = run_app(["case", "show", case.case_id, *data], env, 300)
    if answer.returncode != 0:
        return f"case show: exit {answer.returncode}: {last_line(answer.stderr)}"
    try:
        count = len(json.loads(answer.stdout)["documents"])
    except (ValueError, KeyError, TypeError):
        return "case show: no JSON"
    if not case.answered <= count <= case.tried:
        return f"case show: {count} documents, {case.answered} answered of {case.tried} tried"
    return None


@dataclass
class CaseState:
    case_id: str
    answered: int = 0  # files whose import answered with a document
    tried: int = 0


def new_case(title: str, env: dict[str, str], data: list[str]) -> CaseState:
    created = run_app(["case", "new", "--title", title, *data], env, 300)
    if created.returncode != 0:
        sys.exit(f"broken_files: case new failed: {last_line(created.stderr)}")
    return CaseState(json.loads(created.stdout)["case_id"])


def import_into(
    case: CaseState, group: list[Path], root: Path, limit_s: float, env: dict[str, str], data: list[str]
) -> list[FileResult] | None:
    """``case import`` of ``group`` into ``case``; per-file results, or None when the group must be split."""
    answer = run_app(["case", "import", case.case_id, *map(str, group), *data], env, limit_s * len(group))
    results = classify(answer, group, root)
    case.tried += len(group)
    if results is not None:
        case.answered += sum(1 for r in results if r.status is not None)
    return results


def run(args: argparse.Namespace) -> Run:
    root = Path(args.directory).resolve()
    files = find_files(root)
    if args.limit_files:
        files = files[: args.limit_files]
    if not files:
        sys.exit(f"broken_files: no PDF or image files under {root}")
    record = Run(
        directory=str(root),
        load=args.load,
        limit_s=args.limit,
        batch=args.batch,
        ai=args.ai,
        ocr_languages=args.ocr_languages,
        started=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        load_avg_start=os.getloadavg(),
        machine={"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        commit=_commit(),
    )
    started = time.monotonic()
    load = start_load(os.cpu_count() or 2, args.load_max_s) if args.load else []
    try:
        with tempfile.TemporaryDirectory(prefix="broken-files-") as tmp:
            env = dict(os.environ)
            env.update(
                EXAMINER_DATA_DIR=tmp,
                EXAMINER_AI_ENABLED="1" if args.ai else "0",
                EXAMINER_OCR_LANGUAGES=args.ocr_languages,
                HF_HUB_OFFLINE="1",
                TRANSFORMERS_OFFLINE="1",
                PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
            )
            env.pop("EXAMINER_DB_URL", None)
            data = ["--data-dir", tmp]
            case = new_case("broken files", env, data)
            cases = [case]
            for start in range(0, len(files), args.batch):
                group = files[start : start + args.batch]
                results = import_into(case, group, root, args.limit, env, data)
                if results is None:  # the group went wrong as a whole: each file alone, in a case of its own
                    results = []
                    for path in group:
                        alone = new_case(f"broken files: {path.name}", env, data)
                        cases.append(alone)
                        results.extend(import_into(alone, [path], root, args.limit, env, data) or [])
                        problem = check_case(alone, env, data)
                        if problem:
                            record.case_intact = False
                            record.case_problems.append(f"after {path.name} alone: {problem}")
                for item in results:
                    record.files.append(item)
                    print(f"{item.outcome:9} {item.seconds:6.1f} s  {item.file}: {item.detail[:110]}", flush=True)
                problem = check_case(case, env, data)
                if problem:
                    record.case_intact = False
                    record.case_problems.append(f"after {group[-1].name}: {problem}")
            audit = run_app(["audit", "verify", *data], env, 300)
            record.audit_ok = audit.returncode == 0
            if not record.audit_ok:
                record.case_intact = False
                record.case_problems.append(f"audit verify: exit {audit.returncode}: {last_line(audit.stdout)}")
    finally:
        stop_load(load)
    record.wall_s = time.monotonic() - started
    record.load_avg_end = os.getloadavg()
    return record


def report(record: Run) -> dict[str, int]:
    totals = {outcome: sum(1 for f in record.files if f.outcome == outcome) for outcome in OUTCOMES}
    width = max((len(f.file) for f in record.files), default=10)
    print()
    print(f"{'file':{width}}  {'bytes':>9}  {'seconds':>7}  outcome    detail")
    for f in record.files:
        print(f"{f.file:{width}}  {f.bytes:9,}  {f.seconds:7.1f}  {f.outcome:9}  {f.detail[:100]}")
    print()
    state = "under load (every core busy)" if record.load else "quiet"
    print(f"{len(record.files)} files, {state}, limit {record.limit_s:,.0f} s a file, {record.wall_s / 60:,.1f} min:")
    print("  " + ", ".join(f"{name} {count}" for name, count in totals.items()))
    bad = sum(totals[name] for name in BAD)
    print(f"  mishandled: {bad}; case intact: {record.case_intact} {'; '.join(record.case_problems)}")
    print(f"  load average {record.load_avg_start[0]:.1f} at the start, {record.load_avg_end[0]:.1f} at the end")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR), help="folder of files (recursive)")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds a file may take (default 300)")
    parser.add_argument("--load", action="store_true", help="keep every core busy with busy-loop processes")
    parser.add_argument("--load-max-s", type=float, default=6 * 3600.0, help="the busy loops end by themselves")
    parser.add_argument("--batch", type=int, default=1, help="files per case import (rerun one by one if bad)")
    parser.add_argument("--ai", action="store_true", help="models on (default off: the reader is what is tested)")
    parser.add_argument("--ocr-languages", default="eng", help="Tesseract languages (default eng)")
    parser.add_argument("--limit-files", type=int, default=0, help="only the first N files (a smoke run)")
    parser.add_argument("--out", type=Path, help="JSON file (default benchmarks/results/broken_files-<state>.json)")
    args = parser.parse_args(argv)
    args.batch = max(1, args.batch)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, stop)  # a killed run still ends its busy loops and the import it runs
    signal.signal(signal.SIGINT, stop)  # also when started in the background, where SIGINT is ignored
    record = run(args)
    totals = report(record)
    out = args.out or RESULTS / f"broken_files-{'load' if record.load else 'quiet'}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"totals": totals, **asdict(record)}
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    bad = sum(totals[name] for name in BAD)
    return 0 if bad == 0 and record.case_intact else 1


if __name__ == "__main__":
    sys.exit(main())
