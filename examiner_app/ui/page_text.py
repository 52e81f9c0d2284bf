"""The text read from a page: language badges for the page, a gutter with each block's languages,
the selected fact's span highlighted, and low-confidence OCR words underlined in orange dashes.

Spans from the core are offsets into ``PageText.text`` in code points; Qt's text positions count
UTF-16 code units, so every span goes through :func:`qt_position` before it touches a cursor.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from examiner_app.domain import UNDETERMINED, LanguageGuess, PageSource, PageText
from examiner_app.ui import i18n
from examiner_app.ui.page_viewer import HIGHLIGHT_FILL, LOW_CONFIDENCE_EDGE
from examiner_app.ui.qt_models import LOW_CONFIDENCE
from examiner_app.ui.widgets import ElidedLabel

# A language guess below this is shown muted: the detector is unsure.
UNSURE_LANGUAGE = 0.5


def qt_position(text: str, index: int) -> int:
    """UTF-16 position in a QTextDocument of the code-point ``index`` into ``text``."""
    index = max(0, min(index, len(text)))
    prefix = text[:index]
    if prefix.isascii():
        return index
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def language_name(code: str) -> str:
    """A readable name for an ISO 639 code in the UI language, with the native name when known."""
    if code == UNDETERMINED:
        return code
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    name = QLocale.languageToString(locale.language())
    native = locale.nativeLanguageName()
    return f"{name} ({native})" if native and native != name else name


def badge_text(guess: LanguageGuess) -> str:
    return f"{guess.code} {guess.confidence:.2f}"


class LanguageBadges(QWidget):
    """A row of small pills, ``ar 0.98 · en 0.41``; unsure guesses muted, ``und`` as such."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._labels: list[QLabel] = []

    def set_languages(self, guesses: Sequence[LanguageGuess]) -> None:
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        for position, guess in enumerate(guesses):
            if position:
                dot = QLabel("·", self)
                dot.setObjectName("muted")
                self._layout.addWidget(dot)
                self._labels.append(dot)
            label = QLabel(badge_text(guess), self)
            label.setObjectName("langBadge")
            unsure = guess.code == UNDETERMINED or guess.confidence < UNSURE_LANGUAGE
            label.setProperty("unsure", unsure)
            label.setToolTip(
                i18n.fmt(self.tr("%1 — detector confidence %2"), self._name(guess.code), f"{guess.confidence:.2f}")
            )
            self._layout.addWidget(label)
            self._labels.append(label)
        if not guesses:
            label = QLabel(self.tr("language not detected"), self)
            label.setObjectName("muted")
            self._layout.addWidget(label)
            self._labels.append(label)

    def _name(self, code: str) -> str:
        return self.tr("undetermined") if code == UNDETERMINED else language_name(code)

    def texts(self) -> list[str]:
        return [label.text() for label in self._labels if label.objectName() == "langBadge"]


