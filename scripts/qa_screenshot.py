"""A screenshot of the quality reviewer's workspace with real charts, from the sample cases plus scripted decisions.

Usage (a window system is needed; on a server use Xvfb)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/qa_screenshot.py \
        --data-dir /tmp/qa-demo --out docs/screenshots/qa-workspace.png [--ui-language ja]

On a new data folder it first imports the bundled sample cases (the full pipeline, OCR included) as an
examiner, who then decides every suggestion through review.py (seeded: most accepted, some edited — a date
rewritten in ISO form is a form edit — some rejected), and adds 400 scripted decisions over twelve weeks
(tests/qa_scripted.py) so the charts have volume. A reviewer then draws a 20-item sample of decisions
stratified by language, records 12 blind verdicts, and the workspace opens on an item from a sample case's page with the agreement
figures, the forest plot and the agreement matrix. Exit code 0 when the picture was written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from examiner_app import review  # noqa: E402
from examiner_app.config import Settings  # noqa: E402
from examiner_app.domain import Role, SuggestionStatus  # noqa: E402
from examiner_app.progress import NullProgress  # noqa: E402
from examiner_app.services import Workbench, open_store  # noqa: E402
from examiner_app.store import repositories as repo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def prepare(bench: Workbench) -> None:
    from examiner_app.ui.demo import find_sample_cases, import_samples
    from tests.qa_scripted import script_decisions

    examiner = bench.sign_in("Demo Examiner", Role.EXAMINER)
    import_samples(bench, find_sample_cases(ROOT / "resources" / "samples"), NullProgress())
    rng = np.random.default_rng(2026)
    decided = 0
    for case in bench.list_cases():
        for s in bench.case_detail(case.id, audit_open=False).suggestions:
            if s.status is not SuggestionStatus.PENDING or s.provenance is None:
                continue
            u = rng.random()
            if u < 0.78:
                review.accept(bench.store, examiner, s.id, source_viewed=True)
            elif u < 0.86 and s.normalized and s.normalized != s.value:
                review.edit(
                    bench.store, examiner, s.id, s.normalized, "written as the normalised form", source_viewed=True
                )
            elif u < 0.92:
                review.edit(
                    bench.store, examiner, s.id, s.value + " (as corrected)", "the page says more", source_viewed=True
                )
            else:
                review.reject(bench.store, examiner, s.id, "not what the page says", source_viewed=True)
            decided += 1
    print(f"decided {decided} suggestions of the sample cases", file=sys.stderr)
    script_decisions(bench.store, 400, seed=11, with_images=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--ui-language", choices=["ja", "en"], default="en")
    args = parser.parse_args()
    os.environ["EXAMINER_UI_LANGUAGE"] = args.ui_language
    os.environ.pop("EXAMINER_USER", None)
    settings = Settings.from_env(data_dir=args.data_dir)
    store = open_store(settings)
    bench = Workbench(store, settings)
    with store.session() as session:
        empty = not repo.list_cases(session)
    if empty:
        prepare(bench)
    reviewer = bench.sign_in("Mariam Haddad", Role.REVIEWER)
    qa = bench.qa()
    sample = qa.draw_sample(20, 20261206, frame="decisions", stratify=["language"], floor=2)
    # Show a page of the sample cases (read by the real pipeline); judge 12 of the others first.
    shown = next((i for i in sample.items if not i.file_name.startswith("interview-")), sample.items[12])
    rng = np.random.default_rng(7)
    for item in [i for i in sample.items if i is not shown][:12]:
        if rng.random() < 0.8:
            qa.record_verdict(sample.sample_id, item.item_id, "correct")
        else:
            qa.record_verdict(sample.sample_id, item.item_id, "wrong", value=item.value + " (checked)")
    print(f"reviewer {reviewer.name}: sample {sample.sample_id}", file=sys.stderr)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from examiner_app.ui import i18n
    from examiner_app.ui.qa_workspace import QaWindow
    from examiner_app.ui.workers import JobRunner

    app = QApplication(sys.argv[:1])
    translators = i18n.install_translators(app, args.ui_language, ROOT / "resources" / "translations")
    runner = JobRunner()
    window = QaWindow(qa, runner)
    window.resize(1600, 980)
    ws = window.workspace
    state = {"code": 1}

    def grab() -> None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(str(args.out)):
            print(f"wrote {args.out}")
            state["code"] = 0
        app.quit()

    def progressed(_progress: object) -> None:
        if ws.current is not None and ws.current.item.item_id == shown.item_id:
            QTimer.singleShot(1500, grab)

    def loaded(_sample_id: str) -> None:
        ws.item_list.setCurrentRow(shown.position - 1)

    ws.sample_loaded.connect(loaded)
    ws.item_shown.connect(lambda _id: ws.refresh_progress())
    ws.progress_updated.connect(progressed)
    window.show()
    QTimer.singleShot(500, lambda: ws.open_sample(sample.sample_id))
    QTimer.singleShot(600_000, app.quit)
    app.exec()
    runner.wait_for_done()
    del translators
    store.dispose()
    return state["code"]


if __name__ == "__main__":
    raise SystemExit(main())
