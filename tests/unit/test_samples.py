"""The fictional sample cases in resources/samples: files, ground-truth schema, facts, reproducibility, OCR.

The ground truth is what evaluations and other tests score against, so its contract is checked here:
every fact value is a substring of the text of the page it cites, fields and normalized values follow the
schema in resources/samples/README.md, the files hold the pages the ground truth describes, and
scripts/make_samples.py regenerates a case: the ground truth byte for byte, the files as what they show.

A regenerated file is compared for what matters, not for bytes that depend on the machine: fpdf2 embeds font
subsets whose tables (the kept ``name`` records, checksums) change with the fontTools release and the installed
font files, and FreeType's anti-aliasing may move a grey level. A PDF must have the same pages, the same text
on each page, the same fonts by name (subset tags aside) and renders equal within a small tolerance; an image
must have the same frames, each equal within that tolerance. ``test_the_comparison_catches_real_changes``
proves that a changed word, a moved line, an extra page or another font still fail.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT / "resources" / "samples"
SCRIPT = REPO_ROOT / "scripts" / "make_samples.py"
TRUTH_FILES = sorted(SAMPLES.glob("*/ground_truth.json"))
CASE_IDS = [p.parent.name for p in TRUTH_FILES]

FIELDS = {
    "person_name",
    "date_of_birth",
    "nationality",
    "country_of_origin",
    "ethnicity",
    "religion",
    "language_spoken",
    "place",
    "event_date",
    "event",
    "date_of_entry",
    "port_of_entry",
    "travel_route",
    "document_number",
    "prior_application",
    "family_member",
    "claimed_ground",
    "agent_of_persecution",
}
GROUNDS = {"race", "religion", "nationality", "particular_social_group", "political_opinion"}
KINDS = {"statement", "form", "id_page", "other"}
FORMATS = {"png", "tiff", "pdf"}
DATE_FIELDS = {"date_of_birth", "event_date", "date_of_entry"}
COUNTRY_FIELDS = {"nationality", "country_of_origin", "place"}
LANG_CODE = re.compile(r"^[a-z]{2,3}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
MAX_TOTAL_BYTES = 8 * 1024 * 1024

pytestmark = pytest.mark.skipif(not TRUTH_FILES, reason="resources/samples not generated")


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def all_truths() -> list[dict[str, Any]]:
    return [load(p) for p in TRUTH_FILES]


def page_text(truth: dict[str, Any], file: str, page: int) -> str:
    for doc in truth["documents"]:
        if doc["file"] == file:
            return str(doc["pages"][page - 1]["text"])
    raise KeyError(file)


def image_frames(path: Path) -> list[np.ndarray]:
    frames = []
    with Image.open(path) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frames.append(np.asarray(image.copy()))
    return frames


#: Regenerated images are compared in blocks of BLOCK x BLOCK pixels: the mean absolute difference of any block
#: may be at most MAX_BLOCK_DIFF grey levels. Anti-aliasing differences stay far below (a few levels); one
#: changed or moved glyph makes its blocks differ by 40 or more.
BLOCK = 16
MAX_BLOCK_DIFF = 12.0
RENDER_DPI = 100
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def image_difference(a: np.ndarray, b: np.ndarray) -> str | None:
    """None if the two images show the same thing within the tolerance, else what differs and where."""
    if a.shape != b.shape:
        return f"size {a.shape} against {b.shape}"
    diff = np.abs(a.astype(np.int16) - b.astype(np.int16))
    if diff.ndim == 3:
        diff = diff.max(axis=2)
    if not diff.any():
        return None
    height, width = diff.shape
    padded = np.zeros((-(-height // BLOCK) * BLOCK, -(-width // BLOCK) * BLOCK), dtype=np.float64)
    padded[:height, :width] = diff
    blocks = padded.reshape(padded.shape[0] // BLOCK, BLOCK, padded.shape[1] // BLOCK, BLOCK).mean(axis=(1, 3))
    worst = float(blocks.max())
    if worst <= MAX_BLOCK_DIFF:
        return None
    row, col = np.unravel_index(int(blocks.argmax()), blocks.shape)
    changed = int((blocks > MAX_BLOCK_DIFF).sum())
    return (
        f"{changed} blocks of {BLOCK} px differ, the worst by {worst:.0f} grey levels "
        f"at x={col * BLOCK}, y={row * BLOCK}"
    )


def pdf_pages(path: Path) -> list[tuple[str, frozenset[str], np.ndarray]]:
    """Per page: the text layer (PDFium, as the reader sees it), font names without subset tags, a grey render."""
    import pdfplumber
    import pypdfium2 as pdfium

    with pdfplumber.open(path) as plumber:
        fonts = [frozenset(SUBSET_TAG.sub("", str(c["fontname"])) for c in page.chars) for page in plumber.pages]
    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            render = page.render(scale=RENDER_DPI / 72, grayscale=True).to_numpy().copy()
            page.close()
            pages.append((text, fonts[index], render))
        return pages
    finally:
        pdf.close()


def pdf_differences(new: Path, old: Path) -> list[str]:
    """What differs between two PDFs in what they show (empty: the same document)."""
    a, b = pdf_pages(new), pdf_pages(old)
    if len(a) != len(b):
        return [f"{len(a)} pages against {len(b)}"]
    problems = []
    for number, ((text_a, fonts_a, image_a), (text_b, fonts_b, image_b)) in enumerate(zip(a, b, strict=True), 1):
        if text_a != text_b:
            problems.append(f"page {number}: the text differs")
        if fonts_a != fonts_b:
            problems.append(f"page {number}: fonts {sorted(fonts_a)} against {sorted(fonts_b)}")
        image = image_difference(image_a, image_b)
        if image:
            problems.append(f"page {number}: the render differs ({image})")
    return problems


def image_differences(new: Path, old: Path) -> list[str]:
    a, b = image_frames(new), image_frames(old)
    if len(a) != len(b):
        return [f"{len(a)} frames against {len(b)}"]
    problems = []
    for number, (frame_a, frame_b) in enumerate(zip(a, b, strict=True), 1):
        image = image_difference(frame_a, frame_b)
        if image:
            problems.append(f"frame {number}: {image}")
    return problems


def known_countries() -> set[str] | None:
    try:
        import pycountry
    except ImportError:
        return None
    return {c.alpha_2 for c in pycountry.countries}


# -- schema -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TRUTH_FILES, ids=CASE_IDS)
def test_schema(path: Path) -> None:
    truth = load(path)
    assert set(truth) == {"case", "documents", "facts"}
    case = truth["case"]
    assert set(case) == {"slug", "title", "reference", "description", "languages"}
    assert case["slug"] == path.parent.name
    assert all(isinstance(case[k], str) and case[k] for k in ("title", "reference", "description"))
    assert case["languages"]
    assert all(LANG_CODE.match(code) for code in case["languages"])
    assert truth["documents"]
    files = [doc["file"] for doc in truth["documents"]]
    assert len(files) == len(set(files))
    for doc in truth["documents"]:
        assert set(doc) == {"file", "kind", "format", "pages"}
        assert doc["kind"] in KINDS
        assert doc["format"] in FORMATS
        assert Path(doc["file"]).suffix.lstrip(".") == doc["format"]
        assert [p["page"] for p in doc["pages"]] == list(range(1, len(doc["pages"]) + 1))
        for page in doc["pages"]:
            assert set(page) == {"page", "text", "languages", "rotation_deg", "photo_like"}
            assert isinstance(page["text"], str)
            assert page["text"].strip()
            assert page["languages"]
            assert all(LANG_CODE.match(code) for code in page["languages"])
            assert set(page["languages"]) <= set(case["languages"])
            assert isinstance(page["rotation_deg"], float | int)
            assert abs(page["rotation_deg"]) <= 2.0
            assert isinstance(page["photo_like"], bool)


@pytest.mark.parametrize("path", TRUTH_FILES, ids=CASE_IDS)
def test_facts_are_valid_and_on_their_page(path: Path) -> None:
    truth = load(path)
    countries = known_countries()
    pages = {(d["file"], p["page"]) for d in truth["documents"] for p in d["pages"]}
    assert truth["facts"]
    for fact in truth["facts"]:
        assert set(fact) == {"field", "value", "normalized", "file", "page"}, fact
        assert fact["field"] in FIELDS, fact
        assert (fact["file"], fact["page"]) in pages, fact
        value, norm = fact["value"], fact["normalized"]
        assert isinstance(value, str), fact
        assert value, fact
        assert value.strip() == value, fact
        assert "\n" not in value, fact
        assert value in page_text(truth, fact["file"], fact["page"]), fact
        assert isinstance(norm, str), fact
        assert norm, fact
        if fact["field"] in DATE_FIELDS:
            assert date.fromisoformat(norm).isoformat() == norm, fact
        elif fact["field"] in COUNTRY_FIELDS:
            assert COUNTRY_CODE.match(norm), fact
            if countries is not None:
                assert norm in countries, fact
        elif fact["field"] == "prior_application":
            assert norm == "none" or COUNTRY_CODE.match(norm), fact
        elif fact["field"] == "claimed_ground":
            assert norm in GROUNDS, fact
        elif fact["field"] == "language_spoken":
            assert LANG_CODE.match(norm), fact
    keys = [(f["file"], f["page"], f["field"], f["value"]) for f in truth["facts"]]
    assert len(keys) == len(set(keys)), "a (field, value) is listed once per page"


def test_each_fact_field_that_must_be_annotated_is_annotated_somewhere() -> None:
    fields = {f["field"] for truth in all_truths() for f in truth["facts"]}
    required = {
        "person_name",
        "date_of_birth",
        "nationality",
        "country_of_origin",
        "place",
        "event_date",
        "date_of_entry",
        "port_of_entry",
        "document_number",
        "family_member",
        "claimed_ground",
        "religion",
        "ethnicity",
    }
    assert required <= fields


# -- the collection as a whole ------------------------------------------------------------------------------


def test_collection_covers_the_brief() -> None:
    truths = all_truths()
    assert len(truths) >= 4
    docs = [doc for t in truths for doc in t["documents"]]
    kinds = Counter(doc["kind"] for doc in docs)
    assert kinds["statement"] >= 1
    assert kinds["form"] >= 1
    assert kinds["id_page"] >= 1
    assert any(doc["format"] == "pdf" for doc in docs), "a born-digital PDF"
    assert any(2 <= len(doc["pages"]) <= 3 for doc in docs if doc["format"] != "pdf"), "a multi-page scan"
    assert any(p["photo_like"] for doc in docs for p in doc["pages"]), "a photo-like page"
    languages = {code for t in truths for code in t["case"]["languages"]}
    assert {"en", "ja"} <= languages
    assert len(languages & {"ar", "fa", "ur", "ta", "si", "my"}) >= 2
    mixed = [p for doc in docs if doc["kind"] == "form" for p in doc["pages"] if len(p["languages"]) > 1]
    assert any(p["languages"][0] == "en" and set(p["languages"]) - {"en"} for p in mixed), "a mixed form"
    grounds = {f["normalized"] for t in truths for f in t["facts"] if f["field"] == "claimed_ground"}
    assert len(grounds) >= 3


def test_every_page_says_it_is_fiction() -> None:
    for truth in all_truths():
        for doc in truth["documents"]:
            for page in doc["pages"]:
                assert "FICTIONAL SAMPLE" in page["text"], (truth["case"]["slug"], doc["file"], page["page"])


def test_japanese_and_solar_hijri_dates_are_annotated() -> None:
    facts = [f for t in all_truths() for f in t["facts"] if f["field"] in DATE_FIELDS]
    assert any(f["value"] == "令和3年4月5日" and f["normalized"] == "2021-04-05" for f in facts)
    assert any(f["value"] == "۱۴۰۰/۰۶/۰۲" and f["normalized"] == "2021-08-24" for f in facts)


def test_total_size_is_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < MAX_TOTAL_BYTES


# -- files --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TRUTH_FILES, ids=CASE_IDS)
def test_files_hold_the_described_pages(path: Path) -> None:
    truth = load(path)
    on_disk = {p.name for p in path.parent.iterdir()} - {"ground_truth.json"}
    assert on_disk == {doc["file"] for doc in truth["documents"]}
    for doc in truth["documents"]:
        file = path.parent / doc["file"]
        if doc["format"] == "pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(file)
            try:
                assert len(pdf) == len(doc["pages"])
                for index in range(len(pdf)):
                    textpage = pdf[index].get_textpage()
                    layer = textpage.get_text_range()
                    assert "FICTIONAL SAMPLE" in layer  # a real text layer
            finally:
                pdf.close()
            continue
        with Image.open(file) as image:
            assert image.format == {"png": "PNG", "tiff": "TIFF"}[doc["format"]]
            assert getattr(image, "n_frames", 1) == len(doc["pages"])
            assert image.mode == "L"
            for index, page in enumerate(doc["pages"]):
                image.seek(index)
                if not page["photo_like"]:
                    assert image.size == (1654, 2339)
                    assert round(float(image.info["dpi"][0])) == 200


# -- reproducibility ----------------------------------------------------------------------------------------


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples_under_test", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(spec.name, None)
        raise
    return module


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["pk-ahmadi-ur", "af-hazara-fa"])
def test_regenerating_a_case_gives_identical_files(slug: str, tmp_path: Path) -> None:
    """pk: a scanned statement and an ID card copy (about 1 s); af: RTL bidi runs and the born-digital PDF."""
    generator = load_generator()
    try:
        case = next(c for c in generator.CASES if c.slug == slug)
        try:
            generator.build_case(case, tmp_path)
        except FileNotFoundError as exc:  # fonts missing on this machine
            pytest.skip(str(exc))
    finally:
        sys.modules.pop("make_samples_under_test", None)
    new, old = tmp_path / slug, SAMPLES / slug
    assert (new / "ground_truth.json").read_bytes() == (old / "ground_truth.json").read_bytes()
    truth = load(old / "ground_truth.json")
    for doc in truth["documents"]:
        compare = pdf_differences if doc["format"] == "pdf" else image_differences
        problems = compare(new / doc["file"], old / doc["file"])
        assert not problems, f"{slug}/{doc['file']} differs from its regenerated copy: {'; '.join(problems)}"


def small_pdf(
    path: Path, *, words: str = "Kabul", font: str = "helvetica", pages: int = 2, line: bool = False, year: int = 2022
) -> Path:
    """A two-page PDF like the born-digital sample; ``year`` changes bytes only, the others what it shows."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(year, 6, 15, 9, 0, tzinfo=UTC))
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font(font, size=12)
        pdf.text(22, 30, f"FICTIONAL SAMPLE page {number}: the applicant left {words} in 2021.")
        pdf.text(22, 40, "The counsel's submission continues on the next page.")
        if line and number == 2:
            pdf.line(22, 60, 120, 60)
    pdf.output(str(path))
    return path


