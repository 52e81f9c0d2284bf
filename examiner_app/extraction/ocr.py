"""OCR engines: an ABC, Tesseract (words, boxes, confidences, orientation, script) and a null engine.

Engines run inside worker processes (see ``sandbox.py``) and must be picklable: they carry settings, never
open handles. An engine reads one upright-or-rotated page image and returns an :class:`OcrResult` whose word
boxes are pixels of the image *after* the rotation it reports (``rotate_upright(image, result.rotation)``).

Page text contract (what facts cite): words joined by one space within a line, ``"\\n"`` between lines of a
block, ``"\\n\\n"`` between blocks; every ``Word`` has ``text[w.start:w.end] == w.text``.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import dataclasses
import functools
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examiner_app.domain import BBox, Word
from examiner_app.errors import ConfigurationError, MissingDependencyError, OcrError
from examiner_app.extraction import deskew

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

#: Tesseract OSD script name -> language packs, best first. ``packs_for_script`` keeps the installed ones.
#: A provisional table: ``language.script_to_tesseract`` is meant to replace it.
_SCRIPT_PACKS: Mapping[str, tuple[str, ...]] = {
    "Latin": ("eng",),
    "Arabic": ("ara",),
    "Cyrillic": ("rus", "ukr"),
    "Greek": ("ell",),
    "Hebrew": ("heb",),
    "Han": ("jpn", "chi_sim", "chi_tra"),
    "Japanese": ("jpn",),
    "Hiragana": ("jpn",),
    "Katakana": ("jpn",),
    "Hangul": ("kor",),
    "Korean": ("kor",),
    "Devanagari": ("hin", "nep"),
    "Bengali": ("ben",),
    "Tamil": ("tam",),
    "Sinhala": ("sin",),
    "Myanmar": ("mya",),
    "Khmer": ("khm",),
    "Thai": ("tha",),
    "Lao": ("lao",),
    "Ethiopic": ("amh", "tir"),
    "Georgian": ("kat",),
    "Armenian": ("hye",),
    "Gujarati": ("guj",),
    "Gurmukhi": ("pan",),
    "Kannada": ("kan",),
    "Malayalam": ("mal",),
    "Telugu": ("tel",),
    "Oriya": ("ori",),
    "Tibetan": ("bod",),
}

#: Below these OSD confidences we do not trust the orientation / script Tesseract reports. Measured on
#: generated pages: full A4 text pages score 15-25, a few lines 2-10, blank or photo pages fail outright.
OSD_MIN_ORIENTATION_CONFIDENCE = 2.0
OSD_MIN_SCRIPT_CONFIDENCE = 1.0
#: With languages chosen by the user we only run OSD when the first reading looks poor.
LOW_CONFIDENCE = 0.55
DEFAULT_LANGUAGES = "eng"
#: A page read this well (mean word confidence, words) lends its languages to the document's other pages, and a
#: page read with such a hint keeps that reading only if it is this good too.
HINT_MIN_CONFIDENCE = 0.75
HINT_MIN_WORDS = 20


@dataclass(frozen=True)
class OcrResult:
    """One page as read. ``words`` boxes are pixels of the page image after ``rotation``."""

    text: str
    words: tuple[Word, ...]
    mean_confidence: float | None  # 0..1 over words; None when nothing was read
    rotation: int  # clockwise degrees the input image was turned before reading: 0, 90, 180 or 270
    languages: str  # Tesseract language string used, e.g. "ara+eng"; "" when nothing was run
    engine: str  # e.g. "tesseract@5.3.0"; "+flatten", "+deskew", "+line" name the preprocessing that was applied
    #: Degrees (counter-clockwise) the upright page was straightened by before reading; the word boxes have
    #: already been mapped back to the upright page, so this is provenance, not a transform left to apply.
    skew: float = 0.0


class OcrEngine(ABC):
    """Reads text from a page image."""

    name = "ocr"

    @abstractmethod
    def read(self, image: Image.Image, languages: str | None) -> OcrResult:
        """Read ``image``. ``languages`` is a Tesseract language string, or None to choose per page."""

    def check(self, languages: str | None) -> None:  # noqa: B027 - optional hook, a no-op by default
        """Raise MissingDependencyError if the engine cannot run with ``languages``; called before work starts."""

    def read_hinted(self, image: Image.Image, hint: str) -> OcrResult:
        """Automatic languages, trying ``hint`` (what an earlier page of the document was read with) first."""
        return self.read(image, None)


class NullOcrEngine(OcrEngine):
    """Reads nothing: for tests and for "AI/OCR off" (pages without a text layer come back empty)."""

    name = "null"

    def read(self, image: Image.Image, languages: str | None) -> OcrResult:
        return OcrResult("", (), None, 0, "", "null")


# --- Tesseract ------------------------------------------------------------------------------------


def rotate_upright(image: Image.Image, rotation: int) -> Image.Image:
    """Turn ``image`` clockwise by ``rotation`` degrees (a multiple of 90): what OSD's "Rotate" asks for."""
    from PIL import Image as PILImage

    steps = {
        0: None,
        90: PILImage.Transpose.ROTATE_270,
        180: PILImage.Transpose.ROTATE_180,
        270: PILImage.Transpose.ROTATE_90,
    }
    method = steps[rotation % 360]
    return image if method is None else image.transpose(method)


def packs_for_script(script: str, installed: frozenset[str] | None = None) -> str:
    """Tesseract languages for an OSD script name, restricted to installed packs.

    Non-Latin scripts get ``+eng`` too: case papers in any script carry Latin names, dates and numbers.
    Returns "" when no pack for the script is installed.
    """
    packs = installed_languages() if installed is None else installed
    wanted = [p for p in _SCRIPT_PACKS.get(script, ()) if p in packs][:1]
    if wanted and wanted[0] != "eng" and "eng" in packs:
        wanted.append("eng")
    return "+".join(wanted)


def debian_package(pack: str) -> str:
    """The Debian package that ships a Tesseract language pack (``chi_sim`` -> ``tesseract-ocr-chi-sim``)."""
    return "tesseract-ocr-" + pack.lower().replace("_", "-")


@functools.cache
def _tesseract_binary() -> str | None:
    return shutil.which("tesseract")


#: ``tesseract --list-langs`` / ``--version`` take milliseconds; this much wall-clock time covers a machine
#: whose cores are all busy with other work.
TESSERACT_QUERY_TIMEOUT_S = 120.0


