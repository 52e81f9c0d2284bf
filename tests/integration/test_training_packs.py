"""Training packs from the sample cases, through the real pipeline and a real Tesseract check of the redacted images.

Two source cases: pk-ahmadi-ur (an English ID card and an Urdu statement: one person in Latin and Arabic script) and
lk-journalist-en's passport page (an MRZ). Three pages in all, to keep the OCR time small.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from examiner_app import accounts, review
from examiner_app.domain import FactField, Role, SuggestionStatus, User
from examiner_app.errors import PermissionDeniedError, ReidentificationRiskError
from examiner_app.extraction.facts.identity import parse_mrz
from examiner_app.pipeline import Pipeline, PipelineContext
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.training import pack as packs
from examiner_app.training.redact import Secret, find_secrets, fold_for_check
from examiner_app.training.service import Training
from tests.conftest import SAMPLES_DIR

pytestmark = pytest.mark.slow

PK = SAMPLES_DIR / "pk-ahmadi-ur"
LK = SAMPLES_DIR / "lk-journalist-en"
ACCEPTED = {FactField.DATE_OF_BIRTH, FactField.DOCUMENT_NUMBER, FactField.PERSON_NAME, FactField.EVENT_DATE}


def _truth(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "ground_truth.json").read_text()))


def _case(store: Store, examiner: User, title: str, files: list[Path]) -> str:
    with store.session() as session:
        case_id = repo.create_case(session, title, created_by=examiner.id).id
    Pipeline(store, PipelineContext(ai_enabled=False)).import_files(case_id, files)
    with store.session() as session:
        suggestions = repo.list_suggestions(session, case_id)
    for s in suggestions:
        if s.field in ACCEPTED and s.status is SuggestionStatus.PENDING:
            review.accept(store, examiner, s.id, source_viewed=True)
    return case_id


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, str], User]]:
    folder = tmp_path_factory.mktemp("source")
    store = Store(f"sqlite:///{folder / 'source.db'}")
    with store.session() as session:
        examiner = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
        trainer = repo.get_or_create_user(session, "Kenji Mori", Role.TRAINER)
    cases = {
        "pk": _case(store, examiner, "PK sample", [PK / "id_card_copy.png", PK / "statement_ur.png"]),
        "lk": _case(store, examiner, "LK passport", [LK / "passport_photo.png"]),
    }
    yield store, cases, trainer
    store.dispose()


@pytest.fixture(scope="module")
def pk_pack(
    source: tuple[Store, dict[str, str], User], tmp_path_factory: pytest.TempPathFactory
) -> tuple[packs.PackDraft, Path]:
    store, cases, trainer = source
    out = tmp_path_factory.mktemp("packs") / "pk.zip"
    draft = Training(store, trainer).export(cases["pk"], out, packs.PackOptions(k=1, reason="course 1", seed=11))
    return draft, out


@pytest.fixture(scope="module")
def lk_pack(
    source: tuple[Store, dict[str, str], User], tmp_path_factory: pytest.TempPathFactory
) -> tuple[packs.PackDraft, Path]:
    store, cases, trainer = source
    out = tmp_path_factory.mktemp("packs") / "lk.zip"
    draft = Training(store, trainer).export(cases["lk"], out, packs.PackOptions(k=1, reason="course 1", seed=12))
    return draft, out


def _originals(folder: Path) -> list[Secret]:
    """Names, dates of birth, document numbers and MRZ lines of the source case, from its ground truth."""
    truth = _truth(folder)
    out: list[Secret] = []
    for fact in truth["facts"]:
        if fact["field"] in ("person_name", "family_member"):
            for value in (fact["value"], fact.get("normalized") or ""):
                out.append(Secret("name", value))
                out.extend(Secret("name", part) for part in value.split() if len(part) >= 4)
        elif fact["field"] == "date_of_birth":
            out.append(Secret("date_of_birth", fact["value"]))
        elif fact["field"] == "document_number":
            out.append(Secret("document_number", fact["value"]))
    for doc in truth["documents"]:
        for page in doc["pages"]:
            for line in page["text"].splitlines():
                if re.fullmatch(r"[A-Z0-9<]{44}", line.strip()):
                    out.append(Secret("mrz", line.strip()))
    return [s for s in out if len(s.needle) >= 3 and s.needle not in {"name", "child"}]


def _pack_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in z.namelist() if n.endswith((".txt", ".json"))}


def _pack_images(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".png")}


@pytest.mark.parametrize("which", ["pk", "lk"])
def test_no_original_value_in_any_text_or_image_of_the_pack(
    which: str, pk_pack: tuple[packs.PackDraft, Path], lk_pack: tuple[packs.PackDraft, Path]
) -> None:
    import pytesseract
    from PIL import Image

    draft, path = pk_pack if which == "pk" else lk_pack
    secrets = _originals(PK if which == "pk" else LK)
    assert any(s.kind == "date_of_birth" for s in secrets)
    assert any(s.kind == "document_number" for s in secrets)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    assert not [n for n in names if n.endswith((".pdf", ".tif", ".tiff", ".jpg"))], names
    for name, text in _pack_texts(path).items():
        assert find_secrets(text, secrets) == [], name
    manifest = json.loads(_pack_texts(path)["manifest.json"])
    languages = {p["image"]: p["ocr_languages"] for d in manifest["documents"] for p in d["pages"]}
    for name, png in _pack_images(path).items():
        text = pytesseract.image_to_string(Image.open(io.BytesIO(png)), lang=languages[name])
        assert text.strip(), f"Tesseract read nothing on {name}: the check would be empty"
        assert find_secrets(text, secrets) == [], (name, find_secrets(text, secrets))


def test_the_same_person_is_one_pseudonym_in_every_document_and_script(pk_pack: tuple[packs.PackDraft, Path]) -> None:
    draft, path = pk_pack
    table = draft.table
    naveed = [c for c in table.clusters if any("Naveed" in n for n in c)]
    assert len(naveed) == 1, table.clusters
    assert any("نوید" in n for n in naveed[0]), table.clusters
    latin, arabic = table.part_for("Naveed"), table.part_for("نوید")
    assert latin is not None
    assert latin == arabic
    texts = _pack_texts(path)
    card = texts["pages/doc1/001.txt"]
    statement = texts["pages/doc2/001.txt"]
    assert latin.latin in card
    assert latin.form("arabic", urdu=True) in statement
    # the father shares the family name, not the given name
    assert table.part_for("Bashir") != latin
    assert table.part_for("Chaudhry") == table.part_for("چوہدری")
    # never the real initials, in any script
    for real, part in (("Naveed", latin), ("Chaudhry", table.part_for("Chaudhry"))):
        assert part is not None
        assert part.latin[0] != real[0]
    assert latin.form("arabic")[0] != "ن"


def test_regenerated_mrz_is_valid_and_matches_the_surrogates(lk_pack: tuple[packs.PackDraft, Path]) -> None:
    draft, path = lk_pack
    text = _pack_texts(path)["pages/doc1/001.txt"]
    (mrz,) = parse_mrz(text)
    assert mrz.valid
    assert mrz.surname != "ARULNESAN"
    assert mrz.given_names != "KAVITHA"
    assert mrz.surname in text.replace(mrz.surname, "", 1) or mrz.surname in text  # the printed surname too
    key_dob = [f for f in draft.answer_key if f["field"] == "date_of_birth"]
    assert key_dob, draft.answer_key
    shifted = date.fromisoformat(key_dob[0]["normalized"])
    assert mrz.birth_date == f"{shifted:%y%m%d}"
    numbers = [f["value"] for f in draft.answer_key if f["field"] == "document_number"]
    assert mrz.document_number in numbers


def test_one_date_offset_in_every_document_and_calendar(
    source: tuple[Store, dict[str, str], User], pk_pack: tuple[packs.PackDraft, Path]
) -> None:
    store, cases, _trainer = source
    draft, _path = pk_pack
    with store.session() as session:
        real = {
            (s.provenance.file_name, s.field.value): s.normalized
            for s in repo.list_suggestions(session, cases["pk"])
            if s.status is SuggestionStatus.ACCEPTED and s.field is FactField.DATE_OF_BIRTH and s.provenance
        }
    shifted = {f["file"]: f["normalized"] for f in draft.answer_key if f["field"] == "date_of_birth"}
    assert len(real) == 2
    assert len(shifted) == 2
    offsets = set()
    for (file_name, _field), value in real.items():
        pack_file = {"id_card_copy.png": "document_1.png", "statement_ur.png": "document_2.png"}[file_name]
        offsets.add((date.fromisoformat(shifted[pack_file]) - date.fromisoformat(str(value))).days)
    assert offsets == {draft.offset_days}
    assert draft.offset_days != 0


def test_date_shift_keeps_calendar_and_form_with_one_offset() -> None:
    from examiner_app.extraction.facts.dates import find_dates
    from examiner_app.training.surrogates import shift_date

    cases = [
        ("9 نومبر 1987", "ur", "gregorian"),
        ("09.11.1987", "en", "gregorian"),
        ("平成8年7月22日", "ja", "gregorian"),
        ("۱۵ خرداد ۱۳۷۴", "fa", "persian"),
        ("١٥ رمضان ١٤٤٣ هـ", "ar", "islamic"),
    ]
    for offset in (57, -230):
        for text, lang, calendar in cases:
            (m,) = find_dates(text, lang)
            s = shift_date(text[m.start : m.end], m, offset, lang)
            assert s.exact_form, (text, s)
            assert s.calendar == calendar, (text, s)
            (again,) = find_dates(s.written, lang)
            delta = date.fromisoformat(again.normalized) - date.fromisoformat(m.normalized)
            assert delta == timedelta(days=offset), (text, s.written)
            assert again.calendar == m.calendar
            # digits in the script they were written in (Persian stays Persian, Arabic-Indic stays Arabic-Indic)
            assert {c for c in s.written if c.isdigit() and not c.isascii()} <= {c for c in text if c.isdigit()} | set(
                "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
            )
            assert any(c.isascii() for c in s.written if c.isdigit()) == any(c.isascii() for c in text if c.isdigit())


def test_a_pack_below_k_is_refused_with_the_quasi_identifier_to_generalise(
    source: tuple[Store, dict[str, str], User],
) -> None:
    store, cases, trainer = source
    with pytest.raises(ReidentificationRiskError) as err:
        Training(store, trainer).preview(cases["pk"], packs.PackOptions(k=5, seed=1, ocr_check=False))
    message = err.value.message
    assert "k = 5" in message
    assert "generalise" in message
    named = re.search(r"--generalise (\w+)", message)
    assert named is not None
    assert named.group(1) in packs.reident.QUASI_IDENTIFIERS


def test_generalising_as_told_reaches_k(source: tuple[Store, dict[str, str], User]) -> None:
    """With the two sample cases as the corpus, k = 2 is reached by generalising what the refusal names."""
    store, cases, trainer = source
    generalise: dict[str, int] = {}
    for _ in range(20):
        try:
            draft = Training(store, trainer).preview(
                cases["pk"], packs.PackOptions(k=2, seed=1, ocr_check=False, generalise=dict(generalise))
            )
            break
        except ReidentificationRiskError as exc:
            found = re.search(r"--generalise (\w+)", exc.message)
            assert found is not None
            generalise[found.group(1)] = generalise.get(found.group(1), 0) + 1
    else:
        pytest.fail("never reached k = 2")
    assert draft.reid.shared >= 2
    assert generalise
    report = draft.report["reidentification"]
    assert {q["name"] for q in report["quasi_identifiers"]} == set(packs.reident.QUASI_IDENTIFIERS)
    assert next(q for q in report["quasi_identifiers"] if q["name"] == "incident")["kept"] is None


def test_a_suppressed_region_takes_every_home_town_mention_off_text_and_image(
    source: tuple[Store, dict[str, str], User],
) -> None:
    """Rabwah (birthplace, and where the father lives), Chiniot and Lahore go at every mention, in the text and on
    the burnt image (read again by Tesseract); the route's Bangkok and Nagoya stay."""
    import pytesseract
    from PIL import Image

    store, cases, trainer = source
    with store.session() as session:
        originals = {
            p.page_number: p.text
            for d in repo.list_documents(session, cases["pk"])
            if d.file_name == "statement_ur.png"
            for p in repo.list_pages(session, d.id)
        }
    home_towns = [Secret("place", v) for v in ("ربوہ", "چنیوٹ", "لاہور")]
    # The check means something only where the reader found the names on the original.
    read_on_original = [s for s in home_towns if find_secrets(originals[1], [s])]
    assert read_on_original, originals[1][:300]
    draft = Training(store, trainer).preview(
        cases["pk"], packs.PackOptions(k=1, seed=13, ocr_check=False, generalise={"region": 1})
    )
    statement = next(p for p in draft.pages if "ناگویا" in p.text or "[مکان]" in p.text)
    assert find_secrets(statement.text, home_towns) == []
    assert statement.text.count("[مکان]") >= 2
    assert "ناگویا" in statement.text  # a city of the route is kept
    assert statement.image_png is not None
    read_again = pytesseract.image_to_string(Image.open(io.BytesIO(statement.image_png)), lang=statement.ocr_languages)
    assert read_again.strip()
    assert find_secrets(read_again, read_on_original) == []


