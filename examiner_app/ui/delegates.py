"""Item delegates: how a fact's field group, confidence and status, and a document's state, look.

They only paint what the models provide (through :class:`examiner_app.ui.qt_models.Roles`), so the
display text stays the single source for tests and accessibility.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from examiner_app.domain import Case, SuggestionStatus
from examiner_app.ui.qt_models import AMBER, AMBER_BG, FAILURE, MUTED, RED, RED_BG, Roles, confidence_level

AnyIndex = QModelIndex | QPersistentModelIndex

GROUP_LINE = QColor("#d9dde3")
FINDING_FG = QColor("#1d6a36")
FINDING_BG = QColor("#e2f3e6")
SUGGESTION_FG = QColor("#3d5a80")
SUGGESTION_BORDER = QColor("#8aa2c2")
REJECTED_BG = QColor("#eceef1")


def _starts_group(index: AnyIndex) -> bool:
    """True when the row above belongs to another field (or there is none)."""
    row = index.row()
    if row <= 0:
        return True
    above = index.model().index(row - 1, 0, index.parent())
    return bool(above.data(Roles.FIELD) != index.data(Roles.FIELD))


def _draw_background(painter: QPainter, option: QStyleOptionViewItem, widget: QWidget | None) -> None:
    style = widget.style() if widget is not None else QApplication.style()
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)


def _draw_pill(
    painter: QPainter,
    rect: QRect,
    text: str,
    font: QFont,
    fg: QColor,
    bg: QColor | None,
    border: QColor | None = None,
    *,
    dashed: bool = False,
    align_right: bool = False,
) -> None:
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(text) + 12
    height = min(rect.height() - 4, metrics.height() + 4)
    x = rect.right() - width - 4 if align_right else rect.left() + 4
    pill = QRectF(x, rect.center().y() - height / 2 + 0.5, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if bg is not None:
        painter.setBrush(bg)
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(border) if border is not None else QPen(Qt.PenStyle.NoPen)
    if dashed and border is not None:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawRoundedRect(pill, height / 2, height / 2)
    painter.setFont(font)
    painter.setPen(fg)
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class FieldGroupDelegate(QStyledItemDelegate):
    """Shows a field name once per group of consecutive rows, with a thin line between groups."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row = index.row()
        # Repeat the name on the first visible row too, so a group scrolled half out of view keeps its label.
        first_visible = isinstance(option.widget, QTableView) and option.widget.rowAt(0) == row
        same_group = not _starts_group(index) and not first_visible
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if same_group:
            opt.text = ""
        else:
            # The group heading is a label, not a suggestion: plain weight whatever the row's status.
            font = QFont(opt.font)
            font.setItalic(False)
            font.setBold(False)
            opt.font = font
            palette = QPalette(opt.palette)
            palette.setColor(QPalette.ColorRole.Text, QColor("#2b3038"))
            opt.palette = palette
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if _starts_group(index) and row > 0:
            self._group_line(painter, option)

    @staticmethod
    def _group_line(painter: QPainter, option: QStyleOptionViewItem) -> None:
        painter.save()
        painter.setPen(QPen(GROUP_LINE))
        painter.drawLine(option.rect.topLeft(), option.rect.topRight())
        painter.restore()


class GroupLineDelegate(QStyledItemDelegate):
    """Plain cells that continue the group separator line drawn by :class:`FieldGroupDelegate`."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        if index.row() > 0 and _starts_group(index):
            FieldGroupDelegate._group_line(painter, option)


class ConfidenceDelegate(GroupLineDelegate):
    """A percentage; low ones in an amber (or red) pill that says "low"."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        confidence = index.data(Roles.CONFIDENCE)
        if not isinstance(confidence, float | int) or confidence_level(float(confidence)) == "ok":
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _draw_background(painter, opt, opt.widget)
        level = confidence_level(float(confidence))
        fg, bg = (RED, RED_BG) if level == "very-low" else (AMBER, AMBER_BG)
        font = QFont(opt.font)
        font.setItalic(False)
        font.setBold(True)
        _draw_pill(painter, opt.rect, str(index.data()), font, fg, bg, align_right=True)
        if index.row() > 0 and _starts_group(index):
            FieldGroupDelegate._group_line(painter, option)


