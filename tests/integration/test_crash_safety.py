"""Kill -9 during a multi-page import, again and again: nothing saved is lost, the database stays
sound, and the next import resumes where the last one stopped."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

ROUNDS = 20
PAGES = 80  # enough that the 20 kills land while pages are still being read (in-process Tesseract reads
# these sparse pages in ~0.1 s each)
FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


def make_scan(path: Path) -> None:
    """A multi-page TIFF of typed statement pages (150 dpi keeps OCR quick)."""
    font = ImageFont.truetype(str(FONT), 28) if FONT.exists() else ImageFont.load_default()
    pages = []
    for n in range(1, PAGES + 1):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        lines = [
            f"Statement page {n}",
            "Name: Kamal Perera",
            f"On {n} May 2021 the police came to our house.",
            "I left Colombo and travelled to Bangkok.",
            "FICTIONAL SAMPLE",
        ]
        for i, line in enumerate(lines):
            draw.text((120, 150 + 60 * i), line, font=font, fill=0)
        pages.append(image)
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_deflate")


def cli(data: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, EXAMINER_DATA_DIR=str(data), EXAMINER_AI_ENABLED="0", OMP_THREAD_LIMIT="1")
    return subprocess.Popen(
        [sys.executable, "-m", "examiner_app", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )


def saved_pages(db: Path) -> set[int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        try:
            return {row[0] for row in conn.execute("SELECT page_number FROM pages")}
        except sqlite3.OperationalError:  # killed before the schema existed
            return set()


def wait_for_new_page(db: Path, seen: set[int], proc: subprocess.Popen[str], deadline: float) -> None:
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                    if {row[0] for row in conn.execute("SELECT page_number FROM pages")} - seen:
                        return
            except sqlite3.OperationalError:
                pass  # the schema is still being created
        time.sleep(0.05)


@pytest.mark.slow
def test_repeated_kill_9_during_import_loses_nothing_and_resumes(tmp_path: Path) -> None:
    scan = tmp_path / "statement.tiff"
    make_scan(scan)
    data = tmp_path / "data"
    created = cli(data, "case", "new", "--title", "Crash case")
    out, err = created.communicate(timeout=120)
    assert created.returncode == 0, err
    case_id = json.loads(out)["case_id"]
    db = data / "examiner.db"
    rng = random.Random(20261125)
    seen: set[int] = set()
    history = []
    for round_number in range(ROUNDS):
        proc = cli(data, "case", "import", case_id, str(scan))
        if round_number % 4 == 0:
            time.sleep(rng.uniform(0.2, 2.0))  # anywhere, start-up and schema work included
        else:
            # Just after a page was committed, plus a random fraction of the next page's work: the kill
            # lands mid-import however fast or slow this machine is today.
            wait_for_new_page(db, seen, proc, deadline=time.monotonic() + 60)
            time.sleep(rng.uniform(0.0, 0.4))
        with contextlib.suppress(ProcessLookupError):  # it may have finished: counted by the last assertion
            os.killpg(proc.pid, signal.SIGKILL)  # the import and its worker processes
        proc.communicate(timeout=60)
        pages = saved_pages(db)
        assert seen <= pages, f"saved pages were lost: before {sorted(seen)}, after {sorted(pages)}"
        seen = pages
        history.append(len(pages))
    final = cli(data, "case", "import", case_id, str(scan))
    out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    (document,) = json.loads(out)["documents"]
    assert document["status"] == "done"
    assert saved_pages(db) == set(range(1, PAGES + 1))
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    assert count == 1, "re-importing the same file must resume, not duplicate"
    print("pages saved after each kill:", history)
    assert len(history) == ROUNDS
    assert sum(1 for n in history if 0 < n < PAGES) >= ROUNDS // 2, f"most kills should land mid-import: {history}"
