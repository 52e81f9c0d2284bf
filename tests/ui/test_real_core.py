"""The UI over the REAL core: SQLite store, import with OCR, highlight, review keys, audit rows.

Uses a sample page image from resources/samples when one is there, else renders a short English
statement with Pillow. Slow-ish (Tesseract on one page), so marked ``slow``; still in the suite.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from examiner_app.config import Settings
from examiner_app.domain import Role, Suggestion, SuggestionStatus
from examiner_app.errors import ReviewError
from examiner_app.ui.backend import UiContext
from examiner_app.ui.dialogs import ReasonDialog
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.page_viewer import HIGHLIGHT_PADDING
from examiner_app.ui.qt_models import Roles
from examiner_app.ui.workers import JobRunner

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
FONT = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
STATEMENT = [
    "STATEMENT OF THE APPLICANT",
    "My name is Karim Haddad.",
    "I was born on 12 March 1990 in Aleppo, Syria.",
    "On 3 May 2021 I left Syria and travelled to Turkey.",
    "I arrived in Japan on 9 June 2021.",
]


def statement_image(folder: Path) -> Path:
    """One scanned page: the Persian statement sample (right-to-left, so boxes are checked on RTL text),
    any other small sample PNG, or (before the samples existed) an English page rendered here."""
    samples = REPO / "resources" / "samples"
    preferred = samples / "af-hazara-fa" / "statement_fa.png"
    if preferred.is_file():
        return preferred
    small = [p for p in sorted(samples.glob("*/*.png")) if p.stat().st_size < 3_000_000]
    if small:
        return small[0]
    image = Image.new("L", (1654, 1100), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 40)
    for number, line in enumerate(STATEMENT):
        draw.text((150, 150 + number * 90), line, font=font, fill=15)
    path = folder / "statement.png"
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(200, 200))
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def real(tmp_path: Path) -> Iterator[object]:
    try:
        from examiner_app import services
    except ImportError as exc:  # another helper is still landing parts of the pipeline
        pytest.skip(f"the core pipeline is not importable yet: {exc}")
    settings = Settings(data_dir=tmp_path / "data", ai_enabled=True, workers=1)
    store = services.open_store(settings)
    workbench = services.Workbench(store, settings)
    workbench.sign_in("Aiko Tanaka", Role.EXAMINER)
    yield workbench
    store.dispose()


def rows(store: object, model: type, **where: object) -> list[object]:
    from sqlalchemy import select

    with store.session() as session:  # type: ignore[attr-defined]
        query = select(model).filter_by(**where)
        return list(session.execute(query).scalars())


def test_import_highlight_accept_and_audit_through_the_real_core(qtbot, tmp_path, real):
    from examiner_app.store.orm import AuditEventRow, DecisionRow, SuggestionRow

    workbench = real
    runner = JobRunner()
    case = workbench.create_case("Applicant 0412", "REF-0412")
    window = MainWindow(workbench, runner, UiContext(workbench.user, ai_enabled=True))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.workspace.case_loaded, timeout=20_000):
        with qtbot.waitSignal(window.cases_loaded, timeout=20_000):
            window.refresh_cases()
        window.case_list.select_case(case.id)

    # Import one page; the UI keeps running and reloads the case when the worker is done.
    image = statement_image(tmp_path)
    with qtbot.waitSignal(window.import_finished, timeout=300_000) as finished:
        assert window.import_files(case.id, [image], case.title)
    outcomes = finished.args[0]
    assert len(outcomes) == 1
    assert outcomes[0].status.value == "done", outcomes[0].error
    facts = window.workspace.facts
    qtbot.waitUntil(lambda: facts.model.rowCount() > 0, timeout=20_000)
    qtbot.waitUntil(lambda: window.workspace.viewer.view.has_image(), timeout=20_000)

    # Select a fact with word boxes: its page opens and a highlight sits on its box.
    suggestions = [facts.model.index(r, 0).data(Roles.OBJECT) for r in range(facts.model.rowCount())]
    boxed = [s for s in suggestions if isinstance(s, Suggestion) and s.provenance and s.provenance.bboxes]
    assert boxed, "the pipeline suggested no fact with word boxes"
    target = max(boxed, key=lambda s: s.confidence)
    with qtbot.waitSignal(
        window.workspace.highlight_shown, timeout=20_000, check_params_cb=lambda sid: sid == target.id
    ):
        facts.select_suggestion(target.id)
    view = window.workspace.viewer.view
    highlighted = [item.rect() for item in view.highlight_items()]
    assert len(highlighted) == len(target.provenance.bboxes)
    box = target.provenance.bboxes[0]
    assert highlighted[0].x() == box.x0 - HIGHLIGHT_PADDING
    assert highlighted[0].y() == box.y0 - HIGHLIGHT_PADDING
    assert highlighted[0].right() == box.x1 + HIGHLIGHT_PADDING
    assert highlighted[0].bottom() == box.y1 + HIGHLIGHT_PADDING
    assert view.highlight_visible()

    # A accepts it: a Decision row and a 'suggestion.accept' audit event, source seen.
    facts.table.setFocus()
    with qtbot.waitSignal(window.workspace.decision_recorded, timeout=20_000):
        qtbot.keyClick(facts.table, Qt.Key.Key_A)
    store = workbench.store
    decisions = rows(store, DecisionRow, suggestion_id=target.id)
    assert [d.action for d in decisions] == ["accept"]
    events = rows(store, AuditEventRow, action="suggestion.accept", subject=target.id)
    assert len(events) == 1
    assert events[0].details["source_viewed"] is True
    assert rows(store, SuggestionRow, id=target.id)[0].status == "accepted"

    # An edit without a reason is refused: by the dialog, and by the core if asked anyway.
    others = [
        s
        for s in suggestions
        if isinstance(s, Suggestion) and s.id != target.id and s.status is SuggestionStatus.PENDING
    ]
    if others:
        other = others[0]
        with qtbot.waitSignal(
            window.workspace.highlight_shown, timeout=20_000, check_params_cb=lambda sid: sid == other.id
        ):
            facts.select_suggestion(other.id)
        qtbot.keyClick(facts.table, Qt.Key.Key_E)
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReasonDialog) and w.isVisible())
        dialog.value.setText("corrected")
        dialog.accept()
        assert dialog.isVisible()
        dialog.reject()
        errors: list[BaseException] = []
        runner.submit("edit", lambda: workbench.edit(other.id, "corrected", ""), on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
        assert isinstance(errors[0], ReviewError)
        assert rows(store, SuggestionRow, id=other.id)[0].status == "pending"
        assert rows(store, DecisionRow, suggestion_id=other.id) == []

    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=20_000)
    assert workbench.verify_audit().ok


def test_an_encrypted_real_store_opens_after_its_passphrase_is_entered(qtbot, tmp_path):
    try:
        from examiner_app import services
    except ImportError as exc:
        pytest.skip(f"the core is not importable yet: {exc}")
    from examiner_app.ui.app import Startup
    from examiner_app.ui.dialogs import PassphraseDialog

    settings = Settings(data_dir=tmp_path / "data", resources_dir=tmp_path)
    services.open_store(replace(settings, passphrase="a long store passphrase")).dispose()
    runner = JobRunner()
    startup = Startup(settings, runner, demo=False, preset_user="Aiko Tanaka:examiner")
    startup.start()
    qtbot.waitUntil(
        lambda: any(isinstance(w, PassphraseDialog) and w.isVisible() for w in QApplication.topLevelWidgets()),
        timeout=20_000,
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PassphraseDialog) and w.isVisible())
    dialog.passphrase.setText("not it")
    dialog.open_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=20_000)
    assert "Wrong passphrase" in dialog.error.text()
    dialog.passphrase.setText("a long store passphrase")
    with qtbot.waitSignal(startup.ready, timeout=20_000) as blocker:
        dialog.open_button.click()
    window = blocker.args[0]
    qtbot.addWidget(window)
    assert window.context.user.name == "Aiko Tanaka"
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=20_000)
    startup._opened.workbench.store.dispose()  # type: ignore[union-attr]
