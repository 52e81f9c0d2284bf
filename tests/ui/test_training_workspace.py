"""The trainer's workspace: redaction preview before export, and a scripted trainee's scored exercise (partial credit,
a date recorded in another calendar counted correct). Real core and store; a synthetic two-page case drawn with
Pillow (Latin and Arabic script), so no OCR runs here."""

from __future__ import annotations

import io
from datetime import date
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
from examiner_app.training.service import Training
from examiner_app.ui.training import OUTCOME_COLOURS, TrainerWorkspace

FONTS = Path("/usr/share/fonts/truetype/noto")
RULES = ModelRef("rules", "identity", "1")


def _page(lines: list[str], font_name: str, number: int, lang: str) -> tuple[PageText, bytes]:
    """A page image with ``lines`` and the words' boxes, as the OCR would have stored them."""
    font = ImageFont.truetype(str(FONTS / font_name), 40, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (1200, 500), 255)
    draw = ImageDraw.Draw(image)
    words: list[Word] = []
    text = ""
    y = 40
    for line_no, line in enumerate(lines):
        x = 40
        for i, token in enumerate(line.split(" ")):
            if i:
                text += " "
                x += 16
            start = len(text)
            text += token
            left, top, right, bottom = draw.textbbox((x, y), token, font=font)
            draw.text((x, y), token, font=font, fill=0)
            words.append(
                Word(token, start, len(text), BBox(int(left), int(top), int(right), int(bottom)), 0.95, 1, line_no)
            )
            x = int(right)
        text += "\n"
        y += 80
    out = io.BytesIO()
    image.save(out, format="PNG")
    page = PageText(
        number, text, tuple(words), PageSource.OCR, 0.95, 0, 1200, 500, 200, (LanguageGuess(lang, 0.99),), (), "eng"
    )
    return page, out.getvalue()


def _span(page: PageText, value: str) -> tuple[int, int]:
    start = page.text.index(value)
    return start, start + len(value)


def _accepted(store: Store, case_id: str, doc_id: str, page: PageText, field: FactField, value: str, norm: str) -> None:
    start, end = _span(page, value)
    prov = Provenance(doc_id, "card.png", page.page_number, start, end, page.boxes_for_span(start, end), RULES)
    suggestion = Suggestion("", case_id, field, value, norm, 0.9, prov, SuggestionStatus.PENDING)
    with store.session() as session:
        stored = repo.add_suggestion(session, case_id, suggestion)
        examiner = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
    review.accept(store, examiner, stored.id, source_viewed=True)


@pytest.fixture
def training_store(tmp_path: Path) -> tuple[Store, str, object]:
    store = Store(f"sqlite:///{tmp_path / 'train.db'}")
    with store.session() as session:
        examiner = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
        trainer = repo.get_or_create_user(session, "Kenji Mori", Role.TRAINER)
        case_id = repo.create_case(session, "Decided case", reference="R-1", created_by=examiner.id).id
        card, card_png = _page(
            ["Name: Naveed Ahmad Chaudhry", "Date of birth: 09.11.1987", "Interpreter: Karim Said"],
            "NotoSans-Regular.ttf",
            1,
            "en",
        )
        doc = repo.add_document(session, case_id, "card.png", card_png, "a" * 64, "image/png")
        repo.save_page(session, doc.id, card, card_png)
        statement, st_png = _page(["میرا نام نوید احمد چوہدری ہے"], "NotoNaskhArabic-Regular.ttf", 1, "ur")
        doc2 = repo.add_document(session, case_id, "statement.png", st_png, "b" * 64, "image/png")
        repo.save_page(session, doc2.id, statement, st_png)
    _accepted(store, case_id, doc.id, card, FactField.PERSON_NAME, "Naveed Ahmad Chaudhry", "Naveed Ahmad Chaudhry")
    _accepted(store, case_id, doc.id, card, FactField.DATE_OF_BIRTH, "09.11.1987", "1987-11-09")
    with store.session() as session:
        repo.add_suggestion(
            session,
            case_id,
            Suggestion(
                "",
                case_id,
                FactField.PERSON_NAME,
                "نوید احمد چوہدری",
                None,
                0.9,
                Provenance(doc2.id, "statement.png", 1, *_span(statement, "نوید احمد چوہدری"), (), RULES),
                SuggestionStatus.PENDING,
            ),
        )
    yield store, case_id, trainer
    store.dispose()