def test_only_trainers_and_admins_export(source: tuple[Store, dict[str, str], User], tmp_path: Path) -> None:
    store, cases, _trainer = source
    with store.session() as session:
        examiner = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
    with pytest.raises(PermissionDeniedError):
        Training(store, examiner).export(cases["lk"], tmp_path / "x.zip", packs.PackOptions(k=1, reason="r"))
    assert not (tmp_path / "x.zip").exists()


def test_export_is_audited_without_real_values(source: tuple[Store, dict[str, str], User], lk_pack: Any) -> None:
    from sqlalchemy import select

    from examiner_app.store.orm import AuditEventRow

    store, _cases, trainer = source
    with store.session() as session:
        events = (
            session.execute(select(AuditEventRow).where(AuditEventRow.action == "training.pack_export")).scalars().all()
        )
    assert events
    assert all(e.actor == trainer.id and e.details["reason"] == "course 1" for e in events)


def test_pack_imports_into_another_store_and_a_trainer_sees_only_it(
    lk_pack: tuple[packs.PackDraft, Path], tmp_path: Path
) -> None:
    _draft, path = lk_pack
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        with other.session() as session:
            admin = accounts.create_account(session, None, "Admin One", Role.ADMIN, "correct horse battery")
        with other.session() as session:
            trainer = accounts.create_account(session, admin, "Trainer Two", Role.TRAINER, "correct horse battery")
            examiner = accounts.create_account(session, admin, "Examiner Three", Role.EXAMINER, "correct horse battery")
            real_case = repo.create_case(session, "A real case", created_by=examiner.id)
        case_id = Training(other, trainer).import_pack(path)
        with other.session() as session:
            visible = accounts.readable_cases(session, trainer)
            assert [c.id for c in visible] == [case_id]
            assert visible[0].anonymized
            assert real_case.id not in {c.id for c in visible}
            pages = repo.list_pages(session, repo.list_documents(session, case_id)[0].id)
            assert pages
            assert repo.page_image(session, repo.list_documents(session, case_id)[0].id, 1)
            assert repo.list_suggestions(session, case_id) == []  # the trainee starts from the pages
        assert Training(other, trainer).check(path)["ok"]
    finally:
        other.dispose()