class _Gutter(QWidget):
    def __init__(self, editor: PageTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_gutter(event)


class PageTextEdit(QPlainTextEdit):
    """Read-only page text with a left gutter naming each block's detected languages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._gutter = _Gutter(self)
        self._block_labels: dict[int, tuple[str, bool]] = {}  # QTextBlock number -> (label, unsure)
        self.blockCountChanged.connect(lambda _count: self._update_margins())
        self.updateRequest.connect(self._on_update_request)
        self._update_margins()

    def set_block_languages(self, labels: dict[int, tuple[str, bool]]) -> None:
        self._block_labels = labels
        self._update_margins()
        self._gutter.update()

    def gutter_width(self) -> int:
        if not self._block_labels:
            return 0
        metrics = QFontMetrics(self._gutter_font())
        widest = max(metrics.horizontalAdvance(label) for label, _unsure in self._block_labels.values())
        return widest + 14

    def _gutter_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        return font

    def _update_margins(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        contents = self.contentsRect()
        self._gutter.setGeometry(QRect(contents.left(), contents.top(), self.gutter_width(), contents.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor("#f3f5f7"))
        painter.setFont(self._gutter_font())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = QFontMetrics(self._gutter_font()).height()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            entry = self._block_labels.get(block.blockNumber())
            if entry is not None and block.isVisible() and bottom >= event.rect().top():
                label, unsure = entry
                painter.setPen(QColor("#9aa1ab") if unsure else QColor("#3d5a80"))
                painter.drawText(
                    QRect(0, top + 2, self._gutter.width() - 6, height), Qt.AlignmentFlag.AlignRight, label
                )
            block = block.next()
            top = bottom
        painter.end()


class PageTextPanel(QWidget):
    """Header (page languages, how the text was read) over the page text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badges = LanguageBadges(self)
        self.source_label = ElidedLabel("", self)
        self.source_label.setObjectName("muted")
        self.editor = PageTextEdit(self)
        self._page: PageText | None = None
        self._span: tuple[int, int] | None = None
        self._low_visible = True

        title = QLabel(self.tr("Page text"), self)
        title.setObjectName("sectionTitle")
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 4)
        header.setSpacing(8)
        header.addWidget(title)
        header.addWidget(self.badges)
        header.addSpacing(8)
        header.addWidget(self.source_label, 1)
        bar = QFrame(self)
        bar.setObjectName("toolbar")
        bar.setLayout(header)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.editor, 1)
        self.set_page(None)

    def set_page(self, page: PageText | None, placeholder: str = "") -> None:
        self._page = page
        self._span = None
        if page is None:
            self.editor.setPlainText("")
            self.editor.setPlaceholderText(placeholder)
            self.editor.set_block_languages({})
            self.badges.set_languages([])
            self.badges.setVisible(False)
            self.source_label.setText("")
            self._refresh_selections()
            return
        self.badges.setVisible(True)
        self.editor.setPlainText(page.text)
        self.badges.set_languages(page.languages)
        self.source_label.setText(self._source_text(page))
        self.editor.set_block_languages(self._block_labels(page))
        self._refresh_selections()

    def _source_text(self, page: PageText) -> str:
        how = {
            PageSource.OCR: self.tr("OCR"),
            PageSource.TEXT_LAYER: self.tr("PDF text layer"),
            PageSource.PLAIN_TEXT: self.tr("plain text"),
        }.get(page.source, page.source.value)
        parts = [how]
        if page.engine:
            parts.append(page.engine)
        if page.ocr_languages:
            parts.append(page.ocr_languages)
        if page.mean_confidence is not None:
            parts.append(i18n.fmt(self.tr("mean OCR confidence %1"), i18n.percent(page.mean_confidence)))
        if page.rotation:
            parts.append(i18n.fmt(self.tr("rotated %1°"), page.rotation))
        return " · ".join(parts)

    def _block_labels(self, page: PageText) -> dict[int, tuple[str, bool]]:
        labels: dict[int, tuple[str, bool]] = {}
        document = self.editor.document()
        for block in page.blocks:
            if not block.languages:
                continue
            number = document.findBlock(qt_position(page.text, block.start)).blockNumber()
            if number in labels:
                continue
            best = block.languages[0]
            unsure = best.code == UNDETERMINED or best.confidence < UNSURE_LANGUAGE
            labels[number] = (badge_text(best), unsure)
        return labels

    def set_low_confidence_visible(self, visible: bool) -> None:
        self._low_visible = visible
        self._refresh_selections()

    def highlight_span(self, start: int, end: int) -> None:
        """Highlight the fact's characters [start, end) and scroll them into the middle."""
        if self._page is None:
            return
        self._span = (start, end)
        self._refresh_selections()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(qt_position(self._page.text, start))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def clear_highlight(self) -> None:
        self._span = None
        self._refresh_selections()

    def highlighted_text(self) -> str:
        """The text under the fact highlight (empty if none): what the examiner sees marked."""
        for selection in self.editor.extraSelections():
            if selection.format.property(QTextCharFormat.Property.UserProperty) == "fact":
                return selection.cursor.selectedText()
        return ""

    def _refresh_selections(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        page = self._page
        if page is not None and self._low_visible:
            low = QTextCharFormat()
            low.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            low.setUnderlineColor(LOW_CONFIDENCE_EDGE)
            low.setToolTip(self.tr("Low OCR confidence: check this word on the page image"))
            for word in page.words:
                if word.confidence is not None and word.confidence < LOW_CONFIDENCE:
                    selections.append(self._selection(page.text, word.start, word.end, low))
        if page is not None and self._span is not None:
            mark = QTextCharFormat()
            mark.setBackground(QColor(HIGHLIGHT_FILL.red(), HIGHLIGHT_FILL.green(), HIGHLIGHT_FILL.blue(), 140))
            mark.setProperty(QTextCharFormat.Property.UserProperty, "fact")
            selections.append(self._selection(page.text, *self._span, mark))
        self.editor.setExtraSelections(selections)

    def _selection(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(qt_position(text, start))
        cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection
