"""The page image with its provenance overlays: the selected fact's word boxes and low-confidence words.

Scene coordinates are the page-image pixels of :class:`examiner_app.domain.PageText` (origin top
left), whatever size the stored image has, so a ``BBox`` from the core is drawn as is. The view
only displays: it is handed a decoded ``QImage`` (decoded in a worker) and never loads anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import BBox, PageText, Word
from examiner_app.ui import i18n
from examiner_app.ui.qt_models import LOW_CONFIDENCE
from examiner_app.ui.widgets import ElidedLabel

# Item data key telling what an overlay item is ("highlight", "low-confidence", "page").
KIND = 0
HIGHLIGHT_FILL = QColor(255, 190, 0, 78)
HIGHLIGHT_EDGE = QColor(222, 135, 0)
LOW_CONFIDENCE_EDGE = QColor("#ef7d00")
CANVAS = QColor("#e4e7eb")
HIGHLIGHT_PADDING = 3
SELECTION_FILL = QColor(47, 95, 152, 60)
SELECTION_EDGE = QColor("#2f5f98")
MIN_BAND = 3  # page pixels: a smaller "drag" was a click


def words_in_rect(page: PageText, rect: QRectF) -> list[Word]:
    """Words whose box centre lies inside ``rect`` (page pixels), in reading order.

    The centre rule lets a loose drag around a few words pick exactly those, without the neighbours
    the band merely grazes.
    """
    chosen = []
    for word in page.words:
        if word.bbox is None:
            continue
        centre = QPointF((word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.y0 + word.bbox.y1) / 2)
        if rect.contains(centre):
            chosen.append(word)
    return sorted(chosen, key=lambda w: w.start)


class PageView(QGraphicsView):
    """A zoomable page image. Ctrl+wheel zooms around the pointer; the fit modes follow resizes."""

    zoom_changed = Signal(float)
    # Words the examiner selected with a drag in select mode (list[Word], reading order; never empty).
    words_selected = Signal(object)

    MIN_SCALE, MAX_SCALE = 0.05, 8.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(CANVAS)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._fit_mode: str | None = "width"
        self._manual_scale = 1.0  # kept across pages when the examiner zoomed by hand
        self._page_rect = QRectF()
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._highlights: list[QGraphicsRectItem] = []
        self._low_items: list[QGraphicsRectItem] = []
        self._low_visible = True
        self._placeholder: QGraphicsSimpleTextItem | None = None
        self._page_text: PageText | None = None
        self._select_mode = False
        self._press: QPointF | None = None
        self._selection_items: list[QGraphicsRectItem] = []

    # --- content -----------------------------------------------------------------------------

    def clear_page(self, message: str = "") -> None:
        self.scene().clear()
        self._pixmap_item = None
        self._highlights = []
        self._low_items = []
        self._page_rect = QRectF()
        self._placeholder = None
        self._page_text = None
        self._selection_items = []
        if message:
            self._placeholder = self.scene().addSimpleText(message)
            self._placeholder.setBrush(QColor("#6b717a"))
            self.scene().setSceneRect(self._placeholder.boundingRect().adjusted(-40, -40, 40, 40))
            self.resetTransform()
            self.centerOn(self._placeholder)

    def set_page(self, image: QImage | None, page: PageText | None, message: str = "") -> None:
        """Show ``image`` sized to ``page``'s pixel space, with its low-confidence words outlined."""
        self.clear_page()
        if image is None or image.isNull():
            self.clear_page(message)
            return
        width = page.width if page and page.width > 0 else image.width()
        height = page.height if page and page.height > 0 else image.height()
        self._page_rect = QRectF(0, 0, width, height)
        shadow = self.scene().addRect(self._page_rect.translated(4, 4), QPen(Qt.PenStyle.NoPen), QColor(0, 0, 0, 40))
        shadow.setData(KIND, "page")
        item = self.scene().addPixmap(QPixmap.fromImage(image))
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        if image.width() != width:  # stored image smaller/larger than the OCR image: keep page pixels
            item.setScale(width / image.width())
        item.setData(KIND, "page")
        self._pixmap_item = item
        margin = 24
        self.scene().setSceneRect(self._page_rect.adjusted(-margin, -margin, margin, margin))
        if page is not None:
            self._add_low_confidence(page)
        self._page_text = page
        self._apply_fit()

    def has_image(self) -> bool:
        return self._pixmap_item is not None

    def _add_low_confidence(self, page: PageText) -> None:
        pen = QPen(LOW_CONFIDENCE_EDGE, 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        for word in page.words:
            if word.bbox is None or word.confidence is None or word.confidence >= LOW_CONFIDENCE:
                continue
            rect = _rect(word.bbox).adjusted(-1, -1, 1, 1)
            item = self.scene().addRect(rect, pen, QBrush(Qt.BrushStyle.NoBrush))
            item.setData(KIND, "low-confidence")
            item.setZValue(5)
            item.setToolTip(
                i18n.fmt(
                    self.tr("OCR confidence %1 for “%2”: check the image"), i18n.percent(word.confidence), word.text
                )
            )
            item.setVisible(self._low_visible)
            self._low_items.append(item)

    def set_low_confidence_visible(self, visible: bool) -> None:
        self._low_visible = visible
        for item in self._low_items:
            item.setVisible(visible)

    def low_confidence_items(self) -> list[QGraphicsRectItem]:
        return list(self._low_items)

    # --- highlight ---------------------------------------------------------------------------

    def set_highlight(self, boxes: Sequence[BBox], *, scroll: bool = True) -> None:
        """Mark the selected fact's words with translucent boxes and bring them into view."""
        for item in self._highlights:
            self.scene().removeItem(item)
        self._highlights = []
        if not boxes or self._pixmap_item is None:
            return
        pen = QPen(HIGHLIGHT_EDGE, 2)
        pen.setCosmetic(True)
        for box in boxes:
            rect = _rect(box).adjusted(-HIGHLIGHT_PADDING, -HIGHLIGHT_PADDING, HIGHLIGHT_PADDING, HIGHLIGHT_PADDING)
            item = self.scene().addRect(rect, pen, QBrush(HIGHLIGHT_FILL))
            item.setData(KIND, "highlight")
            item.setZValue(10)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
            self._highlights.append(item)
        if scroll:
            self.scroll_to_highlight()

    def highlight_rect(self) -> QRectF:
        """The union of the highlight boxes in scene (page-pixel) coordinates; empty if none."""
        result = QRectF()
        for item in self._highlights:
            result = result.united(item.rect())
        return result

    def highlight_items(self) -> list[QGraphicsRectItem]:
        return list(self._highlights)

    def scroll_to_highlight(self) -> None:
        rect = self.highlight_rect()
        if rect.isEmpty():
            return
        if not self.visible_scene_rect().contains(rect):
            self.centerOn(rect.center())
        self.ensureVisible(rect, 40, 40)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def highlight_visible(self) -> bool:
        """True when some of the highlighted words are inside the visible part of the view."""
        rect = self.highlight_rect()
        return not rect.isEmpty() and self.visible_scene_rect().intersects(rect)

    # --- selecting words (to record a fact by hand) -------------------------------------------

    @property
    def select_mode(self) -> bool:
        return self._select_mode

    def set_select_mode(self, enabled: bool) -> None:
        """Drag draws a selection band instead of moving the page (which the scroll bars and wheel still do)."""
        self._select_mode = enabled
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag if enabled else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if enabled else Qt.CursorShape.OpenHandCursor)
        if not enabled:
            self.clear_selection()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._select_mode and event.button() == Qt.MouseButton.LeftButton:
            self._press = self.mapToScene(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if not self._select_mode or press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        # Qt draws the band; the selection is the rectangle from where the button went down to where it came up.
        band = QRectF(press, self.mapToScene(event.position().toPoint())).normalized()
        if band.width() >= MIN_BAND and band.height() >= MIN_BAND:
            self.select_rect(band)

    def select_rect(self, rect: QRectF) -> list[Word]:
        """Select the words inside ``rect`` (page pixels), mark them, and emit ``words_selected`` if any."""
        page = self._page_text
        words = words_in_rect(page, rect) if page is not None and self.has_image() else []
        self.show_selection(words)
        if words:
            self.words_selected.emit(words)
        return words

    def show_selection(self, words: Sequence[Word]) -> None:
        for item in self._selection_items:
            self.scene().removeItem(item)
        self._selection_items = []
        pen = QPen(SELECTION_EDGE, 1.5)
        pen.setCosmetic(True)
        for word in words:
            if word.bbox is None:
                continue
            item = self.scene().addRect(_rect(word.bbox).adjusted(-2, -2, 2, 2), pen, QBrush(SELECTION_FILL))
            item.setData(KIND, "selection")
            item.setZValue(8)
            self._selection_items.append(item)

    def clear_selection(self) -> None:
        self.show_selection([])

    def selection_items(self) -> list[QGraphicsRectItem]:
        return list(self._selection_items)

    def drag_select(self, top_left: QPoint, bottom_right: QPoint) -> None:
        """Select by viewport points, as a mouse drag would (scripts and tests)."""
        self.select_rect(QRectF(self.mapToScene(top_left), self.mapToScene(bottom_right)).normalized())

    # --- zoom --------------------------------------------------------------------------------

    @property
    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(self.MAX_SCALE, max(self.MIN_SCALE, self.scale_factor * factor))
        self._fit_mode = None
        self._manual_scale = target
        self._set_scale(target)

    def actual_size(self) -> None:
        self._fit_mode = None
        self._manual_scale = 1.0
        self._set_scale(1.0)

    def fit_width(self) -> None:
        self._fit_mode = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        self._fit_mode = "page"
        self._apply_fit()

    def _set_scale(self, scale: float) -> None:
        self.resetTransform()
        self.scale(scale, scale)
        self.zoom_changed.emit(scale)

    def _apply_fit(self) -> None:
        if self._page_rect.isEmpty():
            return
        if self._fit_mode is None:
            if abs(self.scale_factor - self._manual_scale) > 1e-6:
                self._set_scale(self._manual_scale)
            if self._highlights:
                self.scroll_to_highlight()
            return
        viewport = self.viewport().rect()
        margin = 16
        sx = (viewport.width() - margin) / self._page_rect.width()
        sy = (viewport.height() - margin) / self._page_rect.height()
        scale = sx if self._fit_mode == "width" else min(sx, sy)
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self._set_scale(max(self.MIN_SCALE, scale))
        self.setTransformationAnchor(anchor)
        if self._highlights:
            self.scroll_to_highlight()
        else:
            self.centerOn(QPointF(self._page_rect.center().x(), self._page_rect.top()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(1.15**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_mode is not None:
            self._apply_fit()

    @property
    def fit_mode(self) -> str | None:
        """``"width"``, ``"page"`` or None (manual zoom)."""
        return self._fit_mode


def _rect(box: BBox) -> QRectF:
    return QRectF(box.x0, box.y0, max(1, box.x1 - box.x0), max(1, box.y1 - box.y0))


class PageViewer(QWidget):
    """The page view with its toolbar: page navigation, zoom, and the low-confidence toggle."""

    page_requested = Signal(int)
    read_again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PageView(self)
        self._page = 0
        self._page_count = 0

        style = self.style()
        self.previous_button = self._tool(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowLeft), self.tr("Previous page (Page Up)")
        )
        self.next_button = self._tool(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowRight), self.tr("Next page (Page Down)")
        )
        self.page_label = QLabel(self)
        self.page_label.setMinimumWidth(70)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.file_label = ElidedLabel("", self, Qt.TextElideMode.ElideMiddle)
        self.file_label.setObjectName("muted")

        self.low_button = QToolButton(self)
        self.low_button.setText(self.tr("Low-confidence words"))
        self.low_button.setCheckable(True)
        self.low_button.setChecked(True)
        self.low_button.setObjectName("lowConfidenceToggle")
        self.low_button.setToolTip(
            i18n.fmt(
                self.tr("Outline words the OCR read with less than %1 confidence (orange dashes)"),
                i18n.percent(LOW_CONFIDENCE),
            )
        )
        self.zoom_out_button = self._tool(None, self.tr("Zoom out (Ctrl+−, Ctrl+wheel)"), "−")
        self.zoom_label = QLabel("100%", self)
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._tool(None, self.tr("Zoom in (Ctrl++, Ctrl+wheel)"), "+")
        self.fit_width_button = self._tool(None, self.tr("Fit the page width (Ctrl+0)"), self.tr("Fit width"))
        self.fit_page_button = self._tool(None, self.tr("Show the whole page"), self.tr("Whole page"))
        self.select_button = QToolButton(self)
        self.select_button.setText(self.tr("Select words"))
        self.select_button.setCheckable(True)
        self.select_button.setObjectName("selectWordsToggle")
        self.select_button.setToolTip(
            self.tr("Drag a box around words on the page to record them as a fact, with their place as the source (S)")
        )
        self.read_again_button = self._tool(None, self.tr("Read this page again with languages you choose"))
        self.read_again_button.setText(self.tr("Read again…"))

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 3, 6, 3)
        bar.setSpacing(2)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.file_label, 1)
        bar.addWidget(self.select_button)
        bar.addWidget(self.low_button)
        bar.addWidget(self.read_again_button)
        bar.addSpacing(8)
        for widget in (
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            bar.addWidget(widget)
        toolbar = QFrame(self)
        toolbar.setObjectName("toolbar")
        toolbar.setLayout(bar)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(self.view, 1)

        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom_by(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom_by(0.8))
        self.fit_width_button.clicked.connect(self.view.fit_width)
        self.fit_page_button.clicked.connect(self.view.fit_page)
        self.low_button.toggled.connect(self.view.set_low_confidence_visible)
        self.select_button.toggled.connect(self.view.set_select_mode)
        self.read_again_button.clicked.connect(self.read_again_requested)
        self.view.zoom_changed.connect(lambda s: self.zoom_label.setText(i18n.percent(s)))
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom_by(1.25)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom_by(0.8)),
            (QKeySequence("Ctrl+0"), self.view.fit_width),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self._step(-1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self._step(1)),
            (QKeySequence(Qt.Key.Key_S), self.select_button.toggle),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.set_navigation(0, 0, "")

    def _tool(self, icon: object, tooltip: str, text: str = "") -> QToolButton:
        button = QToolButton(self)
        if icon is not None:
            button.setIcon(icon)  # type: ignore[arg-type]
            button.setIconSize(QSize(14, 14))
        if text:
            button.setText(text)
        button.setToolTip(tooltip)
        button.setAutoRaise(True)
        return button

    def set_navigation(self, page: int, page_count: int, file_name: str) -> None:
        self._page, self._page_count = page, page_count
        self.page_label.setText(i18n.fmt(self.tr("%1 / %2"), page, page_count) if page_count else "–")
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(0 < page < page_count)
        self.file_label.setText(file_name)

    def _step(self, delta: int) -> None:
        target = self._page + delta
        if 1 <= target <= self._page_count:
            self.page_requested.emit(target)
