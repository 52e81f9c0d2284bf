"""Which Tesseract language packs to read a page with, from its scripts or its language guesses.

Only installed packs are ever returned (``ocr.installed_languages``, cached), best first, joined with ``+``.
``eng`` is added as a companion to any other pack: case papers in every script carry Latin names, dates,
form labels and numbers, and Tesseract reads those poorly with a non-Latin pack alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from examiner_app.domain import UNDETERMINED, LanguageGuess

#: Language code -> Tesseract packs, best first (the first installed one is used). No Sorani pack exists: the
#: Arabic script pack, then Persian (whose alphabet is closest), stand in for it.
LANGUAGE_PACKS: Mapping[str, tuple[str, ...]] = {
    "ja": ("jpn",),
    "en": ("eng",),
    "tr": ("tur",),
    "kmr": ("kmr",),
    "ckb": ("ckb", "script/Arabic", "fas", "ara"),
    "ur": ("urd", "script/Arabic", "fas"),
    "bn": ("ben", "script/Bengali"),
    "hi": ("hin", "script/Devanagari", "nep"),
    "ne": ("nep", "script/Devanagari", "hin"),
    "ta": ("tam", "script/Tamil"),
    "si": ("sin", "script/Sinhala"),
    "my": ("mya", "script/Myanmar"),
    "km": ("khm", "script/Khmer"),
    "fa": ("fas", "script/Arabic", "ara"),
    "prs": ("fas", "script/Arabic", "ara"),
    "ar": ("ara", "script/Arabic"),
    "ps": ("pus", "script/Arabic", "fas"),
    "fr": ("fra",),
    "ti": ("tir", "script/Ethiopic", "amh"),
    "am": ("amh", "script/Ethiopic", "tir"),
    "so": ("eng",),  # Somali is Latin without special letters; no pack of its own
    "ru": ("rus", "script/Cyrillic"),
    "zh": ("chi_sim", "chi_tra", "script/HanS"),
    "vi": ("vie", "script/Vietnamese"),
    "id": ("ind",),
    "tl": ("tgl",),
    "es": ("spa",),
}

#: Tesseract OSD script name (also our ``scripts`` names) -> packs, best first.
SCRIPT_PACKS: Mapping[str, tuple[str, ...]] = {
    "Latin": ("eng",),
    "Arabic": ("ara", "fas", "urd", "script/Arabic"),
    "Cyrillic": ("rus", "ukr", "script/Cyrillic"),
    "Greek": ("ell", "script/Greek"),
    "Hebrew": ("heb", "script/Hebrew"),
    "Han": ("chi_sim", "chi_tra", "jpn", "script/HanS"),
    "Japanese": ("jpn", "script/Japanese"),
    "Hiragana": ("jpn", "script/Japanese"),
    "Katakana": ("jpn", "script/Japanese"),
    "Hangul": ("kor", "script/Hangul"),
    "Korean": ("kor", "script/Hangul"),
    "Devanagari": ("hin", "nep", "script/Devanagari"),
    "Bengali": ("ben", "script/Bengali"),
    "Tamil": ("tam", "script/Tamil"),
    "Sinhala": ("sin", "script/Sinhala"),
    "Myanmar": ("mya", "script/Myanmar"),
    "Khmer": ("khm", "script/Khmer"),
    "Ethiopic": ("amh", "tir", "script/Ethiopic"),
    "Thai": ("tha", "script/Thai"),
    "Lao": ("lao", "script/Lao"),
    "Georgian": ("kat", "script/Georgian"),
    "Armenian": ("hye", "script/Armenian"),
    "Gujarati": ("guj", "script/Gujarati"),
    "Gurmukhi": ("pan", "script/Gurmukhi"),
    "Kannada": ("kan", "script/Kannada"),
    "Malayalam": ("mal", "script/Malayalam"),
    "Telugu": ("tel", "script/Telugu"),
    "Oriya": ("ori", "script/Oriya"),
    "Tibetan": ("bod", "script/Tibetan"),
}

#: Added after the chosen packs (see module docstring).
_COMPANION = "eng"
#: A script must cover this share of a text's letters to get its own pack (stray letters do not).
MIN_SCRIPT_SHARE = 0.05


def _installed(installed: Collection[str] | None) -> Collection[str]:
    if installed is not None:
        return installed
    from examiner_app.extraction.ocr import installed_languages

    return installed_languages()


def _first_installed(options: Iterable[str], installed: Collection[str]) -> str | None:
    return next((pack for pack in options if pack in installed), None)


def _join(packs: Iterable[str | None], installed: Collection[str], companion: str | None) -> str:
    chosen: list[str] = []
    for pack in packs:
        if pack and pack not in chosen:
            chosen.append(pack)
    if companion and companion in installed and companion not in chosen:
        chosen.append(companion)
    return "+".join(chosen)


def script_to_tesseract(
    osd_script_name: str, *, installed: Collection[str] | None = None, companion: str | None = _COMPANION
) -> str:
    """Packs for a script name from Tesseract OSD (``Latin``, ``Arabic``, ``Japanese``, ``Han``, ``Ethiopic``...).

    Returns e.g. ``"ara+eng"``; just the companion (``"eng"``) for a script without an installed pack; ``""``
    only when not even the companion is installed.
    """
    packs = _installed(installed)
    return _join([_first_installed(SCRIPT_PACKS.get(osd_script_name, ()), packs)], packs, companion)


def tesseract_languages_for(
    source: str | Mapping[str, float] | Sequence[LanguageGuess],
    *,
    installed: Collection[str] | None = None,
    companion: str | None = _COMPANION,
) -> str:
    """The Tesseract language string for a text, its script shares, or its language guesses.

    * ``str``: a text (for example a first, rough OCR pass). Its language is detected; each script that
      covers at least ``MIN_SCRIPT_SHARE`` of its letters contributes a pack, the detected language's own
      pack first (``urd`` rather than ``ara`` for Urdu).
    * ``Mapping[str, float]``: script name -> share, as ``detect_scripts`` returns; one pack per script.
    * ``Sequence[LanguageGuess]``: one pack per guessed language, in order (``und`` is skipped).

    Only installed packs are returned, best first, with ``companion`` (``eng``) last; an empty or
    unrecognised source gives just the companion.
    """
    packs = _installed(installed)
    chosen: list[str | None] = []
    if isinstance(source, str):
        from examiner_app.extraction.language import detect_language
        from examiner_app.extraction.scripts import detect_scripts

        scripts = detect_scripts(source)
        best = detect_language(source, top=1)[0]
        if best.code != UNDETERMINED:
            chosen.append(_first_installed(LANGUAGE_PACKS.get(best.code, ()), packs))
            # The language's own pack reads its script: no generic pack for that script too (urd, not urd+ara).
            covered = _scripts_of(best.code)
            scripts = {s: share for s, share in scripts.items() if s not in covered}
        chosen.extend(_script_packs(scripts, packs))
    elif isinstance(source, Mapping):
        chosen.extend(_script_packs(source, packs))
    else:
        for guess in source:
            if guess.code != UNDETERMINED:
                chosen.append(_first_installed(LANGUAGE_PACKS.get(guess.code, ()), packs))
    return _join(chosen, packs, companion)


def _scripts_of(code: str) -> frozenset[str]:
    from examiner_app.extraction.language import SINGLE_LANGUAGE_SCRIPTS
    from examiner_app.extraction.language._model import GROUPS

    scripts = {script for script, codes in GROUPS.items() if code in codes}
    scripts.update(script for script, language in SINGLE_LANGUAGE_SCRIPTS.items() if language == code)
    if "Japanese" in scripts:
        scripts.update(("Han", "Hiragana", "Katakana"))
    return frozenset(scripts)


def _script_packs(scripts: Mapping[str, float], installed: Collection[str]) -> list[str | None]:
    from examiner_app.extraction.scripts import dominant_script

    ordered = sorted(scripts.items(), key=lambda item: -item[1])
    result: list[str | None] = []
    dominant = dominant_script(scripts)
    if dominant == "Japanese":
        result.append(_first_installed(SCRIPT_PACKS["Japanese"], installed))
    for script, share in ordered:
        if share >= MIN_SCRIPT_SHARE:
            if dominant == "Japanese" and script in ("Han", "Hiragana", "Katakana"):
                continue
            result.append(_first_installed(SCRIPT_PACKS.get(script, ()), installed))
    return result
