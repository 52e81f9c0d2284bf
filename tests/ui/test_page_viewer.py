"""The page view on its own: page-pixel coordinates, highlight, zoom by wheel and buttons."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from examiner_app.domain import BBox
from examiner_app.ui.page_viewer import PageViewer

from .fakes import render_page


def viewer_with_page(qtbot, half_size_image: bool = False) -> tuple[PageViewer, object]:
    page, png = render_page(1, ["Born 12 March 1990 in Aleppo."], low_words=["Aleppo."])
    image = QImage.fromData(png)
    if half_size_image:  # a stored image smaller than the OCR image: boxes still in OCR pixels
        image = image.scaled(image.width() // 2, image.height() // 2)
    viewer = PageViewer()
    qtbot.addWidget(viewer)
    viewer.resize(600, 500)
    viewer.show()
    viewer.view.set_page(image, page)
    return viewer, page


def test_highlight_boxes_are_in_page_pixels_even_for_a_smaller_image(qtbot):
    viewer, page = viewer_with_page(qtbot, half_size_image=True)
    box = BBox(100, 80, 220, 110)
    viewer.view.set_highlight([box])
    (item,) = viewer.view.highlight_items()
    assert item.rect().topLeft() == QPointF(97, 77)
    pixmap_item = next(i for i in viewer.view.scene().items() if i.type() == 7)  # QGraphicsPixmapItem
    assert pixmap_item.sceneBoundingRect().width() == page.width
    assert item.brush().color().alpha() < 255  # translucent
    viewer.view.set_highlight([])
    assert viewer.view.highlight_items() == []


def test_ctrl_wheel_and_buttons_zoom_and_manual_zoom_survives_a_new_page(qtbot):
    viewer, page = viewer_with_page(qtbot)
    view = viewer.view
    fitted = view.scale_factor
    assert view.fit_mode == "width"
    event = QWheelEvent(
        QPointF(50, 50),
        QPointF(view.mapToGlobal(QPoint(50, 50))),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.scale_factor > fitted * 1.3
    assert view.fit_mode is None
    viewer.zoom_out_button.click()
    zoomed = view.scale_factor
    image = QImage(page.width, page.height, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    view.set_page(image, page)
    assert abs(view.scale_factor - zoomed) < 1e-6
    viewer.fit_width_button.click()
    assert abs(view.scale_factor - fitted) < 0.02
    assert viewer.zoom_label.text().endswith("%")


def test_page_navigation_buttons(qtbot):
    viewer, _page = viewer_with_page(qtbot)
    viewer.set_navigation(1, 3, "statement.pdf")
    assert not viewer.previous_button.isEnabled()
    with qtbot.waitSignal(viewer.page_requested) as blocker:
        viewer.next_button.click()
    assert blocker.args == [2]
    assert viewer.page_label.text() == "1 / 3"