def test_check_finds_a_tampered_pack(lk_pack: tuple[packs.PackDraft, Path], tmp_path: Path, source: Any) -> None:
    store, _cases, trainer = source
    _draft, path = lk_pack
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name.endswith("001.txt"):
                data = data + b"\nKavitha Arulnesan"
            dst.writestr(name, data)
    result = Training(store, trainer).check(tampered)
    kinds = {f["kind"] for f in result["findings"]}
    assert not result["ok"]
    assert "hash_mismatch" in kinds
    assert "leak" in kinds
    assert fold_for_check("ARULNESAN") == "arulnesan"


def test_cli_train_pack_check_import_score(
    source: tuple[Store, dict[str, str], User],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from examiner_app import cli
    from examiner_app.domain import BBox, ModelRef, Provenance
    from examiner_app.store.orm import CaseAssignmentRow

    store, cases, _trainer = source
    out = tmp_path / "cli.zip"
    monkeypatch.setenv("EXAMINER_USER", "Kenji Mori:trainer")
    base = ["--data-dir", str(tmp_path / "data"), "--db", store.url]
    assert cli.main([*base, "train", "pack", cases["lk"], "--out", str(out), "--reason", "course 2"]) == 1
    assert "generalise" in capsys.readouterr().err
    assert cli.main([*base, "train", "pack", cases["lk"], "--out", str(out), "--k", "1", "--reason", "course 2"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert set(made) == {"pack", "documents", "pseudonyms", "report"}
    assert made["documents"] == 1
    assert cli.main([*base, "train", "check", str(out)]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert checked["ok"]
    assert checked["k"] == 1
    assert checked["findings"] == []

    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    other = ["--data-dir", str(tmp_path / "data2"), "--db", other_url]
    monkeypatch.setenv("EXAMINER_USER", "Trainer Two:trainer")
    assert cli.main([*other, "train", "import", str(out)]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]

    # a trainee (an examiner account assigned to the training case) records two facts by hand
    key = packs.read_pack(out).answer_key
    dob = next(f for f in key if f["field"] == "date_of_birth")
    store2 = Store(other_url)
    try:
        with store2.session() as session:
            trainee = repo.get_or_create_user(session, "Trainee One", Role.EXAMINER)
            session.add(CaseAssignmentRow(case_id=case_id, user_id=trainee.id))
            document = repo.list_documents(session, case_id)[0]
        boxes = tuple(BBox(*b) for b in dob["boxes"])
        model = ModelRef("examiner", "manual", "1")
        prov = Provenance(document.id, document.file_name, dob["page"], dob["start"], dob["end"], boxes, model)
        iso = dob["normalized"]
        review.add_fact(store2, trainee, case_id, FactField.DATE_OF_BIRTH, iso, normalized=iso, provenance=prov)
        review.add_fact(store2, trainee, case_id, FactField.RELIGION, "Hindu")
    finally:
        store2.dispose()
    assert cli.main([*other, "train", "score", str(out), "--trainee", "Trainee One", "--format", "json"]) == 0
    scored = json.loads(capsys.readouterr().out)
    fields = {f["field"]: f for f in scored["fields"]}
    assert fields["date_of_birth"]["correct"] == 1  # the ISO form of the key's dd/mm/yyyy date
    assert fields["religion"]["spurious"] == 1
    assert 0 < scored["f1"] < 1
