"""Places: countries, cities and airports in many scripts, and what the text says about them.

The gazetteer is ``data/gazetteer.json`` (names, exonyms, endonyms and demonyms of the countries
applicants commonly come from and pass through, in English, French, Japanese, Arabic, Persian, Urdu,
Tamil, Sinhala, Burmese, Turkish and a few more; their major cities and airports) plus every
country's English names from pycountry, its provinces and districts (ISO 3166-2), and the country names of the
iso-codes translations pycountry ships in two dozen of our languages (``TRANSLATED_NAME_LOCALES``). Matching runs on a normalised view of the page (NFKC, case
folded, ZWJ/ZWNJ and Arabic diacritics handled) with exact offsets back into the original text.

Fields emitted, one per mention:

* ``nationality`` - a country or demonym next to a nationality cue ("Nationality:", "citizen of",
  "国籍", "الجنسية", "تابعیت", "ملیت", "I am Syrian", "シリア人です", "Syrian national"); also an
  ISO code right after a nationality label.
* ``country_of_origin`` - a country (or a city, normalised to its country) after an origin cue
  ("I am from", "fled", "country of origin", "originaire de", "出身", "أنا من", "اهل").
* ``port_of_entry`` - an airport (or a city right after "arrived at/in") in a sentence about arriving
  or entering, or after a "Port of entry:" label.
* ``travel_route`` - a sentence about travel naming places in at least two countries; ``normalized``
  is the chain of country codes ("LK>TH>JP"), ordered by "from", "via" and "to" cues.
* ``place`` - any other country, city or airport, every mention (a repetition at a slightly lower
  confidence); ``normalized`` is the country code.

Demonyms outside a nationality context ("the Syrian army") are not reported: precision first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from examiner_app.domain import FactCandidate, FactField, PageText

from .base import (
    DATA_DIR,
    Hit,
    KeywordMatcher,
    NormText,
    candidate,
    fold,
    is_agglutinating,
    is_arabic_script,
    is_katakana,
    is_unspaced,
    load_data,
    normalize_key,
    rules_model,
    sentence_at,
    sentence_spans,
)
from .local_places import STOP_WORDS as _LOCAL_STOP
from .local_places import UPPER as _UP
from .local_places import find_local_places

NAME = "places"

COUNTRY, CITY, DEMONYM, AIRPORT, STOP = "country", "city", "demonym", "airport", "stop"

# Proper names that are also common words or given names ("Jordan", "Chad"): reported with a lower
# confidence. Listed in the gazetteer file under "ambiguous".
_AMBIGUOUS = frozenset(normalize_key(k) for k in load_data("gazetteer.json")["ambiguous"])


@dataclass(frozen=True, slots=True)
class Place:
    """What a gazetteer key names. ``cc`` is ISO 3166-1 alpha-2 (``None`` for stop phrases)."""

    kind: str
    cc: str | None
    canonical: str
    source: str  # "gazetteer" | "pycountry" | "pattern" | "local"
    confidence: float = 0.0  # for "local" places: how sure the context makes the name a place
    note: str = ""


# --------------------------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------------------------


def _is_latin(word: str) -> bool:
    for ch in word:
        if ch.isalpha():
            return ord(ch) < 0x250
    return False


@lru_cache(maxsize=1)
def gazetteer() -> KeywordMatcher[Place]:
    """The matcher over every name, once per process.

    Building it (normalising ~9,000 names, pycountry's subdivisions included) cost ~0.3-0.7 s at every start of
    ``examiner-app extract``; the built matcher is kept as JSON in the user's cache folder (beside the detector
    tables, ``extraction.language._tables``: ``EXAMINER_CACHE_DIR`` moves it, ``EXAMINER_DETECTOR_CACHE=0``
    turns it off), named after everything it is built from, and read back in a few milliseconds.
    """
    path = _gazetteer_cache_file()
    if path is not None:
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            state["keys"] = [(key, Place(*fields)) for key, fields in state["keys"]]
            return KeywordMatcher.from_normalized_state(state)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing (first start) or unreadable: build it and write it again
    matcher = _build_gazetteer()
    if path is not None:
        _write_gazetteer_cache(path, matcher)
    return matcher


def _gazetteer_cache_file() -> Path | None:
    """Where the built gazetteer is kept: named after its data, the code that builds and normalises it, pycountry
    and Unicode's version (NFKC and case folding follow it), so any change builds a fresh one."""
    from examiner_app.extraction.language import _tables

    folder = _tables.cache_dir()
    if folder is None:
        return None
    from importlib.metadata import PackageNotFoundError, version

    from . import base

    try:
        pycountry_version = version("pycountry")
    except PackageNotFoundError:
        pycountry_version = "?"
    digest = hashlib.sha256()
    for source in (DATA_DIR / "gazetteer.json", Path(__file__), Path(base.__file__)):
        digest.update(source.read_bytes())
    name = _tables.fingerprint("gazetteer", digest.hexdigest(), pycountry_version, unicodedata.unidata_version)
    return folder.parent / "gazetteer" / f"gazetteer-{name}.json"


def _write_gazetteer_cache(path: Path, matcher: KeywordMatcher[Place]) -> None:
    state = matcher.normalized_state()
    state["keys"] = [(key, [p.kind, p.cc, p.canonical, p.source, p.confidence, p.note]) for key, p in state["keys"]]
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        scratch.replace(path)  # whole or not at all: another process may be reading or writing the same file
    except OSError:  # a folder that cannot be written: the gazetteer is built at every start, as before
        with contextlib.suppress(OSError):
            scratch.unlink()


def _build_gazetteer() -> KeywordMatcher[Place]:
    data = load_data("gazetteer.json")
    entries: list[tuple[str, Place]] = []
    capitalized: list[str] = []

    def add(key: str, place: Place, cap: bool) -> None:
        entries.append((key, place))
        if cap and _is_latin(key):
            capitalized.append(key)

    for phrase in data.get("stop", []):
        add(phrase, Place(STOP, None, phrase, "gazetteer"), False)
    for airport in data["airports"]:
        place = Place(AIRPORT, airport["cc"], airport["name"], "gazetteer")
        for key in [airport["name"], *airport["aliases"]]:
            add(key, place, True)
    for cc, country in data["countries"].items():
        english = country["names"].get("en", [cc])[0]
        for names in country["names"].values():
            for key in names:
                add(key, Place(COUNTRY, cc, english, "gazetteer"), True)
        for lang, names in country["demonyms"].items():
            for key in names:
                add(key, Place(DEMONYM, cc, english, "gazetteer"), lang == "en")
        for key in country["names"].get("ta", []):
            for stem in _tamil_stems(key):
                add(stem, Place(COUNTRY, cc, english, "gazetteer"), False)
        for key in country["names"].get("ja", []):
            # Japanese demonyms are regular: スリランカ人, 中国人
            add(key + "人", Place(DEMONYM, cc, english, "gazetteer"), False)
    for cc, cities in data["cities"].items():
        for city in cities:
            place = Place(CITY, cc, city["name"], "gazetteer")
            for key in [city["name"], *city["aliases"]]:
                add(key, place, True)
                for stem in _tamil_stems(key):
                    add(stem, place, False)
    known = {normalize_key(k) for k, _ in entries}
    entries.extend(_pycountry_entries(known, capitalized))
    entries.extend(_translated_country_entries(known, capitalized))
    entries.extend(_russian_case_entries(entries, known, capitalized))
    entries.extend(_subdivision_entries(known, capitalized, data))
    # ローマ字 (romanised script), フランス語 (French), アゼルバイジャン系 (of Azerbaijani descent), バングラデシュ民族主義党
    # (a party): a katakana place name inside a compound word is none
    return KeywordMatcher(entries, capitalized=capitalized, katakana_compound_stops="字語系")


