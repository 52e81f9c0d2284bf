"""The reviewer's QA workspace on a real scripted store: planner first, blind review of 20 items, figures update."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from examiner_app.qa.service import QaService
from examiner_app.store import Store
from examiner_app.store.orm import DecisionRow, SuggestionRow
from examiner_app.store.qa_orm import QaItemRow, QaVerdictRow
from examiner_app.ui.qa_workspace import QaWorkspace
from examiner_app.ui.workers import JobRunner
from tests.qa_scripted import Scripted, script_decisions

SIGNAL_MS = 60_000
DECISION_WORDS = re.compile(r"\b(accept(ed)?|edit(ed)?|reject(ed)?|examiner|engine|confidence|spacy|rules/)\b", re.I)
NUMBER_LIKE_CONFIDENCE = re.compile(r"\b0\.\d{2,}\b|\b\d{1,3}\s?%")


@pytest.fixture
def scripted_store(tmp_path: Path) -> tuple[Store, Scripted]:
    store = Store(f"sqlite:///{tmp_path / 'qa.db'}")
    yield store, script_decisions(store, 120, seed=5, pending=5, added=3, empty_pages=2, with_images=True)  # type: ignore[misc]
    store.dispose()


def _blind_texts(ws: QaWorkspace) -> list[str]:
    return ws.visible_texts()


def test_blind_review_of_a_20_item_sample(
    qtbot: QtBot, runner: JobRunner, scripted_store: tuple[Store, Scripted]
) -> None:
    store, sc = scripted_store
    qa = QaService(store, sc.reviewers[0])
    ws = QaWorkspace(qa, runner)
    qtbot.addWidget(ws)
    ws.show()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=SIGNAL_MS)

    # The planner is shown before anything is drawn: 385 for ±5 % at 95 %, 59 for the zero-defect 5 % plan.
    assert ws.size_box.value() == 385
    assert "385" in ws.plan_label.text()
    ws.plan_kind.setCurrentIndex(1)
    assert ws.size_box.value() == 59
    assert "59" in ws.plan_label.text()

    ws.size_box.setValue(20)
    with qtbot.waitSignal(ws.sample_loaded, timeout=SIGNAL_MS), qtbot.waitSignal(ws.item_shown, timeout=SIGNAL_MS):
        ws.draw_button.click()
    assert len(ws.items) == 20
    sample_id = ws.sample_id
    assert sample_id is not None

    with store.session() as session:
        items = {i.id: i for i in session.execute(select(QaItemRow).where(QaItemRow.sample_id == sample_id)).scalars()}
        decided = {}
        for item in items.values():
            d = session.execute(select(DecisionRow).where(DecisionRow.suggestion_id == item.suggestion_id)).scalar_one()
            s = session.get(SuggestionRow, item.suggestion_id)
            decided[item.id] = (d, s)

    agreement_seen: list[int] = []
    forest_sizes: list[int] = []
    for index in range(20):
        view = ws.current
        assert view is not None
        item_id = view.item.item_id
        decision, suggestion = decided[item_id]
        texts = _blind_texts(ws)
        joined = "\n".join(texts)
        # What the pane shows: the value to judge, highlighted on the page image.
        assert suggestion.value in ws.value.text()
        assert ws.page_view.has_image()
        assert ws.page_view.highlight_items()
        # What it never shows: the decision, the examiner's own value, the engine, any confidence.
        assert not DECISION_WORDS.search(joined), joined
        assert not NUMBER_LIKE_CONFIDENCE.search(joined), joined
        if decision.value_after and decision.value_after != suggestion.value:
            assert decision.value_after not in joined
        assert f"{suggestion.confidence:.2f}" not in joined
        assert not ws.page_view.low_confidence_items() or not any(
            i.isVisible() for i in ws.page_view.low_confidence_items()
        )

        signals = [ws.verdict_recorded, ws.progress_updated]
        last = index == 19
        with qtbot.waitSignals(signals, timeout=SIGNAL_MS, order="strict"):
            if index % 4 == 3:
                ws.right_value.setText("1990-03-13")
                ws.wrong_button.click()
            else:
                ws.correct_button.click()
        if not last:
            qtbot.waitUntil(
                lambda done=item_id: ws.current is not None and ws.current.item.item_id != done, timeout=SIGNAL_MS
            )
        progress = ws.last_progress
        assert progress is not None
        assert progress.judged == index + 1
        agreement_seen.append(progress.agreement.n if progress.agreement else 0)
        forest_sizes.append(sum(r.value.n for r in progress.forest))
        # The canvases hold the new figures.
        assert ws.forest_canvas.figure.axes[0].get_yticklabels()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=SIGNAL_MS)

    # Agreement moves in batches of 5 (never per item); the forest plot after every verdict.
    assert agreement_seen == [0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 15, 15, 15, 15, 15, 20]
    assert forest_sizes == list(range(1, 21))
    assert "kappa" in ws.agreement_label.text()
    assert "AC1" in ws.agreement_label.text()
    assert "n=20" in ws.agreement_label.text()
    matrix = ws.last_progress.agreement.matrix  # type: ignore[union-attr]
    assert sum(map(sum, matrix)) == 20
    assert sum(row[1] for row in matrix) == 5  # the reviewer's five "wrong" verdicts
    with store.session() as session:
        verdicts = session.execute(select(QaVerdictRow).where(QaVerdictRow.sample_id == sample_id)).scalars().all()
    assert len(verdicts) == 20
    assert {v.reviewer_id for v in verdicts} == {sc.reviewers[0].id}


def test_the_reviewer_opens_the_workspace_from_the_main_window(
    qtbot: QtBot, runner: JobRunner, scripted_store: tuple[Store, Scripted], tmp_path: Path
) -> None:
    from examiner_app.config import Settings
    from examiner_app.services import Workbench
    from examiner_app.ui.backend import UiContext
    from examiner_app.ui.main_window import MainWindow

    store, sc = scripted_store
    bench = Workbench(store, Settings.from_env(data_dir=tmp_path), sc.reviewers[0])
    window = MainWindow(bench, runner, UiContext(user=sc.reviewers[0], ai_enabled=False, data_location="(test)"))
    qtbot.addWidget(window)
    assert window.qa_action.isVisible()
    qa_window = window.show_qa_workspace()
    assert qa_window is not None
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=SIGNAL_MS)
    examiner_window = MainWindow(
        bench, runner, UiContext(user=sc.examiners[0], ai_enabled=False, data_location="(test)")
    )
    qtbot.addWidget(examiner_window)
    assert examiner_window.show_qa_workspace() is None
    assert not examiner_window.qa_action.isVisible()
    assert isinstance(qa_window.workspace, QWidget)
    assert qa_window.workspace.sample_list.count() == 0  # nothing drawn yet: the planner comes first
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=SIGNAL_MS)
