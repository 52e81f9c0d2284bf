"""Start-up guard (issue 17): the quick commands never import the machine-learning stacks.

``ocr`` and ``langid`` must answer one small item in well under a second of overhead; torch, spaCy (which
imports thinc and, through it, torch), transformers or sentence-transformers would each cost seconds. This
checks what is imported, not how long it takes (timings are for benchmarks/startup_benchmark.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from examiner_app.extraction import ocr

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "spacy", "thinc", "transformers", "sentence_transformers")

_SCRIPT = """
import contextlib, io, sys
from examiner_app.cli import main
sys.stdin = io.StringIO({stdin!r})
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main({argv!r})
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print(code, heavy, repr(out.getvalue()))
"""


def _run(argv: list[str], stdin: str = "") -> tuple[str, str]:
    script = _SCRIPT.format(stdin=stdin, argv=argv, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, timeout=300
    )
    code, rest = done.stdout.split(" ", 1)
    return code, rest


def test_langid_imports_no_machine_learning_stack() -> None:
    # A sentence (35 letters or more): Lingua, which only short texts are shown, loads ~4-11 s of models.
    code, rest = _run(["langid"], "The applicant left her home town in March 2019 after her brother was arrested.\n")
    assert code == "0"
    assert rest.startswith("[] "), rest
    assert "'en\\t" in rest


@pytest.mark.skipif(ocr._tesseract_binary() is None, reason="tesseract not installed")
def test_ocr_imports_no_machine_learning_stack(tmp_path: Path) -> None:
    image = Image.new("L", (900, 80), 255)
    ImageDraw.Draw(image).text((10, 20), "Colombo 7", fill=0, font_size=40)
    path = tmp_path / "line.png"
    image.save(path)
    code, rest = _run(["ocr", str(path)])
    assert code == "0"
    assert rest.startswith("[] "), rest
    assert "Colombo" in rest, rest


_EXTRACT_SCRIPT = """
import contextlib, io, sys
from examiner_app import models
from examiner_app.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main({argv!r})
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print(code, sorted(path.name for path in models._SPACY_CACHE), heavy, "person_name" in out.getvalue())
"""


def test_extract_on_an_urdu_page_with_ai_on_loads_no_english_model(tmp_path: Path) -> None:
    page = tmp_path / "statement_ur.txt"
    page.write_text(
        "درخواست گزار کا بیان\nمیرا نام نوید احمد چوہدری ہے۔ میں 9 نومبر 1987 کو ربوہ، ضلع چنیوٹ، پاکستان میں پیدا ہوا۔\n"
        "میں لاہور میں موبائل فون کی ایک دکان چلاتا تھا۔\n",
        encoding="utf-8",
    )
    script = _EXTRACT_SCRIPT.format(argv=["extract", "--format", "json", str(page)], heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "EXAMINER_AI_ENABLED": "1"},
    )
    # No spaCy pipeline loaded, nor spaCy, torch or transformers imported; the rules still read the name.
    assert done.stdout.split("\n")[-2] == "0 [] [] True", done.stdout


_WORKER_SCRIPT = """
import sys
from examiner_app.extraction import registry
from examiner_app.extraction.ocr import NullOcrEngine
from examiner_app.extraction.reader import ReadOptions
mime_type, count = registry.probe_task({path!r}, ReadOptions())
page, png = registry.read_page_task({path!r}, mime_type, 0, ReadOptions(), NullOcrEngine())
print(mime_type, count, page.width, "examiner_app.extraction.pdf" in sys.modules, "pypdfium2" in sys.modules)
"""


def test_a_worker_reading_an_image_never_imports_the_pdf_reader(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    Image.new("L", (300, 200), 255).save(path)
    done = subprocess.run(
        [sys.executable, "-c", _WORKER_SCRIPT.format(path=str(path))],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.stdout.split() == ["image/png", "1", "300", "False", "False"]