def test_preview_shows_links_pseudonyms_and_the_redacted_page(qtbot, runner, training_store) -> None:
    store, case_id, trainer = training_store
    with store.session() as session:
        cases = repo.list_cases(session)
    window = TrainerWorkspace(Training(store, trainer), runner, cases)
    qtbot.addWidget(window)
    tab = window.export_tab
    tab.k_box.setValue(1)
    tab.reason.setText("course")
    with qtbot.waitSignal(tab.preview_ready, timeout=60_000) as blocker:
        tab.preview_button.click()
    qtbot.waitUntil(lambda: runner.active_count == 0)
    draft = blocker.args[0]
    assert tab.links.rowCount() >= 1  # the Latin and the Arabic spelling, linked for the trainer to confirm
    spellings = {tab.links.item(r, c).text() for r in range(tab.links.rowCount()) for c in (1, 2)}
    assert {"Naveed Ahmad Chaudhry", "نوید احمد چوہدری"} <= spellings
    assert tab.people.rowCount() == len(draft.table.clusters)
    assert tab.pages.count() == 2
    assert tab.replacements.rowCount() >= 2
    assert tab.image.pixmap() is not None
    assert not tab.image.pixmap().isNull()
    assert tab.export_button.isEnabled()


def test_scored_trainee_partial_credit_and_calendar_equivalent_date(qtbot, runner, training_store, tmp_path) -> None:
    from convertdate import persian

    store, case_id, trainer = training_store
    out = tmp_path / "pack.zip"
    Training(store, trainer).export(case_id, out, packs.PackOptions(k=1, reason="course", seed=5, ocr_check=False))
    training_case = Training(store, trainer).import_pack(out)
    key = packs.read_pack(out).answer_key
    dob = next(f for f in key if f["field"] == "date_of_birth")
    name = next(f for f in key if f["field"] == "person_name")
    with store.session() as session:
        trainee = repo.get_or_create_user(session, "Trainee One", Role.EXAMINER)
        from examiner_app.store.orm import CaseAssignmentRow

        session.add(CaseAssignmentRow(case_id=training_case, user_id=trainee.id))
        docs = {d.file_name: d for d in repo.list_documents(session, training_case)}
    document = docs[dob["file"]]

    def prov(fact: dict, start: int, end: int) -> Provenance:
        boxes = tuple(BBox(*b) for b in fact["boxes"])
        return Provenance(document.id, document.file_name, fact["page"], start, end, boxes, RULES)

    # the date of birth recorded in the Solar Hijri calendar, in Persian digits: the same day
    y, m, d = persian.from_gregorian(*date.fromisoformat(dob["normalized"]).timetuple()[:3])
    months = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    solar = f"{str(d).translate(digits)} {months[m - 1]} {str(y).translate(digits)}"
    review.add_fact(
        store, trainee, training_case, FactField.DATE_OF_BIRTH, solar, provenance=prov(dob, dob["start"], dob["end"])
    )
    # only the first two parts of the name: partial credit
    first_two = " ".join(name["value"].split()[:2])
    review.add_fact(
        store,
        trainee,
        training_case,
        FactField.PERSON_NAME,
        first_two,
        provenance=prov(name, name["start"], name["start"] + len(first_two)),
    )

    window = TrainerWorkspace(Training(store, trainer), runner, [])
    qtbot.addWidget(window)
    tab = window.score_tab
    tab.pack_path.setText(str(out))
    tab.trainee.setText("Trainee One")
    with qtbot.waitSignal(tab.scored, timeout=60_000) as blocker:
        tab.score_button.click()
    qtbot.waitUntil(lambda: runner.active_count == 0)
    result = blocker.args[0]
    by_field = {f.field: f for f in result.fields}
    assert by_field["date_of_birth"].correct == 1
    assert by_field["person_name"].partial == 1
    assert by_field["person_name"].f1 == pytest.approx(0.5)
    rows = {tab.table.item(r, 0).text(): r for r in range(tab.table.rowCount())}
    assert tab.table.item(rows["date_of_birth"], 1).text() == "1"
    assert tab.table.item(rows["person_name"], 2).text() == "1"
    colours = {tab.facts.item(r, 0).foreground().color().name() for r in range(tab.facts.rowCount())}
    assert OUTCOME_COLOURS["correct"].name() in colours
    assert OUTCOME_COLOURS["partial"].name() in colours
    assert not tab.image.pixmap().isNull()
    assert "F1" in tab.summary.text()


