"""UI language choice, the Japanese catalogue, and text positions for highlights."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from examiner_app.domain import FactField, Role, SuggestionStatus
from examiner_app.ui import i18n
from examiner_app.ui.page_text import qt_position

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
TS_FILE = TRANSLATIONS / "examiner_ja.ts"
UI_DIR = Path(__file__).resolve().parents[2] / "examiner_app" / "ui"


@pytest.fixture
def japanese(qapp) -> Iterator[None]:
    translators = i18n.install_translators(QCoreApplication.instance(), "ja", TRANSLATIONS)
    assert translators, "examiner_ja.qm did not load; run scripts/update_translations.sh"
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(QLocale("en"))
    i18n.label_cache_clear()


def test_language_choice_explicit_then_system_then_english():
    assert i18n.choose_language("ja", QLocale("en_US"), TRANSLATIONS) == "ja"
    assert i18n.choose_language("en", QLocale("ja_JP"), TRANSLATIONS) == "en"
    assert i18n.choose_language("de", QLocale("ja_JP"), TRANSLATIONS) == "en"  # no German catalogue
    assert i18n.choose_language(None, QLocale("ja_JP"), TRANSLATIONS) == "ja"
    assert i18n.choose_language(None, QLocale("fr_FR"), TRANSLATIONS) == "en"


def test_every_message_has_a_japanese_translation():
    root = ET.parse(TS_FILE).getroot()
    messages = root.findall(".//message")
    assert len(messages) > 150

    def texts(message: ET.Element) -> list[str]:
        """The translation, or each plural form of a %n message (Japanese has one)."""
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            return [form.text or "" for form in translation.findall("numerusform")]
        return [translation.text or ""]

    missing = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not all(text.strip() for text in texts(m))
        or not texts(m)
    ]
    assert missing == []
    for message in messages:  # placeholders (and %n in plurals) survive translation
        source = message.findtext("source") or ""
        for translation in texts(message):
            assert sorted(re.findall(r"%[\dn]", source)) == sorted(re.findall(r"%[\dn]", translation)), source


def test_the_compiled_catalogue_is_not_older_than_its_source():
    assert (TRANSLATIONS / "examiner_ja.qm").stat().st_mtime >= TS_FILE.stat().st_mtime - 1


def test_no_user_visible_string_literal_skips_tr():
    """Crude guard: setText/setToolTip/addItem with a bare string literal is a missed translation."""
    pattern = re.compile(
        r"\.(setText|setToolTip|setPlaceholderText|setWindowTitle|addItem|addMenu|QAction)\(\s*\"[A-Za-z]"
    )
    offenders = []
    for path in UI_DIR.glob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def test_labels_and_windows_speak_japanese(japanese, qtbot, fake_wb, runner):
    assert i18n.field_label(FactField.DATE_OF_BIRTH) == "生年月日"
    assert i18n.status_label(SuggestionStatus.PENDING) == "提案"
    assert i18n.role_label(Role.EXAMINER) == "審査官"
    assert i18n.stage_label("1/2 a.png · reading text") == "1/2 a.png · テキスト読み取り中"
    from .conftest import make_window

    window = make_window(qtbot, fake_wb, runner)
    assert window.windowTitle() == "審査官ワークベンチ"
    assert window.workspace.facts.accept_button.text().startswith("承認")
    assert "審査官" in window.user_label.text()


def test_code_point_offsets_become_utf16_positions():
    text = "a😀b 日本"
    assert qt_position(text, 0) == 0
    assert qt_position(text, 2) == 3  # the emoji is two UTF-16 units
    assert qt_position(text, len(text)) == len(text) + 1
    assert qt_position("plain", 3) == 3


def test_fmt_fills_placeholders_once():
    assert i18n.fmt("%1 — %2", "50%2 off", 3) == "50%2 off — 3"
    assert i18n.percent(0.876) == "88%"


def test_panel_helpers_and_plurals_speak_japanese(japanese, qtbot, fake_wb, runner):
    """Module-level helpers translate under the context lupdate files them in (not the caller's class)."""
    from examiner_app.ui.coi_panel import age_text
    from examiner_app.ui.similar_panel import ground_label, status_label

    from .conftest import make_window

    assert age_text(3) == "3 日前"
    assert age_text(400) == "13 か月前"
    assert ground_label("political_opinion") == "政治的意見"
    assert status_label("accepted") == "確認済みの事実"
    window = make_window(qtbot, fake_wb, runner)
    tabs = window.workspace.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())][2:] == ["要素別の証拠", "新たな点", "出身国情報", "類似案件"]
    assert window.workspace.coi.pins_count.text() == "案件が開かれていません"
    assert window.workspace.coi.tr("%n pin(s)", "", 2) == "2 件"
    qtbot.waitUntil(lambda: runner.active_count == 0)
