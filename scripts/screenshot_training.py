"""Screenshots of the trainer workspace: the redaction preview before export, and a scored exercise.

Usage (a window system is needed; on a server use Xvfb)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_training.py \
        --data-dir /tmp/training-demo --out-dir docs/screenshots [--ui-language ja]

An empty data folder gets the pk-ahmadi-ur sample case imported through the real pipeline (about a minute), and an
examiner accepts its names, dates of birth and document numbers, so the pack has an answer key. The script then
previews the pack (k = 1: the demo store holds one case), exports it (with the fresh OCR check), imports it as a
training case, records a scripted trainee's facts (a date of birth in the Solar Hijri calendar, a name with a part
left out, one fact the key does not have) and scores them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from examiner_app import review  # noqa: E402
from examiner_app.domain import BBox, FactField, ModelRef, Provenance, Role, SuggestionStatus  # noqa: E402
from examiner_app.pipeline import Pipeline, PipelineContext  # noqa: E402
from examiner_app.store import Store  # noqa: E402
from examiner_app.store import repositories as repo  # noqa: E402
from examiner_app.store.orm import CaseAssignmentRow  # noqa: E402
from examiner_app.training import pack as packs  # noqa: E402
from examiner_app.training.service import Training  # noqa: E402
from examiner_app.ui.training import TrainerWorkspace  # noqa: E402
from examiner_app.ui.workers import JobRunner  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "pk-ahmadi-ur"


def wait_for(signal: object, timeout_ms: int = 600_000) -> list[object]:
    loop = QEventLoop()
    got: list[object] = []

    def done(*args: object) -> None:
        got.extend(args)
        loop.quit()

    signal.connect(done)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return got


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def source_case(store: Store) -> str:
    with store.session() as session:
        cases = [c for c in repo.list_cases(session) if not c.anonymized]
        examiner = repo.get_or_create_user(session, "Demo Examiner", Role.EXAMINER)
    if cases:
        return cases[0].id
    with store.session() as session:
        case_id = repo.create_case(
            session, "Pakistan - Ahmadi shopkeeper", reference="SAMPLE-PK", created_by=examiner.id
        ).id
    Pipeline(store, PipelineContext(ai_enabled=False)).import_files(
        case_id, [SAMPLE / "id_card_copy.png", SAMPLE / "statement_ur.png"]
    )
    with store.session() as session:
        suggestions = repo.list_suggestions(session, case_id)
    for s in suggestions:
        if s.status is SuggestionStatus.PENDING and s.field in (
            FactField.PERSON_NAME,
            FactField.DATE_OF_BIRTH,
            FactField.DOCUMENT_NUMBER,
            FactField.EVENT_DATE,
            FactField.RELIGION,
        ):
            review.accept(store, examiner, s.id, source_viewed=True)
    return case_id


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--ui-language", default="en")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    if args.ui_language != "en":
        from examiner_app.ui.i18n import install_translators

        app._translators = install_translators(app, args.ui_language, ROOT / "resources" / "translations")  # type: ignore[attr-defined]
    store = Store(f"sqlite:///{args.data_dir / 'examiner.db'}")
    case_id = source_case(store)
    with store.session() as session:
        trainer = repo.get_or_create_user(session, "Demo Trainer", Role.TRAINER)
        cases = repo.list_cases(session)
    runner = JobRunner()
    suffix = "" if args.ui_language == "en" else f"-{args.ui_language}"

    window = TrainerWorkspace(Training(store, trainer), runner, cases)
    window.resize(1560, 960)
    window.show()
    tab = window.export_tab
    tab.case_box.setCurrentIndex(max(0, tab.case_box.findData(case_id)))
    tab.k_box.setValue(1)
    tab.reason.setText("Induction course, module 3")
    tab.preview_button.click()
    wait_for(tab.preview_ready)
    tab.pages.setCurrentRow(1 if tab.pages.count() > 1 else 0)
    settle()
    window.grab().save(str(args.out_dir / f"training-redaction-preview{suffix}.png"))

    out = args.data_dir / "pack.zip"
    tab.export_to(out)
    wait_for(tab.exported)
    training_case = Training(store, trainer).import_pack(out)
    key = packs.read_pack(out).answer_key
    with store.session() as session:
        trainee = repo.get_or_create_user(session, "Trainee Sato", Role.EXAMINER)
        session.add(CaseAssignmentRow(case_id=training_case, user_id=trainee.id))
        docs = {d.file_name: d for d in repo.list_documents(session, training_case)}
    from convertdate import persian

    months = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    model = ModelRef("examiner", "manual", "1")
    for fact in key:
        if fact.get("document") is None:
            continue
        doc = docs[fact["file"]]
        boxes = tuple(BBox(*b) for b in fact["boxes"])
        prov = Provenance(doc.id, doc.file_name, fact["page"], fact["start"], fact["end"], boxes, model)
        field = FactField(fact["field"])
        if field is FactField.DATE_OF_BIRTH and fact["normalized"]:
            y, m, d = persian.from_gregorian(*date.fromisoformat(fact["normalized"]).timetuple()[:3])
            value = f"{str(d).translate(digits)} {months[m - 1]} {str(y).translate(digits)}"
            review.add_fact(store, trainee, training_case, field, value, provenance=prov)
        elif field is FactField.PERSON_NAME:
            parts = fact["value"].split()
            short = " ".join(parts[:2]) if len(parts) > 2 else fact["value"]
            end = fact["start"] + len(short)
            review.add_fact(
                store,
                trainee,
                training_case,
                field,
                short,
                provenance=Provenance(doc.id, doc.file_name, fact["page"], fact["start"], end, boxes, model),
            )
        elif field is FactField.EVENT_DATE:
            review.add_fact(store, trainee, training_case, FactField.DATE_OF_ENTRY, fact["value"], provenance=prov)
    window.tabs.setCurrentIndex(1)
    score = window.score_tab
    score.pack_path.setText(str(out))
    score.trainee.setText("Trainee Sato")
    score.score_button.click()
    wait_for(score.scored)
    for row in range(score.facts.rowCount()):
        item = score.facts.item(row, 0)
        if item is not None and item.text() in ("partial", "部分一致"):
            score.facts.setCurrentCell(row, 0)
            break
    settle()
    window.grab().save(str(args.out_dir / f"training-scored-exercise{suffix}.png"))

    window.tabs.setCurrentIndex(2)
    progress = window.progress_tab
    progress.refresh()
    wait_for(progress.series_ready)
    settle()
    window.grab().save(str(args.out_dir / f"training-trainees-over-time{suffix}.png"))
    runner.wait_for_done()
    store.dispose()
    print("written", args.out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