def _ask_tesseract(binary: str, option: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(  # noqa: S603 - the tesseract found on PATH, a fixed option
            [binary, option], capture_output=True, text=True, timeout=TESSERACT_QUERY_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ConfigurationError(
            f"Tesseract did not answer '{option}' within {TESSERACT_QUERY_TIMEOUT_S:,.0f} s. The machine may be "
            "overloaded: try again, or check the Tesseract installation (tesseract --version)."
        ) from exc
    except OSError as exc:
        raise MissingDependencyError(
            f"Tesseract cannot be run ({exc.strerror}). Reinstall it: apt-get install tesseract-ocr"
        ) from exc


def _list_languages() -> frozenset[str]:
    binary = _tesseract_binary()
    if binary is None:
        return frozenset()
    result = _ask_tesseract(binary, "--list-langs")
    lines = result.stdout.splitlines()[1:]  # first line: 'List of available languages in "..." (N):'
    return frozenset(line.strip() for line in lines if line.strip())


_installed_cache: frozenset[str] | None = None


def installed_languages(*, refresh: bool = False) -> frozenset[str]:
    """Installed Tesseract language packs (cached; ``refresh`` re-asks Tesseract)."""
    global _installed_cache
    if _installed_cache is None or refresh:
        _installed_cache = _list_languages()
    return _installed_cache


@functools.cache
def tesseract_version() -> str:
    binary = _tesseract_binary()
    if binary is None:
        return "unknown"
    result = _ask_tesseract(binary, "--version")
    first = (result.stdout or result.stderr).split("\n", 1)[0].split()
    return first[1] if len(first) > 1 else "unknown"


def check_tesseract(languages: str | None) -> None:
    """Raise MissingDependencyError naming the apt package when Tesseract or a needed pack is missing.

    ``languages=None`` (automatic) needs ``osd`` and ``eng``; otherwise every pack in the string.
    """
    if _tesseract_binary() is None:
        _tesseract_binary.cache_clear()
        if _tesseract_binary() is None:
            raise MissingDependencyError(
                "Tesseract OCR is not installed, so scanned pages cannot be read. "
                "Install it with `apt-get install tesseract-ocr tesseract-ocr-osd`, then import the file again."
            )
    needed = ["osd", "eng"] if languages is None else [p for p in languages.split("+") if p]
    missing = [p for p in needed if p not in installed_languages()]
    if missing:
        missing = [p for p in needed if p not in installed_languages(refresh=True)]
    if missing:
        packages = " ".join(debian_package(p) for p in missing)
        raise MissingDependencyError(
            f"Tesseract language pack(s) {', '.join(missing)} are not installed. "
            f"Install them with `apt-get install {packages}`, or choose other OCR languages, then import again."
        )


#: Packs worth comparing for one OSD script: OSD tells the script, not which of its languages it is.
_SCRIPT_CANDIDATES: Mapping[str, tuple[str, ...]] = {
    "Arabic": ("ara", "fas", "urd"),
    "Devanagari": ("hin", "nep"),
    "Han": ("jpn", "chi_sim"),
}
SECOND_SCRIPT_CONFIDENCE = 0.5
SECOND_SCRIPT_MIN_WORDS = 6
SECOND_SCRIPT_MIN_CONFIDENCE = 0.6
#: A mixed reading is kept only when it reads at least this many letters of the second script. The bullets of an
#: English list, poorly read, probe as Arabic: ``ara+eng`` read them as Arabic-Indic zeros (digits, no letters) and,
#: as Tesseract lays out a page with a right-to-left language, put its columns in the other order (cardinal.pdf in
#: OCRmyPDF's tests: the same words, CER 0.017 -> 0.444).
SECOND_SCRIPT_MIN_LETTERS = 12
#: The probe image of poorly read words is at most this high. Its rows are as high as the tallest weak "word":
#: on a sideways page read upright, 487 weak boxes up to 760 px tall made a 2000 x 94,464 px image, which
#: Tesseract refuses to read (images over 32,767 px), so the whole page failed with an OcrError.
SECOND_SCRIPT_MAX_HEIGHT = 4096
#: One pack per script, to find which script the poorly read words of a "Latin" page are in.
_PROBE_PACKS: tuple[tuple[str, str], ...] = (
    ("Japanese", "jpn"),
    ("Arabic", "ara"),
    ("Devanagari", "hin"),
    ("Bengali", "ben"),
    ("Tamil", "tam"),
    ("Sinhala", "sin"),
    ("Myanmar", "mya"),
    ("Khmer", "khm"),
    ("Ethiopic", "amh"),
)


#: Packs of Latin-script languages: a page read with only these may still carry a second script (mixed forms).
_LATIN_PACKS = frozenset({"eng", "fra", "tur", "kmr", "spa", "deu", "ita", "por", "nld", "vie", "ind", "tgl", "som"})


def _candidate_packs(script: str) -> list[str]:
    installed = installed_languages()
    packs = [p for p in _SCRIPT_CANDIDATES.get(script, ()) if p in installed]
    if not packs:
        single = [p for p in packs_for_script(script, installed).split("+") if p and p != DEFAULT_LANGUAGES]
        packs = single[:1]
    return packs


def _candidate_languages(script: str) -> list[str]:
    """Language strings to try for a page of this script, each with English for printed labels."""
    if script == "Latin":
        return [DEFAULT_LANGUAGES]
    packs = _candidate_packs(script)
    if not packs:
        log.warning("no Tesseract pack installed for script %s; reading with eng", script)
        return [DEFAULT_LANGUAGES]
    return [f"{pack}+{DEFAULT_LANGUAGES}" for pack in packs]


PHOTO_PAPER_MEDIAN = 230  # paper darker than this (95th-percentile brightness per tile) is not a scan
PHOTO_PAPER_SPREAD = 8.0  # or paper brightness varying this much across tiles, with no solid black tiles


def _paper_brightness(image: Image.Image, tile: int = 64) -> Any:
    """95th-percentile brightness of each whole ``tile``-square tile, computed for all tiles at once (~60 ms on
    an A4 page at 300 dpi, against ~0.3 s tile by tile)."""
    import numpy as np

    pixels = np.asarray(image, dtype=np.uint8)
    height, width = pixels.shape[:2]
    rows = len(range(0, max(1, height - tile), tile))  # tiles starting before height - tile: all whole
    columns = len(range(0, max(1, width - tile), tile))
    if height < tile or width < tile or rows * columns == 0:
        return np.zeros(0, dtype=np.float32)
    tiles = pixels[: rows * tile, : columns * tile].reshape(rows, tile, columns, tile).transpose(0, 2, 1, 3)
    return np.percentile(tiles.reshape(rows * columns, tile * tile), 95, axis=1).astype(np.float32)


def looks_photographed(image: Image.Image) -> bool:
    """A photo or photocopy of paper: the paper is grey or unevenly lit (a scan's paper is uniformly white).

    Measured on the sample pages and the public test scans (evaluation/ocr_eval.py): flattening such pages
    took the photographed passport page from CER 0.53 to 0.01 and the photocopied ID card from 0.024 to
    0.014, while on clean scans it made Persian and Japanese pages worse, so it is applied only here.
    """
    import numpy as np

    if image.width < 128 or image.height < 128:
        return False
    # At half size with half-size tiles: the same decision on every evaluation page, in a third of the time.
    paper = _paper_brightness(image.reduce(2), tile=32) if min(image.size) >= 1000 else _paper_brightness(image)
    if paper.size == 0:
        return False
    if float(np.percentile(paper, 5)) < 100:  # solid dark regions: a bilevel scan with pictures, not a photo
        return False
    return float(np.median(paper)) < PHOTO_PAPER_MEDIAN or float(paper.std()) > PHOTO_PAPER_SPREAD


def flatten_background(image: Image.Image, radius: int = 40) -> Image.Image:
    """Divide by a heavily blurred copy: uneven light and grey paper become white, text stays dark."""
    import numpy as np
    from PIL import Image as PILImage
    from PIL import ImageFilter

    pixels = np.asarray(image, dtype=np.float32)
    background = np.asarray(image.filter(ImageFilter.GaussianBlur(radius)), dtype=np.float32) + 1.0
    return PILImage.fromarray(np.clip(pixels / background * 255.0, 0, 255).astype(np.uint8))


#: A page is one text line when its ink rows form a single band at least this share of the image height, in an
#: image at least LINE_MIN_ASPECT times wider than high (a cropped field, a caption, a line of a form).
LINE_MIN_BAND_SHARE = 0.3
LINE_MIN_ASPECT = 3.0
SINGLE_LINE_PSM = 7


def looks_like_one_line(image: Image.Image) -> bool:
    """A narrow image holding one line of text: Tesseract's page layout (psm 3) often finds no text block in it.

    Rows with ink are grouped into bands; gaps shorter than a quarter of the tallest band (dots, accents,
    descenders) do not split a band. One band holding nearly all the ink, tall enough to be the image's
    subject, is one line.
    """
    import numpy as np

    if image.width < LINE_MIN_ASPECT * image.height or image.height < 8:
        return False
    gray = image if image.mode == "L" else image.convert("L")
    ink_per_row = (np.asarray(gray, dtype=np.uint8) < 128).sum(axis=1)
    total = int(ink_per_row.sum())
    if total == 0:
        return False
    rows = np.flatnonzero(ink_per_row > 0)
    breaks = np.flatnonzero(np.diff(rows) > 1)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks], [rows[-1]]))
    tallest = int((ends - starts).max()) + 1
    bands: list[list[int]] = []
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        if bands and start - bands[-1][1] - 1 < max(2, tallest // 4):
            bands[-1][1] = end
        else:
            bands.append([start, end])
    weights = [int(ink_per_row[a : b + 1].sum()) for a, b in bands]
    main = int(np.argmax(weights))
    band_height = bands[main][1] - bands[main][0] + 1
    return weights[main] >= 0.95 * total and band_height >= LINE_MIN_BAND_SHARE * image.height


#: Myanmar pages are compared with sparse-text mode (``_sparse_if_better``), which must beat the page layout's
#: mean word confidence by SPARSE_MARGIN. Only Myanmar: measured on the development scans (my-01, my-03), the
#: page layout (--psm 3) cut their lines into fragments (text similarity to the truth 0.17 and 0.28, mean
#: confidence 0.72 and 0.67) that sparse mode read whole (0.98, 0.98; confidence 0.81, 0.87). Other scripts were
#: not measured to gain, and it costs a second reading, so they keep the layout's reading.
SPARSE_PACKS = frozenset({"mya"})
SPARSE_MARGIN = 0.05
SPARSE_PSM = 11
#: One word: how a word cut out of a page is read again.
SINGLE_WORD_PSM = 8

#: A line read at least this confidently (mean word confidence) is taken as read; otherwise other scripts' packs
#: are tried, and one must beat the English reading by LINE_PROBE_MARGIN.
LINE_CONFIDENT = 0.85
LINE_PROBE_MARGIN = 0.05


def _line_score(result: OcrResult) -> float:
    """Mean word confidence of a line reading (0 when nothing was read): readings of one line compare by it."""
    return (result.mean_confidence or 0.0) if result.words else 0.0


def _reading_script(result: OcrResult) -> str | None:
    """The dominant script of a reading's letters (``Japanese`` for kana with Han)."""
    from examiner_app.extraction.scripts import detect_scripts, dominant_script

    script = dominant_script(detect_scripts(result.text))
    return "Japanese" if script in ("Han", "Hiragana", "Katakana") else script


#: CLD2 must give the page's first language at least this share of the text to name its pack.
PAGE_LANGUAGE_MIN_SHARE = 0.5


def page_language_packs(text: str) -> str:
    """Tesseract packs for a page's first reading: CLD2's language for the text (when it covers at least half of
    it) and a pack for each other script with a share of its letters, ``eng`` last.

    CLD2 (a C library: no model to load) instead of the full language-ID ensemble: on a page's worth of text it
    names the language as well, and the ensemble's detectors take ~3-4 s of CPU to load in every worker process
    (the issue-17 start-up measurements). Page languages shown to the examiner still come from the ensemble.
    """
    from examiner_app.domain import LanguageGuess
    from examiner_app.extraction.language._detectors import cld2_vote
    from examiner_app.extraction.language.tesseract import _scripts_of, tesseract_languages_for
    from examiner_app.extraction.scripts import detect_scripts, dominant_script

    installed = installed_languages()
    scripts = detect_scripts(text)
    vote = cld2_vote(text, dominant_script(scripts))
    code, share = max(vote.items(), key=lambda item: item[1]) if vote else ("und", 0.0)
    packs: list[str] = []
    if share >= PAGE_LANGUAGE_MIN_SHARE:
        packs.extend(tesseract_languages_for([LanguageGuess(code, share)], installed=installed).split("+"))
        # The language's own pack reads its script: no generic pack for that script too (urd, not urd+ara).
        covered = _scripts_of(code)
        scripts = {script: part for script, part in scripts.items() if script not in covered}
    packs.extend(tesseract_languages_for(scripts, installed=installed).split("+"))
    chosen = [p for p in dict.fromkeys(packs) if p and p != DEFAULT_LANGUAGES]
    return "+".join([*chosen, DEFAULT_LANGUAGES] if DEFAULT_LANGUAGES in installed else chosen)


def reads_script_letters(result: OcrResult, script: str, minimum: int = SECOND_SCRIPT_MIN_LETTERS) -> bool:
    """Whether a reading holds at least ``minimum`` letters of ``script`` (``Japanese``: kana and Han together);
    digits and punctuation of the script (Arabic-Indic digits) are no evidence of text in it."""
    from examiner_app.extraction.scripts import script_counts

    counts = script_counts(result.text)
    wanted = ("Han", "Hiragana", "Katakana") if script == "Japanese" else (script,)
    return sum(counts[name] for name in wanted) >= minimum


def _reading_score(result: OcrResult) -> float:
    """Confident words read: compares two readings of the same image."""
    return (result.mean_confidence or 0.0) * len(result.words)


def build_page_text(data: Mapping[str, Sequence[Any]]) -> tuple[str, tuple[Word, ...]]:
    """Page text and words from ``pytesseract.image_to_data(..., output_type=DICT)``.

    Words are kept in Tesseract's reading order; ``Word.block`` is Tesseract's block number and ``Word.line``
    counts lines within the block from 1 (paragraph breaks inside a block are line breaks).
    """
    parts: list[str] = []
    words: list[Word] = []
    position = 0
    previous_block: int | None = None
    previous_line: tuple[int, int, int] | None = None
    line_in_block = 0
    for i, level in enumerate(data["level"]):
        text = str(data["text"][i]).strip()
        confidence = float(data["conf"][i])
        if int(level) != 5 or not text or confidence < 0:
            continue
        block = int(data["block_num"][i])
        line_key = (block, int(data["par_num"][i]), int(data["line_num"][i]))
        if previous_block is None:
            separator, line_in_block = "", 1
        elif block != previous_block:
            separator, line_in_block = "\n\n", 1
        elif line_key != previous_line:
            separator, line_in_block = "\n", line_in_block + 1
        else:
            separator = " "
        parts.append(separator)
        position += len(separator)
        left, top = int(data["left"][i]), int(data["top"][i])
        box = BBox(left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        words.append(
            Word(
                text, position, position + len(text), box, max(0.0, min(1.0, confidence / 100.0)), block, line_in_block
            )
        )
        parts.append(text)
        position += len(text)
        previous_block, previous_line = block, line_key
    return "".join(parts), tuple(words)


def mean_confidence(words: Sequence[Word]) -> float | None:
    values = [w.confidence for w in words if w.confidence is not None]
    return sum(values) / len(values) if values else None


def _unskew(result: OcrResult, upright_size: tuple[int, int]) -> OcrResult:
    """``result`` with word boxes of the straightened page mapped back onto the upright page (the image shown)."""
    straightened = deskew.straightened_size(upright_size, result.skew)
    words = tuple(
        dataclasses.replace(w, bbox=deskew.unskew_box(w.bbox, result.skew, upright_size, straightened))
        if w.bbox is not None
        else w
        for w in result.words
    )
    return dataclasses.replace(result, words=words)


@dataclass(frozen=True)
class _Osd:
    rotation: int
    orientation_confidence: float
    script: str
    script_confidence: float


@dataclass(frozen=True)
class _Page:
    """The image Tesseract reads: turned upright and straightened; and the page mode chosen for it."""

    image: Image.Image
    rotation: int
    skew: float  # degrees (counter-clockwise) the upright page was straightened by; 0.0 when it was not
    psm: int


@contextlib.contextmanager
def _saved(image: Image.Image) -> Iterator[str]:
    """``image`` as a temporary PGM for the CLI: written in milliseconds (pytesseract's default PNG: 0.1-0.3 s)."""
    with tempfile.TemporaryDirectory(prefix="examiner-ocr-") as folder:
        path = Path(folder) / "page.pgm"
        image.save(path, format="PPM")
        yield str(path)


#: Tesseract C API handles kept per worker process, one per language string (the most recently used ones).
MAX_LIBRARY_HANDLES = 6
#: What Tesseract's OSD calls the orientation it found (``orient_deg / 90``) -> the clockwise turn that makes
#: the page upright: its CLI's "Rotate:" line (``OrientationIdToValue``).
_ROTATE_FOR_ORIENTATION = {0: 0, 1: 270, 2: 180, 3: 90}
_TSV_COLUMNS = (
    "level", "page_num", "block_num", "par_num", "line_num", "word_num",
    "left", "top", "width", "height", "conf", "text",
)  # fmt: skip


class _LibTesseract:
    """libtesseract's C API through ctypes, with one initialised handle per language string.

    Why not the ``tesseract`` CLI per reading: each run starts a process and loads its language data again
    (~70 ms of CPU, as much as our whole per-page overhead), and the CLI's OSD (``--psm 0``) lays the page
    out before it detects orientation and script, then detects them afresh: ~3x the CPU of the detection alone.
    A handle reads a raw 8-bit image (no PGM written, no TSV file read back) with the same settings as the CLI.
    Checked against the CLI on every evaluation page (``evaluation/ocr_eval.py``), each turned 0/90/180/270
    degrees: the same TSV on every page and the same OSD rotation, script and confidences in all 84 cases.
    Runs in worker processes; a crash inside Tesseract ends the worker, which the sandbox reports.
    """

    def __init__(self, library: ctypes.CDLL, version: str) -> None:
        #: The version that reads, for provenance: asking the ``tesseract`` binary costs each worker a process.
        self.version = version
        pointer, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        signatures: dict[str, tuple[list[Any], Any]] = {
            "TessBaseAPICreate": ([], pointer),
            "TessBaseAPIInit3": ([pointer, text, text], number),
            "TessBaseAPISetVariable": ([pointer, text, text], number),
            "TessBaseAPISetPageSegMode": ([pointer, number], None),
            "TessBaseAPISetImage": ([pointer, text, number, number, number, number], None),
            "TessBaseAPIRecognize": ([pointer, pointer], number),
            "TessBaseAPIGetTsvText": ([pointer, number], pointer),
            "TessBaseAPIDetectOrientationScript": (
                [
                    pointer,
                    ctypes.POINTER(number),
                    ctypes.POINTER(ctypes.c_float),
                    ctypes.POINTER(text),
                    ctypes.POINTER(ctypes.c_float),
                ],
                number,
            ),
            "TessBaseAPIClear": ([pointer], None),
            "TessBaseAPIEnd": ([pointer], None),
            "TessBaseAPIDelete": ([pointer], None),
            "TessDeleteText": ([pointer], None),
        }
        for name, (arguments, result) in signatures.items():
            function = getattr(library, name)
            function.argtypes, function.restype = arguments, result
        self._library = library
        self._handles: OrderedDict[str, int] = OrderedDict()
        self._last_image: Image.Image | None = None
        self._last_pixels = b""
        self._last_layout = (1, 0)  # bytes per pixel, bytes per line
        self._bilevel: tuple[Image.Image, Image.Image] | None = None  # (grey page, the bilevel scan it came from)
        # Workers read one page at a time, but a process that reads in threads (the CLI, tests) must not share a
        # handle or the last page's pixels between two readings at once.
        self._lock = threading.RLock()

    def _handle(self, languages: str) -> int:
        handle = self._handles.get(languages)
        if handle is not None:
            self._handles.move_to_end(languages)
            return handle
        library = self._library
        handle = library.TessBaseAPICreate()
        # Tesseract's messages ("Estimating resolution as ...") would go to the worker's stderr, the app's console.
        library.TessBaseAPISetVariable(handle, b"debug_file", b"/dev/null")
        if library.TessBaseAPIInit3(handle, None, languages.encode()) != 0:
            library.TessBaseAPIDelete(handle)
            raise MissingDependencyError(
                f"Tesseract could not load language data '{languages}'. Install the pack(s) with "
                f"`apt-get install {' '.join(debian_package(p) for p in languages.split('+') if p)}`."
            )
        if languages == "osd":
            # As the CLI is called for OSD: Tesseract's default (50) gives up on short letters and ID cards.
            library.TessBaseAPISetVariable(handle, b"min_characters_to_try", b"10")
        self._handles[languages] = handle
        while len(self._handles) > MAX_LIBRARY_HANDLES:
            _, oldest = self._handles.popitem(last=False)
            library.TessBaseAPIEnd(oldest)
            library.TessBaseAPIDelete(oldest)
        return handle

    def use_bilevel(self, gray: Image.Image, bilevel: Image.Image) -> None:
        """``gray`` is ``bilevel`` (a mode "1" scan) converted: hand Tesseract the bits instead when it reads
        ``gray`` itself (not turned or straightened). It then skips thresholding: the same words and OSD on the
        real scans (bilevel TIFFs) at every quarter turn, 10-50 ms less a page."""
        self._bilevel = (gray, bilevel)

    def _set_image(self, handle: int, image: Image.Image) -> bytes:
        # The same page is often read more than once (OSD then reading, or several packs): its pixels are
        # copied out once. Holding the image keeps its id from being reused by another.
        if self._last_image is not image:
            if self._bilevel is not None and self._bilevel[0] is image:
                # Pillow packs rows of a "1" image MSB first with 1 = white: what Tesseract takes at 0 bytes a pixel.
                pixels, layout = self._bilevel[1].tobytes(), (0, (image.width + 7) // 8)
            else:
                gray = image if image.mode == "L" else image.convert("L")
                pixels, layout = gray.tobytes(), (1, image.width)
            self._last_image, self._last_pixels, self._last_layout = image, pixels, layout
        pixels = self._last_pixels  # alive while Tesseract reads it: the caller keeps a reference too
        self._library.TessBaseAPISetImage(handle, pixels, image.width, image.height, *self._last_layout)
        return pixels

    def read_tsv(self, image: Image.Image, languages: str, psm: int) -> dict[str, list[str]]:
        """What ``pytesseract.image_to_data(..., output_type=DICT)`` returns, as strings (``build_page_text``)."""
        with self._lock:
            return self._read_tsv(image, languages, psm)

    def _read_tsv(self, image: Image.Image, languages: str, psm: int) -> dict[str, list[str]]:
        library = self._library
        handle = self._handle(languages)
        library.TessBaseAPISetPageSegMode(handle, psm)
        pixels = self._set_image(handle, image)
        try:
            if library.TessBaseAPIRecognize(handle, None) < 0:
                raise OcrError("Tesseract could not read this page. Try a cleaner scan.")
            raw = library.TessBaseAPIGetTsvText(handle, 0)
            tsv = ctypes.string_at(raw).decode("utf-8", errors="replace") if raw else ""
            if raw:
                library.TessDeleteText(raw)
        finally:
            library.TessBaseAPIClear(handle)
            del pixels
        columns: dict[str, list[str]] = {name: [] for name in _TSV_COLUMNS}
        for row in tsv.splitlines():
            cells = row.split("\t")
            if len(cells) < len(_TSV_COLUMNS) - 1:
                continue
            cells += [""] * (len(_TSV_COLUMNS) - len(cells))  # a word row with no text has no last cell
            # Whole percent, as pytesseract hands the CLI's confidences over (it truncates them): the thresholds
            # and the stored confidences stay what they were.
            with contextlib.suppress(ValueError):
                cells[10] = str(int(float(cells[10])))
            for name, cell in zip(_TSV_COLUMNS, cells, strict=False):
                columns[name].append(cell)
        return columns

    def detect_orientation_script(self, image: Image.Image) -> _Osd | None:
        """OSD as ``tesseract --psm 0`` reports it (confidences rounded as it prints them); None when it cannot
        decide (too little text)."""
        with self._lock:
            return self._detect_orientation_script(image)

    def _detect_orientation_script(self, image: Image.Image) -> _Osd | None:
        library = self._library
        handle = self._handle("osd")
        library.TessBaseAPISetPageSegMode(handle, 0)
        pixels = self._set_image(handle, image)
        degrees, orientation_confidence = ctypes.c_int(), ctypes.c_float()
        script, script_confidence = ctypes.c_char_p(), ctypes.c_float()
        try:
            found = library.TessBaseAPIDetectOrientationScript(
                handle,
                ctypes.byref(degrees),
                ctypes.byref(orientation_confidence),
                ctypes.byref(script),
                ctypes.byref(script_confidence),
            )
        finally:
            library.TessBaseAPIClear(handle)
            del pixels
        if not found or script.value is None:
            return None
        return _Osd(
            _ROTATE_FOR_ORIENTATION.get((degrees.value // 90) % 4, 0),
            float(f"{orientation_confidence.value:.2f}"),
            script.value.decode("utf-8", errors="replace"),
            float(f"{script_confidence.value:.2f}"),
        )

    def forget_image(self) -> None:
        """Drop the copy of the last page's pixels (between pages: a worker holds no page it is not reading)."""
        self._last_image, self._last_pixels, self._bilevel = None, b"", None

    def close(self) -> None:
        """Free every handle (at exit: Tesseract otherwise reports its cached dictionaries as leaked)."""
        self.forget_image()
        while self._handles:
            _, handle = self._handles.popitem()
            self._library.TessBaseAPIEnd(handle)
            self._library.TessBaseAPIDelete(handle)


@functools.cache
def _libtesseract() -> _LibTesseract | None:
    """The in-process Tesseract, or None to run the ``tesseract`` CLI (library missing or older than 4, or
    ``EXAMINER_TESSERACT_CLI=1``)."""
    if os.environ.get("EXAMINER_TESSERACT_CLI") == "1":
        return None
    for name in ("libtesseract.so.5", ctypes.util.find_library("tesseract")):
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
            library.TessVersion.restype = ctypes.c_char_p
            version = (library.TessVersion() or b"").decode()
            if int(version.split(".")[0]) < 4:
                return None
            wrapper = _LibTesseract(library, version)
        except (OSError, AttributeError, ValueError):
            continue
        atexit.register(wrapper.close)
        return wrapper
    return None


def _probe_canvas(image: Image.Image, weak: Sequence[BBox]) -> Image.Image:
    """The blank image the second-script probe pastes ``weak`` words onto (rows as high as the tallest word,
    about four words a row), never higher than ``SECOND_SCRIPT_MAX_HEIGHT``: words that do not fit are left out."""
    from PIL import Image as PILImage

    height = max(b.y1 - b.y0 for b in weak) + 8
    rows = max(1, min(len(weak) // 4 + 2, SECOND_SCRIPT_MAX_HEIGHT // height))
    return PILImage.new("L", (min(image.width, 2000), height * rows), 255)


class TesseractEngine(OcrEngine):
    """Tesseract, in process through its C API (``_LibTesseract``) or else through pytesseract and its CLI.
    Picklable; holds settings only.

    ``languages=None``: OSD (``--psm 0``) finds the rotation and the script, the script picks the packs
    (``packs_for_script``); when OSD cannot decide (too little text) the page is read with ``eng`` upright.
    Languages given: the page is read with them; only if that reading is poor (mean confidence below
    ``LOW_CONFIDENCE`` or no words) OSD is asked whether the page is rotated, and a rotated reading replaces the
    first when it is more confident. Costs, measured on an A4 page at 300 dpi with ``OMP_THREAD_LIMIT=1``, in
    process: OSD ~0.1 s (~0.5 s through the CLI), reading ~0.6-2 s.

    Before reading, the upright page is straightened when it is skewed by more than ``deskew.MIN_SKEW``
    (``deskew=False`` turns that off), and a narrow image of one text line is read as a line (``--psm 7``;
    ``line_mode=False`` turns that off). Each was measured on and off in ``evaluation/ocr_eval.py``.
    """

    name = "tesseract"

    def __init__(self, psm: int = 3, timeout_s: float = 0.0, *, deskew: bool = True, line_mode: bool = True) -> None:
        self.psm = psm
        self.timeout_s = timeout_s
        self.deskew = deskew
        self.line_mode = line_mode

    def check(self, languages: str | None) -> None:
        check_tesseract(languages)

    def read(self, image: Image.Image, languages: str | None) -> OcrResult:
        return self._read(image, languages, None)

    def read_hinted(self, image: Image.Image, hint: str) -> OcrResult:
        return self._read(image, None, hint)

    def _read(self, image: Image.Image, languages: str | None, hint: str | None) -> OcrResult:
        gray = image if image.mode == "L" else image.convert("L")
        # A bilevel scan has white paper by construction: nothing to even out, and the check costs ~60 ms.
        flattened = image.mode != "1" and looks_photographed(gray)
        if flattened:
            gray = flatten_background(gray)
        if image.mode == "1" and not flattened:
            library = self._library()
            if library is not None:
                library.use_bilevel(gray, image)
        try:
            result = self._read_automatic(gray, hint) if languages is None else self._read_with(gray, languages)
        finally:
            library = self._library()
            if library is not None:
                library.forget_image()
        if result.skew:
            result = _unskew(result, rotate_upright(gray, result.rotation).size)
        # Provenance says the image was evened out before reading (boxes still match the original image).
        return dataclasses.replace(result, engine=f"{result.engine}+flatten") if flattened else result

    # -- strategies ------------------------------------------------------------------------------

    def _read_automatic(self, image: Image.Image, hint: str | None = None) -> OcrResult:
        first: OcrResult | None = None
        script = "Latin"
        upright = self._prepare(image, 0)
        if upright.psm == SINGLE_LINE_PSM:
            # OSD on one line is a guess (too few characters); the line's packs are compared by reading it.
            return self._read_line_automatic(upright, hint)
        if hint:
            # Most pages of a document share its first page's languages: reading with them upright skips OSD and
            # the comparison of a script's packs (~0.5 s and 1-2 readings a page). Only a confident reading is
            # kept; a rotated page or one in another language reads poorly and gets the full choice below.
            page = upright
            hinted = self._data(page, hint)
            if len(hinted.words) >= HINT_MIN_WORDS and (hinted.mean_confidence or 0.0) >= HINT_MIN_CONFIDENCE:
                first = dataclasses.replace(hinted, engine=f"{hinted.engine}+hint")
                script = "Latin" if set(hint.split("+")) <= _LATIN_PACKS else "other"
        if first is None:
            osd = self._osd(image)
            rotation = 0
            if osd is not None:
                if osd.orientation_confidence >= OSD_MIN_ORIENTATION_CONFIDENCE:
                    rotation = osd.rotation
                if osd.script_confidence >= OSD_MIN_SCRIPT_CONFIDENCE:
                    script = osd.script
            page = upright if rotation == 0 else self._prepare(image, rotation)
            first = self._best_of(page, _candidate_languages(script))
            first, script, page = self._checked_script(image, upright, page, first, script, osd)
        if script == "Latin":
            # A form printed in English and answered in Sinhala or Arabic makes OSD say "Latin". Words the
            # Latin reading could not read well are probed on their own for a second script.
            other = self._second_script(page.image, first)
            if other is not None:
                mixed = self._best_of(page, [f"{pack}+{DEFAULT_LANGUAGES}" for pack in _candidate_packs(other)])
                if _reading_score(mixed) > _reading_score(first) and reads_script_letters(mixed, other):
                    first = mixed
        refined = self._refined_languages(first)
        if refined is not None:
            # OSD knows scripts, not languages: French and Turkish are "Latin". The first reading's text tells
            # the language; read again with its own pack when that is a different one.
            second = self._data(page, refined)
            first = second if _reading_score(second) >= 0.9 * _reading_score(first) else first
        return self._finished(page, first)

    def _finished(self, page: _Page, result: OcrResult) -> OcrResult:
        """The page's reading after the per-page second looks: sparse mode, Latin misreadings of RTL words."""
        return self._rtl_words_reread(page, self._sparse_if_better(page, result))

    def _rtl_words_reread(self, page: _Page, result: OcrResult) -> OcrResult:
        """Latin "words" Tesseract read out of Arabic-script words, read again with the script's pack alone and
        replaced when that reading is the better one (:mod:`ocr_rtl_latin`)."""
        from examiner_app.extraction import ocr_rtl_latin as rtl

        pack = rtl.rtl_pack(result.languages)
        if pack is None or not result.words:
            return result
        replacements: dict[int, tuple[str, float]] = {}
        width, height = page.image.size
        for i in rtl.candidates(result.words):
            box = result.words[i].bbox
            assert box is not None
            crop = page.image.crop(rtl.crop_box(box, width, height))
            word_page = _Page(crop, page.rotation, 0.0, SINGLE_WORD_PSM)
            rtl_reading = self._data(word_page, pack)
            if not rtl.accept(rtl_reading.text, rtl_reading.mean_confidence, None):
                continue
            latin = self._data(word_page, DEFAULT_LANGUAGES)
            if rtl.accept(
                rtl_reading.text, rtl_reading.mean_confidence, latin.mean_confidence if latin.words else None
            ):
                replacements[i] = (rtl_reading.text.strip(), round(rtl_reading.mean_confidence or 0.0, 2))
        if not replacements:
            return result
        text, words = rtl.splice(result.text, result.words, replacements)
        return dataclasses.replace(
            result, text=text, words=words, mean_confidence=mean_confidence(words), engine=f"{result.engine}+rtlword"
        )

    def _sparse_if_better(self, page: _Page, result: OcrResult) -> OcrResult:
        """A page read in one of ``SPARSE_PACKS`` against sparse-text mode (``--psm 11``) in the same languages:
        sparse mode is kept (engine ``+sparse``) when it is more confident by ``SPARSE_MARGIN``."""
        if page.psm != 3 or not result.words or not set(result.languages.split("+")) & SPARSE_PACKS:
            return result
        sparse = self._data(dataclasses.replace(page, psm=SPARSE_PSM), result.languages)
        if (sparse.mean_confidence or 0.0) < (result.mean_confidence or 0.0) + SPARSE_MARGIN:
            return result
        return dataclasses.replace(sparse, engine=f"{result.engine}+sparse")

    def _checked_script(
        self, image: Image.Image, upright: _Page, page: _Page, first: OcrResult, script: str, osd: _Osd | None
    ) -> tuple[OcrResult, str, _Page]:
        """``first`` (read with the packs of OSD's ``script``), or a reading in the script the page itself shows
        when OSD's guess read poorly or has no installed pack (``ocr_script_check``). Returns the reading (its
        engine string records an overruled or unconfirmed script), the script and the page read."""
        from examiner_app.extraction import ocr_script_check as check

        packless = script != "Latin" and not _candidate_packs(script)
        if first.words and (first.mean_confidence or 0.0) >= check.CHECK_BELOW_CONFIDENCE and not packless:
            return first, script, page
        osd_name = osd.script if osd is not None else "none"
        installed = installed_languages()
        # Japanese last: its pack takes longest to load (~1 s).
        packs = [("Latin", DEFAULT_LANGUAGES)] + sorted(
            (probe for probe in _PROBE_PACKS if probe[1] in installed), key=lambda probe: probe[1] == "jpn"
        )
        pages = {page.rotation: page, 0: upright}
        readings: list[check.ProbeReading] = []
        # OSD's turn first, then upright: OSD misjudges the orientation of the scripts it misjudges.
        for rotation in dict.fromkeys((page.rotation, 0)):
            probe = check.probe_image(pages[rotation].image)
            if probe is None:
                continue

            def read(lines: Image.Image, pack: str, rotation: int = rotation) -> tuple[float, str]:
                reading = self._data(_Page(lines, rotation, 0.0, check.PROBE_PSM), pack)
                return ((reading.mean_confidence or 0.0) if reading.words else 0.0), reading.text

            found = check.probe_scripts(probe, rotation, packs, read)
            readings.extend(found)
            if any(check.confirms(r) for r in found):
                break
        evidence = check.best_evidence(readings, "Latin" if osd is None else script)
        best = evidence.best
        chosen, chosen_script, chosen_page, confirmed = first, script, page, False
        if best is not None and (best.script, best.rotation) == (script, page.rotation):
            confirmed = True  # OSD was right: the page reads poorly for other reasons (shown by its confidence)
        elif best is not None:
            candidate_page = pages[best.rotation]
            second = self._best_of(candidate_page, _candidate_languages(best.script))
            better = (second.mean_confidence or 0.0) >= (first.mean_confidence or 0.0) + check.PAGE_MARGIN
            if better and _reading_script(second) == best.script:
                chosen, chosen_script, chosen_page, confirmed = second, best.script, candidate_page, True
        log.info(
            "OCR script check: OSD %s (rotation %d) read at %.2f; probes %s; chosen %s (rotation %d) at %.2f%s",
            osd_name,
            page.rotation,
            first.mean_confidence or 0.0,
            ", ".join(f"{r.pack}@{r.rotation}={r.confidence:.2f}/{r.text_script}" for r in evidence.readings),
            chosen_script,
            chosen_page.rotation,
            chosen.mean_confidence or 0.0,
            "" if confirmed else " (unconfirmed)",
        )
        token = check.provenance(chosen_script, osd_name, confirmed)
        return dataclasses.replace(chosen, engine=f"{chosen.engine}{token}"), chosen_script, chosen_page

    def _read_line_automatic(self, page: _Page, hint: str | None) -> OcrResult:
        """Automatic languages for one text line (``--psm 7``): read it with English first; unless that reading
        is confident, read it with one pack per installed script and keep the script whose reading is most
        confident *and* written in that script, then compare that script's packs (alone and with English).

        A line image is not a page: OSD sees too few characters to name the script, and the language detectors
        see too few words to refine a Latin reading (so neither runs here)."""
        first = self._data(page, hint or DEFAULT_LANGUAGES)
        if hint and hint != DEFAULT_LANGUAGES and not self._confident_line(first):
            english = self._data(page, DEFAULT_LANGUAGES)
            first = english if _line_score(english) > _line_score(first) else first
        if self._confident_line(first):
            return first
        installed = installed_languages()
        best, best_script = first, None
        # Japanese last: its pack takes longest to load (~1 s), and most lines that are not English are not it.
        for script, pack in sorted(_PROBE_PACKS, key=lambda probe: probe[1] == "jpn"):
            if pack not in installed:
                continue
            reading = self._data(page, pack)
            if _reading_script(reading) != script:
                continue  # e.g. jpn reads a Latin line as Latin letters: no evidence for Japanese
            if _line_score(reading) > _line_score(best) + LINE_PROBE_MARGIN * (best_script is None):
                best, best_script = reading, script
                if (reading.mean_confidence or 0.0) >= LINE_CONFIDENT:
                    break
        if best_script is None:
            return first
        readings = [best]
        for pack in _candidate_packs(best_script):
            for languages in (pack, f"{pack}+{DEFAULT_LANGUAGES}"):
                if languages != best.languages:
                    readings.append(self._data(page, languages))
        return max(readings, key=_line_score)

    @staticmethod
    def _confident_line(result: OcrResult) -> bool:
        return bool(result.words) and (result.mean_confidence or 0.0) >= LINE_CONFIDENT

    def _best_of(self, page: _Page, candidates: Sequence[str]) -> OcrResult:
        """Read with each language string and keep the most confident reading. Measured on the sample pages:
        mean word confidence picks the right one of ara/fas/urd for Arabic, Persian and Urdu statements."""
        best: OcrResult | None = None
        for languages in candidates:
            result = self._data(page, languages)
            if best is None or (result.mean_confidence or 0.0) > (best.mean_confidence or 0.0):
                best = result
        assert best is not None
        return best

    def _second_script(self, image: Image.Image, first: OcrResult) -> str | None:
        """The script of the poorly read words, by OSD on an image of those words alone; None if Latin too."""
        weak = [w.bbox for w in first.words if w.bbox is not None and (w.confidence or 0.0) < SECOND_SCRIPT_CONFIDENCE]
        if len(weak) < SECOND_SCRIPT_MIN_WORDS:
            return None
        canvas = _probe_canvas(image, weak)
        x = y = 4
        height = max(b.y1 - b.y0 for b in weak) + 8
        width = canvas.width
        for box in weak:
            piece = image.crop((box.x0, box.y0, box.x1, box.y1))
            if x + piece.width + 4 > width:
                x, y = 4, y + height
            if y + height > canvas.height:
                break
            canvas.paste(piece, (x, y))
            x += piece.width + 16
        probe = _Page(canvas, 0, 0.0, self.psm)
        # OSD is unreliable on such a patchwork (it calls Sinhala "Kannada"): read it with one pack per
        # script instead and keep the script whose reading is most confident, if clearly better than Latin.
        installed = installed_languages()
        best_script, best_confidence = None, (self._data(probe, DEFAULT_LANGUAGES).mean_confidence or 0.0)
        for script, pack in _PROBE_PACKS:
            if pack not in installed:
                continue
            reading = self._data(probe, pack)
            if not reads_script_letters(reading, script, SECOND_SCRIPT_MIN_WORDS):
                continue  # bullets read as Arabic-Indic digits: a confident reading, but no letter of the script
            confidence = reading.mean_confidence or 0.0
            if confidence > best_confidence + 0.1:
                best_script, best_confidence = script, confidence
        return best_script if best_confidence >= SECOND_SCRIPT_MIN_CONFIDENCE else None

    @staticmethod
    def _refined_languages(first: OcrResult) -> str | None:
        if len(first.text.strip()) < 40:
            return None
        refined = page_language_packs(first.text)
        wanted = set(refined.split("+")) - {DEFAULT_LANGUAGES}
        return refined if wanted and not wanted <= set(first.languages.split("+")) else None

    def _read_with(self, image: Image.Image, languages: str) -> OcrResult:
        page = self._prepare(image, 0)
        first = self._data(page, languages)
        if first.words and (first.mean_confidence or 0.0) >= LOW_CONFIDENCE:
            return self._finished(page, first)
        osd = self._osd(image)
        if osd is None or osd.rotation == 0 or osd.orientation_confidence < OSD_MIN_ORIENTATION_CONFIDENCE:
            return self._finished(page, first)
        turned = self._prepare(image, osd.rotation)
        second = self._data(turned, languages)
        better = (second.mean_confidence or 0.0) * len(second.words) > (first.mean_confidence or 0.0) * len(first.words)
        return self._finished(turned, second) if better else self._finished(page, first)

    def _prepare(self, image: Image.Image, rotation: int) -> _Page:
        """Turn the page upright, straighten it if skewed, and choose the page mode."""
        upright = rotate_upright(image, rotation)
        skew = 0.0
        if self.deskew:
            estimate = deskew.estimate_skew(upright)
            if estimate.worth_correcting:
                skew = estimate.angle
                upright = deskew.straighten(upright, skew)
        psm = SINGLE_LINE_PSM if self.line_mode and self.psm == 3 and looks_like_one_line(upright) else self.psm
        return _Page(upright, rotation, skew, psm)

    # -- Tesseract calls -------------------------------------------------------------------------

    def _library(self) -> _LibTesseract | None:
        # pytesseract's timeout stops a CLI run; the in-process library is stopped by the worker's page timeout.
        return None if self.timeout_s else _libtesseract()

    def _osd(self, image: Image.Image) -> _Osd | None:
        library = self._library()
        if library is not None:
            try:
                return library.detect_orientation_script(image)
            except MissingDependencyError:
                return None  # no osd pack: the caller reads the page upright, as below
        import pytesseract

        try:
            with _saved(image) as path:
                # min_characters_to_try: Tesseract's default (50) gives up on short letters and ID cards.
                raw = self._call(pytesseract.image_to_osd, path, config="-c min_characters_to_try=10")
        except (OcrError, MissingDependencyError):
            return None  # too little text to decide (or no osd pack): the caller reads the page upright
        values = pytesseract.pytesseract.osd_to_dict(raw)
        try:
            return _Osd(
                int(values["rotate"]) % 360,
                float(values["orientation_conf"]),
                str(values["script"]),
                float(values["script_conf"]),
            )
        except (KeyError, ValueError):
            return None

    def _data(self, page: _Page, languages: str) -> OcrResult:
        library = self._library()
        data: Mapping[str, Sequence[Any]]
        if library is not None:
            data = library.read_tsv(page.image, languages, page.psm)
        else:
            import pytesseract

            with _saved(page.image) as path:
                data = self._call(
                    pytesseract.image_to_data,
                    path,
                    lang=languages,
                    config=f"--psm {page.psm}",
                    output_type=pytesseract.Output.DICT,
                )
        text, words = build_page_text(data)
        engine = f"tesseract@{library.version if library is not None else tesseract_version()}"
        if page.skew:
            engine += "+deskew"
        if page.psm == SINGLE_LINE_PSM and self.psm != SINGLE_LINE_PSM:
            engine += "+line"
        return OcrResult(text, words, mean_confidence(words), page.rotation, languages, engine, page.skew)

    def _call(self, function: Any, path: str, **kwargs: Any) -> Any:
        import pytesseract

        try:
            return function(path, timeout=self.timeout_s, **kwargs)
        except pytesseract.TesseractNotFoundError as exc:
            raise MissingDependencyError(
                "Tesseract OCR is not installed. Install it with `apt-get install tesseract-ocr`, then import again."
            ) from exc
        except pytesseract.TesseractError as exc:
            message = str(exc.message if hasattr(exc, "message") else exc)
            if "Failed loading language" in message or "Error opening data file" in message:
                missing = kwargs.get("lang") or "osd"
                raise MissingDependencyError(
                    f"Tesseract could not load language data '{missing}'. Install the pack(s) with "
                    f"`apt-get install {' '.join(debian_package(p) for p in str(missing).split('+'))}`."
                ) from exc
            raise OcrError(f"Tesseract could not read this page ({message[:200]}). Try a cleaner scan.") from exc
        except RuntimeError as exc:  # pytesseract's own timeout
            raise OcrError("Tesseract took too long on this page. Try a smaller or cleaner scan.") from exc
