"""Burning a page image: the replaced words are filled, the surrogate stays inside their box, neighbours untouched.

Compares regions of the same image before and after (never fixed bytes: the surrogate's glyphs depend on the
installed fonts)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from examiner_app.domain import BBox, PageText, Word
from examiner_app.training.names import LATIN
from examiner_app.training.redact import Replacement, _font_file, burn, rewrite


def _page(words: list[tuple[str, BBox]]) -> tuple[PageText, bytes]:
    """A white 600x120 page with a black bar for each word's ink (real letters are not needed for the geometry)."""
    image = Image.new("L", (600, 120), 255)
    draw = ImageDraw.Draw(image)
    text_parts, out, pos = [], [], 0
    for text, box in words:
        draw.rectangle((box.x0 + 2, box.y0 + 4, box.x1 - 2, box.y1 - 4), fill=0)
        out.append(Word(text, pos, pos + len(text), box, 0.95, 1, 1))
        text_parts.append(text)
        pos += len(text) + 1
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    page = PageText(1, " ".join(text_parts), tuple(out), width=600, height=120)
    return page, buffer.getvalue()


@pytest.mark.skipif(_font_file(LATIN) is None, reason="no Noto Sans font installed to draw surrogates with")
def test_a_long_surrogate_is_kept_inside_the_replaced_box_and_never_overdraws_the_next_word() -> None:
    short, neighbour = BBox(20, 40, 80, 80), BBox(90, 40, 200, 80)
    page, png = _page([("Ali", short), ("Hassan", neighbour)])
    new = rewrite(page, [Replacement(0, 3, "Muhammad-Abdulrahman", "name", "Ali")])
    burnt, _unread = burn(png, page, new, draw_surrogates=True)
    before = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    after = np.asarray(Image.open(io.BytesIO(burnt)).convert("L"))
    # The neighbour's word is exactly as it was.
    n = neighbour
    assert np.array_equal(before[n.y0 : n.y1, n.x0 : n.x1], after[n.y0 : n.y1, n.x0 : n.x1])
    # The surrogate was drawn (some ink in the freed box), and none of it outside the box.
    s = short
    assert (after[s.y0 : s.y1, s.x0 : s.x1] < 128).any()
    outside = after.copy()
    outside[s.y0 : s.y1, s.x0 : s.x1] = 255
    outside[n.y0 : n.y1, n.x0 : n.x1] = 255
    assert not (outside < 128).any(), "surrogate ink spilled outside the replaced word's box"


def test_without_surrogates_the_replaced_box_is_paper_only() -> None:
    short, neighbour = BBox(20, 40, 80, 80), BBox(90, 40, 200, 80)
    page, png = _page([("Ali", short), ("Hassan", neighbour)])
    new = rewrite(page, [Replacement(0, 3, "Omar", "name", "Ali")])
    burnt, _unread = burn(png, page, new, draw_surrogates=False)
    after = np.asarray(Image.open(io.BytesIO(burnt)).convert("L"))
    s = short
    assert (after[s.y0 : s.y1, s.x0 : s.x1] == 255).all()
