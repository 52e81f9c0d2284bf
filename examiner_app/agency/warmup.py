"""Worker start-up: load what the ingestion jobs need before the worker takes its first job.

A cold worker paid for it inside its first jobs: the language detectors (3-5 s on this machine), the fact
extractors (about 1 s of imports) and the sandboxed reader process with Tesseract. With two workers each paid
it inside the timed work, which halved their measured speedup. Loading it before ``serving queues`` makes
start-up a cost of its own (logged), and the first job as fast as the hundredth.

What is loaded is what the jobs use, through the same public calls: the extractors are kept and handed to
every document job (each built its own before); the detectors and the reader pool stay loaded in the process
(module caches and the shared reader pool). Nothing here is required: a step that fails is logged and the
worker serves anyway, and the job that needs it reports the typed error as before.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from examiner_app.domain import PageText
from examiner_app.extraction.facts import default_extractors, extract_facts
from examiner_app.extraction.facts.base import FactExtractor
from examiner_app.extraction.language import detect_page_languages
from examiner_app.extraction.reader import ReadOptions, read_document
from examiner_app.progress import NullProgress

log = logging.getLogger(__name__)

#: Texts that make every detector load: sentences in the scripts whose detectors differ (Latin, Arabic,
#: Cyrillic), and a short form label, for which Lingua is asked too (only texts under
#: ``_detectors.MAX_LETTERS["lingua"]`` letters are; its model is the slowest to load, and real scans have such
#: blocks: on the shared test scans it loaded inside the first document job, 16 s on a busy machine). Their
#: content does not matter.
_SAMPLE_TEXTS = (
    "Date of birth",
    "The applicant states that he left his home town in March 2019 after his brother was detained by the "
    "police and questioned for several days. Born 12 May 1990 in Kabul. Passport number P1234567.",
    "متقاضی اظهار می‌کند که در ماه مارس از شهر خود خارج شد پس از آنکه برادرش توسط پلیس بازداشت و چند روز بازجویی شد.",
    "Заявитель утверждает, что покинул родной город в марте после того, как его брат был задержан полицией.",
)


@dataclass(frozen=True)
class Preloaded:
    """What start-up loaded: the extractors the document jobs use, and the seconds each step took."""

    extractors: tuple[FactExtractor, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def total_s(self) -> float:
        return sum(self.seconds.values())

    def summary(self) -> str:
        steps = ", ".join(f"{name} {s:.1f} s" for name, s in self.seconds.items())
        failed = "".join(f"; {name} not loaded ({why})" for name, why in self.failures.items())
        return f"{steps} (total {self.total_s:.1f} s){failed}"


def preload(models_dir: Path | None, ai_enabled: bool, read_options: ReadOptions) -> Preloaded:
    """Build the extractors, load the language detectors and start the reader pool for ``read_options``
    (the options the page jobs read with, so the jobs reuse the same pool)."""
    seconds: dict[str, float] = {}
    failures: dict[str, str] = {}

    def timed(name: str, step: Callable[[], object]) -> object:
        start = time.perf_counter()
        try:
            return step()
        except Exception as exc:  # a missing model or Tesseract: the job that needs it reports it, typed
            failures[name] = f"{type(exc).__name__}: {exc}"
            log.warning("preload of %s failed: %s", name, failures[name])
            return None
        finally:
            seconds[name] = time.perf_counter() - start

    built = timed("extractors", lambda: tuple(default_extractors(models_dir, ai_enabled=ai_enabled)))
    extractors: tuple[FactExtractor, ...] = built if isinstance(built, tuple) else ()
    timed("language detectors and first suggestions", lambda: _detect_and_suggest(extractors))
    timed("reader", lambda: _read_one_page(read_options))
    return Preloaded(extractors, seconds, failures)


def _detect_and_suggest(extractors: tuple[FactExtractor, ...]) -> None:
    for number, sample in enumerate(_SAMPLE_TEXTS, start=1):
        page = detect_page_languages(PageText(page_number=number, text=sample))
        extract_facts(page, extractors)


def _read_one_page(options: ReadOptions) -> None:
    """One small rendered page through the sandboxed reader: starts its processes, runs the OCR engine once."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(image).text((30, 50), "Worker start-up page", fill=0, font=ImageFont.load_default(size=40))
    with tempfile.TemporaryDirectory(prefix="examiner-warmup-") as folder:
        path = Path(folder) / "warmup.png"
        image.save(path, dpi=(300, 300))
        for _page in read_document(path, options, NullProgress()):
            pass
