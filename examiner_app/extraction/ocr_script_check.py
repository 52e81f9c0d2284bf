"""Checking the script Tesseract's OSD names for a page against readings of the page itself.

OSD names a script from character shapes it was trained on; scripts it was not trained on well come back as
another script, often confidently: on scan-like pages Burmese was called "Arabic" (script confidence 3-30)
and turned upside down, Sinhala "Kannada", "Malayalam" or "Hebrew". A reading with the wrong pack then looks
like a reading (letters of the wrong script, mean word confidence 0.3-0.6) and every fact on the page is lost.

So when the reading chosen from OSD is weak, the evidence is gathered from the page: a few of its text lines
are read with one pack per installed script, and a script counts only if its reading is confident *and* its
text is written in that script (Unicode blocks of the recognised letters; a pack that reads Latin letters off a
Burmese line is no evidence for its own script). The choice and its reason go into the page's provenance;
a page no pack reads well keeps its reading, flagged as unconfirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

#: A page reading below this mean word confidence gets its script checked. Measured on the dev split's scans:
#: pages read with the right pack score 0.83-0.95; the Burmese and Sinhala pages read with the pack OSD
#: pointed to scored 0.31-0.60.
CHECK_BELOW_CONFIDENCE = 0.75
#: Text lines read to check a script: spread over the page so a heading in another script does not decide.
PROBE_LINES = 4
#: Each probe line is cut to this width: enough letters to tell scripts apart, few enough to read quickly.
PROBE_LINE_WIDTH = 1200
#: A probe reading this confident ends the search (no later pack is tried).
PROBE_CONFIDENT = 0.85
#: A probe must beat the reading of OSD's own pack on the same lines by this much to overrule OSD.
PROBE_MARGIN = 0.1
#: Below this, the best probe is no evidence for any script.
PROBE_MIN_CONFIDENCE = 0.55
#: The full-page reading in the probed script must beat the first reading by this much to replace it.
PAGE_MARGIN = 0.05
#: Page mode for the probe image: sparse text. On the dev pages it separated the right pack (0.61-0.74 on
#: Burmese lines) from wrong ones (0.12-0.33) far better than one uniform block (psm 6: 0.48-0.62 against 0.31-0.54).
PROBE_PSM = 11


@dataclass(frozen=True)
class ProbeReading:
    script: str
    pack: str
    rotation: int
    confidence: float  # mean word confidence, 0 when nothing was read
    text_script: str | None  # dominant Unicode script of the recognised letters


@dataclass(frozen=True)
class ScriptEvidence:
    """What the probes found: the best script (None when no pack read the lines well) and every reading."""

    best: ProbeReading | None
    readings: tuple[ProbeReading, ...]


def text_script(text: str) -> str | None:
    """The dominant script of ``text``'s letters; kana and Han both count as ``Japanese`` (as OSD names it)."""
    from examiner_app.extraction.scripts import detect_scripts, dominant_script

    script = dominant_script(detect_scripts(text))
    return "Japanese" if script in ("Han", "Hiragana", "Katakana") else script


def _text_lines(gray: Any) -> list[tuple[int, int]]:
    """(top, bottom) pixel rows of the page's text lines, by the ink in each row; dust and rules are skipped."""
    import numpy as np

    ink = np.asarray(gray, dtype=np.uint8) < 128
    per_row = ink.sum(axis=1)
    rows = np.flatnonzero(per_row > max(3, ink.shape[1] // 400))  # a speck of dust is not a text row
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > 3)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks], [rows[-1]]))
    lines = [(int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b - a >= 12]
    if not lines:
        return []
    heights = sorted(b - a for a, b in lines)
    typical = heights[len(heights) // 2]
    # Body lines: not a table rule (too thin) nor a block of lines merged by touching descenders (too tall).
    return [(a, b) for a, b in lines if 0.5 * typical <= b - a <= 2.5 * typical]


def probe_image(page: Image.Image, lines: int = PROBE_LINES) -> Image.Image | None:
    """A few of ``page``'s text lines, spread over it, stacked into one small image; None without text lines."""
    import numpy as np
    from PIL import Image as PILImage

    gray = page if page.mode == "L" else page.convert("L")
    found = _text_lines(gray)
    if not found:
        return None
    step = max(1, len(found) // lines)
    chosen = found[step // 2 :: step][:lines]
    pixels = np.asarray(gray, dtype=np.uint8)
    crops = []
    for top, bottom in chosen:
        top, bottom = max(0, top - 6), min(gray.height, bottom + 7)
        columns = np.flatnonzero((pixels[top:bottom] < 128).any(axis=0))
        left = max(0, int(columns[0]) - 8)
        right = min(gray.width, int(columns[-1]) + 9, left + PROBE_LINE_WIDTH)
        crops.append(gray.crop((left, top, right, bottom)))
    gap = 24
    canvas = PILImage.new("L", (max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap), 255)
    y = gap
    for crop in crops:
        canvas.paste(crop, (gap, y))
        y += crop.height + gap
    return canvas


def probe_scripts(
    probe: Image.Image,
    rotation: int,
    packs: Sequence[tuple[str, str]],
    read: Callable[[Image.Image, str], tuple[float, str]],
) -> list[ProbeReading]:
    """Read ``probe`` with each (script, pack); ``read`` returns (mean word confidence, text). Stops at the first
    reading that is confident and written in its own script."""
    readings = []
    for script, pack in packs:
        confidence, text = read(probe, pack)
        reading = ProbeReading(script, pack, rotation, confidence, text_script(text))
        readings.append(reading)
        if confirms(reading) and confidence >= PROBE_CONFIDENT:
            break
    return readings


def confirms(reading: ProbeReading) -> bool:
    """A reading is evidence for its script when it is fairly confident and its text is in that script."""
    return reading.text_script == reading.script and reading.confidence >= PROBE_MIN_CONFIDENCE


def best_evidence(readings: Sequence[ProbeReading], osd_script: str) -> ScriptEvidence:
    """The most confident confirming reading, if it beats the reading of OSD's script on the same lines by
    ``PROBE_MARGIN`` (OSD's own script needs no margin to be confirmed)."""
    baseline = max((r.confidence for r in readings if r.script == osd_script), default=0.0)
    best: ProbeReading | None = None
    for reading in readings:
        if not confirms(reading):
            continue
        needed = 0.0 if reading.script == osd_script else baseline + PROBE_MARGIN
        if reading.confidence >= needed and (best is None or reading.confidence > best.confidence):
            best = reading
    return ScriptEvidence(best, tuple(readings))


def provenance(chosen_script: str, osd_script: str, confirmed: bool) -> str:
    """The engine-string token recording the decision, e.g. ``+script=Myanmar(osd=Arabic)``; '' when OSD's
    script was taken on a confident reading. Short: it is stored with the page (at most 100 characters)."""
    if not confirmed:
        return f"+script-unconfirmed(osd={osd_script})"
    if chosen_script != osd_script:
        return f"+script={chosen_script}(osd={osd_script})"
    return ""
