"""The text read from a page: language badges for the page, a gutter with each block's languages,
the selected fact's span highlighted, and low-confidence OCR words underlined in orange dashes.

Spans from the core are offsets into ``PageText.text`` in code points; Qt's text positions count
UTF-16 code units, so every span goes through :func:`qt_position` before it touches a cursor.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import UNDETERMINED, LanguageGuess, PageSource, PageText
from examiner_app.ui import i18n
from examiner_app.ui.page_viewer import HIGHLIGHT_FILL, LOW_CONFIDENCE_EDGE
from examiner_app.ui.qt_models import LOW_CONFIDENCE
from examiner_app.ui.widgets import ElidedLabel

# A language guess below this is shown muted: the detector is unsure.
UNSURE_LANGUAGE = 0.5
# "und" (no supported language could be told) is amber like other "look closer" marks, never muted grey.
UNDETERMINED_INK = QColor("#8a5300")


def qt_position(text: str, index: int) -> int:
    """UTF-16 position in a QTextDocument of the code-point ``index`` into ``text``."""
    index = max(0, min(index, len(text)))
    prefix = text[:index]
    if prefix.isascii():
        return index
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def code_point_index(text: str, position: int) -> int:
    """The inverse of :func:`qt_position`: the code-point index of a UTF-16 position in ``text``."""
    if text.isascii():
        return max(0, min(position, len(text)))
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


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
    if guess.code == UNDETERMINED:
        return i18n.language_label(UNDETERMINED)
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
            label.setProperty("undetermined", guess.code == UNDETERMINED)
            label.setProperty("unsure", guess.code != UNDETERMINED and guess.confidence < UNSURE_LANGUAGE)
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
        if code == UNDETERMINED:
            return self.tr("no supported language could be told apart (und); see Help › Supported languages")
        return language_name(code)

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
        self._block_labels: dict[int, tuple[str, str]] = {}  # QTextBlock number -> (label, "ok"|"unsure"|"und")
        self.blockCountChanged.connect(lambda _count: self._update_margins())
        self.updateRequest.connect(self._on_update_request)
        self._update_margins()

    def set_block_languages(self, labels: dict[int, tuple[str, str]]) -> None:
        self._block_labels = labels
        self._update_margins()
        self._gutter.update()

    def gutter_width(self) -> int:
        if not self._block_labels:
            return 0
        metrics = QFontMetrics(self._gutter_font())
        widest = max(metrics.horizontalAdvance(label) for label, _kind in self._block_labels.values())
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
                label, kind = entry
                colours = {"und": UNDETERMINED_INK, "unsure": QColor("#9aa1ab")}
                painter.setPen(colours.get(kind, QColor("#3d5a80")))
                painter.drawText(
                    QRect(0, top + 2, self._gutter.width() - 6, height), Qt.AlignmentFlag.AlignRight, label
                )
            block = block.next()
            top = bottom
        painter.end()


class PageTextPanel(QWidget):
    """Header (page languages, how the text was read) over the page text.

    Selecting text enables "Record as fact…", which emits ``add_fact_requested(start, end)`` with
    code-point offsets into ``PageText.text`` (the core's unit), whatever Qt counts in.
    """

    add_fact_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badges = LanguageBadges(self)
        self.source_label = ElidedLabel("", self)
        self.source_label.setObjectName("muted")
        self.editor = PageTextEdit(self)
        self._page: PageText | None = None
        self._span: tuple[int, int] | None = None
        self._low_visible = True

        self.add_fact_button = QToolButton(self)
        self.add_fact_button.setText(self.tr("Record as fact…"))
        self.add_fact_button.setObjectName("addFactButton")
        self.add_fact_button.setAutoRaise(True)
        self.add_fact_button.setToolTip(self.tr("Record the selected text as a fact, with its place as the source"))
        self.add_fact_button.setEnabled(False)
        self._can_add = True
        self.editor.selectionChanged.connect(self._selection_changed)
        self.add_fact_button.clicked.connect(self.request_add_fact)
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._context_menu)

        title = QLabel(self.tr("Page text"), self)
        title.setObjectName("sectionTitle")
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 4)
        header.setSpacing(8)
        header.addWidget(title)
        header.addWidget(self.badges)
        header.addSpacing(8)
        header.addWidget(self.source_label, 1)
        header.addWidget(self.add_fact_button)
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

    # --- recording a fact from selected text -----------------------------------------------------

    def set_can_add_facts(self, allowed: bool, reason: str = "") -> None:
        self._can_add = allowed
        if reason:
            self.add_fact_button.setToolTip(reason)
        self._selection_changed()

    def selected_span(self) -> tuple[int, int] | None:
        """The selected characters as code-point offsets [start, end) into the page text; None if none."""
        cursor = self.editor.textCursor()
        if self._page is None or not cursor.hasSelection():
            return None
        text = self._page.text
        start = code_point_index(text, cursor.selectionStart())
        end = code_point_index(text, cursor.selectionEnd())
        # Trim the whitespace a drag picks up at either end: the span should be just the words.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select code points [start, end) as if the examiner had dragged over them (scripts and tests)."""
        if self._page is None:
            return
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(qt_position(self._page.text, start))
        cursor.setPosition(qt_position(self._page.text, end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)

    def request_add_fact(self) -> None:
        span = self.selected_span()
        if span is not None and self._can_add:
            self.add_fact_requested.emit(*span)

    def _selection_changed(self) -> None:
        self.add_fact_button.setEnabled(self._can_add and self.selected_span() is not None)

    def _context_menu(self, position: QPoint) -> None:
        menu = self.editor.createStandardContextMenu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        action = menu.addAction(self.tr("Record as fact…"))
        action.setEnabled(self.add_fact_button.isEnabled())
        action.triggered.connect(self.request_add_fact)
        menu.popup(self.editor.mapToGlobal(position))

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

    def _block_labels(self, page: PageText) -> dict[int, tuple[str, str]]:
        labels: dict[int, tuple[str, str]] = {}
        document = self.editor.document()
        for block in page.blocks:
            if not block.languages:
                continue
            number = document.findBlock(qt_position(page.text, block.start)).blockNumber()
            if number in labels:
                continue
            best = block.languages[0]
            kind = "und" if best.code == UNDETERMINED else "unsure" if best.confidence < UNSURE_LANGUAGE else "ok"
            labels[number] = (badge_text(best), kind)
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