def test_the_comparison_catches_real_changes(tmp_path: Path) -> None:
    base = small_pdf(tmp_path / "base.pdf")
    same = small_pdf(tmp_path / "same.pdf", year=2023)  # other bytes, the same document
    assert same.read_bytes() != base.read_bytes()
    assert pdf_differences(same, base) == []
    word = pdf_differences(small_pdf(tmp_path / "word.pdf", words="Herat"), base)
    assert {"page 1: the text differs", "page 2: the text differs"} <= set(word)
    (moved,) = pdf_differences(small_pdf(tmp_path / "line.pdf", line=True), base)
    assert moved.startswith("page 2: the render differs")
    assert pdf_differences(small_pdf(tmp_path / "three.pdf", pages=3), base) == ["3 pages against 2"]
    fonts = pdf_differences(small_pdf(tmp_path / "times.pdf", font="times"), base)
    assert "page 1: fonts ['Times-Roman'] against ['Helvetica']" in fonts

    # Raster samples: anti-aliasing noise passes, one changed word fails.
    original = SAMPLES / "af-hazara-fa" / "statement_fa.png"
    (frame,) = image_frames(original)
    noise = np.random.default_rng(0).integers(-6, 7, frame.shape)
    noisy = tmp_path / "noisy.png"
    Image.fromarray(np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)).save(noisy)
    assert image_differences(noisy, original) == []
    edited = Image.open(original).convert("L")
    ImageDraw.Draw(edited).text((200, 600), "Herat", fill=0, font=ImageFont.load_default(size=34))
    edited.save(tmp_path / "edited.png")
    (changed,) = image_differences(tmp_path / "edited.png", original)
    assert "differ, the worst by" in changed


# -- OCR ----------------------------------------------------------------------------------------------------


def word_recall(reference: str, hypothesis: str) -> float:
    ref = Counter(re.findall(r"\w+", reference.casefold()))
    hyp = Counter(re.findall(r"\w+", hypothesis.casefold()))
    return sum((ref & hyp).values()) / max(1, sum(ref.values()))


@pytest.mark.slow
def test_tesseract_reads_the_english_statement() -> None:
    pytesseract = pytest.importorskip("pytesseract")
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    if "eng" not in pytesseract.get_languages(config=""):
        pytest.skip("tesseract has no English pack")
    truth = load(SAMPLES / "lk-journalist-en" / "ground_truth.json")
    doc = next(d for d in truth["documents"] if d["file"] == "statement.tiff")
    with Image.open(SAMPLES / "lk-journalist-en" / "statement.tiff") as image:
        image.seek(0)
        text = pytesseract.image_to_string(image.convert("L"), lang="eng")
    assert word_recall(doc["pages"][0]["text"], text) >= 0.9
