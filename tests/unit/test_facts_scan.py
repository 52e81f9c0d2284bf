"""The scan side of facts_eval: rendering gold text as pages and mapping OCR spans back onto the gold text."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation import facts_eval  # noqa: E402
from evaluation.facts_scan import align, render_pages  # noqa: E402


def test_ocr_spans_map_back_onto_the_gold_text_through_garbled_and_rewrapped_words() -> None:
    gold = "I was born on 12 March 1990 in Kabul.\nMy father was arrested."
    ocr = "I was born on 12 Mareh\n1990 in Kabu1.\n\nMy  father was arrested."
    a = align(gold, ocr)
    s = ocr.index("12 Mareh")
    assert a.span(s, s + len("12 Mareh\n1990")) == (gold.index("12"), gold.index("1990") + 4)
    k = ocr.index("Kabu1")
    assert a.span(k, k + 5) == (gold.index("Kabul"), gold.index("Kabul") + 5)
    f = ocr.index("father")
    assert a.span(f, f + 6) == (gold.index("father"), gold.index("father") + 6)
    assert align(gold, "").span(0, 0) is None


def test_pages_are_a4_at_300_dpi_and_long_text_flows_onto_more_pages() -> None:
    (page,) = render_pages("Nationality: Eritrean\nDate of birth: 1 May 1990", "en", seed=1)
    image = Image.open(io.BytesIO(page))
    assert image.size == (2480, 3508)
    assert image.mode == "L"
    assert image.getextrema()[0] < 100  # ink was drawn
    assert len(render_pages("\n".join(["A line of text."] * 50), "en", seed=1)) == 2


def test_comparison_reports_both_sides_and_the_gap() -> None:
    docs = facts_eval.load_gold("dev")[:2]
    text_report = facts_eval.evaluate(docs, facts_eval.predict(docs, ai_enabled=False))
    cmp = facts_eval.compare(text_report, facts_eval.evaluate(docs, {}))
    core = cmp["core"]
    assert core["text"]["gold"] == core["scan"]["gold"] > 0
    assert core["scan"]["f1"] == 0.0
    assert core["gap_f1"] == round(core["text"]["f1"], 4)
    assert "ALL CORE FIELDS" in facts_eval.format_comparison(cmp)
