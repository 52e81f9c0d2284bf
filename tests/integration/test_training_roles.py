"""Professionals in a training pack are replaced by their role in the occurrence's language, not by a pseudonym:
an interpreter and a doctor in an English note, a lawyer named only beside "attorney", an interpreter in a Japanese
record (通訳人), a lawyer in an Urdu statement (المحامي). The applicant keeps a pseudonym; the trainer's choice
overrides what the words say; the leak check still looks for every real name. Synthetic pages drawn with Pillow
(with their word boxes, as the OCR would have stored them); one export runs the real Tesseract check."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from examiner_app import review
from examiner_app.domain import (
    BBox,
    FactField,
    LanguageGuess,
    ModelRef,
    PageSource,
    PageText,
    Provenance,
    Role,
    Suggestion,
    SuggestionStatus,
    Word,
)
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.training import pack as packs
from examiner_app.training import roles
from examiner_app.training.service import Training

RULES = ModelRef("rules", "identity", "1")
FONTS = {
    "latin": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "arabic": "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
}
ENGLISH = [
    "Name: Naveed Ahmad Chaudhry",
    "Interpreter: Karim Said",
    "Dr. Omar Farouk examined the applicant.",
    "Haruka Ueda, attorney",
]
JAPANESE = ["通訳人の山田花子が通訳した。"]
URDU = ["المحامي طارق محمود نے درخواست دی"]


def _page(lines: list[str], font: str, lang: str, ocr: str) -> tuple[PageText, bytes]:
    face = ImageFont.truetype(FONTS[font], 40, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (1400, 120 + 80 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    words: list[Word] = []
    text = ""
    for line_no, line in enumerate(lines):
        x, y = 40, 40 + 80 * line_no
        for i, token in enumerate(line.split(" ")):
            if i:
                text += " "
                x += 16
            start = len(text)
            text += token
            left, top, right, bottom = draw.textbbox((x, y), token, font=face)
            draw.text((x, y), token, font=face, fill=0)
            words.append(Word(token, start, len(text), BBox(left, top, right, bottom), 0.95, 1, line_no))
            x = int(right)
        text += "\n"
    out = io.BytesIO()
    image.save(out, format="PNG")
    page = PageText(
        1, text, tuple(words), PageSource.OCR, 0.95, 0, image.width, image.height, 200,
        (LanguageGuess(lang, 0.99),), (), ocr,
    )  # fmt: skip
    return page, out.getvalue()


def _fact(store: Store, case_id: str, doc_id: str, file: str, page: PageText, value: str, accept: bool) -> None:
    start = page.text.index(value)
    end = start + len(value)
    prov = Provenance(doc_id, file, 1, start, end, page.boxes_for_span(start, end), RULES)
    with store.session() as session:
        stored = repo.add_suggestion(
            session,
            case_id,
            Suggestion("", case_id, FactField.PERSON_NAME, value, value, 0.9, prov, SuggestionStatus.PENDING),
        )
        examiner = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
    if accept:
        review.accept(store, examiner, stored.id, source_viewed=True)


def _case(store: Store, title: str, documents: list[tuple[str, list[str], str, str, str]]) -> str:
    with store.session() as session:
        examiner = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
        case_id = repo.create_case(session, title, created_by=examiner.id).id
    for i, (file, lines, font, lang, ocr) in enumerate(documents):
        page, png = _page(lines, font, lang, ocr)
        with store.session() as session:
            doc = repo.add_document(session, case_id, file, png, f"{i}" * 64, "image/png")
            repo.save_page(session, doc.id, page, png)
        for value in {
            "note.png": ["Naveed Ahmad Chaudhry", "Karim Said"],
            "record_ja.png": ["山田花子"],
            "statement_ur.png": ["طارق محمود"],
        }.get(file, []):
            _fact(store, case_id, doc.id, file, page, value, accept=value != "Karim Said")
    return case_id


@pytest.fixture
def store(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'roles.db'}")
    with store.session() as session:
        trainer = repo.get_or_create_user(session, "Kenji Mori", Role.TRAINER)
    store.trainer = trainer  # type: ignore[attr-defined]
    yield store
    store.dispose()


def _texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
        return {doc["file"]: "".join(z.read(p["text"]).decode() for p in doc["pages"]) for doc in manifest["documents"]}


def test_professionals_become_their_role_in_each_script(store: Store, tmp_path: Path) -> None:
    case_id = _case(
        store,
        "Roles",
        [
            ("note.png", ENGLISH, "latin", "en", "eng"),
            ("record_ja.png", JAPANESE, "cjk", "ja", "jpn"),
            ("statement_ur.png", URDU, "arabic", "ur", "urd"),
        ],
    )
    training = Training(store, store.trainer)  # type: ignore[attr-defined]
    out = tmp_path / "pack.zip"
    draft = training.export(case_id, out, packs.PackOptions(k=1, reason="roles", seed=3, ocr_check=False))
    found = {draft.table.clusters[c][0]: f.role for c, f in draft.role_findings.items() if f.occurrences}
    assert found["Karim Said"] == roles.INTERPRETER  # a fact, "Interpreter:" before it
    assert found["Omar Farouk"] == roles.DOCTOR  # no fact: found beside "Dr."
    assert found["Haruka Ueda"] == roles.LAWYER  # no fact: found beside ", attorney"
    assert found["山田花子"] == roles.INTERPRETER
    assert found["طارق محمود"] == roles.LAWYER
    assert found["Naveed Ahmad Chaudhry"] is None  # the applicant keeps a pseudonym

    texts = _texts(out)
    note = next(t for f, t in texts.items() if "Interpreter" in t)
    assert "Interpreter: [interpreter]" in note
    assert "[doctor] examined the applicant." in note  # the title goes with the name
    assert "[lawyer], attorney" in note
    assert "Naveed" not in note
    assert "Chaudhry" not in note
    assert "Name: " in note
    assert any("［通訳人］が通訳した" in t for t in texts.values())
    assert any("[وکیل]" in t for t in texts.values())  # the Urdu word, in the Urdu statement
    for real in ("Karim", "Said", "Omar Farouk", "Haruka", "Ueda", "山田", "花子", "طارق", "محمود"):
        assert all(real not in t for t in texts.values()), real
    key = packs.read_pack(out).answer_key
    names_in_key = {f["value"] for f in key if f["field"] == "person_name"}
    assert {"［通訳人］", "[وکیل]"} < names_in_key  # the professionals' facts, by role; the applicant's, a pseudonym
    assert len(names_in_key) == 3
    assert packs.read_pack(out).report["professionals"]["replaced_by_role"] == {
        "doctor": 1,
        "interpreter": 2,
        "lawyer": 2,
    }
    # the real names stay in the leak check
    checked = {s.value for s in draft.secrets if s.kind == "name"}
    assert {"Karim Said", "Omar Farouk", "Haruka Ueda", "山田花子", "طارق محمود"} <= checked


def test_the_trainers_choice_overrides_the_words(store: Store, tmp_path: Path) -> None:
    case_id = _case(store, "Roles", [("note.png", ENGLISH, "latin", "en", "eng")])
    training = Training(store, store.trainer)  # type: ignore[attr-defined]
    options = packs.PackOptions(
        k=1, reason="roles", seed=3, ocr_check=False, roles={"Karim Said": "", "Haruka Ueda": roles.OFFICIAL}
    )
    draft = training.preview(case_id, options)
    (note,) = [p.text for p in draft.pages]
    assert "[interpreter]" not in note  # a pseudonym, as the trainer chose
    assert "Karim" not in note
    assert "Said" not in note
    assert "[official], attorney" in note
    assert "[doctor]" in note  # untouched choices keep what the words say


@pytest.mark.slow
def test_role_replacements_pass_the_real_ocr_leak_check(store: Store, tmp_path: Path) -> None:
    case_id = _case(store, "Roles", [("note.png", ENGLISH, "latin", "en", "eng")])
    draft = Training(store, store.trainer).export(  # type: ignore[attr-defined]
        case_id, tmp_path / "pack.zip", packs.PackOptions(k=1, reason="roles", seed=3)
    )
    assert draft.report["leak_check"]["ocr"] == "passed"
    assert "[interpreter]" in draft.pages[0].text