def _trainee_in(store: Store, name: str, case_id: str):
    from examiner_app.store.orm import CaseAssignmentRow

    with store.session() as session:
        trainee = repo.get_or_create_user(session, name, Role.EXAMINER)
        session.add(CaseAssignmentRow(case_id=case_id, user_id=trainee.id))
    return trainee


def _record(store: Store, trainee, case_id: str, fact: dict, value: str) -> None:
    with store.session() as session:
        document = next(d for d in repo.list_documents(session, case_id) if d.file_name == fact["file"])
    boxes = tuple(BBox(*b) for b in fact["boxes"])
    prov = Provenance(document.id, document.file_name, fact["page"], fact["start"], fact["end"], boxes, RULES)
    review.add_fact(store, trainee, case_id, FactField(fact["field"]), value, provenance=prov)


def test_trainer_sees_each_trainee_over_time_and_exports_the_chart(qtbot, runner, training_store, tmp_path) -> None:
    from examiner_app import audit

    store, case_id, trainer = training_store
    out = tmp_path / "pack.zip"
    training = Training(store, trainer)
    training.export(case_id, out, packs.PackOptions(k=1, reason="course", seed=5, ocr_check=False))
    training_case = training.import_pack(out)
    key = packs.read_pack(out).answer_key
    dob = next(f for f in key if f["field"] == "date_of_birth")
    name = next(f for f in key if f["field"] == "person_name")
    first, second = _trainee_in(store, "Trainee One", training_case), _trainee_in(store, "Trainee Two", training_case)

    _record(store, first, training_case, dob, dob["value"])
    training.score(out, "Trainee One")  # first attempt: the date only
    training.score(out, "Trainee One")  # the same work scored again adds no point
    _record(store, first, training_case, name, name["value"])
    training.score(out, "Trainee One")  # later: the name too
    _record(store, second, training_case, name, name["value"] + " Khan")  # overlaps with a wrong value: partial
    training.score(out, "Trainee Two")

    window = TrainerWorkspace(Training(store, trainer), runner, [])
    qtbot.addWidget(window)
    tab = window.progress_tab
    with qtbot.waitSignal(tab.series_ready, timeout=30_000) as blocker:
        tab.refresh_button.click()
    series = blocker.args[0]
    assert [p.f1 for p in series["Trainee One"]] == [pytest.approx(2 / 3), pytest.approx(1.0)]
    assert series["Trainee One"][0].scored_at < series["Trainee One"][1].scored_at
    assert [p.n for p in series["Trainee One"]] == [3, 4]  # trainee facts + key facts
    (partial,) = series["Trainee Two"]
    assert partial.f1 == pytest.approx(1 / 3)  # precision 0.5 (half credit), recall 0.25
    lo, hi = partial.f1_interval
    assert lo < partial.f1 < hi
    assert tab.table.rowCount() == 3
    assert sorted(tab.table.item(r, 5).text() for r in range(3)) == ["3", "3", "4"]
    axes = tab.canvas.figure.axes[0]
    assert {t.get_text() for t in axes.get_legend().get_texts()} == {"Trainee One", "Trainee Two"}
    assert any(t.get_text() == "n=4" for t in axes.texts)

    for suffix, magic in ((".png", b"\x89PNG\r\n\x1a\n"), (".pdf", b"%PDF-")):
        target = tmp_path / f"progress{suffix}"
        with qtbot.waitSignal(tab.chart_exported, timeout=30_000):
            tab.export_chart(target)
        assert target.read_bytes().startswith(magic)
    qtbot.waitUntil(lambda: runner.active_count == 0)
    with store.session() as session:
        events = [e for e in reversed(audit.recent_events(session)) if e.action.startswith("training.progress")]
    assert [e.action for e in events] == [
        "training.progress_view",
        "training.progress_export",
        "training.progress_export",
    ]
    assert all(e.actor == trainer.id for e in events)


