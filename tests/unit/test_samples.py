"""The fictional sample cases in resources/samples: files, ground-truth schema, facts, reproducibility, OCR.

The ground truth is what evaluations and other tests score against, so its contract is checked here:
every fact value is a substring of the text of the page it cites, fields and normalized values follow the
schema in resources/samples/README.md, the files hold the pages the ground truth describes, and
scripts/make_samples.py regenerates a case byte for byte (JSON) and pixel for pixel (images).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from PIL import Image

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
        if doc["format"] == "pdf":
            # same fpdf2 and fonts: same bytes (no timestamps, fixed creation date)
            assert (new / doc["file"]).read_bytes() == (old / doc["file"]).read_bytes()
            continue
        new_frames, old_frames = image_frames(new / doc["file"]), image_frames(old / doc["file"])
        assert len(new_frames) == len(old_frames)
        for a, b in zip(new_frames, old_frames, strict=True):
            assert a.shape == b.shape
            assert np.array_equal(a, b), f"{slug}/{doc['file']} differs from its regenerated copy"


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
