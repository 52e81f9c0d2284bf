"""Hand-written evidence the statistical detectors lack: letters each language uses, and Dari vocabulary.

Two kinds of cue feed the combiner (``_model``):

* Letters. Each candidate language has an alphabet and a few distinctive letters: Urdu ٹ ڈ ڑ ں ے, Pashto
  ښ ږ ځ څ ټ ډ ړ ڼ, Sorani ڵ ڕ ۆ ێ ە, Arabic ي ك ة ى (Persian writes ی ک), Turkish ğ ı, Tigrinya ኣ ሓ, and so on.
  ``letter_cues`` counts, per candidate, the letters that are distinctive for it and the letters its
  alphabet does not have. These matter most on short texts, where n-gram statistics are thin.
* Dari (Afghan Persian) against Iranian Persian. No detector here knows Dari (they all answer ``fa``). Dari
  differs in vocabulary (داکتر/پزشک "doctor", شفاخانه/بیمارستان "hospital", صحت/بهداشت "health",
  همچنان/همچنین "also"), month names (جنوری/ژانویه) and habits (Iranian text uses ZWNJ in می‌شود, Dari text
  mostly writes a space). ``dari_cues`` counts markers of each side.

The word lists come from general knowledge of the two standards, checked against the dev half of the TICO-19
sample (see ``evaluation/langid_eval.py``); the held-out half never shaped them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# --- letters -----------------------------------------------------------------------------------------------

_ARABIC_COMMON = "ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنوهًٌٍَُِّْٰ"
_VIET = "ăâđêôơưĂÂĐÊÔƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))

#: Letters a language's ordinary text may contain (lower case; ASCII letters are allowed for every Latin
#: language). Anything else counts against the candidate.
ALPHABETS: Mapping[str, Mapping[str, str]] = {
    "Latin": {
        "en": "",
        "tr": "çğıöşüâîû",
        "kmr": "çêîşûé",
        "fr": "àâæçéèêëîïôœùûüÿ",
        "so": "",
        "tl": "ñ",
        "id": "é",
        "vi": _VIET.lower() + "àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ",
        "es": "áéíñóúü",
    },
    "Arabic": {
        "ar": _ARABIC_COMMON + "يكةىٱ",
        "fa": _ARABIC_COMMON + "پچژگکیةۀ",
        "prs": _ARABIC_COMMON + "پچژگکیةۀ",
        "ur": _ARABIC_COMMON + "پچژگکیٹڈڑںےھۓۀةۃ",
        "ps": _ARABIC_COMMON + "پچژگکیښږځڅټډړڼېۍګيۀ",
        "ckb": "ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنوۆھەیێ",
    },
    "Cyrillic": {"ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"},
}

#: Letters that speak for a language (present in few of the candidates).
DISTINCTIVE: Mapping[str, Mapping[str, str]] = {
    "Latin": {
        "tr": "ğı",
        "kmr": "êî",
        "fr": "àèœùâç",
        "vi": _VIET.lower(),
        "es": "ñáíóú¿¡",
    },
    "Arabic": {
        "ar": "يكةى",
        "fa": "پچژگ",
        "prs": "پچژگ",
        "ur": "ٹڈڑںےھۓ",
        "ps": "ښږځڅټډړڼېۍګ",
        "ckb": "ڵڕۆێەڤ",
    },
    "Cyrillic": {"ru": "ыэёъ"},
    "Ethiopic": {
        # Frequency ratios on the dev half: ኣ 0.02 vs 20.5 per mille (am vs ti), ሓ 0 vs 6.9, ዕ 0.6 vs 5.8;
        # አ 14.8 vs 0.4, ች 18.2 vs 0.7, የ 26.7 vs 2.6. Tigrinya writes word-initial "a" as ኣ, Amharic as አ.
        "am": "አችየሆ",
        "ti": "ኣሓዕቐ",
    },
}


def letter_cues(text: str, script: str, candidates: tuple[str, ...]) -> tuple[list[float], list[float]]:
    """Per candidate: (count of its distinctive letters, count of letters outside its alphabet) in ``text``.

    Only letters of ``script`` count (a Latin word inside Arabic text says nothing about Arabic dialects).
    Candidates without an alphabet (``other``, or scripts without a table) get 0 for "outside".
    """
    lowered = text.lower()
    alphabets = ALPHABETS.get(script, {})
    distinctive = DISTINCTIVE.get(script, {})
    own = [float(sum(lowered.count(ch) for ch in distinctive.get(c, ""))) for c in candidates]
    if not alphabets:
        return own, [0.0] * len(candidates)
    if script == "Latin":
        # Only non-ASCII letters can be foreign to a Latin alphabet.
        letters = [ch for ch in lowered if ch.isalpha() and not ch.isascii() and _is_latin(ch)]
    elif script == "Arabic":
        letters = [ch for ch in lowered if "\u0600" <= ch <= "\u06ff" and ch.isalpha()]
    else:
        letters = [ch for ch in lowered if "\u0400" <= ch <= "\u04ff" and ch.isalpha()]
    foreign = []
    for c in candidates:
        alphabet = alphabets.get(c)
        foreign.append(0.0 if alphabet is None else float(sum(1 for ch in letters if ch not in alphabet)))
    return own, foreign


def _is_latin(ch: str) -> bool:
    code = ord(ch)
    return 0xC0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF


# --- Dari vs Iranian Persian -------------------------------------------------------------------------------

_DARI_TEXT = """
    داکتر داکتران داکتری شفاخانه شفاخانه‌ها مریض مریضان مریضی مرض امراض تداوی صحت صحی
    همچنان برعلاوه بشمول ذریعه واقعات کنترول واکسین چینایی پوهنتون پوهنځی محصل محصلین ولسوالی ولسوال
    موتر موترها تیلفون پولیس استند استم استی استیم قرنطین منتن انتان مصاب مصابین مصابیت شاروالی ښاروالی
    معینیت ریاست طرزالعمل آنهم الی بیجاشده صدری حجروی تخنیک فکتور فکتورها چوکات تسلسل فقره فقرات معافیت
    معافیتی انفلوانزا جنوم فیصد ملیون ملیارد دالر سرک طیاره قوماندان قوماندانی سارنوال تذکره لیسه صنف
    تشناب
    جنوری فبروری مارچ اپریل جولای اگست سپتمبر اکتوبر نومبر دسمبر
    ثور جوزا سنبله عقرب دلو حوت