def test_a_trainee_sees_only_their_own_series(qtbot, runner, training_store, tmp_path) -> None:
    store, case_id, trainer = training_store
    out = tmp_path / "pack.zip"
    Training(store, trainer).export(case_id, out, packs.PackOptions(k=1, reason="course", seed=5, ocr_check=False))
    training_case = Training(store, trainer).import_pack(out)
    dob = next(f for f in packs.read_pack(out).answer_key if f["field"] == "date_of_birth")
    first, second = _trainee_in(store, "Trainee One", training_case), _trainee_in(store, "Trainee Two", training_case)
    for trainee in (first, second):
        _record(store, trainee, training_case, dob, dob["value"])
        Training(store, trainer).score(out, trainee.name)
    assert set(Training(store, first).progress()) == {"Trainee One"}
    assert set(Training(store, trainer).progress()) == {"Trainee One", "Trainee Two"}


def test_the_trainer_sees_and_changes_the_role_a_professional_is_replaced_by(qtbot, runner, training_store) -> None:
    store, _case_id, trainer = training_store
    with store.session() as session:
        cases = repo.list_cases(session)
    window = TrainerWorkspace(Training(store, trainer), runner, cases)
    qtbot.addWidget(window)
    tab = window.export_tab
    tab.k_box.setValue(1)
    with qtbot.waitSignal(tab.preview_ready, timeout=60_000) as blocker:
        tab.preview_button.click()
    rows = {tab.people.item(r, 0).text().split(" / ")[0]: r for r in range(tab.people.rowCount())}
    interpreter = tab.people.cellWidget(rows["Karim Said"], 2)
    applicant = tab.people.cellWidget(rows["Naveed Ahmad Chaudhry"], 2)
    assert interpreter.currentData() == "interpreter"  # "Interpreter:" written before the name
    assert "Interpreter" in interpreter.toolTip()
    assert applicant.currentData() == ""  # a pseudonym
    card = next(p.text for p in blocker.args[0].pages if "Interpreter" in p.text)
    assert "Interpreter: [interpreter]" in card

    interpreter.setCurrentIndex(interpreter.findData(""))  # the trainer keeps a pseudonym instead
    assert tab.options().roles == {"Karim Said": ""}
    with qtbot.waitSignal(tab.preview_ready, timeout=60_000) as blocker:
        tab.preview_button.click()
    qtbot.waitUntil(lambda: runner.active_count == 0)
    card = next(p.text for p in blocker.args[0].pages if "Interpreter" in p.text)
    assert "[interpreter]" not in card
    assert "Karim" not in card
    rows = {tab.people.item(r, 0).text().split(" / ")[0]: r for r in range(tab.people.rowCount())}
    assert tab.people.cellWidget(rows["Karim Said"], 2).currentData() == ""  # the choice stays shown
