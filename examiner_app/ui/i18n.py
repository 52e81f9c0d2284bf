"""User-interface language: which one, loading the translators, and labels for domain values.

Contract:

* :func:`choose_language` picks the UI language: an explicit choice (``--ui-language`` or
  ``EXAMINER_UI_LANGUAGE``) wins, otherwise the system locale; anything we ship no catalogue for
  falls back to English (the source language).
* :func:`install_translators` installs ``resources/translations/examiner_<lang>.qm`` and, only
  when that succeeded (so Qt's own dialogs never speak a different language than ours), Qt's
  ``qtbase_<lang>.qm``. The caller keeps the returned translators alive.
* Domain values (fact fields, statuses, roles, pipeline stages) are stable English identifiers in
  the core; the label functions here are the only place they become words on screen.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from examiner_app.domain import UNDETERMINED, DocumentStatus, FactField, Role, SuggestionStatus

SOURCE_LANGUAGE = "en"
CATALOGUE_PREFIX = "examiner_"


def available_languages(translations_dir: Path) -> list[str]:
    """Languages with a compiled catalogue, plus English (the source strings)."""
    found = {p.stem.removeprefix(CATALOGUE_PREFIX) for p in translations_dir.glob(f"{CATALOGUE_PREFIX}*.qm")}
    return sorted(found | {SOURCE_LANGUAGE})


def choose_language(explicit: str | None, system: QLocale, translations_dir: Path) -> str:
    """The UI language code (``"ja"``, ``"en"``): explicit choice, else the system locale, else English."""
    available = available_languages(translations_dir)
    if explicit:
        code = explicit.strip().lower().replace("-", "_").split("_")[0]
        return code if code in available else SOURCE_LANGUAGE
    for name in system.uiLanguages() or [system.name()]:
        code = name.lower().replace("-", "_").split("_")[0]
        if code in available:
            return code
    return SOURCE_LANGUAGE


def install_translators(app: QCoreApplication, language: str, translations_dir: Path) -> list[QTranslator]:
    """Install our catalogue and Qt's for ``language``; return them (they must outlive the app)."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return installed
    ours = QTranslator(app)
    if not ours.load(f"{CATALOGUE_PREFIX}{language}", str(translations_dir)):
        return installed  # no catalogue: stay entirely in English rather than half-translated
    app.installTranslator(ours)
    installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    label_cache_clear()
    return installed


# Each label is a literal QCoreApplication.translate("Labels", ...) call so pyside6-lupdate finds it.
@cache
def _field_labels() -> dict[FactField, str]:
    return {
        FactField.PERSON_NAME: QCoreApplication.translate("Labels", "Person name"),
        FactField.DATE_OF_BIRTH: QCoreApplication.translate("Labels", "Date of birth"),
        FactField.NATIONALITY: QCoreApplication.translate("Labels", "Nationality"),
        FactField.COUNTRY_OF_ORIGIN: QCoreApplication.translate("Labels", "Country of origin"),
        FactField.ETHNICITY: QCoreApplication.translate("Labels", "Ethnicity"),
        FactField.RELIGION: QCoreApplication.translate("Labels", "Religion"),
        FactField.LANGUAGE_SPOKEN: QCoreApplication.translate("Labels", "Language spoken"),
        FactField.PLACE: QCoreApplication.translate("Labels", "Place"),
        FactField.DATE: QCoreApplication.translate("Labels", "Date"),
        FactField.EVENT_DATE: QCoreApplication.translate("Labels", "Event date"),
        FactField.EVENT: QCoreApplication.translate("Labels", "Event"),
        FactField.DATE_OF_ENTRY: QCoreApplication.translate("Labels", "Date of entry"),
        FactField.PORT_OF_ENTRY: QCoreApplication.translate("Labels", "Port of entry"),
        FactField.TRAVEL_ROUTE: QCoreApplication.translate("Labels", "Travel route"),
        FactField.DOCUMENT_NUMBER: QCoreApplication.translate("Labels", "Document number"),
        FactField.DOCUMENT_ISSUE_DATE: QCoreApplication.translate("Labels", "Document issue date"),
        FactField.PROCEDURAL_DATE: QCoreApplication.translate("Labels", "Procedural date"),
        FactField.PRIOR_APPLICATION: QCoreApplication.translate("Labels", "Prior application"),
        FactField.FAMILY_MEMBER: QCoreApplication.translate("Labels", "Family member"),
        FactField.CLAIMED_GROUND: QCoreApplication.translate("Labels", "Claimed ground"),
        FactField.AGENT_OF_PERSECUTION: QCoreApplication.translate("Labels", "Agent of persecution"),
    }


@cache
def _status_labels() -> dict[SuggestionStatus, str]:
    return {
        SuggestionStatus.PENDING: QCoreApplication.translate("Labels", "suggestion"),
        SuggestionStatus.ACCEPTED: QCoreApplication.translate("Labels", "accepted"),
        SuggestionStatus.EDITED: QCoreApplication.translate("Labels", "edited"),
        SuggestionStatus.REJECTED: QCoreApplication.translate("Labels", "rejected"),
    }