"""

_DARI_WORDS = frozenset(_DARI_TEXT.split())

_IRANIAN_TEXT = """
    بیمارستان بیمارستان‌ها بیماری بیماری‌ها بیماران بیمار پزشک پزشکان پزشکی درمان درمانی بهداشت بهداشتی
    همچنین شهرداری دانشگاه دانشجو دانشجویان ماشین خودرو تلفن پلیس هستند هستیم هستم مبتلا مبتلایان عفونت
    قرنطینه واکسن استان شهرستان تومان ریال اوت سینه سلولی تکنیک ژنوم آنفلوآنزا ایمنی شناسنامه دادگاه دادستان
    فرودگاه هواپیما خیابان دبیرستان
    ژانویه فوریه مارس آوریل ژوئن ژوئیه سپتامبر اکتبر نوامبر دسامبر
    فروردین اردیبهشت خرداد مرداد شهریور آبان آذر بهمن اسفند
"""

_IRANIAN_WORDS = frozenset(_IRANIAN_TEXT.split())

_WORD = re.compile(r"[\u0600-\u06FF\u200c]+")
# Dari's modal construction "participle + می‌تواند" (کرده می‌توانند "they can do"); Iranian Persian says
# می‌توانند ... کنند.
_DARI_MODAL = re.compile(r"[\u0600-\u06FF]ه[\s\u200c]+می[\s\u200c]*توان")
_ZWNJ = "\u200c"


def _fold(word: str) -> str:
    # Arabic yeh/kaf typed on an Arabic keyboard are the same letters as Persian ی/ک for this purpose.
    return word.replace("ي", "ی").replace("ك", "ک").strip(_ZWNJ)


def dari_cues(text: str) -> tuple[float, float, float]:
    """(Dari markers, Iranian markers, ZWNJ joins) counted in ``text``: evidence for ``prs`` against ``fa``.

    A marker counts once per occurrence; the ZWNJ count is of ZWNJ characters between letters, a habit of
    Iranian typing (``می‌شود``) that Dari text rarely shows.
    """
    dari = iranian = 0
    for raw in _WORD.findall(text):
        word = _fold(raw)
        plain = word.replace(_ZWNJ, "")
        if word in _DARI_WORDS or plain in _DARI_WORDS:
            dari += 1
        elif word in _IRANIAN_WORDS or plain in _IRANIAN_WORDS:
            iranian += 1
    dari += len(_DARI_MODAL.findall(text))
    joins = sum(1 for m in re.finditer(_ZWNJ, text) if 0 < m.start() < len(text) - 1 and text[m.start() - 1].isalpha())
    return float(dari), float(iranian), float(joins)
