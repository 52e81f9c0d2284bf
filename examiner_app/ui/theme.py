"""The look: a calm light theme (Fusion, a quiet palette, one accent) and readable Noto fonts.

Colours carry meaning and only a few do: amber/orange = look closer (low confidence), red =
failed, green = a recorded finding, blue-grey dashes = a suggestion nobody has decided yet.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2f5f98"
UI_FAMILIES = ("Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", "DejaVu Sans")

STYLESHEET = """
QMainWindow, QDialog { background: #f4f5f7; }
QSplitter::handle { background: #dfe3e8; }
QSplitter::handle:horizontal { width: 1px; }
QSplitter::handle:vertical { height: 1px; }
QLabel#sectionTitle { font-weight: 600; color: #2b3038; }
QLabel#caseTitle { font-size: 12.5pt; font-weight: 600; color: #1f2328; }
#muted { color: #6b717a; }
QLabel#hiddenNotice { color: #8a5300; }
QLabel#inlineError { color: #a3141e; }
QLabel#importTitle { font-weight: 600; }
QFrame#caseHeader { background: #ffffff; border-bottom: 1px solid #dfe3e8; }
QFrame#toolbar { background: #f7f8fa; border-bottom: 1px solid #e3e6ea; }
QFrame#importPanel { background: #eef3fa; border-top: 1px solid #c9d6e8; }
QFrame#notice { background: #fff4d6; border: 1px solid #efc862; border-radius: 3px; margin: 6px 8px 0 8px; }
QFrame#notice QLabel { color: #5c3d00; }
QLabel#langBadge { background: #e6edf7; color: #23466f; border-radius: 7px; padding: 0px 6px;
                   font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK JP", monospace; font-size: 8.5pt; }
QLabel#langBadge[unsure="true"] { background: #eef0f2; color: #7b828c; }
QLabel#langBadge[undetermined="true"] { background: #fff1cc; color: #8a5300; font-family: "Noto Sans"; }
QTreeWidget { background: #ffffff; border: none; selection-background-color: #d6e4f5; selection-color: #1f2328; }
QTabWidget::pane { border: none; border-top: 1px solid #dfe3e8; }
QTabBar::tab { padding: 4px 14px; background: #eceef1; border: 1px solid #dfe3e8; border-bottom: none;
    color: #4a5160; margin-right: 2px; }
QTabBar::tab:selected { background: #ffffff; color: #1f2328; font-weight: 600; }
QStatusBar QLabel#aiOff { color: #8a5300; font-weight: 600; }
QLabel#verifyOk { color: #1e6b34; font-weight: 600; }
QLabel#verifyBroken { color: #a3141e; font-weight: 600; }
QLabel#factDetail { background: #ffffff; padding: 8px 10px; }
QWidget#detailPane { background: #ffffff; }
QListView#caseList { background: #ffffff; border: 1px solid #dfe3e8; }
QTableView, QListView, QPlainTextEdit { background: #ffffff; border: none;
    selection-background-color: #d6e4f5; selection-color: #1f2328; }
QTableView { alternate-background-color: #fafbfc; }
QTableView::item { padding: 0px 4px; }
QHeaderView::section { background: #f4f5f7; color: #4a5160; border: none; border-bottom: 1px solid #dfe3e8;
    border-right: 1px solid #eceef1; padding: 3px 6px; font-weight: 600; }
QListView#thumbnails { background: #eceef1; }
QListView#thumbnails::item { color: #4a5160; }
QListView#thumbnails::item:selected { background: #cfdff3; border-radius: 3px; }
QPushButton { padding: 3px 10px; }
QPushButton#acceptButton { font-weight: 600; }
QToolButton:checked { background: #fde9c8; border: 1px solid #efb45c; border-radius: 3px; }
QStatusBar { background: #eceef1; color: #4a5160; }
QStatusBar QLabel { padding: 0 8px; }
"""


def ui_font() -> QFont:
    """The first installed family of UI_FAMILIES at 10 pt; Qt falls back per script for the rest."""
    families = set(QFontDatabase.families())
    font = QFont()
    chosen = [f for f in UI_FAMILIES if f in families]
    if chosen:
        font.setFamilies(chosen)
    font.setPointSizeF(10)
    return font


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f4f5f7"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#fafbfc"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1f2328"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1f2328"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#f7f8fa"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#1f2328"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#d6e4f5"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#1f2328"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#1f2328"))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a919b"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a0a6ae"))
    app.setPalette(palette)
    app.setFont(ui_font())
    app.setStyleSheet(STYLESHEET)
