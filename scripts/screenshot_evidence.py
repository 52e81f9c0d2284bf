"""Screenshots of the evidence view and the repeat-application comparison, in English and Japanese.

Usage (a window system is needed; on a server use Xvfb)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_evidence.py --out-dir docs/screenshots

Builds the real main window over the UI tests' in-memory workbench (``tests/ui/fakes.py``) holding the sample case
``mm-sur-place-ja``: its pages (the sample PNGs and their text), the rule extractors' suggestions on that text
(``benchmarks/sample_suggestions.py``), most of them accepted, one reasoning text, and a scripted earlier
application of the same fictional applicant (2021) confirmed as the earlier case. Then it grabs the window on the
"Evidence by element" tab (a fact's source open) and on the "What is new" tab, in English and in Japanese:
``evidence_en.png``, ``evidence_ja.png``, ``repeat_en.png``, ``repeat_ja.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.sample_suggestions import SAMPLES, load_sample  # noqa: E402
from examiner_app.domain import (  # noqa: E402
    Document,
    DocumentStatus,
    FactField,
    PageText,
    Role,
    Suggestion,
    SuggestionStatus,
    User,
)
from examiner_app.summaries.evidence import ElementReasoning, GuideElement  # noqa: E402
from examiner_app.ui import i18n  # noqa: E402
from examiner_app.ui.backend import UiContext  # noqa: E402
from examiner_app.ui.evidence_panel import SUGGESTION_ID  # noqa: E402
from examiner_app.ui.main_window import MainWindow  # noqa: E402
from examiner_app.ui.theme import apply_theme  # noqa: E402
from examiner_app.ui.workers import JobRunner  # noqa: E402
from tests.ui.fakes import FakeWorkbench  # noqa: E402

SLUG = "mm-sur-place-ja"
# PySide6 6.12 on Python 3.11 drains None's reference count per void call: importing examiner_app.ui applies
# the guard (examiner_app/ui/refcount_guard.py).


def spin(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def build_workbench(language: str) -> FakeWorkbench:
    sample = load_sample(SLUG)
    wb = FakeWorkbench()
    wb.user = User("u-1", "Aiko Tanaka" if language == "en" else "田中 愛子", Role.EXAMINER)
    wb.users_list.append(wb.user)
    earlier = wb.create_case("チョー・ミン・テッ (2021)", "SAMPLE-2021-MM-0001")
    case = wb.create_case("Myanmar - sur place claim (second application)", "SAMPLE-2024-MM-0002")
    docs = []
    for doc_id, name in sample.files.items():
        pages = sorted(n for d, n in sample.page_texts if d == doc_id)
        data = (SAMPLES / SLUG / name).read_bytes()
        image = QImage.fromData(data)
        docs.append(
            Document(doc_id, case.id, name, f"{len(docs):064d}", len(data), "image/png", DocumentStatus.DONE,
                     page_count=len(pages))
        )  # fmt: skip
        wb.page_texts[doc_id] = [
            PageText(n, sample.page_texts[(doc_id, n)], width=image.width(), height=image.height()) for n in pages
        ]
        for n in pages:
            wb.images[(doc_id, n)] = data
    wb.documents[case.id] = docs
    wb.documents[earlier.id] = [
        Document("old-form", earlier.id, "application_form_2021.png", "f" * 64, 1, "image/png", DocumentStatus.DONE)
    ]
    for index, s in enumerate(sample.suggestions):
        status = SuggestionStatus.ACCEPTED if index % 5 else SuggestionStatus.PENDING
        wb.suggestions[s.id] = replace(s, case_id=case.id, status=status)
    # The earlier application (scripted): same identity, the entry, one earlier event; no coup-era events.
    for s in sample.suggestions:
        if s.field in (FactField.PERSON_NAME, FactField.DATE_OF_BIRTH, FactField.NATIONALITY, FactField.DATE_OF_ENTRY):
            wb.suggestions["old-" + s.id] = replace(
                s, id="old-" + s.id, case_id=earlier.id, status=SuggestionStatus.ACCEPTED
            )
    wb.suggestions["old-port"] = Suggestion(
        "old-port", earlier.id, FactField.PORT_OF_ENTRY, "成田空港", "Narita International Airport", 0.9, None,
        SuggestionStatus.ACCEPTED,
    )  # fmt: skip
    wb.links[case.id] = [(earlier.id, "same name, date of birth and passport number")]
    text = (
        "The statement and the form both name the military as the agent; no report to the police is in the file."
        if language == "en"
        else "供述書と申請書はいずれも迫害の主体を国軍としている。警察への届出は記録にない。"
    )
    wb.reasoning[case.id] = {
        GuideElement.STATE_PROTECTION: ElementReasoning(
            GuideElement.STATE_PROTECTION, text, wb.user.id, wb.user.name, datetime.now()
        )
    }
    return wb


def shoot(app: QApplication, language: str, out_dir: Path) -> None:
    wb = build_workbench(language)
    runner = JobRunner(QThreadPool.globalInstance())
    assert wb.user is not None
    window = MainWindow(wb, runner, UiContext(user=wb.user, ai_enabled=False, data_location="(fictional sample)"))
    window.resize(1600, 1000)
    window.show()
    window.workspace.apply_default_layout(1600, 1000)
    case_id = next(c for c in wb.cases if c != next(iter(wb.cases)))
    window.workspace.load_case(case_id)
    spin(app, 2.0)
    window.workspace.show_evidence()
    spin(app, 2.0)
    panel = window.workspace.evidence
    persecution = panel.element_item(GuideElement.PERSECUTION)
    if persecution is not None and persecution.childCount():
        first = persecution.child(min(1, persecution.childCount() - 1))
        if first is not None and first.data(0, SUGGESTION_ID):
            panel.choose_fact(str(first.data(0, SUGGESTION_ID)), GuideElement.PERSECUTION)
    spin(app, 1.5)
    panel.tree.setCurrentItem(panel.element_item(GuideElement.STATE_PROTECTION))
    panel.tree.scrollToTop()
    spin(app, 2.0)
    window.grab().save(str(out_dir / f"evidence_{language}.png"))
    window.workspace.show_repeat()
    spin(app, 2.0)
    repeat = window.workspace.repeat.tree
    new_group = repeat.topLevelItem(1)  # "New in this application": folded so every group shows in the picture
    if new_group is not None:
        new_group.setExpanded(False)
    spin(app, 0.5)
    window.grab().save(str(out_dir / f"repeat_{language}.png"))
    runner.wait_for_done(10_000)
    window.close()
    spin(app, 0.5)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", choices=["en", "ja", "both"], default="both")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    apply_theme(app)  # type: ignore[arg-type]
    for language in ("en", "ja") if args.language == "both" else (args.language,):
        translators = i18n.install_translators(app, language, ROOT / "resources" / "translations")
        shoot(app, language, args.out_dir)  # type: ignore[arg-type]
        for translator in translators:
            app.removeTranslator(translator)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
