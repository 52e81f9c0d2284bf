"""Recording a fact by hand from words selected on the page image or in the page text (works with AI off)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtWidgets import QApplication

from examiner_app.domain import DecisionAction, FactField, Role, SuggestionStatus
from examiner_app.ui.backend import UiContext
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.page_dialogs import AddFactDialog
from examiner_app.ui.page_viewer import words_in_rect

from .conftest import make_window
from .fakes import sample_workbench
from .test_workspace import open_case, wait_idle


def add_fact_dialog() -> AddFactDialog:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, AddFactDialog) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def rect_around(window: MainWindow, text: str) -> QRectF:
    page = window.workspace.text_panel._page
    start = page.text.index(text)
    boxes = page.boxes_for_span(start, start + len(text))
    rect = QRectF()
    for box in boxes:
        rect = rect.united(QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0))
    return rect.adjusted(-4, -4, 4, 4)


def record(qtbot, window: MainWindow, field: FactField, reason: str = "") -> object:
    dialog = add_fact_dialog()
    dialog.set_field(field)
    dialog.reason.setPlainText(reason)
    with qtbot.waitSignal(window.workspace.fact_added, timeout=5000) as blocker:
        dialog.ok_button.click()
    return blocker.args[0]


def test_dragging_a_box_over_words_records_them_with_their_place(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    viewer = window.workspace.viewer
    viewer.select_button.click()
    assert viewer.view.select_mode
    words = viewer.view.select_rect(rect_around(window, "12 March 1990"))
    assert [w.text for w in words] == ["12", "March", "1990"]
    assert len(viewer.view.selection_items()) == 3
    dialog = add_fact_dialog()
    assert dialog.value.text() == "12 March 1990"
    assert dialog.source_label.text().startswith("Source: statement.png, p. 1, chars ")
    assert dialog.source_label.text().endswith("(3 words)")
    added = record(qtbot, window, FactField.DATE_OF_BIRTH, "born date in the statement")
    page = fake_wb.page_texts["d-1"][0]
    start = page.text.index("12 March 1990")
    prov = added.provenance
    assert (prov.document_id, prov.file_name, prov.page) == ("d-1", "statement.png", 1)
    assert (prov.start, prov.end) == (start, start + len("12 March 1990"))
    assert prov.bboxes == page.boxes_for_span(start, start + len("12 March 1990"))
    assert added.field is FactField.DATE_OF_BIRTH
    assert added.status is SuggestionStatus.ACCEPTED
    assert fake_wb.decisions[-1].action is DecisionAction.ADD
    assert fake_wb.decisions[-1].reason == "born date in the statement"
    # The case reloads and the new finding is selected in the fact table.
    qtbot.waitUntil(lambda: window.workspace.facts.selected_suggestion() is not None, timeout=5000)
    assert window.workspace.facts.selected_suggestion().id == added.id
    assert viewer.view.selection_items() == []
    wait_idle(qtbot, runner)


def test_a_real_mouse_drag_in_select_mode_selects_words(qtbot, window, runner):
    open_case(qtbot, window)
    view = window.workspace.viewer.view
    window.workspace.viewer.select_button.click()
    rect = view.mapFromScene(rect_around(window, "Karim Haddad.")).boundingRect()
    with qtbot.waitSignal(view.words_selected, timeout=5000) as blocker:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft())
        qtbot.mouseMove(view.viewport(), pos=rect.center())
        qtbot.mouseMove(view.viewport(), pos=rect.bottomRight())
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.bottomRight())
    assert [w.text for w in blocker.args[0]] == ["Karim", "Haddad."]
    add_fact_dialog().reject()
    wait_idle(qtbot, runner)


def test_selecting_page_text_records_a_fact_with_ai_off(qtbot, runner):
    workbench = sample_workbench()
    workbench.settings = workbench.settings.__class__(data_dir=workbench.settings.data_dir, ai_enabled=False)
    assert workbench.user is not None
    window = MainWindow(workbench, runner, UiContext(user=workbench.user, ai_enabled=False))
    qtbot.addWidget(window)
    window.show()
    assert window.ai_label.text() == "AI suggestions: off"
    open_case(qtbot, window)
    panel = window.workspace.text_panel
    assert not panel.add_fact_button.isEnabled()
    text = workbench.page_texts["d-1"][0].text
    start = text.index("Arabic")
    panel.select_span(start - 1, start + len("Arabic") + 1)  # a drag that caught the spaces around
    assert panel.add_fact_button.isEnabled()
    assert panel.selected_span() == (start, start + len("Arabic"))
    panel.add_fact_button.click()
    assert add_fact_dialog().value.text() == "Arabic"
    added = record(qtbot, window, FactField.LANGUAGE_SPOKEN)
    assert (added.provenance.start, added.provenance.end) == (start, start + 6)
    assert len(added.provenance.bboxes) == 1
    wait_idle(qtbot, runner)


def test_a_refused_fact_keeps_the_dialog_open_with_the_message(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    window.workspace.viewer.view.set_select_mode(True)
    window.workspace.viewer.view.select_rect(rect_around(window, "Aleppo."))
    dialog = add_fact_dialog()
    dialog.value.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.value.setText("Aleppo")
    fake_wb.user = fake_wb.user.__class__(fake_wb.user.id, fake_wb.user.name, Role.TRAINER)  # the core says no
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "Only an examiner" in dialog.error.text()
    assert dialog.isVisible()
    assert dialog.ok_button.isEnabled()
    dialog.reject()
    wait_idle(qtbot, runner)


def test_roles_that_cannot_decide_cannot_select_words(qtbot, fake_wb, runner):
    window = make_window(qtbot, fake_wb, runner, role=Role.REVIEWER)
    assert not window.workspace.viewer.select_button.isEnabled()
    assert not window.select_words_action.isEnabled()
    assert not window.read_again_action.isEnabled()
    assert "only an examiner" in window.workspace.viewer.select_button.toolTip()


def test_words_in_rect_uses_word_centres(qtbot):
    page = sample_workbench().page_texts["d-1"][0]
    first = page.words[0].bbox
    grazing = QRectF(first.x0 - 5, first.y0 - 5, (first.x1 - first.x0) / 3, 50)  # misses the centre
    assert words_in_rect(page, grazing) == []
    assert [w.text for w in words_in_rect(page, QRectF(QPoint(0, 0), QPoint(2000, 2000)))][:2] == ["My", "name"]