@cache
def _document_status_labels() -> dict[DocumentStatus, str]:
    return {
        DocumentStatus.IMPORTED: QCoreApplication.translate("Labels", "reading…"),
        DocumentStatus.TEXT_EXTRACTED: QCoreApplication.translate("Labels", "detecting languages…"),
        DocumentStatus.LANGUAGES_DETECTED: QCoreApplication.translate("Labels", "suggesting facts…"),
        DocumentStatus.DONE: QCoreApplication.translate("Labels", "ready"),
        DocumentStatus.FAILED: QCoreApplication.translate("Labels", "failed"),
        DocumentStatus.UNSUPPORTED: QCoreApplication.translate("Labels", "unsupported format"),
        DocumentStatus.ENCRYPTED: QCoreApplication.translate("Labels", "encrypted"),
        DocumentStatus.MALFORMED: QCoreApplication.translate("Labels", "damaged file"),
        DocumentStatus.TOO_LARGE: QCoreApplication.translate("Labels", "too large"),
        DocumentStatus.TIMED_OUT: QCoreApplication.translate("Labels", "timed out"),
        DocumentStatus.OUT_OF_MEMORY: QCoreApplication.translate("Labels", "out of memory"),
        DocumentStatus.CANCELLED: QCoreApplication.translate("Labels", "cancelled"),
    }


@cache
def _role_labels() -> dict[Role, str]:
    return {
        Role.EXAMINER: QCoreApplication.translate("Labels", "examiner"),
        Role.REVIEWER: QCoreApplication.translate("Labels", "reviewer"),
        Role.TRAINER: QCoreApplication.translate("Labels", "trainer"),
        Role.ADMIN: QCoreApplication.translate("Labels", "administrator"),
    }


@cache
def _stage_labels() -> dict[str, str]:
    # The core names its stages in English (they also go to logs); translate the known ones.
    return {
        "reading text": QCoreApplication.translate("Labels", "reading text"),
        "detecting languages": QCoreApplication.translate("Labels", "detecting languages"),
        "suggesting facts": QCoreApplication.translate("Labels", "suggesting facts"),
    }


@cache
def _language_names() -> dict[str, str]:
    # Literal translate() calls so pyside6-lupdate finds them; the codes are those of SUPPORTED_LANGUAGES.
    return {
        "ja": QCoreApplication.translate("Languages", "Japanese"),
        "en": QCoreApplication.translate("Languages", "English"),
        "tr": QCoreApplication.translate("Languages", "Turkish"),
        "kmr": QCoreApplication.translate("Languages", "Kurdish (Kurmanji)"),
        "ckb": QCoreApplication.translate("Languages", "Kurdish (Sorani)"),
        "ur": QCoreApplication.translate("Languages", "Urdu"),
        "bn": QCoreApplication.translate("Languages", "Bengali"),
        "hi": QCoreApplication.translate("Languages", "Hindi"),
        "ne": QCoreApplication.translate("Languages", "Nepali"),
        "ta": QCoreApplication.translate("Languages", "Tamil"),
        "si": QCoreApplication.translate("Languages", "Sinhala"),
        "my": QCoreApplication.translate("Languages", "Burmese"),
        "km": QCoreApplication.translate("Languages", "Khmer"),
        "fa": QCoreApplication.translate("Languages", "Persian (Farsi)"),
        "prs": QCoreApplication.translate("Languages", "Dari"),
        "ar": QCoreApplication.translate("Languages", "Arabic"),
        "ps": QCoreApplication.translate("Languages", "Pashto"),
        "fr": QCoreApplication.translate("Languages", "French"),
        "ti": QCoreApplication.translate("Languages", "Tigrinya"),
        "am": QCoreApplication.translate("Languages", "Amharic"),
        "so": QCoreApplication.translate("Languages", "Somali"),
        "ru": QCoreApplication.translate("Languages", "Russian"),
        "zh": QCoreApplication.translate("Languages", "Chinese"),
        "vi": QCoreApplication.translate("Languages", "Vietnamese"),
        "id": QCoreApplication.translate("Languages", "Indonesian"),
        "tl": QCoreApplication.translate("Languages", "Tagalog"),
        "es": QCoreApplication.translate("Languages", "Spanish"),
        UNDETERMINED: QCoreApplication.translate("Languages", "undetermined"),
    }


def language_label(code: str, english: str = "") -> str:
    """The name of a language code in the UI language (``und`` is "undetermined")."""
    name = _language_names().get(code)
    if name:
        return name
    if english:
        return english
    locale = QLocale(code)
    return code if locale.language() == QLocale.Language.C else QLocale.languageToString(locale.language())


def label_cache_clear() -> None:
    """Forget cached labels (after a translator was installed)."""
    for function in (
        _field_labels,
        _status_labels,
        _document_status_labels,
        _role_labels,
        _stage_labels,
        _language_names,
    ):
        function.cache_clear()


def field_label(field: FactField) -> str:
    return _field_labels().get(field, field.value.replace("_", " "))


def status_label(status: SuggestionStatus) -> str:
    return _status_labels()[status]


def document_status_label(status: DocumentStatus) -> str:
    return _document_status_labels().get(status, status.value)


def role_label(role: Role) -> str:
    return _role_labels()[role]


_STAGE_WORDS = re.compile(r"reading text|detecting languages|suggesting facts")


def stage_label(stage: str) -> str:
    """The core's stage text with known stage names translated (file names stay as they are)."""
    labels = _stage_labels()
    return _STAGE_WORDS.sub(lambda m: labels.get(m.group(0), m.group(0)), stage)


def percent(value: float) -> str:
    """``0.873`` -> ``"87%"`` (whole percent: finer digits would suggest a precision we don't have)."""
    return f"{round(value * 100):d}%"


_PLACEHOLDER = re.compile(r"%(\d+)")


def fmt(template: str, *args: object) -> str:
    """Fill Qt-style ``%1``, ``%2`` placeholders in one pass (a value containing ``%2`` stays as is)."""

    def substitute(match: re.Match[str]) -> str:
        position = int(match.group(1)) - 1
        return str(args[position]) if 0 <= position < len(args) else match.group(0)

    return _PLACEHOLDER.sub(substitute, template)