class StatusDelegate(GroupLineDelegate):
    """A badge: dashed "suggestion" for pending rows, green check for findings, grey for rejected."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        raw = index.data(Roles.STATUS)
        if raw not in SuggestionStatus._value2member_map_:  # Qt hands StrEnums back as str
            super().paint(painter, option, index)
            return
        status = SuggestionStatus(raw)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _draw_background(painter, opt, opt.widget)
        font = QFont(opt.font)
        text = str(index.data())
        if status is SuggestionStatus.PENDING:
            font.setItalic(True)
            _draw_pill(painter, opt.rect, text, font, SUGGESTION_FG, None, SUGGESTION_BORDER, dashed=True)
        elif status is SuggestionStatus.REJECTED:
            font.setItalic(False)
            _draw_pill(painter, opt.rect, text, font, MUTED, REJECTED_BG)
        else:
            font.setItalic(False)
            font.setBold(True)
            _draw_pill(painter, opt.rect, text, font, FINDING_FG, FINDING_BG)
        if index.row() > 0 and _starts_group(index):
            FieldGroupDelegate._group_line(painter, option)


class DocumentDelegate(QStyledItemDelegate):
    """File name on the first line; state (or, for a failed file, the error and what to do) below.

    Failure text wraps over as many lines as it needs and is red; it is never cut off.
    """

    PADDING = 6

    def _detail_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        return font

    def _detail_rect(self, option: QStyleOptionViewItem, index: AnyIndex, top: int) -> QRect:
        width = max(60, option.rect.width() - 2 * self.PADDING)
        metrics = QFontMetrics(self._detail_font(option))
        flags = int(Qt.TextFlag.TextWordWrap)
        bounds = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, str(index.data(Roles.DETAIL) or ""))
        return QRect(option.rect.left() + self.PADDING, top, width, bounds.height())

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        detail = self._detail_rect(option, index, 0)
        return QSize(option.rect.width(), self.PADDING * 2 + metrics.height() + 2 + detail.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _draw_background(painter, opt, opt.widget)
        failed = bool(index.data(Roles.FAILED))
        painter.save()
        name_font = QFont(option.font)
        name_font.setBold(True)
        metrics = QFontMetrics(name_font)
        top = option.rect.top() + self.PADDING
        name_rect = QRect(
            option.rect.left() + self.PADDING, top, option.rect.width() - 2 * self.PADDING, metrics.height()
        )
        painter.setFont(name_font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        )
        name = metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideMiddle, name_rect.width())
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        detail_rect = self._detail_rect(option, index, name_rect.bottom() + 2)
        painter.setFont(self._detail_font(option))
        painter.setPen(FAILURE if failed else MUTED)
        painter.drawText(detail_rect, int(Qt.TextFlag.TextWordWrap), str(index.data(Roles.DETAIL) or ""))
        painter.restore()


class CaseDelegate(QStyledItemDelegate):
    """Two lines per case: the title, then reference and document count; the pending count as a badge."""

    PADDING = 7

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(option.rect.width(), 2 * self.PADDING + 2 * metrics.height() + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        case = index.data(Roles.OBJECT)
        if not isinstance(case, Case):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _draw_background(painter, opt, opt.widget)
        painter.save()
        rect = option.rect.adjusted(self.PADDING + 2, self.PADDING, -self.PADDING, -self.PADDING)
        title_font = QFont(option.font)
        title_font.setBold(True)
        metrics = QFontMetrics(title_font)
        badge_font = QFont(option.font)
        badge_font.setPointSizeF(max(7.0, badge_font.pointSizeF() - 1))
        badge = str(case.pending_count) if case.pending_count else ""
        badge_width = QFontMetrics(badge_font).horizontalAdvance(badge) + 16 if badge else 0
        title_rect = QRect(rect.left(), rect.top(), rect.width() - badge_width - 4, metrics.height())
        painter.setFont(title_font)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(case.title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        detail = str(index.data(Roles.DETAIL) or "")
        detail_rect = QRect(rect.left(), title_rect.bottom() + 2, rect.width(), QFontMetrics(option.font).height())
        painter.setFont(option.font)
        painter.setPen(MUTED)
        painter.drawText(
            detail_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(option.font).elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
        )
        if badge:
            _draw_pill(
                painter,
                QRect(rect.right() - badge_width - 4, title_rect.top(), badge_width + 8, title_rect.height()),
                badge,
                badge_font,
                SUGGESTION_FG,
                QColor("#e6edf7"),
                align_right=True,
            )
        painter.restore()