def _tamil_stems(key: str) -> list[str]:
    """Stems a Tamil case ending attaches to: ஜப்பான் -> ஜப்பானில், கொழும்பு -> கொழும்பிலிருந்து,
    யாழ்ப்பாணம் -> யாழ்ப்பாணத்தில். Other scripts: none."""
    if not key or not "\u0b80" <= key[-1] <= "\u0bff":
        return []
    stems = []
    if key.endswith("\u0bae\u0bcd"):  # final ம்
        stems.append(key[:-2])
    elif key.endswith(("\u0bcd", "\u0bc1")):  # final virama, final u-sign
        stems.append(key[:-1])
    return [s for s in stems if len(s) >= 3]


def _ascii_fold(name: str) -> str:
    """ "Şırnak" -> "Sirnak", "Tehrān" -> "Tehran": how names are often typed without their diacritics."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Subdivision names that are ordinary words, peoples or given names more often than places.
_SUBDIVISION_SKIP_WORDS = frozenset(
    [
        "centre",
        "center",
        "central",
        "north",
        "south",
        "east",
        "west",
        "nord",
        "sud",
        "est",
        "ouest",
        "northern",
        "southern",
        "eastern",
        "western",
        "capital",
        "lakes",
        "lacs",
        "montagnes",
        "savanes",
        "mountains",
        "coast",
        "coastal",
        "lagunes",
        "islands",
        "island",
        "river",
        "valley",
        "upper",
        "lower",
        "greater",
        "middle",
        "highlands",
        "lowlands",
        "plateau",
        "plateaux",
        "littoral",
        "maritime",
        "interior",
        "national",
        "district",
        "city",
        "afar",
        "somali",
        "amara",
        "amhara",
        "oromia",
        "tigrai",
        "harari",
        "sidama",
        "kachin",
        "shan",
        "chin",
        "karen",
        "mon",
        "rakhine",
        "kayin",
        "kayah",
        "mali",
        "niger",
        "chad",
        "georgia",
        "jordan",
        "guinea",
        "punjab",
        "sindh",
        "balochistan",
    ]
)


def _unclaimed(names: list[tuple[str, str, str]], known: set[str]) -> Iterator[tuple[str, str, str]]:
    """The ``(name, cc, canonical)`` whose name no other country claims and the gazetteer does not have yet. Each
    name is added to ``known`` as it is given, so what the caller adds meanwhile (demonyms) counts too."""
    by_key: dict[str, set[str]] = {}
    for name, cc, _ in names:
        by_key.setdefault(normalize_key(name), set()).add(cc)
    for name, cc, canonical in names:
        key = normalize_key(name)
        if key in known or len(by_key[key]) > 1:
            continue
        known.add(key)
        yield name, cc, canonical


def _subdivision_entries(known: set[str], capitalized: list[str], data: dict[str, object]) -> list[tuple[str, Place]]:
    """Provinces and regions (ISO 3166-2, via pycountry) in their Latin spelling, with and without diacritics.

    Only names of one or two words that are not common words (``_SUBDIVISION_SKIP_WORDS``) nor names of a
    people; matched only when capitalised. Names shared by subdivisions of two countries are left out.
    """
    import pycountry

    names: list[tuple[str, str, str]] = []
    skip_cc = {"US"}  # US states are given names and countries ("Georgia", "Washington")
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc in skip_cc:
            continue
        raw = sub.name.split(" [")[0].split(" (")[0]
        words = raw.split()
        if not 1 <= len(words) <= 3 or len(raw) < 4 or any(w.casefold() in _SUBDIVISION_SKIP_WORDS for w in words):
            continue
        for variant in {raw, _ascii_fold(raw)}:
            names.append((variant, cc, raw))
    out: list[tuple[str, Place]] = []
    for name, cc, canonical in _unclaimed(names, known):
        out.append((name, Place(CITY, cc, canonical, "pycountry")))
        capitalized.append(name)
    return out


def _pycountry_entries(known: set[str], capitalized: list[str]) -> list[tuple[str, Place]]:
    import pycountry

    out: list[tuple[str, Place]] = []
    names: list[tuple[str, str, str]] = []
    for country in pycountry.countries:
        cc = country.alpha_2
        canonical = getattr(country, "common_name", None) or country.name
        variants = {country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)}
        for name in [v for v in variants if v]:
            names.append((name, cc, canonical))
            if ", " in name:
                # "Iran, Islamic Republic of" -> "Iran", unless another country shares it ("Korea", "Congo")
                head = name.split(", ")[0]
                names.append((head, cc, canonical))
    for name, cc, canonical in _unclaimed(names, known):
        out.append((name, Place(COUNTRY, cc, canonical, "pycountry")))
        capitalized.append(name)
    return out


#: Locales whose translations of the country names (Debian iso-codes, shipped in pycountry) are added to the
#: gazetteer. Left out: Amharic (its entries are garbled: "ኂ፤ና" for China; the Tigrinya names serve Amharic text,
#: the script is the same) and Vietnamese (archaic names, one-letter "Ý").
TRANSLATED_NAME_LOCALES = (
    *("ar", "fa", "ps", "ur", "ckb", "ru", "ne", "hi", "bn", "si", "ta", "my", "km", "zh_CN", "zh_TW", "ja"),
    *("ti", "so", "tr", "id", "fil", "es", "fr"),
)
_MYANMAR_COUNTRY = "\u1014\u102d\u102f\u1004\u103a\u1004\u1036"  # နိုင်ငံ, "country", after a Burmese name


def _translated_names(translated: str) -> list[str]:
    """The names a translated country name is written as: "ایران، جمهوری اسلامی" -> "ایران", "大韓民国 (韓国)" ->
    both, "အီတလီနိုင်ငံ" -> also "အီတလီ"."""
    names = []
    for part in re.split(r"[(（]", translated):
        part = part.strip(" )）")
        head = re.split(r"[,،]", part)[0].strip()
        names += [n for n in dict.fromkeys((part, head)) if n]
    names += [n[: -len(_MYANMAR_COUNTRY)] for n in names if n.endswith(_MYANMAR_COUNTRY)]
    return [n for n in names if _safe_translated_key(n)]


_ETHIOPIC_PREFIXES = "በከየለ"  # "in", "from", "of", "to": a short name starting with one reads as a prefixed word


def _safe_translated_key(name: str) -> bool:
    """Is a translated country name long enough to be matched without a curator's eye? Short names collide with
    words: Arabic-script roots of three letters ("کره" Korea / "كره" hatred), and in the scripts whose case
    endings attach (Tamil, Sinhala, Myanmar, Ethiopic) a short name is the start of many words ("பெரு" Peru /
    "பெருநிலம்" mainland, "የመን" Yemen / "የመንግስት" of the government)."""
    first = name[0]
    if is_unspaced(first) and not is_agglutinating(first):
        return len(name) >= 2  # 中国, 日本
    if is_arabic_script(first):
        return len(name.replace(" ", "")) >= 4
    if "\u1200" <= first <= "\u139f":  # Ethiopic: one code point a syllable
        return len(name) >= 4 or (len(name) == 3 and first not in _ETHIOPIC_PREFIXES)
    if is_agglutinating(first):
        return len(name) >= 5
    return len(name) >= 3


def _translated_country_entries(known: set[str], capitalized: list[str]) -> list[tuple[str, Place]]:
    """Country names in the ``TRANSLATED_NAME_LOCALES``, from the iso-codes translations pycountry ships
    ("Китай", "चीन", "ቻይና", "Cina"), where the curated gazetteer has no entry. A name two countries share is
    left out; Latin-script names match only when capitalised."""
    import gettext

    import pycountry

    countries = []
    for country in pycountry.countries:
        variants = (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None))
        english = getattr(country, "common_name", None) or country.name
        countries.append((country.alpha_2, english, [str(v) for v in dict.fromkeys(variants) if v]))
    names: list[tuple[str, str, str]] = []
    for locale in TRANSLATED_NAME_LOCALES:
        try:
            translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale]).gettext
        except OSError:
            continue
        for cc, english, sources in countries:
            for source in sources:
                translated = translate(source)
                if translated != source:
                    names += [(name, cc, english) for name in _translated_names(translated)]
    out: list[tuple[str, Place]] = []
    for name, cc, english in _unclaimed(names, known):
        out.append((name, Place(COUNTRY, cc, english, "pycountry")))
        if name[0].isupper():  # Latin or Cyrillic: "Того" is Togo, "того" the word
            capitalized.append(name)
        for demonym in _translated_demonyms(name):
            if normalize_key(demonym) not in known:
                known.add(normalize_key(demonym))
                out.append((demonym, Place(DEMONYM, cc, english, "pycountry")))
    return out


_HUSHING = "кгхжшчщ"  # after these Russian writes и, not ы


def _russian_noun_forms(word: str) -> list[str]:
    """Genitive, dative, accusative, instrumental and prepositional of a Russian place noun in the singular:
    "Италия" -> "Италии", "Италию", "Италией"; "Китай" -> "Китая", "Китае", "Китаю", "Китаем"; "Иран" -> "Ирана"..."""
    if word.endswith("ия"):
        stem = word[:-1]
        return [stem + "и", stem + "ю", stem + "ей"]
    if word.endswith("я"):
        stem = word[:-1]
        return [stem + "и", stem + "е", stem + "ю", stem + "ей"]
    if word.endswith("а"):
        stem = word[:-1]
        return [stem + ("и" if stem[-1:] in _HUSHING else "ы"), stem + "е", stem + "у", stem + "ой"]
    if word.endswith("й"):
        stem = word[:-1]
        return [stem + "я", stem + "е", stem + "ю", stem + "ем"]
    if word[-1:].isalpha() and word[-1] not in "аеёиоуыэюяь":
        return [word + "а", word + "е", word + "у", word + "ом"]
    return []


def _russian_case_forms(name: str) -> list[str]:
    """The oblique cases of a Russian country or city name of one noun ("Китай"), or of an adjective in -ая and a
    noun ("Южная Корея" -> "Южной Кореи", "Южной Корее", "Южную Корею", "Южной Кореей")."""
    words = name.split()
    if len(words) == 1:
        return _russian_noun_forms(name)
    if len(words) == 2 and words[0].endswith("ая") and words[1].endswith(("а", "я")):
        adjective, noun = words[0][:-2], words[1]
        genitive, *rest = _russian_noun_forms(noun)
        forms = [f"{adjective}ой {genitive}"]
        for form in rest:
            forms.append(f"{adjective}{'ую' if form.endswith(('у', 'ю')) else 'ой'} {form}")
        return forms
    return []


def _russian_case_entries(
    entries: Sequence[tuple[str, Place]], known: set[str], capitalized: list[str]
) -> list[tuple[str, Place]]:
    """Russian case forms of the Cyrillic country and city names gathered so far ("в Китае", "из Италии"): Russian
    writes a place in six cases and the gazetteer lists the nominative. Only capitalised, like the names."""
    out: list[tuple[str, Place]] = []
    for name, place in list(entries):
        if place.kind not in (COUNTRY, CITY) or not ("\u0410" <= name[:1] <= "\u042f" or name[:1] == "Ё"):
            continue
        for form in _russian_case_forms(name):
            for variant in dict.fromkeys((form, form.replace("ё", "е"))):
                key = normalize_key(variant)
                if key in known:
                    continue
                known.add(key)
                out.append((variant, place))
                capitalized.append(variant)
    return out


def _translated_demonyms(name: str) -> list[str]:
    """People named after a country in scripts where the word is the name plus a suffix: Chinese "俄罗斯人",
    Burmese "ဟန်ဂေရီလူမျိုး", Ethiopic "ቻይናውያን": matched as demonyms, so that they are no place."""
    first = name[0]
    if is_unspaced(first) and not is_agglutinating(first) and not is_katakana(first):
        return [name + "人"]
    if "\u1000" <= first <= "\u109f":
        return [name + "\u101c\u1030\u1019\u103b\u102d\u102f\u1038"]  # လူမျိုး
    if "\u1200" <= first <= "\u139f":
        return [name + "ውያን", name + "ዉያን", name + "ዊ", name + "ዉን"]
    return []


@lru_cache(maxsize=1)
def _alpha_codes() -> dict[str, str]:
    """ISO alpha-3 and alpha-2 codes -> alpha-2 (and ICAO's ``D`` for Germany)."""
    import pycountry

    codes: dict[str, str] = {"D": "DE"}
    for country in pycountry.countries:
        codes[country.alpha_3] = country.alpha_2
        codes[country.alpha_2] = country.alpha_2
    return codes


def alpha2_for_code(code: str) -> str | None:
    """Alpha-2 for an ISO 3166 alpha-2/alpha-3 (or ICAO ``D``) code; ``None`` if unknown (e.g. ``UTO``)."""
    return _alpha_codes().get(code.strip("<").upper())


def country_name(cc: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=cc)
    if country is None:
        return cc
    return str(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=1)
def _ethnic_words() -> re.Pattern[str]:
    """The English names of the ethnic groups the identity rules know, as one pattern (capitalized words)."""
    names: set[str] = set()
    for canonical, words in load_data("identity_cues.json")["ethnicities"].items():
        names.update(w for w in (canonical, *words) if w.isascii() and len(w) >= 3 and " " not in w)
    names.add("Kurd")
    alternation = "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))
    return re.compile(rf"[ \t]+(?:{alternation})s?\b", re.I)


def _ethnic_group_after(text: str, end: int) -> int:
    """End of an ethnic group's name right after ``end`` ("Iraqi[ Kurd]"), else 0."""
    m = _ethnic_words().match(text, end)
    return m.end() if m else 0


def find_places(text: str) -> list[Hit[Place]]:
    """Gazetteer hits (countries, cities, airports, demonyms) in ``text``, stop phrases removed."""
    return [h for h in gazetteer().find(NormText(text)) if h.payload.kind != STOP]


# --------------------------------------------------------------------------------------------
# Cues
# --------------------------------------------------------------------------------------------

BORN_SENTENCE = "born_sentence"
NAT, NAT_AFTER, IAM, IAM_AFTER, ORIGIN, ORIGIN_AFTER, ENTRY, ENTRY_AFTER, PORT_LABEL, TRAVEL, BORN = (
    "nat",
    "nat_after",
    "iam",
    "iam_after",
    "origin",
    "origin_after",
    "entry",
    "entry_after",
    "port_label",
    "travel",
    "born",
)
FROM, TO, VIA = "from", "to", "via"
MOVE = "move"  # verbs of a journey: "flew", "crossed", "giriş yaptım", "に上陸"

_PLACE_CUES = load_data("place_cues.json")
_CUES: dict[str, list[str]] = _PLACE_CUES["cues"]
# Prepositions that order a travel route; checked right before a place (or right after, for Japanese).
_ROUTE_BEFORE: dict[str, list[str]] = _PLACE_CUES["route_before"]
_ROUTE_AFTER: dict[str, list[str]] = _PLACE_CUES["route_after"]


def _cue_matcher() -> KeywordMatcher[str]:
    return KeywordMatcher([(w, kind) for kind, words in _CUES.items() for w in words])


_CUE_MATCHER = _cue_matcher()
# a word listed as a journey verb counts as one whatever other kind the matcher gave it ("هربت" is also TRAVEL)
_MOVE_WORDS = frozenset(normalize_key(w) for w in _CUES["move"])
# arrival words that also describe visits and labels: "agents came to my shop", "Arrival:"
_WEAK_MOVES = frozenset(
    normalize_key(w) for w in ("came to", "came into", "arrival", "arrivée", "border crossing", "معبر", "vine")
)
_SELF_FROM = re.compile(r"(?i)\b(?:i am|i'm|we are|je suis|nous sommes)\b[^.?!\n]{0,40}?\b(?:from|de|du|d')\s*$")
_AIRPORT_RES = [
    re.compile(r"(?:[A-Z][\w'’.\-]*\s+){1,4}(?:International\s+)?Airport\b"),
    re.compile(
        r"\ba[ée]roport\s+(?:international\s+)?(?:de\s+|d['’]\s*)?[A-Z][\w'’\-]*(?:[\s\-][A-Z][\w'’\-]*){0,3}", re.I
    ),
    re.compile(r"[\u30A0-\u30FF・]{2,15}(?:国際)?空港"),
    re.compile(r"مطار\s+[\u0600-\u06FF]+(?:\s+الدولي)?"),
    re.compile(r"فرودگاه\s+(?:بین[\s\u200c]?المللی\s+)?[\u0600-\u06FF]+"),
    # border crossings: "Kapıköy sınır kapısı", "معبر جيلوه غوزو"; Sinhala airports "... ගුවන් තොටුපළට"
    re.compile(r"(?:[A-ZÇĞİÖŞÜ][\wçğıöşü]+\s+){1,2}[Ss]ınır\s+[Kk]apısı"),
    re.compile(
        r"معبر\s+[\u0600-\u06FF]+(?:\s+(?!(?:إلى|الى|في|من|عبر|مع|ثم|على|عام|سنة|بتاريخ|يوم)(?!\w))[\u0600-\u06FF]+){0,2}"
    ),
    re.compile(r"[\u0D80-\u0DFF\u200d]+\s+ගුවන්\s+තොටුපළ[\u0D80-\u0DFF\u200d]*"),
    # Dari "میدان هوایی کابل", Urdu "لاہور ایئرپورٹ" / "... ہوائی اڈے", Tamil "சென்னை விமான நிலையம்",
    # Burmese "ရန်ကုန် လေဆိပ်", Turkish "İstanbul Havalimanı", seaports and border posts
    re.compile(r"میدان[\s\u200c]+(?:هوایی|هوائی)\s+(?:بین[\s\u200c]?المللی\s+)?[\u0600-\u06FF]+"),
    re.compile(r"(?:[\u0600-\u06FF]+\s+){1,2}(?:انٹرنیشنل\s+)?(?:ایئرپورٹ|ائیرپورٹ|ایئر\s+پورٹ|ہوائی\s+اڈ[ےہا])"),
    re.compile(r"[\u0B80-\u0BFF]+\s+(?:சர்வதேச\s+)?விமான\s*நிலைய[\u0B80-\u0BFF]*"),
    re.compile(r"[\u1000-\u109F]+\s*(?:အပြည်ပြည်ဆိုင်ရာ\s*)?လေဆိပ်"),
    re.compile(r"(?:[A-ZÇĞİÖŞÜ][\wçğıöşü]+\s+){1,2}Hava(?:limanı|alanı)\w*"),
    re.compile(
        r"\b(?:port|seaport)\s+of\s+[A-Z][\w'’\-]+|\b[A-Z][\w'’\-]+\s+(?:border\s+crossing|border\s+post|seaport)\b"
    ),
    re.compile(r"\b(?:port|poste[\s\-]frontière)\s+(?:de\s+|d['’]\s*)[A-Z][\w'’\-]+"),
    re.compile(r"گذرگاه\s+مرزی\s+[\u0600-\u06FF]+"),
    re.compile(r"(?:ميناء|منفذ)\s+[\u0600-\u06FF]+"),
]


# --------------------------------------------------------------------------------------------
# The extractor
# --------------------------------------------------------------------------------------------


def _gap_text(text: str, a: int, b: int) -> str:
    return text[a:b] if a <= b else ""


def _only_filler(gap: str, max_len: int) -> bool:
    """A short gap of spaces, punctuation and articles between a cue and a place."""
    if len(gap) > max_len:
        return False
    stripped = re.sub(
        r"(?i)(?:\b(?:the|a|an|le|la|les|l'|du|de|d'|des|is|was|my|his|her|:)\b|(?<!\w)(?:من|ام|هي|هو)(?!\w))", " ", gap
    )
    return all(not c.isalnum() or c in "はの" for c in stripped) or gap.strip() in {"は", "の", "：", ":", "-"}


class PlaceExtractor:
    """Gazetteer-based places and their roles; see the module docstring."""

    name = NAME

    def __init__(self) -> None:
        self.model = rules_model(NAME)
        gazetteer()  # build now, not on the first page

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        text = page.text
        if not text.strip():
            return []
        nt = NormText(text)
        places = [
            h for h in gazetteer().find(nt) if h.payload.kind != STOP and not _not_a_place_here(text, h, language)
        ]
        cues = _CUE_MATCHER.find(nt)
        places = self._with_generic_airports(text, places)
        places = _with_local_places(text, places, language)
        spans = sentence_spans(text)
        out: list[FactCandidate] = []
        used: set[int] = set()  # indexes of places already reported with a role

        self._origin_cache: dict[int, Hit[str]] = {}
        out.extend(self._nationality_codes(text, cues))
        for i, hit in enumerate(places):
            sentence = sentence_at(spans, hit.start, hit.end)
            result = self._role(text, hit, places, cues, sentence)
            if result is not None:
                out.append(result)
                used.add(i)
        out.extend(self._ports(text, places, cues, spans, used))
        out.extend(self._origin_mentions(text, places, out, used, spans))
        out.extend(self._routes(text, places, cues, spans))
        out.extend(self._plain_places(text, places, cues, spans, used))
        return out

    def _origin_mentions(
        self,
        text: str,
        places: list[Hit[Place]],
        found: list[FactCandidate],
        used: set[int],
        spans: Sequence[tuple[int, int]] = (),
    ) -> list[FactCandidate]:
        """Every other mention, by name, of the country the page says the applicant comes from.

        The country of origin is the one a cue named ("I fled Syria", "Country of origin: Eritrea"); failing
        that, the stated nationality. A plain mention of it ("I left Afghanistan", "if I return to Iran") is
        then that country of origin, at a lower confidence.
        """
        origins = [c for c in found if c.field is FactField.COUNTRY_OF_ORIGIN and c.normalized]
        source = "the country of origin named"
        base_conf = 0.6
        if not origins:
            origins = [c for c in found if c.field is FactField.NATIONALITY and c.normalized]
            source = "the applicant's stated nationality"
            base_conf = 0.5
            if any(_ORIGIN_WORDS.search(text[h.start - 40 if h.start > 40 else 0 : h.start]) for h in places):
                return []  # the page names an origin this extractor could not place: nationality may differ
        if not origins:
            return []
        # the host country (where the applicant entered) is not the country fled
        hosts = {c.normalized for c in found if c.field is FactField.PORT_OF_ENTRY and c.normalized}
        counts: dict[str, float] = {}
        for c in origins:
            counts[c.normalized or ""] = counts.get(c.normalized or "", 0.0) + c.confidence
        cc = max(counts, key=lambda k: counts[k])
        if len(counts) > 1 and sorted(counts.values())[-2] >= counts[cc] * 0.8:
            return []  # two countries of origin: no way to tell which one a plain mention means
        out: list[FactCandidate] = []
        for i, hit in enumerate(places):
            if i in used or hit.payload.kind != COUNTRY or hit.payload.cc != cc:
                continue
            if any(f.start < hit.end and hit.start < f.end for f in found) or cc in hosts:
                continue
            if spans:
                a, b = sentence_at(spans, hit.start, hit.end)
                others = {h.payload.cc for h in places if a <= h.start < b and h.payload.kind == COUNTRY}
                if len(others - {cc, None}) >= 1:
                    continue  # a journey through several countries: the origin is named with a cue, if at all
            if _in_a_name(text, hit.start, hit.end):
                continue  # "Tehreek-e-Labbaik Pakistan", "Pakistan Peoples Party"
            used.add(i)
            out.append(
                candidate(
                    text,
                    FactField.COUNTRY_OF_ORIGIN,
                    hit.start,
                    hit.end,
                    cc,
                    base_conf if hit.key not in _AMBIGUOUS else base_conf - 0.15,
                    self.model,
                    f"'{text[hit.start : hit.end]}' is {source} elsewhere on the page",
                    [("place_type", COUNTRY), ("country", country_name(cc))],
                )
            )
        return out

    # -- roles -------------------------------------------------------------------------------
    def _role(
        self, text: str, hit: Hit[Place], places: list[Hit[Place]], cues: list[Hit[str]], sentence: tuple[int, int]
    ) -> FactCandidate | None:
        place = hit.payload
        if place.kind == AIRPORT:
            return None
        a, b = sentence
        before = [
            c for c in cues if a <= c.start and c.end <= hit.start and not _place_between(places, c.end, hit.start)
        ]
        after = [c for c in cues if c.start >= hit.end and c.end <= b and not _place_between(places, hit.end, c.start)]
        label = f"'{text[hit.start : hit.end]}'"

        def cue_before(kinds: set[str], max_gap: int) -> Hit[str] | None:
            for c in reversed(before):
                if c.payload in kinds and _only_filler(_gap_text(text, c.end, hit.start), max_gap):
                    return c
            return None

        def cue_after(kinds: set[str], max_gap: int) -> Hit[str] | None:
            for c in after:
                if c.payload in kinds and _only_filler(_gap_text(text, hit.end, c.start), max_gap):
                    return c
            return None

        attrs = [("place_type", CITY if place.kind == CITY else COUNTRY)]
        if place.kind in (COUNTRY, DEMONYM):
            # "Afghan national", "a Syrian national of ..." (the longer cue "national of" is a NAT cue)
            nat = cue_before({NAT}, 12) or cue_after({NAT_AFTER} | ({NAT} if place.kind == DEMONYM else set()), 3)
            if nat is not None and nat.payload == NAT_AFTER and place.kind == COUNTRY and text[nat.start].isascii():
                nat = None  # "PAKISTAN - NATIONAL IDENTITY CARD" is a title; "Pakistani national" a nationality
            if nat is None:
                nat = _label_above(text, hit, cues, {NAT})
            if nat is not None:
                cue = text[nat.start : nat.end]
                conf = 0.9 if nat.payload == NAT else 0.85
                return candidate(
                    text,
                    FactField.NATIONALITY,
                    hit.start,
                    hit.end,
                    place.cc,
                    conf,
                    self.model,
                    f"{label} next to '{cue}'",
                    [("country", place.canonical)],
                )
        if place.kind == DEMONYM and text[hit.start].isupper() and _ethnic_group_after(text, hit.end):
            # "an Iraqi Kurd", "a Sri Lankan Tamil", "an Afghan Hazara": citizenship said with the people
            return candidate(
                text,
                FactField.NATIONALITY,
                hit.start,
                hit.end,
                place.cc,
                0.75,
                self.model,
                f"{label} before an ethnic group ('{text[hit.end : _ethnic_group_after(text, hit.end)].strip()}')",
                [("country", place.canonical)],
            )
        if place.kind == DEMONYM:
            iam = cue_before({IAM}, 3) or cue_after({IAM_AFTER}, 1)
            if iam is not None:
                cue = text[iam.start : iam.end]
                return candidate(
                    text,
                    FactField.NATIONALITY,
                    hit.start,
                    hit.end,
                    place.cc,
                    0.8,
                    self.model,
                    f"applicant states {label} ('{cue}')",
                    [("country", place.canonical)],
                )
            return None
        origin = cue_before({ORIGIN}, 14) or cue_after({ORIGIN_AFTER}, 1) or _label_above(text, hit, cues, {ORIGIN})
        if place.kind != COUNTRY:
            # a city the applicant fled is a place; a country in apposition to it is the country of origin
            if origin is None:
                m = _SELF_FROM.search(text[a : hit.start])
                if m is not None:
                    origin = Hit(a + m.start(), a + m.start() + len(m.group().rstrip()), m.group(), ORIGIN)
            if origin is not None:
                self._origin_cache[hit.start] = origin
            return None
        if origin is None:
            # "I am a Tamil from Jaffna", "je suis kurde de Syrie": a self-description ending in "from"
            m = _SELF_FROM.search(text[a : hit.start])
            if m is not None:
                origin = Hit(a + m.start(), a + m.start() + len(m.group().rstrip()), m.group(), ORIGIN)
        if origin is None:
            # "from Jaffna, Sri Lanka": a country in apposition to an origin city
            prev = [p for p in places if p.end <= hit.start and p.start >= a]
            if prev and re.fullmatch(r",\s*|\s*\(\s*|،\s*", text[prev[-1].end : hit.start]):
                prev_origin = self._origin_cache.get(prev[-1].start)
                if prev_origin is not None:
                    origin = prev_origin
        if origin is None and "از" in text[max(a, hit.start - 4) : hit.start]:
            # Persian "از افغانستان فرار کردم": "from" before, "fled" after
            flee = [c for c in after if text[c.start : c.end] in ("فرار",) and c.start - hit.end < 30]
            if flee:
                origin = flee[0]
        if origin is None and place.kind == COUNTRY:
            # "I was born in Jaffna, in the Northern Province of Sri Lanka": the country of birth
            born = [c for c in cues if c.payload == BORN_SENTENCE and a <= c.start and c.end <= b]
            if born and not any(c.payload in (TRAVEL, ENTRY, ENTRY_AFTER) for c in cues if a <= c.start and c.end <= b):
                cue = text[born[0].start : born[0].end]
                return candidate(
                    text,
                    FactField.COUNTRY_OF_ORIGIN,
                    hit.start,
                    hit.end,
                    place.cc,
                    0.65,
                    self.model,
                    f"{label}: country named with the birth ('{cue}')",
                    [*attrs, ("country", country_name(place.cc or "")), ("context", "country_of_birth")],
                )
        if origin is not None:
            self._origin_cache[hit.start] = origin
            cue = text[origin.start : origin.end]
            labelled = cue.casefold() in {"country of origin", "pays d'origine", "出身国", "بلد الأصل", "کشور مبدأ"}
            conf = 0.9 if labelled else 0.75
            if place.kind == CITY:
                conf -= 0.1
            return candidate(
                text,
                FactField.COUNTRY_OF_ORIGIN,
                hit.start,
                hit.end,
                place.cc,
                conf,
                self.model,
                f"{label} next to '{cue}'",
                [*attrs, ("country", country_name(place.cc or ""))],
            )
        return None

    def _nationality_codes(self, text: str, cues: list[Hit[str]]) -> list[FactCandidate]:
        """``Nationality: LKA`` - an ISO code right after a nationality label."""
        out: list[FactCandidate] = []
        for cue in cues:
            if cue.payload != NAT:
                continue
            m = re.match(r"[\s:：\-]{1,4}([A-Z]{2,3})(?![\w])", text[cue.end : cue.end + 10])
            if m is None:
                continue
            cc = alpha2_for_code(m.group(1))
            if cc is None:
                continue
            start = cue.end + m.start(1)
            out.append(
                candidate(
                    text,
                    FactField.NATIONALITY,
                    start,
                    start + len(m.group(1)),
                    cc,
                    0.8,
                    self.model,
                    f"country code after '{text[cue.start : cue.end]}'",
                    [("country", country_name(cc))],
                )
            )
        return out

    def _with_generic_airports(self, text: str, places: list[Hit[Place]]) -> list[Hit[Place]]:
        """Add airports the gazetteer does not know ("Mehrabad Airport"), country from a name inside."""
        extra: list[Hit[Place]] = []
        for pattern in _AIRPORT_RES:
            for m in pattern.finditer(text):
                start, end = m.start(), m.end()
                while start < end and text[start].isspace():
                    start += 1
                if any(h.start < end and h.end > start and h.payload.kind == AIRPORT for h in places + extra):
                    continue
                inner = [h for h in places if h.start >= start and h.end <= end]
                cc = next((h.payload.cc for h in inner), None)
                extra.append(
                    Hit(start, end, normalize_key(text[start:end]), Place(AIRPORT, cc, text[start:end], "pattern"))
                )
        if not extra:
            return places
        kept = [h for h in places if not any(e.start <= h.start and h.end <= e.end for e in extra)]
        return sorted(kept + extra, key=lambda h: h.start)

    def _ports(
        self, text: str, places: list[Hit[Place]], cues: list[Hit[str]], spans: list[tuple[int, int]], used: set[int]
    ) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for i, hit in enumerate(places):
            if i not in used and hit.payload.kind in (AIRPORT, CITY):
                by_sentence.setdefault(sentence_at(spans, hit.start, hit.end), []).append(i)
        for (a, b), indexes in by_sentence.items():
            entry = [c for c in cues if a <= c.start and c.end <= b and c.payload in (ENTRY, ENTRY_AFTER, PORT_LABEL)]
            best: tuple[int, int, Hit[str]] | None = None  # (distance, index, cue)
            for i in indexes:
                above = _label_above(text, places[i], cues, {PORT_LABEL})  # "Port of entry\nمطار هانيدا"
                if above is not None:
                    best = (0, i, above)
            if not entry and best is None:
                # "I flew from Nairobi to OR Tambo International Airport": the airport the journey ended at
                moves = [c for c in cues if a <= c.start and c.end <= b and c.key in _MOVE_WORDS]
                last = [i for i in indexes if places[i].payload.kind == AIRPORT]
                if (
                    moves
                    and last
                    and _TO_PREP.search(text[max(a, places[last[-1]].start - 8) : places[last[-1]].start])
                ):
                    entry = [Hit(moves[0].start, moves[0].end, moves[0].key, ENTRY)]
                    indexes = last[-1:]
                else:
                    continue
            for i in indexes:
                hit = places[i]
                if text[hit.start : hit.end].endswith(_FROM_ENDINGS):
                    continue  # "කටුනායක ගුවන් තොටුපළෙන්", "கொழும்பிலிருந்து": the place left, not entered
                for cue in entry:
                    if cue.payload in (ENTRY, PORT_LABEL) and cue.end <= hit.start:
                        distance = hit.start - cue.end
                    elif cue.payload == ENTRY_AFTER and cue.start >= hit.end:
                        distance = cue.start - hit.end
                    elif cue.payload == ENTRY_AFTER and hit.start < cue.start < hit.end <= cue.end:
                        distance = 0  # the arrival ending is part of the name: "මෙල්බර්න් ගුවන් තොටුපළට"
                    else:
                        continue
                    # A city is a port only right after "arrived at/in" (or after "at"/"à" further on: "arrived in
                    # the United Kingdom at Dover"); an airport anywhere close.
                    limit = 120 if hit.payload.kind == AIRPORT else 4
                    if hit.payload.kind == CITY and _PORT_PREP.search(text[max(a, hit.start - 8) : hit.start]):
                        limit = 45
                    if hit.payload.kind == CITY and cue.payload == ENTRY and _TO_GAP.match(text[cue.end : hit.start]):
                        limit = 30  # "ووصلت بالقارب إلى جزيرة لامبيدوزا": arrived by boat at ...
                    if hit.payload.kind == CITY and cue.payload == ENTRY_AFTER:
                        gap = text[hit.end : cue.start]
                        if gap.strip() in _POSTPOSITIONS or _TR_ABLATIVE.match(gap):
                            limit = len(gap)  # "ပင်နန်ကျွန်းသို့ ရောက်ရှိ", "Van'dan Türkiye'ye girdim"
                    # several candidates: the nearest; among near ones, the last (the journey ends there)
                    rank = 0 if distance <= 4 else distance
                    if distance <= limit and (best is None or rank <= (0 if best[0] <= 4 else best[0])):
                        best = (distance, i, cue)
            if best is None:
                continue
            _, i, cue = best
            hit = places[i]
            place = hit.payload
            if cue.payload == PORT_LABEL:
                conf = 0.9
            elif place.kind == AIRPORT:
                conf = 0.85 if place.source == "gazetteer" else 0.7
            else:
                conf = 0.6
            used.add(i)
            attrs = [("place_type", "airport" if place.kind == AIRPORT else CITY)]
            if place.cc:
                attrs += [("country_code", place.cc), ("country", country_name(place.cc))]
            # The port is named canonically ("Narita International Airport" for 成田空港 / فرودگاه ناریتا)
            canonical = place.canonical if place.source != "pattern" else " ".join(place.canonical.split())
            out.append(
                candidate(
                    text,
                    FactField.PORT_OF_ENTRY,
                    hit.start,
                    hit.end,
                    canonical,
                    conf,
                    self.model,
                    f"'{text[hit.start : hit.end]}' in a sentence about arriving ('{text[cue.start : cue.end]}')",
                    attrs,
                )
            )
        if any(dict(c.attributes).get("place_type") == "airport" for c in out):
            # "...arrived in Nagoya. I entered Japan at Chubu Centrair Airport": the airport is the port
            out = [c for c in out if dict(c.attributes).get("place_type") == "airport"]
        return out

    def _routes(
        self, text: str, places: list[Hit[Place]], cues: list[Hit[str]], spans: list[tuple[int, int]]
    ) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        for a, b in spans:
            named = [h for h in places if a <= h.start and h.end <= b and h.payload.kind != DEMONYM]
            in_sentence = [h for h in named if h.payload.cc]
            travel = [
                c for c in cues if a <= c.start and c.end <= b and c.payload in (TRAVEL, ENTRY, ENTRY_AFTER, ORIGIN)
            ]
            moves = [
                c
                for c in cues
                if a <= c.start
                and c.end <= b
                and (c.payload in (MOVE, ENTRY, ENTRY_AFTER) or c.key in _MOVE_WORDS)
                and c.key not in _WEAK_MOVES
            ]
            nat = [c for c in cues if a <= c.start and c.end <= b and c.payload in (NAT, PORT_LABEL)]
            if nat or _is_question(text, a, b):
                continue
            chain = _order_route(text, in_sentence)
            # each country once, in the order first reached ("crossed into Pakistan at Spin Boldak" names
            # a border town of the country just left)
            codes = list(dict.fromkeys(cc for cc in chain if cc))
            if len(set(codes)) >= 2 and travel:
                conf = 0.75 if len(codes) >= 3 else 0.7
            elif named and moves and not _FORM_LINE.match(text, a):
                # one country, or places the gazetteer does not place: a sentence with a verb of the journey
                # ("I entered Japan at Narita Airport", "成田空港から本邦に上陸しました")
                travel = moves
                conf = 0.55
            else:
                continue
            cue_words = ", ".join(sorted({text[c.start : c.end] for c in travel})[:3])
            out.append(
                candidate(
                    text,
                    FactField.TRAVEL_ROUTE,
                    a,
                    b,
                    ">".join(codes),
                    conf,
                    self.model,
                    f"sentence about travel ('{cue_words}') naming {len(codes)} countries in this order",
                    [
                        ("countries", ", ".join(country_name(c) for c in codes)),
                        (
                            "places",
                            " > ".join(dict.fromkeys(h.payload.canonical for h in _ordered_hits(text, in_sentence))),
                        ),
                    ],
                )
            )
        return out

    def _plain_places(
        self, text: str, places: list[Hit[Place]], cues: list[Hit[str]], spans: list[tuple[int, int]], used: set[int]
    ) -> list[FactCandidate]:
        out: list[FactCandidate] = []
        seen: set[tuple[str, str]] = set()
        for i, hit in enumerate(places):
            place = hit.payload
            if i in used or place.kind == DEMONYM:
                continue
            if place.kind == COUNTRY and is_arabic_script(text[hit.start]) and _in_a_name(text, hit.start, hit.end):
                continue  # "اردوی ملی افغانستان" is an army, not a place
            key = (place.kind, place.canonical.casefold())
            repeated = key in seen
            seen.add(key)
            conf = {COUNTRY: 0.8, CITY: 0.75, AIRPORT: 0.75}.get(place.kind, 0.6)
            if place.source == "pycountry":
                conf -= 0.05
            if place.source == "local":
                conf = place.confidence
            if hit.key in _AMBIGUOUS:
                conf = 0.5
            if repeated:
                conf -= 0.05  # every mention is cited; a repetition adds no new fact
            place_type = {COUNTRY: "country", CITY: "city", AIRPORT: "airport"}.get(place.kind, "country")
            attrs = [("place_type", place_type)]
            if place.kind != COUNTRY:
                attrs.append(("name", place.canonical))
            if place.cc:
                attrs.append(("country", country_name(place.cc)))
            note = f"{place_type} in the gazetteer" if place.source != "pattern" else "airport named in the text"
            if place.source == "local":
                note = f"not in the gazetteer: {place.note}"
            a, _ = sentence_at(spans, hit.start, hit.end)
            born = [
                c for c in cues if c.payload == BORN and a <= c.start and c.end <= hit.start and hit.start - c.end <= 4
            ]
            if born:
                attrs.append(("context", "place_of_birth"))
                note += f"; after '{text[born[-1].start : born[-1].end]}'"
            out.append(candidate(text, FactField.PLACE, hit.start, hit.end, place.cc, conf, self.model, note, attrs))
        return out


_APPOSITION = re.compile(
    rf"(?<![\w'’-])([{_UP}][\w]*(?:-[\w]+)*)(?:,[ \t]*(?:en|au|in|aux)[ \t]+|,[ \t]*|[ \t]*\([ \t]*)$"
)
_KATAKANA_RUN = re.compile(r"[\u30A0-\u30FF]{2,}")


def _with_local_places(text: str, places: list[Hit[Place]], language: str) -> list[Hit[Place]]:
    """Add places named by their context (``local_places``): a place noun, a verb, a country in apposition."""
    extra: list[Hit[Place]] = []
    taken = [(h.start, h.end) for h in places]

    def add(start: int, end: int, cc: str | None, conf: float, note: str) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        value = text[start:end]
        extra.append(Hit(start, end, normalize_key(value), Place(CITY, cc, value, "local", conf, note)))

    for hit in places:
        if hit.payload.kind not in (COUNTRY, CITY) or not hit.payload.cc:
            continue
        # "Labé, en Guinée", "Korhogo (Côte d'Ivoire)": an unknown name just before a known country or region
        m = _APPOSITION.search(text[max(0, hit.start - 40) : hit.start])
        if m is not None:
            word = m.group(1)
            start = hit.start - len(m.group(0))
            before = text[max(0, start - 30) : start]
            prev_word = re.search(r"(\S+)[ \t]*$", before)
            prev_ok = prev_word is None or not prev_word.group(1)[0].isupper() or prev_word.group(1)[-1] in ",:;("
            if (
                word.casefold() not in _LOCAL_STOP
                and prev_ok
                and not word.isupper()
                and not _common_word(word, language)
            ):
                add(start, start + len(word), hit.payload.cc, 0.55, f"a name next to '{hit.payload.canonical}'")
        # "タイのバンコク", "イランのタブリーズ": a katakana name after a country and の
        if text[hit.end : hit.end + 1] == "の":
            k = _KATAKANA_RUN.match(text, hit.end + 1)
            if k is not None and text[k.end() : k.end() + 1] not in ("人", "語", "系"):
                add(k.start(), k.end(), hit.payload.cc, 0.6, f"a name after '{text[hit.start : hit.end]}の'")
    for lp in find_local_places(text, taken, language):
        add(lp.start, lp.end, lp.cc, lp.confidence, lp.note)
    if not extra:
        return places
    return sorted(places + extra, key=lambda h: h.start)


# Sinhala and Tamil ablative endings ("from"): a place with one is where a journey started
_FROM_ENDINGS = ("\u0dd9\u0db1\u0dca", "\u0bbf\u0bb2\u0bbf\u0bb0\u0bc1\u0ba8\u0bcd\u0ba4\u0bc1", "இருந்து")
_PORT_PREP = re.compile(
    r"(?i)(?:\bat|\bà|\bvia|\bthrough|عبر|از طریق|از مرز|جزيرة|\bisland of|\bîle de)\s+(?:the\s+)?$"
)
_TO_PREP = re.compile(r"(?i)(?:\bto|\bà|إلى|الى|(?<!\w)به)\s+(?:the\s+|l['’]\s*)?$")
# between an arrival verb and the place: a means of transport and "to" ("arrived by boat to", "وصلت بالقارب إلى")
_TO_GAP = re.compile(r"\s+(?:\S+\s+){0,2}(?:to|à|en|إلى|الى|به)\s+$")
# postpositions between a place and an arrival verb: "သို့" (to), "に", "へ"
_POSTPOSITIONS = frozenset({"သို့", "に", "へ", "まで", "ට", "க்கு"})
# Turkish "Van'dan Türkiye'ye girdim": the ablative (entered from/through), then the country entered
_TR_ABLATIVE = re.compile(r"['’]n?(?:dan|den|tan|ten)(?:\s+[\wçğıöşüÇĞİÖŞÜ]+['’]y?[ae])?\s+$")


def _label_above(text: str, hit: Hit[Place], cues: list[Hit[str]], kinds: set[str]) -> Hit[str] | None:
    """A label alone on the line above a value alone on its line ("Nationality\nسوداني")."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : hit.start].strip() or text[hit.end : line_end].strip(" .,:;()") or line_start == 0:
        return None
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    for c in cues:
        if c.payload in kinds and prev_start <= c.start and c.end <= line_start - 1:
            rest = text[prev_start : c.start] + text[c.end : line_start - 1]
            if len(rest.split()) <= 1:
                return c
    return None


_ORIGIN_WORDS = re.compile(
    r"(?i)country of origin|pays d'origine|出身国|بلد الأصل|کشور مبدأ|کشور اصلی|menşe|origin:|origine\s*:"
)


# Arabic-script organisations named after the country: "اردوی ملی افغانستان" (the Afghan army), "حزب ...",
# "تحریک لبیک پاکستان", "پاکستان پیپلز پارٹی", "جامعة دمشق"
_SCRIPT_ORG_BEFORE = re.compile(
    r"(?<![\u0600-\u06FF])(?:اردوی|ارتش|حزب|جبهه|جبهة|جيش|الجيش|تحریک|تحريك|پارٹی|دانشگاه|جامعة|بانک|بنك|پولیس)"
    r"(?:[ \t\u200c]+[\u0600-\u06FF\u200c]+){0,2}[ \t\u200c]+$"
)
_SCRIPT_ORG_AFTER = re.compile(r"[ \t\u200c]+(?:پیپلز|مسلم[ \t]+لیگ|تحریک|پارٹی|آرمی|ارمی|عوامی)(?![\u0600-\u06FF])")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is a country name part of an organisation's name (a capitalised word glued on either side, or an
    Arabic-script organisation word right before or after it)?"""
    if is_arabic_script(text[start]):
        line_start = text.rfind("\n", 0, start) + 1
        return bool(
            _SCRIPT_ORG_BEFORE.search(text[max(line_start, start - 40) : start]) or _SCRIPT_ORG_AFTER.match(text, end)
        )
    if not text[start].isascii():
        return False
    before = re.search(r"([A-Z][\w']*)[ \t-]+$", text[max(0, start - 30) : start])
    if before and before.group(1).casefold() not in _NAME_PREFIX_OK:
        k = start - len(before.group(0))
        prefix = text[max(0, k - 3) : k]
        if k > 0 and not re.search(r"[.!?:\n]\s*$|^\s*$", prefix):
            return True
    after = re.match(r"[ \t-]+([A-Z][a-z]+)", text[end : end + 30])
    return after is not None and after.group(1).casefold() in _ORG_NAME_WORDS


# --------------------------------------------------------------------------------------------
# Names that are no place where they stand
# --------------------------------------------------------------------------------------------

#: A word this frequent in the page's language (wordfreq's small lists; "most" 1e-3, "paul" 1e-4, "kandahar"
#: unlisted) is a word or a given name before it is a district.
COMMON_WORD_FREQUENCY = 1e-5
# "Most District", "Paul municipality", "Farah Province": the text itself says it is a place
_PLACE_TYPE_AFTER = re.compile(
    r"(?i)[ \t-]+(?:district|province|region|municipality|county|city|town|village|state|prefecture|governorate"
    r"|oblast|département|région|ville|provincia|distrito|municipio)\b"
)
_LOCATIVE_BEFORE = re.compile(r"(?i)(?:^|[^\w])(?:in|from|to|at|near|of|à|de|en|dans|desde|nach|aus)[ \t]+$")
# "Ambo University", "London School of Hygiene": an institution named after its town is no mention of the town
_INSTITUTION_AFTER = re.compile(r"[ \t]+(?:University|College|School|Institute|Hospital|Academy|Stadium)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“”«»•(\-–—])[ \t]*$")


def _not_a_place_here(text: str, hit: Hit[Place], language: str) -> bool:
    """A Latin-script town or district name standing where it names something else.

    * Any town in an institution's name ("Ambo University").
    * A district or municipality from ISO 3166-2 (pycountry; thousands of small places, many named like words
      and people), unless a place word or a locative preposition says it is a place ("Most District", "born
      in Most"): inside a person's or organisation's name ("Yusuf Abdi Farah"), or written with no sign of a
      proper noun (ALL CAPS, or first word of a sentence or line) while it is a common word of the page's
      language ("PAUL", "Most people...").
    Countries, airports and the other scripts are left alone: a capital there is no evidence either way.
    """
    place = hit.payload
    value = text[hit.start : hit.end]
    if place.kind != CITY or not value.isascii() or not _is_latin(value):
        return False
    if _INSTITUTION_AFTER.match(text, hit.end):
        return True
    if place.source != "pycountry":
        return False
    if _PLACE_TYPE_AFTER.match(text, hit.end) or _LOCATIVE_BEFORE.search(text[max(0, hit.start - 12) : hit.start]):
        return False
    if _in_a_name(text, hit.start, hit.end):
        return True
    if not (value.isupper() or _SENTENCE_START.search(text[max(0, hit.start - 12) : hit.start])):
        return False
    return _common_word(value, language)


def _common_word(word: str, language: str) -> bool:
    """Is ``word`` at least ``COMMON_WORD_FREQUENCY`` frequent in ``language`` (English where it has no list)?"""
    from examiner_app.extraction.language import word_frequency  # the lists load on the first such word only

    frequency = word_frequency(word, language)
    if frequency is None:  # no list for the page's language: a Latin word there is most likely English
        frequency = word_frequency(word, "en")
    return frequency is not None and frequency >= COMMON_WORD_FREQUENCY


_NAME_PREFIX_OK = frozenset({"i", "in", "to", "from", "the", "of", "and", "republic", "north", "south", "islamic"})
_ORG_NAME_WORDS = frozenset(
    {
        "peoples",
        "people's",
        "party",
        "army",
        "movement",
        "front",
        "league",
        "tehreek",
        "congress",
        "union",
        "liberation",
    }
)


# a form line ("Date of entry: ...", "入国日：..."): a label, then a value
_FORM_LINE = re.compile(r"[ \t]*(?:\d+[ \t.)]*)?[^\n:：.。]{1,40}[:：]")


def _is_question(text: str, a: int, b: int) -> bool:
    """An interviewer's question ("Q: When did you arrive in Japan?") reports no journey."""
    body = text[a:b].rstrip()
    return body.endswith(("?", "？", "؟")) or bool(
        re.match(r"(?i)\s*(?:q|question|問|質問|س|سؤال|سوال|soru)\s*[.:：]", body)
    )


def _place_between(places: list[Hit[Place]], a: int, b: int) -> bool:
    return any(a <= h.start and h.end <= b for h in places)


def _ordered_hits(text: str, hits: list[Hit[Place]]) -> list[Hit[Place]]:
    """``hits`` in travel order, using "from"/"via"/"to" cues around each place."""
    roles: list[tuple[Hit[Place], str]] = []
    for hit in hits:
        before = fold(text[max(0, hit.start - 20) : hit.start]).casefold().rstrip()
        after = text[hit.end : hit.end + 12].lstrip()
        role = ""
        for r in (VIA, FROM, TO):
            if any(re.search(rf"(?:^|\W){re.escape(fold(w))}$", before) for w in _ROUTE_BEFORE[r]):
                role = r
                break
        if not role:
            for r in (VIA, FROM, TO):
                if any(after.startswith(w) for w in _ROUTE_AFTER[r]):
                    role = r
                    break
        roles.append((hit, role))
    order = list(roles)
    # "flew to Japan via Thailand": a via-place after a to-place comes before it.
    for k in range(1, len(order)):
        if order[k][1] == VIA and order[k - 1][1] == TO:
            order[k - 1], order[k] = order[k], order[k - 1]
    # "came to Japan from Thailand": origins first.
    origins = [x for x in order if x[1] == FROM]
    rest = [x for x in order if x[1] != FROM]
    return [h for h, _ in origins + rest]


def _order_route(text: str, hits: list[Hit[Place]]) -> list[str]:
    """Country codes of ``hits`` in travel order."""
    return [h.payload.cc or "" for h in _ordered_hits(text, hits)]


__all__ = ["Place", "PlaceExtractor", "alpha2_for_code", "country_name", "find_places", "gazetteer"]
